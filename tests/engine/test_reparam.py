"""Re-parameterisable convs: a plain kernel loads exactly into the expanded branches, and
fsrcnn_ps trained in expanded form folds back into the plain network it exports as."""

from __future__ import annotations

import copy

import pytest
import torch

from engine.archs import build
from engine.archs.reparam import Conv3XC, load_plain_kernels


def test_load_plain_gives_the_kernel_and_leaves_no_dead_branch() -> None:
    torch.manual_seed(0)
    w, b = torch.randn(6, 4, 3, 3, dtype=torch.float64), torch.randn(6, dtype=torch.float64)
    c = Conv3XC(4, 6, gain=3).double()
    c.load_plain(w, b)
    fw, fb = c.folded()
    torch.testing.assert_close(fw, w, rtol=0, atol=1e-12)
    torch.testing.assert_close(fb, b, rtol=0, atol=1e-12)
    x = torch.rand(2, 4, 7, 9, dtype=torch.float64)
    (c(x) * torch.linspace(-1, 1, 2 * 6 * 63, dtype=x.dtype).view(2, 6, 7, 9)).sum().backward()
    for name, p in c.named_parameters():   # every branch learns from the first step
        if name != "expand.bias":          # (its gradient is the bias path's; may be ~0)
            assert p.grad.abs().max() > 1e-6, name


def test_load_plain_refuses_a_kernel_of_another_shape() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        Conv3XC(4, 6).load_plain(torch.zeros(6, 5, 3, 3), torch.zeros(6))


@pytest.mark.parametrize("gain", [1, 2, 4])
def test_fsrcnn_ps_reparam_folds_into_the_plain_network(gain: int) -> None:
    torch.manual_seed(0)
    cfg = {"d": 8, "s": 4, "m": 3}
    net = build("fsrcnn_ps", 2, reparam=gain, **cfg).eval()
    with torch.no_grad():
        for p in net.parameters():
            p.add_(0.1 * torch.randn_like(p))
    x = torch.rand(2, 1, 13, 11)
    with torch.no_grad():
        before = net(x)
        fused = copy.deepcopy(net).fuse()
        plain = build("fsrcnn_ps", 2, **cfg).eval()
        plain.load_state_dict(fused.state_dict(), strict=True)
        torch.testing.assert_close(plain(x), before, rtol=0, atol=1e-5)
    trained = sum(p.numel() for p in net.parameters())
    assert sum(p.numel() for p in plain.parameters()) < trained


def test_plain_weights_load_into_the_expanded_form_unchanged() -> None:
    torch.manual_seed(1)
    cfg = {"d": 8, "s": 4, "m": 2}
    plain = build("fsrcnn_ps", 3, **cfg).eval()
    with torch.no_grad():
        for p in plain.parameters():
            p.add_(0.1 * torch.randn_like(p))
    expanded = build("fsrcnn_ps", 3, reparam=2, **cfg).eval()
    done = load_plain_kernels(expanded, plain.state_dict())
    assert done == {k for k in expanded.state_dict() if k.startswith(("body.4.", "body.6."))}
    rest = {k: v for k, v in plain.state_dict().items() if k in expanded.state_dict()}
    expanded.load_state_dict(rest, strict=False)
    x = torch.rand(1, 1, 10, 12)
    with torch.no_grad():
        torch.testing.assert_close(expanded(x), plain(x), rtol=0, atol=1e-5)


def test_a_deployed_span_loads_into_the_training_form_unchanged() -> None:
    torch.manual_seed(2)
    cfg = {"num_feats": 8, "num_blocks": 1}
    trained = build("span", 2, **cfg).eval()
    deployed = copy.deepcopy(trained).fuse()
    fresh = build("span", 2, **cfg).eval()
    done = load_plain_kernels(fresh, deployed.state_dict())
    assert done and all(".fused." not in k for k in done)
    rest = {k: v for k, v in deployed.state_dict().items() if k in fresh.state_dict()}
    fresh.load_state_dict(rest, strict=False)
    x = torch.rand(1, 3, 9, 10)
    with torch.no_grad():
        torch.testing.assert_close(fresh(x), trained(x), rtol=0, atol=1e-5)
