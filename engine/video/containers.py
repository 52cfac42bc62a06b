"""Which container an upscaled video is written in.

Each codec has its own (``.mp4``; ``.mkv`` for FFV1, ``.mov`` for ProRes), but an MP4 or
MOV holds only ``mov_text`` subtitles: an ``.mkv`` input's SubRip, ASS or PGS tracks were
dropped because the output was ``.mp4``.  Such an input is written as ``.mkv`` (Matroska
holds every codec we encode and those subtitles), so nothing is lost by default.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine.errors import VideoError
from engine.video.encoders import CONTAINERS, normalize_codec, subtitle_ok
from engine.video.probe import probe_video

_CODEC_SUFFIX = {"ffv1": ".mkv", "prores": ".mov"}
_KEEPS_EVERYTHING = ".mkv"


def codec_suffix(codec: str) -> str:
    """The codec's own container: ``.mkv`` for FFV1, ``.mov`` for ProRes, else ``.mp4``."""
    return _CODEC_SUFFIX.get(normalize_codec(codec), ".mp4")


def output_suffix(codec: str, source: str | os.PathLike[str] | None = None, *,
                  keep_subtitles: bool = True) -> str:
    """The container to write ``codec`` in for the input ``source``: the codec's own,
    unless ``source`` has subtitles that container cannot hold and ``.mkv`` can (then
    ``.mkv``).  A source that cannot be probed gets the codec's own; the job reports
    what is wrong with it."""
    suffix = codec_suffix(codec)
    if source is None or not keep_subtitles or suffix != ".mp4":
        return suffix
    try:
        subtitles = probe_video(Path(source), scan=False).subtitles
    except (VideoError, OSError):
        return suffix
    muxer, roomy = CONTAINERS[suffix], CONTAINERS[_KEEPS_EVERYTHING]
    if any(not subtitle_ok(muxer, s.codec) and subtitle_ok(roomy, s.codec) for s in subtitles):
        return _KEEPS_EVERYTHING
    return suffix
