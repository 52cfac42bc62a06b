"""The SRGAN discriminator (Ledig et al., CVPR 2017), patch-size agnostic.

Eight 3x3 convolutions (64, 64/2, 128, 128/2, 256, 256/2, 512, 512/2 filters, '/2' =
stride 2) with LeakyReLU 0.2 and BN after all but the first, then (deviation) an
AdaptiveAvgPool2d to ``pool_size`` x ``pool_size`` so any patch size works (the paper
flattens a fixed 6x6 map of 96x96 patches), dense 1024 + LeakyReLU, dense 1.  Returns
raw logits of shape (N, 1) (use BCEWithLogits; the paper's sigmoid is in the loss).
"""

from __future__ import annotations

import torch
import torch.nn as nn

from engine.archs._common import check_channels, check_positive
from engine.archs.registry import ArchSpec, register


class SRGANDiscriminator(nn.Module):
    def __init__(self, scale: int = 1, num_channels: int = 3, num_feats: int = 64,
                 pool_size: int = 1) -> None:
        super().__init__()
        del scale  # a discriminator works on HR patches of any size
        c = check_channels("srgan_discriminator", num_channels)
        check_positive("srgan_discriminator", num_feats=num_feats, pool_size=pool_size)
        nf = num_feats
        widths = [nf, nf, 2 * nf, 2 * nf, 4 * nf, 4 * nf, 8 * nf, 8 * nf]
        layers: list[nn.Module] = [nn.Conv2d(c, nf, 3, padding=1),
                                   nn.LeakyReLU(0.2, inplace=True)]
        for i in range(1, 8):
            layers += [nn.Conv2d(widths[i - 1], widths[i], 3, stride=1 + i % 2, padding=1,
                                 bias=False),
                       nn.BatchNorm2d(widths[i]), nn.LeakyReLU(0.2, inplace=True)]
        self.body = nn.Sequential(*layers)
        # indices of the LeakyReLUs that end each stride-2 stage
        self._taps = {1 + 3 * i for i in range(1, 8) if i % 2 == 1}
        self.pool = nn.AdaptiveAvgPool2d(pool_size)
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Linear(widths[-1] * pool_size * pool_size, 1024),
            nn.LeakyReLU(0.2, inplace=True), nn.Linear(1024, 1))

    def features(self, x: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        """The logits and the activation after each stride-2 stage (feature matching)."""
        feats: list[torch.Tensor] = []
        h = x
        for i, layer in enumerate(self.body):
            h = layer(h)
            if i in self._taps:
                feats.append(h)
        return self.classifier(self.pool(h)), feats

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.pool(self.body(x)))


register(ArchSpec(
    name="srgan_discriminator",
    builder=SRGANDiscriminator,
    scales=(),
    in_channels=3,
    context=0,
    default_config={"num_channels": 3, "num_feats": 64, "pool_size": 1},
    description="SRGAN discriminator: 8 VGG-style convs with BN and LeakyReLU, adaptive "
                "average pooling (any patch size), dense 1024, dense 1 (logits).",
    paper="C. Ledig et al. Photo-Realistic Single Image Super-Resolution Using a "
          "Generative Adversarial Network. CVPR 2017.",
    kind="discriminator",
))
