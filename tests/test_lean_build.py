"""The lean build (SR Studio without PyTorch) from source: the CLI runs with torch blocked.

A subprocess puts a ``sys.meta_path`` finder first that refuses torch, torchvision,
spandrel and the trainer (what ``packaging/srstudio.spec`` leaves out of the lean build),
then runs ``srstudio`` on shipped models that are ONNX exports, as the build ships them
(``scripts/build.py models``).  Any import of torch on that path fails the run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.inference.onnx_export import export_onnx
from engine.io import write_image
from engine.io.image import ImageData
from engine.models.descriptor import LoadedModel

REPO = Path(__file__).resolve().parents[1]
BLOCKED = ("torch", "torchvision", "spandrel", "trainer")
RUNNER = f"""
import importlib.abc, sys
class NoTorch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {BLOCKED!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (lean build)", name=name)
        return None
sys.meta_path.insert(0, NoTorch())
from app.cli.main import main
code = main(sys.argv[1:])
leaked = sorted(m for m in sys.modules if m.split(".")[0] in {BLOCKED!r})
assert not leaked, leaked
sys.exit(code)
"""


@pytest.fixture(scope="module")
def lean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A shipped-models folder of ONNX exports (fast x2 and x4, as the build makes them),
    empty user and cache folders, and a small input picture."""
    root = tmp_path_factory.mktemp("lean")
    shipped = root / "models_onnx"
    shipped.mkdir()
    for stem in ("fast_x2", "fast_x4"):
        export_onnx(LoadedModel.from_file(REPO / "resources" / "models" / f"{stem}.safetensors"),
                    shipped / f"{stem}.onnx")
    rng = np.random.default_rng(0)
    write_image(root / "in.png", ImageData(rng.integers(0, 256, (24, 32, 3), np.uint8)))
    return {"root": root, "shipped": shipped, "input": root / "in.png"}


def run_lean(lean: dict[str, Path], *args: str) -> subprocess.CompletedProcess[str]:
    """``srstudio ARGS`` with torch blocked, on the lean models, in fresh user folders."""
    env = {**os.environ, "SRSTUDIO_MODELS_DIR": str(lean["shipped"]),
           "SRSTUDIO_USER_MODELS_DIR": str(lean["root"] / "user"),
           "SRSTUDIO_CACHE_DIR": str(lean["root"] / "cache"), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", RUNNER, *args], capture_output=True,
                          text=True, env=env, cwd=lean["root"], timeout=300)


def test_upscale_runs_an_onnx_model_without_torch(lean: dict[str, Path]) -> None:
    out = lean["root"] / "out.png"
    r = run_lean(lean, "upscale", str(lean["input"]), "-m", "fast", "-s", "2",
                 "-o", str(out))
    assert r.returncode == 0, r.stderr
    from engine.io import read_image
    assert read_image(out).pixels.shape == (48, 64, 3)
    # x8 through a chain of the two ONNX models, backend auto (which is onnx here)
    r = run_lean(lean, "upscale", str(lean["input"]), "-m", "auto", "-s", "8",
                 "-o", str(lean["root"] / "out8.png"))
    assert r.returncode == 0, r.stderr
    assert read_image(lean["root"] / "out8.png").pixels.shape == (192, 256, 3)


def test_models_lists_the_onnx_exports_with_their_roles(lean: dict[str, Path]) -> None:
    r = run_lean(lean, "models", "--json")
    assert r.returncode == 0, r.stderr
    models = {m["name"]: m for m in json.loads(r.stdout)["models"]}
    assert set(models) == {"fast_x2", "fast_x4"}
    assert models["fast_x2"]["role"] == "fast" and models["fast_x2"]["format"] == "onnx"
    assert models["fast_x2"]["metrics"]["Set5"]["psnr_y"] > 30


def test_selftest_passes_without_torch(lean: dict[str, Path]) -> None:
    r = run_lean(lean, "selftest", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    checks = json.loads(r.stdout)["checks"]
    names = {c["name"] for c in checks if c["area"] == "model"}
    assert names == {"fast_x2 onnx auto", "fast_x4 onnx auto"}
    assert any(c["area"] == "video" and c["ok"] for c in checks)
    assert all(c["ok"] for c in checks)


def test_torch_features_say_they_need_the_full_build(lean: dict[str, Path]) -> None:
    pth = lean["root"] / "esrgan.pth"
    pth.write_bytes(b"PK\x03\x04 not really a checkpoint")
    for args in (("train", "recipes/photo_x2.toml"), ("models", "import", str(pth)),
                 ("upscale", str(lean["input"]), "-m", "fast", "-s", "2", "--backend",
                  "torch", "-o", str(lean["root"] / "t.png"))):
        r = run_lean(lean, *args)
        assert r.returncode != 0, args
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert "Traceback" not in r.stderr, r.stderr
        assert len(lines) == 1, r.stderr
        assert "full build" in lines[0] or "runs on onnx" in lines[0], lines[0]
