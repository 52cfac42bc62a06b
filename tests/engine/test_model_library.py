"""The model library beyond import: renaming (files and the names stored inside them),
which dropped paths are models, the hash every entry shows, and the network of a file."""

from __future__ import annotations

import json

import pytest
import torch

from engine.errors import SRStudioError, UnsupportedModelError
from tests.conftest import save_tiny_model
from tests.engine.test_third_party_models import export_foreign_onnx, save_net

pytest.importorskip("spandrel")


@pytest.fixture
def lib(tmp_path, monkeypatch, model_dirs):
    monkeypatch.setenv("SRSTUDIO_CACHE_DIR", str(tmp_path / "cache"))
    shipped, user = model_dirs
    return shipped, user


def names():
    from engine.models.registry import list_models
    return {m.name: m for m in list_models()}


def test_rename_a_spandrel_file_renames_it_and_keeps_its_facts(lib, tmp_path, monkeypatch):
    from engine.models import sources
    from engine.models.library import import_files, rename_model
    _, user = lib
    import_files([save_net(tmp_path, "Compact")])
    before = names()["compact"].metadata

    def boom(*_a):
        raise AssertionError("measured again: the facts are keyed by the file's hash")
    monkeypatch.setattr(sources, "measure_facts", boom)
    info = rename_model("COMPACT", "4x-Compact_v1.0")
    assert info.name == "4x-Compact_v1.0" and info.path == user / "4x-Compact_v1.0.pth"
    assert not (user / "compact.pth").exists()
    listed = names()
    assert "compact" not in listed and listed["4x-Compact_v1.0"].scale == 4
    assert listed["4x-Compact_v1.0"].metadata["sha256"] == before["sha256"]


def test_rename_our_weight_file_rewrites_the_name_in_its_header(lib):
    from engine.models.descriptor import LoadedModel
    from engine.models.header import read_metadata
    from engine.models.library import rename_model
    _, user = lib
    src = save_tiny_model(user, "mine_x2")
    tensors = LoadedModel.from_file(src).module.state_dict()
    info = rename_model("mine_x2", "sharp_x2")
    assert info.name == "sharp_x2" and info.path == user / "sharp_x2.safetensors"
    assert not src.exists() and read_metadata(info.path)["name"] == "sharp_x2"
    again = LoadedModel.from_file(info.path)   # the tensors are untouched
    assert all(torch.equal(v, again.module.state_dict()[k]) for k, v in tensors.items())
    assert set(names()) == {"sharp_x2"}


def test_rename_our_onnx_export_rewrites_its_metadata(lib, tmp_path):
    pytest.importorskip("onnx")
    from engine.inference.onnx_export import export_onnx
    from engine.models.descriptor import LoadedModel
    from engine.models.library import rename_model
    _, user = lib
    weights = save_tiny_model(tmp_path, "exported_x2")
    export_onnx(LoadedModel.from_file(weights), user / "exported_x2.onnx")
    assert "exported_x2" in names()
    info = rename_model("exported_x2", "renamed_x2")
    assert info.name == "renamed_x2" and (user / "renamed_x2.onnx").is_file()
    assert set(names()) == {"renamed_x2"}


def test_rename_refuses_bad_taken_reserved_and_shipped_names(lib, tmp_path):
    from engine.models.library import import_files, rename_model
    shipped, user = lib
    save_tiny_model(shipped, "fast_x2")
    save_tiny_model(user, "mine_x2")
    cases = {("mine_x2", "fast_x2"): "already exists", ("mine_x2", "bicubic"): "resizer",
             ("mine_x2", "auto"): "role", ("mine_x2", "a b"): "cannot be a model name",
             ("mine_x2", "x.pth"): "cannot be a model name", ("mine_x2", ""): "cannot be",
             ("mine_x2", "../up"): "cannot be", ("fast_x2", "other"): "shipped",
             ("nothing", "other"): "no user model"}
    for (old, new), words in cases.items():
        with pytest.raises(SRStudioError) as e:
            rename_model(old, new)
        assert words in str(e.value) and "\n" not in str(e.value), (old, new, e.value)
    assert set(names()) == {"fast_x2", "mine_x2"}
    assert import_files([]) == ([], [])


def test_split_model_paths_tells_models_from_pictures(tmp_path):
    from PIL import Image

    from engine.models.library import split_model_paths
    upscayl = tmp_path / "custom-models"
    upscayl.mkdir()
    for name in ("a.param", "a.bin", "b.param", "b.bin"):
        (upscayl / name).write_bytes(b"x")
    photos = tmp_path / "photos"
    photos.mkdir()
    Image.new("RGB", (4, 4)).save(photos / "p.png")
    (photos / "stray.pth").write_bytes(b"x")
    empty = tmp_path / "empty"
    empty.mkdir()
    pair = tmp_path / "pair"
    pair.mkdir()
    (pair / "m.param").write_bytes(b"x")
    (pair / "m.bin").write_bytes(b"x")
    png = photos / "p.png"
    models, others = split_model_paths(
        [upscayl, photos, empty, png, tmp_path / "x.pth", tmp_path / "y.safetensors",
         tmp_path / "z.onnx", pair / "m.param", pair / "m.bin", tmp_path / "lonely.bin",
         tmp_path / "clip.mp4"])
    assert models == [upscayl, tmp_path / "x.pth", tmp_path / "y.safetensors",
                      tmp_path / "z.onnx", pair / "m.param", tmp_path / "lonely.bin"]
    assert others == [photos, empty, png, tmp_path / "clip.mp4"]


def test_a_lone_bin_and_a_non_model_file_get_one_line(lib, tmp_path):
    from engine.models.library import import_files
    (tmp_path / "lonely.bin").write_bytes(b"\0" * 64)
    (tmp_path / "notes.txt").write_text("hi")
    done, errors = import_files([tmp_path / "lonely.bin", tmp_path / "notes.txt"])
    assert done == [] and len(errors) == 2
    assert "lonely.param is not beside it" in errors[0]
    assert "notes.txt" in errors[1] and "not a model file" in errors[1]


def test_library_entry_has_every_files_hash(lib, tmp_path):
    from engine.models.foreign_files import file_digest
    from engine.models.library import import_files, library_entry
    from engine.models.registry import list_models
    shipped, _ = lib
    ours = save_tiny_model(shipped, "fast_x2")
    import_files([save_net(tmp_path, "Compact", ".safetensors")])
    entries = {e["name"]: e for e in map(library_entry, list_models())}
    assert entries["fast_x2"]["sha256"] == file_digest(ours)
    assert entries["fast_x2"]["format"] == "srstudio" and entries["fast_x2"]["backends"]
    c = entries["compact"]
    assert c["format"] == "spandrel" and c["author"] == "Test Author" and c["sha256"]
    json.dumps(entries)   # what `models --json` prints


def test_load_network_of_ours_and_spandrels_and_not_of_onnx(lib, tmp_path):
    pytest.importorskip("onnxruntime")
    from engine.models.network_file import load_network
    assert load_network(save_tiny_model(tmp_path, "t_x2")).spec.name == "fsrcnn_ps"
    net = load_network(save_net(tmp_path, "SPAN"))
    assert net.scale == 2 and net.spec.name == "SPAN"
    with pytest.raises(UnsupportedModelError, match="an onnx model, not a PyTorch one"):
        load_network(export_foreign_onnx(tmp_path / "f.onnx"))
