"""A U-Net discriminator with spectral normalisation, the kind Real-ESRGAN trains.

Why a U-Net: it answers "real or generated?" for every pixel, not once per patch, so the
generator learns where its output looks wrong (a flat JPEG block, a smeared edge) rather
than only that it does.  Spectral normalisation on every convolution but the first keeps
the discriminator's Lipschitz constant bounded, which is what lets the GAN train stably
from scratch without batch norm.  Written from the description in X. Wang et al.,
"Real-ESRGAN" (ICCVW 2021), section 3.3: three stride-2 encoder stages, a mirrored decoder
with bilinear upsampling and skip additions, two extra convolutions, one logit per pixel.

``forward`` returns the (N, 1, H, W) logit map; :meth:`features` also returns the encoder
and decoder activations, which the trainer's feature-matching term compares on SR and HR.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm

from engine.archs._common import check_channels, check_positive
from engine.archs.registry import ArchSpec, register


def _sn_conv(cin: int, cout: int, stride: int = 1) -> nn.Module:
    return spectral_norm(nn.Conv2d(cin, cout, 4 if stride == 2 else 3, stride, 1, bias=False))


class UNetDiscriminator(nn.Module):
    def __init__(self, scale: int = 1, num_channels: int = 3, num_feats: int = 64) -> None:
        super().__init__()
        del scale  # judges HR patches of any size (a multiple of 8)
        c = check_channels("unet_discriminator", num_channels)
        check_positive("unet_discriminator", num_feats=num_feats)
        f = num_feats
        self.conv0 = nn.Conv2d(c, f, 3, 1, 1)
        self.down = nn.ModuleList([_sn_conv(f, 2 * f, 2), _sn_conv(2 * f, 4 * f, 2),
                                   _sn_conv(4 * f, 8 * f, 2)])
        self.up = nn.ModuleList([_sn_conv(8 * f, 4 * f), _sn_conv(4 * f, 2 * f),
                                 _sn_conv(2 * f, f)])
        self.extra = nn.ModuleList([_sn_conv(f, f), _sn_conv(f, f)])
        self.head = nn.Conv2d(f, 1, 3, 1, 1)

    def features(self, x: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """The logit map and every intermediate activation (shallow to deep to shallow)."""
        act = F.leaky_relu
        skips = [act(self.conv0(x), 0.2)]
        for conv in self.down:
            skips.append(act(conv(skips[-1]), 0.2))
        feats = list(skips[1:])
        h = skips[-1]
        for conv, skip in zip(self.up, reversed(skips[:-1]), strict=True):
            h = F.interpolate(h, size=skip.shape[-2:], mode="bilinear", align_corners=False)
            h = act(conv(h), 0.2) + skip
            feats.append(h)
        for conv in self.extra:
            h = act(conv(h), 0.2)
        return self.head(h), feats

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(x)[0]


register(ArchSpec(
    name="unet_discriminator",
    builder=UNetDiscriminator,
    scales=(),
    in_channels=3,
    context=0,
    default_config={"num_channels": 3, "num_feats": 64},
    description="U-Net discriminator with spectral norm (Real-ESRGAN): 3 stride-2 stages, "
                "mirrored decoder with skip additions, one logit per pixel.",
    paper="X. Wang et al. Real-ESRGAN: Training Real-World Blind Super-Resolution with "
          "Pure Synthetic Data. ICCVW 2021.",
    kind="discriminator",
))
