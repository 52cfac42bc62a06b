"""One job of the server as a record: its plan, state, progress and the events it has sent.

The job manager (:mod:`app.server.jobs`) changes a job's state; the API reads it
(``summary``, ``events_after``) from other threads, so the event log has its own lock.
Nothing here runs anything or knows HTTP.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from engine.events import CancelToken
from engine.jobs.plan import Plan

State = Literal["queued", "running", "done", "failed", "cancelled"]
FINAL: tuple[State, ...] = ("done", "failed", "cancelled")
EVENTS_KEPT = 500          # per job; progress and tile events are many, the rest few


@dataclass
class Job:
    """One upload being upscaled: its plan, state, progress and the events the engine sent."""

    id: str
    folder: Path
    label: str                      # the client's FILENAME, as a label
    kind: str
    plan: Plan
    ephemeral: bool = False         # /picture and /video: removed once answered
    state: State = "queued"
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    error: str | None = None
    error_status: int | None = None   # the HTTP status a failure maps to
    output: Path | None = None
    model: str = ""
    model_reason: str = ""
    progress: dict[str, Any] = field(default_factory=dict)
    cancel: CancelToken = field(default_factory=CancelToken)
    done: threading.Event = field(default_factory=threading.Event)
    events: deque[tuple[int, dict[str, Any]]] = field(
        default_factory=lambda: deque(maxlen=EVENTS_KEPT))
    _seq: itertools.count = field(default_factory=itertools.count)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add_event(self, ev: dict[str, Any]) -> None:
        with self._lock:
            self.events.append((next(self._seq), ev))

    def events_after(self, seq: int) -> list[tuple[int, dict[str, Any]]]:
        """Events newer than ``seq`` (-1: all still kept)."""
        with self._lock:
            return [(n, e) for n, e in self.events if n > seq]

    def public_text(self, text: str) -> str:
        """An engine message with the server's folders replaced by the client's label."""
        for p in sorted(self.folder.rglob("*"), key=lambda p: -len(str(p))) \
                if self.folder.exists() else []:
            text = text.replace(str(p), p.name if p.parent.name == "out" else self.label)
        return text.replace(str(self.folder), "")

    def summary(self, queue_position: int | None = None) -> dict[str, Any]:
        """What GET /jobs/{id} answers (without the event log)."""
        d: dict[str, Any] = {
            "id": self.id, "state": self.state, "kind": self.kind, "filename": self.label,
            "model": self.model or self.plan.items[0].model_name if self.plan.items else "",
            "model_reason": self.model_reason or (self.plan.items[0].model_reason
                                                  if self.plan.items else ""),
            "scale": self.plan.request.scale, "created": self.created, "started": self.started,
            "finished": self.finished, "progress": dict(self.progress), "error": self.error,
            "queue_position": queue_position,
            "result": None,
        }
        if self.state == "done" and self.output is not None:
            d["result"] = {"filename": self.output.name, "url": f"/jobs/{self.id}/result",
                           "bytes": self.output.stat().st_size if self.output.exists() else None}
        return d
