"""BTSRN (Fan et al., CVPRW 2017): balanced two-stage residual network.

An LR stage of ``lr_blocks`` projected-convolution (PConv) residual blocks -- ReLU, 1x1
projection to ``proj_feats`` channels, ReLU, 3x3 back to ``num_feats``, no BN -- on a 3x3
head; an up-sampling layer that sums a stride-``scale`` transposed convolution (kernel =
stride, as in the authors' code) and the nearest-neighbour upsampled features (the skip);
an HR stage of ``hr_blocks`` PConv blocks and a ReLU + 3x3 reconstruction conv.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from engine.archs._common import (
    Deconv,
    check_channels,
    check_positive,
    check_scale,
    conv,
    conv2d,
    deconv,
    receptive_radius,
    scales_in,
)
from engine.archs.registry import ArchSpec, register
from engine.errors import ConfigError

SCALES = (2, 3, 4)


class PConvBlock(nn.Module):
    """x + conv3x3(relu(conv1x1(relu(x)))) -- the two-layer projected residual block."""

    def __init__(self, feats: int, proj_feats: int) -> None:
        super().__init__()
        self.proj = conv2d(feats, proj_feats, 1)
        self.filt = conv2d(proj_feats, feats, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.filt(F.relu(self.proj(F.relu(x))))


class BTSRN(nn.Module):
    def __init__(self, scale: int, num_channels: int = 3, num_feats: int = 64,
                 proj_feats: int = 32, lr_blocks: int = 6, hr_blocks: int = 4) -> None:
        super().__init__()
        self.scale = check_scale("btsrn", scale, SCALES)
        c = check_channels("btsrn", num_channels)
        check_positive("btsrn", num_feats=num_feats, proj_feats=proj_feats)
        if lr_blocks < 0 or hr_blocks < 0:
            raise ConfigError("btsrn: block counts must be >= 0")
        self.head = conv2d(c, num_feats, 3)
        self.lr_stage = nn.Sequential(*[PConvBlock(num_feats, proj_feats)
                                        for _ in range(lr_blocks)])
        self.up = Deconv(num_feats, num_feats, self.scale, self.scale)
        self.hr_stage = nn.Sequential(*[PConvBlock(num_feats, proj_feats)
                                        for _ in range(hr_blocks)])
        self.tail = conv2d(num_feats, c, 3)

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        x = self.lr_stage(self.head(lr))
        x = self.up(x) + F.interpolate(x, scale_factor=self.scale, mode="nearest")
        x = self.hr_stage(x)
        return self.tail(F.relu(x))


def _context(cfg: dict) -> int:
    lr_path = conv(3) + (conv(1) + conv(3)) * int(cfg["lr_blocks"])
    hr_path = (conv(1) + conv(3)) * int(cfg["hr_blocks"]) + conv(3)
    return max(receptive_radius(lr_path + deconv(s, s) + hr_path)
               for s in scales_in(cfg, SCALES))


register(ArchSpec(
    name="btsrn",
    builder=BTSRN,
    scales=SCALES,
    in_channels=3,
    context=_context,
    default_config={"num_channels": 3, "num_feats": 64, "proj_feats": 32,
                    "lr_blocks": 6, "hr_blocks": 4},
    description="BTSRN: 6 LR-stage and 4 HR-stage projected (1x1 -> 3x3) residual blocks "
                "joined by a deconvolution + nearest-neighbour up-sampling layer.",
    paper="Y. Fan, H. Shi, J. Yu, D. Liu, W. Han, H. Yu, Z. Wang, X. Wang, T. S. Huang. "
          "Balanced Two-Stage Residual Networks for Image Super-Resolution. CVPR "
          "Workshops (NTIRE) 2017.",
))
