"""The main window: builds the layout, menus and toolbar and wires the parts together.

It owns no numerical code and little logic of its own: the queue side (adding files,
starting and cancelling jobs, the upscale worker's signals) lives in
:mod:`app.gui.queue_controller`, the viewer side (selection, decoded images, live previews,
self-check and heat maps) in :mod:`app.gui.viewer_controller`.  What is left here is the
window itself: layout, actions, models and encoders, recent files, drag and drop, training,
theme and saved geometry.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.gui.about import show_about
from app.gui.catalog_workers import EncodersWorker, ImportWorker, ModelsWorker
from app.gui.log_pane import LogPane
from app.gui.metrics_panel import MetricsPanel
from app.gui.palette import THEMES, apply_theme
from app.gui.queue_controller import QueueController, video_extensions
from app.gui.queue_model import QueueItem, QueueModel, Status
from app.gui.queue_view import QueueView
from app.gui.settings_panel import SettingsPanel
from app.gui.settings_store import SettingsStore
from app.gui.train_worker import TrainWorker
from app.gui.trainer_tab import TrainerTab
from app.gui.upscale_worker import UpscaleWorker
from app.gui.viewer import CompareView, TiledImage
from app.gui.viewer_controller import ViewerController, viewer_frame
from app.gui.workers import WorkerHost

# video_extensions: tests and tools read it here
__all__ = ["MainWindow", "runs_folder", "video_extensions"]


def runs_folder() -> Path:
    from platformdirs import user_data_dir
    return Path(user_data_dir("SR Studio", "SR Studio")) / "runs"


class MainWindow(QMainWindow):
    """SR Studio's one window; the queue and viewer controllers do the per-row work."""

    def __init__(self, store: SettingsStore | None = None) -> None:
        super().__init__()
        self.setWindowTitle("SR Studio")
        self.setObjectName("mainWindow")
        self.store = store or SettingsStore()
        self.host = WorkerHost(self)
        self.models: list[Any] = []
        self.models_loaded = False
        self.device_text = ""
        self.setAcceptDrops(True)

        self.queue = QueueModel(self)
        self.queue_view = QueueView(self.queue)
        self.settings_panel = SettingsPanel()
        self.compare = CompareView()
        self.metrics = MetricsPanel()
        self.log = LogPane()
        self.trainer = TrainerTab(runs_folder())
        self.viewer_ctl = ViewerController(self)
        self.queue_ctl = QueueController(self, self.viewer_ctl)
        self._build_layout()
        self._build_actions()
        self._connect()

        self.settings_panel.load(self.store)
        self.trainer.load_form(self.store)
        self.metrics.set_models([], self.settings_panel.job_settings().scale)
        self._restore_geometry()
        self.statusBar().showMessage(self.tr("Drop images, videos or folders to start"))
        QTimer.singleShot(0, self.refresh_models)
        QTimer.singleShot(0, self.refresh_encoders)

    # layout ------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        left = QScrollArea()
        left.setWidget(self.settings_panel)
        left.setWidgetResizable(True)
        left.setMinimumWidth(300)
        left.setFrameShape(QScrollArea.Shape.NoFrame)
        left.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # no scroll area on the right: its wrapped text would make the area use the
        # preferred (not minimum) height and scroll the chart out of view
        right = self.metrics
        right.setMinimumWidth(330)

        self.center_split = QSplitter(Qt.Orientation.Vertical)
        self.center_split.addWidget(self.compare)
        self.center_split.addWidget(self.queue_view)
        self.center_split.setStretchFactor(0, 3)
        self.center_split.setStretchFactor(1, 1)
        self.center_split.setSizes([620, 220])
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.addWidget(left)
        self.main_split.addWidget(self.center_split)
        self.main_split.addWidget(right)
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setSizes([330, 900, 370])

        upscale = QWidget()
        ul = QVBoxLayout(upscale)
        ul.setContentsMargins(6, 6, 6, 6)
        ul.addWidget(self.main_split)
        self.tabs = QTabWidget()
        self.tabs.addTab(upscale, self.tr("Upscale"))
        self.tabs.addTab(self.trainer, self.tr("Train"))
        self.setCentralWidget(self.tabs)

        self.log_dock = QDockWidget(self.tr("Log"), self)
        self.log_dock.setObjectName("logDock")
        self.log_dock.setWidget(self.log)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.log_dock)
        self.resizeDocks([self.log_dock], [110], Qt.Orientation.Vertical)
        self.device_label = QLabel("")
        self.counts_label = QLabel("")
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.device_label)

    def _action(self, text: str, slot: Callable, shortcut: Any = None,
                tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            act.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            act.setToolTip(tip)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        K, jobs = QKeySequence.StandardKey, self.queue_ctl
        self.open_action = self._action(self.tr("&Open images or videos…"), jobs.open_files,
                                        K.Open)
        self.open_folder_action = self._action(self.tr("Open &folder…"), jobs.open_folder,
                                               "Ctrl+Shift+O")
        self.import_action = self._action(self.tr("&Import model…"), self.import_model_dialog,
                                          "Ctrl+I")
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")
        self.start_action = self._action(self.tr("&Start"), self.start,
                                         ["Ctrl+Return", "Ctrl+Enter"],
                                         self.tr("Upscale every queued file (Ctrl+Return)"))
        self.cancel_action = self._action(self.tr("Cancel &selected"), jobs.cancel_selected)
        self.cancel_all_action = self._action(self.tr("&Cancel all"), self.cancel_all, "Esc")
        self.remove_action = self._action(self.tr("&Remove finished"), jobs.remove_finished)
        self.autostart_action = QAction(self.tr("Start &automatically on drop"), self)
        self.autostart_action.setCheckable(True)
        self.autostart_action.setChecked(self.store.get_bool("queue/autostart", False))
        self.autostart_action.toggled.connect(lambda on: self.store.set("queue/autostart", on))
        self.fit_action = self._action(self.tr("&Fit"), self.compare.fit, ["F", "Ctrl+0"])
        self.zoom_actions = [self._action(f"{z * 100}%", self._zoom_slot(z), str(z))
                             for z in (1, 2, 4)]
        self.wipe_action = self._action(self.tr("Split &wipe"), self._toggle_wipe, "W")
        self.wipe_action.setCheckable(True)
        self.log_action = self.log_dock.toggleViewAction()
        self.log_action.setShortcut(QKeySequence("Ctrl+L"))
        self.about_action = self._action(self.tr("&About SR Studio"), self.about)
        self.keys_action = self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts,
                                        K.HelpContents)

        mb = self.menuBar()
        fm = mb.addMenu(self.tr("&File"))
        fm.addActions([self.open_action, self.open_folder_action])
        self.recent_menu = fm.addMenu(self.tr("Open &recent"))
        fm.addSeparator()
        fm.addAction(self.import_action)
        fm.addSeparator()
        fm.addAction(self.quit_action)
        jm = mb.addMenu(self.tr("&Queue"))
        jm.addActions([self.start_action, self.cancel_action, self.cancel_all_action,
                       self.remove_action])
        jm.addSeparator()
        jm.addAction(self.autostart_action)
        vm = mb.addMenu(self.tr("&View"))
        vm.addAction(self.fit_action)
        vm.addActions(self.zoom_actions)
        vm.addAction(self.wipe_action)
        vm.addSeparator()
        vm.addAction(self.log_action)
        theme_menu = vm.addMenu(self.tr("&Theme"))
        group = QActionGroup(self)
        current = self.store.get_str("view/theme", "system")
        for name in THEMES:
            act = theme_menu.addAction(self.tr(name.capitalize()))
            act.setCheckable(True)
            act.setChecked(name == current)
            act.setData(name)
            group.addAction(act)
        group.triggered.connect(self._on_theme)
        hm = mb.addMenu(self.tr("&Help"))
        hm.addActions([self.keys_action, self.about_action])

        SP = QStyle.StandardPixmap
        for act, icon in ((self.open_action, SP.SP_DialogOpenButton),
                          (self.open_folder_action, SP.SP_DirOpenIcon),
                          (self.start_action, SP.SP_MediaPlay),
                          (self.cancel_all_action, SP.SP_BrowserStop),
                          (self.import_action, SP.SP_FileIcon)):
            act.setIcon(self.style().standardIcon(icon))
        tb = self.addToolBar(self.tr("Main"))
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addActions([self.open_action, self.open_folder_action])
        tb.addSeparator()
        tb.addActions([self.start_action, self.cancel_all_action])
        tb.addSeparator()
        tb.addAction(self.import_action)
        self._rebuild_recent()

    def _zoom_slot(self, z: int) -> Callable[[], None]:
        def slot() -> None:
            self.compare.zoom_to(float(z))
        return slot

    def _toggle_wipe(self) -> None:
        self.compare.set_mode("wipe" if self.compare.mode == "side" else "side")

    @Slot(str)
    def _on_mode_changed(self, mode: str) -> None:
        self.wipe_action.setChecked(mode == "wipe")

    def _connect(self) -> None:
        sp, view = self.settings_panel, self.queue_view
        jobs, viewer = self.queue_ctl, self.viewer_ctl
        sp.start_button.clicked.connect(self.start)
        sp.cancel_button.clicked.connect(self.cancel_all)
        sp.importRequested.connect(self.import_model_dialog)
        sp.changed.connect(self._on_settings_changed)
        view.selectionModel().selectionChanged.connect(viewer.on_selection)
        view.cancelRequested.connect(jobs.cancel_ids)
        view.removeRequested.connect(jobs.remove_ids)
        view.rerunRequested.connect(jobs.rerun_ids)
        view.openOutputRequested.connect(self._open_output_folder)
        self.queue.rowsInserted.connect(self._update_counts)
        self.queue.dataChanged.connect(self._update_counts)
        jobs.workerChanged.connect(self._update_counts)
        jobs.pathsAdded.connect(self._remember_recent)
        self.metrics.selfCheckRequested.connect(viewer.run_self_check)
        self.metrics.referenceRequested.connect(viewer.run_reference)
        self.metrics.heatmapToggled.connect(viewer.show_heatmap)
        self.compare.modeChanged.connect(self._on_mode_changed)
        self.trainer.startRequested.connect(self.start_training)
        self.trainer.modelTrained.connect(self._on_model_trained)

    # queue and viewer: their controllers' state and calls, kept here for tests and scripts
    @property
    def tokens(self) -> dict[int, Any]:
        return self.queue_ctl.tokens

    @property
    def upscale_worker(self) -> UpscaleWorker | None:
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

    def rerun_ids(self, ids: list[int]) -> None:
        self.queue_ctl.rerun_ids(ids)

    def cancel_ids(self, ids: list[int]) -> None:
        self.queue_ctl.cancel_ids(ids)

    def remove_ids(self, ids: list[int]) -> None:
        self.queue_ctl.remove_ids(ids)

    def cancel_all(self) -> None:
        """Esc / Cancel all: every upscale job, and training when its tab is showing."""
        self.queue_ctl.cancel_jobs()
        if self.trainer.running() and self.tabs.currentWidget() is self.trainer:
            self.trainer.stop()

    def _update_counts(self, *args: Any) -> None:
        q = self.queue
        self.counts_label.setText(self.tr("{q} queued · {r} running · {d} done · {e} failed")
                                  .format(q=q.count(Status.QUEUED), r=q.count(Status.RUNNING),
                                          d=q.count(Status.DONE), e=q.count(Status.ERROR)))
        running = self.upscale_worker is not None
        self.cancel_all_action.setEnabled(running or self.trainer.running())

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

    # models ---------------------------------------------------------------------------------
    def refresh_models(self) -> None:
        w = ModelsWorker()
        w.colorizers.connect(self.settings_panel.set_colorize_models)
        w.loaded.connect(self._on_models)
        w.message.connect(self.log_message)
        self.host.start(w)

    @Slot(list, list, str)
    def _on_models(self, models: list, devices: list, device_text: str) -> None:
        self.models = models
        self.models_loaded = True
        self.device_text = device_text
        self.settings_panel.set_models(models)
        self.settings_panel.set_devices(devices)
        self.trainer.set_models(models)
        self.device_label.setText(self.tr("Device: {d}").format(d=device_text))
        self._update_selfcheck_models()
        shipped = sum(1 for m in models if m.source == "shipped")
        self.log_message(self.tr("{n} models ({s} shipped), devices: {d}").format(
            n=len(models), s=shipped, d=", ".join(devices)))

    def refresh_encoders(self) -> None:
        """Ask FFmpeg (in a worker) which video encoders it has, for the codec combo."""
        w = EncodersWorker()
        w.loaded.connect(self._on_encoders)
        w.message.connect(self.log_message)
        self.host.start(w)

    @Slot(list)
    def _on_encoders(self, encoders: list) -> None:
        self.settings_panel.set_encoders(encoders)

    def _update_selfcheck_models(self) -> None:
        scale = self.settings_panel.job_settings().scale
        self.metrics.set_models([m.name for m in self.models if m.scale == scale], scale)

    @Slot()
    def _on_settings_changed(self) -> None:
        self.settings_panel.save(self.store)
        self._update_selfcheck_models()

    def import_model_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import model"), "",
                                              self.tr("SR Studio model (*.safetensors)"))
        if path:
            self.import_model(Path(path))

    def import_model(self, path: Path) -> ImportWorker:
        """Import a weight file in a worker (building the model can take a moment)."""
        w = ImportWorker(Path(path))
        w.imported.connect(self._on_model_imported)
        w.failed.connect(self._on_import_failed)
        w.message.connect(self.log_message)
        self.host.start(w)
        return w

    @Slot(object)
    def _on_model_imported(self, info: Any) -> None:
        self.log_message(self.tr("Imported model {name} (×{s})").format(name=info.name,
                                                                          s=info.scale))
        self.settings_panel.want_model(info.name)
        self.refresh_models()

    @Slot(str)
    def _on_import_failed(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import model"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.open()

    @Slot(str)
    def _on_model_trained(self, path: str) -> None:
        self.log_message(self.tr("Trained model added: {p}").format(p=path))
        self.refresh_models()

    # recent files ------------------------------------------------------------------------
    @Slot(list)
    def _remember_recent(self, paths: list[str]) -> None:
        self.store.add_recent(paths)
        self._rebuild_recent()

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.store.recent_files()
        for p in recent:
            act = self.recent_menu.addAction(p)
            act.setData(p)
            act.triggered.connect(self._open_recent)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction(self.tr("Clear list"))
        clear.triggered.connect(self._clear_recent)
        self.recent_menu.setEnabled(True)

    @Slot()
    def _open_recent(self) -> None:
        act = self.sender()
        if isinstance(act, QAction) and act.data():
            self.add_paths([act.data()])

    @Slot()
    def _clear_recent(self) -> None:
        self.store.clear_recent()
        self._rebuild_recent()

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
        new = self.add_paths(paths)
        if new and self.autostart_action.isChecked():
            self.start()

    # training ---------------------------------------------------------------------------
    @Slot(object)
    def start_training(self, config: Any) -> None:
        if self.trainer.running():
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

    def _on_theme(self, act: QAction) -> None:
        name = str(act.data())
        self.store.set("view/theme", name)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)

    def about(self) -> QMessageBox:
        return show_about(self, self.device_text)

    def show_shortcuts(self) -> None:
        rows = [("Ctrl+O", self.tr("open images")), ("Ctrl+Shift+O", self.tr("open a folder")),
                ("Ctrl+Return", self.tr("start")), ("Esc", self.tr("cancel all")),
                ("F / Ctrl+0", self.tr("fit")), ("1 / 2 / 4", "100% / 200% / 400%"),
                ("W", self.tr("split wipe on/off")), ("Ctrl+L", self.tr("log")),
                ("Ctrl+I", self.tr("import model")), ("Ctrl+Q", self.tr("quit")),
                (self.tr("wheel / drag"), self.tr("zoom to cursor / pan"))]
        body = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), f"<table>{body}</table>")

    def _restore_geometry(self) -> None:
        geo = self.store.get_bytes("window/geometry")
        if geo:
            self.restoreGeometry(QByteArray(geo))
        else:
            self.resize(1480, 920)
        state = self.store.get_bytes("window/state")
        if state:
            self.restoreState(QByteArray(state))
        for key, split in (("window/main_split", self.main_split),
                           ("window/center_split", self.center_split)):
            data = self.store.get_bytes(key)
            if data:
                split.restoreState(QByteArray(data))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings_panel.save(self.store)
        self.trainer.save_form(self.store)
        self.store.set("window/geometry", self.saveGeometry())
        self.store.set("window/state", self.saveState())
        self.store.set("window/main_split", self.main_split.saveState())
        self.store.set("window/center_split", self.center_split.saveState())
        self.store.sync()
        self.host.shutdown()
        super().closeEvent(event)
