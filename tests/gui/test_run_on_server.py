"""Run on: a server.  A real ``srstudio serve`` runs in a subprocess on 127.0.0.1 (a free
port, a token file, the same tiny model as the app); the app is pointed at it through the
Run on widgets, files are queued by real drops and started by a real click on Start, and
the rows, the viewer, the output files and the server's own log are checked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.gui.queue_state import Status
from tests.conftest import REPO, save_tiny_model
from tests.gui.conftest import save_png, wait_finished
from tests.gui.user_actions import click, drop_files

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pytest.importorskip("httpx")

TOKEN = "s3cret-t0ken"


@dataclass
class Server:
    """A running ``srstudio serve``: its URL and what it has written to stderr."""

    url: str
    proc: subprocess.Popen
    lines: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.url.removeprefix("http://")

    def logged(self, text: str, timeout: float = 15.0) -> bool:
        """Whether the server's log has a line containing ``text`` (waiting for it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in list(self.lines)):
                return True
            time.sleep(0.05)
        return False

    def jobs(self) -> list[dict]:
        import httpx
        r = httpx.get(f"{self.url}/jobs", headers={"Authorization": f"Bearer {TOKEN}"},
                      timeout=10)
        r.raise_for_status()
        return r.json()


@pytest.fixture(scope="module")
def server(shipped_models: Path, tmp_path_factory: pytest.TempPathFactory):
    """``srstudio serve --port 0 --token-file F`` with the app's shipped models; stopped
    (SIGTERM) after the module's tests, and it must leave no temporary files."""
    d = tmp_path_factory.mktemp("serve")
    (d / "user").mkdir()
    (d / "tmp").mkdir()
    token_file = d / "token"
    token_file.write_text(TOKEN + "\n")
    env = dict(os.environ, SRSTUDIO_MODELS_DIR=str(shipped_models),
               SRSTUDIO_USER_MODELS_DIR=str(d / "user"), TMPDIR=str(d / "tmp"))
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--port", "0",
                             "--token-file", str(token_file)], cwd=REPO, env=env,
                            stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline()
        m = re.search(r"serving on (http://127\.0\.0\.1:\d+)/", first)
        assert m, first + (proc.stderr.read() if proc.poll() is not None else "")
        s = Server(m.group(1), proc)

        def drain() -> None:
            for line in proc.stderr:
                s.lines.append(line.rstrip("\n"))

        threading.Thread(target=drain, daemon=True).start()
        yield s
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    left = [p.name for p in (d / "tmp").iterdir() if not p.name.startswith("torchinductor")]
    assert left == [], "the server left temporary files"


def choose_server(window, url: str, token: str) -> None:
    """Run on → A server, then type the URL and the token, as a user does."""
    ro = window.run_on
    combo = ro.where_combo
    if combo.currentData() != "server":
        combo.setFocus()
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "server" and ro.url_edit.isVisible()
    for edit, text in ((ro.url_edit, url), (ro.token_edit, token)):
        edit.setFocus()
        edit.selectAll()
        QTest.keyClick(edit, Qt.Key.Key_Delete)
        QTest.keyClicks(edit, text)


def _use(window, model: str, scale: int, out: Path, tile: str = "Off") -> None:
    sp = window.settings_panel
    assert sp.select_model(model)
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(scale))
    sp.tile_combo.setCurrentText(tile)
    sp.out_edit.setText(str(out))


def _no_local_upscaling(monkeypatch) -> None:
    """Any model loaded in the app's own process fails the test: the server must run it."""
    import engine.inference.factory as factory

    def refuse(*a, **k):
        raise AssertionError("a model was loaded on this computer")

    monkeypatch.setattr(factory, "make_upscaler", refuse)


def _test_connection(qtbot, window) -> str:
    ro = window.run_on
    click(ro.test_button)
    qtbot.waitUntil(lambda: ro.test_button.isEnabled(), timeout=20000)
    return ro.status_label.text()


def test_a_dropped_image_runs_on_the_server_and_shows_in_the_queue_and_viewer(
        qtbot, window, server, tmp_path: Path) -> None:
    from app.gui.main_window import MainWindow
    from app.gui.settings_store import SettingsStore
    from engine.io import read_image
    from engine.jobs.plan import plan_job
    from engine.jobs.run import run_plan

    img = save_png(tmp_path / "in" / "remote.png", 40, 32)
    out = tmp_path / "out"
    _use(window, "tiny_x2", 2, out)
    choose_server(window, server.url, TOKEN)
    assert _test_connection(qtbot, window).startswith("Connected: SR Studio ")
    with pytest.MonkeyPatch.context() as mp:
        _no_local_upscaling(mp)
        assert drop_files(window, [img])
        click(window.settings_panel.start_button)
        wait_finished(qtbot, window)
    (row,) = window.queue.items
    assert row.status == Status.DONE, row.message
    # the name and place the local run would use
    local = plan_job([img], window.settings_panel.job_settings().request()).items[0]
    target = out / "remote_x2_tiny_x2.png"
    assert row.output == target == local.output and target.is_file()
    assert [p.name for p in out.iterdir()] == [target.name]       # no part file left
    assert row.output_size == (80, 64) and row.done == row.total > 0
    # the server did the work (its log), and freed it after the download
    assert server.logged(f"remote.png -> {target.name} (tiny_x2, "), server.lines
    assert server.jobs() == []
    assert any(f"remote.png on {server.label}" in m for _lvl, m in window.log.messages)
    assert window.run_on.where_combo.isEnabled()       # unlocked once the queue ended
    # the viewer shows the result like a local one
    window.queue_view.select_id(row.id)
    qtbot.waitUntil(lambda: window.compare.right_combo.currentText() == "tiny_x2 ×2"
                    and window.compare.layer("right") is not None, timeout=10000)
    layer = window.compare.layer("right")
    assert (layer.image.width, layer.image.height) == (80, 64)
    # ... and its pixels are the local run's
    req = window.settings_panel.job_settings().request()
    req.output = str(tmp_path / "local")
    (res,) = run_plan(plan_job([img], req)).files
    a = read_image(target).pixels.astype(int)
    b = read_image(res.output).pixels.astype(int)
    assert a.shape == b.shape and np.abs(a - b).max() <= 1
    # the choice is remembered
    again = MainWindow(SettingsStore())
    qtbot.addWidget(again)
    assert again.run_on.target() == window.run_on.target()
    assert again.run_on.target().url == server.url and again.run_on.target().token == TOKEN
    qtbot.waitUntil(lambda: again.catalog.models_loaded, timeout=30000)
    again.close()


def test_a_wrong_token_is_one_line_in_the_panel_and_in_the_row(qtbot, window, server,
                                                               tmp_path: Path) -> None:
    img = save_png(tmp_path / "in" / "a.png", 24, 20)
    out = tmp_path / "out"
    _use(window, "tiny_x2", 2, out)
    choose_server(window, server.url, "not-the-token")
    said = _test_connection(qtbot, window)
    assert said == (f"{server.label} refused the token: type the token the server was "
                    "started with (--token or --token-file) under Run on")
    assert drop_files(window, [img])
    click(window.settings_panel.start_button)
    wait_finished(qtbot, window)
    (row,) = window.queue.items
    assert row.status == Status.ERROR and row.message == said
    assert not out.exists() or not list(out.iterdir())


def test_an_unreachable_server_is_one_line(qtbot, window, tmp_path: Path) -> None:
    import socket
    with socket.socket() as s:       # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    img = save_png(tmp_path / "in" / "a.png", 24, 20)
    _use(window, "tiny_x2", 2, tmp_path / "out")
    choose_server(window, f"127.0.0.1:{port}", "")     # no scheme: http:// is assumed
    said = _test_connection(qtbot, window)
    assert said.startswith(f"cannot reach http://127.0.0.1:{port}: ") and "\n" not in said
    assert drop_files(window, [img])
    click(window.settings_panel.start_button)
    wait_finished(qtbot, window)
    (row,) = window.queue.items
    assert row.status == Status.ERROR and row.message == said


def test_cancel_reaches_the_server(qtbot, window, server, tmp_path: Path) -> None:
    img = save_png(tmp_path / "in" / "big.png", 1024, 1024)
    out = tmp_path / "out"
    _use(window, "tiny_x2", 2, out, tile="64")
    sp = window.settings_panel
    if not sp.ensemble_check.isChecked():
        click(sp.ensemble_check)                  # x8 passes: long enough to cancel
    choose_server(window, server.url, TOKEN)
    assert drop_files(window, [img])
    click(sp.start_button)
    qtbot.waitUntil(lambda: window.queue.items[0].done >= 1, timeout=60000)
    ro = window.run_on     # where the jobs run is fixed while they run
    assert not ro.where_combo.isEnabled() and not ro.url_edit.isEnabled()
    t0 = time.perf_counter()
    click(sp.cancel_button)
    wait_finished(qtbot, window)
    took = time.perf_counter() - t0
    (row,) = window.queue.items
    assert row.status == Status.CANCELLED, row.message
    assert server.logged("big.png cancelled"), server.lines
    assert [j for j in server.jobs() if j["state"] in ("queued", "running")] == []
    assert not out.exists() or not list(out.iterdir())
    print(f"remote cancel from the Cancel all click to the row cancelled: {took:.2f} s")


def test_a_model_only_this_computer_has_says_so(qtbot, window, server,
                                                tmp_path: Path) -> None:
    save_tiny_model(tmp_path / "user_models", "mine_x2", scale=2)   # the app's user folder
    window.catalog.refresh_models()
    qtbot.waitUntil(lambda: "mine_x2" in window.settings_panel.model_names(), timeout=30000)
    img = save_png(tmp_path / "in" / "a.png", 24, 20)
    _use(window, "mine_x2", 2, tmp_path / "out")
    choose_server(window, server.url, TOKEN)
    assert drop_files(window, [img])
    click(window.settings_panel.start_button)
    wait_finished(qtbot, window)
    (row,) = window.queue.items
    assert row.status == Status.ERROR
    assert row.message == (f"the server {server.label} has no model 'mine_x2': install it "
                           "there, or Run on: This computer")


def test_a_video_runs_on_the_server_with_this_computers_video_settings(
        qtbot, window, server, tmp_path: Path, monkeypatch) -> None:
    import av

    from engine.video.synthetic import make_test_clip
    clip = tmp_path / "in" / "clip.mp4"
    clip.parent.mkdir(parents=True)
    make_test_clip(clip, frames=8, width=32, height=24, fps=24, audio=False)
    out = tmp_path / "out"
    _use(window, "bicubic", 2, out)
    sp = window.settings_panel
    qtbot.waitUntil(lambda: sp.codec_combo.findData("ffv1|") >= 0, timeout=10000)
    sp.codec_combo.setCurrentIndex(sp.codec_combo.findData("ffv1|"))
    assert sp.job_settings().video_codec == "ffv1"
    choose_server(window, server.url, TOKEN)
    _no_local_upscaling(monkeypatch)
    assert drop_files(window, [clip])
    click(sp.start_button)
    wait_finished(qtbot, window, timeout=60000)
    (row,) = window.queue.items
    assert row.status == Status.DONE, row.message
    target = out / "clip_x2_bicubic.mkv"                  # FFV1's container, as locally
    assert row.output == target and target.is_file()
    with av.open(str(target)) as c:
        vs = c.streams.video[0]
        assert vs.codec_context.name == "ffv1"
        assert (vs.codec_context.width, vs.codec_context.height) == (64, 48)
        assert sum(1 for _ in c.decode(vs)) == 8
    assert row.frames == 8 and row.done == 8
    assert server.logged(f"clip.mp4 -> {target.name} (bicubic, "), server.lines
