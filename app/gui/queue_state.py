"""The job queue's rows and the rules that change them, in plain Python (no Qt).

The queue's rules (de-duplication, which rows a Start takes, what a job's events do to its
row, what a removal may take, what a worker that ended leaves behind) live here so that
tests drive them without a QApplication (``tests/test_queue_state.py``).  Qt's table
model (:mod:`app.gui.queue_model`) is a listener that only shows these rows; the queue
controller (:mod:`app.gui.queue_controller`) decides when each operation runs.  An
import-linter contract keeps Qt out of this module.

Rows are identified by a stable integer id (not the row number) because workers report
progress asynchronously and rows may be removed meanwhile.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol


class Status(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    ERROR = "error"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"


FINISHED = (Status.DONE, Status.ERROR, Status.CANCELLED, Status.SKIPPED)
PENDING = (Status.QUEUED, Status.RUNNING)


class Cancellable(Protocol):
    """A row's job as the queue sees it: something to cancel (engine.events.CancelToken)."""

    def cancel(self) -> None: ...


class JobResult(Protocol):
    """What a finished job reports: the engine's FileResult (a video's adds ``frames``,
    ``fps``, ``resumed_frames`` and ``encoder``, read where present)."""

    error: str | None
    output: Path | None
    seconds: float
    tile: int | None
    auto_tile: bool
    input_size: tuple[int, int] | None
    output_size: tuple[int, int] | None
    colorized: bool


def result_label(model: str, scale: int | None, colorized: bool = False) -> str:
    """A finished output's caption ('model ×4'): a colorized one says so, so it is not
    mistaken for (nor replaces) the plain result of the same model."""
    label = f"{model} ×{scale}"
    return f"{label} · colorized" if colorized else label


@dataclass
class QueueItem:
    id: int
    path: Path
    root: Path | None = None          # the dropped folder it came from (sub-folders mirrored)
    status: Status = Status.QUEUED
    done: int = 0
    total: int = 0
    eta_s: float | None = None
    rate: float | None = None
    message: str = ""                 # error text or a short note
    output: Path | None = None        # latest output
    model: str = ""                   # model of the latest/current run
    scale: int | None = None
    tile: int | None = None
    auto_tile: bool = False
    seconds: float = 0.0
    input_size: tuple[int, int] | None = None
    output_size: tuple[int, int] | None = None
    colorized: bool = False           # the latest run coloured this gray input
    results: dict[str, Path] = field(default_factory=dict)  # model label -> finished output
    video: bool = False               # a video: progress counts frames
    frames: int | None = None         # video frame count (from the probe, then the result)
    video_fps: float | None = None    # the video's frame rate
    video_info: str = ""              # the probe's one-line description
    resumable: bool = False           # a cancelled video whose finished parts a re-run reuses
    # the job a worker holds for this row (running or waiting), until it reports an end
    job: Cancellable | None = field(default=None, repr=False, compare=False)

    @property
    def fraction(self) -> float:
        if self.status == Status.DONE:
            return 1.0
        return self.done / self.total if self.total else 0.0


# what a queue worker reports about a row, as the controller hands it over ---------------
@dataclass(frozen=True)
class JobStarted:
    item_id: int


@dataclass(frozen=True)
class JobProgress:
    item_id: int
    done: int
    total: int
    eta_s: float | None = None
    rate: float | None = None


@dataclass(frozen=True)
class JobFinished:
    item_id: int
    result: JobResult


@dataclass(frozen=True)
class JobCancelled:
    item_id: int
    resumable: bool = False   # a video whose finished parts a re-run reuses


JobEvent = JobStarted | JobProgress | JobFinished | JobCancelled


class QueueListener(Protocol):
    """Told around every change, so a view can keep up (Qt wants to hear before a row
    is inserted or removed, and after)."""

    def rows_inserting(self, first: int, last: int) -> None: ...

    def rows_inserted(self) -> None: ...

    def row_removing(self, row: int) -> None: ...

    def row_removed(self) -> None: ...

    def row_changed(self, row: int) -> None: ...


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


class QueueState:
    """The rows, in order, and every operation on them that does not depend on what the
    user has selected."""

    def __init__(self) -> None:
        self._items: list[QueueItem] = []
        self._next_id = 1
        self._listeners: list[QueueListener] = []
        self._planning: set[int] = set()   # rows whose plan is being made
        self._batch: set[int] = set()      # rows handed over since the last batch ended

    def listen(self, listener: QueueListener) -> None:
        self._listeners.append(listener)

    # reading ------------------------------------------------------------------------------
    @property
    def items(self) -> list[QueueItem]:
        return list(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def item(self, row: int) -> QueueItem:
        return self._items[row]

    def row_of(self, item_id: int) -> int:
        for i, it in enumerate(self._items):
            if it.id == item_id:
                return i
        return -1

    def by_id(self, item_id: int) -> QueueItem | None:
        row = self.row_of(item_id)
        return self._items[row] if row >= 0 else None

    def count(self, status: Status) -> int:
        return sum(1 for it in self._items if it.status == status)

    def summary(self) -> dict[Status, int]:
        """How many rows are in each state (the status bar's counts)."""
        return {s: self.count(s) for s in Status}

    def active(self) -> list[int]:
        """Rows whose job a worker holds, running or waiting: what closing would stop."""
        return [it.id for it in self._items if it.job is not None]

    # adding, changing, removing -------------------------------------------------------------
    def add_files(self, files: Iterable[tuple[Path, Path | None]]) -> list[QueueItem]:
        """Append (file, root folder) pairs, skipping files already waiting or running
        (a finished file may be queued again)."""
        pending = {_key(it.path) for it in self._items if it.status in PENDING}
        new: list[QueueItem] = []
        for f, root in files:
            key = _key(Path(f))
            if key in pending:
                continue
            pending.add(key)
            new.append(QueueItem(id=self._next_id, path=Path(f), root=root))
            self._next_id += 1
        if new:
            first = len(self._items)
            for lst in self._listeners:
                lst.rows_inserting(first, first + len(new) - 1)
            self._items.extend(new)
            for lst in self._listeners:
                lst.rows_inserted()
        return new

    def update(self, item_id: int, **changes: Any) -> QueueItem | None:
        """Set fields of a row (None: the row is gone)."""
        row = self.row_of(item_id)
        if row < 0:
            return None
        item = self._items[row]
        for k, v in changes.items():
            if not hasattr(item, k):
                raise AttributeError(f"a queue row has no field {k!r}")
            setattr(item, k, v)
        for lst in self._listeners:
            lst.row_changed(row)
        return item

    def remove(self, ids: Iterable[int]) -> set[int]:
        """Remove rows, except those whose job a worker still holds (cancel them first);
        returns the ids removed."""
        wanted = set(ids)
        removed: set[int] = set()
        for row in range(len(self._items) - 1, -1, -1):
            it = self._items[row]
            if it.id in wanted and it.job is None:
                for lst in self._listeners:
                    lst.row_removing(row)
                del self._items[row]
                for lst in self._listeners:
                    lst.row_removed()
                removed.add(it.id)
        self._planning -= removed
        self._batch -= removed
        return removed

    def remove_finished(self) -> set[int]:
        """Queue ▸ Remove finished."""
        return self.remove(it.id for it in self._items if it.status in FINISHED)

    # starting -------------------------------------------------------------------------------
    def startable(self, ids: Iterable[int] | None = None) -> list[QueueItem]:
        """The queued rows (or those of ``ids``) that no job holds and no plan is being
        made for: what a Start takes."""
        wanted = set(ids) if ids is not None else None
        return [it for it in self._items if it.status == Status.QUEUED and it.job is None
                and it.id not in self._planning and (wanted is None or it.id in wanted)]

    def planning(self, ids: Iterable[int]) -> None:
        """A plan is being made for these rows: a second Start skips them."""
        self._planning.update(ids)

    def planned(self, ids: Iterable[int]) -> None:
        """The plan for these rows is made (or failed): a Start may take them again."""
        self._planning.difference_update(ids)

    def waiting(self, item_id: int) -> QueueItem | None:
        """The row if it still waits for a job: not removed, cancelled or started while
        its plan was made."""
        it = self.by_id(item_id)
        return it if it is not None and it.status == Status.QUEUED and it.job is None \
            else None

    def hand_over(self, item_id: int, job: Cancellable, model: str, scale: int) -> None:
        """A worker takes the row's job: the row forgets its previous run."""
        if self.update(item_id, job=job, model=model, scale=scale, done=0, total=0,
                       message="", eta_s=None, rate=None, resumable=False,
                       colorized=False) is not None:
            self._batch.add(item_id)

    def skip(self, item_id: int, reason: str, model: str, scale: int) -> None:
        """Not run (its output exists and the user chose to skip it)."""
        self.update(item_id, status=Status.SKIPPED, message=reason, model=model, scale=scale)

    def rerun(self, ids: Iterable[int]) -> None:
        """Finished rows wait again (a re-run with the current settings)."""
        for i in ids:
            it = self.by_id(i)
            if it is not None and it.status in FINISHED:
                self.update(i, status=Status.QUEUED, message="", done=0, total=0,
                            resumable=False)

    # cancelling -----------------------------------------------------------------------------
    def cancel(self, ids: Iterable[int], note: str) -> None:
        """Cancel rows: a job a worker holds is told to stop and the row shows ``note``
        until the worker reports it; a row that waits is cancelled at once."""
        for i in ids:
            it = self.by_id(i)
            if it is None:
                continue
            if it.job is not None:
                it.job.cancel()
                self.update(i, message=note)
            elif it.status == Status.QUEUED:
                self.update(i, status=Status.CANCELLED)

    def cancel_jobs(self, note: str) -> None:
        """Tell every job a worker holds to stop (rows still waiting for a plan stay)."""
        for it in self._items:
            if it.job is not None:
                it.job.cancel()
                self.update(it.id, message=note)

    # a worker's reports -----------------------------------------------------------------------
    def apply(self, event: JobEvent) -> QueueItem | None:
        """What a worker reported about a row; returns the row (None: it is gone)."""
        if isinstance(event, JobStarted):
            return self.update(event.item_id, status=Status.RUNNING, done=0, total=0)
        if isinstance(event, JobProgress):
            return self.update(event.item_id, done=event.done, total=event.total,
                               eta_s=event.eta_s, rate=event.rate)
        if isinstance(event, JobCancelled):
            return self.update(event.item_id, job=None, status=Status.CANCELLED, message="",
                               eta_s=None, rate=None, resumable=event.resumable)
        return self._finished(event.item_id, event.result)

    def _finished(self, item_id: int, res: JobResult) -> QueueItem | None:
        it = self.by_id(item_id)
        if it is None:
            return None
        if res.error:
            return self.update(item_id, job=None, status=Status.ERROR, message=res.error,
                               seconds=res.seconds)
        results = dict(it.results)
        if res.output is not None:
            results[result_label(it.model, it.scale, res.colorized)] = res.output
        changes: dict[str, Any] = dict(
            job=None, status=Status.DONE, output=res.output, results=results,
            seconds=res.seconds, tile=res.tile, auto_tile=res.auto_tile,
            input_size=res.input_size, output_size=res.output_size, colorized=res.colorized,
            done=it.total, message="", eta_s=None, resumable=False)
        if it.video:
            frames = getattr(res, "frames", 0) or it.frames
            changes.update(frames=frames, done=frames, total=frames,
                           rate=getattr(res, "fps", None))
        return self.update(item_id, **changes)

    def end_batch(self, note: str) -> list[Status]:
        """No worker runs any more: a row whose job never reported (the worker died) ends
        as an error saying ``note``; returns what became of the rows handed over since the
        last batch ended (the status line's summary)."""
        for it in self._items:
            if it.job is not None:
                if it.status in PENDING:
                    self.update(it.id, job=None, status=Status.ERROR, message=note)
                else:
                    it.job = None
        ended = [it.status for it in self._items if it.id in self._batch]
        self._batch.clear()
        return ended
