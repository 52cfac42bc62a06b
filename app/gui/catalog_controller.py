"""The model catalog and video encoders behind the window's combos: listing models and
devices, importing weight files, and refreshing the lists when a model joins.

Listing and importing run in workers (:mod:`app.gui.catalog_workers`) because they import
torch and build models, seconds the GUI thread must not wait; this object hands their
results to the settings panel, the Train tab, the metrics panel and the status bar.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.gui.catalog_workers import EncodersWorker, ImportWorker, ModelsWorker

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow


class CatalogController(QObject):
    """Models, devices and encoders → the panels; imported or trained models → a refresh.

    Owned by the main window, which exposes ``models``, ``models_loaded`` and
    ``device_text`` from here for tests and scripts.
    """

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self._win = win
        self.settings_panel, self.trainer = win.settings_panel, win.trainer
        self.metrics, self.host = win.metrics, win.host
        self.models: list[Any] = []
        self.models_loaded = False
        self.device_text = ""

    # listing ----------------------------------------------------------------------------
    def refresh_models(self) -> None:
        """List the models and devices (and colorizers) in a worker."""
        w = ModelsWorker()
        w.colorizers.connect(self.settings_panel.set_colorize_models)
        w.autoBackend.connect(self.settings_panel.set_auto_backend)
        w.loaded.connect(self._on_models)
        w.message.connect(self._win.log_message)
        w.finished.connect(self._on_models_finished)
        self.host.start(w)

    @Slot()
    def _on_models_finished(self) -> None:
        """Listed or failed: the model box and Start are usable again (a failure leaves
        the resizers, which need no model file)."""
        self.settings_panel.set_loading(False)
        self._win.menus.start_action.setEnabled(True)

    @Slot(list, list, str)
    def _on_models(self, models: list, devices: list, device_text: str) -> None:
        self.models = models
        self.models_loaded = True
        self.device_text = device_text
        self.settings_panel.set_models(models)
        self.settings_panel.set_devices(devices)
        self.trainer.set_models(models)
        self._win.device_label.setText(self.tr("Device: {d}").format(d=device_text))
        self.update_selfcheck_models()
        shipped = sum(1 for m in models if m.source == "shipped")
        self._win.log_message(self.tr("{n} models ({s} shipped), devices: {d}").format(
            n=len(models), s=shipped, d=", ".join(devices)))

    def refresh_encoders(self) -> None:
        """Ask FFmpeg (in a worker) which video encoders it has, for the codec combo."""
        w = EncodersWorker()
        w.loaded.connect(self.settings_panel.set_encoders)
        w.message.connect(self._win.log_message)
        self.host.start(w)

    def update_selfcheck_models(self) -> None:
        """The self-check offers the models of the scale chosen in the settings panel, and
        a role by name where it runs two models in a row (x8)."""
        scale = self.settings_panel.job_settings().scale
        names = [m.name for m in self.models if m.scale == scale]
        if self.models:
            from engine.models.registry import ChainedModel, pick_role  # worker imported it
            names += [role for role in ("quality", "fast")
                      if isinstance(pick_role(self.models, role, scale), ChainedModel)]
        self.metrics.set_models(names, scale)

    # new models ------------------------------------------------------------------------
    def import_model_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._win, self.tr("Import model"), "",
                                              self.tr("Models (*.safetensors *.pth *.pt "
                                                      "*.ckpt *.onnx *.param);;SR Studio "
                                                      "model (*.safetensors)"))
        if path:
            self.import_model(Path(path))

    def import_model(self, path: Path) -> ImportWorker:
        """Import a weight file in a worker (building the model can take a moment)."""
        w = ImportWorker(Path(path))
        w.imported.connect(self._on_model_imported)
        w.failed.connect(self._on_import_failed)
        w.message.connect(self._win.log_message)
        self.host.start(w)
        return w

    @Slot(object)
    def _on_model_imported(self, info: Any) -> None:
        self._win.log_message(self.tr("Imported model {name} (×{s})").format(name=info.name,
                                                                               s=info.scale))
        self.settings_panel.want_model(info.name)
        self.refresh_models()

    @Slot(str)
    def _on_import_failed(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import model"), message,
                          QMessageBox.StandardButton.Ok, self._win)
        box.open()

    @Slot(str)
    def on_model_trained(self, path: str) -> None:
        """The Train tab imported its result: list it."""
        self._win.log_message(self.tr("Trained model added: {p}").format(p=path))
        self.refresh_models()
