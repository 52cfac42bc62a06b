"""The standard SR evaluation protocol over benchmark folders.

A dataset folder has ``HR/`` and optionally ``LR_bicubic/X{s}/<stem>x{s}.png`` (the layout
of Set5/Set14/BSD100).  When the LR file is absent it is made with the MATLAB-compatible
bicubic from ``modcrop(HR, s)``.  SR output is compared with HR cropped to its size,
shaving ``s`` border pixels, on Y (BT.601) and RGB; gray images are scored on their raw
values.  ``srstudio eval``, the trainer's validation and the GUI's self-check all call
:func:`evaluate`, so their numbers agree.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from engine.errors import ImageReadError
from engine.events import CancelToken, ProgressCallback, RateMeter, Started, emit
from engine.io import iter_image_files, read_image
from engine.metrics import sr_metrics
from engine.resize import imresize, modcrop


@dataclass
class BenchmarkImage:
    name: str
    lr: np.ndarray  # (h, w) or (h, w, 3) uint8
    hr: np.ndarray  # (h*s, w*s[, 3]) uint8


@dataclass
class DatasetScores:
    name: str
    scale: int
    psnr_y: float
    ssim_y: float
    psnr_rgb: float
    ssim_rgb: float
    images: int
    per_image: dict[str, dict[str, float]] = field(default_factory=dict)

    def as_dict(self, per_image: bool = False) -> dict:
        d = {"psnr_y": round(self.psnr_y, 4), "ssim_y": round(self.ssim_y, 5),
             "psnr_rgb": round(self.psnr_rgb, 4), "ssim_rgb": round(self.ssim_rgb, 5),
             "images": self.images}
        if per_image:
            d["per_image"] = self.per_image
        return d


def _as_8bit(pixels: np.ndarray) -> np.ndarray:
    if pixels.dtype == np.uint16:
        pixels = np.floor(pixels.astype(np.float32) / 257.0 + 0.5).astype(np.uint8)
    return pixels[..., 0] if pixels.ndim == 3 and pixels.shape[-1] == 1 else pixels


def make_lr(hr: np.ndarray, scale: int) -> tuple[np.ndarray, np.ndarray]:
    """(LR, cropped HR) from a full HR image with the MATLAB-compatible bicubic."""
    hr_c = modcrop(hr, scale)
    return imresize(hr_c, 1.0 / scale), hr_c


def benchmark_lr_dir(root: Path, scale: int) -> Path:
    """``LR_bicubic/X{s}``, else the first other ``LR_<kind>/X{s}`` (a degraded set made by
    ``python -m trainer.degraded_set``, e.g. ``LR_real``)."""
    bicubic = root / "LR_bicubic" / f"X{scale}"
    if bicubic.is_dir():
        return bicubic
    others = sorted(p / f"X{scale}" for p in root.glob("LR_*") if (p / f"X{scale}").is_dir())
    return others[0] if others else bicubic


def load_benchmark(dataset_dir: str | os.PathLike[str], scale: int,
                   limit: int | None = None) -> list[BenchmarkImage]:
    """Read a benchmark folder (``HR/`` + optional ``LR_bicubic/X{s}``) or a plain folder."""
    root = Path(dataset_dir)
    hr_dir = root / "HR" if (root / "HR").is_dir() else root
    if not hr_dir.is_dir():
        raise ImageReadError(f"dataset folder not found: {root}")
    lr_dir = benchmark_lr_dir(root, scale)
    images = []
    for path in iter_image_files([hr_dir], recursive=False):
        hr = _as_8bit(read_image(path).pixels)
        lr_path = lr_dir / f"{path.stem}x{scale}{path.suffix}"
        if lr_path.is_file():
            lr = _as_8bit(read_image(lr_path).pixels)
            h, w = lr.shape[:2]
            hr = hr[: h * scale, : w * scale]
        else:
            lr, hr = make_lr(hr, scale)
        images.append(BenchmarkImage(path.stem, lr, hr))
        if limit is not None and len(images) >= limit:
            break
    if not images:
        raise ImageReadError(f"no images in {hr_dir}")
    return images


def evaluate(upscale_fn: Callable[[np.ndarray], np.ndarray], images: list[BenchmarkImage],
             scale: int, *, name: str = "", progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None) -> DatasetScores:
    """Mean protocol metrics of ``upscale_fn`` (uint8 LR -> uint8 SR) over ``images``."""
    per: dict[str, dict[str, float]] = {}
    meter = RateMeter(len(images))
    emit(progress, Started("eval", len(images), name))
    for i, im in enumerate(images):
        if cancel is not None:
            cancel.raise_if_cancelled()
        sr = upscale_fn(im.lr)
        if sr.shape[:2] != im.hr.shape[:2]:
            raise ValueError(f"{im.name}: SR is {sr.shape[:2]}, HR is {im.hr.shape[:2]}")
        per[im.name] = {k: float(v) for k, v in sr_metrics(sr, im.hr, scale).items()}
        emit(progress, meter.update(i + 1, im.name))
    keys = ("psnr_y", "ssim_y", "psnr_rgb", "ssim_rgb")
    mean = {k: float(np.mean([p[k] for p in per.values()])) for k in keys}
    return DatasetScores(name=name, scale=scale, images=len(per), per_image=per, **mean)
