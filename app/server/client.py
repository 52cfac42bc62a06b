"""A client of ``srstudio serve`` that speaks the engine's language, for the desktop app's
*Run on: server* (and scripts): :func:`ServerClient.run` uploads a file, follows the job's
server-sent events, re-emits them as :mod:`engine.events` records (``FileStarted``,
``Progress``, ``Warning_``, ``Finished(FileResult)``) and downloads the result atomically,
so a caller drives a remote job exactly like a local :func:`engine.jobs.run.run_plan` item.
Needs httpx (the ``server`` extra); imports neither Qt nor torch.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from engine.errors import CancelledError, SRStudioError
from engine.events import (
    CancelToken,
    FileStarted,
    Finished,
    Progress,
    ProgressCallback,
    Started,
    Warning_,
    emit,
)
from engine.jobs.upscale import FileResult


class ServerError(SRStudioError):
    """The server refused or failed a request: its one-line message and HTTP status."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class _CancellableFile:
    """A file being uploaded whose reads raise CancelledError once ``cancel`` is set, so a
    cancel stops a long upload between chunks (its length stays known: fileno/seek)."""

    def __init__(self, f: Any, cancel: CancelToken | None) -> None:
        self._f, self._cancel = f, cancel

    def read(self, n: int = -1) -> bytes:
        if self._cancel is not None and self._cancel.cancelled:
            raise CancelledError("cancelled by the user")
        data: bytes = self._f.read(n)
        return data

    def fileno(self) -> int:
        return int(self._f.fileno())

    def tell(self) -> int:
        return int(self._f.tell())

    def seek(self, offset: int, whence: int = 0) -> int:
        return int(self._f.seek(offset, whence))


class ServerClient:
    """One server (URL + optional token); thread-safe enough for one job per thread."""

    def __init__(self, url: str, token: str | None = None, timeout: float = 30.0,
                 connect_timeout: float | None = None) -> None:
        """``connect_timeout`` (default ``timeout``): how long an unreachable address may
        take to say so; ``timeout`` bounds each read and write."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.url = url.rstrip("/")
        self._http = httpx.Client(base_url=self.url, headers=headers,
                                  timeout=httpx.Timeout(timeout, connect=connect_timeout
                                                        if connect_timeout is not None
                                                        else timeout))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ServerClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plain calls -----------------------------------------------------------------
    def _check(self, r: httpx.Response) -> httpx.Response:
        if r.status_code < 400:
            return r
        try:
            msg = str(r.json().get("error") or r.reason_phrase)
        except (ValueError, AttributeError):
            msg = r.reason_phrase or f"HTTP {r.status_code}"
        raise ServerError(f"server: {msg}", r.status_code)

    def _call(self, method: str, path: str, **kw: Any) -> httpx.Response:
        try:
            return self._check(self._http.request(method, path, **kw))
        except httpx.HTTPError as e:
            raise ServerError(f"cannot reach {self.url}: {e}") from None

    def health(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", "/health").json()
        return result

    def models(self) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", "/models").json()
        return result

    def submit(self, path: str | os.PathLike[str], *, model: str = "auto",
               scale: int | None = None, output_format: str | None = None,
               colorize: str | None = None, tile: int | str | None = "auto",
               backend: str = "auto", quality: int | None = None,
               self_ensemble: bool = False, codec: str | None = None,
               crf: int | None = None, bitrate: str | None = None,
               preset: str | None = None, cancel: CancelToken | None = None) -> str:
        """Upload ``path`` (streamed from disk) as a job; returns its id.  ``quality`` is
        JPEG/WebP's; ``codec``, ``crf``, ``bitrate``, ``preset`` encode a video (None: the
        server's defaults).  A ``cancel`` set during the upload raises CancelledError."""
        p = Path(path)
        fields = {"model": model, "backend": backend,
                  "tile": "off" if tile is None else str(tile)}
        optional = {"scale": scale, "format": output_format, "colorize": colorize,
                    "quality": quality, "codec": codec, "crf": crf, "bitrate": bitrate,
                    "preset": preset, "self_ensemble": "true" if self_ensemble else None}
        fields.update({k: str(v) for k, v in optional.items() if v is not None and v != ""})
        with open(p, "rb") as f:
            r = self._call("POST", "/jobs", data=fields,
                           files={"file": (p.name, _CancellableFile(f, cancel))})
        return str(r.json()["id"])

    def status(self, job_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self._call("GET", f"/jobs/{job_id}").json()
        return result

    def cancel(self, job_id: str) -> None:
        try:
            self._call("DELETE", f"/jobs/{job_id}")
        except ServerError as e:
            if e.status != 404:
                raise

    def events(self, job_id: str) -> Iterator[dict[str, Any]]:
        """The job's events as they happen (server-sent events), ending with 'end'; a
        'keep-alive' every couple of seconds of silence (a chance to check a cancel)."""
        try:
            with self._http.stream("GET", f"/jobs/{job_id}/events",
                                   timeout=httpx.Timeout(self._http.timeout.connect,
                                                         read=None)) as s:
                if s.status_code >= 400:
                    s.read()
                    self._check(s)
                for line in s.iter_lines():
                    if line.startswith("data: "):
                        yield json.loads(line[6:])
                    elif line.startswith(":"):        # the server's keep-alive
                        yield {"type": "keep-alive"}
        except httpx.HTTPError as e:
            raise ServerError(f"lost the connection to {self.url}: {e}") from None

    def download(self, job_id: str, folder: str | os.PathLike[str], name: str,
                 overwrite: bool = False, cancel: CancelToken | None = None) -> Path:
        """Save the result as ``folder/name`` through a part file and a rename (a cancel
        between chunks raises CancelledError and leaves no part file)."""
        out = Path(folder) / Path(name).name
        if out.exists() and not overwrite:
            raise ServerError(f"{out} already exists")
        out.parent.mkdir(parents=True, exist_ok=True)
        part = out.with_name(f".{out.name}.part")
        try:
            with self._http.stream("GET", f"/jobs/{job_id}/result") as s:
                if s.status_code >= 400:
                    s.read()
                    self._check(s)
                with open(part, "wb") as f:
                    for chunk in s.iter_bytes():
                        if cancel is not None and cancel.cancelled:
                            raise CancelledError("cancelled by the user")
                        f.write(chunk)
            os.replace(part, out)
        except httpx.HTTPError as e:
            raise ServerError(f"lost the connection to {self.url}: {e}") from None
        finally:
            part.unlink(missing_ok=True)
        return out

    # --- one file, as the engine would run it ---------------------------------------
    def run(self, path: str | os.PathLike[str], folder: str | os.PathLike[str], *,
            progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
            overwrite: bool = False, keep_on_server: bool = False,
            output: str | os.PathLike[str] | None = None, **options: Any) -> FileResult:
        """Upscale ``path`` on the server into ``folder`` (named as the server names it),
        or into exactly ``output`` (a local plan's name): engine events on the way, a
        FileResult at the end (errors in it, like a local run); a cancel raises
        CancelledError after the server cancelled the job (which leaves nothing there)."""
        t0 = time.perf_counter()
        src = Path(path)
        res = FileResult(input=src)
        try:
            job = self.submit(src, cancel=cancel, **options)
        except ServerError as e:
            res.error = str(e)
            emit(progress, Finished(res))
            return res
        end: dict[str, Any] = {}
        try:
            for ev in self.events(job):
                if cancel is not None and cancel.cancelled:
                    break
                kind = ev.get("type")
                if kind == "file_started":
                    emit(progress, FileStarted(0, 1, src, ev.get("model", ""),
                                               ev.get("model_reason", "")))
                elif kind == "started":
                    emit(progress, Started(ev.get("what", ""), int(ev.get("total") or 0),
                                           ev.get("detail") or ""))
                elif kind == "progress":
                    emit(progress, Progress(ev["done"], ev["total"], ev.get("eta_s"),
                                            ev.get("rate"), ev.get("detail", "")))
                elif kind == "warning":
                    emit(progress, Warning_(ev["message"]))
                elif kind == "finished":
                    res.model, res.model_reason = ev.get("model"), ev.get("model_reason", "")
                    res.input_size = tuple(ev["input_size"]) if ev.get("input_size") else None
                    res.output_size = (tuple(ev["output_size"]) if ev.get("output_size")
                                       else None)
                    res.colorized = bool(ev.get("colorized"))
                    res.tile = ev.get("tile")
                elif kind == "end":
                    end = ev
            if cancel is not None and cancel.cancelled:
                self.cancel(job)
                raise CancelledError("cancelled by the user")
            if end.get("state") == "done":
                if output is not None:
                    folder, name = Path(output).parent, Path(output).name
                else:
                    name = self.status(job)["result"]["filename"]
                res.output = self.download(job, folder, name, overwrite=overwrite,
                                           cancel=cancel)
            else:
                res.error = f"server: {end.get('error') or end.get('state') or 'failed'}"
        except ServerError as e:
            res.error = str(e)
        except BaseException:
            self.cancel(job)
            raise
        finally:
            if not keep_on_server and not (cancel is not None and cancel.cancelled):
                try:
                    self.cancel(job)      # DELETE of a finished job frees its files
                except ServerError:
                    pass
        res.seconds = time.perf_counter() - t0
        emit(progress, Finished(res))
        return res
