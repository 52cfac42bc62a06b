"""RgbNetwork's shortcut for residual networks, and the ONNX export's PReLU rewrite: both
must compute what the plain form does (they exist only for speed)."""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn

from engine.archs import build
from engine.inference.onnx_export import _unrolled_prelu
from engine.inference.rgb_network import RgbNetwork
from engine.models.descriptor import LoadedModel


def _fast(scale: int) -> LoadedModel:
    torch.manual_seed(scale)
    module = build("fsrcnn_ps", scale, d=12, s=8, m=2).eval()
    with torch.no_grad():   # a tail far from its near-zero init, like a trained one
        module.tail[0].weight.normal_(0, 0.05)
        for p in module.modules():
            if isinstance(p, nn.PReLU):
                p.weight.uniform_(-0.3, 1.2)
    return LoadedModel.from_module(module, arch="fsrcnn_ps", scale=scale,
                                   config={"d": 12, "s": 8, "m": 2}, name="t")


@pytest.mark.parametrize("scale", [2, 3, 4])
def test_the_phase_shortcut_equals_luma_plus_bicubic_chroma(scale: int) -> None:
    net = RgbNetwork(_fast(scale)).eval()
    assert net.phased
    x = torch.rand(2, 3, 13, 17)
    with torch.no_grad():
        fast = net(x)
        net.phased = False    # the general Y-only path: network luma, bicubic chroma
        plain = net(x)
    assert fast.shape == plain.shape == (2, 3, 13 * scale, 17 * scale)
    assert (fast - plain).abs().max().item() <= 2e-6
    assert plain.std().item() > 0.05   # the comparison saw a real picture, not a flat one


def test_networks_without_a_residual_keep_the_general_path() -> None:
    module = build("espcn", 2).eval()
    lm = LoadedModel.from_module(module, arch="espcn", scale=2, config={}, name="e")
    assert not RgbNetwork(lm).phased


@pytest.mark.parametrize("slopes", [[0.25], [-0.4, 0.0, 0.7, 1.13]])
def test_the_exported_prelu_form_is_prelu(slopes: list[float]) -> None:
    """Per-channel slopes (negative, zero, above 1) and a single shared slope."""
    prelu = nn.PReLU(len(slopes))
    with torch.no_grad():
        prelu.weight.copy_(torch.tensor(slopes))
    holder = nn.Sequential(prelu)
    x = torch.randn(2, 4, 5, 7) * 3
    with torch.no_grad():
        expected = holder(x)
        rewritten = _unrolled_prelu(holder)
        assert not isinstance(rewritten[0], nn.PReLU)
        got = rewritten(x)
    assert (got - expected).abs().max().item() <= 1e-6


def test_freed_memory_is_kept_for_reuse_where_glibc_allows() -> None:
    import platform
    import sys

    from engine.inference.memory import reuse_freed_memory

    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert reuse_freed_memory() is glibc
    assert reuse_freed_memory() is glibc   # idempotent


def test_rounding_on_threads_is_the_serial_rounding() -> None:
    """round_into splits a large picture into row blocks on the run's threads: the same
    bytes as one thread, for 8 and 16 bits, a strided (planar) source and NaN."""
    import numpy as np

    from engine.rounding import _round_rows, round_into

    rng = np.random.default_rng(3)
    src = (rng.random((3, 700, 900), dtype=np.float32) * 1.2 - 0.1).transpose(1, 2, 0)
    src[5, 7, 1] = np.nan
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        for dtype in (np.uint8, np.uint16):
            serial = np.empty(src.shape, dtype)
            _round_rows(serial, src)
            threaded = round_into(np.empty(src.shape, dtype), src)
            assert np.array_equal(threaded, serial) and threaded[5, 7, 1] == 0
    finally:
        torch.set_num_threads(before)
