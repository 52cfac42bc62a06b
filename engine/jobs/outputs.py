"""Where each output goes: the one naming rule of images and videos (torch-free).

The planner (:mod:`engine.jobs.plan`) calls these for every item, so the CLI, the app's
queue, the server and the cluster all name outputs the same way and none of them does it
itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from engine.naming import name_pattern_for
from engine.video.files import VIDEO_EXTENSIONS

OUTPUT_FORMATS = {"png": ".png", "jpg": ".jpg", "jpeg": ".jpg", "webp": ".webp",
                  "tif": ".tif", "tiff": ".tif", "bmp": ".bmp"}
_IMAGE_SUFFIXES = set(OUTPUT_FORMATS.values()) | {".jpeg", ".tiff"}


class NamingOptions(Protocol):
    """What naming reads from a request (``Request`` and the older ``UpscaleOptions``)."""

    scale: int
    output_format: str | None
    name_pattern: str
    colorize: str | None


def output_stem(inp: Path, options: NamingOptions, model_name: str,
                colorize: str | None = None) -> str:
    """The output file name without its suffix; a colorizing run (``options.colorize`` or
    ``colorize`` set) on the default pattern gets ``_color`` (:func:`name_pattern_for`)."""
    pattern = name_pattern_for(options.name_pattern, colorize or options.colorize)
    return pattern.format(stem=inp.stem, scale=options.scale, model=model_name)


def _relative_dir(inp: Path, root: Path | None) -> Path:
    return inp.parent.relative_to(root) if root is not None and inp.is_relative_to(root) \
        else Path()


def output_path_for(inp: Path, root: Path | None, out: Path | None, options: NamingOptions,
                    model_name: str) -> Path:
    """Where image ``inp`` goes: beside it, into ``out`` (mirroring sub-folders of
    ``root``), or exactly ``out`` when that names a single output file."""
    fmt = options.output_format
    suffix = OUTPUT_FORMATS.get(fmt.lower().lstrip("."), f".{fmt}") if fmt else inp.suffix.lower()
    if suffix not in _IMAGE_SUFFIXES:
        suffix = ".png"
    stem = output_stem(inp, options, model_name)
    if out is not None and out.suffix.lower() in _IMAGE_SUFFIXES:
        return out
    if out is None:
        return inp.with_name(stem + suffix)
    return out / _relative_dir(inp, root) / (stem + suffix)


def video_suffix(codec: str, source: Path | None = None, keep_subtitles: bool = True) -> str:
    """The codec's container (``.mkv`` FFV1, ``.mov`` ProRes, else ``.mp4``), or ``.mkv``
    when ``source`` has subtitles an MP4 cannot hold (engine.video.containers)."""
    from engine.video.containers import output_suffix  # PyAV, only when naming a video
    return output_suffix(codec, source, keep_subtitles=keep_subtitles)


def video_output_path(inp: Path, out: Path | None, options: NamingOptions, codec: str,
                      model_name: str, root: Path | None = None,
                      colorize: str | None = None, keep_subtitles: bool = True) -> Path:
    """``{stem}_x{scale}_{model}.mp4`` (see :func:`video_suffix`; plus ``_color`` when
    colorizing) beside the input, or in the folder ``out``; ``out`` with a video suffix is
    the output file itself."""
    if out is not None and out.suffix.lower() in VIDEO_EXTENSIONS:
        return out
    stem = output_stem(inp, options, model_name, colorize=colorize)
    if out is None:
        return inp.with_name(stem + video_suffix(codec, inp, keep_subtitles))
    return out / _relative_dir(inp, root) / (stem + video_suffix(codec, inp, keep_subtitles))
