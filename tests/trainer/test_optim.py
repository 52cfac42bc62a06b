"""Schedules, EMA, checkpoint files and export."""

from __future__ import annotations

import pytest
import torch

from engine.errors import ModelFileError
from engine.models.descriptor import LoadedModel
from trainer.checkpoint import load_checkpoint, save_checkpoint
from trainer.config import OptimConfig
from trainer.export import export_weights
from trainer.optim import EMA, lr_factor


def test_warmup_then_cosine_and_step():
    cfg = OptimConfig(lr=1.0, warmup_steps=4, schedule="cosine", min_lr=0.1)
    f = [lr_factor(s, cfg, 14) for s in range(15)]
    assert f[:4] == [0.25, 0.5, 0.75, 1.0]
    assert f[4] == pytest.approx(1.0) and f[9] == pytest.approx(0.55)
    assert f[14] == pytest.approx(0.1) and all(a >= b for a, b in zip(f[3:], f[4:]))
    step = OptimConfig(lr=1.0, schedule="step", step_size=3, gamma=0.5)
    assert [lr_factor(s, step, 10) for s in (0, 2, 3, 6)] == [1.0, 1.0, 0.5, 0.25]


def test_ema_tracks_weights():
    m = torch.nn.Linear(2, 2)
    ema = EMA(m, decay=0.5)
    with torch.no_grad():
        m.weight.fill_(1.0)
    for _ in range(30):
        ema.update(m)
    assert torch.allclose(ema.module.weight, m.weight, atol=1e-6)
    assert not any(p.requires_grad for p in ema.module.parameters())


def test_checkpoint_round_trip_and_corrupt_file(tmp_path):
    p = save_checkpoint(tmp_path / "last.pt", {"step": 3, "t": torch.arange(3)})
    ck = load_checkpoint(p)
    assert ck["step"] == 3 and torch.equal(ck["t"], torch.arange(3))
    assert not [f for f in tmp_path.iterdir() if ".part" in f.name]  # no temp left
    (tmp_path / "bad.pt").write_bytes(b"garbage")
    with pytest.raises(ModelFileError, match="unreadable checkpoint"):
        load_checkpoint(tmp_path / "bad.pt")


def test_export_module_loads_back(tmp_path):
    from engine.archs.registry import build
    net = build("fsrcnn_ps", 3, num_channels=1, d=8, s=4, m=1)
    path = export_weights(net, tmp_path / "m.safetensors", arch="fsrcnn_ps", scale=3,
                          config={"d": 8, "s": 4, "m": 1}, num_channels=1, name="tiny",
                          metrics={"Set5": {"psnr_y": 30.0}})
    loaded = LoadedModel.from_file(path)
    assert loaded.scale == 3 and loaded.num_channels == 1 and loaded.name == "tiny"
    assert loaded.metadata["params"] == sum(p.numel() for p in net.parameters())
    for k, v in net.state_dict().items():
        assert torch.equal(loaded.module.state_dict()[k], v)
    with pytest.raises(ModelFileError, match="do not fit"):
        export_weights(net, tmp_path / "x.safetensors", arch="fsrcnn_ps", scale=2,
                       config={"d": 16, "s": 4, "m": 1}, num_channels=1)


def test_cosine_follows_the_clock_when_it_is_ahead_of_the_steps():
    cfg = OptimConfig(lr=1.0, warmup_steps=2, schedule="cosine")
    assert lr_factor(1, cfg, 100, time_fraction=0.9) == 1.0  # warm-up is by steps
    assert lr_factor(52, cfg, 102, time_fraction=0.0) == pytest.approx(0.5)
    assert lr_factor(2, cfg, 102, time_fraction=0.5) == pytest.approx(0.5)
    assert lr_factor(2, cfg, 102, time_fraction=1.0) == pytest.approx(0.0)
    # steps further along than the clock: the steps decide
    assert lr_factor(102, cfg, 102, time_fraction=0.1) == pytest.approx(0.0)


def test_a_full_disk_keeps_the_previous_checkpoint(tmp_path, monkeypatch):
    import errno

    from engine.errors import DiskFullError

    p = save_checkpoint(tmp_path / "last.pt", {"step": 1})

    def full(obj, f, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(torch, "save", full)
    with pytest.raises(DiskFullError, match="disk is full"):
        save_checkpoint(p, {"step": 2})
    monkeypatch.undo()
    assert load_checkpoint(p)["step"] == 1
    assert [f.name for f in tmp_path.iterdir()] == ["last.pt"]
