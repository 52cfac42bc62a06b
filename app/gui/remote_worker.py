"""Runs the queue's rows on an ``srstudio serve`` server (*Run on: a server*).

The local plan still decides each row (its model, ``auto`` by content, and its output
path), so a remote row is named exactly as a local one; this worker adapts the PlanItem to
the server's job API through :class:`app.server.client.ServerClient` (upload, the job's
server-sent events, an atomic download to the item's own output path) and reports through
the same row signals as the local worker.  Nothing here is numerical; httpx and the client
are imported only when a worker runs, so the window starts without them.
"""

from __future__ import annotations

import functools
import time
import traceback
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import Signal

from app.gui.job_settings import JobSettings
from app.gui.queue_worker import QueueWorker, UpscaleJob
from app.gui.workers import Worker, one_line

PROGRESS_INTERVAL_S = 0.05   # as the local worker: at most ~20 progress signals a second
CONNECT_TIMEOUT_S = 5.0      # an unreachable address says so in seconds, not half a minute
FULL_STRENGTH = 1.0          # the server colours with the whole predicted chroma


def normalize_url(text: str) -> str:
    """``http://host:port`` from what a user typed (``host:port`` gets ``http://``)."""
    url = text.strip().rstrip("/")
    if url and "://" not in url:
        url = "http://" + url
    return url


@dataclass(frozen=True)
class ServerTarget:
    """Where *Run on: a server* sends the jobs: the server's URL and its token (may be
    empty for a server started without one)."""

    url: str
    token: str = ""

    @property
    def label(self) -> str:
        """``host:port``, for log lines and the row's messages."""
        return urlsplit(self.url).netloc or self.url

    def speed_device(self) -> str:
        """The 'device' of this server in the video-cost speed records (a key part without
        '/' or ':', so a server's speed never passes for this computer's)."""
        safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in self.label)
        return f"server-{safe}"

    def client(self) -> Any:
        """An :class:`app.server.client.ServerClient` for this server (httpx is imported
        here, in the worker's thread); ClientUnavailable without the server extra."""
        try:
            from app.server.client import ServerClient
        except ImportError as e:
            raise ClientUnavailable(
                f"running on a server needs {e.name or 'httpx'}, which this installation "
                "lacks: pip install 'srstudio[server]'") from None
        return ServerClient(self.url, token=self.token or None,
                            connect_timeout=CONNECT_TIMEOUT_S)


class ClientUnavailable(Exception):
    """The server client cannot be loaded here (an install without the server extra)."""


def why_unusable(err: BaseException, target: ServerTarget) -> str:
    """One line for a server that cannot be used: unreachable, refusing the token, not an
    SR Studio server (an answer that is not its JSON, an address that is no URL), or no
    client in this installation."""
    if isinstance(err, ClientUnavailable):
        return str(err)
    status = getattr(err, "status", None)
    if status == 401:
        return (f"{target.label} refused the token: type the token the server was started "
                f"with (--token or --token-file) under Run on")
    if status is None:   # not the client's ServerError
        return f"{target.url} is not an SR Studio server ({one_line(err)})"
    if status in (404, 405):
        return f"{target.url} is not an SR Studio server (it has no job API)"
    text = one_line(err).removeprefix("server: ")
    return text if target.label in text or target.url in text else f"{target.label}: {text}"


def remote_options(item: Any, s: JobSettings) -> dict[str, Any]:
    """The server's job options for one planned row: the model the local plan chose (so
    the output name is the one the local run would use), the plan's output format, and
    the settings the server's job API takes."""
    opts: dict[str, Any] = {"model": item.model_name, "scale": s.scale, "tile": s.tile,
                            "backend": s.backend, "colorize": s.colorize,
                            "self_ensemble": s.self_ensemble}
    if item.kind == "video":
        opts.update(codec=s.video_codec, preset=s.video_preset or None,
                    bitrate=s.video_bitrate or None,
                    crf=None if s.video_bitrate else s.video_crf)
    else:
        opts.update(output_format=item.output.suffix.lstrip(".").lower() or None,
                    quality=s.quality)
    return opts


def remote_notes(s: JobSettings) -> list[str]:
    """What of the settings stays on this computer when the jobs run on a server."""
    notes = []
    if s.device != "auto" or s.precision != "auto":
        notes.append("the server chooses its own device and precision "
                     f"(Device {s.device}, Precision {s.precision} apply on this computer)")
    if s.video_hw:
        notes.append(f"the server chooses its own video encoder ({s.video_hw} hardware "
                     "encoding applies on this computer)")
    if s.colorize and s.colorize_strength != FULL_STRENGTH:
        notes.append(f"the server colours at full strength (the colour setting "
                     f"{round(s.colorize_strength * 100)} % applies on this computer)")
    return notes


def known_names(models: dict[str, Any]) -> set[str]:
    """Every model name, role and resizer a server's ``GET /models`` offers, lower case."""
    names = {str(m.get("name", "")).lower() for m in models.get("models", [])}
    names |= {str(r).lower() for r in models.get("roles", {})}
    names |= {str(r).lower() for r in models.get("resizers", [])}
    return names | {"auto"}


@functools.cache
def _video_result_type() -> type:
    """A FileResult with the video fields the queue shows (frames, processing fps),
    defined on first use: the engine's results module is not imported at start-up."""
    from dataclasses import dataclass as dc

    from engine.jobs.upscale import FileResult

    @dc
    class RemoteVideoResult(FileResult):
        frames: int = 0
        fps: float = 0.0
        resumed_frames: int = 0
        encoder: str | None = None

    return RemoteVideoResult


class ServerCheckWorker(Worker):
    """*Test connection*: ``checked(ok, one line)`` after asking the server for its health
    and (with the token) its models."""

    checked = Signal(bool, str)

    def __init__(self, target: ServerTarget) -> None:
        super().__init__()
        self.target = target

    def work(self) -> None:
        t = self.target
        if not t.url:
            self.checked.emit(False, self.tr("Type the server's address, e.g. "
                                             "http://192.168.1.20:8765"))
            return
        try:
            with t.client() as c:
                health = c.health()
                models = c.models()
        except Exception as e:  # unreachable, refused, or something else at that address
            self.checked.emit(False, why_unusable(e, t))
            return
        n = len(models.get("models", []))
        self.checked.emit(True, self.tr("Connected: SR Studio {v} on {dev}, {n} models").format(
            v=health.get("version", "?"), dev=", ".join(health.get("devices", [])) or "?",
            n=n))


class RemoteUpscaleWorker(QueueWorker):
    """Runs queued jobs one after another on a server, one upload at a time.

    The server is asked for its models before the first job: one that cannot be reached
    or refuses the token ends every row with that one line, without uploading anything.
    """

    def __init__(self, jobs: list[UpscaleJob], target: ServerTarget) -> None:
        super().__init__(jobs)
        self.target = target
        self._client: Any = None
        self._known: set[str] = set()
        self._refused: str | None = None   # why no job can run on this server
        self._noted = False                # remote_notes logged (once per run)

    def work(self) -> None:
        try:
            super().work()
        finally:
            if self._client is not None:
                self._client.close()

    def prepare(self) -> None:
        if not self.target.url:
            self._refused = self.tr("no server address: type it under Run on")
        else:
            try:
                self._client = self.target.client()
                self._known = known_names(self._client.models())
            except Exception as e:  # unreachable, refused, or something else there
                self._refused = why_unusable(e, self.target)
        if self._refused:
            self.message.emit(self._refused, "error")
            return
        self.message.emit(self.tr("Running the queue on the server {s}").format(
            s=self.target.url), "info")

    def _notes_once(self, s: JobSettings) -> None:
        if self._noted:
            return
        self._noted = True
        for note in remote_notes(s):
            self.message.emit(note[0].upper() + note[1:], "warning")

    def run_job(self, job: UpscaleJob, item: Any) -> None:
        from engine.errors import CancelledError
        from engine.jobs import FileResult
        s = job.settings
        self.rowStarted.emit(job.item_id, item.model_name, s.scale)
        if self._refused:
            self.rowFinished.emit(job.item_id, FileResult(input=job.input, error=self._refused))
            return
        if item.model_name.lower() not in self._known:
            self.rowFinished.emit(job.item_id, FileResult(input=job.input, error=self.tr(
                "the server {s} has no model {m!r}: install it there, or Run on: This "
                "computer").format(s=self.target.label, m=item.model_name)))
            return
        self._notes_once(s)
        video = item.kind == "video"
        self.message.emit(self.tr("Upscaling {name} on {server} with {model} (×{scale})")
                          .format(name=job.input.name, server=self.target.label,
                                  model=item.model_name, scale=s.scale), "info")
        state: dict[str, Any] = {"last": 0.0, "total": 0}
        try:
            res = self._client.run(item.input, item.output.parent, output=item.output,
                                   overwrite=job.overwrite, cancel=job.cancel,
                                   progress=lambda ev: self._on_event(job, ev, video, state),
                                   **remote_options(item, s))
        except CancelledError:
            self.rowCancelled.emit(job.item_id, False)   # the server keeps no parts
            return
        except Exception as e:  # an unexpected error must still end up in the row
            self.message.emit("".join(traceback.format_exception(e)).rstrip(), "error")
            res = FileResult(input=job.input, error=one_line(e))
        if res.error and res.error.startswith("server: "):   # name the server, one line
            res.error = f"{self.target.label}: {res.error.removeprefix('server: ')}"
        if video and res.ok:
            frames = state["total"]
            res = _video_result_type()(
                **{f.name: getattr(res, f.name) for f in fields(res) if f.init},
                frames=frames, fps=frames / res.seconds if res.seconds else 0.0,
                encoder=self.tr("the server's"))
        self.rowFinished.emit(job.item_id, res)

    def _on_event(self, job: UpscaleJob, ev: Any, video: bool, state: dict[str, Any]) -> None:
        """The engine events the client re-made from the server's, as row signals (in
        this worker's thread, so the signals are queued to the window)."""
        from engine.events import Progress, Started, Warning_
        if isinstance(ev, Started):
            if video and ev.what != "video":
                return
            state["total"] = ev.total
            self.rowProgress.emit(job.item_id, 0, ev.total, None, None)
        elif isinstance(ev, Progress):
            if video and (ev.detail == "muxed" or not state["total"]):
                return   # the final mux step: the row keeps its frame count
            now = time.perf_counter()
            if now - state["last"] >= PROGRESS_INTERVAL_S or ev.done >= ev.total:
                state["last"] = now
                self.rowProgress.emit(job.item_id, ev.done, ev.total, ev.eta_s, ev.rate)
        elif isinstance(ev, Warning_):
            self.message.emit(ev.message, "warning")
