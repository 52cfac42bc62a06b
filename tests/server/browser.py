"""Drive the server's web page in headless Chromium over the DevTools protocol (a small
websocket client of our own: no selenium, no driver).  Used by test_web_page.py, and

    .venv/bin/python -m tests.server.browser IMAGE OUT.png [--model fast --scale 2]

starts a server on the installed models, uploads IMAGE through the page and writes a
screenshot of the before/after slider (docs/screenshots/06_web_page.png was made so).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class WebSocket:
    """Just enough RFC 6455 for the DevTools protocol: text frames, client-masked."""

    def __init__(self, url: str, timeout: float = 30) -> None:
        m = re.match(r"ws://([^/:]+):(\d+)(/.*)", url)
        assert m, url
        self.sock = socket.create_connection((m.group(1), int(m.group(2))), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {m.group(3)} HTTP/1.1\r\nHost: {m.group(1)}:{m.group(2)}\r\n"
                           f"Upgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
                           ).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        assert head.startswith(b"HTTP/1.1 101"), head

    def _read(self, n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("the browser closed the DevTools socket")
            buf += chunk
        return buf

    def send(self, text: str) -> None:
        data = text.encode()
        head = bytes([0x81])
        n = len(data)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv(self) -> str:
        parts = []
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise ConnectionError("the browser closed the DevTools socket")
            if opcode in (0x9, 0xA):    # ping/pong
                continue
            parts.append(payload)
            if b0 & 0x80:
                return b"".join(parts).decode()

    def close(self) -> None:
        self.sock.close()


class Page:
    """One browser tab through the DevTools protocol (flattened session)."""

    def __init__(self, ws: WebSocket, session: str) -> None:
        self.ws, self.session, self._id = ws, session, 0

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params,
                                 "sessionId": self.session}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self._id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                result: dict[str, Any] = msg.get("result", {})
                return result

    def js(self, expression: str) -> Any:
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                      awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression[:60]}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            v = self.js(expression)
            if v:
                return v
            time.sleep(0.1)
        raise TimeoutError(f"never true: {expression}")


class Browser:
    """Headless Chromium with a throwaway profile; ``page()`` opens a tab."""

    def __init__(self, exe: str, size: tuple[int, int] = (1100, 900)) -> None:
        self.profile = tempfile.mkdtemp(prefix="srstudio-chromium-")
        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-extensions", "--disable-dev-shm-usage", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", f"--window-size={size[0]},{size[1]}",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = None
        deadline = time.monotonic() + 60
        assert self.proc.stderr is not None
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line and self.proc.poll() is not None:
                break
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                url = m.group(1)
                break
        if url is None:
            self.close()
            raise RuntimeError("Chromium did not start")
        self.ws = WebSocket(url)
        self._id = 0

    def _call(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        self.ws.send(json.dumps({"id": -self._id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == -self._id:
                result: dict[str, Any] = msg.get("result", {})
                return result

    def page(self, url: str) -> Page:
        target = self._call("Target.createTarget", url="about:blank")["targetId"]
        session = self._call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        page = Page(self.ws, session)
        page.call("Page.enable")
        page.call("Runtime.enable")
        page.call("Page.navigate", url=url)
        page.wait_for("document.readyState === 'complete'")
        return page

    def close(self) -> None:
        if getattr(self, "ws", None) is not None:
            self.ws.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def upload_through_page(page: Page, image: Path, model: str, scale: int) -> dict[str, Any]:
    """Pick ``image`` in the page's file input with ``model`` and ``scale`` chosen, wait for
    the before/after slider, and return what the page shows."""
    page.wait_for("document.getElementById('model').options.length > 1")
    page.js(f"document.getElementById('model').value = {json.dumps(model)};"
            f"document.getElementById('scale').value = '{scale}'; true")
    root = page.call("DOM.getDocument")["root"]["nodeId"]
    node = page.call("DOM.querySelector", nodeId=root, selector="#files")["nodeId"]
    page.call("DOM.setFileInputFiles", files=[str(image)], nodeId=node)
    size = page.wait_for("(() => { const i = document.querySelector('.job.done .compare "
                         "img.after'); return i && i.complete && i.naturalWidth ? "
                         "[i.naturalWidth, i.naturalHeight] : null; })()", timeout=120)
    page.js("(() => { const s = document.querySelector('.compare input[type=range]');"
            "s.value = 30; s.dispatchEvent(new Event('input')); return true; })()")
    return {
        "size": size,
        "state": page.js("document.querySelector('.job .state').textContent"),
        "clip": page.js("document.querySelector('.compare img.before').style.clipPath"),
        "before_loaded": page.js("document.querySelector('.compare img.before').naturalWidth"),
        "download": page.js("(() => { const a = document.querySelector('a.download');"
                            "return [a.download, a.href.slice(0, 5)]; })()"),
    }


def screenshot(page: Page, out: Path) -> None:
    data = page.call("Page.captureScreenshot", format="png")["data"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(base64.b64decode(data))


def main() -> int:
    import argparse

    from tests.server.conftest import start_server
    ap = argparse.ArgumentParser(description="screenshot of the web page after an upload")
    ap.add_argument("image", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--model", default="fast")
    ap.add_argument("--scale", type=int, default=2)
    args = ap.parse_args()
    exe = find_chromium()
    if exe is None:
        raise SystemExit("no chromium found (apt-get install chromium)")
    live = start_server()
    browser = Browser(exe)
    try:
        page = browser.page(live.url + "/")
        print(upload_through_page(page, args.image.resolve(), args.model, args.scale))
        screenshot(page, args.out)
    finally:
        browser.close()
        live.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
