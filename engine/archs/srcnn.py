"""SRCNN (Dong et al., ECCV 2014 / TPAMI 2016): three convolutions on the bicubic upscale.

Patch extraction (f1 x f1, n1 filters), non-linear mapping (f2 x f2, n2 filters) and
reconstruction (f3 x f3); ReLU after the first two.  The paper's layers are 'valid'; here
they are zero-padded 'same' so the output is full size.  ``forward`` takes the LR image
and upscales it with the MATLAB-compatible bicubic first.
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
VARIANTS = {"915": (9, 1, 5), "935": (9, 3, 5), "955": (9, 5, 5)}


def _kernels(variant: str) -> tuple[int, int, int]:
    try:
        return VARIANTS[str(variant)]
    except KeyError:
        raise ConfigError(
            f"srcnn: unknown variant {variant!r} (known: {', '.join(VARIANTS)})") from None


class SRCNN(nn.Module):
    def __init__(self, scale: int, num_channels: int = 1, variant: str = "915",
                 n1: int = 64, n2: int = 32) -> None:
        super().__init__()
        self.scale = check_scale("srcnn", scale, SCALES)
        c = check_channels("srcnn", num_channels)
        check_positive("srcnn", n1=n1, n2=n2)
        f1, f2, f3 = _kernels(variant)
        self.features = conv2d(c, n1, f1)
        self.mapping = conv2d(n1, n2, f2)
        self.reconstruction = conv2d(n2, c, f3)
        self.relu = nn.ReLU(inplace=True)
        init_he_(self)                       # (the paper drew N(0, 1e-3) for every layer)
        init_small_(self.reconstruction)

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        x = upsample_bicubic(lr, self.scale)
        x = self.relu(self.features(x))
        x = self.relu(self.mapping(x))
        return self.reconstruction(x)


def _context(cfg: dict) -> int:
    f1, f2, f3 = _kernels(cfg.get("variant", "915"))
    return max(receptive_radius(bicubic(s) + conv(f1) + conv(f2) + conv(f3))
               for s in scales_in(cfg, SCALES))


register(ArchSpec(
    name="srcnn",
    builder=SRCNN,
    scales=SCALES,
    in_channels=1,
    context=_context,
    default_config={"num_channels": 1, "variant": "915", "n1": 64, "n2": 32},
    description="SRCNN: 3-layer CNN on the bicubic upscale (9-1-5 by default; 'same' "
                "padded so the output is full size).",
    paper="C. Dong, C. C. Loy, K. He, X. Tang. Image Super-Resolution Using Deep "
          "Convolutional Networks. TPAMI 38(2), 2016 (ECCV 2014).",
))
