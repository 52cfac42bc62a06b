"""VDSR (Kim, Lee, Lee, CVPR 2016): very deep residual network on the bicubic upscale.

``depth`` 3x3 convolutions (64 filters, ReLU between), the last predicting the residual
that is added to the (MATLAB-compatible) bicubic upscale of the LR input.
"""

from __future__ import annotations

import torch
import torch.nn as nn

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
from engine.errors import ConfigError
from engine.resize.torch_bicubic import upsample_bicubic

SCALES = (2, 3, 4)


class VDSR(nn.Module):
    def __init__(self, scale: int, num_channels: int = 1, depth: int = 20,
                 num_feats: int = 64) -> None:
        super().__init__()
        self.scale = check_scale("vdsr", scale, SCALES)
        c = check_channels("vdsr", num_channels)
        check_positive("vdsr", num_feats=num_feats)
        if depth < 2:
            raise ConfigError(f"vdsr: depth must be >= 2, got {depth}")
        layers: list[nn.Module] = [conv2d(c, num_feats, 3), nn.ReLU(inplace=True)]
        for _ in range(depth - 2):
            layers += [conv2d(num_feats, num_feats, 3), nn.ReLU(inplace=True)]
        last = conv2d(num_feats, c, 3)
        layers.append(last)
        self.body = nn.Sequential(*layers)
        init_he_(self)                   # paper: He et al. initialisation
        init_small_(last)

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        x = upsample_bicubic(lr, self.scale)
        return x + self.body(x)


def _context(cfg: dict) -> int:
    return max(receptive_radius(bicubic(s) + conv(3, int(cfg["depth"])))
               for s in scales_in(cfg, SCALES))


register(ArchSpec(
    name="vdsr",
    builder=VDSR,
    scales=SCALES,
    in_channels=1,
    context=_context,
    default_config={"num_channels": 1, "depth": 20, "num_feats": 64},
    description="VDSR: 20 3x3 conv layers (64 filters) predicting the residual over the "
                "bicubic upscale.",
    paper="J. Kim, J. K. Lee, K. M. Lee. Accurate Image Super-Resolution Using Very Deep "
          "Convolutional Networks. CVPR 2016.",
))
