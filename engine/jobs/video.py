"""The video upscale job: one video file in, one upscaled video out (resumable).

The CLI and the GUI queue route inputs whose extension is in :data:`VIDEO_EXTENSIONS`
here (:func:`is_video`, :func:`iter_video_files`) and call :func:`run_video_job` with the
same :class:`UpscaleOptions` as images (model, scale, tile, device, precision, name
pattern, overwrite) plus :class:`VideoOptions` (codec, quality, audio, segments).
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from engine.errors import CancelledError
from engine.events import CancelToken, ProgressCallback
from engine.inference import Upscaler
from engine.inference.factory import make_upscaler
from engine.jobs.outputs import video_output_path as _video_output_path
from engine.jobs.upscale import (
    FILE_ERRORS,
    UPSCALE_MEMORY_HINT,
    FileResult,
    UpscaleOptions,
    load_job_colorizer,
)
from engine.models.registry import resolve_model
from engine.video.encoders import available_encoders
from engine.video.files import VIDEO_EXTENSIONS, is_video, iter_video_files, split_inputs
from engine.video.pipeline import VideoOptions, VideoResult, upscale_video
from engine.video.segments import discard_parts, work_dir_for

__all__ = ["VIDEO_EXTENSIONS", "VideoFileResult", "VideoOptions", "VideoResult",
           "available_encoders", "discard_parts", "has_unfinished_parts", "is_video",
           "iter_video_files", "run_video_job", "split_inputs", "video_output_path"]


def video_output_path(inp: Path, out: Path | None, options: UpscaleOptions,
                      video: VideoOptions, model_name: str, root: Path | None = None) -> Path:
    """:func:`engine.jobs.outputs.video_output_path` for a job's options."""
    return _video_output_path(inp, out, options, video.codec, model_name, root,
                              colorize=video.colorize, keep_subtitles=video.keep_subtitles)


def video_options_for(request: UpscaleOptions) -> VideoOptions:
    """The video engine's options for a request: its nested video settings plus the
    request's own tile, overwrite and colorize."""
    return VideoOptions(**asdict(request.video), tile=request.tile,
                        overwrite=request.overwrite, colorize=request.colorize)


def has_unfinished_parts(output: str | os.PathLike[str]) -> bool:
    """True when an interrupted job left segments that a new run would resume from."""
    return (work_dir_for(output) / "manifest.json").is_file()


@dataclass
class VideoFileResult(FileResult):
    """A FileResult (so the CLI/GUI can print it like an image) plus video details."""

    frames: int = 0
    fps: float = 0.0                # processing speed, frames per second
    resumed_frames: int = 0
    encoder: str | None = None
    video: VideoResult | None = None


def run_video_job(input: str | os.PathLike[str], output: str | os.PathLike[str] | None,
                  options: UpscaleOptions, video: VideoOptions | None = None, *,
                  progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                  upscaler: Upscaler | None = None, colorizer: Any = None) -> VideoFileResult:
    """Upscale one video; errors are returned in the result, cancellation is raised.

    ``output``: a file (video suffix), a folder, or None (beside the input).  The model
    comes from ``options`` unless an ``upscaler`` is given.  ``options.overwrite``,
    ``options.tile`` and ``options.colorize`` apply (a black-and-white video is coloured
    with ``colorizer``, a loaded colorize model, or the one ``options`` names); the other
    image options are ignored.
    """
    t0 = time.perf_counter()
    src = Path(input)
    res = VideoFileResult(input=src)
    vopts = replace(video or video_options_for(options), tile=options.tile,
                    overwrite=options.overwrite or (video.overwrite if video else False),
                    colorize=options.colorize or (video.colorize if video else None))
    try:
        ref = resolve_model(options.model, options.scale)
        up = upscaler or make_upscaler(ref, options.device, options.precision,
                                       options.self_ensemble, options.backend)
        out = Path(output) if output is not None else None
        target = video_output_path(src, out, options, vopts, ref.name)
        if out is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
        frame_colorizer = None
        if vopts.colorize:
            from engine.colorize import FrameColorizer

            frame_colorizer = FrameColorizer(
                colorizer if colorizer is not None else
                load_job_colorizer(replace(options, colorize=vopts.colorize)))
        r = upscale_video(src, target, up, vopts, progress=progress, cancel=cancel,
                          colorizer=frame_colorizer)
        res.output = r.output
        res.input_size, res.output_size = r.input_size, r.output_size
        res.frames, res.resumed_frames, res.encoder = r.frames, r.resumed_frames, r.encoder
        res.fps = r.processing_fps
        res.tile = r.tile
        res.colorized = r.colorized
        res.video = r
    except CancelledError:
        raise
    except FILE_ERRORS as e:
        res.fail(e, UPSCALE_MEMORY_HINT)
    res.seconds = time.perf_counter() - t0
    return res
