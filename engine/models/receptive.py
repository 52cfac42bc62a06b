"""Measure how far a foreign network looks: its receptive radius, by a gradient probe.

Our own architectures declare their exact receptive radius; a network loaded from a
third-party file does not, and the tiler needs it (overlap = radius + seam), or tiled
output differs from the whole-image result.  One backward pass gives the footprint: the
gradient of one output pixel (all channels, random signs) with respect to the input is
exactly zero outside the receptive field of a convolutional network.  Where it is not
(attention, global pooling, or a field wider than the probe) the radius is the
distance beyond which the input's total influence, a first-order bound on how much any
change there can move that output pixel, falls under ``tolerance``.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass(frozen=True)
class Footprint:
    """``context``: input pixels a tile needs each side; ``exact``: the field ends inside
    the probe (tiled equals whole up to float rounding); ``influence_outside``: the
    first-order bound on an output change from input beyond ``context``."""

    context: int
    exact: bool
    influence_outside: float
    probe_radius: int


def measure_footprint(module: nn.Module, in_channels: int, scale: int, *,
                      probe_radius: int = 40, multiple: int = 1,
                      tolerance: float = 1e-4, seed: int = 0) -> Footprint:
    """Probe ``module`` (fp32, CPU or wherever it lives) around one input pixel."""
    try:
        param = next(module.parameters())
        device = param.device
    except StopIteration:
        device = torch.device("cpu")
    side = 2 * probe_radius + 1
    side += (-side) % max(1, multiple)
    gen = torch.Generator().manual_seed(seed)
    x = torch.rand(1, in_channels, side, side, generator=gen).to(device).requires_grad_(True)
    c = probe_radius
    sub = scale // 2
    was_training = module.training
    module.eval()
    try:
        with torch.enable_grad():
            y = module(x)
            # every output channel at one pixel, random signs so that none cancel out
            signs = torch.randint(0, 2, (y.shape[1],), generator=gen).to(y) * 2 - 1
            pick = (y[0, :, c * scale + sub, c * scale + sub] * signs).sum()
            (grad,) = torch.autograd.grad(pick, x)
    finally:
        module.train(was_training)
    g = grad.detach()[0].abs().sum(dim=0).double().cpu()  # (side, side)
    yy, xx = torch.meshgrid(torch.arange(side), torch.arange(side), indexing="ij")
    dist = torch.maximum((yy - c).abs(), (xx - c).abs())
    nonzero = dist[g > 0]
    reach = int(nonzero.max()) if nonzero.numel() else 0
    # one pixel more: the sub-pixels of one input pixel's output block reach one further
    if reach < probe_radius - 1:
        return Footprint(reach + 1, True, 0.0, probe_radius)
    # influence beyond each radius r: sum of |grad| at distance > r
    per_ring = torch.zeros(side, dtype=torch.float64).index_add_(0, dist.flatten(),
                                                                 g.flatten())
    outside = per_ring.flip(0).cumsum(0).flip(0)          # outside[r] = sum at dist >= r
    for r in range(probe_radius - 1):
        beyond = float(outside[r + 1]) if r + 1 < side else 0.0
        if beyond <= tolerance:
            return Footprint(r + 1, False, beyond, probe_radius)
    return Footprint(probe_radius, False, float(outside[probe_radius]), probe_radius)
