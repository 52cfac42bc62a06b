"""Uploads: names that are labels (never paths), types from names and first bytes, and
bodies streamed to disk with the size cap checked on every chunk.

Nothing here knows FastAPI: the API hands in an async iterator of body chunks, so a body
over the cap stops being read at the chunk that crosses it, whatever Content-Length said.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from python_multipart.multipart import MultipartParser, parse_options_header

from engine.io.formats import SUPPORTED_EXTENSIONS, describe_other_format, sniff_format
from engine.video.files import VIDEO_EXTENSIONS

Kind = Literal["image", "video"]

_SNIFFED_SUFFIX = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp", "TIFF": ".tif", "BMP": ".bmp"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


class UploadError(Exception):
    """A request the server refuses: an HTTP status and the one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(" ".join(message.split()))
        self.status = status


def safe_label(filename: str | None, default: str = "upload") -> str:
    """A client's FILENAME as a plain file name: the last path component, odd characters
    replaced, no leading dots, at most 120 characters.  It is a label, never a path."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .") or default
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem = stem.strip(" .")[:100] or default
    return f"{stem}.{ext[:10]}" if ext else stem


def kind_of_suffix(suffix: str) -> Kind | None:
    """'image' / 'video' for a suffix SR Studio reads, else None."""
    s = suffix.lower()
    if s in SUPPORTED_EXTENSIONS:
        return "image"
    if s in VIDEO_EXTENSIONS:
        return "video"
    return None


def sniff_suffix(head: bytes) -> str | None:
    """The suffix for a file's first bytes when they are an image or video we read."""
    fmt = sniff_format(head)
    if fmt is not None:
        return _SNIFFED_SUFFIX[fmt]
    if head[4:8] == b"ftyp" and describe_other_format(head) == "a video or MP4-family file":
        return ".mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return ".mkv"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return ".avi"
    return None


def unsupported_message(label: str, head: bytes = b"") -> str:
    """'x.gif is a GIF image; ...' for a 415, saying what is accepted."""
    what = describe_other_format(head) if head else None
    suffix = Path(label).suffix
    said = f" is {what}" if what else (f" has the type {suffix}" if suffix else
                                       " has no known type")
    images = ", ".join(s.lstrip(".") for s in SUPPORTED_EXTENSIONS)
    videos = ", ".join(sorted(s.lstrip(".") for s in VIDEO_EXTENSIONS))
    return f"{label}{said}; SR Studio takes images ({images}) and videos ({videos})"


def typed_name(label: str, head: bytes, want: Kind | None = None) -> tuple[str, Kind]:
    """(file name to store, kind) from the label's suffix, else from the first bytes;
    UploadError 415 when neither is an image or video we read (or not the kind wanted)."""
    suffix = Path(label).suffix
    kind = kind_of_suffix(suffix)
    name = label
    if kind is None:
        sniffed = sniff_suffix(head)
        if sniffed is None or (suffix and suffix.lower() not in ("", ".bin", ".dat")):
            raise UploadError(415, unsupported_message(label, head))
        kind = kind_of_suffix(sniffed)
        assert kind is not None
        name = Path(label).stem + sniffed if suffix else label + sniffed
    if want is not None and kind != want:
        raise UploadError(415, f"{label} is {'an' if kind == 'image' else 'a'} {kind}; "
                               f"this endpoint takes a{'n' if want == 'image' else ''} {want}")
    return name, kind


def too_large(limit: int, what: str = "the upload") -> UploadError:
    return UploadError(413, f"{what} is larger than the server's {limit / 2**20:g} MB limit "
                            "(--max-upload-mb)")


def check_declared_length(headers_length: str | None, limit: int, shown: int) -> None:
    """413 at once when Content-Length already says the body is over ``limit`` bytes
    (``shown``: the cap the message names)."""
    if headers_length is None:
        return
    try:
        n = int(headers_length)
    except ValueError:
        raise UploadError(400, "Content-Length is not a number") from None
    if n > limit:
        raise too_large(shown)


_SLACK = 64 * 1024   # multipart headers and form fields beside the file


async def read_capped(chunks: AsyncIterator[bytes], limit: int, what: str = "the upload"
                      ) -> bytes:
    """The whole body, stopping with 413 at the chunk that crosses ``limit`` bytes."""
    buf = bytearray()
    async for chunk in chunks:
        buf += chunk
        if len(buf) > limit:
            raise too_large(limit, what)
    return bytes(buf)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a hidden part file and a rename."""
    part = path.with_name(f".{path.name}.part")
    with open(part, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(part, path)


@dataclass
class MultipartUpload:
    """The outcome of a streamed multipart form: its text fields and the one file."""

    fields: dict[str, str] = field(default_factory=dict)
    path: Path | None = None        # where the file was stored (atomically)
    label: str = ""                 # the client's file name, as a label
    kind: Kind | None = None
    size: int = 0


class _FormSink:
    """python-multipart callbacks: text fields into a dict, the file part straight to a
    part file under ``folder``, with the file and field caps checked per chunk."""

    FIELD_LIMIT = 4096
    FIELDS = 32

    def __init__(self, folder: Path, limit: int, want: Kind | None) -> None:
        self.folder, self.limit, self.want = folder, limit, want
        self.result = MultipartUpload()
        self._headers: dict[str, str] = {}
        self._hname = bytearray()
        self._hvalue = bytearray()
        self._name: str | None = None
        self._value = bytearray()
        self._file: object | None = None
        self._part_path: Path | None = None
        self._head = bytearray()
        self._is_file = False
        self._pending: bytearray = bytearray()
        self.error: UploadError | None = None

    def callbacks(self) -> dict[str, object]:
        return {"on_part_begin": self._part_begin, "on_part_data": self._part_data,
                "on_part_end": self._part_end, "on_header_field": self._header_field,
                "on_header_value": self._header_value, "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished}

    def _part_begin(self) -> None:
        self._headers, self._value, self._is_file = {}, bytearray(), False
        self._head, self._pending = bytearray(), bytearray()

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._hname += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._hvalue += data[start:end]

    def _header_end(self) -> None:
        self._headers[self._hname.decode("latin-1").lower()] = self._hvalue.decode("utf-8",
                                                                                   "replace")
        self._hname, self._hvalue = bytearray(), bytearray()

    def _headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get("content-disposition", ""))
        self._name = params.get(b"name", b"").decode("utf-8", "replace")
        filename = params.get(b"filename")
        if filename is None:
            if len(self.result.fields) >= self.FIELDS:
                raise UploadError(400, "too many form fields")
            return
        if self.result.path is not None or self._name != "file":
            raise UploadError(400, "send exactly one file, in the form field 'file'")
        self._is_file = True
        self.result.label = safe_label(filename.decode("utf-8", "replace"))
        suffix = Path(self.result.label).suffix
        if suffix and kind_of_suffix(suffix) is None and suffix.lower() not in (".bin", ".dat"):
            raise UploadError(415, unsupported_message(self.result.label))

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if not self._is_file:
            self._value += chunk
            if len(self._value) > self.FIELD_LIMIT:
                raise UploadError(413, f"form field {self._name!r} is too long")
            return
        self.result.size += len(chunk)
        if self.result.size > self.limit:
            raise too_large(self.limit)
        if self._file is None:
            self._pending += chunk
            if len(self._pending) < 16:
                return
            self._open_file()
            chunk = b""
        self._file.write(chunk)  # type: ignore[attr-defined]

    def _open_file(self) -> None:
        head = bytes(self._pending[:16])
        name, kind = typed_name(self.result.label, head, self.want)
        self.result.kind = kind
        self.result.path = self.folder / name
        self._part_path = self.folder / f".{name}.part"
        self._file = open(self._part_path, "wb")  # noqa: SIM115 - closed in _part_end/close
        self._file.write(bytes(self._pending))  # type: ignore[attr-defined]
        self._pending = bytearray()

    def _part_end(self) -> None:
        if not self._is_file:
            if self._name:
                self.result.fields[self._name] = self._value.decode("utf-8", "replace")
            return
        if self._file is None:
            if not self._pending:
                raise UploadError(400, f"{self.result.label} is empty (0 bytes)")
            self._open_file()
        self._finish_file()

    def _finish_file(self) -> None:
        f = self._file
        assert f is not None and self._part_path is not None and self.result.path is not None
        f.flush()  # type: ignore[attr-defined]
        os.fsync(f.fileno())  # type: ignore[attr-defined]
        f.close()  # type: ignore[attr-defined]
        self._file = None
        os.replace(self._part_path, self.result.path)
        self._part_path = None

    def close(self) -> None:
        """Drop a half-written part file (a refused or broken upload)."""
        if self._file is not None:
            self._file.close()  # type: ignore[attr-defined]
            self._file = None
        if self._part_path is not None:
            self._part_path.unlink(missing_ok=True)


async def stream_multipart(content_type: str, chunks: AsyncIterator[bytes], folder: Path,
                           limit: int, want: Kind | None = None) -> MultipartUpload:
    """Parse a multipart/form-data body chunk by chunk, the file going to ``folder``;
    UploadError 413 as soon as the file passes ``limit`` bytes (the rest is never read)."""
    ctype, params = parse_options_header(content_type)
    if ctype != b"multipart/form-data" or b"boundary" not in params:
        raise UploadError(415, "POST /jobs takes multipart/form-data with the file in 'file'")
    sink = _FormSink(folder, limit, want)
    parser = MultipartParser(params[b"boundary"], sink.callbacks())  # type: ignore[arg-type]
    total = 0
    try:
        async for chunk in chunks:
            total += len(chunk)
            if total > limit + _SLACK:
                raise too_large(limit)
            parser.write(chunk)
        parser.finalize()
    except UploadError:
        sink.close()
        raise
    except Exception as e:  # python-multipart's parse errors: a malformed body
        sink.close()
        raise UploadError(400, f"malformed multipart body: {e}") from None
    if sink.result.path is None:
        sink.close()
        raise UploadError(400, "no file: send the image or video in the form field 'file'")
    return sink.result
