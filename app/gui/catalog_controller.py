"""The model catalog and video encoders behind the window's combos: listing models and
devices, importing model files (the Import action, a drop on the window or on the Models
view), renaming and removing them, and refreshing the lists when the library changes.

Listing, importing, renaming and removing run in workers (:mod:`app.gui.catalog_workers`)
because they import torch and build models, seconds the GUI thread must not wait; this
object hands their results to the settings panel, the Train tab, the metrics panel, the
Models view (:mod:`app.gui.models_dialog`) and the status bar.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from app.gui.catalog_workers import (
    EncodersWorker,
    ImportWorker,
    LibraryChangeWorker,
    LibraryWorker,
    ModelsWorker,
)
from app.gui.feedback import Feedback
from app.gui.workers import WorkerHost

if TYPE_CHECKING:
    from app.gui.metrics_panel import MetricsPanel
    from app.gui.settings_panel import SettingsPanel
    from app.gui.trainer_tab import TrainerTab


class CatalogController(QObject):
    """Models, devices and encoders → the panels; imported or trained models → a refresh.

    ``models``, ``models_loaded`` and ``device_text`` are the latest listing's; the main
    window wires the actions and the Train tab to the public slots here.
    """

    modelsChanged = Signal()    # a new model list reached the panels
    listingEnded = Signal()     # a listing ended, listed or failed: Start may be used
    changeFailed = Signal(str)  # a rename or removal was refused (one line)
    changeFinished = Signal()   # a rename or removal ended, done or refused
    importRejected = Signal(list)  # one line per model file that could not be imported

    def __init__(self, *, settings_panel: SettingsPanel, trainer: TrainerTab,
                 metrics: MetricsPanel, device_label: QLabel, host: WorkerHost,
                 feedback: Feedback, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings_panel, self.trainer, self.metrics = settings_panel, trainer, metrics
        self.device_label, self.host, self.feedback = device_label, host, feedback
        self.models: list[Any] = []
        self.models_loaded = False
        self.device_text = ""
        self.import_box: QMessageBox | None = None   # the last import's failures, if any
        self.models_dialog: Any = None               # Models ▸ Manage models… (one at a time)

    # listing ----------------------------------------------------------------------------
    def refresh_models(self) -> None:
        """List the models and devices (and colorizers) in a worker."""
        w = ModelsWorker()
        w.colorizers.connect(self.settings_panel.set_colorize_models)
        w.autoBackend.connect(self.settings_panel.set_auto_backend)
        w.loaded.connect(self._on_models)
        w.message.connect(self.feedback.log)
        w.finished.connect(self._on_models_finished)
        self.host.start(w)

    @Slot()
    def _on_models_finished(self) -> None:
        """Listed or failed: the model box and Start are usable again (a failure leaves
        the resizers, which need no model file)."""
        self.settings_panel.set_loading(False)
        self.listingEnded.emit()

    @Slot(list, list, str)
    def _on_models(self, models: list, devices: list, device_text: str) -> None:
        self.models = models
        self.models_loaded = True
        self.device_text = device_text
        self.settings_panel.set_models(models)
        self.settings_panel.set_devices(devices)
        self.trainer.set_models(models)
        self.device_label.setText(self.tr("Device: {d}").format(d=device_text))
        self.update_selfcheck_models()
        shipped = sum(1 for m in models if m.source == "shipped")
        self.feedback.log(self.tr("{n} models ({s} shipped), devices: {d}").format(
            n=len(models), s=shipped, d=", ".join(devices)))
        self.modelsChanged.emit()

    def refresh_encoders(self) -> None:
        """Ask FFmpeg (in a worker) which video encoders it has, for the codec combo."""
        w = EncodersWorker()
        w.loaded.connect(self.settings_panel.set_encoders)
        w.message.connect(self.feedback.log)
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
        paths, _ = QFileDialog.getOpenFileNames(
            self.feedback.dialog_parent, self.tr("Import models"), "",
            self.tr("Models (*.safetensors *.pth *.pt *.ckpt *.onnx *.param);;All files (*)"))
        if paths:
            self.import_models([Path(p) for p in paths])

    def import_model(self, path: Path) -> ImportWorker:
        """Import one model file in a worker (building and probing it takes a moment)."""
        return self.import_models([Path(path)])

    def import_models(self, paths: list[Path]) -> ImportWorker:
        """Import model files and folders in a worker: each joins the model box when done,
        each bad one is one line in the log and in one message."""
        w = ImportWorker(paths)
        w.imported.connect(self._on_models_imported)
        w.rejected.connect(self._on_import_rejected)
        w.failed.connect(self._on_import_failed)
        w.message.connect(self.feedback.log)
        self.host.start(w)
        names = ", ".join(Path(p).name for p in paths[:3]) + (", …" if len(paths) > 3 else "")
        self.feedback.log(self.tr("Importing {what}…").format(what=names))
        return w

    def take_models(self, paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
        """Import the model files and model folders among dropped ``paths`` (in a worker)
        and return the rest, for the queue; the engine decides which are models."""
        from engine.models.library import split_model_paths
        models, others = split_model_paths(paths)
        if models:
            self.import_models(models)
        return others

    @Slot(list)
    def _on_models_imported(self, infos: list) -> None:
        for info in infos:
            fmt = info.metadata.get("model_format") or "SR Studio"
            self.feedback.log(self.tr("Imported model {name} ({arch} ×{s}, {f})").format(
                name=info.name, arch=info.arch, s=info.scale, f=fmt))
        self.settings_panel.want_model(infos[-1].name)
        self.refresh_models()

    @Slot(list)
    def _on_import_rejected(self, lines: list) -> None:
        for line in lines:
            self.feedback.log(self.tr("Not imported: {m}").format(m=line), "error")
        self.importRejected.emit(lines)
        self._show_import_problem("\n".join(str(line) for line in lines))

    @Slot(str)
    def _on_import_failed(self, message: str) -> None:
        self._show_import_problem(message)

    def _show_import_problem(self, text: str) -> None:
        """One message (not one per file) with one line per failure; never blocks."""
        if self.import_box is not None:
            self.import_box.close()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import model"), text,
                          QMessageBox.StandardButton.Ok, self.feedback.dialog_parent)
        box.setObjectName("importProblem")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._on_import_box_gone)
        self.import_box = box
        box.open()

    @Slot()
    def _on_import_box_gone(self) -> None:
        self.import_box = None

    # the library: the Models view, rename, remove ----------------------------------------
    def manage_models(self) -> Any:
        """Models ▸ Manage models…: one Models view at a time, raised when already open."""
        from app.gui.models_dialog import ModelsDialog
        if self.models_dialog is None:
            self.models_dialog = ModelsDialog(self, self.feedback.dialog_parent)
        self.models_dialog.show()
        self.models_dialog.raise_()
        self.models_dialog.activateWindow()
        return self.models_dialog

    def list_library(self, listed: Callable[[list], None],
                     finished: Callable[[], None]) -> LibraryWorker:
        """List the library's entries (facts and hashes) in a worker; ``listed`` and
        ``finished`` (slots of GUI-thread objects) are connected before it starts, so a
        quick worker cannot end unheard."""
        w = LibraryWorker()
        w.listed.connect(listed)
        w.finished.connect(finished)
        w.message.connect(self.feedback.log)
        self.host.start(w)
        return w

    def rename_model(self, old: str, new: str) -> LibraryChangeWorker:
        return self._change(LibraryChangeWorker(old, new))

    def remove_model(self, name: str) -> LibraryChangeWorker:
        return self._change(LibraryChangeWorker(name))

    def _change(self, w: LibraryChangeWorker) -> LibraryChangeWorker:
        w.changed.connect(self._on_library_changed)
        w.failed.connect(self._on_change_failed)
        w.finished.connect(self._on_change_finished)
        w.message.connect(self.feedback.log)
        self.host.start(w)
        return w

    @Slot(str)
    def _on_change_failed(self, message: str) -> None:
        self.changeFailed.emit(message)

    @Slot()
    def _on_change_finished(self) -> None:
        self.changeFinished.emit()

    @Slot(str, str)
    def _on_library_changed(self, old: str, new: str) -> None:
        selected = self.settings_panel.model_name() == old
        if new:
            self.feedback.log(self.tr("Renamed model {old} to {new}").format(old=old,
                                                                                 new=new))
            if selected:
                self.settings_panel.want_model(new)
        else:
            self.feedback.log(self.tr("Removed model {name}").format(name=old))
            if selected:   # not 'keep wanting it': it is gone, not yet to be listed
                self.settings_panel.want_model("auto")
        self.refresh_models()

    @Slot(str)
    def on_model_trained(self, path: str) -> None:
        """The Train tab imported its result: list it."""
        self.feedback.log(self.tr("Trained model added: {p}").format(p=path))
        self.refresh_models()
