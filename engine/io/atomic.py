"""Write outputs so that a crash, a full disk or a cancel never leaves a half-written file.

Everything is written to a hidden temporary file beside the target and moved over it with
``os.replace`` only once complete and flushed to disk.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from engine.errors import DiskFullError, ImageWriteError, SRStudioError

_DISK_FULL_ERRNOS = {errno.ENOSPC} | ({errno.EDQUOT} if hasattr(errno, "EDQUOT") else set())
_DISK_FULL_WINERRORS = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL


def temp_path_for(path: Path) -> Path:
    """Hidden temp name beside ``path`` that keeps its real suffix (encoders pick by suffix).

    ``out.png`` -> ``.out.3f9a1c2b.part.png``; hidden so folder scans skip it.
    """
    return path.with_name(f".{path.stem}.{secrets.token_hex(4)}.part{path.suffix}")


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
def atomic_output(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temp path to write; on success it replaces ``path``, on any error it vanishes.

    Cleans up on every exception, KeyboardInterrupt and CancelledError included, and turns
    OSError into ImageWriteError / DiskFullError.  Overwrite checks are the caller's job.
    """
    path = Path(path)
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
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, SRStudioError):
            raise write_error(path, exc) from exc
        raise
    _fsync_dir(path.parent)


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
