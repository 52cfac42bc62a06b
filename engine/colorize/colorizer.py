"""Colorize images and video frames with a trained colorizer (no Qt, no file I/O).

The network sees a resized copy of the image (short side 256, like Zhang et al.'s 256 x 256
input; the long side is capped), predicts ab at 1/4 of that, and the ab planes are
upsampled bilinearly to the full image, band by band, while the image's own full-resolution
L* is kept.  Memory therefore grows with the output only, so huge images work.  Where the
predicted chroma is not displayable at a pixel's lightness it is reduced (hue and L* kept)
until the colour fits the sRGB gamut, so the output's L* equals the input's up to rounding.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import torch

import engine.colorize.archs  # noqa: F401  (registers the colorizer architectures)
from engine.colorize.archs import KIND, ColorizerNet, is_colorizer
from engine.colorize.lab import (
    gray_to_l,
    lab_to_linear_rgb,
    linear_to_srgb,
    rgb_to_l,
    srgb_gray,
)
from engine.colorize.strength import check_strength, strength_of
from engine.errors import UnsupportedModelError
from engine.io import from_float32, to_float32
from engine.io.files import file_identity

SHORT_SIDE = 256
MAX_SIDE = 1024
BAND_ROWS = 256
GRAY_TOLERANCE = 3        # 8-bit levels of channel spread still counted as gray
GRAY_MAX_FRACTION = 1e-3  # share of pixels allowed above the tolerance (JPEG ringing)


# --- models -----------------------------------------------------------------------------
def load_colorizer(name: str | os.PathLike[str] | None = None, device: str | None = "auto"):
    """A :class:`~engine.models.descriptor.LoadedModel` for a colorize model: ``None`` or
    ``'colorize'`` (the shipped/user model with role 'colorize'), a model name or a weight
    file; its network is moved to ``device`` and put in eval mode."""
    from engine.devices import select_device
    from engine.models.descriptor import LoadedModel
    from engine.models.registry import ModelInfo, list_models, resolve_model

    key = str(name or "colorize")
    try:
        ref = resolve_model(key, None)
    except UnsupportedModelError:
        if key.lower() == "colorize" or not any(m.role == "colorize" for m in list_models()):
            raise UnsupportedModelError(
                "no colorize model installed; pass --model PATH.safetensors or train one "
                "with 'srstudio train-colorize recipes/colorize_classification.toml'") from None
        raise
    if not isinstance(ref, ModelInfo):
        raise UnsupportedModelError(f"{key} is a resizer, not a colorize model")
    model = LoadedModel.from_file(Path(ref.path))
    if model.spec.kind != KIND or not is_colorizer(model.module):
        raise UnsupportedModelError(f"{ref.name} ({model.spec.name}) is not a colorize model")
    model.module.to(select_device(device)).eval()
    return model


def _network(model: Any) -> ColorizerNet:
    net = getattr(model, "module", model)
    if is_colorizer(net):
        return net
    raise UnsupportedModelError("not a colorize model")


# --- gray detection ---------------------------------------------------------------------
def is_grayscale(pixels: np.ndarray, tol: float = GRAY_TOLERANCE,
                 max_fraction: float = GRAY_MAX_FRACTION) -> bool:
    """True for 1-channel images and for RGB whose channels agree: at most ``max_fraction``
    of the pixels may differ between channels by more than ``tol`` (8-bit levels; scaled
    for 16-bit data)."""
    arr = pixels if pixels.ndim == 3 else pixels[..., None]
    if arr.shape[2] == 1:
        return True
    limit = tol * (257.0 if arr.dtype == np.uint16 else 1.0)
    bad, total = 0, arr.shape[0] * arr.shape[1]
    allowed = int(max_fraction * total)
    for y0 in range(0, arr.shape[0], 1024):
        band = arr[y0:y0 + 1024].astype(np.int32)
        spread = band.max(axis=2) - band.min(axis=2)
        bad += int(np.count_nonzero(spread > limit))
        if bad > allowed:
            return False
    return True


# --- colorization -----------------------------------------------------------------------
def net_size(h: int, w: int, short_side: int = SHORT_SIDE, max_side: int = MAX_SIDE
             ) -> tuple[int, int]:
    """Size (h, w) of the network's input: short side ``short_side``, long side at most
    ``max_side``, both multiples of 4."""
    f = short_side / min(h, w)
    f = min(f, max_side / max(h, w))
    return max(4, int(round(h * f / 4)) * 4), max(4, int(round(w * f / 4)) * 4)


def _lightness(arr01: np.ndarray) -> np.ndarray:
    return gray_to_l(arr01[..., 0]) if arr01.shape[2] == 1 else rgb_to_l(arr01)


@torch.inference_mode()
def predict_ab(model: Any, pixels: np.ndarray, short_side: int = SHORT_SIDE,
               max_side: int = MAX_SIDE, strength: float | None = None) -> np.ndarray:
    """(H, W, 1|3) uint8/uint16 -> (h, w, 2) float32 ab on the network's 1/4 grid, scaled
    by ``strength`` (None: the model's own, :mod:`engine.colorize.strength`; 1 = as
    predicted, 0 = gray)."""
    strength = strength_of(model) if strength is None else check_strength(strength)
    net = _network(model)
    arr = pixels if pixels.ndim == 3 else pixels[..., None]
    h, w = net_size(arr.shape[0], arr.shape[1], short_side, max_side)
    small = cv2.resize(arr, (w, h), interpolation=cv2.INTER_AREA)
    small = small.reshape(h, w, arr.shape[2])
    lum = _lightness(to_float32(small))
    param = next(net.parameters())
    x = torch.from_numpy(lum)[None, None].to(device=param.device, dtype=param.dtype)
    ab = net.predict_ab(x).float()[0].permute(1, 2, 0).cpu().numpy()
    if strength != 1.0:   # the blend of gray (ab = 0) and the prediction, in Lab
        ab *= np.float32(strength)
    return np.ascontiguousarray(ab)


def _vertical_weights(out_rows: np.ndarray, src_h: int, dst_h: int
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Bilinear (half-pixel centres, like cv2.resize) row indices and weights."""
    sy = (out_rows + 0.5) * (src_h / dst_h) - 0.5
    y0 = np.floor(sy)
    wy = (sy - y0).astype(np.float32)
    y0 = y0.astype(np.int64)
    y1 = np.clip(y0 + 1, 0, src_h - 1)
    wy = np.where(y0 < 0, 1.0, wy).astype(np.float32)
    y0 = np.clip(y0, 0, src_h - 1)
    return y0, y1, wy


def fit_gamut(lum: np.ndarray, ab: np.ndarray, steps: int = 6) -> np.ndarray:
    """(...) L and (..., 2) ab -> float32 sRGB in [0, 1] with the same L*: chroma is
    scaled down (bisection) where (L, a, b) is not displayable; gray always is."""
    lin = lab_to_linear_rgb(lum, ab)
    eps = np.float32(1e-5)
    bad = ((lin < -eps) | (lin > 1 + eps)).any(axis=-1)
    if bad.any():
        lb, abb = lum[bad], ab[bad]
        lo = np.zeros(len(lb), np.float32)
        hi = np.ones(len(lb), np.float32)
        for _ in range(steps):
            mid = (lo + hi) * np.float32(0.5)
            t = lab_to_linear_rgb(lb, abb * mid[:, None])
            ok = ((t >= -eps) & (t <= 1 + eps)).all(axis=-1)
            lo = np.where(ok, mid, lo)
            hi = np.where(ok, hi, mid)
        lin[bad] = lab_to_linear_rgb(lb, abb * lo[:, None])
    return np.clip(linear_to_srgb(np.clip(lin, 0.0, 1.0)), 0.0, 1.0)


def apply_ab(pixels: np.ndarray, ab_small: np.ndarray, band_rows: int = BAND_ROWS
             ) -> np.ndarray:
    """Combine the full-resolution L* of ``pixels`` with ``ab_small`` upsampled to its size."""
    arr = pixels if pixels.ndim == 3 else pixels[..., None]
    big_h, big_w = arr.shape[:2]
    src_h = ab_small.shape[0]
    wide = cv2.resize(ab_small, (big_w, src_h), interpolation=cv2.INTER_LINEAR)
    wide = wide.reshape(src_h, big_w, 2)
    out = np.empty((big_h, big_w, 3), arr.dtype)
    for y0 in range(0, big_h, band_rows):
        y1 = min(big_h, y0 + band_rows)
        r0, r1, wy = _vertical_weights(np.arange(y0, y1), src_h, big_h)
        ab = wide[r0] * (1 - wy)[:, None, None] + wide[r1] * wy[:, None, None]
        lum = _lightness(to_float32(arr[y0:y1]))
        out[y0:y1] = from_float32(fit_gamut(lum, ab), arr.dtype)
    return out


def gray_of(pixels: np.ndarray) -> np.ndarray:
    """The "keep it gray" baseline: (H, W, 3) R = G = B with the image's own L* (a = b = 0)."""
    arr = pixels if pixels.ndim == 3 else pixels[..., None]
    out = np.empty(arr.shape[:2] + (3,), arr.dtype)
    for y0 in range(0, arr.shape[0], BAND_ROWS):
        band = to_float32(arr[y0:y0 + BAND_ROWS])
        gray = band[..., 0] if band.shape[2] == 1 else srgb_gray(band)
        out[y0:y0 + BAND_ROWS] = from_float32(gray, arr.dtype)[..., None]
    return out


def colorize_image(model: Any, pixels: np.ndarray, *, recolor: bool = False,
                   short_side: int = SHORT_SIDE, strength: float | None = None
                   ) -> np.ndarray:
    """Colorize ``pixels`` (H, W, 1|3) uint8/uint16 -> (H, W, 3) RGB of the same dtype.

    ``model`` is a loaded colorize model (:func:`load_colorizer`) or a colorizer network.
    Gray inputs (1 channel, or RGB with equal channels, see :func:`is_grayscale`) get
    colour; a colour input is returned unchanged (as a copy) unless ``recolor`` is true, in
    which case its colour is dropped and predicted again.
    """
    arr = pixels if pixels.ndim == 3 else pixels[..., None]
    if arr.shape[2] not in (1, 3):
        raise ValueError(f"expected (H, W, 1) or (H, W, 3) pixels, got {pixels.shape}")
    if arr.shape[2] == 3 and not recolor and not is_grayscale(arr):
        return arr.copy()
    ab = predict_ab(model, arr, short_side, strength=strength)
    return apply_ab(arr, ab)


class FrameColorizer:
    """A ``frame -> frame`` colorizer for the video pipeline: (H, W, 3|1) uint8 RGB in,
    (H, W, 3) uint8 RGB out, with an :attr:`identity` (weight file, size, mtime) so a
    resumed video job never mixes frames coloured by two different models.

    Decoded video frames are RGB even for black-and-white films, with some chroma noise, so
    by default every frame is coloured from its L* (``recolor=True``); deciding per frame
    would flicker.  Pass ``recolor=False`` to leave colour frames unchanged.
    """

    def __init__(self, model: Any, *, recolor: bool = True,
                 short_side: int = SHORT_SIDE) -> None:
        self.net = _network(model)
        self.net.eval()
        self.recolor, self.short_side = recolor, short_side
        self.strength = strength_of(model)
        self.name = str(getattr(model, "name", type(self.net).__name__))
        self.identity = f"{self.name}:{file_identity(getattr(model, 'path', None))}:" \
                        f"recolor={recolor}:short_side={short_side}" + \
                        (f":strength={self.strength:.2f}" if self.strength != 1.0 else "")

    def __call__(self, frame: np.ndarray) -> np.ndarray:
        return colorize_image(self.net, frame, recolor=self.recolor,
                              short_side=self.short_side, strength=self.strength)
