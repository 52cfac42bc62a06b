"""The viewer side of the main window: what the compare view shows for the selected row.

Decoding runs in workers (:mod:`app.gui.media_workers`); this object keeps a small cache
of decoded images, the live previews of running jobs and the self-check results, and
rebuilds the compare view's sources from them whenever the selection or one of them
changes.  The self-check and reference scores are run from here because the selected row
is their input and their heat maps are viewer sources.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QObject, Slot

from app.gui.feedback import Feedback
from app.gui.media_workers import ImageLoadWorker, VideoFrameWorker, frame_key
from app.gui.queue_state import QueueItem, QueueState
from app.gui.score_workers import ReferenceWorker, SelfCheckWorker
from app.gui.viewer import CompareView, Layer, TiledImage
from app.gui.workers import WorkerHost

if TYPE_CHECKING:
    from app.gui.metrics_panel import MetricsPanel
    from app.gui.queue_view import QueueView
    from app.gui.settings_panel import SettingsPanel

IMAGE_CACHE = 8
# translated where shown (self.tr); marked for pyside6-lupdate
INPUT_SMOOTH = QT_TRANSLATE_NOOP("ViewerController", "Input · smooth")
INPUT_NEAREST = QT_TRANSLATE_NOOP("ViewerController", "Input · nearest")


def viewer_frame(it: QueueItem) -> int | None:
    """The video frame the viewer compares: the middle one (None: not probed yet)."""
    return it.frames // 2 if it.video and it.frames else None


class ViewerController(QObject):
    """Selection, image cache, live previews and self-check results → compare view sources.

    The main window wires the queue view and metrics panel signals to the public slots
    here; the queue controller hands over previews and finished outputs.  The settings
    panel gives the scale and device of a self-check.
    """

    def __init__(self, *, queue: QueueState, queue_view: QueueView, compare: CompareView,
                 metrics: MetricsPanel, settings_panel: SettingsPanel, host: WorkerHost,
                 feedback: Feedback, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queue, self.queue_view = queue, queue_view
        self.compare, self.metrics = compare, metrics
        self.settings_panel, self.host, self.feedback = settings_panel, host, feedback
        self.images: OrderedDict[str, TiledImage] = OrderedDict()
        self._loading: set[str] = set()
        self.previews: dict[int, TiledImage] = {}
        self._want_right: dict[int, str] = {}   # item id -> result label to show when loaded
        self._want_input: set[int] = set()   # rows whose input goes left once it is decoded
        self.selfcheck: dict[int, tuple[Any, dict[str, TiledImage]]] = {}
        self.heatmap_model = ""
        self.current_id: int | None = None
        self._busy_metrics: Any = None

    # selection ---------------------------------------------------------------------------
    def selected_item(self) -> QueueItem | None:
        return self.queue.by_id(self.current_id) if self.current_id is not None else None

    @Slot(QItemSelection, QItemSelection)
    def on_selection(self, *_args: Any) -> None:
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
        self.show_item(it, reset=True)
        entry = self.selfcheck.get(it.id)
        if entry is not None:
            self._show_selfcheck(entry[0])

    def forget(self, ids: set[int]) -> None:
        """Rows were removed: empty the viewer if it showed one of them."""
        if self.current_id in ids:
            self.current_id = None
            self.compare.set_sources({})

    # decoded images ----------------------------------------------------------------------
    def cache_image(self, key: str, img: TiledImage) -> None:
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
            w.message.connect(self.feedback.log)
            self.host.start(w)
        return None

    def _item_keys(self, it: QueueItem) -> set[str]:
        paths = [it.path, *it.results.values()]
        if not it.video:
            return {str(p) for p in paths}
        frame = viewer_frame(it)
        return set() if frame is None else {frame_key(p, frame) for p in paths}

    @Slot(str, object)
    def _on_image_loaded(self, key: str, img: TiledImage) -> None:
        self._loading.discard(key)
        self.cache_image(key, img)
        it = self.selected_item()
        if it is not None and key in self._item_keys(it):
            self.show_item(it)

    @Slot(str, str)
    def _on_image_failed(self, key: str, message: str) -> None:
        self._loading.discard(key)
        self.feedback.log(message, "warning")

    # live previews of running jobs -------------------------------------------------------
    @Slot(int, object)
    def on_preview_started(self, item_id: int, image: TiledImage) -> None:
        self.previews[item_id] = image
        if item_id == self.current_id:
            it = self.queue.by_id(item_id)
            label = self.tr("Live · {m}").format(m=it.model if it else "")
            self.compare.update_source(label, Layer(image, 1.0, label=label), show_right=True)

    @Slot(int, int, int)
    def on_preview_rows(self, item_id: int, y0: int, y1: int) -> None:
        img = self.previews.get(item_id)
        if img is not None:
            img.invalidate_rows(y0, y1)
            if item_id == self.current_id:
                self.compare.refresh()

    def take_preview(self, item_id: int) -> TiledImage | None:
        """The job ended: its live preview leaves the viewer (returned for reuse)."""
        return self.previews.pop(item_id, None)

    # sources -----------------------------------------------------------------------------
    def show_item(self, it: QueueItem, reset: bool = False,
                  prefer_right: str | None = None) -> None:
        """Rebuild the viewer's sources for ``it`` (input, results, live preview, heat map)."""
        sources: dict[str, Layer] = {}
        # a video shows one frame (the middle one) of its input and of each output
        frame = viewer_frame(it)
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
        # the input goes on the left when the row is (re)selected; if it is still being
        # decoded, as soon as it arrives (else the compare view's fallback, the result,
        # stayed on both sides)
        if reset:
            self._want_input.add(it.id)
        left = None
        if it.id in self._want_input and inp is not None:
            left = self.tr(INPUT_SMOOTH)
            self._want_input.discard(it.id)
        right = heat_label or prefer_right or live_label or None
        if right is None and (reset or prefer_right) and results:
            right = list(results)[-1]
        if reset and right is None and results:
            right = list(results)[-1]
        self.compare.set_sources(sources, left=left, right=right)
        if reset:
            self.compare.fit()

    @Slot(str)
    def show_heatmap(self, model: str) -> None:
        self.heatmap_model = model
        it = self.selected_item()
        if it is not None:
            self.show_item(it)

    # self-check and reference scores -----------------------------------------------------
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
        self._start_metrics_worker(w)

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
        self.feedback.log(self.tr("Self-check ×{s}: ").format(s=res.scale) + ", ".join(
            f"{e.name} {e.scores['psnr_y']:.2f} dB" for e in res.entries)
            + self.tr(" (best: {b})").format(b=best.name))

    def _show_selfcheck(self, res: Any) -> None:
        self.metrics.show_self_check([(e.name, e.scores) for e in res.entries],
                                     getattr(res, "niqe_input", None))

    @Slot(str)
    def _on_metrics_failed(self, message: str) -> None:
        self.metrics.set_busy(False, message)
        self.feedback.error(self.tr("PSNR/SSIM"), message)

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
        self._start_metrics_worker(w)

    def _start_metrics_worker(self, w: Any) -> None:
        """The wiring both score workers share: errors, log lines, the busy state."""
        w.failed.connect(self._on_metrics_failed)
        w.message.connect(self.feedback.log)
        w.finished.connect(self._on_metrics_finished)
        self.metrics.set_busy(True, self.tr("Running…"))
        self._busy_metrics = w
        self.host.start(w)

    @Slot(object)
    def _on_reference_done(self, scores: Any) -> None:
        self.metrics.show_reference(scores.output, scores.bicubic)
