"""Turn what the user dropped or typed (files and folders) into the list of inputs.

Folders are expanded to the images inside them; files named explicitly pass through
untouched, even with an unknown extension, so the reader can say what is wrong with them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from engine.io.formats import is_supported_image, is_unread_image

_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders 'img2' before 'img10', case-insensitively, like file managers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _DIGITS.split(name)
        if part
    )


def iter_image_files(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], recursive: bool = True
) -> Iterator[Path]:
    """Yield input files: folders expanded (sorted, hidden entries skipped), files as given.

    Each file is yielded once even if named twice or also found inside a named folder, so a
    batch never processes (and writes) the same image twice.
    """
    return iter_files(paths, is_supported_image, recursive)


def iter_files(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
               wanted: Callable[[str], bool], recursive: bool = True,
               explicit: Callable[[str], bool] | None = None) -> Iterator[Path]:
    """Files whose name ``wanted`` accepts, found in the named folders (natural order, hidden
    entries and symlinked folders skipped), plus the named files themselves (all of them, or
    those ``explicit`` accepts); each file once."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: Iterator[Path] = _expand_folder(path, wanted, recursive)
        else:
            found = iter((path,) if explicit is None or explicit(path.name) else ())
        for file in found:
            key = os.path.normcase(os.path.abspath(file))
            if key not in seen:
                seen.add(key)
                yield file


def _expand_folder(folder: Path, wanted: Callable[[str], bool], recursive: bool
                   ) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: natural_key(e.name))
    except OSError:
        return
    subfolders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            if recursive and not entry.is_symlink():  # no symlink loops
                subfolders.append(Path(entry.path))
        elif wanted(entry.name):
            yield Path(entry.path)
    for sub in subfolders:
        yield from _expand_folder(sub, wanted, recursive)


def unread_images_note(folders: Iterable[str | os.PathLike[str]], recursive: bool = True
                       ) -> str | None:
    """One line naming the image files in ``folders`` that a scan passes over because SR
    Studio does not read their format (GIF, HEIC, camera raw...), or None when there are
    none.  Files named one by one are not counted: the reader reports each of those."""
    dirs = [Path(f) for f in folders if Path(f).is_dir()]
    found = list(iter_files(dirs, is_unread_image, recursive))
    if not found:
        return None
    kinds = sorted({f.suffix.lower().lstrip(".").upper() for f in found})
    shown = ", ".join(f.name for f in found[:3]) + (", ..." if len(found) > 3 else "")
    return (f"skipped {len(found)} {'/'.join(kinds)} file(s) that SR Studio does not read "
            f"({shown}); convert them to PNG, JPEG, WebP, TIFF or BMP to include them")


def file_identity(path: str | os.PathLike[str] | None) -> str:
    """``resolved path:size:mtime`` of a file ('' for none): tells two weight files apart,
    so a resumed job never mixes outputs of different models."""
    if not path:
        return ""
    try:
        st = Path(path).stat()
        return f"{Path(path).resolve()}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        return str(path)
