"""The real `srstudio serve` command in a subprocess: starts, answers, stops on SIGTERM
with exit 0 and its temporary folder removed."""

from __future__ import annotations

import base64
import os
import re
import signal
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import REPO, save_tiny_model
from tests.server.conftest import decode, png_bytes


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_srstudio_serve_answers_the_phone_app_and_stops_cleanly_on_sigterm(tmp_path):
    shipped, user, tmp = tmp_path / "shipped", tmp_path / "user", tmp_path / "tmp"
    for d in (user, tmp):
        d.mkdir()
    save_tiny_model(shipped, "tiny_x2", scale=2, role="fast")
    env = dict(os.environ, SRSTUDIO_MODELS_DIR=str(shipped), SRSTUDIO_USER_MODELS_DIR=str(user),
               TMPDIR=str(tmp))
    token_file = tmp_path / "token"
    token_file.write_text("t0ken\n")
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--port", "0",
                             "--token-file", str(token_file)], cwd=REPO, env=env,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        m = re.search(r"serving on (http://127\.0\.0\.1:\d+)/", line)
        assert m, line
        with httpx.Client(base_url=m.group(1), timeout=60,
                          headers={"Authorization": "Bearer t0ken"}) as c:
            r = c.post("/picture", json={"DATA": base64.b64encode(png_bytes()).decode(),
                                         "MODEL": "fast", "FILENAME": "a.png", "SCALE": 2})
            assert r.status_code == 200, r.text
            assert decode(base64.b64decode(r.json()["DATA"])).shape == (48, 64, 3)
            job = c.post("/jobs", files={"file": ("b.png", png_bytes())},
                         data={"model": "fast", "scale": "2"}).json()
            while c.get(f"/jobs/{job['id']}").json()["state"] != "done":
                time.sleep(0.05)
            # a long job running when SIGTERM comes: cancelled, the server still exits 0
            big = c.post("/jobs", files={"file": ("big.png", png_bytes(768, 768))},
                         data={"model": "fast", "scale": "2", "tile": "16"}).json()
            while c.get(f"/jobs/{big['id']}").json()["progress"].get("done", 0) < 1:
                time.sleep(0.02)
        assert any(p.name.startswith("srstudio-serve-") for p in tmp.iterdir())
        t0 = time.perf_counter()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0, proc.stderr.read()
        print(f"SIGTERM with a job running: exited after {time.perf_counter() - t0:.2f} s")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    left = [p.name for p in tmp.iterdir() if not p.name.startswith("torchinductor")]
    assert left == [], "the server left temporary files"


def test_the_server_imports_no_qt_and_the_cli_no_fastapi():
    """The server is a driver like the CLI (no Qt); plain `srstudio` commands must not pay
    for FastAPI, which only `serve` imports."""
    code = ("import sys, app.server.api, app.server.cli; "
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))]; "
            "from app.cli.main import build_parser; build_parser(); "
            "print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
    code = ("import sys; from app.cli.main import build_parser; build_parser(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('fastapi', 'uvicorn', 'starlette')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr


LEAN_SERVER = """
import importlib.abc, sys
class NoTorch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "torchvision", "spandrel", "trainer"):
            raise ModuleNotFoundError(f"No module named {name!r} (lean build)", name=name)
        return None
sys.meta_path.insert(0, NoTorch())
import base64, httpx
from tests.server.conftest import png_bytes, start_server
live = start_server()
r = httpx.post(live.url + "/picture", timeout=120, json={
    "DATA": base64.b64encode(png_bytes()).decode(), "MODEL": "fast", "SCALE": 2})
live.stop()
print(r.status_code, r.json().get("FILENAME") or r.text)
"""


def test_the_server_runs_without_torch_on_onnx_models(tmp_path):
    """The lean build (no PyTorch) serves too: ONNX Runtime runs the shipped ONNX exports."""
    from engine.inference.onnx_export import export_onnx
    from engine.models.descriptor import LoadedModel
    shipped, user = tmp_path / "models_onnx", tmp_path / "user"
    shipped.mkdir()
    user.mkdir()
    save_tiny_model(tmp_path, "tiny_x2", scale=2, role="fast")
    export_onnx(LoadedModel.from_file(tmp_path / "tiny_x2.safetensors"), shipped / "tiny_x2.onnx")
    env = dict(os.environ, SRSTUDIO_MODELS_DIR=str(shipped), SRSTUDIO_USER_MODELS_DIR=str(user),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    out = subprocess.run([sys.executable, "-c", LEAN_SERVER], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["200", "upload_x2_tiny_x2.png"], out.stdout + out.stderr[-800:]
