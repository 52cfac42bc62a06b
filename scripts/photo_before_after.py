#!/usr/bin/env python3
"""The README's before/after crops: one real web JPEG upscaled by bicubic, quality, photo.

    .venv/bin/python scripts/photo_before_after.py [--image PATH] [--scale 4]
        [--crop X,Y,SIZE] [--models bicubic,quality,photo]
        [-o docs/screenshots/photo_before_after.png]

The default image is a real JPEG as it was published (quality ≈ 75, Sun-Hays 80 in
../shared/data/train/colorization, not among the photo models' training images).  The
crop is upscaled whole by each model through the engine (tiled as in the app), and the
results are laid side by side at 1:1 with their names (``--models`` takes names or weight
files, e.g. a GAN stage's ``runs/.../best.safetensors`` to compare it with ``photo``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT_IMAGE = (REPO.parent / "shared/data/train/colorization/Sun-Hays80/"
                 "balcony_interior_sun_bammhtthmkjntkqh.jpg")


def upscale_with(name: str, scale: int, pixels: np.ndarray) -> np.ndarray:
    from engine.inference import upscale_image
    from engine.inference.factory import make_upscaler
    from engine.models.registry import resolve_model
    up = make_upscaler(resolve_model(name, scale), device="cpu", precision="fp32",
                       backend="torch")
    return upscale_image(up, pixels).pixels


def label(img: np.ndarray, text: str) -> np.ndarray:
    out = np.ascontiguousarray(img.copy())
    cv2.rectangle(out, (0, 0), (min(out.shape[1], 12 + 11 * len(text)), 26), (0, 0, 0), -1)
    cv2.putText(out, text, (6, 19), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (255, 255, 255), 1,
                cv2.LINE_AA)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--image", type=Path, default=DEFAULT_IMAGE)
    ap.add_argument("--scale", type=int, default=4)
    ap.add_argument("--crop", default=None, help="X,Y,SIZE in input pixels (default: centre 100)")
    ap.add_argument("--models", default="bicubic,quality,photo",
                    help="comma-separated names or weight files, left to right")
    ap.add_argument("-o", "--output", type=Path,
                    default=REPO / "docs" / "screenshots" / "photo_before_after.png")
    a = ap.parse_args()
    from engine.content import assess_content
    from engine.io import read_image
    from engine.io.image import ImageData
    from engine.io.writer import write_image
    pixels = read_image(a.image).pixels[..., :3]
    h, w = pixels.shape[:2]
    if a.crop:
        x, y, size = (int(v) for v in a.crop.split(","))
    else:
        size = 100
        x, y = (w - size) // 2, (h - size) // 2
    crop = np.ascontiguousarray(pixels[y:y + size, x:x + size])
    report = assess_content(a.image)
    panels = []
    for name in a.models.split(","):
        out = upscale_with(name, a.scale, crop)
        title = Path(name).parent.name if name.endswith(".safetensors") else name
        panels.append(label(out, f"{title} x{a.scale}"))
    gap = np.full((panels[0].shape[0], 6, 3), 255, np.uint8)
    strip = np.concatenate([p for pair in zip(panels, [gap] * len(panels)) for p in pair][:-1],
                           axis=1)
    write_image(a.output, ImageData(strip), overwrite=True)
    print(f"{a.image.name} ({report.reason}), crop {size} px at ({x}, {y}) -> {a.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
