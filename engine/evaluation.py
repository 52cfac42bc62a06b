"""The standard SR evaluation protocol over benchmark folders.

A dataset folder has ``HR/`` and optionally ``LR_bicubic/X{s}/<stem>x{s}.png`` (the layout
of Set5/Set14/BSD100).  When the LR file is absent it is made with the MATLAB-compatible
bicubic from ``modcrop(HR, s)``.  SR output is compared with HR cropped to its size,
shaving ``s`` border pixels, on Y (BT.601) and RGB; gray images are scored on their raw
values.  ``srstudio eval``, the trainer's validation and the GUI's self-check all call
:func:`evaluate`, so their numbers agree.

NIQE (no reference, lower is better; ``with_niqe=True``) is scored on the SR output and on
the HR image, both shaved by ``s`` pixels like PSNR; a dataset's NIQE is the mean over its
images (those too small for NIQE, under two 96x96 blocks, are left out; NaN if all are).
:func:`evaluate_no_reference` scores a folder of images that have no HR: NIQE of each
image as it is (no shave) and, given a model, of its upscaled output (shaved by ``s``).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import ImageReadError
from engine.events import CancelToken, ProgressCallback, RateMeter, Started, emit
from engine.io import iter_image_files, read_image
from engine.metrics import niqe, sr_metrics
from engine.resize import imresize, modcrop


@dataclass
class BenchmarkImage:
    name: str
    lr: np.ndarray  # (h, w) or (h, w, 3) uint8
    hr: np.ndarray  # (h*s, w*s[, 3]) uint8
    niqe_hr: float | None = field(default=None, repr=False)  # cached by evaluate()


def _rounded(v: float | None, digits: int = 4) -> float | None:
    """``v`` rounded for JSON; None for NaN (NIQE of an image too small for it)."""
    return None if v is None or not math.isfinite(v) else round(v, digits)


def _mean(values: list[float]) -> float:
    """Mean of the finite values (NIQE's undefined ones are NaN); NaN if there are none."""
    finite = [v for v in values if math.isfinite(v)]
    return float(np.mean(finite)) if finite else float("nan")


def niqe_or_nan(image: np.ndarray, crop_border: int = 0) -> float:
    """NIQE of ``image``, or NaN where it is undefined (under two 96x96 blocks)."""
    try:
        return niqe(image, crop_border=crop_border)
    except ValueError:
        return float("nan")


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
    niqe: float | None = None      # mean NIQE of the SR outputs; None: not computed
    niqe_hr: float | None = None   # mean NIQE of the HR images

    def as_dict(self, per_image: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {"psnr_y": round(self.psnr_y, 4), "ssim_y": round(self.ssim_y, 5),
             "psnr_rgb": round(self.psnr_rgb, 4), "ssim_rgb": round(self.ssim_rgb, 5),
             "images": self.images}
        if self.niqe is not None:
            d["niqe"] = _rounded(self.niqe)
            d["niqe_hr"] = _rounded(self.niqe_hr)
        if per_image:
            d["per_image"] = {k: {m: _rounded(v, 5) for m, v in p.items()}
                              for k, p in self.per_image.items()}
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
             scale: int, *, name: str = "", with_niqe: bool = False,
             progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None) -> DatasetScores:
    """Mean protocol metrics of ``upscale_fn`` (uint8 LR -> uint8 SR) over ``images``;
    with ``with_niqe`` also NIQE of each SR output and HR image (about 0.03 s per
    512x512 image; off by default, so the trainer's validation does not pay for it)."""
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
        if with_niqe:
            if im.niqe_hr is None:
                im.niqe_hr = niqe_or_nan(im.hr, scale)
            per[im.name]["niqe"] = niqe_or_nan(sr, scale)
            per[im.name]["niqe_hr"] = im.niqe_hr
        emit(progress, meter.update(i + 1, im.name))
    keys = ("psnr_y", "ssim_y", "psnr_rgb", "ssim_rgb")
    mean = {k: float(np.mean([p[k] for p in per.values()])) for k in keys}
    if with_niqe:
        mean["niqe"] = _mean([p["niqe"] for p in per.values()])
        mean["niqe_hr"] = _mean([p["niqe_hr"] for p in per.values()])
    return DatasetScores(name=name, scale=scale, images=len(per), per_image=per, **mean)


@dataclass
class NoReferenceScores:
    """NIQE of a folder of images without HR: of each input and, given a model, of its
    upscaled output (means over the images NIQE is defined for; NaN if none)."""

    name: str
    scale: int | None                  # None: the images were scored as they are
    images: int
    niqe_input: float
    niqe_output: float | None          # None without a model
    per_image: dict[str, dict[str, float]] = field(default_factory=dict)

    def as_dict(self, per_image: bool = True) -> dict:
        d: dict = {"images": self.images, "niqe_input": _rounded(self.niqe_input)}
        if self.niqe_output is not None:
            d["niqe_output"] = _rounded(self.niqe_output)
        if per_image:
            d["per_image"] = {k: {m: _rounded(v) for m, v in p.items()}
                              for k, p in self.per_image.items()}
        return d


def score_no_reference(pixels: np.ndarray,
                       upscale_fn: Callable[[np.ndarray], np.ndarray] | None = None,
                       scale: int | None = None) -> dict[str, float]:
    """``{'niqe_input'[, 'niqe_output']}`` of one decoded image (NaN where the image is
    too small for NIQE): the input unshaved, the output of ``upscale_fn`` shaved by
    ``scale`` pixels as the protocol shaves SR outputs."""
    img = _as_8bit(np.asarray(pixels))
    out = {"niqe_input": niqe_or_nan(img)}
    if upscale_fn is not None:
        if scale is None:
            raise ValueError("scoring an upscaled output needs its scale")
        out["niqe_output"] = niqe_or_nan(_as_8bit(upscale_fn(img)), scale)
    return out


def list_images(folder: str | os.PathLike[str]) -> list[Path]:
    """The image files directly in ``folder`` (sorted), for :func:`evaluate_no_reference`."""
    root = Path(folder)
    if not root.is_dir():
        raise ImageReadError(f"folder not found: {root}")
    paths = list(iter_image_files([root], recursive=False))
    if not paths:
        raise ImageReadError(f"no images in {root}")
    return paths


def evaluate_no_reference(upscale_fn: Callable[[np.ndarray], np.ndarray] | None,
                          paths: list[Path], scale: int | None = None, *, name: str = "",
                          progress: ProgressCallback | None = None,
                          cancel: CancelToken | None = None) -> NoReferenceScores:
    """NIQE of each image in ``paths`` (read one at a time) and, with ``upscale_fn``, of
    its output at ``scale``."""
    per: dict[str, dict[str, float]] = {}
    meter = RateMeter(len(paths))
    emit(progress, Started("eval", len(paths), name))
    for i, path in enumerate(paths):
        if cancel is not None:
            cancel.raise_if_cancelled()
        per[path.name] = score_no_reference(read_image(path).pixels, upscale_fn, scale)
        emit(progress, meter.update(i + 1, path.name))
    out = _mean([p["niqe_output"] for p in per.values()]) if upscale_fn is not None else None
    return NoReferenceScores(name=name, scale=scale if upscale_fn is not None else None,
                             images=len(per),
                             niqe_input=_mean([p["niqe_input"] for p in per.values()]),
                             niqe_output=out, per_image=per)
