"""The one definition of "RGB tile in, RGB tile out" for any loaded network.

Y-only networks (the fast and reference models) see the luma; their chroma is upscaled
with the MATLAB-style bicubic and the two are recombined, so every model hands back a full
colour image.  Networks that expose ``residual_phases`` (a residual over the bicubic
upscale, before its pixel shuffle: the fast models) skip the luma/chroma split on the HR
side: since the bicubic and the colour conversion are linear, their RGB output is the
bicubic of the RGB input plus the luma residual times the Y column of YCbCr->RGB, all
summed at LR size per output phase and interleaved once.  The torch upscaler runs this
module and the ONNX export traces it, so both backends compute the same thing and an
exported ``.onnx`` file is a plain RGB->RGB model that other tools (chaiNNer, onnxruntime
scripts) can run as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import torch
import torch.nn as nn

from engine.color import Y_GAIN, torch_rgb_to_ycbcr, torch_ycbcr_to_rgb
from engine.models.descriptor import LoadedModel
from engine.resize.torch_bicubic import (
    UPSAMPLE_CONTEXT,
    bicubic_phases,
    interleave_phases,
    phase_kernels,
    upsample_bicubic,
)


class RgbNetwork(nn.Module):
    """(N, 3, h, w) float RGB in [0, 1] -> (N, 3, h*s, w*s), clamped to [0, 1].

    Colour conversion runs in float32; only the network runs in ``dtype`` (fp16/bf16 on
    GPUs), which is where the time goes.
    """

    def __init__(self, model: LoadedModel, dtype: torch.dtype = torch.float32) -> None:
        super().__init__()
        self.net = model.module
        self.scale = int(model.scale)
        self.y_only = model.num_channels == 1
        self.dtype = dtype
        self.phased = self.y_only and hasattr(self.net, "residual_phases")
        self.kernels: torch.Tensor
        if self.phased:   # a buffer: on the network's device, and a constant when traced
            device = next(self.net.parameters()).device
            kernels = phase_kernels(self.scale)[0].repeat(3, 1, 1, 1)
            self.register_buffer("kernels", kernels.to(device, torch.float32), persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.phased:
            return self._phased_forward(x)
        if self.y_only:
            ycc = torch_rgb_to_ycbcr(x)
            y = self.net(ycc[:, :1].to(self.dtype)).float()
            cbcr = upsample_bicubic(ycc[:, 1:], self.scale)
            out = torch_ycbcr_to_rgb(torch.cat([y, cbcr], dim=1))
        else:
            out = self.net(x.to(self.dtype)).float()
        return out.clamp(0, 1)

    def _phased_forward(self, x: torch.Tensor) -> torch.Tensor:
        n, _, h, w = x.shape
        s = self.scale
        y = torch_rgb_to_ycbcr(x)[:, :1]
        residual = cast(Callable[[torch.Tensor], torch.Tensor], self.net.residual_phases)
        r = residual(y.to(self.dtype)).float().view(n, 1, s, s, h, w)
        phases = bicubic_phases(x, s, self.kernels)
        phases.add_(r, alpha=Y_GAIN)   # one unit of Y moves R, G and B alike (BT.601)
        return interleave_phases(phases, s).clamp_(0, 1)


def tile_context(model: LoadedModel) -> int:
    """Input pixels of context a tile needs: the network's, plus the bicubic chroma's for
    Y-only networks."""
    return model.context + (UPSAMPLE_CONTEXT if model.num_channels == 1 else 0)
