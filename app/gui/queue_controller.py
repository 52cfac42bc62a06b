"""The queue side of the main window: adding files, starting and cancelling upscale jobs.

Probing, planning, upscaling and encoding run in workers (:mod:`app.gui.workers`): the
engine's ``plan_job`` (in :class:`~app.gui.plan_worker.PlanWorker`) decides each row's
model and output path; this object asks about existing files, hands the jobs to one
:class:`~app.gui.upscale_worker.UpscaleWorker` and turns its signals into row updates.  Live
previews and finished outputs go to the viewer controller, which owns what is shown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication as QCore
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox

from app.gui.media_workers import VideoProbeWorker
from app.gui.queue_model import FINISHED, QueueItem, Status
from app.gui.queue_view import rate_text
from app.gui.queue_worker import QueueWorker
from app.gui.remote_worker import RemoteUpscaleWorker
from app.gui.upscale_worker import UpscaleJob, UpscaleWorker
from app.gui.video_cost import known_speed, record_speed, speed_key, video_cost
from app.gui.viewer_controller import ViewerController, result_label

if TYPE_CHECKING:
    from app.gui.main_window import MainWindow

IMAGE_PATTERNS = "*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp"
IMAGE_FILTER = f"Images ({IMAGE_PATTERNS})"
LOSSLESS = {".png", ".tif", ".tiff", ".bmp"}


def video_extensions() -> frozenset[str]:
    """engine.video.files.VIDEO_EXTENSIONS (a torch-free module)."""
    from engine.video.files import VIDEO_EXTENSIONS
    return VIDEO_EXTENSIONS


def open_filters() -> str:
    """File dialog filters: images and videos together first, then each kind, then all."""
    videos = " ".join(f"*{e}" for e in sorted(video_extensions()))
    return ";;".join((f"Images and videos ({IMAGE_PATTERNS} {videos})",
                      IMAGE_FILTER, f"Videos ({videos})", "All files (*)"))


def free_name(target: Path, taken: set[Path]) -> Path:
    """``name_2.ext``, ``name_3.ext``…: the first that is neither on disk nor planned."""
    n = 2
    while True:
        cand = target.with_name(f"{target.stem}_{n}{target.suffix}")
        if not cand.exists() and cand not in taken:
            return cand
        n += 1


def _english_number(n: int, one: str, many: str) -> str:
    """The English source's singular or plural; a translation's own plural forms (``%n``,
    numerus in the .ts) then apply.  Both sources are translated first, each in a
    ``QCore.translate`` call spelled out: pyside6-lupdate reads only literal arguments, and
    reads a ``tr = QCoreApplication.translate`` alias as ``tr(source)``."""
    return one if n == 1 else many


def queued_text(images: int, videos: int) -> str:
    """'Queued 2 images', 'Queued 1 video', 'Queued 1 image and 2 videos': only what was."""
    parts = []
    if images:
        parts.append(_english_number(
            images, QCore.translate("QueueController", "%n image", None, images),
            QCore.translate("QueueController", "%n images", None, images)))
    if videos:
        parts.append(_english_number(
            videos, QCore.translate("QueueController", "%n video", None, videos),
            QCore.translate("QueueController", "%n videos", None, videos)))
    what = "".join(parts) if len(parts) < 2 else QCore.translate(
        "QueueController", "{images} and {videos}").format(images=parts[0], videos=parts[1])
    return QCore.translate("QueueController", "Queued {what}").format(what=what)


def finished_text(statuses: list[Status]) -> str:
    """The status line when a run ends: what became of its rows ('Cancelled', not
    'Finished: 0 done, 0 failed')."""
    done, failed = statuses.count(Status.DONE), statuses.count(Status.ERROR)
    cancelled, skipped = statuses.count(Status.CANCELLED), statuses.count(Status.SKIPPED)
    if cancelled and not done and not failed:
        return _english_number(
            cancelled, QCore.translate("QueueController", "Cancelled (%n job)", None, cancelled),
            QCore.translate("QueueController", "Cancelled (%n jobs)", None, cancelled))
    parts = [QCore.translate("QueueController", "%n done", None, done)]
    if failed:
        parts.append(QCore.translate("QueueController", "%n failed", None, failed))
    if cancelled:
        parts.append(QCore.translate("QueueController", "%n cancelled", None, cancelled))
    if skipped:
        parts.append(QCore.translate("QueueController", "%n skipped", None, skipped))
    sep = QCore.translate("QueueController", ", ", "separator of a list")
    return QCore.translate("QueueController", "Finished: {parts}").format(parts=sep.join(parts))


class QueueController(QObject):
    """Queue rows → upscale jobs, and the upscale worker's signals → queue rows.

    Owned by the main window, which wires its menus, buttons and queue view to the public
    slots here; the window's counts and recent-files menu follow the two signals.
    """

    pathsAdded = Signal(list)   # the paths as given (files and folders), for "Open recent"
    workerChanged = Signal()    # an upscale worker started or ended

    def __init__(self, win: MainWindow, viewer: ViewerController) -> None:
        super().__init__(win)
        self._win = win
        self.viewer = viewer
        self.queue, self.queue_view = win.queue, win.queue_view
        self.settings_panel, self.store, self.host = win.settings_panel, win.store, win.host
        self.run_on = win.run_on
        self.tokens: dict[int, Any] = {}
        self._planning: set[int] = set()   # rows whose plan is being made
        # this computer's UpscaleWorker or a server's RemoteUpscaleWorker (Run on)
        self.upscale_worker: QueueWorker | None = None
        self._batch: set[int] = set()   # rows started since the worker last went idle
        self._speed_keys: dict[int, str] = {}   # row -> how its job runs (video_cost)
        # tests replace this to answer the overwrite question without a dialog
        self.conflict_resolver: Callable[[Path], tuple[str, bool]] | None = None

    # adding ------------------------------------------------------------------------------
    def add_paths(self, paths: Iterable[str | os.PathLike[str]]) -> list[QueueItem]:
        """Queue files and folders (recursive); returns the new rows."""
        from engine.io import iter_image_files, probe_image, unread_images_note
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
        note = unread_images_note(raw)
        if note is not None:
            self._win.log_message(note[0].upper() + note[1:], "warning")
        if raw:
            self.pathsAdded.emit([str(p) for p in raw])
        if videos:
            self._probe_videos(videos)
        if new:
            self._win.log_message(queued_text(len(new) - len(videos), len(videos)))
            if self.viewer.current_id is None:
                self.queue_view.select_id(new[0].id)
        return new

    def _probe_videos(self, videos: list[tuple[int, Path]]) -> None:
        w = VideoProbeWorker(videos)
        w.probed.connect(self._on_video_probed)
        w.probeFailed.connect(self._on_video_probe_failed)
        w.message.connect(self._win.log_message)
        self.host.start(w)

    @Slot(int, object)
    def _on_video_probed(self, item_id: int, info: Any) -> None:
        it = self.queue.update(item_id, input_size=(info.width, info.height),
                               frames=info.frames, video_fps=float(info.fps),
                               video_info=info.describe())
        if it is not None and item_id == self.viewer.current_id:
            self.viewer.show_item(it, reset=True)

    @Slot(int, str)
    def _on_video_probe_failed(self, item_id: int, message: str) -> None:
        # like an unreadable image: the row shows the error when it runs
        self.queue.update(item_id, message=message)

    def open_files(self) -> None:
        start = self.store.get_str("dialogs/last_dir", str(Path.home()))
        files, _ = QFileDialog.getOpenFileNames(self._win, self.tr("Open images or videos"),
                                                start, open_filters())
        if files:
            self.store.set("dialogs/last_dir", str(Path(files[0]).parent))
            self.add_paths(files)

    def open_folder(self) -> None:
        start = self.store.get_str("dialogs/last_dir", str(Path.home()))
        d = QFileDialog.getExistingDirectory(self._win, self.tr("Open folder"), start)
        if d:
            self.store.set("dialogs/last_dir", d)
            self.add_paths([d])

    # running -----------------------------------------------------------------------------
    def _ask_conflict(self, target: Path) -> tuple[str, bool]:
        """('overwrite' | 'skip' | 'rename', apply to all) for an existing output file."""
        if self.conflict_resolver is not None:
            return self.conflict_resolver(target)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Output exists"),
                          self.tr("{name} already exists in {folder}.").format(
                              name=target.name, folder=target.parent), parent=self._win)
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

    def start(self, ids: list[int] | None = None) -> int:
        """Plan every queued row (or ``ids``) in a worker, then start them; returns the
        number of rows being planned (they start when the plan is ready)."""
        if self._win.closing():
            return 0   # the window is stopping its jobs to close: start nothing new
        s = self.settings_panel.job_settings()
        self.settings_panel.save(self.store)
        wanted = set(ids) if ids is not None else None
        items = [it for it in self.queue.items if it.status == Status.QUEUED
                 and it.id not in self.tokens and it.id not in self._planning
                 and (wanted is None or it.id in wanted)]
        if not items:
            self._win.statusBar().showMessage(
                self.tr("Nothing queued: drop or open images or videos first"), 5000)
            return 0
        target = self.run_on.target()
        if target is not None and not target.url:
            self._win.show_error(self.tr("Cannot start"), self.tr(
                "Type the server's address under Run on, or choose This computer"))
            return 0
        if s.output_dir:
            try:
                Path(s.output_dir).mkdir(parents=True, exist_ok=True)
            except OSError as e:
                self._win.show_error(self.tr("Cannot start"), str(e))
                return 0
        from app.gui.plan_worker import PlanWorker
        rows = [(it.id, it.path, it.root if s.output_dir else None) for it in items]
        self._planning.update(it.id for it in items)
        w = PlanWorker(rows, s)
        # bound methods of this GUI-thread object: the slots run here, not in the worker
        w.planned.connect(self._start_planned)
        w.planFailed.connect(self._on_plan_failed)
        self.host.start(w)
        return len(items)

    @Slot(object, str)
    def _on_plan_failed(self, ids: list[int], message: str) -> None:
        self._planning.difference_update(ids)
        self._win.show_error(self.tr("Cannot start"), message)

    @Slot(object, object)
    def _start_planned(self, planned: list[tuple[int, Any]], s: Any) -> None:
        """The plan is ready: settle existing outputs (ask), then hand the jobs over."""
        from engine.events import CancelToken
        from engine.jobs.plan import describe_choice
        self._planning.difference_update(item_id for item_id, _item in planned)
        if self._win.closing():
            return
        jobs: list[UpscaleJob] = []
        taken: set[Path] = set()
        policy: str | None = None
        for item_id, item in planned:
            it = self.queue.by_id(item_id)
            if item is None or it is None or it.status != Status.QUEUED \
                    or item_id in self.tokens:
                continue   # removed or started while the plan was made
            key = speed_key(item.model_name, self._device_key(s), s.self_ensemble, s.backend)
            if it.video and not self._video_cost_ok(it, s.scale, key):
                continue   # the user chose not to start it now: it stays queued
            target = item.output
            overwrite = False
            if target.exists() or target in taken:
                choice = policy
                if choice is None:
                    choice, for_all = self._ask_conflict(target)
                    policy = choice if for_all else None
                if choice == "skip":
                    self.queue.update(it.id, status=Status.SKIPPED,
                                      message=self.tr("output exists"),
                                      model=item.model_name, scale=s.scale)
                    continue
                if choice == "rename":
                    target = free_name(target, taken)
                else:
                    overwrite = True
            taken.add(target)
            if item.model_reason:
                self._win.log_message(f"{it.path.name}: {describe_choice(item)}")
            token = CancelToken()
            self.tokens[it.id] = token
            self.queue.update(it.id, model=item.model_name, scale=s.scale, done=0, total=0,
                              message="", eta_s=None, rate=None, resumable=False,
                              colorized=False)
            jobs.append(UpscaleJob(it.id, it.path, target, s, overwrite, token, item=item))
            self._batch.add(it.id)
            self._speed_keys[it.id] = key
        if jobs:
            self._run_jobs(jobs)

    def _video_cost_ok(self, it: QueueItem, scale: int, key: str) -> bool:
        """Log a video's output size and estimated time; ask before a long one."""
        cost = video_cost(it.input_size, it.frames, scale, known_speed(self.store, key))
        if cost is None:
            return True
        text = cost.text(it.path.name)
        self._win.log_message(text)
        if not cost.worth_asking():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Long video"),
                          self.tr("{text}. Start it?").format(text=text), parent=self._win)
        box.setObjectName("videoCost")
        go = box.addButton(self.tr("Start"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go)
        box.exec()
        return box.clickedButton() is go

    def _device_key(self, s: Any) -> str:
        """The device part of a speed record: this computer's device, or the server's."""
        target = self.run_on.target()
        return target.speed_device() if target is not None else s.device

    def _run_jobs(self, jobs: list[UpscaleJob]) -> None:
        """Hand the jobs to the running worker, or start one when none runs (or it is done):
        on this computer or, with Run on: a server, on that server (Run on stays fixed
        while a worker runs, so the running one is always the right kind)."""
        if self.upscale_worker is not None:
            jobs = [j for j in jobs if not self.upscale_worker.enqueue(j)]
            if not jobs:
                return
        target = self.run_on.target()
        w: QueueWorker = (RemoteUpscaleWorker(jobs, target) if target is not None
                          else UpscaleWorker(jobs))
        w.rowStarted.connect(self._on_row_started)
        w.rowProgress.connect(self._on_row_progress)
        w.previewStarted.connect(self.viewer.on_preview_started)
        w.previewRows.connect(self.viewer.on_preview_rows)
        w.rowFinished.connect(self._on_row_finished)
        w.rowCancelled.connect(self._on_row_cancelled)
        w.message.connect(self._win.log_message)
        w.failed.connect(self._on_worker_failed)
        w.finished.connect(self._on_upscale_finished)
        self.upscale_worker = w
        self.host.start(w)
        self.workerChanged.emit()

    def rerun_ids(self, ids: list[int]) -> None:
        for i in ids:
            it = self.queue.by_id(i)
            if it is not None and it.status in FINISHED:
                self.queue.update(i, status=Status.QUEUED, message="", done=0, total=0,
                                  resumable=False)
        self.start(ids)

    # cancelling and removing -------------------------------------------------------------
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

    def cancel_jobs(self) -> None:
        """Cancel every running and waiting job (the window's Cancel all adds training);
        their rows say "cancelling…" at once, until the worker reports them stopped."""
        if self.upscale_worker is not None:
            self.upscale_worker.cancel()
        for item_id, token in list(self.tokens.items()):
            token.cancel()
            self.queue.update(item_id, message=self.tr("cancelling…"))

    def remove_finished(self) -> None:
        self.remove_ids([it.id for it in self.queue.items if it.status in FINISHED])

    def remove_ids(self, ids: list[int]) -> None:
        self.cancel_ids(ids)
        removable = {i for i in ids if i not in self.tokens}
        self.queue.remove_ids(removable)
        self.viewer.forget(removable)

    # worker signals ----------------------------------------------------------------------
    @Slot(int, str, int)
    def _on_row_started(self, item_id: int, model: str, scale: int) -> None:
        self.queue.update(item_id, status=Status.RUNNING, done=0, total=0)

    @Slot(int, int, int, object, object)
    def _on_row_progress(self, item_id: int, done: int, total: int, eta: Any, rate: Any) -> None:
        self.queue.update(item_id, done=done, total=total, eta_s=eta, rate=rate)

    @Slot(int, object)
    def _on_row_finished(self, item_id: int, res: Any) -> None:
        self.tokens.pop(item_id, None)
        preview = self.viewer.take_preview(item_id)
        it = self.queue.by_id(item_id)
        if it is None:
            return
        if res.error:
            self._speed_keys.pop(item_id, None)
            self.queue.update(item_id, status=Status.ERROR, message=res.error,
                              seconds=res.seconds)
            text = res.error if it.path.name in res.error else f"{it.path.name}: {res.error}"
            self._win.log_message(text, "error")
        else:
            label = result_label(it.model, it.scale, res.colorized)
            results = dict(it.results)
            results[label] = res.output
            self.queue.update(item_id, status=Status.DONE, output=res.output, results=results,
                              seconds=res.seconds, tile=res.tile, auto_tile=res.auto_tile,
                              input_size=res.input_size, output_size=res.output_size,
                              colorized=res.colorized,
                              done=it.total, message="", eta_s=None, resumable=False)
            if res.auto_tile:
                self.settings_panel.set_auto_tile(res.tile)
            self._record_speed(item_id, res)
            if it.video:
                frames = getattr(res, "frames", 0) or it.frames
                self.queue.update(item_id, frames=frames, done=frames, total=frames,
                                  rate=getattr(res, "fps", None))
                resumed = getattr(res, "resumed_frames", 0)
                self._win.log_message(
                    self.tr("{name} → {out} ({n} frames, {fps}, {sec:.1f} s, {enc})")
                    .format(name=it.path.name, out=res.output, n=frames,
                            fps=rate_text(getattr(res, "fps", 0.0) or 0.0, "frame"),
                            sec=res.seconds,
                            enc=getattr(res, "encoder", "") or "?")
                    + (self.tr("; resumed after frame {f}").format(f=resumed) if resumed
                       else "") + (self.tr("; colorized") if res.colorized else ""))
            else:
                # the live preview equals a lossless output, unless colour was added after
                # the upscaler wrote it: then the viewer reads the file
                if preview is not None and res.output.suffix.lower() in LOSSLESS \
                        and not res.colorized:
                    self.viewer.cache_image(str(res.output), preview)
                self._win.log_message(
                    self.tr("{name} → {out} ({sec:.1f} s, tile {tile})").format(
                        name=it.path.name, out=res.output, sec=res.seconds, tile=res.tile)
                    + (self.tr("; colorized") if res.colorized else ""))
        if item_id == self.viewer.current_id:
            self.viewer.show_item(it, prefer_right=result_label(it.model, it.scale,
                                                                it.colorized))

    def _record_speed(self, item_id: int, res: Any) -> None:
        """This run's output pixels per second, for the next video's estimate."""
        key = self._speed_keys.pop(item_id, None)
        size = getattr(res, "output_size", None)
        if key is None or not size or getattr(res, "resumed_frames", 0):
            return
        frames = getattr(res, "frames", 0) or 1
        record_speed(self.store, key, float(size[0] * size[1] * frames), res.seconds)

    @Slot(int, bool)
    def _on_row_cancelled(self, item_id: int, resumable: bool = False) -> None:
        self.tokens.pop(item_id, None)
        self._speed_keys.pop(item_id, None)
        self.viewer.take_preview(item_id)
        self.queue.update(item_id, status=Status.CANCELLED, message="", eta_s=None, rate=None,
                          resumable=resumable)
        it = self.queue.by_id(item_id)
        if it is not None:
            if resumable:
                self._win.log_message(self.tr("{name}: cancelled; finished parts are kept, "
                                              "run it again to resume").format(name=it.path.name))
            else:
                self._win.log_message(self.tr("{name}: cancelled").format(name=it.path.name))
            if item_id == self.viewer.current_id:
                self.viewer.show_item(it)

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        self._win.show_error(self.tr("Upscaling failed"), message)

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
        if live is None:
            ended = [it.status for it in self.queue.items if it.id in self._batch]
            self._batch.clear()
            self._win.statusBar().showMessage(finished_text(ended), 8000)
        self.workerChanged.emit()
