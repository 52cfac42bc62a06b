"""Validation during training, through the same code as ``srstudio eval``.

This is the one place where the trainer calls the evaluation protocol
(:mod:`engine.evaluation`) and the inference path (:class:`LoadedModel` +
:func:`make_upscale_fn`), so a validation PSNR is exactly the number ``srstudio eval``
prints for the exported weights.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn as nn

from engine.evaluation import BenchmarkImage, DatasetScores, evaluate, load_benchmark
from engine.inference import ClassicalUpscaler, make_upscale_fn
from engine.models.descriptor import LoadedModel
from engine.resize.torch_bicubic import upsample_bicubic
from trainer.data import to_rgb8

SAMPLE_SIZE = 96  # HR pixels of the preview crop


@dataclass
class ValSet:
    name: str
    images: list[BenchmarkImage]
    bicubic: DatasetScores  # the baseline a trained network must beat
    sample_bicubic: np.ndarray  # bicubic upscale of the first image's LR (uint8)


def _center_crop(a: np.ndarray, size: int) -> np.ndarray:
    h, w = a.shape[:2]
    y, x = max(0, (h - size) // 2), max(0, (w - size) // 2)
    return to_rgb8(a[y:y + size, x:x + size])


def load_val_set(val_dir: str | Path, scale: int, limit: int | None = None) -> ValSet:
    """Benchmark-style folder (HR/ + LR_bicubic/X{s}/) or a plain folder of HR images."""
    images = load_benchmark(val_dir, scale, limit=limit)
    bicubic = evaluate(make_upscale_fn(ClassicalUpscaler("bicubic", scale)), images, scale,
                       name=Path(val_dir).name)
    lr = torch.from_numpy(to_rgb8(images[0].lr).astype(np.float32) / 255).permute(2, 0, 1)[None]
    up = upsample_bicubic(lr, scale)[0].permute(1, 2, 0).clamp(0, 1).numpy()
    return ValSet(Path(val_dir).name, images, bicubic,
                  np.floor(up * 255 + 0.5).astype(np.uint8))


def run_validation(module: nn.Module, net: dict[str, Any], valset: ValSet,
                   device: torch.device, *, with_niqe: bool = False
                   ) -> tuple[DatasetScores, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Scores of ``module`` on ``valset`` and a (bicubic, SR, HR) preview crop.

    ``net`` holds arch, scale and the full config.  The module is left in eval mode on
    ``device`` (the caller puts a training module back in train mode).
    """
    model = LoadedModel.from_module(module, arch=net["arch"], scale=net["scale"],
                                    config=net["config"], name=net.get("name"))
    upscale = make_upscale_fn(model, device=str(device), tile=None, precision="fp32")
    first: list[np.ndarray] = []

    def fn(lr: np.ndarray) -> np.ndarray:
        sr = upscale(lr)
        if not first:
            first.append(sr)
        return sr

    with torch.no_grad():
        scores = evaluate(fn, valset.images, net["scale"], name=valset.name,
                          with_niqe=with_niqe)
    hr = valset.images[0].hr
    sample = (_center_crop(valset.sample_bicubic, SAMPLE_SIZE),
              _center_crop(first[0], SAMPLE_SIZE), _center_crop(hr, SAMPLE_SIZE))
    return scores, sample
