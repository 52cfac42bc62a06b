"""Pixel loss terms: the luma MSE scores what the evaluation scores (Y), nothing else."""

from __future__ import annotations

import numpy as np
import torch

from engine.color import rgb_to_y
from trainer.config import LossConfig
from trainer.losses import PixelAndPerceptualLoss, luma


def _pair(seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    hr = torch.rand(2, 3, 16, 16, generator=g) * 0.6 + 0.2
    return hr, hr + 0.05 * torch.randn(2, 3, 16, 16, generator=g)


def test_luma_matches_the_evaluation_y():
    hr, _ = _pair()
    want = rgb_to_y(hr.permute(0, 2, 3, 1).numpy())
    np.testing.assert_allclose(luma(hr)[:, 0].numpy(), want, atol=1e-6)
    gray = hr[:, :1]
    assert luma(gray) is gray


def test_mse_y_ignores_a_chroma_only_change_that_mse_sees():
    hr, _ = _pair()
    # a change along the null space of the Y row keeps Y and moves the colour
    y_row = torch.tensor([65.481, 128.553, 24.966])
    d = torch.linalg.cross(y_row, torch.tensor([1.0, 0.0, 0.0]))
    d = 0.05 * d / d.norm()
    sr = hr + d.view(1, 3, 1, 1)
    loss_y = PixelAndPerceptualLoss(LossConfig(l1=0.0, mse_y=1.0))
    loss_rgb = PixelAndPerceptualLoss(LossConfig(l1=0.0, mse=1.0))
    total_y, terms = loss_y(sr, hr)
    assert set(terms) == {"mse_y"}
    assert float(total_y) < 1e-10
    assert float(loss_rgb(sr, hr)[0]) > 1e-4


def test_weighted_sum_of_mse_y_and_mse():
    hr, sr = _pair(1)
    total, terms = PixelAndPerceptualLoss(LossConfig(l1=0.0, mse=0.1, mse_y=1.0))(sr, hr)
    assert set(terms) == {"mse", "mse_y"}
    want = 0.1 * torch.mean((sr - hr) ** 2) + torch.mean((luma(sr) - luma(hr)) ** 2)
    torch.testing.assert_close(total, want)
