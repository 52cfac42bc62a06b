"""LapSRN (Lai, Huang, Ahuja, Yang, CVPR 2017): Laplacian pyramid super-resolution network.

A feature-extraction branch and an image-reconstruction branch progress x2 per pyramid
level.  Per level the features go through ``depth`` 3x3 convolutions (LeakyReLU 0.2) and
a 4x4 stride-2 transposed convolution (LeakyReLU); a 3x3 convolution turns them into the
level's residual image, added to the x2 (4x4 transposed conv, bilinear init) upsampled
image of the previous level.  ``forward`` returns the last level; :meth:`LapSRN.pyramid`
returns every level (x2, x4, ...) for the multi-level Charbonnier loss.
Levels do not share weights (the CVPR 2017 model; MS-LapSRN's sharing is not used).
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

SCALES = (2, 4, 8)


def _bilinear_kernel(k: int) -> torch.Tensor:
    factor = (k + 1) // 2
    center = factor - 1 if k % 2 == 1 else factor - 0.5
    og = torch.arange(k, dtype=torch.float32)
    f = 1 - (og - center).abs() / factor
    return f[:, None] * f[None, :]


class _Level(nn.Module):
    def __init__(self, num_channels: int, feats: int, depth: int) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for _ in range(depth):
            layers += [conv2d(feats, feats, 3), nn.LeakyReLU(0.2, inplace=True)]
        layers += [Deconv(feats, feats, 4, 2), nn.LeakyReLU(0.2, inplace=True)]
        self.features = nn.Sequential(*layers)
        self.residual = conv2d(feats, num_channels, 3)
        self.upsample = Deconv(num_channels, num_channels, 4, 2, bias=False)
        with torch.no_grad():
            w = torch.zeros_like(self.upsample.weight)
            for ch in range(num_channels):
                w[ch, ch] = _bilinear_kernel(4)
            self.upsample.weight.copy_(w)

    def forward(self, feats: torch.Tensor, image: torch.Tensor
                ) -> tuple[torch.Tensor, torch.Tensor]:
        feats = self.features(feats)
        return feats, self.upsample(image) + self.residual(feats)


class LapSRN(nn.Module):
    def __init__(self, scale: int, num_channels: int = 1, depth: int = 10,
                 num_feats: int = 64) -> None:
        super().__init__()
        self.scale = check_scale("lapsrn", scale, SCALES)
        c = check_channels("lapsrn", num_channels)
        check_positive("lapsrn", depth=depth, num_feats=num_feats)
        self.head = nn.Sequential(conv2d(c, num_feats, 3), nn.LeakyReLU(0.2, inplace=True))
        self.levels = nn.ModuleList(
            _Level(c, num_feats, depth) for _ in range(self.scale.bit_length() - 1))
        for m in self.modules():   # He init (LeakyReLU 0.2) except the bilinear image deconvs
            if isinstance(m, nn.Conv2d) or (isinstance(m, Deconv) and m.in_channels > c):
                nn.init.kaiming_normal_(m.weight, a=0.2, nonlinearity="leaky_relu")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def pyramid(self, lr: torch.Tensor) -> list[torch.Tensor]:
        """Outputs of every level: [x2, x4, ...] up to the built scale."""
        feats, image, outs = self.head(lr), lr, []
        for level in self.levels:
            feats, image = level(feats, image)
            outs.append(image)
        return outs

    def forward(self, lr: torch.Tensor) -> torch.Tensor:
        return self.pyramid(lr)[-1]


def _context(cfg: dict) -> int:
    depth, worst = int(cfg["depth"]), 0
    for s in scales_in(cfg, SCALES):
        n = s.bit_length() - 1
        feat_level = conv(3, depth) + deconv(2, 4)
        for k in range(1, n + 1):   # residual of level k, then image deconvs k+1..n
            path = conv(3) + feat_level * k + conv(3) + deconv(2, 4) * (n - k)
            worst = max(worst, receptive_radius(path))
        worst = max(worst, receptive_radius(deconv(2, 4) * n))
    return worst


register(ArchSpec(
    name="lapsrn",
    builder=LapSRN,
    scales=SCALES,
    in_channels=1,
    context=_context,
    default_config={"num_channels": 1, "depth": 10, "num_feats": 64},
    description="LapSRN: progressive x2 Laplacian-pyramid reconstruction (per level: "
                "10 conv layers, LeakyReLU, 4x4 transposed convs); x2, x4, x8.",
    paper="W.-S. Lai, J.-B. Huang, N. Ahuja, M.-H. Yang. Deep Laplacian Pyramid Networks "
          "for Fast and Accurate Super-Resolution. CVPR 2017.",
))
