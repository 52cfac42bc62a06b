"""The app's queue rules without Qt: app.gui.queue_state (rows, de-duplication, what a
Start takes, a job's events, cancel, remove, a worker that died) and
app.gui.output_conflicts (existing outputs), driven as plain Python; both import with
PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.gui.output_conflicts import OutputConflicts, free_name
from app.gui.queue_state import (
    JobCancelled,
    JobFinished,
    JobProgress,
    JobStarted,
    QueueState,
    Status,
)

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Token:
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


@dataclass
class Result:
    error: str | None = None
    output: Path | None = None
    seconds: float = 1.5
    tile: int | None = 256
    auto_tile: bool = True
    input_size: tuple[int, int] | None = (4, 3)
    output_size: tuple[int, int] | None = (8, 6)
    colorized: bool = False


class Recorder:
    """A listener that keeps what it was told, as Qt's model must hear it."""

    def __init__(self, state: QueueState) -> None:
        self.state, self.calls = state, []
        state.listen(self)

    def rows_inserting(self, first: int, last: int) -> None:
        self.calls.append(("inserting", first, last, len(self.state)))

    def rows_inserted(self) -> None:
        self.calls.append(("inserted", len(self.state)))

    def row_removing(self, row: int) -> None:
        self.calls.append(("removing", row, len(self.state)))

    def row_removed(self) -> None:
        self.calls.append(("removed", len(self.state)))

    def row_changed(self, row: int) -> None:
        self.calls.append(("changed", row))


def queue_of(*names: str) -> QueueState:
    q = QueueState()
    q.add_files([(Path(f"/in/{n}"), None) for n in names])
    return q


def test_add_skips_files_already_waiting_or_running_but_queues_finished_ones_again() -> None:
    q = QueueState()
    rec = Recorder(q)
    a, b = q.add_files([(Path("/in/a.png"), None), (Path("/in/b.png"), Path("/in"))])
    assert (a.id, b.id, b.root) == (1, 2, Path("/in"))
    # the listener hears before and after the rows arrive (Qt's begin/endInsertRows)
    assert rec.calls == [("inserting", 0, 1, 0), ("inserted", 2)]
    assert q.add_files([(Path("/in/a.png"), None), (Path("/in/./b.png"), None)]) == []
    q.update(a.id, status=Status.DONE)
    (again,) = q.add_files([(Path("/in/a.png"), None), (Path("/in/a.png"), None)])
    assert again.id == 3 and [it.path.name for it in q.items] == ["a.png", "b.png", "a.png"]
    with pytest.raises(AttributeError):
        q.update(a.id, stauts=Status.DONE)


def test_start_takes_queued_rows_once_and_a_job_runs_to_done() -> None:
    q = queue_of("a.png", "b.png", "c.png")
    a, b, c = q.items
    q.update(c.id, status=Status.DONE)
    assert [it.id for it in q.startable()] == [a.id, b.id]
    assert [it.id for it in q.startable([b.id, c.id])] == [b.id]
    q.planning([a.id, b.id])
    assert q.startable() == []                      # a second Start plans nothing twice
    q.planned([a.id, b.id])
    token = Token()
    q.hand_over(a.id, token, "fast_x2", 2)
    assert q.waiting(a.id) is None and q.waiting(b.id) is b and q.active() == [a.id]
    assert [it.id for it in q.startable()] == [b.id]
    q.apply(JobStarted(a.id))
    q.apply(JobProgress(a.id, 3, 12, eta_s=4.0, rate=2.0))
    assert (a.status, a.fraction, a.eta_s) == (Status.RUNNING, 0.25, 4.0)
    done = q.apply(JobFinished(a.id, Result(output=Path("/out/a_x2.png"))))
    assert done is a and a.status == Status.DONE and a.job is None and q.active() == []
    assert a.results == {"fast_x2 ×2": Path("/out/a_x2.png")} and a.output_size == (8, 6)
    assert (a.tile, a.auto_tile, a.eta_s, a.done) == (256, True, None, 12)
    assert q.summary()[Status.DONE] == 2 and q.count(Status.QUEUED) == 1


def test_a_failed_a_video_and_a_colorized_result() -> None:
    q = queue_of("bad.png", "clip.mp4", "gray.png")
    bad, clip, gray = q.items
    q.update(clip.id, video=True, frames=40)
    for it in q.items:
        q.hand_over(it.id, Token(), "fast_x2", 2)
    q.apply(JobFinished(bad.id, Result(error="bad.png: not an image")))
    assert (bad.status, bad.message, bad.results) == (Status.ERROR, "bad.png: not an image", {})

    @dataclass
    class VideoResult(Result):
        frames: int = 38
        fps: float = 9.5

    q.apply(JobFinished(clip.id, VideoResult(output=Path("/out/clip_x2.mp4"))))
    assert (clip.frames, clip.done, clip.total, clip.rate) == (38, 38, 38, 9.5)
    q.apply(JobFinished(gray.id, Result(output=Path("/out/g.png"), colorized=True)))
    assert gray.colorized and list(gray.results) == ["fast_x2 ×2 · colorized"]
    # a re-run keeps the results and forgets the last run's state
    q.rerun([gray.id, bad.id])
    assert (gray.status, bad.status, bad.message) == (Status.QUEUED, Status.QUEUED, "")
    q.hand_over(gray.id, Token(), "fast_x2", 2)
    assert not gray.colorized and gray.results


def test_cancel_a_waiting_row_at_once_and_a_held_job_when_the_worker_says_so() -> None:
    q = queue_of("a.png", "b.png", "c.png")
    a, b, c = q.items
    ta, tb = Token(), Token()
    q.hand_over(a.id, ta, "m", 2)
    q.hand_over(b.id, tb, "m", 2)
    q.cancel([a.id, c.id], "cancelling…")
    assert ta.cancelled and not tb.cancelled
    assert (a.status, a.message, c.status) == (Status.QUEUED, "cancelling…", Status.CANCELLED)
    q.apply(JobCancelled(a.id, resumable=True))
    assert (a.status, a.message, a.resumable, a.job) == (Status.CANCELLED, "", True, None)
    q.cancel_jobs("cancelling…")
    assert tb.cancelled and b.message == "cancelling…"


def test_remove_keeps_rows_a_worker_holds_and_clear_finished() -> None:
    q = queue_of("a.png", "b.png", "c.png")
    rec = Recorder(q)
    a, b, c = q.items
    q.hand_over(a.id, Token(), "m", 2)
    q.update(c.id, status=Status.SKIPPED)
    assert q.remove([a.id, b.id]) == {b.id}
    assert rec.calls[-2:] == [("removing", 1, 3), ("removed", 2)]
    assert q.remove_finished() == {c.id} and [it.id for it in q.items] == [a.id]
    assert q.by_id(b.id) is None and q.update(b.id, message="x") is None
    assert q.apply(JobStarted(b.id)) is None         # a report about a removed row


def test_a_worker_that_ended_unheard_leaves_errors_and_the_batch_summary() -> None:
    q = queue_of("a.png", "b.png", "c.png", "d.png")
    a, b, c, d = q.items
    for it in (a, b, c):
        q.hand_over(it.id, Token(), "m", 2)
    q.skip(d.id, "output exists", "m", 2)
    q.apply(JobFinished(a.id, Result(output=Path("/out/a.png"))))
    q.apply(JobCancelled(b.id))
    q.apply(JobStarted(c.id))                         # ... and then the worker died
    ended = q.end_batch("stopped unexpectedly")
    assert sorted(ended) == sorted([Status.DONE, Status.CANCELLED, Status.ERROR])
    assert (c.status, c.message, q.active()) == (Status.ERROR, "stopped unexpectedly", [])
    assert q.end_batch("x") == []                     # the next batch starts empty


def test_output_conflicts_ask_once_for_all_or_per_file(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b"")
    (tmp_path / "a_2.png").write_bytes(b"")
    asked: list[str] = []

    def ask(answer: str, for_all: bool):
        def ask_(target: Path) -> tuple[str, bool]:
            asked.append(target.name)
            return answer, for_all
        return ask_

    assert free_name(tmp_path / "a.png", set()) == tmp_path / "a_3.png"
    rename = OutputConflicts(ask("rename", False))
    assert rename.settle(tmp_path / "a.png") == (tmp_path / "a_3.png", False)
    assert rename.settle(tmp_path / "new.png") == (tmp_path / "new.png", False)
    # the same target twice in one Start is a conflict too, and the renames do not collide
    assert rename.settle(tmp_path / "new.png") == (tmp_path / "new_2.png", False)
    assert rename.settle(tmp_path / "a.png") == (tmp_path / "a_4.png", False)
    assert asked == ["a.png", "new.png", "a.png"]
    asked.clear()
    every = OutputConflicts(ask("overwrite", True))
    assert every.settle(tmp_path / "a.png") == (tmp_path / "a.png", True)
    assert every.settle(tmp_path / "a_2.png") == (tmp_path / "a_2.png", True)
    assert asked == ["a.png"]
    assert OutputConflicts(ask("skip", False)).settle(tmp_path / "a.png") is None


def test_queue_state_imports_with_qt_blocked() -> None:
    """The rules are plain Python: importing them never reaches PySide6 (or torch)."""
    code = """
import importlib.abc, sys
BLOCKED = {"PySide6", "shiboken6", "pyqtgraph", "torch"}
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
        return None
sys.meta_path.insert(0, NoQt())
import app.gui.queue_state, app.gui.output_conflicts
leaked = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
assert not leaked, leaked
"""
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
