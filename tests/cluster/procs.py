"""Processes the cluster tests start: a command's whole session (its local Ray too), and
the Ray workers' titles (``ray::ItemWorker.run`` while a worker computes)."""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path


def session_pids(sid: int) -> list[int]:
    """Every live process of session ``sid`` (a command started with start_new_session)."""
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            out.append(int(d.name))
    return out


def kill_session(sid: int) -> None:
    """SIGKILL what is left of session ``sid`` (a killed driver's local Ray)."""
    for pid in session_pids(sid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def titles(sid: int) -> dict[int, str]:
    """pid -> command line (Ray sets a worker's to 'ray::ItemWorker.run' while it runs)."""
    out = {}
    for pid in session_pids(sid):
        with contextlib.suppress(OSError):
            out[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ") \
                .decode(errors="replace").strip()
    return out


def workers(sid: int, running: bool = False) -> list[int]:
    """The session's cluster workers (only those computing a task, with ``running``)."""
    want = "ray::ItemWorker." if running else "ray::ItemWorker"
    return [pid for pid, t in titles(sid).items() if t.startswith(want)]
