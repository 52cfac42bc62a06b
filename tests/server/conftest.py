"""A real server for the tests: uvicorn in a thread on 127.0.0.1, an ephemeral port."""

from __future__ import annotations

import io
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from PIL import Image

from tests.conftest import photo_like, save_tiny_model

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")

from app.server.api import create_app  # noqa: E402
from app.server.config import ServerConfig  # noqa: E402


@dataclass
class Live:
    """A running server: its URL, app, uvicorn server and thread."""

    url: str
    port: int
    app: Any
    server: Any
    thread: threading.Thread

    @property
    def manager(self) -> Any:
        return self.app.state.manager

    def client(self, **kw: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kw)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(20)


def start_server(**overrides: Any) -> Live:
    """Start a server with ``ServerConfig(**overrides)`` and wait until it answers."""
    cfg = ServerConfig(**{"queue_size": 4, **overrides})
    app = create_app(cfg, devices=["cpu"])
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                           timeout_graceful_shutdown=2))
    t = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    t.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not t.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return Live(f"http://127.0.0.1:{port}", port, app, server, t)


@pytest.fixture
def serve(model_dirs):
    """``serve(**config)`` starts a server (a tiny x2 'fast' model installed); all are
    stopped afterwards and must leave their work folder removed."""
    shipped, _ = model_dirs
    save_tiny_model(shipped, "tiny_x2", scale=2, role="fast")
    live: list[Live] = []

    def start(**overrides: Any) -> Live:
        s = start_server(**overrides)
        live.append(s)
        return s

    yield start
    for s in live:
        work = s.manager.work_dir
        s.stop()
        assert not s.thread.is_alive(), "the server did not stop"
        assert not Path(work).exists(), f"the server left {work} behind"


def png_bytes(h: int = 24, w: int = 32, seed: int = 0) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(photo_like(h, w, seed=seed)).save(buf, "PNG")
    return buf.getvalue()


def decode(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as im:
        return np.asarray(im.convert("RGB"))
