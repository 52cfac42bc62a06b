"""The shipped networks keep their output in fp16 ('auto' precision on CUDA and MPS).

The CPU has no fast fp16 convolutions, so the engine never picks fp16 there; these tests
force it anyway, because the CPU computes them with IEEE half arithmetic as a GPU would.
span_fast converts RGB to YCbCr and back inside the network, where half precision could
lose most; on Set5 it loses at most 0.003 dB (bench/half_precision.py).
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from engine.inference import TorchUpscaler
from engine.models.descriptor import LoadedModel
from engine.models.registry import list_models

NETWORKS = [m for m in list_models(include_user=False)
            if m.role in ("fast", "quality") and LoadedModel.from_file(m.path).supports_half]


def _photo(size: int = 24, seed: int = 3) -> np.ndarray:
    """A smooth colour image with edges (random noise would be unlike a photo)."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size] / size
    img = np.stack([np.sin(6 * xx + c) * np.cos(4 * yy - c) for c in (0.0, 1.0, 2.0)], -1)
    img = 0.5 + 0.35 * img + 0.1 * (xx > 0.5)[..., None] + 0.02 * rng.standard_normal(img.shape)
    return np.clip(img, 0, 1).astype(np.float32)


def _run(info, dtype: torch.dtype, tile: np.ndarray) -> np.ndarray:
    up = TorchUpscaler(LoadedModel.from_file(info.path), "cpu", "fp32")
    up.dtype, up.module = dtype, up.module.to(dtype=dtype)
    up.rgb.dtype = dtype   # the network part runs in it; colour conversion stays fp32
    return up(tile[None])[0]


def test_the_shipped_fast_and_quality_networks_are_listed():
    assert {m.role for m in NETWORKS} == {"fast", "quality"}


@pytest.mark.parametrize("info", NETWORKS, ids=lambda m: m.name)
def test_fp16_output_matches_fp32(info):
    tile = _photo()
    full = _run(info, torch.float32, tile)
    half = _run(info, torch.float16, tile)
    diff = np.abs(full - half) * 255
    # measured 0.05-0.11 levels; bf16, with 3 significant digits, gives 0.4-0.64
    assert diff.mean() < 0.25, diff.mean()
    assert diff.max() < 2.0, diff.max()
