"""Colour training photos for the colorizer: decoded once, shrunk, kept in RAM as uint8.

Every image is shrunk (never enlarged) so its short side is ``data.short_side``, the scale
the colorizer sees at inference.  A batch is ``batch_size`` random square crops of one
random side in [crop_min, crop_max] (multiples of 8), drawn with probability proportional
to image area, each flipped left-right at random.  All randomness comes from one numpy
Generator whose state goes into checkpoints, so a resumed run sees the same batches.
Unreadable files, gray photos and images smaller than ``crop_min`` are skipped with a
warning.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import torch

from engine.colorize.colorizer import is_grayscale
from engine.colorize.lab import rgb_to_lab
from engine.colorize.quantize import count_bins, num_bins
from engine.errors import ConfigError, ImageReadError
from engine.events import ProgressCallback, Started, Warning_, emit
from engine.io import iter_image_files
from engine.io.formats import is_supported_image
from trainer.colorize.config import ColorizeDataConfig
from trainer.data import read_rgb8


def shrink(rgb: np.ndarray, short_side: int) -> np.ndarray:
    h, w = rgb.shape[:2]
    f = short_side / min(h, w)
    if f >= 1.0:
        return rgb
    size = (max(1, round(w * f)), max(1, round(h * f)))
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)


def find_images(dirs: list[str], max_images: int | None = None) -> list[Path]:
    files = [f for f in iter_image_files(dirs) if is_supported_image(f)]
    return files[:max_images] if max_images else files


def load_images(files: list[Path], short_side: int, min_side: int, skip_gray: bool,
                threads: int = 2, warn: Callable[[str], None] | None = None
                ) -> tuple[list[np.ndarray], list[Path]]:
    """Decode and shrink ``files`` (order kept); returns (images, their paths)."""
    def one(path: Path) -> np.ndarray | str:
        try:
            rgb = read_rgb8(path)
        except ImageReadError as e:
            return f"skipped {path.name}: {e}"
        if skip_gray and is_grayscale(rgb):
            return f"skipped {path.name}: gray image"
        rgb = shrink(rgb, short_side)
        if min(rgb.shape[:2]) < min_side:
            return f"skipped {path.name}: smaller than {min_side} px"
        return np.ascontiguousarray(rgb)

    with ThreadPoolExecutor(max(1, threads)) as pool:
        results = list(pool.map(one, files))
    images, kept = [], []
    for path, r in zip(files, results):
        if isinstance(r, str):
            if warn is not None:
                warn(r)
        else:
            images.append(r)
            kept.append(path)
    return images, kept


def bin_counts(images: list[np.ndarray], stride: int = 4) -> np.ndarray:
    """(Q,) ab-bin pixel counts of the images (every ``stride``-th pixel each way)."""
    counts = np.zeros(num_bins())
    for img in images:
        sub = img[::stride, ::stride].astype(np.float32) / 255.0
        counts += count_bins(rgb_to_lab(sub)[..., 1:])
    return counts


class CropSampler:
    """Random crops of the cached images as (N, 3, s, s) float tensors in [0, 1]."""

    def __init__(self, images: list[np.ndarray], cfg: ColorizeDataConfig, seed: int) -> None:
        if not images:
            raise ConfigError("data.train_dirs: no usable colour image found")
        self.images, self.cfg = images, cfg
        self.rng = np.random.default_rng(seed)
        self.sizes = list(range(cfg.crop_min, cfg.crop_max + 1, 8))
        self.area = np.array([i.shape[0] * i.shape[1] for i in images], np.float64)
        self.short = np.array([min(i.shape[:2]) for i in images])

    def state_dict(self) -> dict[str, Any]:
        return {"rng": self.rng.bit_generator.state}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.rng.bit_generator.state = state["rng"]

    def next_batch(self) -> torch.Tensor:
        cfg, rng = self.cfg, self.rng
        s = int(self.sizes[int(rng.integers(len(self.sizes)))])
        p = np.where(self.short >= s, self.area, 0.0)
        if p.sum() <= 0:
            s, p = int(self.short.max()) // 8 * 8, np.where(self.short >= s, self.area, 0.0)
        idx = rng.choice(len(self.images), size=cfg.batch_size, p=p / p.sum())
        uy, ux, flip = rng.random(cfg.batch_size), rng.random(cfg.batch_size), \
            rng.random(cfg.batch_size) < 0.5
        batch = np.empty((cfg.batch_size, s, s, 3), np.uint8)
        for k, i in enumerate(idx):
            img = self.images[int(i)]
            y = int(uy[k] * (img.shape[0] - s + 1))
            x = int(ux[k] * (img.shape[1] - s + 1))
            crop = img[y:y + s, x:x + s]
            batch[k] = crop[:, ::-1] if (cfg.hflip and flip[k]) else crop
        t = torch.from_numpy(batch).permute(0, 3, 1, 2).float().div_(255.0)
        return t.contiguous()


def build_data(cfg: ColorizeDataConfig, seed: int, progress: ProgressCallback | None = None
               ) -> tuple[CropSampler, np.ndarray]:
    """(sampler, bin counts of the training images)."""
    files = find_images(cfg.train_dirs, cfg.max_images)
    if not files:
        raise ConfigError("data.train_dirs: no images found")
    emit(progress, Started("load images", len(files)))
    images, _ = load_images(files, cfg.short_side, cfg.crop_min, cfg.skip_gray,
                            cfg.load_threads, lambda m: emit(progress, Warning_(m)))
    return CropSampler(images, cfg, seed), bin_counts(images)
