"""app.server.client against a live server: a remote job looks like a local one."""

from __future__ import annotations

import threading
import time

import pytest

from app.server.client import ServerClient, ServerError
from engine.errors import CancelledError
from engine.events import CancelToken, FileStarted, Finished, Progress
from tests.server.conftest import decode, png_bytes


def test_run_emits_engine_events_and_downloads_the_result(serve, tmp_path):
    live = serve(token="tok")
    src = tmp_path / "in.png"
    src.write_bytes(png_bytes(64, 64))
    events = []
    with ServerClient(live.url, token="tok") as client:
        assert client.health()["auth"] is True
        assert [m["name"] for m in client.models()["models"]] == ["tiny_x2"]
        r = client.run(src, tmp_path / "out", progress=events.append, model="fast", scale=2,
                       tile=32)
    assert r.ok, r.error
    assert r.output == tmp_path / "out" / "in_x2_tiny_x2.png"
    assert decode(r.output.read_bytes()).shape == (128, 128, 3)
    assert r.model == "tiny_x2" and r.output_size == (128, 128)
    assert isinstance(events[0], FileStarted) and events[0].model == "tiny_x2"
    assert [e.done for e in events if isinstance(e, Progress)][-1] == 4
    assert isinstance(events[-1], Finished) and events[-1].result is r
    assert list((tmp_path / "out").iterdir()) == [r.output]     # no part file left
    assert live.manager.stats()["jobs"] == 0                     # freed on the server


def test_errors_come_back_as_one_line_results(serve, tmp_path):
    live = serve(token="tok")
    src = tmp_path / "in.png"
    src.write_bytes(png_bytes())
    with ServerClient(live.url, token="tok") as client:
        r = client.run(src, tmp_path, model="nonesuch", scale=2)
        assert not r.ok and r.error.startswith("server: unknown model 'nonesuch'")
    with ServerClient(live.url, token="wrong") as client:
        with pytest.raises(ServerError) as e:
            client.models()
        assert e.value.status == 401
    with ServerClient("http://127.0.0.1:9", token="tok") as client:
        with pytest.raises(ServerError, match="cannot reach"):
            client.health()


def test_cancel_stops_the_remote_job(serve, tmp_path):
    live = serve()
    src = tmp_path / "big.png"
    src.write_bytes(png_bytes(384, 384))
    token = CancelToken()

    def on_event(ev):
        if isinstance(ev, Progress):
            token.cancel()

    with ServerClient(live.url) as client:
        t0 = time.perf_counter()
        with pytest.raises(CancelledError):
            client.run(src, tmp_path / "out", progress=on_event, cancel=token, model="fast",
                       scale=2, tile=16)
        took = time.perf_counter() - t0
    assert not (tmp_path / "out").exists()
    deadline = time.monotonic() + 10
    while live.manager.stats()["running"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p for p in live.manager.jobs_dir.rglob("*") if p.is_file()] == []
    print(f"remote cancel: {took:.2f} s from submit to CancelledError")


def test_a_cancel_during_silence_is_seen_at_the_next_keep_alive(serve, tmp_path, monkeypatch):
    import app.server.jobs as jobs
    real, held = jobs.run_plan, threading.Event()

    def wait(plan, **kw):
        while not held.is_set() and not kw["cancel"].cancelled:
            time.sleep(0.01)
        return real(plan, **kw)

    monkeypatch.setattr(jobs, "run_plan", wait)
    live = serve()
    src = tmp_path / "a.png"
    src.write_bytes(png_bytes())
    token = CancelToken()
    with ServerClient(live.url) as client:
        threading.Timer(0.3, token.cancel).start()
        t0 = time.perf_counter()
        with pytest.raises(CancelledError):
            client.run(src, tmp_path, cancel=token, model="fast", scale=2)
        assert time.perf_counter() - t0 < 6
    held.set()


def test_run_can_save_to_the_exact_path_a_local_plan_chose(serve, tmp_path):
    """The desktop app names outputs with its own plan: the download goes to that path
    (through a part file), and a cancel set during the upload stops before any job."""
    from engine.events import Started
    live = serve(token="tok")
    src = tmp_path / "in.png"
    src.write_bytes(png_bytes(40, 40))
    target = tmp_path / "mine" / "in_x2_tiny_x2.jpg"
    events = []
    with ServerClient(live.url, token="tok") as client:
        r = client.run(src, tmp_path / "unused", output=target, progress=events.append,
                       model="tiny_x2", scale=2, output_format="jpg", quality=60, tile=32)
        assert r.ok and r.output == target and r.tile == 32, r.error
        assert list(target.parent.iterdir()) == [target]
        assert not (tmp_path / "unused").exists()
        assert any(isinstance(e, Started) for e in events)
        token = CancelToken()
        token.cancel()
        with pytest.raises(CancelledError):
            client.run(src, tmp_path / "out", cancel=token, model="fast", scale=2)
    assert live.manager.stats()["jobs"] == 0
