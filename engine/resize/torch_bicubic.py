"""MATLAB-style bicubic *upscaling* by an integer factor, as a differentiable torch op.

MATLAB's ``imresize(x, s, 'bicubic')`` for s > 1 uses Keys' cubic with a = -0.5, no
antialiasing, output pixel j sampling input position (j + 0.5) / s - 0.5 and replicated
edges.  For an integer factor the weights depend only on j mod s, so the op is s
polyphase 4-tap filters per axis (a depthwise conv) followed by an interleave.  Models
that take a bicubic-upscaled input (SRCNN, VDSR, DRRN) and the bicubic skip of our fast
models use this, so training, tiled inference and the bicubic baseline agree.
The result is float (no rounding); the numpy imresize rounds to integers per pass.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F


def cubic(x: torch.Tensor | float, a: float = -0.5) -> torch.Tensor:
    """Keys' cubic convolution kernel."""
    x = torch.as_tensor(x, dtype=torch.float64).abs()
    x2, x3 = x * x, x * x * x
    return torch.where(
        x <= 1, (a + 2) * x3 - (a + 3) * x2 + 1,
        torch.where(x < 2, a * x3 - 5 * a * x2 + 8 * a * x - 4 * a, torch.zeros_like(x)))


def _phase_weights(scale: int) -> tuple[torch.Tensor, int]:
    """(scale, 4) weights and the left offset of the 4 taps relative to floor(position)."""
    rows = []
    for p in range(scale):
        u = (p + 0.5) / scale - 0.5          # position relative to input pixel i for j = s*i+p
        left = math.floor(u) - 1
        taps = torch.tensor([left + k for k in range(4)], dtype=torch.float64)
        w = cubic(u - taps)
        rows.append((w / w.sum(), left))
    lefts = {left for _, left in rows}
    lo = min(lefts)
    # normalise every phase onto a common 5-tap window starting at `lo`
    out = torch.zeros(scale, 5, dtype=torch.float64)
    for p, (w, left) in enumerate(rows):
        out[p, left - lo:left - lo + 4] = w
    return out, lo


def upsample_bicubic(x: torch.Tensor, scale: int) -> torch.Tensor:
    """(N, C, H, W) -> (N, C, H*s, W*s) MATLAB-compatible bicubic (float, unrounded)."""
    if scale == 1:
        return x
    n, c, h, w = x.shape
    weights, lo = _phase_weights(scale)
    k = weights.to(dtype=x.dtype, device=x.device)  # (s, 5)
    pad_l, pad_r = -lo, 5 + lo - 1
    # rows (H axis) first, then columns, as MATLAB does
    y = F.pad(x.reshape(n * c, 1, h, w), (0, 0, pad_l, pad_r), mode="replicate")
    y = F.conv2d(y, k.view(scale, 1, 5, 1))                     # (NC, s, H, W)
    y = y.permute(0, 2, 1, 3).reshape(n * c, 1, h * scale, w)    # interleave rows
    y = F.pad(y, (pad_l, pad_r, 0, 0), mode="replicate")
    y = F.conv2d(y, k.view(scale, 1, 1, 5))                     # (NC, s, H*s, W)
    y = y.permute(0, 2, 3, 1).reshape(n * c, 1, h * scale, w * scale)
    return y.view(n, c, h * scale, w * scale)


def _phase_pad(scale: int) -> int:
    """Left replicate padding of the common 5-tap window (``-lo`` of :func:`_phase_weights`),
    in plain Python: no tensors, so a traced forward records nothing for it."""
    return -min(math.floor((p + 0.5) / scale - 0.5) - 1 for p in range(scale))


def phase_kernels(scale: int) -> tuple[torch.Tensor, int]:
    """(s*s, 1, 5, 5) float64 kernels, one per output phase (i, j): the outer product of
    the row and column taps; and the replicate padding each side needs."""
    weights, lo = _phase_weights(scale)
    k = torch.einsum("ia,jb->ijab", weights, weights).reshape(scale * scale, 1, 5, 5)
    return k, -lo


def bicubic_phases(x: torch.Tensor, scale: int, kernels: torch.Tensor | None = None
                   ) -> torch.Tensor:
    """(N, C, h, w) -> (N, C, s, s, h, w): the same upscale as :func:`upsample_bicubic`,
    each output phase computed at LR resolution by one 5x5 kernel.

    Why: a network whose last layer is a pixel shuffle adds its residual to these phases
    and interleaves once, instead of interleaving its output and the HR-size bicubic
    separately (at x4 that HR-side work was a third of the fast model's time on a CPU).
    ``kernels``: :func:`phase_kernels` repeated C times, in x's dtype and device (a module
    holds them as a buffer, so a traced ONNX graph gets them as a constant).
    """
    n, c, h, w = x.shape
    pad = _phase_pad(scale)
    if kernels is None:
        kernels = phase_kernels(scale)[0].to(dtype=x.dtype, device=x.device).repeat(c, 1, 1, 1)
    y = F.pad(x, (pad, 4 - pad, pad, 4 - pad), mode="replicate")
    return F.conv2d(y, kernels, groups=c).view(n, c, scale, scale, h, w)


def interleave_phases(p: torch.Tensor, scale: int) -> torch.Tensor:
    """(N, C, s, s, h, w) phases -> (N, C, h*s, w*s) image, as a pixel shuffle does
    (``scale`` a plain int, so a traced graph keeps it constant)."""
    n, c, s, _, h, w = p.shape
    # pixel_shuffle rather than permute + reshape: the ONNX export writes it as
    # DepthToSpace, which ONNX Runtime runs 3x faster than the generic 6-D Transpose
    return F.pixel_shuffle(p.reshape(n, c * s * s, h, w), scale)


UPSAMPLE_CONTEXT = 2
"""Input pixels of context each side needs so tiled upsampling equals whole-image."""
