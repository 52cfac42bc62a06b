"""ESPCN (Shi et al., CVPR 2016): efficient sub-pixel convolutional network.

Three convolutions on the LR image, 5x5 (64) - 3x3 (32) - 3x3 (C*s^2), tanh after the
first two, then a periodic shuffle (PixelShuffle) to the HR grid.
"""

from __future__ import annotations

import torch
import torch.nn as nn

from engine.archs._common import (
    check_channels,
    check_positive,
    check_scale,
    conv,
    conv2d,
    receptive_radius,
    up,
)
from engine.archs.registry import ArchSpec, register

SCALES = (2, 3, 4)


class ESPCN(nn.Module):
    def __init__(self, scale: int, num_channels: int = 1, n1: int = 64,
                 n2: int = 32) -> None:
        super().__init__()
        self.scale = check_scale("espcn", scale, SCALES)
        c = check_channels("espcn", num_channels)
        check_positive("espcn", n1=n1, n2=n2)
        self.body = nn.Sequential(
            conv2d(c, n1, 5), nn.Tanh(),
            conv2d(n1, n2, 3), nn.Tanh(),
            conv2d(n2, c * self.scale ** 2, 3))
        self.shuffle = nn.PixelShuffle(self.scale)

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        return self.shuffle(self.body(lr))


register(ArchSpec(
    name="espcn",
    builder=ESPCN,
    scales=SCALES,
    in_channels=1,
    context=receptive_radius(conv(5) + conv(3) + conv(3) + up(4)),   # 4 at every scale
    default_config={"num_channels": 1, "n1": 64, "n2": 32},
    description="ESPCN: 3 LR-space convolutions (5-3-3, 64-32 filters, tanh) and a "
                "sub-pixel (PixelShuffle) output layer.",
    paper="W. Shi, J. Caballero, F. Huszar, J. Totz, A. P. Aitken, R. Bishop, D. Rueckert, "
          "Z. Wang. Real-Time Single Image and Video Super-Resolution Using an Efficient "
          "Sub-Pixel Convolutional Neural Network. CVPR 2016.",
))
