"""`srstudio serve` over real HTTP: the phone app's JSON, the job API, SSE, auth, caps."""

from __future__ import annotations

import base64
import json
import select
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import save_tiny_model
from tests.server.conftest import decode, png_bytes

MB = 1024 * 1024


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def wait_state(client: httpx.Client, job_id: str, states: tuple[str, ...],
               timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        d = client.get(f"/jobs/{job_id}").json()
        if d["state"] in states:
            return d
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never reached {states}: {d}")


def leftovers(live) -> list[str]:
    """Files in the server's job folders (the uploads and results it still holds)."""
    jobs = Path(live.manager.jobs_dir)
    return sorted(str(p.relative_to(jobs)) for p in jobs.rglob("*") if p.is_file())


# --- the phone app's JSON ---------------------------------------------------------------
def test_picture_json_round_trip(serve):
    live = serve()
    with live.client() as c:
        t0 = time.perf_counter()
        r = c.post("/picture", json={"DATA": b64(png_bytes()), "MODEL": "fast",
                                     "FILENAME": "holiday.png"})
        took = time.perf_counter() - t0
    assert r.status_code == 200, r.text
    body = r.json()
    # no SCALE: x4, which the x2 'fast' model reaches run twice, named as the engine names it
    assert body["FILENAME"] == "holiday_x4_tiny_x2+tiny_x2.png"
    assert body["MODEL"] == "tiny_x2+tiny_x2"
    assert decode(base64.b64decode(body["DATA"])).shape == (96, 128, 3)
    assert leftovers(live) == []                           # answered, then deleted
    print(f"POST /picture 32x24 x2 round trip: {took * 1000:.0f} ms")


def test_picture_accepts_scale_format_and_a_data_url(serve):
    live = serve()
    with live.client() as c:
        r = c.post("/picture", json={"DATA": "data:image/png;base64," + b64(png_bytes()),
                                     "MODEL": "bicubic", "FILENAME": "a.png", "SCALE": 3,
                                     "FORMAT": "jpg"})
    assert r.status_code == 200, r.text
    assert r.json()["FILENAME"] == "a_x3_bicubic.jpg"
    assert decode(base64.b64decode(r.json()["DATA"])).shape == (72, 96, 3)


def test_video_json_round_trip_keeps_the_audio(serve, tmp_path):
    import av

    from engine.video.synthetic import make_test_clip
    clip = make_test_clip(tmp_path / "clip.mp4", frames=6, width=32, height=24)
    live = serve()
    with live.client() as c:
        r = c.post("/video", json={"DATA": b64(clip.read_bytes()), "MODEL": "fast", "SCALE": 2,
                                   "FILENAME": "clip.mp4"})
    assert r.status_code == 200, r.text
    assert r.json()["FILENAME"] == "clip_x2_tiny_x2.mp4"
    out = tmp_path / "out.mp4"
    out.write_bytes(base64.b64decode(r.json()["DATA"]))
    with av.open(str(out)) as f:
        v = f.streams.video[0]
        assert (v.codec_context.width, v.codec_context.height) == (64, 48)
        assert len(f.streams.audio) == 1
    assert leftovers(live) == []


# --- the job API ------------------------------------------------------------------------
def test_multipart_job_poll_and_result(serve):
    live = serve()
    with live.client() as c:
        r = c.post("/jobs", files={"file": ("cat.png", png_bytes(), "image/png")},
                   data={"model": "fast", "scale": "2", "format": "webp"})
        assert r.status_code == 202, r.text
        job = r.json()
        assert r.headers["location"] == f"/jobs/{job['id']}"
        d = wait_state(c, job["id"], ("done", "failed"))
        assert d["state"] == "done", d
        assert d["result"]["filename"] == "cat_x2_tiny_x2.webp"
        assert d["progress"]["fraction"] == 1.0
        kinds = [e["type"] for e in d["events"]]
        assert kinds[0] == "queued" and "file_started" in kinds and kinds[-1] == "end"
        res = c.get(f"/jobs/{job['id']}/result")
        assert res.status_code == 200
        assert "cat_x2_tiny_x2.webp" in res.headers["content-disposition"]
        assert decode(res.content).shape == (48, 64, 3)
        assert [j["id"] for j in c.get("/jobs").json()] == [job["id"]]
        # deleting a finished job deletes its files
        assert c.delete(f"/jobs/{job['id']}").json()["deleted"] is True
        assert c.get(f"/jobs/{job['id']}").status_code == 404
    assert leftovers(live) == []


def test_a_job_takes_quality_self_ensemble_and_video_encoding(serve, tmp_path):
    """What the desktop app's Run on sends beside model and scale: JPEG quality,
    self-ensemble, and how a video is encoded (a bad value of each is a 400)."""
    from engine.video.synthetic import make_test_clip

    live = serve()
    sizes = {}
    with live.client() as c:
        for q in (20, 95):
            r = c.post("/jobs", files={"file": ("a.png", png_bytes(48, 64))},
                       data={"model": "fast", "scale": "2", "format": "jpg",
                             "quality": str(q), "self_ensemble": "true"})
            assert r.status_code == 202, r.text
            d = wait_state(c, r.json()["id"], ("done", "failed"))
            assert d["state"] == "done", d
            sizes[q] = len(c.get(f"/jobs/{d['id']}/result").content)
        assert sizes[20] < sizes[95] * 0.7, sizes
        clip = make_test_clip(tmp_path / "clip.mp4", frames=4, width=32, height=24, fps=24,
                              audio=False)
        r = c.post("/jobs", files={"file": ("clip.mp4", clip.read_bytes())},
                   data={"model": "bicubic", "scale": "2", "codec": "ffv1",
                         "preset": "fast", "crf": "20"})
        assert r.status_code == 202, r.text
        d = wait_state(c, r.json()["id"], ("done", "failed"))
        assert d["state"] == "done" and d["result"]["filename"] == "clip_x2_bicubic.mkv", d
        for field, bad, said in (("quality", "high", "quality must be a whole number"),
                                 ("quality", "0", "quality must be 1-100"),
                                 ("self_ensemble", "maybe", "self_ensemble must be true"),
                                 ("codec", "gif", "codec must be one of h264"),
                                 ("preset", "warp", "preset must be one of"),
                                 ("crf", "99", "crf must be 0-63"),
                                 ("bitrate", "fast", "bad bitrate 'fast'")):
            r = c.post("/jobs", files={"file": ("a.png", png_bytes())},
                       data={"model": "fast", "scale": "2", field: bad})
            assert r.status_code == 400 and said in r.json()["error"], (field, r.text)


def test_server_sent_events_stream_the_engines_events(serve):
    live = serve()
    with live.client() as c:
        job = c.post("/jobs", files={"file": ("p.png", png_bytes(64, 64), "image/png")},
                     data={"model": "fast", "scale": "2", "tile": "32"}).json()
        events = []
        with c.stream("GET", f"/jobs/{job['id']}/events") as s:
            assert s.headers["content-type"].startswith("text/event-stream")
            name = None
            for line in s.iter_lines():
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    events.append((name, json.loads(line[6:])))
    names = [n for n, _ in events]
    assert names[0] == "queued" and names[-1] == "end", names
    assert {"running", "file_started", "progress", "tile", "finished"} <= set(names)
    fin = next(d for n, d in events if n == "finished")
    assert fin["ok"] and fin["output"] == "p_x2_tiny_x2.png" and fin["output_size"] == [128, 128]
    prog = [d for n, d in events if n == "progress"]
    assert prog[-1]["done"] == prog[-1]["total"] == 4     # 2x2 tiles of 32 px
    assert events[-1][1]["state"] == "done"
    # a reconnecting EventSource sends Last-Event-ID and gets only what came after it
    with live.client() as c:
        with c.stream("GET", f"/jobs/{job['id']}/events",
                      headers={"Last-Event-ID": str(len(events) - 3)}) as s:
            again = [ln[7:] for ln in s.iter_lines() if ln.startswith("event: ")]
    assert again == names[-2:]


def test_cancel_mid_run_leaves_nothing_behind(serve):
    live = serve()
    with live.client() as c:
        job = c.post("/jobs", files={"file": ("big.png", png_bytes(384, 384), "image/png")},
                     data={"model": "fast", "scale": "2", "tile": "16"}).json()
        with c.stream("GET", f"/jobs/{job['id']}/events") as s:   # until tiles are running
            for line in s.iter_lines():
                if line == "event: progress":
                    break
        t0 = time.perf_counter()
        r = c.delete(f"/jobs/{job['id']}")
        took = time.perf_counter() - t0
        assert r.status_code == 200, r.text
        assert r.json() == {"id": job["id"], "state": "cancelled", "deleted": True}
        d = c.get(f"/jobs/{job['id']}").json()
        assert d["state"] == "cancelled" and d["result"] is None
        assert c.get(f"/jobs/{job['id']}/result").status_code == 409
    assert leftovers(live) == []
    assert not (Path(live.manager.jobs_dir) / job["id"]).exists()
    print(f"DELETE of a running job answered after {took * 1000:.0f} ms")


def test_models_and_health_and_openapi(serve):
    live = serve()
    with live.client() as c:
        m = c.get("/models").json()
        assert [x["name"] for x in m["models"]] == ["tiny_x2"]
        assert "path" not in m["models"][0]                 # no server paths
        assert m["roles"] == {"fast": [2]} and "bicubic" in m["resizers"]
        h = c.get("/health").json()
        assert h["status"] == "ok" and h["devices"] == ["cpu"] and h["workers"] == 1
        spec = c.get("/openapi.json").json()
        for path in ("/picture", "/video", "/jobs", "/jobs/{job_id}", "/jobs/{job_id}/events",
                     "/jobs/{job_id}/result", "/models", "/health"):
            assert path in spec["paths"], path
        body = spec["paths"]["/picture"]["post"]["requestBody"]["content"]
        assert set(body["application/json"]["schema"]["properties"]) >= {"DATA", "MODEL",
                                                                         "FILENAME"}
        assert c.get("/docs").status_code == 200
        assert "SR Studio" in c.get("/").text


# --- auth -------------------------------------------------------------------------------
def test_a_token_is_required_when_set(serve):
    live = serve(token="s3cret")
    with live.client() as c:
        body = {"DATA": b64(png_bytes()), "MODEL": "fast", "SCALE": 2, "FILENAME": "a.png"}
        r = c.post("/picture", json=body)
        assert r.status_code == 401 and "token" in r.json()["error"]
        assert c.post("/picture", json=body,
                      headers={"Authorization": "Bearer s3cre"}).status_code == 401
        assert c.get("/models", headers={"Authorization": "Bearer nope"}).status_code == 401
        assert c.get("/jobs/x", headers={"X-Token": "bad"}).status_code == 401
        assert c.get("/health").status_code == 200            # liveness stays open
        ok = c.post("/picture", json=body, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200, ok.text


def test_a_public_address_without_a_token_refuses_to_start(capsys, tmp_path):
    from app.cli.main import main
    assert main(["serve", "--host", "0.0.0.0"]) == 1
    assert "without a token" in capsys.readouterr().err
    assert main(["serve", "--workers-per-device", "0"]) == 1
    assert "--workers-per-device must be at least 1" in capsys.readouterr().err
    (tmp_path / "empty").write_text("\n")
    assert main(["serve", "--token-file", str(tmp_path / "empty")]) == 1
    assert "is empty" in capsys.readouterr().err
    assert main(["serve", "--token-file", str(tmp_path / "none")]) == 1
    assert "cannot read --token-file" in capsys.readouterr().err


# --- caps -------------------------------------------------------------------------------
def _stream_until_answered(port: int, head: bytes, first: bytes, total: int,
                           chunk: int = 64 * 1024) -> tuple[int, bytes]:
    """Send ``head`` then a chunked body of ``first`` + zeros up to ``total`` bytes, and stop
    as soon as the server answers or closes.  Returns (body bytes sent, response)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)
    s.sendall(head + b"Transfer-Encoding: chunked\r\n\r\n")
    sent, block = 0, b"\0" * chunk
    data = first
    try:
        while sent < total:
            if select.select([s], [], [], 0)[0]:
                break
            s.sendall(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            sent += len(data)
            data = block
    except (BrokenPipeError, ConnectionResetError):
        pass
    resp = b""
    try:
        while b"\r\n\r\n" not in resp or not resp.rstrip().endswith(b"}"):
            d = s.recv(65536)
            if not d:
                break
            resp += d
    except (ConnectionResetError, TimeoutError):
        pass
    s.close()
    return sent, resp


def test_413_while_streaming_a_multipart_upload(serve):
    live = serve(max_upload_bytes=1 * MB)
    boundary = "XyZ"
    head = (f"POST /jobs HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
            f"boundary={boundary}\r\n").encode()
    first = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
             f"filename=\"huge.png\"\r\nContent-Type: image/png\r\n\r\n").encode() \
        + png_bytes()[:16]
    total = 64 * MB
    t0 = time.perf_counter()
    sent, resp = _stream_until_answered(live.port, head, first, total)
    took = time.perf_counter() - t0
    assert resp.startswith(b"HTTP/1.1 413"), resp[:200]
    assert b"connection: close" in resp.lower()
    assert b"1 MB limit" in resp
    assert sent < 16 * MB, f"the server kept reading: {sent / MB:.1f} MB sent"
    assert leftovers(live) == []          # the part file is gone
    print(f"413 after {sent / MB:.2f} MB of a {total / MB:.0f} MB chunked upload "
          f"(cap 1 MB), {took * 1000:.0f} ms")


def test_413_while_streaming_json_and_at_once_for_a_declared_length(serve):
    live = serve(max_upload_bytes=1 * MB)
    head = b"POST /picture HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    sent, resp = _stream_until_answered(live.port, head, b'{"DATA": "', 64 * MB)
    assert resp.startswith(b"HTTP/1.1 413"), resp[:200]
    assert sent < 16 * MB
    # Content-Length over the cap: refused before a byte of the body is read
    s = socket.create_connection(("127.0.0.1", live.port), timeout=10)
    s.sendall(b"POST /jobs HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
              b"boundary=b\r\nContent-Length: 5000000000\r\n\r\n")
    assert s.recv(4096).startswith(b"HTTP/1.1 413")
    s.close()
    with live.client() as c:   # a decoded picture over the cap
        r = c.post("/picture", json={"DATA": b64(b"\x89PNG" + bytes(MB + 10)),
                                     "FILENAME": "a.png"})
        assert r.status_code == 413, r.text


def test_a_body_a_little_over_the_cap_gets_its_413_not_a_reset(serve):
    """A client that sends its whole body before reading (httpx, curl, requests) must see
    the 413: the server drops what is left of a body up to the cap's size again."""
    live = serve(max_upload_bytes=1 * MB)
    with live.client() as c:
        for k in range(5):
            r = c.post("/jobs", files={"file": ("a.png", b"\x89PNG" + bytes(MB + k * 50_000))},
                       data={"model": "fast"})
            assert r.status_code == 413, r.text
            assert r.headers.get("connection") != "close"     # drained: kept alive
            r = c.post("/picture", json={"DATA": b64(bytes(MB + 200_000))})
            assert r.status_code == 413, r.text
        assert c.post("/picture", json={"DATA": b64(png_bytes()), "MODEL": "fast",
                                        "SCALE": 2}).status_code == 200
    with live.client(headers={"Authorization": "Bearer x"}) as c:   # no token set: fine
        assert c.get("/health").status_code == 200


def test_413_for_pixels_over_the_cap(serve):
    live = serve(max_pixels=1000)
    with live.client() as c:
        r = c.post("/picture", json={"DATA": b64(png_bytes(40, 40)), "FILENAME": "a.png"})
        assert r.status_code == 413
        assert r.json()["error"] == ("a.png is 40x40 (0.0 megapixels), more than the "
                                     "server's 0.001 megapixel limit")


def test_video_caps_and_a_broken_video(serve, tmp_path):
    from engine.video.synthetic import make_test_clip
    clip = make_test_clip(tmp_path / "c.mp4", frames=12, width=32, height=24, audio=False)
    live = serve(max_video_seconds=0.2)
    with live.client() as c:
        r = c.post("/video", json={"DATA": b64(clip.read_bytes()), "FILENAME": "c.mp4"})
        assert r.status_code == 413, r.text
        assert r.json()["error"] == ("c.mp4 lasts 0.5 s, more than the server's 0.2 s limit "
                                     "(--max-video-seconds)")
        r = c.post("/video", json={"DATA": b64(b"\0\0\0\x18ftypisom" + bytes(500)),
                                   "FILENAME": "broken.mp4"})
        assert r.status_code == 400, r.text
        assert "broken.mp4" in r.json()["error"] and str(live.manager.work_dir) not in r.text
    assert leftovers(live) == []


def test_cors_is_off_unless_asked(serve):
    live = serve()
    with live.client() as c:
        r = c.get("/health", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in r.headers
    live = serve(cors_origins=["http://phone.local"])
    with live.client() as c:
        r = c.get("/health", headers={"Origin": "http://phone.local"})
        assert r.headers["access-control-allow-origin"] == "http://phone.local"
        r = c.get("/health", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in r.headers


def test_415_for_what_is_not_an_image_or_video(serve):
    live = serve()
    gif = b"GIF89a" + bytes(100)
    with live.client() as c:
        r = c.post("/jobs", files={"file": ("anim.gif", gif, "image/gif")})
        assert r.status_code == 415 and "anim.gif" in r.json()["error"]
        r = c.post("/picture", json={"DATA": b64(gif), "FILENAME": "anim"})
        assert r.status_code == 415 and "a GIF image" in r.json()["error"]
        r = c.post("/video", json={"DATA": b64(png_bytes()), "FILENAME": "a.png"})
        assert r.status_code == 415 and "takes a video" in r.json()["error"]
        r = c.post("/jobs", content=b"x", headers={"content-type": "text/plain"})
        assert r.status_code == 415
        # no name: the first bytes say it is a PNG
        r = c.post("/picture", json={"DATA": b64(png_bytes()), "MODEL": "fast", "SCALE": 2})
        assert r.status_code == 200 and r.json()["FILENAME"] == "upload_x2_tiny_x2.png"
    assert leftovers(live) == []


@pytest.mark.parametrize("case", ["random", "truncated", "empty-ish"])
def test_400_for_a_corrupt_image(serve, case):
    live = serve()
    good = png_bytes(64, 64)
    data = {"random": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
            "truncated": good[: len(good) // 2],
            "empty-ish": b"\x89PNG\r\n\x1a\n"}[case]
    with live.client() as c:
        r = c.post("/picture", json={"DATA": b64(data), "MODEL": "fast", "FILENAME": "b.png"})
        assert r.status_code == 400, r.text
        msg = r.json()["error"]
        assert "b.png" in msg and "\n" not in msg
        assert str(live.manager.work_dir) not in msg       # no server paths
        r = c.post("/jobs", files={"file": ("b.png", data)}, data={"model": "fast", "scale": "2"})
        if r.status_code == 202:      # only a full decode finds it: the job fails with 400
            d = wait_state(c, r.json()["id"], ("done", "failed"))
            assert d["state"] == "failed" and "b.png" in d["error"]
            assert c.get(f"/jobs/{d['id']}/result").status_code == 400
        else:
            assert r.status_code == 400, r.text


def test_400_for_an_unknown_model_a_scale_not_offered_and_bad_options(serve):
    live = serve()
    png = b64(png_bytes())
    with live.client() as c:
        r = c.post("/picture", json={"DATA": png, "MODEL": "nonesuch", "FILENAME": "a.png"})
        assert r.status_code == 400 and "unknown model 'nonesuch'" in r.json()["error"]
        r = c.post("/picture", json={"DATA": png, "MODEL": "fast", "SCALE": 3})
        assert r.status_code == 400 and r.json()["error"] == \
            "no 'fast' model for x3 (available: x2)"
        r = c.post("/picture", json={"DATA": png, "MODEL": "/etc/passwd"})
        assert r.status_code == 400 and "unknown model" in r.json()["error"]
        r = c.post("/picture", json={"DATA": png, "MODEL": "fast", "FORMAT": "gif"})
        assert r.status_code == 400 and "format must be" in r.json()["error"]
        assert c.post("/picture", json={"DATA": "not base64!!"}).status_code == 400
        assert c.post("/picture", content=b"{not json").status_code == 400
        assert c.post("/picture", json={"MODEL": "fast"}).status_code == 400
        r = c.post("/jobs", files={"file": ("a.png", png_bytes())},
                   data={"model": "fast", "scale": "2", "tile": "huge"})
        assert r.status_code == 400 and "tile" in r.json()["error"]
        assert c.get("/jobs/nope").status_code == 404
    assert leftovers(live) == []


def test_a_filename_is_a_label_never_a_path(serve, tmp_path):
    live = serve()
    with live.client() as c:
        r = c.post("/picture", json={"DATA": b64(png_bytes()), "MODEL": "fast",
                                     "SCALE": 2, "FILENAME": "../../../etc/x.png"})
        assert r.status_code == 200 and r.json()["FILENAME"] == "x_x2_tiny_x2.png"
    assert not Path("/etc/x.png").exists()


# --- the queue --------------------------------------------------------------------------
@pytest.fixture
def gate(monkeypatch):
    """Hold every job at the start of run_plan until ``gate.set()`` (or its cancel)."""
    import app.server.jobs as jobs
    real, opened = jobs.run_plan, threading.Event()

    def held(plan, *, progress=None, cancel=None, cache=None):
        while not opened.is_set() and not (cancel is not None and cancel.cancelled):
            time.sleep(0.01)
        return real(plan, progress=progress, cancel=cancel, cache=cache)

    monkeypatch.setattr(jobs, "run_plan", held)
    yield opened
    opened.set()


def test_a_full_queue_answers_503_with_retry_after(serve, gate):
    live = serve(queue_size=1)
    with live.client() as c:
        png, opts = png_bytes(), {"model": "fast", "scale": "2"}
        first = c.post("/jobs", files={"file": ("1.png", png)}, data=opts).json()
        wait_state(c, first["id"], ("running",))
        second = c.post("/jobs", files={"file": ("2.png", png)}, data=opts)
        assert second.status_code == 202
        assert c.get(f"/jobs/{second.json()['id']}").json()["queue_position"] == 1
        third = c.post("/jobs", files={"file": ("3.png", png)}, data=opts)
        assert third.status_code == 503, third.text
        assert int(third.headers["retry-after"]) >= 1
        assert "queue full" in third.json()["error"]
        sync = c.post("/picture", json={"DATA": b64(png), "MODEL": "fast", "SCALE": 2})
        assert sync.status_code == 503 and "retry-after" in sync.headers
        assert len(leftovers(live)) == 2          # the refused uploads were not kept
        # a queued job cancelled before it ran leaves nothing either
        assert c.delete(f"/jobs/{second.json()['id']}").json()["state"] == "cancelled"
        gate.set()
        assert wait_state(c, first["id"], ("done",))["state"] == "done"
        assert live.manager.peak_queued <= 1


def test_finished_jobs_are_swept_after_the_ttl(serve):
    live = serve(results_ttl_s=3600)
    with live.client() as c:
        job = c.post("/jobs", files={"file": ("a.png", png_bytes())},
                     data={"model": "fast", "scale": "2"}).json()
        wait_state(c, job["id"], ("done",))
        assert live.manager.sweep() == 0
        assert live.manager.sweep(now=time.time() + 3601) == 1
        assert c.get(f"/jobs/{job['id']}").status_code == 404
    assert leftovers(live) == []


def test_models_stay_loaded_between_jobs(serve, model_dirs):
    import engine.inference.factory as run  # what engine.jobs.run's cache calls
    live = serve()
    loads = []
    real = run.make_upscaler

    def counting(*a, **kw):
        loads.append(a[0].name)
        return real(*a, **kw)

    run.make_upscaler = counting
    took = []
    try:
        with live.client() as c:
            for k in range(3):
                t0 = time.perf_counter()
                r = c.post("/picture", json={"DATA": b64(png_bytes(seed=k)), "MODEL": "fast",
                                             "SCALE": 2})
                took.append(time.perf_counter() - t0)
                assert r.status_code == 200
    finally:
        run.make_upscaler = real
    assert loads == ["tiny_x2"]
    print("POST /picture 32x24 x2, model loaded once: "
          + ", ".join(f"{t * 1000:.0f} ms" for t in took))
    save_tiny_model(model_dirs[0], "other_x2", scale=2, role="quality")  # listing is live
    with live.client() as c:
        assert "other_x2" in [m["name"] for m in c.get("/models").json()["models"]]
