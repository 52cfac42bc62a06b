"""DRRN (Tai, Yang, Liu, CVPR 2017): deep recursive residual network.

``num_blocks`` (B) recursive blocks, each an entry convolution followed by ``num_units``
(U) residual units that all share one pair of 3x3 convolutions; every unit adds the
block's entry output (multi-path local residual learning).  A last convolution predicts
the residual over the bicubic upscale (global residual).  Depth = (1 + 2U) B + 1.

Deviation: the paper's pre-activation is BN + ReLU; BN is dropped here (ReLU
pre-activation only), so inference does not depend on batch statistics and tiles match
exactly in train and eval mode alike.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from engine.archs._common import (
    bicubic,
    check_channels,
    check_positive,
    check_scale,
    conv,
    conv2d,
    init_he_,
    init_small_,
    receptive_radius,
    scales_in,
)
from engine.archs.registry import ArchSpec, register
from engine.resize.torch_bicubic import upsample_bicubic

SCALES = (2, 3, 4)


class RecursiveBlock(nn.Module):
    """Entry conv + U residual units sharing ``conv1``/``conv2`` (ReLU pre-activation)."""

    def __init__(self, cin: int, feats: int, num_units: int) -> None:
        super().__init__()
        self.num_units = num_units
        self.entry = conv2d(cin, feats, 3)
        self.conv1 = conv2d(feats, feats, 3)
        self.conv2 = conv2d(feats, feats, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h0 = self.entry(F.relu(x))
        h = h0
        for _ in range(self.num_units):
            h = self.conv2(F.relu(self.conv1(F.relu(h)))) + h0
        return h


class DRRN(nn.Module):
    def __init__(self, scale: int, num_channels: int = 1, num_blocks: int = 1,
                 num_units: int = 25, num_feats: int = 128) -> None:
        super().__init__()
        self.scale = check_scale("drrn", scale, SCALES)
        c = check_channels("drrn", num_channels)
        check_positive("drrn", num_blocks=num_blocks, num_units=num_units, num_feats=num_feats)
        blocks = [RecursiveBlock(c if b == 0 else num_feats, num_feats, num_units)
                  for b in range(num_blocks)]
        self.blocks = nn.ModuleList(blocks)
        self.exit = conv2d(num_feats, c, 3)
        init_he_(self)
        for blk in blocks:
            # keep the U-fold recursion from blowing up the activations without BN
            nn.init.kaiming_normal_(blk.conv2.weight, nonlinearity="relu")
            blk.conv2.weight.data.mul_(1.0 / num_units ** 0.5)
        init_small_(self.exit)

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        x = upsample_bicubic(lr, self.scale)
        h = x
        for blk in self.blocks:
            h = blk(h)
        return x + self.exit(F.relu(h))


def _context(cfg: dict) -> int:
    block = conv(3) + conv(3, 2 * int(cfg["num_units"]))
    return max(receptive_radius(bicubic(s) + block * int(cfg["num_blocks"]) + conv(3))
               for s in scales_in(cfg, SCALES))


register(ArchSpec(
    name="drrn",
    builder=DRRN,
    scales=SCALES,
    in_channels=1,
    context=_context,
    default_config={"num_channels": 1, "num_blocks": 1, "num_units": 25, "num_feats": 128},
    description="DRRN B1U25: recursive residual units with shared weights (52 conv layers, "
                "128 filters) over the bicubic upscale; ReLU pre-activation without BN.",
    paper="Y. Tai, J. Yang, X. Liu. Image Super-Resolution via Deep Recursive Residual "
          "Network. CVPR 2017.",
))
