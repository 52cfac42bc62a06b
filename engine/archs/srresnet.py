"""SRResNet (Ledig et al., CVPR 2017): the generator of SRGAN.

9x9 head conv + PReLU, ``num_blocks`` residual blocks (conv-BN-PReLU-conv-BN + identity),
a conv-BN closing the body with a long skip, sub-pixel upsampling stages (conv to 4F,
PixelShuffle x2, PReLU; x3 as a single x3 stage) and a 9x9 output conv.  No output tanh:
the network maps [0, 1] to [0, 1] directly.  BN uses running statistics in eval mode, so
tiled inference is exact in eval mode only.
"""

from __future__ import annotations

import torch
import torch.nn as nn

from engine.archs._common import (
    PixelShuffleUpsampler,
    check_channels,
    check_positive,
    check_scale,
    conv,
    conv2d,
    receptive_radius,
    scales_in,
    upsampler_path,
)
from engine.archs.registry import ArchSpec, register

SCALES = (2, 3, 4)


class _ResBlock(nn.Module):
    def __init__(self, feats: int) -> None:
        super().__init__()
        self.body = nn.Sequential(
            conv2d(feats, feats, 3, bias=False), nn.BatchNorm2d(feats), nn.PReLU(),
            conv2d(feats, feats, 3, bias=False), nn.BatchNorm2d(feats))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


class SRResNet(nn.Module):
    def __init__(self, scale: int, num_channels: int = 3, num_blocks: int = 16,
                 num_feats: int = 64) -> None:
        super().__init__()
        self.scale = check_scale("srresnet", scale, SCALES)
        c = check_channels("srresnet", num_channels)
        check_positive("srresnet", num_blocks=num_blocks, num_feats=num_feats)
        nf = num_feats
        self.head = nn.Sequential(conv2d(c, nf, 9), nn.PReLU())
        self.body = nn.Sequential(*[_ResBlock(nf) for _ in range(num_blocks)],
                                  conv2d(nf, nf, 3, bias=False), nn.BatchNorm2d(nf))
        self.upsample = PixelShuffleUpsampler(self.scale, nf, act=nn.PReLU)
        self.tail = conv2d(nf, c, 9)

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        x = self.head(lr)
        x = x + self.body(x)
        return self.tail(self.upsample(x))


def _context(cfg: dict) -> int:
    body = conv(9) + conv(3, 2 * int(cfg["num_blocks"]) + 1)
    return max(receptive_radius(body + upsampler_path(s) + conv(9))
               for s in scales_in(cfg, SCALES))


register(ArchSpec(
    name="srresnet",
    builder=SRResNet,
    scales=SCALES,
    in_channels=3,
    context=_context,
    default_config={"num_channels": 3, "num_blocks": 16, "num_feats": 64},
    description="SRResNet (SRGAN generator): 16 residual blocks with BN and PReLU, "
                "sub-pixel upsampling, 9x9 head and tail convs.",
    paper="C. Ledig, L. Theis, F. Huszar, J. Caballero, A. Cunningham, A. Acosta, A. Aitken, "
          "A. Tejani, J. Totz, Z. Wang, W. Shi. Photo-Realistic Single Image "
          "Super-Resolution Using a Generative Adversarial Network. CVPR 2017.",
))
