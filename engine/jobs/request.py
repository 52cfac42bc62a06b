"""One upscale request: every option a driver can set, defined once and checked once.

The CLI, the app's queue, the server and the cluster build a :class:`Request`, hand it
with their inputs to :func:`engine.jobs.plan.plan_job`, and run the plan with
:func:`engine.jobs.run.run_plan`.  Video settings are nested (:class:`VideoSettings`),
not repeated: tile, overwrite and colorize are the request's, for images and videos alike.
This module imports neither torch nor Qt nor PyAV.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.errors import SRStudioError
from engine.io.read_checks import DEFAULT_MAX_PIXELS
from engine.naming import DEFAULT_NAME_PATTERN
from engine.video.settings import VideoSettings

__all__ = ["Request", "RequestError", "VideoSettings"]

OUTPUT_FORMAT_CHOICES = ("png", "jpg", "jpeg", "webp", "tif", "tiff", "bmp")
COLORIZE_WHEN = ("before", "after")
DEVICES_HINT = "auto, cpu, cuda, cuda:N, mps"


class RequestError(SRStudioError):
    """An option out of range: one line naming the option and what it accepts."""


@dataclass
class Request:
    """What to do with the inputs.  ``output`` is a folder (or one file for one input);
    None writes beside each input."""

    model: str = "auto"                  # auto, a role, a model name, a weight file, a resizer
    scale: int = 4
    tile: int | str | None = "auto"      # pixels, 'auto', or None (whole image)
    device: str = "auto"
    precision: str = "auto"
    self_ensemble: bool = False          # average the 8 flips/rotations (8x the time)
    backend: str = "auto"                # 'torch', 'onnx' (ONNX Runtime, fp32) or 'auto'
    output: str | None = None
    output_format: str | None = None     # None: same format as the input
    quality: int = 95                    # JPEG / WebP
    name_pattern: str = DEFAULT_NAME_PATTERN
    overwrite: bool = False
    skip_existing: bool = False          # resume a batch: keep outputs already there
    max_pixels: int | None = DEFAULT_MAX_PIXELS
    colorize: str | None = None          # None, or colour gray inputs 'before'/'after'
    colorize_model: str = "colorize"     # name or weight file of the colorize model
    video: VideoSettings = field(default_factory=VideoSettings)

    def validate(self) -> Request:
        """Raise :class:`RequestError` for the first bad option; returns self."""
        if self.scale not in (1, 2, 3, 4, 8) and not 1 <= self.scale <= 16:
            raise RequestError(f"scale must be 2, 3, 4 or 8, not {self.scale}")
        if isinstance(self.tile, str) and self.tile != "auto":
            raise RequestError(f"tile must be a number of pixels, 'auto' or off, "
                               f"not {self.tile!r}")
        if isinstance(self.tile, int) and self.tile < 16:
            raise RequestError(f"tile must be at least 16 pixels, not {self.tile}")
        if self.precision not in ("auto", "fp32", "fp16", "bf16"):
            raise RequestError(f"precision must be auto, fp32, fp16 or bf16, "
                               f"not {self.precision!r}")
        if self.backend not in ("auto", "torch", "onnx"):
            raise RequestError(f"backend must be auto, torch or onnx, not {self.backend!r}")
        dev = self.device.lower()
        if not (dev in ("auto", "cpu", "cuda", "mps") or dev.startswith("cuda:")):
            raise RequestError(f"device must be one of {DEVICES_HINT}, not {self.device!r}")
        if self.output_format is not None and \
                self.output_format.lower().lstrip(".") not in OUTPUT_FORMAT_CHOICES:
            raise RequestError(f"format must be one of png, jpg, webp, tif, bmp, "
                               f"not {self.output_format!r}")
        if not 1 <= self.quality <= 100:
            raise RequestError(f"quality must be 1-100, not {self.quality}")
        if self.colorize is not None and self.colorize not in COLORIZE_WHEN:
            raise RequestError(f"colorize must be 'before' or 'after', not {self.colorize!r}")
        if self.overwrite and self.skip_existing:
            raise RequestError("overwrite and skip-existing exclude each other")
        try:
            self.name_pattern.format(stem="a", scale=2, model="m")
        except (KeyError, IndexError, ValueError) as e:
            raise RequestError(f"name pattern {self.name_pattern!r} is not valid: only "
                               f"{{stem}}, {{scale}} and {{model}} can be used ({e})") from None
        if self.max_pixels is not None and self.max_pixels < 1:
            raise RequestError("max pixels must be positive")
        v = self.video
        if v.crf is not None and not 0 <= v.crf <= 63:
            raise RequestError(f"crf must be 0-63, not {v.crf}")
        if v.odd_size not in ("pad", "crop"):
            raise RequestError(f"odd size must be 'pad' or 'crop', not {v.odd_size!r}")
        if v.segment_seconds is not None and v.segment_seconds <= 0:
            raise RequestError("segment seconds must be positive")
        return self
