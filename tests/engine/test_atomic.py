"""The atomic writer: no two runs both 'win' one output name, and leftovers of killed
writers are swept by a later run without ever touching a live run's temp file."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from engine.errors import OutputExistsError
from engine.io import ImageData, atomic, write_image, writer
from engine.io.atomic import STALE_AFTER_S, STALE_FOREIGN_AFTER_S, atomic_output, temp_path_for

REPO = Path(__file__).resolve().parents[2]


def _race(target: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[str]]:
    """Two threads write ``target`` without overwrite, both past the existence check before
    either finishes (the race two processes hit)."""
    barrier = threading.Barrier(2, timeout=10)
    real_png = writer._ENCODERS["PNG"]

    def slow_png(f, image, quality):  # type: ignore[no-untyped-def]
        barrier.wait()
        real_png(f, image, quality)

    monkeypatch.setitem(writer._ENCODERS, "PNG", slow_png)
    wins: list[int] = []
    refused: list[str] = []

    def run(value: int) -> None:
        try:
            write_image(target, ImageData(np.full((4, 4, 3), value, np.uint8)))
            wins.append(value)
        except OutputExistsError as e:
            refused.append(str(e))

    threads = [threading.Thread(target=run, args=(v,)) for v in (10, 200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return wins, refused


def test_two_writers_of_one_name_cannot_both_succeed(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Both used to print ok, the second replacing the first's output."""
    from PIL import Image

    target = tmp_path / "out.png"
    wins, refused = _race(target, monkeypatch)
    assert len(wins) == 1 and len(refused) == 1 and "already exists" in refused[0]
    assert np.asarray(Image.open(target))[0, 0, 0] == wins[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"]   # no temp left


def test_the_claim_holds_where_hard_links_are_impossible(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*_a: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    wins, refused = _race(tmp_path / "out.png", monkeypatch)
    assert len(wins) == 1 and len(refused) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"]


def test_overwrite_still_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with atomic_output(target, exclusive=False) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new"
    with pytest.raises(OutputExistsError):
        with atomic_output(target, exclusive=True) as tmp:
            tmp.write_text("newer")
    assert target.read_text() == "new" and list(tmp_path.iterdir()) == [target]


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def _age(path: Path, seconds: float) -> Path:
    t = time.time() - seconds
    os.utime(path, (t, t))
    return path


def test_sweep_removes_only_leftovers_of_dead_writers(tmp_path: Path) -> None:
    ours = temp_path_for(tmp_path / "x.png").name.split(".")[3].split("-")[1]   # host hash
    dead, live = _dead_pid(), os.getpid()
    old = STALE_AFTER_S + 60
    files = {
        "dead_old": (f".a.0123abcd.{dead}-{ours}.part.png", old),
        "dead_fresh": (f".b.0123abcd.{dead}-{ours}.part.png", 5),       # just died: wait
        "live_old": (f".c.0123abcd.{live}-{ours}.part.png", old),       # a running writer
        "other_host": (f".d.0123abcd.{dead}-ffffff.part.png", old),     # cannot check pid
        "other_host_ancient": (f".e.0123abcd.{dead}-ffffff.part.png",
                               STALE_FOREIGN_AFTER_S + 60),
        "unmarked_ancient": (".f.0123abcd.part.png", STALE_FOREIGN_AFTER_S + 60),  # old name
        "unmarked_recent": (".g.0123abcd.part.png", old),
        "not_ours": (".notes.part.png", STALE_FOREIGN_AFTER_S + 60),
        "user_file": ("h.0123abcd.part.png", STALE_FOREIGN_AFTER_S + 60),   # not hidden
    }
    for name, age in files.values():
        (tmp_path / name).write_bytes(b"part")
        _age(tmp_path / name, age)
    removed = {p.name for p in atomic.sweep_stale_parts(tmp_path)}
    gone = {k for k, (name, _age_s) in files.items() if name in removed}
    assert gone == {"dead_old", "other_host_ancient", "unmarked_ancient"}
    assert {p.name for p in tmp_path.iterdir()} == {
        name for k, (name, _a) in files.items() if k not in gone}


_KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from engine.io.atomic import atomic_output
with atomic_output(Path(sys.argv[1])) as tmp:
    tmp.write_bytes(b"half an image")
    os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_killed_writers_part_file_is_removed_by_a_later_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGKILL during a write left a hidden .NAME.<hex>.part.png that no run removed."""
    r = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(tmp_path / "a.png")],
                       cwd=REPO, timeout=60)
    assert r.returncode == -signal.SIGKILL
    (left,) = [p for p in tmp_path.iterdir() if ".part" in p.name]
    monkeypatch.setattr(atomic, "_swept", {})
    write_image(tmp_path / "b.png", ImageData(np.zeros((2, 2, 3), np.uint8)))
    assert left.exists()                     # too recent: a writer might just have paused
    _age(left, STALE_AFTER_S + 1)
    monkeypatch.setattr(atomic, "_swept", {})
    write_image(tmp_path / "c.png", ImageData(np.zeros((2, 2, 3), np.uint8)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.png", "c.png"]
