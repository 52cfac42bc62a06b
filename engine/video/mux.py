"""Join the encoded segments into the final file and bring the input's audio and subtitles.

Video packets are copied from the segment files; their timestamps are rebuilt from the input
timestamps recorded per segment (so the output has the input's exact frame times, VFR
included, whatever the segment container rounded): a packet's presentation time is the
input time of the frame at its display rank, and decode times are the sorted presentation
times shifted by the encoder's reorder delay, which keeps them monotonic across segment
joins.  Audio and subtitles are stream-copied from the input when the output container can
hold them; audio it cannot hold (Vorbis in MP4, AAC in WebM) is re-encoded.
"""

from __future__ import annotations

import contextlib
import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import av

from engine.errors import VideoError
from engine.events import CancelToken
from engine.video.encoders import audio_plan, subtitle_ok
from engine.video.probe import VideoInfo, open_input
from engine.video.segments import WorkFolder

_SKIP_META = {"major_brand", "minor_version", "compatible_brands", "encoder", "creation_time",
              "duration"}


@dataclass
class MuxReport:
    frames: int = 0
    audio: list[str] = field(default_factory=list)       # "aac copied", "vorbis -> aac"
    subtitles: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def _segment_ranks(path: Path, expected: int) -> tuple[list[int], bytes]:
    """Display rank of each packet of a segment, in file (decode) order; and extradata."""
    with av.open(str(path)) as c:
        st = c.streams.video[0]
        extradata = bytes(st.codec_context.extradata or b"")
        raw = [p.pts for p in c.demux(st) if p.size]
    pts = [p for p in raw if p is not None]
    if len(raw) != expected or len(pts) != len(raw) or len(set(pts)) != len(pts):
        raise VideoError(f"the encoded segment {path.name} is damaged ({len(raw)} of "
                         f"{expected} frames); delete {path.parent.name} and start again")
    order = {p: i for i, p in enumerate(sorted(pts))}
    return [order[p] for p in pts], extradata


def mux_final(work: WorkFolder, info: VideoInfo, target: Path, muxer: str, *,
              keep_audio: bool = True, keep_subtitles: bool = True,
              end_time: float | None = None, warn: Callable[[str], None] | None = None,
              cancel: CancelToken | None = None) -> MuxReport:
    """Write ``target`` (a temp path; the caller renames it) from the finished segments."""
    report = MuxReport()
    say = warn or (lambda _m: None)
    segs = work.manifest.segments
    if not segs:
        raise VideoError(f"{info.path.name}: no frames were encoded")
    times = [work.load_times(s.index) for s in segs]
    q: list[int] = [p for t in times for p in t.pts]
    durs: list[int] = [d for t in times for d in t.durations]
    ranks: list[list[int]] = []
    extradata0 = None
    delay = 0
    for s in segs:
        r, extra = _segment_ranks(work.dir / s.file, s.frames)
        if extradata0 is None:
            extradata0 = extra
        elif extra != extradata0:
            say(f"segment {s.index} has different codec headers from segment 0; some players "
                "may show glitches at segment joins")
        ranks.append(r)
        delay = max([delay] + [j - rank for j, rank in enumerate(r)])
    tb = info.time_base
    step = (q[1] - q[0]) if len(q) > 1 else max(1, durs[0])

    def dts_at(g: int) -> int:
        i = g - delay
        return q[i] if i >= 0 else q[0] - (-i) * step

    first_seg = av.open(str(work.dir / segs[0].file))
    inp_ctx = open_input(info.path)
    inp = inp_ctx.__enter__()
    try:
        out = av.open(str(target), "w", format=muxer)
        try:
            vst = out.add_stream_from_template(first_seg.streams.video[0], opaque=True)
            vst.time_base = tb
            if info.fps and not info.vfr:
                with contextlib.suppress(Exception):
                    vst.codec_context.framerate = info.fps
            if info.display_matrix:
                vst.set_display_matrix(list(info.display_matrix))
            elif info.rotation:
                vst.set_display_rotation(info.rotation)
            in_v = inp.streams[info.video_index]
            _copy_stream_meta(in_v, vst)
            for k, v in (inp.metadata or {}).items():
                if k.lower() not in _SKIP_META:
                    out.metadata[k] = v
            with contextlib.suppress(Exception):
                out.set_chapters(inp.chapters())
            plans = _plan_streams(inp, out, info, muxer, keep_audio, keep_subtitles, report,
                                  say)
            video = _video_packets(work, segs, ranks, q, durs, dts_at, vst, tb)
            others = _input_packets(inp, plans, end_time)
            n = 0
            for _key, pkt in heapq.merge(video, others, key=lambda x: x[0]):
                out.mux(pkt)
                n += 1
                if cancel is not None and n % 256 == 0:
                    cancel.raise_if_cancelled()
            for ost, enc in plans.values():
                if enc is not None:
                    for pkt in ost.encode(None):
                        out.mux(pkt)
            report.frames = len(q)
        finally:
            out.close()
    except av.error.FFmpegError as exc:
        detail = " ".join(str(exc).split())
        raise VideoError(f"cannot write {target.name.split('.part')[0]}: muxing failed "
                         f"({detail})") from None
    finally:
        inp_ctx.__exit__(None, None, None)
        first_seg.close()
    return report


def _copy_stream_meta(src: Any, dst: Any) -> None:
    for k in ("language", "title", "handler_name"):
        v = (src.metadata or {}).get(k)
        if v:
            dst.metadata[k] = v
    with contextlib.suppress(Exception):
        dst.disposition = src.disposition


def _plan_streams(inp: Any, out: Any, info: VideoInfo, muxer: str, keep_audio: bool,
                  keep_subtitles: bool, report: MuxReport,
                  say: Callable[[str], None]) -> dict[int, tuple[Any, Any]]:
    """input stream index -> (output stream, input stream to decode for re-encoding|None)."""
    plans: dict[int, tuple[Any, Any]] = {}
    suffix = Path(str(out.name)).suffix or muxer
    for desc in info.audio:
        if not keep_audio:
            break
        s = inp.streams[desc.index]
        enc = audio_plan(muxer, desc.codec)
        if enc is None:
            ost = out.add_stream_from_template(s)
            report.audio.append(f"{desc.codec} copied")
        else:
            cc = s.codec_context
            rate = cc.sample_rate or 48000
            if enc == "libopus" and rate not in (8000, 12000, 16000, 24000, 48000):
                rate = 48000
            ost = out.add_stream(enc, rate=rate)
            with contextlib.suppress(Exception):
                ost.layout = cc.layout
            if enc == "aac":
                ost.bit_rate = min(512_000, 64_000 * max(1, cc.channels or 2))
            report.audio.append(f"{desc.codec} -> {enc}")
            say(f"audio #{desc.index} ({desc.codec}) re-encoded as {enc}: a {suffix} file "
                f"cannot hold {desc.codec}")
        _copy_stream_meta(s, ost)
        plans[desc.index] = (ost, s if enc is not None else None)
    for desc in info.subtitles:
        if not keep_subtitles:
            break
        if subtitle_ok(muxer, desc.codec):
            s = inp.streams[desc.index]
            ost = out.add_stream_from_template(s)
            _copy_stream_meta(s, ost)
            plans[desc.index] = (ost, None)
            report.subtitles.append(f"{desc.codec} copied")
        else:
            report.dropped.append(str(desc))
            say(f"subtitle #{desc.index} ({desc.codec}) dropped: a {suffix} file cannot hold "
                "it; write .mkv to keep subtitles")
    for desc in info.data:
        report.dropped.append(str(desc))
        say(f"{desc.type} stream #{desc.index} ({desc.codec}) not copied")
    return plans


def _video_packets(work: WorkFolder, segs: list, ranks: list[list[int]], q: list[int],
                   durs: list[int], dts_at: Callable[[int], int], vst: Any,
                   tb: Fraction) -> Iterator[tuple[float, Any]]:
    g = 0
    base = 0
    for s, r in zip(segs, ranks, strict=True):
        with av.open(str(work.dir / s.file)) as c:
            st = c.streams.video[0]
            j = 0
            for pkt in c.demux(st):
                if not pkt.size:
                    continue
                i = base + r[j]
                dts = dts_at(g)
                pkt.pts, pkt.dts = q[i], dts
                pkt.duration = durs[i]
                pkt.time_base = tb
                pkt.stream = vst
                yield float(dts * tb), pkt
                g += 1
                j += 1
        base += s.frames


def _input_packets(inp: Any, plans: dict[int, tuple[Any, Any]],
                   end_time: float | None) -> Iterator[tuple[float, Any]]:
    if not plans:
        return
    streams = [inp.streams[i] for i in plans]
    last = -1e18
    try:
        for pkt in inp.demux(streams):
            if pkt.stream_index not in plans:
                continue
            ost, dec = plans[pkt.stream_index]
            if dec is not None:
                frames = dec.decode(pkt if pkt.size else None)
                for frame in frames:
                    if end_time is not None and frame.time is not None and \
                            frame.time >= end_time:
                        continue
                    for out_pkt in ost.encode(frame):
                        t = float(out_pkt.dts * out_pkt.time_base) if out_pkt.dts is not None \
                            else last
                        last = max(last, t)
                        yield last, out_pkt
                continue
            if not pkt.size or pkt.dts is None:
                continue
            t = float(pkt.dts * pkt.time_base)
            if end_time is not None and pkt.pts is not None and \
                    float(pkt.pts * pkt.time_base) >= end_time:
                continue
            pkt.stream = ost
            last = max(last, t)
            yield last, pkt
    except av.error.FFmpegError:
        return  # a damaged tail of audio: keep what was read
