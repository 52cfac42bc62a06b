"""trainer.compose: a span_fast made of two trained networks computes what they did, its
blend weight is the least-squares one, and training it goes on from exactly that network."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from engine.archs import build
from engine.color import torch_rgb_to_ycbcr
from engine.evaluation import load_benchmark
from engine.models.descriptor import LoadedModel
from engine.models.weights import read_metadata
from tests.trainer.conftest import synth_image, write_png
from trainer.compose import compose, fit_mix, main
from trainer.config import ModelConfig
from trainer.export import export_weights
from trainer.model import build_network, load_init_weights

SPAN = {"num_feats": 8, "num_blocks": 1}
FAST = {"d": 8, "s": 4, "m": 2}


def _perturbed(net: torch.nn.Module, seed: int) -> torch.nn.Module:
    torch.manual_seed(seed)
    with torch.no_grad():
        for p in net.parameters():
            p.add_(0.05 * torch.randn_like(p))
    return net.eval()


def _parts(tmp_path: Path, scale: int = 2) -> tuple[Path, Path]:
    """A SPAN weight file in training form (as kept in recipes/gpu/init) and a plain fast one."""
    torch.manual_seed(0)
    span = _perturbed(build("span", scale, **SPAN), 1)
    fast = _perturbed(build("fsrcnn_ps", scale, num_channels=1, **FAST), 2)
    sp = export_weights(span, tmp_path / "span.safetensors", deploy=False, arch="span",
                        scale=scale, config={**SPAN, "deploy": False}, num_channels=3)
    fp = export_weights(fast, tmp_path / "fast.safetensors", arch="fsrcnn_ps", scale=scale,
                        config=FAST, num_channels=1, role="fast")
    return sp, fp


def test_the_blend_ends_are_the_two_networks(tmp_path):
    """mix 1 is SPAN's image; mix 0 is the fast network's luma, fed the luma the engine
    feeds it (engine.inference.upscalers.TorchUpscaler), with SPAN's chroma."""
    sp, fp = _parts(tmp_path)
    span, fast = LoadedModel.from_file(sp).module.eval(), LoadedModel.from_file(fp).module.eval()
    x = torch.from_numpy(synth_image(20, 24, seed=3)).permute(2, 0, 1)[None].float() / 255
    with torch.no_grad():
        span_out = span(x)
        fast_y = fast(torch_rgb_to_ycbcr(x)[:, :1])
        net, _ = compose(sp, fp, 2, mix=1.0)
        torch.testing.assert_close(net(x), span_out, rtol=0, atol=1e-5)
        net, _ = compose(sp, fp, 2, mix=0.0)
        out = torch_rgb_to_ycbcr(net(x))
        torch.testing.assert_close(out[:, :1], fast_y, rtol=0, atol=1e-5)
        torch.testing.assert_close(out[:, 1:], torch_rgb_to_ycbcr(span_out)[:, 1:],
                                   rtol=0, atol=1e-5)


def test_fitted_mix_is_the_least_squares_blend(tmp_path):
    sp, fp = _parts(tmp_path)
    for i in range(3):
        write_png(tmp_path / "hr" / f"{i}.png", synth_image(40, 44, seed=10 + i))
    images = load_benchmark(tmp_path / "hr", 2)
    net, _ = compose(sp, fp, 2)
    best = fit_mix(net, images, 2)

    def loss(mix: float) -> float:
        total = 0.0
        with torch.no_grad():
            net.mix.fill_(mix)
            for im in images:
                x = torch.from_numpy(im.lr).permute(2, 0, 1)[None].float() / 255
                t = torch.from_numpy(im.hr).permute(2, 0, 1)[None].float() / 255
                d = torch_rgb_to_ycbcr(net(x))[:, 0] - torch_rgb_to_ycbcr(t)[:, 0]
                total += float((d[..., 2:-2, 2:-2] ** 2).sum())
        return total

    assert loss(best) < loss(best - 0.05) and loss(best) < loss(best + 0.05)


def test_wrong_parts_are_refused(tmp_path):
    sp, fp = _parts(tmp_path)
    with pytest.raises(ValueError, match="span"):
        compose(fp, fp, 2)
    with pytest.raises(ValueError, match="x3"):
        compose(sp, fp, 3)


def test_command_line_file_trains_on_from_the_same_function(tmp_path, capsys):
    sp, fp = _parts(tmp_path)
    dest = tmp_path / "q.safetensors"
    assert main([str(sp), str(fp), str(dest), "--mix", "0.3"]) == 0
    assert "wrote" in capsys.readouterr().out
    meta = read_metadata(dest)
    assert meta["arch"] == "span_fast" and meta["role"] == "quality"
    assert meta["config"]["deploy"] is True and meta["composed_from"]["mix"] == 0.3
    composed = LoadedModel.from_file(dest).module.eval()
    # fine-tuning it (as recipes/quality_xN.toml does) expands both parts' branches
    module, _spec, full = build_network(ModelConfig(arch="span_fast", scale=2,
                                                    init_from=str(dest),
                                                    config={"fast_reparam": 4}))
    assert full["deploy"] is False and full["fast_reparam"] == 4 and full["num_feats"] == 8
    assert load_init_weights(module, dest) == []
    x = torch.rand(1, 3, 11, 13)
    with torch.no_grad():
        torch.testing.assert_close(module.eval()(x), composed(x), rtol=0, atol=1e-5)
