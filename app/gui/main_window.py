"""The main window: the composition root that creates the parts and wires them together.

It owns no numerical code and little logic of its own: the queue side (adding files,
starting and cancelling jobs, the upscale worker's signals) lives in
:mod:`app.gui.queue_controller`, the viewer side (selection, decoded images, live previews,
self-check and heat maps) in :mod:`app.gui.viewer_controller`, the model list, devices,
encoders and model import in :mod:`app.gui.catalog_controller`.  The widget tree is laid out
by :mod:`app.gui.main_layout`, the actions, menus and toolbar by :mod:`app.gui.main_menus`,
and the saved geometry by :mod:`app.gui.window_state`.  What is left here is wiring, the
status line and log, drag and drop, starting training, and closing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, QUrl, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.gui.about import show_about
from app.gui.catalog_controller import CatalogController
from app.gui.export_worker import OnnxExportWorker
from app.gui.log_pane import LogPane
from app.gui.main_layout import build_main_layout
from app.gui.main_menus import MainMenus
from app.gui.metrics_panel import MetricsPanel
from app.gui.queue_controller import QueueController, video_extensions
from app.gui.queue_model import QueueItem, QueueModel, Status
from app.gui.queue_view import QueueView
from app.gui.queue_worker import QueueWorker
from app.gui.remote_worker import ServerCheckWorker
from app.gui.run_on import RunOnPanel
from app.gui.settings_panel import SettingsPanel
from app.gui.settings_store import SettingsStore
from app.gui.train_worker import TrainWorker
from app.gui.trainer_tab import TrainerTab
from app.gui.viewer import CompareView, TiledImage
from app.gui.viewer_controller import ViewerController, viewer_frame
from app.gui.window_state import restore_window_state, save_window_state
from app.gui.workers import WorkerHost

if TYPE_CHECKING:
    from app.gui.catalog_workers import ImportWorker

# video_extensions: tests and tools read it here
__all__ = ["MainWindow", "runs_folder", "video_extensions"]


def runs_folder() -> Path:
    from platformdirs import user_data_dir
    return Path(user_data_dir("SR Studio", "SR Studio")) / "runs"


class MainWindow(QMainWindow):
    """SR Studio's one window; its controllers do the queue, viewer and catalog work."""

    def __init__(self, store: SettingsStore | None = None) -> None:
        super().__init__()
        self.setWindowTitle("SR Studio")
        self.setObjectName("mainWindow")
        self.store = store or SettingsStore()
        self.host = WorkerHost(self)
        self.setAcceptDrops(True)

        self.queue = QueueModel(self)
        self.queue_view = QueueView(self.queue)
        self.settings_panel = SettingsPanel()
        self.run_on = RunOnPanel()
        self.compare = CompareView()
        self.metrics = MetricsPanel()
        self.log = LogPane()
        self.trainer = TrainerTab(runs_folder())
        layout = build_main_layout(self, settings_panel=self.settings_panel,
                                   compare=self.compare, queue_view=self.queue_view,
                                   metrics=self.metrics, trainer=self.trainer, log=self.log,
                                   run_bar=self.settings_panel.run_bar, run_on=self.run_on)
        self.tabs, self.log_dock = layout.tabs, layout.log_dock
        self.main_split, self.center_split = layout.main_split, layout.center_split
        self.device_label, self.counts_label = layout.device_label, layout.counts_label
        self._splitters = {"main_split": self.main_split, "center_split": self.center_split}

        self.viewer_ctl = ViewerController(self)
        self.queue_ctl = QueueController(self, self.viewer_ctl)
        self.catalog = CatalogController(self)
        self.menus = MainMenus(self)
        # the actions and menu that tests and scripts reach on the window
        self.autostart_action = self.menus.autostart_action
        self.cancel_all_action = self.menus.cancel_all_action
        self.recent_menu = self.menus.recent_menu
        self._connect()

        self.settings_panel.load(self.store)
        self.run_on.load(self.store)
        self.run_on.changed.connect(self._on_run_on_changed)
        self.trainer.load_form(self.store)
        self.metrics.set_models([], self.settings_panel.job_settings().scale)
        restore_window_state(self, self.store, self._splitters)
        self._closing = False       # close asked for; waiting for the workers to end
        self._close_ready = False   # the workers have ended: the next close is accepted
        # tests answer the 'jobs are running, quit?' question here (None: ask in a dialog)
        self.close_confirmer: Callable[[int], bool] | None = None
        self._update_counts()
        self.settings_panel.set_loading(True)
        self.menus.start_action.setEnabled(False)
        QTimer.singleShot(0, self.catalog, self.catalog.refresh_models)
        QTimer.singleShot(0, self.catalog, self.catalog.refresh_encoders)

    def _connect(self) -> None:
        sp, view = self.settings_panel, self.queue_view
        jobs, viewer, catalog = self.queue_ctl, self.viewer_ctl, self.catalog
        sp.start_button.clicked.connect(self.start_queued)
        sp.cancel_button.clicked.connect(self.cancel_all)
        sp.importRequested.connect(catalog.import_model_dialog)
        sp.changed.connect(self._on_settings_changed)
        self.run_on.testRequested.connect(self.test_server)
        view.selectionModel().selectionChanged.connect(viewer.on_selection)
        view.cancelRequested.connect(jobs.cancel_ids)
        view.removeRequested.connect(jobs.remove_ids)
        view.rerunRequested.connect(jobs.rerun_ids)
        view.openOutputRequested.connect(self._open_output_folder)
        self.queue.rowsInserted.connect(self._update_counts)
        self.queue.rowsRemoved.connect(self._update_counts)
        self.queue.dataChanged.connect(self._update_counts)
        self.host.idle.connect(self._on_workers_idle)
        jobs.workerChanged.connect(self._update_counts)
        jobs.pathsAdded.connect(self.recent_menu.remember)
        self.metrics.selfCheckRequested.connect(viewer.run_self_check)
        self.metrics.referenceRequested.connect(viewer.run_reference)
        self.metrics.heatmapToggled.connect(viewer.show_heatmap)
        self.trainer.startRequested.connect(self.start_training)
        self.trainer.modelTrained.connect(catalog.on_model_trained)
        self.trainer.onnxExportRequested.connect(self.export_onnx)

    # queue and viewer: their controllers' state and calls, kept here for tests and scripts
    @property
    def tokens(self) -> dict[int, Any]:
        return self.queue_ctl.tokens

    @property
    def upscale_worker(self) -> QueueWorker | None:
        return self.queue_ctl.upscale_worker

    @property
    def conflict_resolver(self) -> Callable[[Path], tuple[str, bool]] | None:
        return self.queue_ctl.conflict_resolver

    @conflict_resolver.setter
    def conflict_resolver(self, resolver: Callable[[Path], tuple[str, bool]] | None) -> None:
        self.queue_ctl.conflict_resolver = resolver

    @property
    def previews(self) -> dict[int, TiledImage]:
        return self.viewer_ctl.previews

    @property
    def current_id(self) -> int | None:
        return self.viewer_ctl.current_id

    viewer_frame = staticmethod(viewer_frame)

    def add_paths(self, paths: Iterable[str | os.PathLike[str]]) -> list[QueueItem]:
        """Queue files and folders (recursive); returns the new rows."""
        return self.queue_ctl.add_paths(paths)

    def start(self, ids: list[int] | None = None) -> int:
        """Start every queued row (or ``ids``); returns the number of jobs started."""
        return self.queue_ctl.start(ids)

    @Slot()
    def start_queued(self) -> int:
        """The Start button, menu, toolbar and Ctrl+Return: every queued row.

        A slot of its own: ``clicked`` and ``triggered`` pass ``checked`` (a bool), which
        ``start(ids)`` took for the list of rows and failed on."""
        return self.queue_ctl.start(None)

    def rerun_ids(self, ids: list[int]) -> None:
        self.queue_ctl.rerun_ids(ids)

    def cancel_ids(self, ids: list[int]) -> None:
        self.queue_ctl.cancel_ids(ids)

    def remove_ids(self, ids: list[int]) -> None:
        self.queue_ctl.remove_ids(ids)

    @Slot()
    def cancel_all(self) -> None:
        """Cancel all: every upscale job, and training when its tab is showing."""
        self.queue_ctl.cancel_jobs()
        if self.trainer.running() and self.tabs.currentWidget() is self.trainer:
            self.trainer.stop()

    def _update_counts(self, *args: Any) -> None:
        q = self.queue
        self.counts_label.setText(self.tr("{q} queued · {r} running · {d} done · {e} failed")
                                  .format(q=q.count(Status.QUEUED), r=q.count(Status.RUNNING),
                                          d=q.count(Status.DONE), e=q.count(Status.ERROR)))
        running = self.upscale_worker is not None or self.trainer.running()
        self.cancel_all_action.setEnabled(running)
        self.settings_panel.cancel_button.setEnabled(running)
        self.run_on.set_busy(self.upscale_worker is not None)
        hint = self.tr("Drop images, videos or folders to start")
        if self._closing:
            return
        if not q.rowCount() and not self.statusBar().currentMessage():
            self.statusBar().showMessage(hint)
        elif q.rowCount() and self.statusBar().currentMessage() == hint:
            self.statusBar().clearMessage()   # files are queued: the hint would mislead

    # models: the catalog controller's state and calls, kept here for tests and scripts ----
    @property
    def models(self) -> list[Any]:
        return self.catalog.models

    @property
    def models_loaded(self) -> bool:
        return self.catalog.models_loaded

    @property
    def device_text(self) -> str:
        return self.catalog.device_text

    def refresh_models(self) -> None:
        """List the models and devices again (in a worker)."""
        self.catalog.refresh_models()

    def import_model(self, path: Path) -> ImportWorker:
        """Import a weight file in a worker (building the model can take a moment)."""
        return self.catalog.import_model(path)

    @Slot()
    def _on_settings_changed(self) -> None:
        self.settings_panel.save(self.store)
        self.catalog.update_selfcheck_models()

    @Slot()
    def _on_run_on_changed(self) -> None:
        self.run_on.save(self.store)

    @Slot(object)
    def test_server(self, target: Any) -> None:
        """Run on's *Test connection*: ask the server in a worker, answer in the panel."""
        w = ServerCheckWorker(target)
        w.checked.connect(self.run_on.show_check)
        w.message.connect(self.log_message)
        self.host.start(w)

    # messages -----------------------------------------------------------------------------
    @Slot(str, str)
    def log_message(self, text: str, level: str = "info") -> None:
        self.log.append_message(text, level)
        if level == "error":
            self.statusBar().showMessage(text.splitlines()[-1], 10000)
            self.log_dock.show()

    def show_error(self, title: str, text: str) -> None:
        """An error the user must see: log + a non-blocking message box."""
        self.log_message(text, "error")
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self)
        box.open()

    def about(self) -> QMessageBox:
        return show_about(self, self.device_text)

    # drag and drop -------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        # model files and model folders are imported (in a worker); the rest is queued
        others = self.catalog.take_models(paths)
        new = self.add_paths(others) if others else []
        if new and self.autostart_action.isChecked():
            self.start()

    # training ---------------------------------------------------------------------------
    @Slot(object)
    def start_training(self, config: Any) -> None:
        if self.trainer.running() or self._closing:
            return
        self.trainer.save_form(self.store)
        w = TrainWorker(config)
        w.message.connect(self.log_message)
        w.failed.connect(self._on_train_failed)
        self.trainer.attach(w)
        w.finished.connect(self._update_counts)
        self.host.start(w)
        self.log_message(self.tr("Training {n} for {s} steps → {o}").format(
            n=config.model.name, s=config.run.steps, o=config.run.out_dir))
        self._update_counts()

    @Slot(str, str)
    def export_onnx(self, weights: str, target: str) -> None:
        """The trainer tab's 'Save as… (*.onnx)': export in a worker, report in the tab."""
        w = OnnxExportWorker(weights, target)
        w.done.connect(self.trainer.onnx_exported)
        w.failed.connect(self.trainer.onnx_export_failed)
        w.message.connect(self.log_message)
        self.host.start(w)

    @Slot(str)
    def _on_train_failed(self, message: str) -> None:
        self.log_message(self.tr("Training failed: {m}").format(m=message), "error")

    # misc -----------------------------------------------------------------------------------
    @Slot(int)
    def _open_output_folder(self, item_id: int) -> None:
        it = self.queue.by_id(item_id)
        if it is not None:
            folder = (it.output or it.path).parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def closing(self) -> bool:
        """Whether the window is stopping its workers in order to close."""
        return self._closing

    def running_jobs(self) -> int:
        """Upscale jobs running or waiting, plus a training run: what closing would stop."""
        return len(self.tokens) + (1 if self.trainer.running() else 0)

    def _confirm_close(self, jobs: int) -> bool:
        if self.close_confirmer is not None:
            return self.close_confirmer(jobs)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Quit SR Studio"),
                          self.tr("{n} job(s) are running. Stop them and quit? Unfinished "
                                  "outputs are not kept.").format(n=jobs), parent=self)
        box.setObjectName("confirmClose")
        quit_button = box.addButton(self.tr("Stop and quit"),
                                    QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep running"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is quit_button

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close without ever destroying a running thread: cancel every worker, wait for
        the host's ``idle`` without blocking (the window says it is stopping), then close."""
        if self._close_ready or not self.host.busy():
            if not self._closing:
                self._save_state()
            super().closeEvent(event)
            return
        event.ignore()
        if self._closing:
            return
        jobs = self.running_jobs()
        if jobs and not self._confirm_close(jobs):
            return
        if not self.host.busy():   # the jobs ended while the question was open
            self._save_state()
            self._close_ready = True
            self.close()
            return
        self._closing = True
        self._save_state()
        self.queue_ctl.cancel_jobs()
        if self.trainer.running():
            self.trainer.stop()
        self.host.cancel_all()
        self.centralWidget().setEnabled(False)
        self.statusBar().showMessage(self.tr("Stopping the running jobs…"))

    def _save_state(self) -> None:
        self.settings_panel.save(self.store)
        self.run_on.save(self.store)
        self.trainer.save_form(self.store)
        save_window_state(self, self.store, self._splitters)
        self.store.sync()

    @Slot()
    def _on_workers_idle(self) -> None:
        if self._closing:
            self._close_ready = True
            QTimer.singleShot(0, self, self.close)   # dropped if the window is deleted first
