"""fsrcnn_ps: SR Studio's fast default, an FSRCNN-style hourglass with a sub-pixel tail.

Feature extraction 5x5 (d), shrinking 1x1 (s), m mapping 3x3 layers (s), expanding 1x1
(d), each with a channel-wise PReLU, then a 3x3 conv to ``C * scale^2`` channels and a
PixelShuffle; the network predicts the residual over the MATLAB-compatible bicubic
upscale (``output = net(lr) + upsample_bicubic(lr)``), so it starts as bicubic (the last
conv is initialised near zero) and only has to learn detail.  Y channel by default.
~24K parameters at x4 (d=48, s=16, m=6); all convolutions run at LR resolution.

``reparam = g`` (> 0) trains the mapping 3x3 convolutions as re-parameterisable Conv3XC
branches of width g*s (:mod:`engine.archs.reparam`); :meth:`FSRCNNPS.fuse` folds them back
into plain convolutions, so the exported network is the ``reparam = 0`` one, with the same
parameter count and speed.
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
    init_small_,
    receptive_radius,
    scales_in,
    up,
)
from engine.archs.registry import ArchSpec, register
from engine.archs.reparam import Conv3XC, fold_reparam_children
from engine.resize.torch_bicubic import upsample_bicubic

SCALES = (2, 3, 4)


class FSRCNNPS(nn.Module):
    def __init__(self, scale: int, num_channels: int = 1, d: int = 48, s: int = 16,
                 m: int = 6, reparam: int = 0) -> None:
        super().__init__()
        self.scale = check_scale("fsrcnn_ps", scale, SCALES)
        c = check_channels("fsrcnn_ps", num_channels)
        check_positive("fsrcnn_ps", d=d, s=s)
        if reparam < 0:
            raise ValueError(f"fsrcnn_ps: reparam must be 0 (plain) or a gain >= 1, got {reparam}")
        layers: list[nn.Module] = [conv2d(c, d, 5), nn.PReLU(d), conv2d(d, s, 1), nn.PReLU(s)]
        for _ in range(m):
            mapping = Conv3XC(s, s, reparam) if reparam else conv2d(s, s, 3)
            layers += [mapping, nn.PReLU(s)]
        layers += [conv2d(s, d, 1), nn.PReLU(d)]
        self.body = nn.Sequential(*layers)
        tail_conv = conv2d(d, c * self.scale ** 2, 3)
        self.tail = nn.Sequential(tail_conv, nn.PixelShuffle(self.scale))
        for mod in self.body:
            if isinstance(mod, nn.Conv2d):
                nn.init.kaiming_normal_(mod.weight, a=0.25, nonlinearity="leaky_relu")
                if mod.bias is not None:
                    nn.init.zeros_(mod.bias)
        init_small_(tail_conv)

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        return self.tail[1](self.residual_phases(lr)) + upsample_bicubic(lr, self.scale)

    def residual_phases(self, lr: torch.Tensor) -> torch.Tensor:
        """The learned residual before its pixel shuffle, (N, C * s^2, h, w): lets
        :class:`engine.inference.rgb_network.RgbNetwork` add it to the bicubic phases at LR
        size (``forward`` is its shuffle plus the bicubic upscale)."""
        return self.tail[0](self.body(lr))

    def fuse(self) -> FSRCNNPS:
        """Fold re-parameterised mapping convs into plain ones (for export); returns ``self``,
        whose state dict then matches ``build('fsrcnn_ps', s, reparam=0, ...)``."""
        fold_reparam_children(self.body)
        return self


def _context(cfg: dict) -> int:
    path = conv(5) + conv(1) + conv(3, int(cfg["m"])) + conv(1) + conv(3)
    return max(receptive_radius(path + up(s), bicubic(s)) for s in scales_in(cfg, SCALES))


register(ArchSpec(
    name="fsrcnn_ps",
    builder=FSRCNNPS,
    scales=SCALES,
    in_channels=1,
    context=_context,
    default_config={"num_channels": 1, "d": 48, "s": 16, "m": 6, "reparam": 0},
    deploy_overrides={"reparam": 0},
    description="Fast default: FSRCNN-style LR-space hourglass (d=48, s=16, m=6, PReLU) "
                "with a sub-pixel output over a bicubic skip; ~24K params at x4.",
    paper="After C. Dong, C. C. Loy, X. Tang, Accelerating the Super-Resolution "
          "Convolutional Neural Network (ECCV 2016), with the sub-pixel layer of W. Shi "
          "et al. (CVPR 2016).",
))
