"""Re-parameterisable convolutions: trained as a wide linear branch, deployed as one 3x3.

``Conv3XC`` (from SPAN, Wan et al. 2024) is a 3x3 convolution trained as the sum of a 1x1
skip and an expanded branch 1x1 (C_in -> g*C_in) -> 3x3 (-> g*C_out) -> 1x1 (-> C_out).
The input is zero-padded *before* the branch's first 1x1, so the whole branch is one
linear 3x3 operator on the zero-padded input and folds exactly into a single 3x3
convolution.  The folded kernel is computed from the branch parameters on every forward,
in training too ("online re-parameterisation", OREPA, CVPR 2022): the parameters, the
function and so the gradients are those of the expanded branch, but each step convolves
the activations once with a cin x cout kernel instead of through the g-times wider branch.

Over-parameterising a small network this way changes how it trains (not what it can
compute), which is the point for the fast models: at export the branches are folded
(:func:`fold_reparam_children`, ``SPAN.fuse``), so the shipped network is the plain one,
with its parameter count and speed.  :func:`load_plain_kernels` goes the other way, so a
plain or deployed weight file can be trained further in the expanded form.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from engine.archs._common import conv2d


class Conv3XC(nn.Module):
    """Re-parameterisable 3x3 conv: 1x1 skip + (1x1 -> 3x3 -> 1x1 expansion) branch."""

    def __init__(self, cin: int, cout: int, gain: int = 2, deploy: bool = False) -> None:
        super().__init__()
        self.cin, self.cout, self.gain = cin, cout, gain
        self.fused: nn.Conv2d | None = None
        if deploy:
            self.fused = conv2d(cin, cout, 3)
            return
        self.sk = nn.Conv2d(cin, cout, 1)
        self.expand = nn.Conv2d(cin, cin * gain, 1)
        self.conv = nn.Conv2d(cin * gain, cout * gain, 3)       # 'valid': input pre-padded
        self.reduce = nn.Conv2d(cout * gain, cout, 1)

    def folded(self) -> tuple[torch.Tensor, torch.Tensor]:
        """(weight (cout, cin, 3, 3), bias (cout,)) of the equivalent single 3x3 conv."""
        if self.fused is not None:
            return self.fused.weight, _bias(self.fused)
        w1, b1 = self.expand.weight[:, :, 0, 0], _bias(self.expand)          # (m, i), (m,)
        w2, b2 = self.conv.weight, _bias(self.conv)                         # (o, m, 3, 3)
        w3, b3 = self.reduce.weight[:, :, 0, 0], _bias(self.reduce)          # (p, o)
        w12 = torch.einsum("omuv,mi->oiuv", w2, w1)
        b12 = b2 + torch.einsum("omuv,m->o", w2, b1)
        weight = torch.einsum("po,oiuv->piuv", w3, w12)
        bias = w3 @ b12 + b3 + _bias(self.sk)
        weight = weight + F.pad(self.sk.weight, (1, 1, 1, 1))
        return weight, bias

    @torch.no_grad()
    def fuse(self) -> None:
        """Replace the training branches by one plain 3x3 convolution (irreversible)."""
        if self.fused is not None:
            return
        weight, bias = self.folded()
        fused = conv2d(self.cin, self.cout, 3).to(weight.device, weight.dtype)
        fused.weight.copy_(weight)
        _bias(fused).copy_(bias)
        del self.sk, self.expand, self.conv, self.reduce
        self.fused = fused

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.fused is not None:
            return self.fused(x)
        weight, bias = self.folded()  # in training too: gradients reach every branch
        return F.conv2d(x, weight, bias, padding=1)

    @torch.no_grad()
    def load_plain(self, weight: torch.Tensor, bias: torch.Tensor) -> None:
        """Set every branch so that this conv computes the plain 3x3 ``(weight, bias)``
        exactly: the expansion and reduction are orthonormal (``E^T E = I``, ``F^T F = I``),
        the 3x3 is ``F W E^T`` and the skip carries the bias.  Every branch parameter is
        non-zero where it matters, so gradients reach all of them (an identity/zero split
        would sit on a saddle).  This is how a trained plain network is fine-tuned in the
        expanded form, and a deployed file is trained further."""
        if tuple(weight.shape) != (self.cout, self.cin, 3, 3) or tuple(bias.shape) != (self.cout,):
            raise ValueError(f"Conv3XC({self.cin}, {self.cout}): a plain kernel of shape "
                             f"{tuple(weight.shape)} does not fit")
        if self.fused is not None:
            self.fused.weight.copy_(weight)
            _bias(self.fused).copy_(bias)
            return
        gen = torch.Generator().manual_seed(self.cin * 1009 + self.cout)
        e = _orthonormal_columns(self.cin * self.gain, self.cin, gen)
        f = _orthonormal_columns(self.cout * self.gain, self.cout, gen)
        w = weight.detach().to(torch.float64)
        dev, dt = self.conv.weight.device, self.conv.weight.dtype
        self.expand.weight.copy_(e[:, :, None, None].to(dev, dt))
        _bias(self.expand).zero_()
        self.conv.weight.copy_(torch.einsum("po,oiuv,mi->pmuv", f, w, e).to(dev, dt))
        _bias(self.conv).zero_()
        self.reduce.weight.copy_(f.T[:, :, None, None].to(dev, dt))
        _bias(self.reduce).zero_()
        self.sk.weight.zero_()
        _bias(self.sk).copy_(bias)


def _bias(conv: nn.Conv2d) -> torch.Tensor:
    """A conv's bias; every conv of this module is built with one."""
    if conv.bias is None:
        raise ValueError("Conv3XC's convolutions all have a bias")
    return conv.bias


def _orthonormal_columns(rows: int, cols: int, gen: torch.Generator) -> torch.Tensor:
    """A (rows, cols) float64 matrix with orthonormal columns (rows >= cols)."""
    q, _r = torch.linalg.qr(torch.randn(rows, cols, generator=gen, dtype=torch.float64))
    return q


def fold_reparam_children(parent: nn.Module) -> int:
    """Replace every direct child Conv3XC of ``parent`` (e.g. an ``nn.Sequential``) by the
    plain ``nn.Conv2d`` it folds into, so the state dict has the plain network's keys;
    returns how many were replaced."""
    n = 0
    for name, child in list(parent.named_children()):
        if isinstance(child, Conv3XC):
            with torch.no_grad():
                weight, bias = child.folded()
                plain = conv2d(child.cin, child.cout, 3).to(weight.device, weight.dtype)
                plain.weight.copy_(weight)
                _bias(plain).copy_(bias)
            setattr(parent, name, plain)
            n += 1
    return n


def load_plain_kernels(module: nn.Module, state: dict[str, torch.Tensor]) -> set[str]:
    """Initialise each Conv3XC in ``module`` that ``state`` holds only in plain form, as a
    ``<name>.weight/bias`` conv or a deployed ``<name>.fused.weight/bias``, with
    :meth:`Conv3XC.load_plain`; returns the names of ``module``'s tensors so set."""
    done: set[str] = set()
    own = module.state_dict()
    for name, sub in module.named_modules():
        if not isinstance(sub, Conv3XC) or f"{name}.sk.weight" in state:
            continue
        for prefix in (f"{name}.", f"{name}.fused."):
            w, b = state.get(prefix + "weight"), state.get(prefix + "bias")
            if (w is not None and b is not None
                    and tuple(w.shape) == (sub.cout, sub.cin, 3, 3)
                    and tuple(b.shape) == (sub.cout,)):
                sub.load_plain(w, b)
                done |= {k for k in own if k.startswith(f"{name}.")}
                break
    return done
