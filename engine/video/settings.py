"""How a video is encoded: the settings a user chooses, torch- and PyAV-free so the job
request (engine.jobs.request) can hold them; the pipeline's VideoOptions adds what a job
run sets from the request (tile, overwrite, colorize)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class VideoSettings:
    """How videos are encoded; the rest (model, tile, overwrite...) is the request's."""

    codec: str = "h264"                 # h264, h265, vp9, av1, ffv1, prores
    crf: int | None = 18                # constant quality (ignored when bitrate is set)
    bitrate: str | int | None = None    # e.g. "8M"; overrides crf
    preset: str = "medium"              # x264-style speed preset
    hw: str | None = "auto"             # auto (a hardware encoder that works here, else
                                        # software), nvenc, qsv, amf, videotoolbox, an
                                        # encoder name, or None (software)
    segment_seconds: float | None = 10.0   # resume granularity; None: one segment
    keep_audio: bool = True
    keep_subtitles: bool = True
    odd_size: str = "pad"               # 'pad' or 'crop' an odd W/H for 4:2:0 codecs
    resume: bool = True                 # reuse finished segments of an interrupted job
    max_frames: int | None = None       # only the first N frames (previews, benchmarks)
