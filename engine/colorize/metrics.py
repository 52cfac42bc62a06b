"""Colorization metrics: PSNR, AuC of the ab error (plain and class-rebalanced), colourfulness.

* PSNR of the colorized RGB against the original colour image (8-bit scale).
* AuC (Zhang et al. 2016, section 3.1 "AuC"): the share of pixels whose ab error
  (Euclidean distance in the ab plane) is within a threshold t, for t = 0, 1, ..., 150,
  averaged over the 151 thresholds, so a perfect prediction scores 1.  The rebalanced
  variant weights every pixel by the inverse frequency of its ground-truth ab bin
  (:func:`engine.colorize.quantize.bin_index`), which gives every colour class the same
  total weight; the frequencies are those of the evaluated pixels unless ``prior`` is given.
* Colourfulness M of Hasler and Suesstrunk (2003): with rg = R - G and
  yb = (R + G) / 2 - B on 0-255 RGB, M = sqrt(s_rg^2 + s_yb^2) + 0.3 sqrt(m_rg^2 + m_yb^2).

:class:`AucAccumulator` pools pixels over many images with O(Q x 152) memory.
"""

from __future__ import annotations

import math

import numpy as np

from engine.colorize.lab import rgb_to_lab
from engine.colorize.quantize import bin_index, num_bins
from engine.io import to_float32

MAX_THRESHOLD = 150


def lab_of(pixels: np.ndarray) -> np.ndarray:
    """uint8/uint16 (H, W, 1|3) -> (H, W, 3) float32 Lab."""
    arr = pixels if pixels.ndim == 3 else pixels[..., None]
    rgb = to_float32(arr)
    if rgb.shape[2] == 1:
        rgb = np.repeat(rgb, 3, axis=2)
    return rgb_to_lab(rgb)


def psnr(result: np.ndarray, original: np.ndarray, data_range: float = 255.0) -> float:
    """PSNR in dB between two 8-bit RGB images (gray inputs are repeated to RGB)."""
    a = np.asarray(result, np.float64)
    b = np.asarray(original, np.float64)
    if a.ndim == 2:
        a = a[..., None]
    if b.ndim == 2:
        b = b[..., None]
    a = np.broadcast_to(a, b.shape) if a.shape[-1] == 1 else a
    b = np.broadcast_to(b, a.shape) if b.shape[-1] == 1 else b
    if a.shape != b.shape:
        raise ValueError(f"image sizes differ: {a.shape} vs {b.shape}")
    mse = float(np.mean((a - b) ** 2))
    return math.inf if mse == 0 else 10.0 * math.log10(data_range ** 2 / mse)


def colourfulness(pixels: np.ndarray) -> float:
    """Hasler-Suesstrunk colourfulness of an RGB image (0 for gray images)."""
    arr = pixels if pixels.ndim == 3 else pixels[..., None]
    if arr.shape[2] == 1:
        return 0.0
    rgb = arr.astype(np.float64) * (255.0 / (65535.0 if arr.dtype == np.uint16 else 255.0))
    rg = rgb[..., 0] - rgb[..., 1]
    yb = 0.5 * (rgb[..., 0] + rgb[..., 1]) - rgb[..., 2]
    return float(math.hypot(rg.std(), yb.std()) + 0.3 * math.hypot(rg.mean(), yb.mean()))


colorfulness = colourfulness


class AucAccumulator:
    """Histogram of ab errors per ground-truth bin; AuC plain and rebalanced at the end."""

    def __init__(self, max_threshold: int = MAX_THRESHOLD) -> None:
        self.max_threshold = int(max_threshold)
        self.hist = np.zeros((num_bins(), self.max_threshold + 2), np.float64)

    def add(self, pred_ab: np.ndarray, true_ab: np.ndarray) -> None:
        """Add (..., 2) predicted and ground-truth ab of the same pixels."""
        pred = np.asarray(pred_ab, np.float64).reshape(-1, 2)
        true = np.asarray(true_ab, np.float64).reshape(-1, 2)
        if pred.shape != true.shape:
            raise ValueError(f"ab shapes differ: {pred.shape} vs {true.shape}")
        err = np.sqrt(((pred - true) ** 2).sum(axis=1))
        # error <= t (integer t) exactly when ceil(error) <= t (1e-4 of slack for rounding)
        bucket = np.minimum(np.ceil(err - 1e-4), self.max_threshold + 1).astype(np.int64)
        bucket = np.maximum(bucket, 0)
        q = bin_index(true)
        np.add.at(self.hist, (q, bucket), 1.0)

    def add_images(self, result: np.ndarray, original: np.ndarray) -> None:
        """Add a colorized image and the original colours (uint8/uint16 RGB)."""
        self.add(lab_of(result)[..., 1:], lab_of(original)[..., 1:])

    def _auc(self, weights: np.ndarray) -> float:
        counts = (self.hist * weights[:, None]).sum(axis=0)
        total = counts.sum()
        if total <= 0:
            return float("nan")
        cdf = np.cumsum(counts[: self.max_threshold + 1]) / total
        return float(cdf.mean())

    @property
    def pixels(self) -> int:
        return int(self.hist.sum())

    def auc(self) -> float:
        return self._auc(np.ones(len(self.hist)))

    def auc_rebalanced(self, prior: np.ndarray | None = None) -> float:
        freq = (np.asarray(prior, np.float64) if prior is not None
                else self.hist.sum(axis=1) / max(1.0, self.hist.sum()))
        w = np.where(freq > 0, 1.0 / np.maximum(freq, 1e-300), 0.0)
        return self._auc(w)


def auc(pred_ab: np.ndarray, true_ab: np.ndarray, max_threshold: int = MAX_THRESHOLD) -> float:
    """AuC of the per-pixel ab error CDF over thresholds 0..max_threshold (1 = perfect)."""
    acc = AucAccumulator(max_threshold)
    acc.add(pred_ab, true_ab)
    return acc.auc()


def auc_rebalanced(pred_ab: np.ndarray, true_ab: np.ndarray, prior: np.ndarray | None = None,
                   max_threshold: int = MAX_THRESHOLD) -> float:
    """Class-rebalanced AuC: pixels weighted by 1 / frequency of their ground-truth bin."""
    acc = AucAccumulator(max_threshold)
    acc.add(pred_ab, true_ab)
    return acc.auc_rebalanced(prior)


def colorize_scores(result: np.ndarray, original: np.ndarray) -> dict[str, float]:
    """PSNR, AuC (plain, rebalanced) and colourfulness of one colorized image."""
    acc = AucAccumulator()
    acc.add_images(result, original)
    return {"psnr": psnr(result, original), "auc": acc.auc(),
            "auc_rebalanced": acc.auc_rebalanced(), "colourfulness": colourfulness(result)}
