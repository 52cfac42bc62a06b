"""What the outside is told about a job: the engine's events as JSON (no pixels, no server
paths), the HTTP status a failure maps to, and the operator's one log line.

Kept apart from the queue (:mod:`app.server.jobs`) so the wording clients and operators
read is in one place and the workers only decide what happened.
"""

from __future__ import annotations

from typing import Any

from app.server.job_record import Job
from engine.events import (
    Event,
    Failed,
    FileStarted,
    Finished,
    Progress,
    Started,
    TileDone,
    Warning_,
)
from engine.jobs.upscale import FileResult

_MEMORY_WORDS = ("not enough memory", "out of memory", "disk is full", "no space left")


def event_dict(ev: Event, job: Job) -> dict[str, Any] | None:
    """An engine event as JSON (no pixels, no server paths); None for ones not shown."""
    if isinstance(ev, Progress):
        frac = ev.fraction if ev.fraction is not None else (ev.done / ev.total
                                                            if ev.total else None)
        return {"type": "progress", "done": ev.done, "total": ev.total, "fraction": frac,
                "eta_s": ev.eta_s, "rate": ev.rate, "detail": ev.detail}
    if isinstance(ev, TileDone):
        return {"type": "tile", "rect": list(ev.rect)}
    if isinstance(ev, Started):
        return {"type": "started", "what": ev.what, "total": ev.total, "detail": ev.detail}
    if isinstance(ev, Warning_):
        return {"type": "warning", "message": job.public_text(ev.message)}
    if isinstance(ev, FileStarted):
        return {"type": "file_started", "index": ev.index, "total": ev.total,
                "filename": job.label, "model": ev.model, "model_reason": ev.model_reason}
    if isinstance(ev, Finished) and isinstance(ev.result, FileResult):
        r = ev.result
        return {"type": "finished", "ok": r.ok,
                "error": job.public_text(r.error) if r.error else None,
                "output": r.output.name if r.output else None, "seconds": r.seconds,
                "input_size": r.input_size, "output_size": r.output_size,
                "model": r.model, "model_reason": r.model_reason, "colorized": r.colorized,
                "tile": r.tile}
    if isinstance(ev, Failed):
        return {"type": "failed", "error": job.public_text(str(ev.error))}
    return None


def job_line(job: Job) -> str:
    """The operator's one line for a job that ended (``srstudio serve`` logs it)."""
    where = job.plan.request.device
    took = f"{job.finished - job.started:.1f} s" if job.finished and job.started else "-"
    if job.state == "done" and job.output is not None:
        return (f"job {job.id}: {job.label} -> {job.output.name} ({job.model or '?'}, "
                f"{took} on {where})")
    return f"job {job.id}: {job.label} {job.state}" + (f": {job.error}" if job.error and
                                                        job.error != job.state else "")


def classify_failure(job: Job, message: str) -> int:
    """The HTTP status of a failed job: 413 for an input over the pixel cap, 500 for the
    server's own trouble (memory, disk), else 400 (the input could not be processed)."""
    from engine.errors import ImageReadError, ImageTooLargeError

    low = message.lower()
    if any(w in low for w in _MEMORY_WORDS):
        return 500
    if job.kind == "image" and job.plan.items:
        from engine.io import read_image
        try:
            read_image(job.plan.items[0].input, max_pixels=job.plan.request.max_pixels)
        except ImageTooLargeError:
            return 413
        except ImageReadError:
            return 400
        except (OSError, MemoryError):
            return 500
    if "megapixel limit" in low:
        return 413
    return 400
