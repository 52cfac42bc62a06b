"""SPAN (Wan et al., CVPRW 2024): swift parameter-free attention network, NTIRE 2024 ESR winner.

* ``Conv3XC``: a 3x3 convolution trained as the sum of a 1x1 skip and an expanded branch
  1x1 (C_in -> g*C_in) -> 3x3 (-> g*C_out) -> 1x1 (-> C_out).  The input is zero-padded
  *before* the branch's first 1x1 so the whole branch is one linear 3x3 operator on the
  zero-padded input: it folds exactly into a single 3x3 convolution.  The folded kernel
  is computed from the branch parameters on every forward, in training too ("online
  re-parameterisation", OREPA, CVPR 2022): the parameters, the function and so the
  gradients are those of the expanded branch, but each step convolves the activations
  once with a cin x cout kernel instead of through the g-times wider branch (about 4.5x
  fewer multiply-adds at g = 2).  :meth:`SPAN.fuse` replaces the branches by plain
  ``nn.Conv2d`` for good (export); ``deploy=True`` builds that plain form directly so
  exported weights load with ``strict=True``.
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
from engine.resize.torch_bicubic import upsample_bicubic

SCALES = (2, 3, 4)


class Conv3XC(nn.Module):
    """Re-parameterisable 3x3 conv: 1x1 skip + (1x1 -> 3x3 -> 1x1 expansion) branch."""

    def __init__(self, cin: int, cout: int, gain: int = 2, deploy: bool = False) -> None:
        super().__init__()
        self.cin, self.cout, self.gain = cin, cout, gain
        self.fused: nn.Conv2d | None = None
        if deploy:
            self.fused = conv2d(cin, cout, 3)
            return
        self.sk = nn.Conv2d(cin, cout, 1)
        self.expand = nn.Conv2d(cin, cin * gain, 1)
        self.conv = nn.Conv2d(cin * gain, cout * gain, 3)       # 'valid': input pre-padded
        self.reduce = nn.Conv2d(cout * gain, cout, 1)

    def folded(self) -> tuple[torch.Tensor, torch.Tensor]:
        """(weight (cout, cin, 3, 3), bias (cout,)) of the equivalent single 3x3 conv."""
        if self.fused is not None:
            return self.fused.weight, self.fused.bias
        w1, b1 = self.expand.weight[:, :, 0, 0], self.expand.bias          # (m, i), (m,)
        w2, b2 = self.conv.weight, self.conv.bias                         # (o, m, 3, 3)
        w3, b3 = self.reduce.weight[:, :, 0, 0], self.reduce.bias          # (p, o)
        w12 = torch.einsum("omuv,mi->oiuv", w2, w1)
        b12 = b2 + torch.einsum("omuv,m->o", w2, b1)
        weight = torch.einsum("po,oiuv->piuv", w3, w12)
        bias = w3 @ b12 + b3 + self.sk.bias
        weight = weight + F.pad(self.sk.weight, (1, 1, 1, 1))
        return weight, bias

    @torch.no_grad()
    def fuse(self) -> None:
        """Replace the training branches by one plain 3x3 convolution (irreversible)."""
        if self.fused is not None:
            return
        weight, bias = self.folded()
        fused = conv2d(self.cin, self.cout, 3).to(weight.device, weight.dtype)
        fused.weight.copy_(weight)
        fused.bias.copy_(bias)
        del self.sk, self.expand, self.conv, self.reduce
        self.fused = fused

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.fused is not None:
            return self.fused(x)
        weight, bias = self.folded()  # in training too: gradients reach every branch
        return F.conv2d(x, weight, bias, padding=1)


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
        self.upsampler = nn.Sequential(conv2d(nf, c * self.scale ** 2, 3),
                                       nn.PixelShuffle(self.scale))
        if self.bicubic_skip:
            init_small_(self.upsampler[0], std=1e-2)

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        feat = self.conv_1(self.sub_mean(lr))
        x, first = feat, None
        for blk in self.blocks:
            x, out1 = blk(x)
            first = x if first is None else first
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
    description="SPAN: 6 parameter-free-attention blocks of re-parameterisable Conv3XC "
                "(48 feats), feature concat and a PixelShuffle upsampler; the quality "
                "default (NTIRE 2024 efficient-SR winner).",
    paper="C. Wan, H. Yu, Z. Li, Y. Chen, Y. Zou, Y. Liu, X. Yin, K. Zuo. Swift "
          "Parameter-free Attention Network for Efficient Super-Resolution. CVPR "
          "Workshops (NTIRE) 2024.",
))
