"""trainer.bench times the trainer's own step on a recipe and writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.trainer.conftest import tiny_overrides
from trainer import bench


def test_bench_times_the_real_step_and_writes_nothing(data_dirs, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    out = tmp_path / "would_be_run"
    args = [a for item in tiny_overrides(data_dirs, out, optim__ema=0.9)
            for a in ("--set", item)]
    bench.main(["--steps", "3", *args])
    text = capsys.readouterr().out
    assert re.search(r"^6 images loaded in .*device cpu$", text, re.M)
    assert re.search(r"^data only: [\d.]+ batches/s", text, re.M)
    assert re.search(r"^train: [\d.]+ steps/s .*batch 8, patch 32, fsrcnn_ps x2$", text, re.M)
    assert not out.exists()


def test_bench_rejects_a_broken_config(data_dirs, tmp_path: Path) -> None:
    from engine.errors import ConfigError
    args = [a for item in tiny_overrides(data_dirs, tmp_path / "o", optim__lr=-1)
            for a in ("--set", item)]
    with pytest.raises(ConfigError, match="optim.lr"):
        bench.main(["--steps", "1", *args])
