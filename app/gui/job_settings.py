"""What one upscale run uses, as plain data.

The settings panel fills a :class:`JobSettings`; :meth:`JobSettings.request` turns it into
the engine's one Request, which the queue plans and the worker runs.  It lives apart from
the panel's widgets so that the worker (and tests) need no widget module, and it imports
no torch at start-up: the engine's request module is imported only when a run asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.naming import DEFAULT_NAME_PATTERN

DEFAULT_PATTERN = DEFAULT_NAME_PATTERN


@dataclass
class JobSettings:
    """What one upscale run uses; every field is plain data."""

    model: str = "auto"                    # as the CLI's default (the engine's Request)
    scale: int = 4
    device: str = "auto"
    backend: str = "auto"                  # 'auto', 'torch' or 'onnx' (ONNX Runtime)
    precision: str = "auto"
    tile: int | str | None = "auto"
    self_ensemble: bool = False            # average the 8 flips/rotations (8x the time)
    output_dir: str | None = None
    output_format: str | None = None
    quality: int = 95
    name_pattern: str = DEFAULT_PATTERN
    video_codec: str = "h264"
    video_hw: str | None = None            # hardware family (nvenc, qsv, ...) or None
    video_crf: int = 18
    video_bitrate: str | None = None       # e.g. "8M"; when set, used instead of the CRF
    video_preset: str = "medium"
    video_segment_seconds: float | None = 10.0   # resume granularity (not in the panel)
    colorize: str | None = None            # colour gray inputs 'before'/'after' upscaling
    colorize_strength: float = 0.3         # share of the predicted chroma (0 gray, 1 all)

    def request(self, overwrite: bool = False) -> Any:
        """The engine's one :class:`~engine.jobs.request.Request` for these settings."""
        from engine.jobs.request import Request, VideoSettings
        return Request(model=self.model, scale=self.scale, tile=self.tile,
                       device=self.device, precision=self.precision, backend=self.backend,
                       self_ensemble=self.self_ensemble, output=self.output_dir or None,
                       output_format=self.output_format, quality=self.quality,
                       name_pattern=self.name_pattern or DEFAULT_PATTERN,
                       overwrite=overwrite, colorize=self.colorize,
                       video=VideoSettings(codec=self.video_codec, hw=self.video_hw or None,
                                           crf=self.video_crf,
                                           bitrate=self.video_bitrate or None,
                                           preset=self.video_preset or "medium",
                                           segment_seconds=self.video_segment_seconds))

    upscale_options = request   # the engine's older name for the same options

    def runtime_key(self) -> tuple:
        """How the model runs; with the model it resolves to, what one upscaler serves."""
        return (self.scale, self.device, self.backend, self.precision, self.self_ensemble)
