"""SPAN (Wan et al., CVPRW 2024): swift parameter-free attention network, NTIRE 2024 ESR winner.

* ``Conv3XC`` (:mod:`engine.archs.reparam`): a 3x3 convolution trained as a 1x1 skip plus
  an expanded 1x1 -> 3x3 -> 1x1 branch, through its folded kernel.  :meth:`SPAN.fuse`
  replaces the branches by plain ``nn.Conv2d`` for good (export does this);
  ``deploy=True`` builds that plain form directly so exported weights load with
  ``strict=True``.
* ``SPAB``: three Conv3XC with SiLU between; the parameter-free attention map
  ``sigmoid(out3) - 0.5`` multiplies ``out3 + x`` (block output plus block input).
* ``SPAN``: Conv3XC head, ``num_blocks`` SPABs, a Conv3XC after the last block, a 1x1
  fusing [head features, last features, first block's output, last block's first conv
  output], and a 3x3 conv + PixelShuffle upsampler.  Input mean-shifted by the DIV2K mean.
  ``bicubic_skip`` adds the bicubic upscale of the input to the output (else the mean is
  added back).
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from engine.archs._common import (
    MeanShift,
    bicubic,
    check_channels,
    check_positive,
    check_scale,
    conv,
    conv2d,
    init_small_,
    receptive_radius,
    scales_in,
    up,
)
from engine.archs.registry import ArchSpec, register
from engine.archs.reparam import Conv3XC
from engine.resize.torch_bicubic import upsample_bicubic

SCALES = (2, 3, 4)


class SPAB(nn.Module):
    """Swift parameter-free attention block."""

    def __init__(self, feats: int, gain: int = 2, deploy: bool = False) -> None:
        super().__init__()
        self.c1 = Conv3XC(feats, feats, gain, deploy)
        self.c2 = Conv3XC(feats, feats, gain, deploy)
        self.c3 = Conv3XC(feats, feats, gain, deploy)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        out1 = self.c1(x)
        out3 = self.c3(F.silu(self.c2(F.silu(out1))))
        att = torch.sigmoid(out3) - 0.5
        return (out3 + x) * att, out1


class SPAN(nn.Module):
    def __init__(self, scale: int, num_channels: int = 3, num_feats: int = 48,
                 num_blocks: int = 6, bicubic_skip: bool = False, gain: int = 2,
                 deploy: bool = False) -> None:
        super().__init__()
        self.scale = check_scale("span", scale, SCALES)
        c = check_channels("span", num_channels)
        check_positive("span", num_feats=num_feats, num_blocks=num_blocks, gain=gain)
        self.bicubic_skip = bool(bicubic_skip)
        nf = num_feats
        self.sub_mean = MeanShift(c, -1.0)
        self.add_mean = MeanShift(c, +1.0)
        self.conv_1 = Conv3XC(c, nf, gain, deploy)
        self.blocks = nn.ModuleList(SPAB(nf, gain, deploy) for _ in range(num_blocks))
        self.conv_2 = Conv3XC(nf, nf, gain, deploy)
        self.conv_cat = nn.Conv2d(4 * nf, nf, 1)
        up_conv = conv2d(nf, c * self.scale ** 2, 3)
        self.upsampler = nn.Sequential(up_conv, nn.PixelShuffle(self.scale))
        if self.bicubic_skip:
            init_small_(up_conv, std=1e-2)

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        feat = self.conv_1(self.sub_mean(lr))
        x, first, out1 = feat, None, feat
        for blk in self.blocks:
            x, out1 = blk(x)
            first = x if first is None else first
        assert first is not None, "SPAN has at least one block (checked in __init__)"
        last = self.conv_2(x)
        out = self.upsampler(self.conv_cat(torch.cat([feat, last, first, out1], dim=1)))
        if self.bicubic_skip:
            return out + upsample_bicubic(lr, self.scale)
        return self.add_mean(out)

    @torch.no_grad()
    def fuse(self) -> SPAN:
        """Fold every Conv3XC into a plain 3x3 conv (for export); returns ``self``.

        The fused model's state dict matches ``build('span', s, deploy=True)``.
        """
        for m in self.modules():
            if isinstance(m, Conv3XC):
                m.fuse()
        return self


def _context(cfg: dict) -> int:
    nb = int(cfg["num_blocks"])
    path = conv(3) + conv(3, 3 * nb) + conv(3) + conv(1) + conv(3)
    worst = 0
    for s in scales_in(cfg, SCALES):
        worst = max(worst, receptive_radius(path + up(s)))
        if cfg.get("bicubic_skip"):
            worst = max(worst, receptive_radius(bicubic(s)))
    return worst


register(ArchSpec(
    name="span",
    builder=SPAN,
    scales=SCALES,
    in_channels=3,
    context=_context,
    default_config={"num_channels": 3, "num_feats": 48, "num_blocks": 6,
                    "bicubic_skip": False, "gain": 2, "deploy": False},
    deploy_overrides={"deploy": True},
    description="SPAN: 6 parameter-free-attention blocks of re-parameterisable Conv3XC "
                "(48 feats), feature concat and a PixelShuffle upsampler; the quality "
                "default (NTIRE 2024 efficient-SR winner).",
    paper="C. Wan, H. Yu, Z. Li, Y. Chen, Y. Zou, Y. Liu, X. Yin, K. Zuo. Swift "
          "Parameter-free Attention Network for Efficient Super-Resolution. CVPR "
          "Workshops (NTIRE) 2024.",
))
