"""EDSR (Lim, Son, Kim, Nah, Lee, CVPRW 2017): enhanced deep residual network.

Mean shift (DIV2K RGB mean), a 3x3 head, ``num_blocks`` residual blocks without BN
(conv-ReLU-conv, output scaled by ``res_scale``), a 3x3 conv closing the body with a
long skip, a sub-pixel upsampler (x2, x3 in one stage, x4 as two x2 stages) and a 3x3
tail.  Presets: 'baseline' (16 blocks, 64 feats, res_scale 1, ~1.5M params at x4) and
'full' (32 blocks, 256 feats, res_scale 0.1, ~43M).  Module names mirror the reference
code (head.0, body.N.body.{0,2}, tail.0 upsampler, tail.1).
"""

from __future__ import annotations

from typing import Any

import torch
import torch.nn as nn

from engine.archs._common import (
    MeanShift,
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
from engine.errors import ConfigError

SCALES = (2, 3, 4)
PRESETS: dict[str, dict[str, Any]] = {
    "baseline": {"num_blocks": 16, "num_feats": 64, "res_scale": 1.0},
    "full": {"num_blocks": 32, "num_feats": 256, "res_scale": 0.1},
}


def resolve_preset(name: str, cfg: dict[str, Any], presets: dict[str, dict[str, Any]]
                   ) -> dict[str, Any]:
    """The preset's values overridden by the explicit (non-None) ones in ``cfg``."""
    preset = cfg.get("preset") or "baseline"
    if preset not in presets:
        raise ConfigError(f"{name}: unknown preset {preset!r} (known: {', '.join(presets)})")
    out = dict(presets[preset])
    out.update({k: v for k, v in cfg.items() if k in out and v is not None})
    return out


class ResBlock(nn.Module):
    """conv - ReLU - conv, scaled by ``res_scale``, plus identity (no BN)."""

    def __init__(self, feats: int, kernel_size: int = 3, res_scale: float = 1.0) -> None:
        super().__init__()
        self.body = nn.Sequential(conv2d(feats, feats, kernel_size), nn.ReLU(inplace=True),
                                  conv2d(feats, feats, kernel_size))
        self.res_scale = float(res_scale)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        res = self.body(x)
        if self.res_scale != 1.0:
            res = res * self.res_scale
        return x + res


class EDSR(nn.Module):
    def __init__(self, scale: int, num_channels: int = 3, preset: str = "baseline",
                 num_blocks: int | None = None, num_feats: int | None = None,
                 res_scale: float | None = None) -> None:
        super().__init__()
        self.scale = check_scale("edsr", scale, SCALES)
        c = check_channels("edsr", num_channels)
        p = resolve_preset("edsr", {"preset": preset, "num_blocks": num_blocks,
                                    "num_feats": num_feats, "res_scale": res_scale}, PRESETS)
        nb, nf = int(p["num_blocks"]), int(p["num_feats"])
        check_positive("edsr", num_blocks=nb, num_feats=nf)
        self.sub_mean = MeanShift(c, -1.0)
        self.add_mean = MeanShift(c, +1.0)
        self.head = nn.Sequential(conv2d(c, nf, 3))
        self.body = nn.Sequential(*[ResBlock(nf, 3, p["res_scale"]) for _ in range(nb)],
                                  conv2d(nf, nf, 3))
        self.tail = nn.Sequential(PixelShuffleUpsampler(self.scale, nf), conv2d(nf, c, 3))

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        x = self.head(self.sub_mean(lr))
        x = x + self.body(x)
        return self.add_mean(self.tail(x))


def _context(cfg: dict) -> int:
    p = resolve_preset("edsr", cfg, PRESETS)
    body = conv(3) + conv(3, 2 * int(p["num_blocks"]) + 1)
    return max(receptive_radius(body + upsampler_path(s) + conv(3))
               for s in scales_in(cfg, SCALES))


register(ArchSpec(
    name="edsr",
    builder=EDSR,
    scales=SCALES,
    in_channels=3,
    context=_context,
    default_config={"num_channels": 3, "preset": "baseline"},
    description="EDSR: BN-free residual blocks with a sub-pixel upsampler; 'baseline' "
                "(16x64, ~1.5M) or 'full' (32x256, res_scale 0.1, ~43M) preset.",
    paper="B. Lim, S. Son, H. Kim, S. Nah, K. M. Lee. Enhanced Deep Residual Networks for "
          "Single Image Super-Resolution. CVPR Workshops (NTIRE) 2017.",
))
