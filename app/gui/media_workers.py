"""Workers that read media for the window: images and video frames decoded for the viewer
(big images take seconds), and queued videos probed for size, frame count and fps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal

from app.gui.workers import Worker, one_line


class ImageLoadWorker(Worker):
    """Decodes images for the viewer and builds their pyramids (big images take seconds)."""

    loaded = Signal(str, object)        # key (path), TiledImage
    loadFailed = Signal(str, str)       # key, message

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = list(paths)

    def work(self) -> None:
        import numpy as np

        from app.gui.viewer.tile_cache import TiledImage
        from engine.errors import SRStudioError
        from engine.io import read_image
        for p in self.paths:
            if self.cancel_token.cancelled:
                return
            try:
                img = read_image(p)
            except (SRStudioError, OSError) as e:
                self.loadFailed.emit(str(p), one_line(e))
                continue
            arr = img.pixels if img.alpha is None else np.concatenate(
                [img.pixels, img.alpha[:, :, None]], axis=2)
            self.loaded.emit(str(p), TiledImage(arr, name=p.name))


class VideoProbeWorker(Worker):
    """Probes queued videos (size, frame count, fps) off the GUI thread."""

    probed = Signal(int, object)       # item id, engine.video.probe.VideoInfo
    probeFailed = Signal(int, str)     # item id, message

    def __init__(self, items: list[tuple[int, Path]]) -> None:
        super().__init__()
        self.items = list(items)

    def work(self) -> None:
        from engine.errors import SRStudioError
        from engine.video.probe import probe_video
        for item_id, path in self.items:
            if self.cancel_token.cancelled:
                return
            try:
                info = probe_video(path)
            except (SRStudioError, OSError) as e:
                self.probeFailed.emit(item_id, one_line(e))
                continue
            except Exception as e:  # noqa: BLE001 - a bad file must not stop the others
                self.probeFailed.emit(item_id, f"{path.name}: {one_line(e)}")
                continue
            self.probed.emit(item_id, info)


def frame_key(path: Path, index: int) -> str:
    """Image-cache key of one decoded video frame."""
    return f"{path}#frame={index}"


def read_video_frame(path: Path, index: int) -> Any:
    """RGB uint8 pixels of frame ``index`` (counted from the first decoded frame; long
    seeks jump to the nearest keyframe by time first).  The last frame if there are fewer."""
    import av
    from av.video.reformatter import Interpolation

    from engine.errors import VideoError
    from engine.video.probe import open_input, pick_video_stream
    rgb = Interpolation.BICUBIC | Interpolation.ACCURATE_RND | Interpolation.FULL_CHR_H_INT
    with open_input(path) as c:
        vs = pick_video_stream(c, path)
        vs.thread_type = "AUTO"
        fps = float(vs.average_rate or vs.guessed_rate or vs.base_rate or 25)
        tb = float(vs.time_base or 1 / 90000)
        target_t: float | None = None
        if index > 2 * fps and vs.time_base:
            start = float((vs.start_time or 0) * tb)
            target_t = start + index / fps
            try:
                c.seek(int((target_t - 1 / fps) / tb), stream=vs, backward=True)
            except av.error.FFmpegError:
                target_t = None
                c.seek(0)
        last = None
        for n, frame in enumerate(c.decode(vs)):
            last = frame
            if target_t is not None and frame.time is not None:
                if frame.time >= target_t - 0.5 / fps:
                    break
            elif target_t is None and n >= index:
                break
        if last is None:
            raise VideoError(f"{path.name}: no frame could be decoded")
        return last.to_ndarray(format="rgb24", interpolation=rgb)


class VideoFrameWorker(Worker):
    """Decodes one frame of each video (input and outputs) for the comparison viewer."""

    loaded = Signal(str, object)        # key (frame_key), TiledImage
    loadFailed = Signal(str, str)       # key, message

    def __init__(self, requests: list[tuple[Path, int]]) -> None:
        super().__init__()
        self.requests = list(requests)

    def work(self) -> None:
        from app.gui.viewer.tile_cache import TiledImage
        from engine.errors import SRStudioError
        for path, index in self.requests:
            if self.cancel_token.cancelled:
                return
            key = frame_key(path, index)
            try:
                pixels = read_video_frame(path, index)
            except (SRStudioError, OSError) as e:
                self.loadFailed.emit(key, one_line(e))
                continue
            except Exception as e:  # noqa: BLE001 - PyAV errors: show, do not crash
                self.loadFailed.emit(key, f"{path.name}: {one_line(e)}")
                continue
            self.loaded.emit(key, TiledImage(pixels, name=f"{path.name} · frame {index}"))
