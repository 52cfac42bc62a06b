"""A video job whose driver dies (SIGKILL of ``srstudio upscale --cluster auto``) resumes
from the segments it had finished: the same command again computes only the others, and
the output equals the local run frame for frame, with its audio."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from app.cli.main import main
from tests.cluster.procs import kill_session
from tests.cluster.test_cluster import _decoded
from tests.conftest import REPO, save_tiny_model

SEGMENTS = 6
FPS = 6           # one segment a second (--segment-seconds 1): 6 frames each


def _done(work: Path) -> dict[str, tuple[int, int]]:
    """The segments the work folder records as finished (in the manifest, or stashed
    ahead of it), with their files' (inode, mtime)."""
    names: list[str] = []
    try:
        names += [s["file"] for s in
                  json.loads((work / "manifest.json").read_text())["segments"]]
        names += [json.loads(p.read_text())["file"] for p in work.glob("seg*.ahead.json")]
    except (OSError, ValueError, KeyError):
        return {}
    out = {}
    for n in names:
        try:
            st = (work / n).stat()
        except OSError:
            continue
        out[n] = (st.st_ino, st.st_mtime_ns)
    return out


def _skip_without_ray(log: str) -> None:
    """Skip, with the driver's own line, where a local Ray instance cannot start."""
    line = next((ln for ln in log.splitlines() if "cannot start a local Ray" in ln), None)
    if line:
        pytest.skip(line)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and /proc")
def test_a_killed_driver_resumes_from_the_segments_it_had_done(tmp_path, monkeypatch):
    pytest.importorskip("ray")
    from engine.video.segments import work_dir_for
    from engine.video.synthetic import make_test_clip

    for var, sub in (("SRSTUDIO_MODELS_DIR", "shipped"), ("SRSTUDIO_USER_MODELS_DIR", "user")):
        (tmp_path / sub).mkdir()
        monkeypatch.setenv(var, str(tmp_path / sub))
    save_tiny_model(tmp_path / "shipped", "tiny_x2")
    clip = make_test_clip(tmp_path / "film.mp4", frames=SEGMENTS * FPS, width=48, height=32,
                          fps=FPS)
    args = ["upscale", str(clip), "-m", "tiny_x2", "-s", "2", "--codec", "ffv1",
            "--segment-seconds", "1"]
    t0 = time.perf_counter()
    assert main([*args, "-o", str(tmp_path / "local"), "--quiet"]) == 0
    print(f"local run {time.perf_counter() - t0:.1f}s")
    out = tmp_path / "cl"
    cmd = [sys.executable, "-m", "app.cli", *args, "-o", str(out), "--cluster", "auto",
           "--cluster-workers", "2"]
    work = work_dir_for(out / "film_x2_tiny_x2.mkv")

    log = tmp_path / "first.log"
    t0 = time.perf_counter()
    with open(log, "w") as f:
        first = subprocess.Popen(cmd, cwd=REPO, stderr=f, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while len(_done(work)) < 2:              # two segments finished: kill the driver
            if first.poll() is not None:
                _skip_without_ray(log.read_text())
                pytest.fail(log.read_text()[-3000:])
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.01)
        os.kill(first.pid, signal.SIGKILL)
        print(f"first run killed after {time.perf_counter() - t0:.1f}s")
        first.wait(30)
    finally:
        kill_session(first.pid)                  # what the driver had started: its Ray
    done = _done(work)
    print(f"killed with {len(done)} of {SEGMENTS} segments done: {sorted(done)}")
    assert 2 <= len(done) < SEGMENTS

    log2 = tmp_path / "second.log"
    seen: dict[str, set[tuple[int, int]]] = {n: set() for n in done}
    t0 = time.perf_counter()
    with open(log2, "w") as f:
        again = subprocess.Popen(cmd, cwd=REPO, stderr=f, start_new_session=True)
    try:
        while again.poll() is None:              # the done segments are never rewritten
            for n, v in _done(work).items():
                if n in seen:
                    seen[n].add(v)
            time.sleep(0.02)
    finally:
        kill_session(again.pid)
    err = log2.read_text()
    print(f"second run {time.perf_counter() - t0:.1f}s")
    assert again.returncode == 0, err[-3000:]
    assert all(v <= {done[n]} for n, v in seen.items()), seen
    assert f"{len(done) * FPS} resumed" in err, err[-2000:]
    assert f"{SEGMENTS - len(done)} task(s)" in err, err[-2000:]    # only the others ran
    want, kinds = _decoded(tmp_path / "local" / "film_x2_tiny_x2.mkv")
    got, got_kinds = _decoded(out / "film_x2_tiny_x2.mkv")
    assert got_kinds == kinds == ["audio", "video"] and len(got) == len(want) == SEGMENTS * FPS
    assert all(np.array_equal(a, b) for a, b in zip(got, want))
    assert sorted(p.name for p in out.iterdir()) == ["film_x2_tiny_x2.mkv"]   # no parts left
