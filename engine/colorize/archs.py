"""Colorization networks: L (full resolution) -> ab at 1/4 resolution.

Two architectures share one small VGG-style encoder-decoder (Zhang et al.'s network,
scaled down to train on a CPU):

* ``colorizer_cls``: Zhang, Isola, Efros, "Colorful Image Colorization" (ECCV 2016): the
  head predicts a distribution over the Q in-gamut ab bins (:mod:`engine.colorize.quantize`),
  trained with the class-rebalanced multinomial cross-entropy, decoded with the annealed
  mean (T = 0.38).
* ``colorizer_reg``: the same body with a 2-channel head regressing ab directly (the
  L1 / L2 baseline of the paper).

Layout (input H x W, a multiple of 4 at inference; L in [0, 100]):
  1/2: space-to-depth(2), 2 convs (c1 = 32) | 1/4: 2 convs (c2 = 64) | 1/8: strided conv
  + plain, 2 dilated-2 and 2 dilated-4 convs (c3 = 80) | back to 1/4: nearest x2, concat
  the 1/4 features, 2 convs (c2) | 1x1 head.  BatchNorm after every block, as in the
  paper.  About 0.5 M parameters.
Outputs stay at 1/4 resolution (like the paper, the loss compares with the ground truth
downsampled by 4); the colorizer upsamples ab bilinearly to the image and keeps the
full-resolution L of the input.

They register with ``kind = "colorizer"`` and scale 1, so super-resolution code that
iterates ``list_archs()`` (generators) never sees them.
"""

from __future__ import annotations

from typing import TypeGuard

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from engine.archs._common import check_positive
from engine.archs.registry import ArchSpec, register
from engine.colorize.quantize import TEMPERATURE, annealed_mean, gamut_bins
from engine.errors import ConfigError

SCALES = (1,)
KIND = "colorizer"
AB_SCALE = 100.0   # the regression head predicts ab / 100


def _block(cin: int, cout: int, n: int, stride: int = 1, dilation: int = 1) -> nn.Sequential:
    layers: list[nn.Module] = []
    for i in range(n):
        s = stride if i == 0 else 1
        layers += [nn.Conv2d(cin if i == 0 else cout, cout, 3, stride=s, padding=dilation,
                             dilation=dilation), nn.ReLU(inplace=True)]
    layers.append(nn.BatchNorm2d(cout))
    return nn.Sequential(*layers)


class ColorizerBody(nn.Module):
    def __init__(self, c1: int, c2: int, c3: int) -> None:
        super().__init__()
        self.s1 = nn.Sequential(nn.PixelUnshuffle(2), _block(4, c1, 2))          # 1/2
        self.s2 = _block(c1, c2, 2, stride=2)                                    # 1/4
        self.s3 = _block(c2, c3, 2, stride=2)                                    # 1/8
        self.d2 = _block(c3, c3, 2, dilation=2)
        self.d4 = _block(c3, c3, 2, dilation=4)
        self.up = _block(c3 + c2, c2, 2)                                         # 1/4

    def forward(self, lum: torch.Tensor) -> torch.Tensor:
        x = (lum - 50.0) / 50.0
        q = self.s2(self.s1(x))
        y = self.d4(self.d2(self.s3(q)))
        y = F.interpolate(y, size=q.shape[-2:], mode="nearest")
        return self.up(torch.cat([y, q], dim=1))


class _Colorizer(nn.Module):
    mode = ""
    downsample = 4            # ab comes out at 1/4 of the input size
    size_multiple = 4
    bins: torch.Tensor        # buffers (register_buffer), typed for the checker
    prior: torch.Tensor

    def __init__(self, scale: int = 1, num_channels: int = 1, c1: int = 32, c2: int = 64,
                 c3: int = 80) -> None:
        super().__init__()
        if int(scale) != 1:
            raise ConfigError(f"a colorizer works at scale 1, got {scale}")
        if int(num_channels) != 1:
            raise ConfigError(f"a colorizer takes the L channel (num_channels = 1), "
                              f"got {num_channels}")
        check_positive(type(self).__name__, c1=c1, c2=c2, c3=c3)
        self.scale = 1
        self.body = ColorizerBody(c1, c2, c3)

    def predict_ab(self, lum: torch.Tensor) -> torch.Tensor:
        """(N, 1, H, W) L in [0, 100] -> (N, 2, H/4, W/4) ab (decoded)."""
        raise NotImplementedError


class ClassificationColorizer(_Colorizer):
    """Zhang et al.: per-pixel distribution over the in-gamut ab bins."""

    mode = "classification"

    def __init__(self, scale: int = 1, num_channels: int = 1, c1: int = 32, c2: int = 64,
                 c3: int = 80, temperature: float = TEMPERATURE) -> None:
        super().__init__(scale, num_channels, c1, c2, c3)
        bins = torch.from_numpy(np.array(gamut_bins(), dtype=np.float32))
        self.temperature = float(temperature)
        self.head = nn.Conv2d(c2, len(bins), 1)
        # saved with the weights: the bins the head was trained on and the training-set
        # bin distribution (set by the trainer; used by the rebalanced metrics)
        self.register_buffer("bins", bins)
        self.register_buffer("prior", torch.full((len(bins),), 1.0 / len(bins)))

    def forward(self, lum: torch.Tensor) -> torch.Tensor:
        """(N, 1, H, W) L -> (N, Q, H/4, W/4) logits."""
        return self.head(self.body(lum))

    def decode(self, logits: torch.Tensor, temperature: float | None = None) -> torch.Tensor:
        t = self.temperature if temperature is None else temperature
        return annealed_mean(logits.float(), self.bins, t, dim=1)

    def predict_ab(self, lum: torch.Tensor) -> torch.Tensor:
        return self.decode(self(lum))


class RegressionColorizer(_Colorizer):
    """The regression baseline: ab directly (trained with L1 or L2)."""

    mode = "regression"

    def __init__(self, scale: int = 1, num_channels: int = 1, c1: int = 32, c2: int = 64,
                 c3: int = 80) -> None:
        super().__init__(scale, num_channels, c1, c2, c3)
        self.head = nn.Conv2d(c2, 2, 1)

    def forward(self, lum: torch.Tensor) -> torch.Tensor:
        """(N, 1, H, W) L -> (N, 2, H/4, W/4) ab."""
        return self.head(self.body(lum)) * AB_SCALE

    def predict_ab(self, lum: torch.Tensor) -> torch.Tensor:
        return self(lum).float()


def is_colorizer(module: object) -> TypeGuard[_Colorizer]:
    return isinstance(module, _Colorizer)


ColorizerNet = _Colorizer   # the type every colorizer network has (for annotations)

_PAPER = ("R. Zhang, P. Isola, A. A. Efros. Colorful Image Colorization. ECCV 2016.")
_DEFAULTS = {"num_channels": 1, "c1": 32, "c2": 64, "c3": 80}

register(ArchSpec(
    name="colorizer_cls",
    builder=ClassificationColorizer,
    scales=SCALES,
    in_channels=1,
    context=0,   # never tiled: the colorizer runs on a resized copy of the whole image
    size_multiple=4,
    supports_half=False,
    default_config={**_DEFAULTS, "temperature": TEMPERATURE},
    description="Colorizer (Zhang et al.): L -> distribution over 261 in-gamut ab bins, "
                "class-rebalanced loss, annealed-mean decoding (T = 0.38).",
    paper=_PAPER,
    kind=KIND,
))

register(ArchSpec(
    name="colorizer_reg",
    builder=RegressionColorizer,
    scales=SCALES,
    in_channels=1,
    context=0,
    size_multiple=4,
    supports_half=False,
    default_config=dict(_DEFAULTS),
    description="Colorizer baseline: L -> ab regression (L1/L2), same network as "
                "colorizer_cls.",
    paper=_PAPER,
    kind=KIND,
))
