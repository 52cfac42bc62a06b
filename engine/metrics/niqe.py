"""NIQE, the no-reference "Natural Image Quality Evaluator" (Mittal, Soundararajan and
Bovik, "Making a 'completely blind' image quality analyzer", IEEE SPL 2013).

Lower is better.  NIQE needs no reference image, so it scores real photos and upscaled
outputs that have no ground truth.  The model of pristine images is the standard one
(``data/niqe_pris_params.npz``, from BasicSR, see ``data/NOTICE.md``); the conventions follow
the reference implementations, so numbers are comparable with published ones:

* the image is scored on its Y channel (BT.601, MATLAB ``rgb2ycbcr``, rounded to integers);
  gray images on their values; ``crop_border`` pixels are dropped first;
* it is cropped from the top-left to whole 96x96 blocks (no overlap);
* MSCN coefficients ``(I - mu) / (sigma + 1)`` with a 7x7 Gaussian window (sigma 7/6) and
  replicated edges, in float32 as the reference computes them: in a flat area the exact
  coefficient is 0, and float64 rounding noise would give it a random sign, which moves the
  AGGD fits (by 0.37 on Set5's head.png; float32 rounds the local mean back to the pixel
  value);
* per block, 18 features: an AGGD fit of the coefficients (shape, mean spread) and of the
  products with their horizontal, vertical and two diagonal neighbours (circular within the
  block; shape, mean, left and right spread), the shape found on the reference's grid
  0.2:0.001:10 by moment matching;
* the same on the image halved with MATLAB bicubic ``imresize`` (symmetric edges, as MATLAB
  and the reference do) in 48x48 blocks; 36 features per block;
* quality = sqrt((mu_p - mu) pinv((C_p + C) / 2) (mu_p - mu)^T) between the pristine
  Gaussian (mu_p, C_p) and the one fitted to the image's blocks (NaN features excluded).

Every block's features are computed at once with numpy (no per-block Python loop), one
band of block rows at a time (bounded memory, same result).  About 0.03 s for a 512x512
image on this project's 2-core CPU (0.5 s for 2048x1536).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from engine.metrics.protocol import luma_y
from engine.resize import imresize

__all__ = ["NIQE_BLOCK", "gaussian_window", "niqe", "niqe_min_size", "niqe_y"]

NIQE_BLOCK = 96
_PARAMS = Path(__file__).with_name("data") / "niqe_pris_params.npz"
_SHAPE_GRID = (0.2, 10.001, 0.001)     # the reference's alpha grid, np.arange(0.2, 10.001, 0.001)
# pairwise products: (row, column) shifts of np.roll -- right, down, down-right, down-left
_SHIFTS = ((0, 1), (1, 0), (1, 1), (1, -1))


def niqe_min_size() -> tuple[int, int]:
    """Smallest (height, width) NIQE is defined for after the border crop: two blocks,
    since the image's feature covariance needs at least two samples."""
    return NIQE_BLOCK, 2 * NIQE_BLOCK


@lru_cache(maxsize=1)
def _pristine() -> tuple[np.ndarray, np.ndarray]:
    """(mu, cov) of the pristine model: shapes (36,) and (36, 36)."""
    with np.load(_PARAMS) as d:
        return (np.asarray(d["mu_pris_param"], np.float64).reshape(-1),
                np.asarray(d["cov_pris_param"], np.float64))


def gaussian_window(size: int = 7, sigma: float = 7.0 / 6.0) -> np.ndarray:
    """The normalised (size, size) Gaussian window of the MSCN transform."""
    r = (size - 1) / 2.0
    x = np.arange(size, dtype=np.float64) - r
    g = np.exp(-(x * x) / (2.0 * sigma * sigma))
    w = np.outer(g, g)
    return w / w.sum()


@lru_cache(maxsize=1)
def _shape_table() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(alpha grid, r(alpha), G(1/a), G(2/a), G(3/a)) with
    r(a) = G(2/a)^2 / (G(1/a) G(3/a)), which increases strictly with a on the grid."""
    alpha = np.arange(*_SHAPE_GRID)
    g1, g2, g3 = (np.array([math.gamma(k / a) for a in alpha.tolist()]) for k in (1, 2, 3))
    ratio = g2 * g2 / (g1 * g3)
    if not np.all(np.diff(ratio) > 0):   # the nearest-value search below relies on it
        raise AssertionError("NIQE shape table is not monotonic")
    return alpha, ratio, g1, g2, g3


def _nearest_shape(target: np.ndarray) -> np.ndarray:
    """Index of the grid value whose r(alpha) is nearest ``target`` (the reference's
    ``argmin((r - target)^2)``, first index on ties, index 0 for NaN)."""
    _, ratio, *_ = _shape_table()
    t = np.nan_to_num(target, nan=-np.inf)
    hi = np.clip(np.searchsorted(ratio, t), 1, len(ratio) - 1)
    lo = hi - 1
    pick = np.where((ratio[hi] - t) ** 2 < (ratio[lo] - t) ** 2, hi, lo)
    return np.where(np.isnan(target), 0, pick)


def _aggd(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Moment-matching AGGD fit of each row of ``x`` (n, pixels): returns
    (alpha, beta_left, beta_right, G(2/alpha) / G(1/alpha)), each (n,)."""
    alpha_grid, _, g1, g2, g3 = _shape_table()
    sq = x * x
    neg, pos = x < 0, x > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        left = np.sqrt(np.where(neg, sq, 0.0).sum(1) / neg.sum(1))
        right = np.sqrt(np.where(pos, sq, 0.0).sum(1) / pos.sum(1))
        g = left / right
        rhat = np.abs(x).mean(1) ** 2 / sq.mean(1)
        rnorm = rhat * (g ** 3 + 1) * (g + 1) / (g * g + 1) ** 2
    i = _nearest_shape(rnorm)
    k = np.sqrt(g1[i] / g3[i])
    return alpha_grid[i], left * k, right * k, g2[i] / g1[i]


def _mscn(img: np.ndarray) -> np.ndarray:
    """Mean-subtracted contrast-normalised coefficients (replicated edges), float32."""
    w = gaussian_window()
    x = img.astype(np.float32)
    mu = cv2.filter2D(x.astype(np.float64), cv2.CV_64F, w,
                      borderType=cv2.BORDER_REPLICATE).astype(np.float32)
    mu2 = cv2.filter2D((x * x).astype(np.float64), cv2.CV_64F, w,
                       borderType=cv2.BORDER_REPLICATE).astype(np.float32)
    sigma = np.sqrt(np.abs(mu2 - mu * mu))
    return ((x - mu) / (sigma + np.float32(1.0))).astype(np.float64)


def _block_features(rows: np.ndarray, block: int) -> np.ndarray:
    """(blocks, 18) features of a band of whole ``block``-sized blocks, given with 3 rows of
    context above and below (the 7x7 window's reach)."""
    h, w = rows.shape[0] - 6, rows.shape[1]
    nh, nw = h // block, w // block
    blocks = (_mscn(rows)[3:-3].reshape(nh, block, nw, block).transpose(0, 2, 1, 3)
              .reshape(nh * nw, block, block))
    flat = blocks.reshape(nh * nw, -1)
    a, bl, br, _ = _aggd(flat)
    cols = [a, (bl + br) / 2.0]
    for shift in _SHIFTS:
        prod = (blocks * np.roll(blocks, shift, axis=(1, 2))).reshape(nh * nw, -1)
        a, bl, br, g21 = _aggd(prod)
        cols += [a, (br - bl) * g21, bl, br]
    return np.stack(cols, axis=1)


RowSource = Callable[[np.ndarray], np.ndarray]
_BAND_PIXELS = 2_000_000   # pixels of one band of block rows: bounds memory on large images


def _mirror(idx: np.ndarray, n: int) -> np.ndarray:
    """Indices reflected MATLAB-style (symmetric, edge repeated) into [0, n)."""
    idx = np.where(idx < 0, -idx - 1, idx)
    return np.where(idx >= n, 2 * n - idx - 1, idx)


def _half_rows(rows: RowSource, h: int, q0: int, q1: int) -> np.ndarray:
    """Rows [q0, q1) of MATLAB ``imresize(plane, 0.5)`` (bicubic, antialiased, symmetric
    edges as in MATLAB and the reference) of an (h, w) plane with even h and w.

    :func:`engine.resize.imresize` replicates edges, so the input rows are read with
    mirrored indices and 4 mirrored columns are added (the 8-tap kernel reaches 3 past an
    edge); a slab of rows a few past [2 q0, 2 q1) is resized and the rows its own edges
    touched are dropped.  Weights depend only on the phase, so every band gives exactly
    the rows the whole image would.
    """
    m = 4
    src = rows(_mirror(np.arange(2 * (q0 - m), 2 * (q1 + m)), h))
    src = np.pad(src, ((0, 0), (m, m)), mode="symmetric")
    return imresize(src, 0.5)[m:-m, m // 2:-m // 2]


def _band_features(rows: RowSource, h: int, w: int, band_blocks: int) -> np.ndarray:
    """(blocks, 36) features of an (h, w) plane of whole blocks, read ``band_blocks`` block
    rows at a time: MSCN context rows come from the neighbouring bands (replicated at the
    image's edges), so the result equals the whole plane's."""
    b, hb = NIQE_BLOCK, NIQE_BLOCK // 2
    feats = []
    for r0 in range(0, h // b, band_blocks):
        r1 = min(h // b, r0 + band_blocks)
        y1 = rows(np.clip(np.arange(r0 * b - 3, r1 * b + 3), 0, h - 1))
        q0, q1 = max(0, r0 * hb - 3), min(h // 2, r1 * hb + 3)
        half = _half_rows(rows, h, q0, q1)
        y2 = half[np.clip(np.arange(r0 * hb - 3, r1 * hb + 3), 0, h // 2 - 1) - q0]
        feats.append(np.concatenate([_block_features(y1, b), _block_features(y2, hb)], axis=1))
    return np.concatenate(feats, axis=0)


def _quality(feats: np.ndarray) -> float:
    """Distance between the pristine Gaussian and the one fitted to ``feats`` (blocks, 36)."""
    mu_p, cov_p = _pristine()
    mu = np.nanmean(feats, axis=0)
    cov = np.cov(feats[~np.isnan(feats).any(axis=1)], rowvar=False)
    d = mu_p - mu
    return float(np.sqrt(d @ np.linalg.pinv((cov_p + cov) / 2.0) @ d))


def _blocks_shape(h: int, w: int) -> tuple[int, int]:
    nh, nw = h // NIQE_BLOCK, w // NIQE_BLOCK
    if nh * nw < 2:
        mh, mw = niqe_min_size()
        raise ValueError(f"NIQE needs at least two {NIQE_BLOCK}x{NIQE_BLOCK} blocks "
                         f"({mw}x{mh} or {mh}x{mw} pixels); the image is {w}x{h}")
    return nh * NIQE_BLOCK, nw * NIQE_BLOCK


def _default_band(w: int) -> int:
    return max(1, _BAND_PIXELS // (w * NIQE_BLOCK))


def niqe_y(y: np.ndarray, *, band_blocks: int | None = None) -> float:
    """NIQE of a 2-D luma (or gray) plane on the 0..255 scale, already cropped and rounded.

    ``band_blocks`` (block rows processed at a time) only bounds memory; it does not change
    the result.
    """
    plane = np.asarray(y)
    if plane.ndim != 2:
        raise ValueError(f"niqe_y takes a 2-D plane, got shape {plane.shape}")
    h, w = _blocks_shape(*plane.shape)
    band = band_blocks or _default_band(w)
    return _quality(_band_features(lambda idx: plane[idx, :w].astype(np.float64), h, w, band))


def niqe(image: np.ndarray, crop_border: int = 0, *, band_blocks: int | None = None) -> float:
    """NIQE of an 8-bit (or 16-bit) RGB or gray image, (H, W), (H, W, 1) or (H, W, 3).

    Lower is more natural.  ``crop_border`` pixels are dropped from each edge first (the SR
    protocol's shave).  RGB is scored on MATLAB's Y channel rounded to integers, gray on its
    values; 16-bit images are brought to the 0..255 scale first.  The luma is made one band
    of rows at a time, so a 16000x12000 output costs about as much extra memory as a
    2-megapixel one.  Raises ``ValueError`` for images smaller than :func:`niqe_min_size`
    after the crop.
    """
    arr = np.asarray(image)
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[..., 0]
    if not (arr.ndim == 2 or (arr.ndim == 3 and arr.shape[2] == 3)):
        raise ValueError(f"NIQE takes (H, W), (H, W, 1) or (H, W, 3) images, got {arr.shape}")
    if arr.dtype not in (np.uint8, np.uint16):
        raise ValueError(f"NIQE takes uint8 or uint16 images, got {arr.dtype}")
    div = 257.0 if arr.dtype == np.uint16 else 1.0
    c = int(crop_border)
    if c < 0:
        raise ValueError(f"crop_border must be >= 0, got {crop_border}")
    h, w = _blocks_shape(max(0, arr.shape[0] - 2 * c), max(0, arr.shape[1] - 2 * c))

    def rows(idx: np.ndarray) -> np.ndarray:
        vals = arr[c + idx, c:c + w].astype(np.float64) / div
        if vals.ndim == 3:
            vals = luma_y(vals)
        return np.floor(vals + 0.5)

    return _quality(_band_features(rows, h, w, band_blocks or _default_band(w)))
