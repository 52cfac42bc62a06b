"""The queue side of the main window: adding files, starting and cancelling upscale jobs.

Probing, planning, upscaling and encoding run in workers (:mod:`app.gui.workers`): the
engine's ``plan_job`` (in :class:`~app.gui.plan_worker.PlanWorker`) decides each row's
model and output path; this object asks about existing files, hands the jobs to one
:class:`~app.gui.upscale_worker.UpscaleWorker` (or, with *Run on: a server*, a
:class:`~app.gui.remote_worker.RemoteUpscaleWorker`) and hands its reports to the plain
queue state (:mod:`app.gui.queue_state`), which owns the rows' rules.  Live previews and
finished outputs go to the viewer controller, which owns what is shown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog

from app.gui.feedback import Feedback
from app.gui.media_workers import VideoProbeWorker
from app.gui.output_conflicts import OutputConflicts
from app.gui.queue_dialogs import ask_conflict, confirm_long_video
from app.gui.queue_state import (
    JobCancelled,
    JobFinished,
    JobProgress,
    JobStarted,
    QueueItem,
    QueueState,
    result_label,
)
from app.gui.queue_texts import (
    cancelled_line,
    done_line,
    finished_text,
    open_filters,
    queued_text,
)
from app.gui.queue_worker import QueueWorker
from app.gui.remote_worker import RemoteUpscaleWorker
from app.gui.settings_store import SettingsStore
from app.gui.upscale_worker import UpscaleJob, UpscaleWorker
from app.gui.video_cost import known_speed, record_speed, speed_key, video_cost
from app.gui.viewer_controller import ViewerController
from app.gui.workers import WorkerHost

if TYPE_CHECKING:
    from app.gui.queue_view import QueueView
    from app.gui.run_on import RunOnPanel
    from app.gui.settings_panel import SettingsPanel

LOSSLESS = {".png", ".tif", ".tiff", ".bmp"}


class QueueController(QObject):
    """Queue rows → upscale jobs, and the upscale worker's signals → queue rows.

    The main window wires its menus, buttons and queue view to the public slots here; the
    window's counts and recent-files menu follow the two signals.
    """

    pathsAdded = Signal(list)   # the paths as given (files and folders), for "Open recent"
    workerChanged = Signal()    # an upscale worker started or ended

    def __init__(self, *, queue: QueueState, queue_view: QueueView,
                 settings_panel: SettingsPanel, run_on: RunOnPanel, viewer: ViewerController,
                 store: SettingsStore, host: WorkerHost, feedback: Feedback,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queue, self.queue_view, self.viewer = queue, queue_view, viewer
        self.settings_panel, self.run_on = settings_panel, run_on
        self.store, self.host, self.feedback = store, host, feedback
        # this computer's UpscaleWorker or a server's RemoteUpscaleWorker (Run on)
        self.upscale_worker: QueueWorker | None = None
        self._speed_keys: dict[int, str] = {}   # row -> how its job runs (video_cost)
        self._stopping = False   # the window is closing: start nothing new
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
            self.feedback.log(note[0].upper() + note[1:], "warning")
        if raw:
            self.pathsAdded.emit([str(p) for p in raw])
        if videos:
            self._probe_videos(videos)
        if new:
            self.feedback.log(queued_text(len(new) - len(videos), len(videos)))
            if self.viewer.current_id is None:
                self.queue_view.select_id(new[0].id)
        return new

    def _probe_videos(self, videos: list[tuple[int, Path]]) -> None:
        w = VideoProbeWorker(videos)
        w.probed.connect(self._on_video_probed)
        w.probeFailed.connect(self._on_video_probe_failed)
        w.message.connect(self.feedback.log)
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
        files, _ = QFileDialog.getOpenFileNames(self.feedback.dialog_parent,
                                                self.tr("Open images or videos"), start,
                                                open_filters())
        if files:
            self.store.set("dialogs/last_dir", str(Path(files[0]).parent))
            self.add_paths(files)

    def open_folder(self) -> None:
        start = self.store.get_str("dialogs/last_dir", str(Path.home()))
        d = QFileDialog.getExistingDirectory(self.feedback.dialog_parent,
                                             self.tr("Open folder"), start)
        if d:
            self.store.set("dialogs/last_dir", d)
            self.add_paths([d])

    # running -----------------------------------------------------------------------------
    def _ask_conflict(self, target: Path) -> tuple[str, bool]:
        """('overwrite' | 'skip' | 'rename', apply to all) for an existing output file."""
        if self.conflict_resolver is not None:
            return self.conflict_resolver(target)
        return ask_conflict(self.feedback.dialog_parent, target)

    @Slot()
    def start_queued(self) -> int:
        """The Start button, menu, toolbar and Ctrl+Return: every queued row.

        A slot of its own: ``clicked`` and ``triggered`` pass ``checked`` (a bool), which
        ``start(ids)`` took for the list of rows and failed on."""
        return self.start(None)

    def start(self, ids: list[int] | None = None) -> int:
        """Plan every queued row (or ``ids``) in a worker, then start them; returns the
        number of rows being planned (they start when the plan is ready)."""
        if self._stopping:
            return 0   # the window is stopping its jobs to close: start nothing new
        s = self.settings_panel.job_settings()
        self.settings_panel.save(self.store)
        items = self.queue.startable(ids)
        if not items:
            self.feedback.status(
                self.tr("Nothing queued: drop or open images or videos first"), 5000)
            return 0
        target = self.run_on.target()
        if target is not None and not target.url:
            self.feedback.error(self.tr("Cannot start"), self.tr(
                "Type the server's address under Run on, or choose This computer"))
            return 0
        if s.output_dir:
            try:
                Path(s.output_dir).mkdir(parents=True, exist_ok=True)
            except OSError as e:
                self.feedback.error(self.tr("Cannot start"), str(e))
                return 0
        from app.gui.plan_worker import PlanWorker
        rows = [(it.id, it.path, it.root if s.output_dir else None) for it in items]
        self.queue.planning(it.id for it in items)
        w = PlanWorker(rows, s)
        # bound methods of this GUI-thread object: the slots run here, not in the worker
        w.planned.connect(self._start_planned)
        w.planFailed.connect(self._on_plan_failed)
        self.host.start(w)
        return len(items)

    @Slot(object, str)
    def _on_plan_failed(self, ids: list[int], message: str) -> None:
        self.queue.planned(ids)
        self.feedback.error(self.tr("Cannot start"), message)

    @Slot(object, object)
    def _start_planned(self, planned: list[tuple[int, Any]], s: Any) -> None:
        """The plan is ready: settle existing outputs (ask), then hand the jobs over."""
        from engine.events import CancelToken
        from engine.jobs.plan import describe_choice
        self.queue.planned(item_id for item_id, _item in planned)
        if self._stopping:
            return
        jobs: list[UpscaleJob] = []
        outputs = OutputConflicts(self._ask_conflict)
        for item_id, item in planned:
            it = self.queue.waiting(item_id)
            if item is None or it is None:
                continue   # removed, cancelled or started while the plan was made
            key = speed_key(item.model_name, self._device_key(s), s.self_ensemble, s.backend)
            if it.video and not self._video_cost_ok(it, s.scale, key):
                continue   # the user chose not to start it now: it stays queued
            settled = outputs.settle(item.output)
            if settled is None:
                self.queue.skip(it.id, self.tr("output exists"), item.model_name, s.scale)
                continue
            target, overwrite = settled
            if item.model_reason:
                self.feedback.log(f"{it.path.name}: {describe_choice(item)}")
            token = CancelToken()
            self.queue.hand_over(it.id, token, item.model_name, s.scale)
            jobs.append(UpscaleJob(it.id, it.path, target, s, overwrite, token, item=item))
            self._speed_keys[it.id] = key
        if jobs:
            self._run_jobs(jobs)

    def _video_cost_ok(self, it: QueueItem, scale: int, key: str) -> bool:
        """Log a video's output size and estimated time; ask before a long one."""
        cost = video_cost(it.input_size, it.frames, scale, known_speed(self.store, key))
        if cost is None:
            return True
        text = cost.text(it.path.name)
        self.feedback.log(text)
        if not cost.worth_asking():
            return True
        return confirm_long_video(self.feedback.dialog_parent, text)

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
        w.message.connect(self.feedback.log)
        w.failed.connect(self._on_worker_failed)
        w.finished.connect(self._on_upscale_finished)
        self.upscale_worker = w
        self.host.start(w)
        self.workerChanged.emit()

    def rerun_ids(self, ids: list[int]) -> None:
        """'Run again with current settings': finished rows wait again, then start."""
        self.queue.rerun(ids)
        self.start(ids)

    def running(self) -> bool:
        """Whether an upscale worker runs (its rows may still be waiting in it)."""
        return self.upscale_worker is not None

    # cancelling and removing -------------------------------------------------------------
    def cancel_ids(self, ids: list[int]) -> None:
        self.queue.cancel(ids, self.tr("cancelling…"))

    def cancel_selected(self) -> None:
        self.cancel_ids(self.queue_view.selected_ids())

    def cancel_jobs(self) -> None:
        """Cancel every running and waiting job (the window's Cancel all adds training);
        their rows say "cancelling…" at once, until the worker reports them stopped."""
        if self.upscale_worker is not None:
            self.upscale_worker.cancel()
        self.queue.cancel_jobs(self.tr("cancelling…"))

    def shut_down(self) -> None:
        """The window is closing: cancel every job and start no other."""
        self._stopping = True
        self.cancel_jobs()

    def remove_finished(self) -> None:
        self.viewer.forget(self.queue.remove_finished())

    def remove_ids(self, ids: list[int]) -> None:
        self.cancel_ids(ids)
        self.viewer.forget(self.queue.remove(ids))

    # worker signals ----------------------------------------------------------------------
    @Slot(int, str, int)
    def _on_row_started(self, item_id: int, model: str, scale: int) -> None:
        self.queue.apply(JobStarted(item_id))

    @Slot(int, int, int, object, object)
    def _on_row_progress(self, item_id: int, done: int, total: int, eta: Any, rate: Any) -> None:
        self.queue.apply(JobProgress(item_id, done, total, eta, rate))

    @Slot(int, object)
    def _on_row_finished(self, item_id: int, res: Any) -> None:
        preview = self.viewer.take_preview(item_id)
        key = self._speed_keys.pop(item_id, None)
        it = self.queue.apply(JobFinished(item_id, res))
        if it is None:
            return
        if res.error:
            text = res.error if it.path.name in res.error else f"{it.path.name}: {res.error}"
            self.feedback.log(text, "error")
        else:
            if res.auto_tile:
                self.settings_panel.set_auto_tile(res.tile)
            self._record_speed(key, res)
            # the live preview equals a lossless output, unless colour was added after
            # the upscaler wrote it: then the viewer reads the file
            if not it.video and preview is not None and not res.colorized \
                    and res.output.suffix.lower() in LOSSLESS:
                self.viewer.cache_image(str(res.output), preview)
            self.feedback.log(done_line(it, res))
        if item_id == self.viewer.current_id:
            self.viewer.show_item(it, prefer_right=result_label(it.model, it.scale,
                                                                it.colorized))

    def _record_speed(self, key: str | None, res: Any) -> None:
        """This run's output pixels per second, for the next video's estimate."""
        size = getattr(res, "output_size", None)
        if key is None or not size or getattr(res, "resumed_frames", 0):
            return
        frames = getattr(res, "frames", 0) or 1
        record_speed(self.store, key, float(size[0] * size[1] * frames), res.seconds)

    @Slot(int, bool)
    def _on_row_cancelled(self, item_id: int, resumable: bool = False) -> None:
        self._speed_keys.pop(item_id, None)
        self.viewer.take_preview(item_id)
        it = self.queue.apply(JobCancelled(item_id, resumable))
        if it is not None:
            self.feedback.log(cancelled_line(it.path.name, resumable))
            if item_id == self.viewer.current_id:
                self.viewer.show_item(it)

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        self.feedback.error(self.tr("Upscaling failed"), message)

    @Slot()
    def _on_upscale_finished(self) -> None:
        if self.sender() is self.upscale_worker:
            self.upscale_worker = None
        if self.upscale_worker is None:
            # rows whose job never reported (the worker died) must not stay 'running'
            ended = self.queue.end_batch(self.tr("stopped unexpectedly"))
            self.feedback.status(finished_text(ended), 8000)
        self.workerChanged.emit()
