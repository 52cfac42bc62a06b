"""The main window: the composition root that creates the parts and wires them together.

It owns no numerical code and little logic of its own: the queue's rows and their rules
are the plain :class:`~app.gui.queue_state.QueueState` (shown by
:class:`~app.gui.queue_model.QueueModel`), the queue side (adding files, starting and
cancelling jobs, the upscale worker's signals) lives in :mod:`app.gui.queue_controller`,
the viewer side (selection, decoded images, live previews, self-check and heat maps) in
:mod:`app.gui.viewer_controller`, the model list, devices, encoders and model import in
:mod:`app.gui.catalog_controller`, the Train tab's runs in
:mod:`app.gui.training_controller`.  Each controller is given the widgets, models and
services it uses (and :class:`~app.gui.feedback.Feedback` for the log, status line and
dialogs), never the window.  The widget tree is laid out by :mod:`app.gui.main_layout`,
the actions, menus and toolbar by :mod:`app.gui.main_menus`, and the saved geometry by
:mod:`app.gui.window_state`.  What is left here is wiring, the counts, drag and drop,
Cancel all and closing.  Tests reach the parts as a user does (widgets, actions) or
through the controllers; the window forwards nothing for them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, QUrl, Slot
from PySide6.QtGui import QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.gui.about import show_about
from app.gui.catalog_controller import CatalogController
from app.gui.feedback import Feedback
from app.gui.log_pane import LogPane
from app.gui.main_layout import build_main_layout
from app.gui.main_menus import MainMenus
from app.gui.metrics_panel import MetricsPanel
from app.gui.queue_controller import QueueController
from app.gui.queue_model import QueueModel
from app.gui.queue_state import QueueState, Status
from app.gui.queue_view import QueueView
from app.gui.remote_worker import ServerCheckWorker
from app.gui.run_on import RunOnPanel
from app.gui.settings_panel import SettingsPanel
from app.gui.settings_store import SettingsStore
from app.gui.trainer_tab import TrainerTab
from app.gui.training_controller import TrainingController
from app.gui.viewer import CompareView
from app.gui.viewer_controller import ViewerController
from app.gui.window_state import restore_window_state, save_window_state
from app.gui.workers import WorkerHost

__all__ = ["MainWindow", "runs_folder"]


def runs_folder() -> Path:
    from platformdirs import user_data_dir
    return Path(user_data_dir("SR Studio", "SR Studio")) / "runs"


class MainWindow(QMainWindow):
    """SR Studio's one window; its controllers do the queue, viewer, catalog and training
    work, each given only the parts it uses."""

    def __init__(self, store: SettingsStore | None = None) -> None:
        super().__init__()
        self.setWindowTitle("SR Studio")
        self.setObjectName("mainWindow")
        self.store = store or SettingsStore()
        self.host = WorkerHost(self)
        self.setAcceptDrops(True)

        self.queue = QueueState()                        # the rows (plain Python)
        self.queue_model = QueueModel(self.queue, self)  # ... as Qt's table model
        self.queue_view = QueueView(self.queue_model)
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

        self.feedback = Feedback(self.log, self.log_dock, self.statusBar(), self)
        common: dict[str, Any] = {"host": self.host, "feedback": self.feedback, "parent": self}
        self.viewer_ctl = ViewerController(
            queue=self.queue, queue_view=self.queue_view, compare=self.compare,
            metrics=self.metrics, settings_panel=self.settings_panel, **common)
        self.queue_ctl = QueueController(
            queue=self.queue, queue_view=self.queue_view, settings_panel=self.settings_panel,
            run_on=self.run_on, viewer=self.viewer_ctl, store=self.store, **common)
        self.catalog = CatalogController(
            settings_panel=self.settings_panel, trainer=self.trainer, metrics=self.metrics,
            device_label=self.device_label, **common)
        self.training = TrainingController(trainer=self.trainer, store=self.store, **common)
        self.menus = MainMenus(self)
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
        sp.start_button.clicked.connect(jobs.start_queued)
        sp.cancel_button.clicked.connect(self.cancel_all)
        sp.importRequested.connect(catalog.import_model_dialog)
        sp.changed.connect(self._on_settings_changed)
        self.run_on.testRequested.connect(self.test_server)
        view.selectionModel().selectionChanged.connect(viewer.on_selection)
        view.cancelRequested.connect(jobs.cancel_ids)
        view.removeRequested.connect(jobs.remove_ids)
        view.rerunRequested.connect(jobs.rerun_ids)
        view.openOutputRequested.connect(self._open_output_folder)
        self.queue_model.rowsInserted.connect(self._update_counts)
        self.queue_model.rowsRemoved.connect(self._update_counts)
        self.queue_model.dataChanged.connect(self._update_counts)
        self.host.idle.connect(self._on_workers_idle)
        jobs.workerChanged.connect(self._update_counts)
        jobs.pathsAdded.connect(self.menus.recent_menu.remember)
        catalog.listingEnded.connect(self._on_models_listed)
        self.metrics.selfCheckRequested.connect(viewer.run_self_check)
        self.metrics.referenceRequested.connect(viewer.run_reference)
        self.metrics.heatmapToggled.connect(viewer.show_heatmap)
        self.trainer.startRequested.connect(self.training.start_training)
        self.trainer.modelTrained.connect(catalog.on_model_trained)
        self.trainer.onnxExportRequested.connect(self.training.export_onnx)
        self.training.runningChanged.connect(self._update_counts)

    @Slot()
    def cancel_all(self) -> None:
        """Cancel all: every upscale job, and training when its tab is showing."""
        self.queue_ctl.cancel_jobs()
        if self.tabs.currentWidget() is self.trainer:
            self.training.stop()

    def _update_counts(self, *args: Any) -> None:
        counts = self.queue.summary()
        self.counts_label.setText(self.tr("{q} queued · {r} running · {d} done · {e} failed")
                                  .format(q=counts[Status.QUEUED], r=counts[Status.RUNNING],
                                          d=counts[Status.DONE], e=counts[Status.ERROR]))
        running = self.queue_ctl.running() or self.training.running()
        self.menus.cancel_all_action.setEnabled(running)
        self.settings_panel.cancel_button.setEnabled(running)
        self.run_on.set_busy(self.queue_ctl.running())
        hint = self.tr("Drop images, videos or folders to start")
        if self._closing:
            return
        if not len(self.queue) and not self.statusBar().currentMessage():
            self.statusBar().showMessage(hint)
        elif len(self.queue) and self.statusBar().currentMessage() == hint:
            self.statusBar().clearMessage()   # files are queued: the hint would mislead

    @Slot()
    def _on_models_listed(self) -> None:
        """Listed or failed: Start is usable (a failure leaves the resizers)."""
        self.menus.start_action.setEnabled(True)

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
        w.message.connect(self.feedback.log)
        self.host.start(w)

    def about(self) -> QMessageBox:
        return show_about(self, self.catalog.device_text)

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
        new = self.queue_ctl.add_paths(others) if others else []
        if new and self.menus.autostart_action.isChecked():
            self.queue_ctl.start()

    # misc -----------------------------------------------------------------------------------
    @Slot(int)
    def _open_output_folder(self, item_id: int) -> None:
        it = self.queue.by_id(item_id)
        if it is not None:
            folder = (it.output or it.path).parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def running_jobs(self) -> int:
        """Upscale jobs running or waiting, plus a training run: what closing would stop."""
        return len(self.queue.active()) + (1 if self.training.running() else 0)

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
        self.queue_ctl.shut_down()
        self.training.shut_down()
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
