"""Networks run channels-last on x86 CPUs (faster there: bench/memory_format.py) and give
the same pictures as in the default layout."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import engine.devices as devices
from engine.archs.registry import build
from engine.devices import memory_format_for
from engine.inference import TorchUpscaler
from engine.models.descriptor import LoadedModel


@pytest.mark.parametrize(("machine", "device", "expected"), [
    ("x86_64", "cpu", torch.channels_last),
    ("AMD64", "cpu", torch.channels_last),
    ("arm64", "cpu", torch.contiguous_format),
    ("x86_64", "cuda", torch.contiguous_format),
    ("x86_64", "mps", torch.contiguous_format),
])
def test_memory_format_rule(monkeypatch, machine, device, expected):
    monkeypatch.setattr(devices.platform, "machine", lambda: machine)
    monkeypatch.setattr(torch.backends.mkldnn, "is_available", lambda: True)
    assert memory_format_for(torch.device(device)) == expected


def test_without_onednn_the_cpu_keeps_the_default_layout(monkeypatch):
    monkeypatch.setattr(devices.platform, "machine", lambda: "x86_64")
    monkeypatch.setattr(torch.backends.mkldnn, "is_available", lambda: False)
    assert memory_format_for(torch.device("cpu")) == torch.contiguous_format


@pytest.mark.parametrize(("arch", "cfg"), [("fsrcnn_ps", {"d": 16, "s": 8, "m": 2}),
                                           ("span", {"num_feats": 8, "num_blocks": 2})])
def test_upscaler_output_is_the_same_in_either_layout(arch, cfg):
    torch.manual_seed(0)
    module = build(arch, 2, **cfg)
    tile = np.random.default_rng(1).random((1, 20, 24, 3), dtype=np.float32)
    up = TorchUpscaler(LoadedModel.from_module(module, arch=arch, scale=2, config=cfg),
                       "cpu", "fp32")
    weights = [p for p in up.module.parameters() if p.dim() == 4]
    layout = memory_format_for(torch.device("cpu"))
    assert all(p.is_contiguous(memory_format=layout) for p in weights)
    picked = up(tile)
    up.module.to(memory_format=torch.contiguous_format)
    plain = up(tile)
    assert picked.shape == plain.shape == (1, 40, 48, 3)
    np.testing.assert_allclose(picked, plain, atol=1e-5)
