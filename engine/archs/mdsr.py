"""MDSR (Lim et al., CVPRW 2017): EDSR's multi-scale sibling, one network for x2, x3, x4.

Per scale: two 5x5 residual blocks of pre-processing and a sub-pixel upsampler; shared:
the mean shift, the 3x3 head, the residual body (16 blocks of 64 feats for the baseline,
80 for 'full') closed by a conv with a long skip, and the 3x3 tail.  ``forward(lr,
scale=None)`` runs the branch of ``scale`` (default: the scale the model was built for).
Module names mirror the reference code (head, pre_process.i, body, upsample.i, tail).
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
from engine.archs.edsr import ResBlock, resolve_preset
from engine.archs.registry import ArchSpec, register

SCALES = (2, 3, 4)
PRESETS: dict[str, dict[str, Any]] = {
    "baseline": {"num_blocks": 16, "num_feats": 64, "res_scale": 1.0},
    "full": {"num_blocks": 80, "num_feats": 64, "res_scale": 1.0},
}


class MDSR(nn.Module):
    scales = SCALES

    def __init__(self, scale: int, num_channels: int = 3, preset: str = "baseline",
                 num_blocks: int | None = None, num_feats: int | None = None,
                 res_scale: float | None = None) -> None:
        super().__init__()
        self.scale = check_scale("mdsr", scale, SCALES)
        c = check_channels("mdsr", num_channels)
        p = resolve_preset("mdsr", {"preset": preset, "num_blocks": num_blocks,
                                    "num_feats": num_feats, "res_scale": res_scale}, PRESETS)
        nb, nf = int(p["num_blocks"]), int(p["num_feats"])
        check_positive("mdsr", num_blocks=nb, num_feats=nf)
        self.sub_mean = MeanShift(c, -1.0)
        self.add_mean = MeanShift(c, +1.0)
        self.head = nn.Sequential(conv2d(c, nf, 3))
        self.pre_process = nn.ModuleList(
            nn.Sequential(ResBlock(nf, 5), ResBlock(nf, 5)) for _ in SCALES)
        self.body = nn.Sequential(*[ResBlock(nf, 3, p["res_scale"]) for _ in range(nb)],
                                  conv2d(nf, nf, 3))
        self.upsample = nn.ModuleList(PixelShuffleUpsampler(s, nf) for s in SCALES)
        self.tail = nn.Sequential(conv2d(nf, c, 3))

    def forward(self, lr: torch.Tensor, scale: int | None = None) -> torch.Tensor:
        idx = SCALES.index(check_scale("mdsr", scale or self.scale, SCALES))
        x = self.pre_process[idx](self.head(self.sub_mean(lr)))
        x = x + self.body(x)
        return self.add_mean(self.tail(self.upsample[idx](x)))


def _context(cfg: dict) -> int:
    p = resolve_preset("mdsr", cfg, PRESETS)
    body = conv(3) + conv(5, 4) + conv(3, 2 * int(p["num_blocks"]) + 1)
    return max(receptive_radius(body + upsampler_path(s) + conv(3))
               for s in scales_in(cfg, SCALES))


register(ArchSpec(
    name="mdsr",
    builder=MDSR,
    scales=SCALES,
    in_channels=3,
    context=_context,
    default_config={"num_channels": 3, "preset": "baseline"},
    description="MDSR: one network for x2/x3/x4 (scale-specific 5x5 pre-processing and "
                "upsamplers around a shared EDSR body); forward(lr, scale=None).",
    paper="B. Lim, S. Son, H. Kim, S. Nah, K. M. Lee. Enhanced Deep Residual Networks for "
          "Single Image Super-Resolution. CVPR Workshops (NTIRE) 2017.",
    multi_scale=True,
))
