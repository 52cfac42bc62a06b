"""The main window: wires the queue, settings, viewer, metrics, trainer and log together.

It owns no numerical code: jobs, self-checks, image decoding and training all run in
workers (:mod:`app.gui.workers`); this class turns their signals into row updates,
viewer sources and messages.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelection, Qt, QTimer, QUrl, Slot
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
    QCheckBox,
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
from app.gui.log_pane import LogPane
from app.gui.metrics_panel import MetricsPanel
from app.gui.palette import THEMES, apply_theme
from app.gui.queue_model import QueueItem, QueueModel, Status
from app.gui.queue_view import QueueView
from app.gui.settings_panel import SettingsPanel
from app.gui.settings_store import SettingsStore
from app.gui.trainer_tab import TrainerTab, TrainWorker
from app.gui.viewer import CompareView, Layer, TiledImage
from app.gui.workers import (
    EncodersWorker,
    ImageLoadWorker,
    ImportWorker,
    ModelsWorker,
    ReferenceWorker,
    SelfCheckWorker,
    UpscaleJob,
    UpscaleWorker,
    VideoFrameWorker,
    VideoProbeWorker,
    WorkerHost,
    frame_key,
)

IMAGE_PATTERNS = "*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp"
IMAGE_FILTER = f"Images ({IMAGE_PATTERNS})"
LOSSLESS = {".png", ".tif", ".tiff", ".bmp"}
IMAGE_CACHE = 8
INPUT_SMOOTH, INPUT_NEAREST = "Input · smooth", "Input · nearest"


def video_extensions() -> frozenset[str]:
    """engine.video.files.VIDEO_EXTENSIONS (a torch-free module)."""
    from engine.video.files import VIDEO_EXTENSIONS
    return VIDEO_EXTENSIONS


def open_filters() -> str:
    """File dialog filters: images and videos together first, then each kind, then all."""
    videos = " ".join(f"*{e}" for e in sorted(video_extensions()))
    return ";;".join((f"Images and videos ({IMAGE_PATTERNS} {videos})",
                      IMAGE_FILTER, f"Videos ({videos})", "All files (*)"))


def runs_folder() -> Path:
    from platformdirs import user_data_dir
    return Path(user_data_dir("SR Studio", "SR Studio")) / "runs"


class MainWindow(QMainWindow):
    def __init__(self, store: SettingsStore | None = None) -> None:
        super().__init__()
        self.setWindowTitle("SR Studio")
        self.setObjectName("mainWindow")
        self.store = store or SettingsStore()
        self.host = WorkerHost(self)
        self.models: list[Any] = []
        self.models_loaded = False
        self.device_text = ""
        self.images: OrderedDict[str, TiledImage] = OrderedDict()
        self._loading: set[str] = set()
        self.previews: dict[int, TiledImage] = {}
        self._want_right: dict[int, str] = {}   # item id -> result label to show when loaded
        self.tokens: dict[int, Any] = {}
        self.upscale_worker: UpscaleWorker | None = None
        self.selfcheck: dict[int, tuple[Any, dict[str, TiledImage]]] = {}
        self.heatmap_model = ""
        self.current_id: int | None = None
        self._busy_metrics: Any = None
        # tests replace this to answer the overwrite question without a dialog
        self.conflict_resolver: Callable[[Path], tuple[str, bool]] | None = None
        self.setAcceptDrops(True)

        self.queue = QueueModel(self)
        self.queue_view = QueueView(self.queue)
        self.settings_panel = SettingsPanel()
        self.compare = CompareView()
        self.metrics = MetricsPanel()
        self.log = LogPane()
        self.trainer = TrainerTab(runs_folder())
        self._build_layout()
        self._build_actions()
        self._connect()

        self.settings_panel.load(self.store)
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
        K = QKeySequence.StandardKey
        self.open_action = self._action(self.tr("&Open images or videos…"), self.open_files,
                                        K.Open)
        self.open_folder_action = self._action(self.tr("Open &folder…"), self.open_folder,
                                               "Ctrl+Shift+O")
        self.import_action = self._action(self.tr("&Import model…"), self.import_model_dialog,
                                          "Ctrl+I")
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")
        self.start_action = self._action(self.tr("&Start"), self.start,
                                         ["Ctrl+Return", "Ctrl+Enter"],
                                         self.tr("Upscale every queued file (Ctrl+Return)"))
        self.cancel_action = self._action(self.tr("Cancel &selected"), self.cancel_selected)
        self.cancel_all_action = self._action(self.tr("&Cancel all"), self.cancel_all, "Esc")
        self.remove_action = self._action(self.tr("&Remove finished"), self.remove_finished)
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

    def _connect(self) -> None:
        sp = self.settings_panel
        sp.start_button.clicked.connect(self.start)
        sp.cancel_button.clicked.connect(self.cancel_all)
        sp.importRequested.connect(self.import_model_dialog)
        sp.changed.connect(self._on_settings_changed)
        self.queue_view.selectionModel().selectionChanged.connect(self._on_selection)
        self.queue_view.cancelRequested.connect(self.cancel_ids)
        self.queue_view.removeRequested.connect(self.remove_ids)
        self.queue_view.rerunRequested.connect(self.rerun_ids)
        self.queue_view.openOutputRequested.connect(self._open_output_folder)
        self.queue.rowsInserted.connect(self._update_counts)
        self.queue.dataChanged.connect(self._update_counts)
        self.metrics.selfCheckRequested.connect(self.run_self_check)
        self.metrics.referenceRequested.connect(self.run_reference)
        self.metrics.heatmapToggled.connect(self._on_heatmap)
        self.compare.modeChanged.connect(self._on_mode_changed)
        self.trainer.startRequested.connect(self.start_training)
        self.trainer.modelTrained.connect(self._on_model_trained)

    # messages -----------------------------------------------------------------------------
    @Slot(str, str)
    def log_message(self, text: str, level: str = "info") -> None:
        self.log.append_message(text, level)
        if level == "error":
            self.statusBar().showMessage(text.splitlines()[-1], 10000)
            self.log_dock.show()

    def _error(self, title: str, text: str) -> None:
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

    # queue -------------------------------------------------------------------------------
    def add_paths(self, paths: Iterable[str | os.PathLike[str]]) -> list[QueueItem]:
        """Queue files and folders (recursive); returns the new rows."""
        from engine.io import iter_image_files, probe_image
        from engine.video.files import is_video, iter_video_files
        raw = [Path(p) for p in paths]
        files: list[tuple[Path, Path | None]] = []
        for p in raw:
            if p.is_dir():
                files.extend((f, p) for f in iter_image_files([p]))
                files.extend((f, p) for f in iter_video_files([p]))
            else:
                files.append((p, None))
        new = self.queue.add_files(files)
        videos: list[tuple[int, Path]] = []
        for it in new:
            if is_video(it.path):   # probed in a worker: a scan of a big file takes seconds
                self.queue.update(it.id, video=True)
                videos.append((it.id, it.path))
                continue
            try:
                w, h, _fmt = probe_image(it.path)
                self.queue.update(it.id, input_size=(w, h))
            except Exception as e:  # unreadable files show their error when they run
                self.queue.update(it.id, message=str(e).splitlines()[0] if str(e) else "")
        if raw:
            self.store.add_recent([str(p) for p in raw])
            self._rebuild_recent()
        if videos:
            self._probe_videos(videos)
        if new:
            n_img = len(new) - len(videos)
            text = (self.tr("Queued {n} image(s)").format(n=n_img) if not videos else
                    self.tr("Queued {n} image(s) and {v} video(s)").format(n=n_img,
                                                                         v=len(videos)))
            self.log_message(text)
            if self.current_id is None:
                self.queue_view.select_id(new[0].id)
        return new

    def _probe_videos(self, videos: list[tuple[int, Path]]) -> None:
        w = VideoProbeWorker(videos)
        w.probed.connect(self._on_video_probed)
        w.probeFailed.connect(self._on_video_probe_failed)
        w.message.connect(self.log_message)
        self.host.start(w)

    @Slot(int, object)
    def _on_video_probed(self, item_id: int, info: Any) -> None:
        it = self.queue.update(item_id, input_size=(info.width, info.height),
                               frames=info.frames, video_fps=float(info.fps),
                               video_info=info.describe())
        if it is not None and item_id == self.current_id:
            self._show_item(it, reset=True)

    @Slot(int, str)
    def _on_video_probe_failed(self, item_id: int, message: str) -> None:
        # like an unreadable image: the row shows the error when it runs
        self.queue.update(item_id, message=message)

    def open_files(self) -> None:
        start = self.store.get_str("dialogs/last_dir", str(Path.home()))
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Open images or videos"),
                                                start, open_filters())
        if files:
            self.store.set("dialogs/last_dir", str(Path(files[0]).parent))
            self.add_paths(files)

    def open_folder(self) -> None:
        start = self.store.get_str("dialogs/last_dir", str(Path.home()))
        d = QFileDialog.getExistingDirectory(self, self.tr("Open folder"), start)
        if d:
            self.store.set("dialogs/last_dir", d)
            self.add_paths([d])

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

    # running ---------------------------------------------------------------------------
    def _ask_conflict(self, target: Path) -> tuple[str, bool]:
        """('overwrite' | 'skip' | 'rename', apply to all) for an existing output file."""
        if self.conflict_resolver is not None:
            return self.conflict_resolver(target)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Output exists"),
                          self.tr("{name} already exists in {folder}.").format(
                              name=target.name, folder=target.parent), parent=self)
        over = box.addButton(self.tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        rename = box.addButton(self.tr("Rename"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Skip"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(rename)
        all_box = QCheckBox(self.tr("Do this for every existing file"))
        box.setCheckBox(all_box)
        box.exec()
        clicked = box.clickedButton()
        choice = "overwrite" if clicked is over else "rename" if clicked is rename else "skip"
        return choice, all_box.isChecked()

    @staticmethod
    def _free_name(target: Path, taken: set[Path]) -> Path:
        n = 2
        while True:
            cand = target.with_name(f"{target.stem}_{n}{target.suffix}")
            if not cand.exists() and cand not in taken:
                return cand
            n += 1

    def start(self, ids: list[int] | None = None) -> int:
        """Start every queued row (or ``ids``); returns the number of jobs started."""
        from engine.errors import SRStudioError
        from engine.events import CancelToken
        from engine.jobs import output_path_for
        from engine.jobs.video import video_output_path
        from engine.models.registry import resolve_model
        s = self.settings_panel.job_settings()
        self.settings_panel.save(self.store)
        wanted = set(ids) if ids is not None else None
        items = [it for it in self.queue.items if it.status == Status.QUEUED
                 and it.id not in self.tokens and (wanted is None or it.id in wanted)]
        if not items:
            self.statusBar().showMessage(
                self.tr("Nothing queued: drop or open images or videos first"), 5000)
            return 0
        try:
            ref = resolve_model(s.model, s.scale)
            if s.output_dir:
                Path(s.output_dir).mkdir(parents=True, exist_ok=True)
        except (SRStudioError, OSError) as e:
            self._error(self.tr("Cannot start"), str(e))
            return 0
        options = s.upscale_options()
        vopts = s.video_options()
        out_dir = Path(s.output_dir) if s.output_dir else None
        jobs: list[UpscaleJob] = []
        taken: set[Path] = set()
        policy: str | None = None
        for it in items:
            root = it.root if out_dir else None
            if it.video:   # the engine picks the suffix from the codec (.mp4, .mkv, .mov)
                target = video_output_path(it.path, out_dir, options, vopts, ref.name, root)
            else:
                target = output_path_for(it.path, root, out_dir, options, ref.name)
            overwrite = False
            if target.exists() or target in taken:
                choice = policy
                if choice is None:
                    choice, for_all = self._ask_conflict(target)
                    policy = choice if for_all else None
                if choice == "skip":
                    self.queue.update(it.id, status=Status.SKIPPED,
                                      message=self.tr("output exists"), model=ref.name,
                                      scale=s.scale)
                    continue
                if choice == "rename":
                    target = self._free_name(target, taken)
                else:
                    overwrite = True
            taken.add(target)
            token = CancelToken()
            self.tokens[it.id] = token
            self.queue.update(it.id, model=ref.name, scale=s.scale, done=0, total=0,
                              message="", eta_s=None, rate=None, resumable=False,
                              colorized=False)
            jobs.append(UpscaleJob(it.id, it.path, target, s, overwrite, token))
        if jobs:
            self._run_jobs(jobs)
        return len(jobs)

    def _run_jobs(self, jobs: list[UpscaleJob]) -> None:
        if self.upscale_worker is not None:
            jobs = [j for j in jobs if not self.upscale_worker.enqueue(j)]
            if not jobs:
                return
        w = UpscaleWorker(jobs)
        w.rowStarted.connect(self._on_row_started)
        w.rowProgress.connect(self._on_row_progress)
        w.previewStarted.connect(self._on_preview_started)
        w.previewRows.connect(self._on_preview_rows)
        w.rowFinished.connect(self._on_row_finished)
        w.rowCancelled.connect(self._on_row_cancelled)
        w.message.connect(self.log_message)
        w.failed.connect(self._on_worker_failed)
        w.finished.connect(self._on_upscale_finished)
        self.upscale_worker = w
        self.host.start(w)
        self._update_counts()

    def rerun_ids(self, ids: list[int]) -> None:
        for i in ids:
            it = self.queue.by_id(i)
            if it is not None and it.status in (Status.DONE, Status.ERROR, Status.CANCELLED,
                                                Status.SKIPPED):
                self.queue.update(i, status=Status.QUEUED, message="", done=0, total=0,
                                  resumable=False)
        self.start(ids)

    def cancel_ids(self, ids: list[int]) -> None:
        for i in ids:
            it = self.queue.by_id(i)
            if it is None:
                continue
            token = self.tokens.get(i)
            if token is not None:
                token.cancel()
                self.queue.update(i, message=self.tr("cancelling…"))
            elif it.status == Status.QUEUED:
                self.queue.update(i, status=Status.CANCELLED)

    def cancel_selected(self) -> None:
        self.cancel_ids(self.queue_view.selected_ids())

    def cancel_all(self) -> None:
        if self.upscale_worker is not None:
            self.upscale_worker.cancel()
        for token in self.tokens.values():
            token.cancel()
        if self.trainer.running() and self.tabs.currentWidget() is self.trainer:
            self.trainer.stop()

    def remove_finished(self) -> None:
        self.remove_ids([it.id for it in self.queue.items if it.status in
                         (Status.DONE, Status.ERROR, Status.CANCELLED, Status.SKIPPED)])

    def remove_ids(self, ids: list[int]) -> None:
        self.cancel_ids(ids)
        removable = {i for i in ids if i not in self.tokens}
        self.queue.remove_ids(removable)
        if self.current_id in removable:
            self.current_id = None
            self.compare.set_sources({})

    # worker signals -------------------------------------------------------------------------
    @Slot(int, str, int)
    def _on_row_started(self, item_id: int, model: str, scale: int) -> None:
        self.queue.update(item_id, status=Status.RUNNING, done=0, total=0)

    @Slot(int, int, int, object, object)
    def _on_row_progress(self, item_id: int, done: int, total: int, eta: Any, rate: Any) -> None:
        self.queue.update(item_id, done=done, total=total, eta_s=eta, rate=rate)

    @Slot(int, object)
    def _on_preview_started(self, item_id: int, image: TiledImage) -> None:
        self.previews[item_id] = image
        if item_id == self.current_id:
            it = self.queue.by_id(item_id)
            label = self.tr("Live · {m}").format(m=it.model if it else "")
            self.compare.update_source(label, Layer(image, 1.0, label=label), show_right=True)

    @Slot(int, int, int)
    def _on_preview_rows(self, item_id: int, y0: int, y1: int) -> None:
        img = self.previews.get(item_id)
        if img is not None:
            img.invalidate_rows(y0, y1)
            if item_id == self.current_id:
                self.compare.refresh()

    @Slot(int, object)
    def _on_row_finished(self, item_id: int, res: Any) -> None:
        self.tokens.pop(item_id, None)
        preview = self.previews.pop(item_id, None)
        it = self.queue.by_id(item_id)
        if it is None:
            return
        if res.error:
            self.queue.update(item_id, status=Status.ERROR, message=res.error,
                              seconds=res.seconds)
            text = res.error if it.path.name in res.error else f"{it.path.name}: {res.error}"
            self.log_message(text, "error")
        else:
            label = f"{it.model} ×{it.scale}"
            results = dict(it.results)
            results[label] = res.output
            self.queue.update(item_id, status=Status.DONE, output=res.output, results=results,
                              seconds=res.seconds, tile=res.tile, auto_tile=res.auto_tile,
                              input_size=res.input_size, output_size=res.output_size,
                              colorized=res.colorized,
                              done=it.total, message="", eta_s=None, resumable=False)
            if res.auto_tile:
                self.settings_panel.set_auto_tile(res.tile)
            if it.video:
                frames = getattr(res, "frames", 0) or it.frames
                self.queue.update(item_id, frames=frames, done=frames, total=frames,
                                  rate=getattr(res, "fps", None))
                resumed = getattr(res, "resumed_frames", 0)
                self.log_message(self.tr("{name} → {out} ({n} frames, {fps:.1f} fps, {sec:.1f} s"
                                         ", {enc})").format(
                    name=it.path.name, out=res.output, n=frames, fps=getattr(res, "fps", 0.0),
                    sec=res.seconds, enc=getattr(res, "encoder", "") or "?")
                    + (self.tr("; resumed after frame {f}").format(f=resumed) if resumed
                       else "") + (self.tr("; colorized") if res.colorized else ""))
            else:
                # the live preview equals a lossless output, unless colour was added after
                # the upscaler wrote it: then the viewer reads the file
                if preview is not None and res.output.suffix.lower() in LOSSLESS \
                        and not res.colorized:
                    self._cache_image(str(res.output), preview)
                self.log_message(self.tr("{name} → {out} ({sec:.1f} s, tile {tile})").format(
                    name=it.path.name, out=res.output, sec=res.seconds, tile=res.tile)
                    + (self.tr("; colorized") if res.colorized else ""))
        if item_id == self.current_id:
            self._show_item(it, prefer_right=f"{it.model} ×{it.scale}")

    @Slot(int, bool)
    def _on_row_cancelled(self, item_id: int, resumable: bool = False) -> None:
        self.tokens.pop(item_id, None)
        self.previews.pop(item_id, None)
        self.queue.update(item_id, status=Status.CANCELLED, message="", eta_s=None, rate=None,
                          resumable=resumable)
        it = self.queue.by_id(item_id)
        if it is not None:
            if resumable:
                self.log_message(self.tr("{name}: cancelled; finished parts are kept, run it "
                                         "again to resume").format(name=it.path.name))
            else:
                self.log_message(self.tr("{name}: cancelled").format(name=it.path.name))
            if item_id == self.current_id:
                self._show_item(it)

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        self._error(self.tr("Upscaling failed"), message)

    @Slot()
    def _on_upscale_finished(self) -> None:
        if self.sender() is self.upscale_worker:
            self.upscale_worker = None
        # rows whose job never reported (worker died) must not stay 'running'
        live = self.upscale_worker
        for item_id in list(self.tokens):
            if live is None:
                self.tokens.pop(item_id)
                it = self.queue.by_id(item_id)
                if it is not None and it.status in (Status.RUNNING, Status.QUEUED):
                    self.queue.update(item_id, status=Status.ERROR,
                                      message=self.tr("stopped unexpectedly"))
        done = self.queue.count(Status.DONE)
        errors = self.queue.count(Status.ERROR)
        if live is None:
            self.statusBar().showMessage(self.tr("Finished: {d} done, {e} failed").format(
                d=done, e=errors), 8000)
        self._update_counts()

    def _update_counts(self, *args: Any) -> None:
        q = self.queue
        self.counts_label.setText(self.tr("{q} queued · {r} running · {d} done · {e} failed")
                                  .format(q=q.count(Status.QUEUED), r=q.count(Status.RUNNING),
                                          d=q.count(Status.DONE), e=q.count(Status.ERROR)))
        running = self.upscale_worker is not None
        self.cancel_all_action.setEnabled(running or self.trainer.running())

    # viewer -------------------------------------------------------------------------------
    def selected_item(self) -> QueueItem | None:
        return self.queue.by_id(self.current_id) if self.current_id is not None else None

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, *_args: Any) -> None:
        ids = self.queue_view.selected_ids()
        new = ids[0] if ids else None
        if new == self.current_id:
            return
        self.current_id = new
        self.metrics.clear_results()
        it = self.selected_item()
        if it is None:
            self.compare.set_sources({})
            return
        self._show_item(it, reset=True)
        entry = self.selfcheck.get(it.id)
        if entry is not None:
            self._show_selfcheck(entry[0])

    def _cache_image(self, key: str, img: TiledImage) -> None:
        self.images[key] = img
        self.images.move_to_end(key)
        while len(self.images) > IMAGE_CACHE:
            self.images.popitem(last=False)

    def _image(self, path: Path, frame: int | None = None) -> TiledImage | None:
        """The decoded image (or frame ``frame`` of a video) if cached; otherwise start
        loading it in a worker and return None."""
        key = str(path) if frame is None else frame_key(path, frame)
        if key in self.images:
            self.images.move_to_end(key)
            return self.images[key]
        if key not in self._loading:
            self._loading.add(key)
            w: ImageLoadWorker | VideoFrameWorker = (
                ImageLoadWorker([path]) if frame is None else VideoFrameWorker([(path, frame)]))
            w.loaded.connect(self._on_image_loaded)
            w.loadFailed.connect(self._on_image_failed)
            w.message.connect(self.log_message)
            self.host.start(w)
        return None

    @staticmethod
    def viewer_frame(it: QueueItem) -> int | None:
        """The video frame the viewer compares: the middle one (None: not probed yet)."""
        return it.frames // 2 if it.video and it.frames else None

    def _item_keys(self, it: QueueItem) -> set[str]:
        paths = [it.path, *it.results.values()]
        if not it.video:
            return {str(p) for p in paths}
        frame = self.viewer_frame(it)
        return set() if frame is None else {frame_key(p, frame) for p in paths}

    @Slot(str, object)
    def _on_image_loaded(self, key: str, img: TiledImage) -> None:
        self._loading.discard(key)
        self._cache_image(key, img)
        it = self.selected_item()
        if it is not None and key in self._item_keys(it):
            self._show_item(it)

    @Slot(str, str)
    def _on_image_failed(self, key: str, message: str) -> None:
        self._loading.discard(key)
        self.log_message(message, "warning")

    def _show_item(self, it: QueueItem, reset: bool = False,
                   prefer_right: str | None = None) -> None:
        """Rebuild the viewer's sources for ``it`` (input, results, live preview, heat map)."""
        sources: dict[str, Layer] = {}
        # a video shows one frame (the middle one) of its input and of each output
        frame = self.viewer_frame(it)
        inp = None
        if not it.video:
            inp = self._image(it.path)
        elif frame is not None:
            inp = self._image(it.path, frame)
        results: dict[str, TiledImage] = {}
        for label, path in it.results.items():
            if path.exists() and (not it.video or frame is not None):
                img = self._image(path, frame)
                if img is not None:
                    results[label] = img
        scale = float(it.scale or self.settings_panel.job_settings().scale)
        if inp is not None:
            ref = next(iter(results.values()), None) or self.previews.get(it.id)
            if ref is not None and inp.width:
                scale = ref.width / inp.width
            smooth, nearest = self.tr(INPUT_SMOOTH), self.tr(INPUT_NEAREST)
            sources[smooth] = Layer(inp, scale, smooth=True, label=smooth)
            sources[nearest] = Layer(inp, scale, smooth=False, label=nearest)
        for label, img in results.items():
            sources[label] = Layer(img, 1.0, label=label)
        live = self.previews.get(it.id)
        live_label = ""
        if live is not None:
            live_label = self.tr("Live · {m}").format(m=it.model)
            sources[live_label] = Layer(live, 1.0, label=live_label)
        heat_label = ""
        entry = self.selfcheck.get(it.id)
        if entry is not None and self.heatmap_model in entry[1]:
            heat = entry[1][self.heatmap_model]
            heat_label = self.tr("Heat map · {m}").format(m=self.heatmap_model)
            # the heat map has the (modcropped) input's pixel grid
            sources[heat_label] = Layer(heat, scale, smooth=False, label=heat_label)
        # a finished result still being decoded (a video frame, a JPEG output) is shown on
        # the right as soon as it arrives
        if prefer_right is None:
            prefer_right = self._want_right.get(it.id)
        if prefer_right is not None:
            if prefer_right in results:
                self._want_right.pop(it.id, None)
            elif prefer_right in it.results:
                self._want_right[it.id] = prefer_right
        left = self.tr(INPUT_SMOOTH) if reset else None
        right = heat_label or prefer_right or live_label or None
        if right is None and (reset or prefer_right) and results:
            right = list(results)[-1]
        if reset and right is None and results:
            right = list(results)[-1]
        self.compare.set_sources(sources, left=left, right=right)
        if reset:
            self.compare.fit()

    def _toggle_wipe(self) -> None:
        self.compare.set_mode("wipe" if self.compare.mode == "side" else "side")

    @Slot(str)
    def _on_mode_changed(self, mode: str) -> None:
        self.wipe_action.setChecked(mode == "wipe")

    # metrics ---------------------------------------------------------------------------------
    @Slot(list)
    def run_self_check(self, models: list[str]) -> None:
        it = self.selected_item()
        if it is None:
            self.metrics.set_busy(False, self.tr("Select an image in the queue first."))
            return
        if it.video:
            self.metrics.set_busy(False, self.tr("The self-check works on images, not videos."))
            return
        s = self.settings_panel.job_settings()
        w = SelfCheckWorker(it.path, s.scale, models, s.device)
        w.setProperty("item_id", it.id)
        w.done.connect(self._on_self_check_done)
        w.progressed.connect(self._on_self_check_progress)
        w.failed.connect(self._on_metrics_failed)
        w.message.connect(self.log_message)
        w.finished.connect(self._on_metrics_finished)
        self.metrics.set_busy(True, self.tr("Running…"))
        self._busy_metrics = w
        self.host.start(w)

    @Slot(int, int, str)
    def _on_self_check_progress(self, done: int, total: int, name: str) -> None:
        self.metrics.set_busy(True, self.tr("{d}/{t}: {n}").format(d=done, t=total, n=name))

    @Slot(object, dict)
    def _on_self_check_done(self, res: Any, heat: dict) -> None:
        item_id = self.sender().property("item_id") if self.sender() else self.current_id
        self.selfcheck[int(item_id)] = (res, heat)
        if item_id == self.current_id:
            self._show_selfcheck(res)
        best = max(res.entries, key=lambda e: e.scores["psnr_y"])
        self.log_message(self.tr("Self-check ×{s}: ").format(s=res.scale) + ", ".join(
            f"{e.name} {e.scores['psnr_y']:.2f} dB" for e in res.entries)
            + self.tr(" (best: {b})").format(b=best.name))

    def _show_selfcheck(self, res: Any) -> None:
        self.metrics.show_self_check([(e.name, e.scores) for e in res.entries])

    @Slot(str)
    def _on_metrics_failed(self, message: str) -> None:
        self.metrics.set_busy(False, message)
        self._error(self.tr("PSNR/SSIM"), message)

    @Slot()
    def _on_metrics_finished(self) -> None:
        if self.sender() is self._busy_metrics:
            self._busy_metrics = None
            if self.metrics.status_label.text().startswith(self.tr("Running")) or \
                    "/" in self.metrics.status_label.text():
                self.metrics.set_busy(False, self.tr("Done"))
            else:
                self.metrics.set_busy(False, self.metrics.status_label.text())

    @Slot(str)
    def run_reference(self, reference: str) -> None:
        it = self.selected_item()
        if it is None or it.output is None:
            self.metrics.set_busy(False, self.tr("Select a finished item first."))
            return
        if it.video:
            self.metrics.set_busy(False, self.tr("Reference scores work on images, not videos."))
            return
        w = ReferenceWorker(it.output, Path(reference), it.path, int(it.scale or 1))
        w.done.connect(self._on_reference_done)
        w.failed.connect(self._on_metrics_failed)
        w.message.connect(self.log_message)
        w.finished.connect(self._on_metrics_finished)
        self.metrics.set_busy(True, self.tr("Running…"))
        self._busy_metrics = w
        self.host.start(w)

    @Slot(object)
    def _on_reference_done(self, scores: Any) -> None:
        self.metrics.show_reference(scores.output, scores.bicubic)

    @Slot(str)
    def _on_heatmap(self, model: str) -> None:
        self.heatmap_model = model
        it = self.selected_item()
        if it is not None:
            self._show_item(it)

    # training ---------------------------------------------------------------------------
    @Slot(object)
    def start_training(self, config: Any) -> None:
        if self.trainer.running():
            return
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
        self.store.set("window/geometry", self.saveGeometry())
        self.store.set("window/state", self.saveState())
        self.store.set("window/main_split", self.main_split.saveState())
        self.store.set("window/center_split", self.center_split.saveState())
        self.store.sync()
        self.host.shutdown()
        super().closeEvent(event)
