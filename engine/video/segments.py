"""The hidden work folder that makes video jobs resumable.

Frames are encoded in segments of N frames, each a small Matroska file written beside the
output in ``.<output name>.srstudio-parts/``.  ``manifest.json`` records the input (path,
size, mtime), a hash of every setting that changes the encoded pixels, and the finished
segments; each segment has a sidecar ``segNNNNN.json`` with the input timestamps of its
frames (the final mux restores them exactly).  A segment finished before an earlier one
(a cluster's workers finish out of order) is kept with a record of its own
(``segNNNNN.ahead.json``) until its turn, so it survives its driver too.  A restarted job
with the same input and settings skips the finished segments; anything else starts the
folder afresh.  A lock file keeps two jobs from writing the same output at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import VideoError

MANIFEST_VERSION = 1
SUFFIX = ".srstudio-parts"


def work_dir_for(output: str | os.PathLike[str]) -> Path:
    out = Path(output)
    return out.with_name(f".{out.name}{SUFFIX}")


def options_hash(settings: dict[str, Any]) -> str:
    blob = json.dumps(settings, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def input_identity(path: str | os.PathLike[str]) -> dict[str, Any]:
    p = Path(path)
    st = p.stat()
    return {"path": str(p.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


@dataclass
class SegmentRecord:
    index: int
    frames: int
    first_frame: int
    file: str
    bytes: int
    last_pts: int


@dataclass
class SegmentTimes:
    """Input timestamps (time_base units) of a segment's frames, in display order."""

    pts: list[int]
    durations: list[int]


@dataclass
class Manifest:
    version: int
    input: dict[str, Any]
    options_hash: str
    segment_frames: int
    settings: dict[str, Any] = field(default_factory=dict)
    segments: list[SegmentRecord] = field(default_factory=list)
    complete: bool = False
    total_frames: int | None = None

    @property
    def done_frames(self) -> int:
        return sum(s.frames for s in self.segments)


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, separators=(",", ":"))
        f.flush()
        with contextlib.suppress(OSError):
            os.fsync(f.fileno())
    os.replace(tmp, path)


class _FileLock:
    """An exclusive OS lock on a file; released by the OS if the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def acquire(self) -> bool:
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            if sys.platform == "win32":   # the form type checkers narrow on
                import msvcrt
                msvcrt.locking(self.fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self.fd)
            self.fd = None
            return False
        return True

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            if sys.platform == "win32":   # the form type checkers narrow on
                import msvcrt
                os.lseek(self.fd, 0, os.SEEK_SET)
                msvcrt.locking(self.fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl
                fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None


class WorkFolder:
    """Segments and manifest of one (input, output, settings) job."""

    def __init__(self, output: str | os.PathLike[str], identity: dict[str, Any],
                 settings: dict[str, Any], segment_frames: int) -> None:
        self.output = Path(output)
        self.dir = work_dir_for(self.output)
        self.identity = identity
        self.settings = settings
        self.hash = options_hash(settings)
        self.segment_frames = max(1, int(segment_frames))
        self.manifest = Manifest(MANIFEST_VERSION, identity, self.hash, self.segment_frames,
                                 settings)
        self._lock = _FileLock(self.dir / "lock")
        self.resumed = False

    # --- lifecycle ----------------------------------------------------------------------
    def open(self, resume: bool = True) -> Manifest:
        """Create or reuse the folder; returns the manifest (finished segments, if any)."""
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise VideoError(f"cannot create the work folder {self.dir}: "
                             f"{exc.strerror or exc}") from None
        if not self._lock.acquire():
            raise VideoError(f"another job is already writing {self.output.name} "
                             f"(lock held on {self.dir.name})")
        old = self._load() if resume else None
        if old is not None:
            self.manifest = old
            self.resumed = bool(old.segments)
        else:
            self._clear()
            self._save()
        return self.manifest

    def close(self, remove: bool) -> None:
        """Release the lock; ``remove`` deletes the folder (after success, or nothing kept)."""
        self._lock.release()
        if remove:
            shutil.rmtree(self.dir, ignore_errors=True)

    def _load(self) -> Manifest | None:
        try:
            raw = json.loads((self.dir / "manifest.json").read_text(encoding="utf-8"))
            segs = [SegmentRecord(**s) for s in raw.pop("segments", [])]
            m = Manifest(**raw, segments=[])
        except (OSError, ValueError, TypeError):
            return None
        if (m.version != MANIFEST_VERSION or m.input != self.identity
                or m.options_hash != self.hash or m.segment_frames != self.segment_frames):
            return None
        # keep the contiguous prefix of segments whose files are intact
        first = 0
        for i, s in enumerate(segs):
            f = self.dir / s.file
            ok = (s.index == i and s.first_frame == first and f.is_file()
                  and f.stat().st_size == s.bytes and self.times_path(i).is_file())
            if not ok:
                m.complete = False
                break
            m.segments.append(s)
            first += s.frames
        return m

    def _clear(self) -> None:
        for entry in self.dir.iterdir():
            if entry.name == "lock":
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    entry.unlink()

    def _save(self) -> None:
        data = asdict(self.manifest)
        _write_json(self.dir / "manifest.json", data)

    # --- segments -----------------------------------------------------------------------
    def segment_path(self, index: int) -> Path:
        return self.dir / f"seg{index:05d}.mkv"

    def temp_segment_path(self, index: int) -> Path:
        return self.dir / f"seg{index:05d}.part.mkv"

    def times_path(self, index: int) -> Path:
        return self.dir / f"seg{index:05d}.json"

    def ahead_path(self, index: int) -> Path:
        return self.dir / f"seg{index:05d}.ahead.json"

    def add_segment(self, index: int, first_frame: int, times: SegmentTimes,
                    last_pts: int = -1) -> SegmentRecord:
        """Promote the finished temp segment, record its timestamps and the manifest.

        ``last_pts``: the decoder's timestamp of the segment's last frame (-1 if it had to
        be repaired), where a resumed job can seek to.
        """
        tmp, final = self.temp_segment_path(index), self.segment_path(index)
        os.replace(tmp, final)
        _write_json(self.times_path(index), asdict(times))
        rec = SegmentRecord(index=index, frames=len(times.pts), first_frame=first_frame,
                            file=final.name, bytes=final.stat().st_size,
                            last_pts=last_pts)
        self.manifest.segments.append(rec)
        self._save()
        with contextlib.suppress(OSError):
            self.ahead_path(index).unlink()     # a stashed copy of it is superseded
        return rec

    # --- segments finished out of order (a cluster's workers) ---------------------------
    def stash_segment(self, index: int, first_frame: int, times: SegmentTimes,
                      last_pts: int, tmp: Path) -> SegmentRecord:
        """Keep a segment that finished before an earlier one (``tmp``, its encoded file)
        under its final name with a record of its own, so that a job resumed after its
        driver died re-uses it; :meth:`promote_stashed` enters it in the manifest."""
        final = self.segment_path(index)
        rec = SegmentRecord(index=index, frames=len(times.pts), first_frame=first_frame,
                            file=final.name, bytes=tmp.stat().st_size, last_pts=last_pts)
        _write_json(self.times_path(index), asdict(times))
        _write_json(self.ahead_path(index), asdict(rec))
        os.replace(tmp, final)         # last: a segment file under its name is recorded
        return rec

    def stashed(self) -> dict[int, SegmentRecord]:
        """The intact stashed segments after the manifest's prefix, by index."""
        out: dict[int, SegmentRecord] = {}
        done = len(self.manifest.segments)
        for p in self.dir.glob("seg*.ahead.json"):
            try:
                rec = SegmentRecord(**json.loads(p.read_text(encoding="utf-8")))
                f = self.dir / rec.file
                ok = (rec.index >= done and p == self.ahead_path(rec.index)
                      and rec.first_frame == rec.index * self.segment_frames
                      and f.is_file() and f.stat().st_size == rec.bytes
                      and self.times_path(rec.index).is_file())
            except (OSError, ValueError, TypeError):
                continue
            if ok:
                out[rec.index] = rec
        return out

    def promote_stashed(self, rec: SegmentRecord) -> None:
        """Enter stashed segment ``rec``, the next one in order, in the manifest."""
        if rec.index != len(self.manifest.segments) or \
                rec.first_frame != self.manifest.done_frames:
            raise VideoError(f"segment {rec.index} is not the next one of {self.output.name}")
        self.manifest.segments.append(rec)
        self._save()
        with contextlib.suppress(OSError):
            self.ahead_path(rec.index).unlink()

    def discard_temp(self, index: int) -> None:
        with contextlib.suppress(OSError):
            self.temp_segment_path(index).unlink()

    def mark_complete(self, total_frames: int) -> None:
        self.manifest.complete = True
        self.manifest.total_frames = total_frames
        self._save()

    def load_times(self, index: int) -> SegmentTimes:
        raw = json.loads(self.times_path(index).read_text(encoding="utf-8"))
        return SegmentTimes(pts=[int(x) for x in raw["pts"]],
                            durations=[int(x) for x in raw["durations"]])


def discard_parts(output: str | os.PathLike[str]) -> bool:
    """Delete the work folder of an interrupted job (the GUI's 'discard' action)."""
    d = work_dir_for(output)
    if d.is_dir():
        shutil.rmtree(d, ignore_errors=True)
        return True
    return False
