"""Which inputs are videos: an extension check and a folder walk (no torch, no PyAV), so
the GUI can sort dropped files on its own thread before any model code is loaded."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from engine.io.files import iter_files

VIDEO_EXTENSIONS = frozenset({".mp4", ".mkv", ".mov", ".webm", ".avi", ".m4v"})


def is_video(path: str | os.PathLike[str]) -> bool:
    """True when the name has a video extension (the content is checked by the job)."""
    return Path(path).suffix.lower() in VIDEO_EXTENSIONS


def iter_video_files(paths: Iterable[str | os.PathLike[str]],
                     recursive: bool = True) -> Iterator[Path]:
    """Video files named explicitly, and those inside named folders (hidden ones skipped)."""
    return iter_files(paths, is_video, recursive, explicit=is_video)


def split_inputs(inputs: Iterable[str | os.PathLike[str]]
                 ) -> tuple[list[str | os.PathLike[str]], list[Path]]:
    """(inputs for the image batch, video files): explicit video files leave the image list;
    folders stay in it (their images) and also contribute the videos inside them."""
    images: list[str | os.PathLike[str]] = []
    for raw in inputs:
        if not (Path(raw).is_file() and is_video(raw)):
            images.append(raw)
    return images, list(iter_video_files(inputs))
