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


# --- broken metadata: one ModelFileError line each, checked before anything is built ---
def _raw_weight_file(path, meta, tensors=None):
    """A safetensors file written by hand, so the header can say anything."""
    import json
    import struct

    header = {"__metadata__": {"srstudio": json.dumps(meta)}}
    data = b""
    for name, arr in (tensors or {}).items():
        raw = arr.numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    blob = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(blob)) + blob + data)
    return path


def _tiny_tensors(**cfg):
    from engine.archs import build
    net = build("fsrcnn_ps", 2, **{"d": 8, "s": 4, "m": 1, **cfg})
    return {k: v.detach() for k, v in net.state_dict().items()}


_TINY = {"arch": "fsrcnn_ps", "scale": 2, "config": {"d": 8, "s": 4, "m": 1},
         "num_channels": 1}


@pytest.mark.parametrize("change, words", [
    ({"scale": "two"}, "scale must be a whole number"),
    ({"scale": 2.5}, "scale must be a whole number"),
    ({"config": [8, 4, 1]}, "config must be a mapping"),
    ({"config": {"d": 8, "s": 4, "m": 1, "bogus": 3}}, "unknown config key bogus"),
    ({"config": {"d": 10**9, "s": 4, "m": 1}}, "far too large"),
    ({"config": {"d": -3, "s": 4, "m": 1}}, "d must be >= 1"),
    ({"arch": 7}, "arch must be a name"),
    ({"arch": "nosuch"}, "unknown architecture"),
    ({"num_channels": "y"}, "num_channels"),
    ({"metrics": [1, 2]}, "metrics must be a mapping"),
    ({"config": {"d": 16, "s": 4, "m": 1}}, r"body.0.bias is \[8\] in the file, \[16\]"),
])
def test_broken_metadata_is_one_line_before_building(tmp_path, monkeypatch, change, words):
    from engine.models import descriptor

    built_for_real = []
    real_build = descriptor.build

    def watch(*a, **k):
        if torch.empty(0).device.type != "meta":
            built_for_real.append(a)
        return real_build(*a, **k)

    monkeypatch.setattr(descriptor, "build", watch)
    p = _raw_weight_file(tmp_path / "bad.safetensors", {**_TINY, **change}, _tiny_tensors())
    with pytest.raises(ModelFileError, match=words) as e:
        descriptor.LoadedModel.from_file(p)
    assert "\n" not in str(e.value) and "bad.safetensors" in str(e.value)
    assert built_for_real == []


def test_a_file_without_tensors_is_refused_without_building_the_network(tmp_path, monkeypatch):
    """300 bytes claiming to be EDSR 'full' (1.2 GB) used to build and initialise it."""
    from engine.models import descriptor, weights

    monkeypatch.setattr(weights, "load_file", lambda *a, **k: pytest.fail("tensors read"))
    p = _raw_weight_file(tmp_path / "empty.safetensors",
                         {"arch": "edsr", "scale": 4, "config": {"preset": "full"},
                          "num_channels": 3})
    assert p.stat().st_size < 400
    with pytest.raises(ModelFileError, match=r"empty.safetensors: tensors do not fit edsr: "
                                             r"\d+ of its \d+ tensors missing"):
        descriptor.LoadedModel.from_file(p)


def test_a_truncated_file_is_refused_from_its_header(tmp_path):
    p = _raw_weight_file(tmp_path / "cut.safetensors", _TINY, _tiny_tensors())
    p.write_bytes(p.read_bytes()[:-100])
    with pytest.raises(ModelFileError, match="outside the file"):
        read_metadata(p)


def test_a_good_file_still_loads(tmp_path):
    from engine.models import LoadedModel
    p = _raw_weight_file(tmp_path / "ok.safetensors", _TINY, _tiny_tensors())
    m = LoadedModel.from_file(p)
    assert m.scale == 2 and m.params == sum(t.numel() for t in _tiny_tensors().values())


def test_every_architecture_builds_on_the_meta_device():
    """The shape check builds each network on 'meta'; an architecture that cannot would
    refuse all its files."""
    import engine.colorize  # noqa: F401  (registers the colorizer architectures)
    from engine.archs.registry import list_archs
    from engine.models.descriptor import expected_tensors

    for spec in list_archs(kind=None):
        shapes = expected_tensors(spec, spec.scales[0] if spec.scales else 1,
                                  dict(spec.default_config))
        assert shapes, spec.name


def test_a_bad_user_file_is_skipped_with_one_warning(tmp_path, model_dirs, caplog):
    from engine.models.registry import list_models, resolve_model
    from tests.conftest import save_tiny_model

    _shipped, user = model_dirs
    save_tiny_model(user, "good_x2")
    _raw_weight_file(user / "bad.safetensors", {**_TINY, "scale": "two"}, _tiny_tensors())
    with caplog.at_level("WARNING", logger="srstudio.models"):
        names = [m.name for m in list_models()]
        list_models()
        assert resolve_model("good_x2", None).name == "good_x2"
    assert names == ["good_x2"]
    hits = [r for r in caplog.records if "bad.safetensors" in r.getMessage()]
    assert len(hits) == 1 and "scale" in hits[0].getMessage()
