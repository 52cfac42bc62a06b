"""Write outputs so that a crash, a full disk or a cancel never leaves a half-written file.

Everything is written to a hidden temporary file beside the target and moved over it with
``os.replace`` only once complete and flushed to disk; with ``exclusive`` the target is
claimed with a hard link instead, which fails if it exists, so two runs writing the same
name cannot both succeed (a check first and a replace later could).

A process killed while writing (SIGKILL, a power cut) leaves its temp file behind.  Temp
names carry the writer's pid and a hash of its host, so a later write into the folder
removes the leftovers whose writer is gone (see :func:`sweep_stale_parts`); a live run's
temp file is never touched.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from engine.errors import DiskFullError, ImageWriteError, OutputExistsError, SRStudioError

_DISK_FULL_ERRNOS = {errno.ENOSPC} | ({errno.EDQUOT} if hasattr(errno, "EDQUOT") else set())
_DISK_FULL_WINERRORS = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
# os.link is not possible here (FAT/exFAT, some network shares): claim with O_EXCL instead
_NO_LINK_ERRNOS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.EACCES,
                   getattr(errno, "ENOTSUP", errno.EPERM), getattr(errno, "EOPNOTSUPP",
                                                                  errno.EPERM)}

#: a temp file of a dead writer on this host is removed once this old (seconds)
STALE_AFTER_S = 10 * 60
#: one whose writer cannot be checked (another host, or an older SR Studio's unmarked name)
#: only once nothing has written to it for this long
STALE_FOREIGN_AFTER_S = 24 * 3600
_SWEEP_EVERY_S = 10 * 60   # a folder is swept at most this often per process

_PART_RE = re.compile(r"^\.(?P<stem>.*)\.(?P<token>[0-9a-f]{8})"
                      r"(?:\.(?P<pid>[0-9]+)-(?P<host>[0-9a-f]{6}))?\.part(?:\.[^.]*)?$")
_swept: dict[str, float] = {}
_swept_lock = threading.Lock()


def _host_tag() -> str:
    return hashlib.blake2s(socket.gethostname().encode(), digest_size=3).hexdigest()


def temp_path_for(path: Path) -> Path:
    """Hidden temp name beside ``path`` that keeps its real suffix (encoders pick by suffix)
    and names its writer (pid, host hash) so a leftover can be told from a live one.

    ``out.png`` -> ``.out.3f9a1c2b.4711-a1b2c3.part.png``; hidden so folder scans skip it.
    """
    return path.with_name(f".{path.stem}.{secrets.token_hex(4)}.{os.getpid()}-{_host_tag()}"
                          f".part{path.suffix}")


def _writer_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        import psutil
        return bool(psutil.pid_exists(pid))
    except ImportError:  # pragma: no cover  (a dependency; be safe without it)
        return True


def sweep_stale_parts(folder: str | os.PathLike[str], now: float | None = None) -> list[Path]:
    """Remove our temp files in ``folder`` whose writer is gone; returns what was removed.

    Only names of :func:`temp_path_for`'s shape are considered.  One written on this host is
    removed when its pid is no longer running and it is older than ``STALE_AFTER_S``; one
    from another host or an unmarked older name only when untouched for
    ``STALE_FOREIGN_AFTER_S``.  A live writer's file is kept: its pid runs (a reused pid
    keeps it too, the safe side), and a writer elsewhere keeps its file's time fresh.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    host = _host_tag()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _PART_RE.match(entry.name)
        if m is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if m["pid"] is not None and m["host"] == host:
                stale = age > STALE_AFTER_S and not _writer_alive(int(m["pid"]))
            else:
                stale = age > STALE_FOREIGN_AFTER_S
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _sweep_once(folder: Path) -> None:
    """Sweep ``folder`` at most every ``_SWEEP_EVERY_S`` per process (a batch of thousands
    of outputs scans it once)."""
    key = os.path.abspath(folder)
    now = time.monotonic()
    with _swept_lock:
        last = _swept.get(key)
        if last is not None and now - last < _SWEEP_EVERY_S:
            return
        _swept[key] = now
    sweep_stale_parts(folder)


def write_error(path: Path, exc: OSError) -> ImageWriteError:
    """A one-line ImageWriteError (DiskFullError when the disk or quota is full)."""
    if exc.errno in _DISK_FULL_ERRNOS or getattr(exc, "winerror", None) in _DISK_FULL_WINERRORS:
        return DiskFullError(f"the disk is full while writing {path}; free some space and retry")
    if isinstance(exc, PermissionError):
        return ImageWriteError(f"cannot write {path}: permission denied; choose another folder")
    if isinstance(exc, FileNotFoundError) and not path.parent.is_dir():
        return ImageWriteError(f"cannot write {path}: the folder {path.parent} does not exist")
    reason = exc.strerror or str(exc) or type(exc).__name__
    return ImageWriteError(f"cannot write {path}: {reason}")


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], *, exclusive: bool = False) -> Iterator[Path]:
    """Yield a temp path to write; on success it replaces ``path``, on any error it vanishes.

    Cleans up on every exception, KeyboardInterrupt and CancelledError included, and turns
    OSError into ImageWriteError / DiskFullError.  ``exclusive`` (no overwriting): the
    finished file is linked to ``path`` atomically, and OutputExistsError is raised if
    something got there first (another run); without it an existing ``path`` is replaced.
    Stale temp files of dead writers in the folder are swept first.
    """
    path = Path(path)
    _sweep_once(path.parent)
    tmp = temp_path_for(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
        os.close(fd)
    except OSError as exc:
        raise write_error(path, exc) from exc
    try:
        yield tmp
        _fsync_file(tmp)
        _umask_mode(tmp)
        if exclusive:
            _claim(tmp, path)
        else:
            os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, SRStudioError):
            raise write_error(path, exc) from exc
        raise
    _fsync_dir(path.parent)


def _exists_error(path: Path) -> OutputExistsError:
    return OutputExistsError(
        f"{path} already exists; allow overwriting or choose another output name")


def _claim(tmp: Path, path: Path) -> None:
    """Move the finished ``tmp`` to ``path`` only if nothing is there, atomically."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise _exists_error(path) from None
    except OSError as exc:
        if exc.errno not in _NO_LINK_ERRNOS:
            raise
        _claim_without_link(tmp, path)
        return
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def _claim_without_link(tmp: Path, path: Path) -> None:
    """Where hard links are impossible: create ``path`` exclusively, then replace it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise _exists_error(path) from None
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)   # our empty claim, not anyone's output
        raise


def _umask_mode(path: Path) -> None:
    """Give the file the mode a plain ``open()`` would (0666 less the umask): some writers
    (safetensors) recreate the temp file as 0600, and an output is no secret."""
    if os.name != "posix":
        return
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows fsync needs write
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Persist the rename itself (POSIX); best effort, not possible on Windows."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
