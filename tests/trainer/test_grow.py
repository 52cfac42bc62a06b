"""trainer.grow: a deepened fsrcnn_ps computes exactly what the trained one did."""

from __future__ import annotations

import pytest
import torch

from engine.archs import build
from engine.models.weights import load_weights, read_metadata
from trainer.export import export_weights
from trainer.grow import deepen_fsrcnn_ps, main


def _trained_like(tmp_path):
    torch.manual_seed(0)
    net = build("fsrcnn_ps", 2, num_channels=1, d=8, s=4, m=3)
    with torch.no_grad():  # non-trivial weights everywhere, PReLU slopes included
        for p in net.parameters():
            p.add_(0.1 * torch.randn_like(p))
    src = export_weights(net, tmp_path / "src.safetensors", arch="fsrcnn_ps", scale=2,
                         config={"d": 8, "s": 4, "m": 3}, num_channels=1, name="fast_x2",
                         role="fast", steps=123)
    return net, src


@pytest.mark.parametrize("extra", [1, 2, 4])
def test_deepened_network_gives_the_same_output(tmp_path, extra):
    net, src = _trained_like(tmp_path)
    dest = deepen_fsrcnn_ps(src, tmp_path / "grown.safetensors", extra)
    meta = read_metadata(dest)
    assert meta["config"]["m"] == 3 + extra and meta["name"] == "fast_x2"
    assert meta["role"] == "fast" and meta["grown_from"]["m"] == 3
    state, _ = load_weights(dest)
    grown = build("fsrcnn_ps", 2, **meta["config"])
    grown.load_state_dict(state, strict=True)
    assert sum(p.numel() for p in grown.parameters()) == meta["params"]
    assert meta["params"] > sum(p.numel() for p in net.parameters())
    x = torch.rand(2, 1, 17, 23)
    with torch.no_grad():
        torch.testing.assert_close(grown(x), net(x), rtol=0, atol=1e-5)


def test_other_architectures_and_bad_counts_are_refused(tmp_path):
    _, src = _trained_like(tmp_path)
    with pytest.raises(ValueError, match="at least 1"):
        deepen_fsrcnn_ps(src, tmp_path / "g.safetensors", 0)
    other = export_weights(build("espcn", 2), tmp_path / "e.safetensors", arch="espcn",
                           scale=2, config={}, num_channels=1)
    with pytest.raises(ValueError, match="fsrcnn_ps"):
        deepen_fsrcnn_ps(other, tmp_path / "g.safetensors", 1)


def test_command_line(tmp_path, capsys):
    _, src = _trained_like(tmp_path)
    assert main([str(src), str(tmp_path / "g.safetensors"), "--extra-layers", "1"]) == 0
    assert "wrote" in capsys.readouterr().out
