"""FSRCNN (Dong, Loy, Tang, ECCV 2016): the hourglass network with a transposed-conv tail.

Feature extraction 5x5 (d), shrinking 1x1 (s), m mapping 3x3 layers (s), expanding 1x1
(d), each followed by a channel-wise PReLU, then a 9x9 transposed convolution of stride
``scale``.  The transposed conv's output is cropped to exactly ``H*s`` by a fixed,
size-independent offset (see :class:`engine.archs._common.Deconv`), so tiles match.
"""

from __future__ import annotations

import torch
import torch.nn as nn

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

SCALES = (2, 3, 4)
DECONV_KERNEL = 9


class FSRCNN(nn.Module):
    def __init__(self, scale: int, num_channels: int = 1, d: int = 56, s: int = 12,
                 m: int = 4) -> None:
        super().__init__()
        self.scale = check_scale("fsrcnn", scale, SCALES)
        c = check_channels("fsrcnn", num_channels)
        check_positive("fsrcnn", d=d, s=s, m=m)
        layers: list[nn.Module] = [conv2d(c, d, 5), nn.PReLU(d), conv2d(d, s, 1), nn.PReLU(s)]
        for _ in range(m):
            layers += [conv2d(s, s, 3), nn.PReLU(s)]
        layers += [conv2d(s, d, 1), nn.PReLU(d)]
        self.body = nn.Sequential(*layers)
        self.deconv = Deconv(d, c, DECONV_KERNEL, self.scale)
        for mod in self.body:
            if isinstance(mod, nn.Conv2d):   # paper: He init for the conv layers
                nn.init.kaiming_normal_(mod.weight, a=0.25, nonlinearity="leaky_relu")
                if mod.bias is not None:
                    nn.init.zeros_(mod.bias)
        nn.init.normal_(self.deconv.weight, std=1e-3)   # paper: N(0, 0.001) for the deconv
        if self.deconv.bias is not None:
            nn.init.zeros_(self.deconv.bias)

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        return self.deconv(self.body(lr))


def _context(cfg: dict) -> int:
    lr_path = conv(5) + conv(1) + conv(3, int(cfg["m"])) + conv(1)
    return max(receptive_radius(lr_path + deconv(s, DECONV_KERNEL))
               for s in scales_in(cfg, SCALES))


register(ArchSpec(
    name="fsrcnn",
    builder=FSRCNN,
    scales=SCALES,
    in_channels=1,
    context=_context,
    default_config={"num_channels": 1, "d": 56, "s": 12, "m": 4},
    description="FSRCNN(d, s, m): compact hourglass CNN on the LR image with a 9x9 "
                "transposed-conv upsampler; PReLU.",
    paper="C. Dong, C. C. Loy, X. Tang. Accelerating the Super-Resolution Convolutional "
          "Neural Network. ECCV 2016.",
))
