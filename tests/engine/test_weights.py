from __future__ import annotations

import os

import pytest
import torch

from engine.errors import ModelFileError
from engine.models.weights import load_weights, read_metadata, save_weights


def test_round_trip_keeps_tensors_and_metadata(tmp_path):
    sd = {"a.weight": torch.randn(3, 4), "b.bias": torch.arange(5.0)}
    meta = {"arch": "x", "scale": 2, "config": {"d": 8}, "num_channels": 1,
            "metrics": {"Set5": {"psnr_y": 37.1}}}
    old = os.umask(0o022)
    try:
        p = save_weights(tmp_path / "m.safetensors", sd, meta)
    finally:
        os.umask(old)
    got, m = load_weights(p)
    assert torch.equal(got["a.weight"], sd["a.weight"])
    assert m["metrics"]["Set5"]["psnr_y"] == 37.1 and m["format"] == 1
    assert read_metadata(p)["config"] == {"d": 8}
    assert not [f for f in tmp_path.iterdir() if ".part" in f.name]  # no temp left
    assert p.stat().st_mode & 0o777 == 0o644  # follows the umask, not mkstemp's 0600


def test_missing_metadata_is_refused(tmp_path):
    with pytest.raises(ModelFileError, match="lacks"):
        save_weights(tmp_path / "m.safetensors", {"a": torch.zeros(1)}, {"arch": "x"})


@pytest.mark.parametrize("payload", [b"", b"\x00" * 3, b"not a weight file at all, a pickle?"])
def test_corrupt_files_give_one_line_errors(tmp_path, payload):
    p = tmp_path / "bad.safetensors"
    p.write_bytes(payload)
    with pytest.raises(ModelFileError) as e:
        load_weights(p)
    assert "\n" not in str(e.value) and "bad.safetensors" in str(e.value)


def test_pickle_is_never_loaded(tmp_path):
    p = tmp_path / "evil.safetensors"
    torch.save({"a": torch.zeros(1)}, p)  # a pickle with a misleading name
    with pytest.raises(ModelFileError):
        load_weights(p)
