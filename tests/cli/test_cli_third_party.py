"""``srstudio upscale --model FILE.pth`` and ``srstudio models import/remove/--json`` with
third-party model files made by the test (spandrel networks, random weights)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
import torch
from PIL import Image

from app.cli.main import main
from tests.conftest import REPO, photo_like

pytest.importorskip("spandrel")


def compact_pth(folder, scale: int = 2):
    from spandrel.architectures.Compact import Compact
    torch.manual_seed(0)
    net = Compact(num_in_ch=3, num_out_ch=3, num_feat=8, num_conv=2, upscale=scale)
    path = folder / f"tiny_compact_x{scale}.pth"
    torch.save(net.state_dict(), path)
    return path


@pytest.fixture
def env(tmp_path, model_dirs, monkeypatch):
    monkeypatch.setenv("SRSTUDIO_CACHE_DIR", str(tmp_path / "cache"))
    return {**os.environ, "SRSTUDIO_CACHE_DIR": str(tmp_path / "cache")}


def test_upscale_with_a_pth_file_runs_the_real_command(tmp_path, env):
    model = compact_pth(tmp_path)
    src = tmp_path / "photo.png"
    Image.fromarray(photo_like(30, 40)).save(src)
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "app.cli", "upscale", str(src), "--model",
                        str(model), "-o", str(out), "--device", "cpu", "--tile", "16",
                        "--quiet"], cwd=REPO, env=env, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    (result,) = out.iterdir()
    assert "tiny_compact_x2" in result.name
    assert np.asarray(Image.open(result)).shape == (60, 80, 3)


def test_a_malicious_pickle_is_one_error_line_and_runs_nothing(tmp_path, env):
    marker = tmp_path / "MARKER"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))
    bad = tmp_path / "evil.pth"
    torch.save({"params": Evil()}, bad)
    src = tmp_path / "photo.png"
    Image.fromarray(photo_like(8, 8)).save(src)
    r = subprocess.run([sys.executable, "-m", "app.cli", "upscale", str(src), "--model",
                        str(bad), "--quiet"], cwd=REPO, env=env, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode != 0
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "refused" in lines[0], r.stderr
    assert not marker.exists()


def test_models_import_list_remove(tmp_path, env, model_dirs, capsys):
    _, user = model_dirs
    model = compact_pth(tmp_path, scale=4)
    (tmp_path / "empty.pth").write_bytes(b"")
    assert main(["models", "import", str(model), str(tmp_path / "empty.pth")]) != 0
    cap = capsys.readouterr()
    assert "imported tiny_compact_x4: Compact x4" in cap.out
    assert "empty.pth" in cap.err and len(cap.err.strip().splitlines()) == 1
    assert (user / model.name).is_file()
    assert main(["models", "--json"]) == 0
    listed = {m["name"]: m for m in json.loads(capsys.readouterr().out)["models"]}
    m = listed["tiny_compact_x4"]
    assert (m["architecture"], m["scale"], m["format"], m["source"]) == \
        ("Compact", 4, "spandrel", "user")
    assert m["sha256"] and m["parameters"] > 0 and m["backends"] == ["torch", "onnx"]
    assert main(["models", "remove", "tiny_compact_x4"]) == 0
    assert not (user / model.name).exists()
    assert main(["models", "remove", "tiny_compact_x4"]) != 0


def test_export_onnx_of_an_imported_spandrel_model_runs_the_real_command(tmp_path, env,
                                                                         model_dirs):
    """`models import` a .pth, then `export-onnx NAME`: the ONNX file gives the network's
    own output (ONNX Runtime against spandrel's module in torch)."""
    ort = pytest.importorskip("onnxruntime")
    model = compact_pth(tmp_path)
    run = [sys.executable, "-m", "app.cli"]
    r = subprocess.run(run + ["models", "import", str(model)], cwd=REPO, env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "compact.onnx"
    r = subprocess.run(run + ["export-onnx", "tiny_compact_x2", "-o", str(out)], cwd=REPO,
                       env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "tiny_compact_x2 x2 ->" in r.stdout and out.is_file()
    from engine.models.spandrel_source import load_spandrel
    net = load_spandrel(model).module
    x = torch.rand(1, 3, 23, 31)
    with torch.no_grad():
        ref = net(x).clamp(0, 1).numpy()
    sess = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    got = sess.run(None, {sess.get_inputs()[0].name: x.numpy()})[0]
    assert got.shape == (1, 3, 46, 62) and float(np.abs(got.clip(0, 1) - ref).max()) < 1e-4
    # an ONNX file has no network to export: one line, not a header error
    r = subprocess.run(run + ["export-onnx", str(out), "-o", str(tmp_path / "again.onnx")],
                       cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode != 0 and "not a PyTorch one" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_models_rename(tmp_path, env, model_dirs, capsys):
    _, user = model_dirs
    model = compact_pth(tmp_path)
    assert main(["models", "import", str(model)]) == 0
    assert main(["models", "rename", "tiny_compact_x2", "my_compact"]) == 0
    assert "renamed tiny_compact_x2 -> my_compact" in capsys.readouterr().out
    assert (user / "my_compact.pth").is_file() and not (user / model.name).exists()
    assert main(["models", "rename", "my_compact", "bicubic"]) != 0
    err = capsys.readouterr().err
    assert "resizer" in err and len(err.strip().splitlines()) == 1
    assert main(["models", "rename", "my_compact"]) != 0
    assert "OLD NEW" in capsys.readouterr().err
    assert main(["models", "--json"]) == 0
    listed = {m["name"] for m in json.loads(capsys.readouterr().out)["models"]}
    assert "my_compact" in listed and "tiny_compact_x2" not in listed
