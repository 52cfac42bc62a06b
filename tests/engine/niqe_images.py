"""Deterministic test images for NIQE (tests/engine/test_niqe.py), made with numpy and
OpenCV from fixed seeds, so the expected values need neither BasicSR nor ../shared.

Kept apart from the test so the one-off reference script (see test_niqe.py's docstring)
can import the very same images without pytest.
"""

from __future__ import annotations

import cv2
import numpy as np


def synth_photo(seed: int, h: int, w: int, *, blur: float = 0.0, noise: float = 0.0,
                gray: bool = False) -> np.ndarray:
    """A photo-like uint8 image: colour gradients, multi-octave smooth texture, hard-edged
    shapes, then optional Gaussian blur (sigma ``blur``) and noise (std ``noise`` levels)."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    img = (40.0 + (xx / w)[..., None] * rng.uniform(40, 120, 3)
           + (yy / h)[..., None] * rng.uniform(20, 90, 3))
    for octave in range(1, 7):
        cells = 2 ** octave
        small = rng.normal(0.0, 1.0, (cells + 1, cells + 1, 3))
        img += 60.0 / octave * cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    for _ in range(14):
        cy, cx = rng.uniform(0, h), rng.uniform(0, w)
        ry, rx = rng.uniform(6, h / 4), rng.uniform(6, w / 4)
        colour = rng.uniform(0, 255, 3)
        if rng.random() < 0.5:
            mask = ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1.0
        else:
            mask = (np.abs(yy - cy) <= ry) & (np.abs(xx - cx) <= rx)
        img[mask] = 0.35 * img[mask] + 0.65 * colour
    if blur:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    if noise:
        img = img + rng.normal(0.0, noise, img.shape)
    out = np.clip(np.floor(img + 0.5), 0, 255).astype(np.uint8)
    if gray:
        return np.ascontiguousarray(out[..., 1])
    return out


def niqe_test_images() -> dict[str, np.ndarray]:
    """The four images whose BasicSR NIQE is committed in test_niqe.py."""
    return {
        "clean": synth_photo(1, 288, 384),
        "blurred": synth_photo(1, 288, 384, blur=2.5),
        "noisy": synth_photo(2, 300, 250, noise=14.0),
        "gray": synth_photo(3, 250, 330, gray=True),
    }
