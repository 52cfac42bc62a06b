"""Building blocks and receptive-field bookkeeping shared by the architecture modules.

Receptive radius ("context")
----------------------------
Every network here is a composition of translation-equivariant ops: 'same' zero-padded
convolutions, sub-pixel shuffles / nearest upsampling, strided transposed convolutions
cropped to exactly ``H*s`` and the MATLAB bicubic upscaler.  A tiled result equals the
whole-image result when every tile carries, on each side, as many input pixels as the
network's receptive radius.  :func:`receptive_radius` computes that radius exactly by
walking a dependency interval backwards through a *path* (a list of layer tokens from the
input to the output) for every output phase, in input (LR) pixels.  Branches (skips,
pyramids) are handled by passing every path; the result is the maximum.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import torch
import torch.nn as nn

from engine.errors import ConfigError, UnsupportedModelError
from engine.resize.torch_bicubic import UPSAMPLE_CONTEXT

# DIV2K training-set mean, as used by EDSR/MDSR/SPAN (RGB in [0, 1])
DIV2K_RGB_MEAN = (0.4488, 0.4371, 0.4040)
# the same mean as BT.601 studio-swing luma (engine.color convention), for 1-channel nets
DIV2K_Y_MEAN = (16.0 + 65.481 * 0.4488 + 128.553 * 0.4371 + 24.966 * 0.4040) / 255.0

Token = tuple[Any, ...]
Path = list[Token]


# --- receptive-field calculus -----------------------------------------------------------
def conv(k: int, n: int = 1) -> Path:
    """``n`` stride-1 'same' convolutions of odd kernel ``k`` (k=1: pointwise)."""
    if k % 2 != 1:
        raise ValueError("same-padded convs need an odd kernel")
    return [("conv", k)] * n


def up(s: int) -> Path:
    """Pixel shuffle or nearest-neighbour upsampling by ``s`` (output j <- input j // s)."""
    return [("up", s)]


def deconv(s: int, k: int) -> Path:
    """A :class:`Deconv` (transposed conv, stride ``s``, kernel ``k``, output exactly H*s)."""
    return [("deconv", s, k, deconv_start(k, s))]


def bicubic(s: int) -> Path:
    """:func:`engine.resize.torch_bicubic.upsample_bicubic` by ``s`` (replicated edges)."""
    return [("bicubic", s)]


def _back(tok: Token, lo: int, hi: int) -> tuple[int, int]:
    kind = tok[0]
    if kind == "conv":
        r = tok[1] // 2
        return lo - r, hi + r
    if kind == "up":
        s = tok[1]
        return lo // s, hi // s
    if kind == "deconv":
        _, s, k, start = tok
        # cropped output o is full output o + start = i*s + t, 0 <= t < k
        return -((-(lo + start - k + 1)) // s), (hi + start) // s
    if kind == "bicubic":
        s = tok[1]
        return lo // s - UPSAMPLE_CONTEXT, hi // s + UPSAMPLE_CONTEXT
    raise ValueError(f"unknown layer token {tok!r}")


def _path_scale(path: Sequence[Token]) -> int:
    return math.prod(t[1] for t in path if t[0] in ("up", "deconv", "bicubic"))


def receptive_radius(*paths: Sequence[Token]) -> int:
    """Exact receptive radius, in input pixels, of the union of ``paths``.

    For every output pixel of input pixel 0's footprint (all phases), the interval of
    input pixels it depends on is computed; the radius is the largest distance from 0.
    """
    worst = 0
    for path in paths:
        total = _path_scale(path)
        for j in range(total):
            lo, hi = j, j
            for tok in reversed(path):
                lo, hi = _back(tok, lo, hi)
            worst = max(worst, -lo, hi)
    return worst


def scales_in(cfg: Mapping[str, Any], supported: Iterable[int]) -> tuple[int, ...]:
    """The scale(s) a context callable must cover: ``cfg['scale']`` if given, else all."""
    s = cfg.get("scale")
    return (int(s),) if s else tuple(supported)


# --- validation -------------------------------------------------------------------------
def check_scale(name: str, scale: int, supported: Sequence[int]) -> int:
    if int(scale) not in supported:
        raise UnsupportedModelError(
            f"{name} does not support x{scale} (supported: "
            f"{', '.join(f'x{s}' for s in supported)})")
    return int(scale)


def check_channels(name: str, num_channels: int) -> int:
    if int(num_channels) not in (1, 3):
        raise ConfigError(f"{name}: num_channels must be 1 (Y) or 3 (RGB), got {num_channels}")
    return int(num_channels)


def check_positive(name: str, **values: int) -> None:
    for key, v in values.items():
        if int(v) < 1:
            raise ConfigError(f"{name}: {key} must be >= 1, got {v}")


# --- modules ----------------------------------------------------------------------------
def conv2d(cin: int, cout: int, k: int, bias: bool = True) -> nn.Conv2d:
    """Stride-1 convolution with 'same' zero padding."""
    return nn.Conv2d(cin, cout, k, padding=k // 2, bias=bias)


def deconv_start(k: int, s: int) -> int:
    """Leading crop of a kernel-``k`` stride-``s`` transposed conv (centres the kernel)."""
    if k < s:
        raise ValueError("transposed conv kernel must be >= its stride")
    return (k - s) // 2


class Deconv(nn.ConvTranspose2d):
    """Transposed convolution (stride ``s``) whose output is exactly ``(H*s, W*s)``.

    The full transposed-conv output is cropped by ``(k - s) // 2`` in front (the
    ``padding``) and by the remainder at the back.  The crop depends only on ``k`` and
    ``s``, never on the input size, so the op is translation-consistent: shifting the
    input by one pixel shifts the output by ``s`` (tiles match the whole image).
    """

    def __init__(self, cin: int, cout: int, kernel_size: int, stride: int,
                 bias: bool = True) -> None:
        start = deconv_start(kernel_size, stride)
        super().__init__(cin, cout, kernel_size, stride=stride, padding=start, bias=bias)
        self.excess = kernel_size - stride - 2 * start   # 0 or 1

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # type: ignore[override]
        y = super().forward(x)
        e = self.excess
        return y[..., : y.shape[-2] - e, : y.shape[-1] - e] if e else y


class MeanShift(nn.Module):
    """Adds ``sign * mean`` per channel (the mean is a non-persistent constant buffer)."""

    mean: torch.Tensor

    def __init__(self, num_channels: int, sign: float) -> None:
        super().__init__()
        mean = DIV2K_RGB_MEAN if num_channels == 3 else (DIV2K_Y_MEAN,) * num_channels
        self.register_buffer("mean", torch.tensor(mean).view(1, num_channels, 1, 1) * sign,
                             persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.mean.to(dtype=x.dtype)


def shuffle_factors(scale: int) -> list[int]:
    """Sub-pixel stages: powers of two as repeated x2, anything else in one stage."""
    if scale > 1 and scale & (scale - 1) == 0:
        return [2] * (scale.bit_length() - 1)
    return [scale]


def upsampler_path(scale: int, k: int = 3) -> Path:
    """Receptive path of :class:`PixelShuffleUpsampler`."""
    path: Path = []
    for f in shuffle_factors(scale):
        path += conv(k) + up(f)
    return path


class PixelShuffleUpsampler(nn.Sequential):
    """EDSR-style sub-pixel upsampler: per stage conv(F -> F*f^2) + PixelShuffle(f) [+ act].

    Module indices mirror the EDSR reference code (conv at 0, shuffle at 1, per stage).
    """

    def __init__(self, scale: int, feats: int, act: type[nn.Module] | None = None,
                 k: int = 3) -> None:
        layers: list[nn.Module] = []
        for f in shuffle_factors(scale):
            layers += [conv2d(feats, feats * f * f, k), nn.PixelShuffle(f)]
            if act is not None:
                layers.append(act())
        super().__init__(*layers)


def init_small_(conv_layer: nn.Conv2d | nn.ConvTranspose2d, std: float = 1e-3) -> None:
    """Near-zero init for the last layer of a residual predictor (starts at the skip)."""
    nn.init.normal_(conv_layer.weight, std=std)
    if conv_layer.bias is not None:
        nn.init.zeros_(conv_layer.bias)


def init_he_(module: nn.Module) -> None:
    """He (Kaiming normal, fan-in, ReLU gain) init of every conv, zero biases."""
    for m in module.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            if m.bias is not None:
                nn.init.zeros_(m.bias)
