"""`srstudio serve --cluster auto`: a real server process whose jobs run on the local Ray
instance it starts (2 CPUs here): a picture comes back byte for byte as the local run
writes it, the queue still bounds the jobs, progress events come as locally, and DELETE of
a running job stops the cluster worker that computes it."""

from __future__ import annotations

import base64
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli.main import main
from tests.cluster.procs import kill_session, session_pids, workers
from tests.conftest import REPO, save_tiny_model

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from tests.server.conftest import png_bytes  # noqa: E402


def _serving(proc: subprocess.Popen, log: Path, timeout_s: float = 240) -> str:
    """The server's URL once it says so; a skip when Ray cannot start here."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        text = log.read_text()
        m = re.search(r"serving on (http://127\.0\.0\.1:\d+)/", text)
        if m:
            return m.group(1)
        if proc.poll() is not None:
            line = next((ln for ln in text.splitlines() if "cannot start a local Ray" in ln),
                        None)
            if line:
                pytest.skip(line)
            pytest.fail(f"the server exited {proc.returncode}:\n{text[-3000:]}")
        time.sleep(0.1)
    pytest.fail(f"the server did not start:\n{log.read_text()[-3000:]}")


def _wait(what: str, ok, timeout_s: float = 120):  # noqa: ANN001 - a predicate
    deadline = time.monotonic() + timeout_s
    while True:
        v = ok()
        if v:
            return v
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM and /proc")
def test_serve_on_the_cluster_answers_as_locally_and_delete_stops_the_worker(tmp_path,
                                                                             monkeypatch):
    pytest.importorskip("ray")
    for var, sub in (("SRSTUDIO_MODELS_DIR", "shipped"), ("SRSTUDIO_USER_MODELS_DIR", "user")):
        (tmp_path / sub).mkdir()
        monkeypatch.setenv(var, str(tmp_path / sub))
    save_tiny_model(tmp_path / "shipped", "tiny_x2", scale=2, role="fast")
    src = tmp_path / "a.png"
    src.write_bytes(png_bytes(24, 32, seed=3))
    assert main(["upscale", str(src), "-o", str(tmp_path / "local"), "-m", "tiny_x2", "-s",
                 "2", "--quiet"]) == 0
    want = (tmp_path / "local" / "a_x2_tiny_x2.png").read_bytes()

    log = tmp_path / "serve.log"
    with open(log, "w") as f:
        proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--port", "0",
                                 "--cluster", "auto", "--cluster-workers", "2",
                                 "--queue-size", "1"], cwd=REPO, stderr=f,
                                start_new_session=True)
    try:
        url = _serving(proc, log)
        with httpx.Client(base_url=url, timeout=180) as c:
            assert c.get("/health").json()["devices"] == ["cluster auto"]
            r = c.post("/picture", json={"DATA": base64.b64encode(src.read_bytes()).decode(),
                                         "MODEL": "tiny_x2", "FILENAME": "a.png", "SCALE": 2})
            assert r.status_code == 200, r.text
            assert base64.b64decode(r.json()["DATA"]) == want      # the local run's bytes
            assert workers(proc.pid)              # the server's own cluster worker, warm

            # a long job on a cluster worker; one more may wait, the next is refused
            big = c.post("/jobs", files={"file": ("big.png", png_bytes(768, 768))},
                         data={"model": "tiny_x2", "scale": "2", "tile": "16"}).json()
            busy = _wait("a worker computing the job", lambda: workers(proc.pid, True))
            assert c.get(f"/jobs/{big['id']}").json()["state"] == "running"
            queued = c.post("/jobs", files={"file": ("b.png", png_bytes(seed=1))},
                            data={"model": "tiny_x2", "scale": "2"})
            assert queued.status_code == 202, queued.text
            full = c.post("/jobs", files={"file": ("c.png", png_bytes(seed=2))},
                          data={"model": "tiny_x2", "scale": "2"})
            assert full.status_code == 503 and full.headers.get("retry-after"), full.text

            t0 = time.perf_counter()
            gone = c.delete(f"/jobs/{big['id']}").json()
            assert gone["state"] == "cancelled" and gone["deleted"], gone
            _wait("the computing worker to stop", lambda: not set(busy) & set(
                session_pids(proc.pid)), timeout_s=30)
            print(f"DELETE: the worker was gone after {time.perf_counter() - t0:.2f} s")

            # the waiting job runs next (on a new worker), with the local run's events
            jid = queued.json()["id"]
            done = _wait("the queued job", lambda: (lambda j: j if j["state"] in (
                "done", "failed", "cancelled") else None)(c.get(f"/jobs/{jid}").json()))
            assert done["state"] == "done", done
            kinds = [e["type"] for e in done["events"]]
            for k in ("running", "file_started", "progress", "finished", "end"):
                assert k in kinds, kinds
            assert done["progress"]["done"] == done["progress"]["total"] == 1
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0, log.read_text()[-3000:]
        _wait("Ray to stop with the server", lambda: not session_pids(proc.pid), 30)
    finally:
        if proc.poll() is None:
            proc.kill()
        kill_session(proc.pid)
