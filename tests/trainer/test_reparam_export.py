"""Export folds a re-parameterised network into the plain one users run; fine-tuning from
a plain or deployed file goes back to the expanded form without changing the function."""

from __future__ import annotations

from pathlib import Path

import torch

from engine.archs import build, get_arch
from engine.models.weights import load_weights, read_metadata
from trainer.config import ModelConfig
from trainer.export import export_weights
from trainer.model import build_network, load_init_weights

CFG = {"d": 8, "s": 4, "m": 2}


def _expanded(seed: int = 0) -> torch.nn.Module:
    torch.manual_seed(seed)
    net = build("fsrcnn_ps", 2, reparam=2, **CFG).eval()
    with torch.no_grad():
        for p in net.parameters():
            p.add_(0.1 * torch.randn_like(p))
    return net


def test_export_writes_the_folded_network(tmp_path: Path) -> None:
    net = _expanded()
    path = export_weights(net, tmp_path / "m.safetensors", arch="fsrcnn_ps", scale=2,
                          config={**CFG, "reparam": 2}, num_channels=1)
    meta = read_metadata(path)
    assert meta["config"]["reparam"] == 0
    plain = build("fsrcnn_ps", 2, **meta["config"]).eval()
    state, _ = load_weights(path)
    plain.load_state_dict(state, strict=True)
    assert meta["params"] == sum(p.numel() for p in plain.parameters())
    x = torch.rand(1, 1, 12, 14)
    with torch.no_grad():
        torch.testing.assert_close(plain(x), net(x), rtol=0, atol=1e-5)
    # the training form is kept on request (resumable init files)
    kept = export_weights(net, tmp_path / "t.safetensors", deploy=False, arch="fsrcnn_ps",
                          scale=2, config={**CFG, "reparam": 2}, num_channels=1)
    assert read_metadata(kept)["config"]["reparam"] == 2


def test_fine_tuning_a_deployed_file_trains_the_expanded_form(tmp_path: Path) -> None:
    net = _expanded(3)
    path = export_weights(net, tmp_path / "m.safetensors", arch="fsrcnn_ps", scale=2,
                          config={**CFG, "reparam": 2}, num_channels=1)
    cfg = ModelConfig(arch="fsrcnn_ps", scale=2, init_from=str(path),
                      config={"reparam": 4})
    module, _spec, full = build_network(cfg)
    assert full["reparam"] == 4 and full["d"] == 8   # the file's network, recipe's form
    assert load_init_weights(module, path) == []      # every tensor accounted for
    x = torch.rand(1, 1, 11, 9)
    with torch.no_grad():
        torch.testing.assert_close(module.eval()(x), net(x), rtol=0, atol=1e-5)


def test_a_deployed_span_file_is_fine_tuned_in_training_form(tmp_path: Path) -> None:
    torch.manual_seed(4)
    span_cfg = {"num_feats": 8, "num_blocks": 1}
    net = build("span", 2, **span_cfg).eval()
    path = export_weights(net, tmp_path / "s.safetensors", arch="span", scale=2,
                          config=span_cfg, num_channels=3)
    assert read_metadata(path)["config"]["deploy"] is True
    assert get_arch("span").deploy_overrides == {"deploy": True}
    module, _spec, full = build_network(ModelConfig(arch="span", scale=2,
                                                    init_from=str(path)))
    assert full["deploy"] is False
    assert load_init_weights(module, path) == []
    x = torch.rand(1, 3, 10, 8)
    with torch.no_grad():
        torch.testing.assert_close(module.eval()(x), net(x), rtol=0, atol=1e-5)
