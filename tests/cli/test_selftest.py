"""`srstudio selftest`, run as a user runs it: a table, exit 0; a broken model: exit 1."""

from __future__ import annotations

import json

from app.cli.main import main
from tests.conftest import save_tiny_model


def test_selftest_checks_models_formats_and_video(capsys, model_dirs):
    shipped, _ = model_dirs
    save_tiny_model(shipped, "tiny_x2", role="fast")
    assert main(["selftest"]) == 0
    out = capsys.readouterr().out
    assert "ok   model   tiny_x2 torch cpu" in out
    assert "ok   format  TIFF 16-bit" in out and "ok   format  PNG + alpha" in out
    assert "frames, audio kept" in out
    assert "0 failed" in out.splitlines()[-1]


def test_selftest_fails_on_a_model_that_outputs_garbage(capsys, model_dirs):
    import torch

    from engine.models.weights import load_weights, save_weights
    shipped, _ = model_dirs
    path = save_tiny_model(shipped, "broken_x2", role="fast")
    tensors, meta = load_weights(path)
    save_weights(path, {k: torch.full_like(v, 1e6) for k, v in tensors.items()}, meta)
    assert main(["selftest", "--skip", "video", "--skip", "formats", "--json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    bad = [r for r in rows["checks"] if not r["ok"]]
    assert rows["failed"] == len(bad) >= 1
    assert all(r["name"].startswith("broken_x2") for r in bad)
    assert any("dB from bicubic" in r["detail"] for r in bad)
