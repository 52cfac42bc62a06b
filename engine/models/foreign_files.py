"""Checks on model files made by other tools, before any loader touches their data.

Nothing here imports torch: listing and sniffing files must stay cheap and safe, and the
lean (ONNX/ncnn only) build uses them too.  Every failure is one :class:`ModelFileError`
line saying what is wrong with the file.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import struct
from pathlib import Path
from typing import Any

from engine.errors import ModelFileError

SAFETENSORS_DTYPES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2,
                      "I8": 1, "U8": 1, "BOOL": 1, "U16": 2, "U32": 4, "U64": 8,
                      "F8_E4M3": 1, "F8_E5M2": 1}
MAX_HEADER_BYTES = 100_000_000

# what a file starts with, for telling a user what a misnamed file really is
_MAGIC = ((b"PK\x03\x04", "a zip archive (PyTorch's .pth format)"),
          (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"7767517", "an ncnn .param file"), (b"GIF8", "a GIF image"))


def file_digest(path: str | os.PathLike[str], length: int = 16) -> str:
    """SHA-256 of the file's bytes (hex, shortened): the key of every cache about a model,
    so a renamed copy is recognised and a changed file is not."""
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:length]


def describe_start(data: bytes) -> str:
    """Words for what a file looks like from its first bytes ('a PNG image', ...)."""
    for magic, words in _MAGIC:
        if data.startswith(magic):
            return words
    if len(data) >= 8 and data[8:9] == b"{":
        return "a safetensors file"
    if data[:1] == b"\x80":
        return "a Python pickle (PyTorch's legacy format)"
    if data[:1] == b"\x08":
        return "possibly an ONNX protobuf"
    return "not a model format SR Studio knows"


def require_nonempty(path: Path) -> int:
    """The file's size; a one-line error for a missing or zero-byte file."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ModelFileError(f"model file not found: {path}") from None
    if size == 0:
        raise ModelFileError(f"{path.name}: the file is empty (0 bytes)")
    return size


def check_safetensors(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Validate a safetensors file's header against its size and return the header.

    Every tensor's dtype, shape and byte range must agree with each other and fit in the
    file, so a header that declares absurd sizes is refused before anything is allocated.
    """
    path = Path(path)
    size = require_nonempty(path)
    with path.open("rb") as f:
        raw = f.read(8)
        if len(raw) != 8:
            raise ModelFileError(f"{path.name}: truncated safetensors file ({size} bytes)")
        (n,) = struct.unpack("<Q", raw)
        if n < 2 or n > MAX_HEADER_BYTES or n > size - 8:
            start = raw + f.read(8)
            raise ModelFileError(f"{path.name}: not a valid safetensors file (header length "
                                 f"{n} for a {size}-byte file; it looks like "
                                 f"{describe_start(start)})")
        try:
            header = json.loads(f.read(n))
        except (ValueError, UnicodeDecodeError):
            raise ModelFileError(f"{path.name}: safetensors header is not valid JSON") from None
    if not isinstance(header, dict):
        raise ModelFileError(f"{path.name}: safetensors header is not a JSON object")
    data_bytes = size - 8 - n
    for key, entry in header.items():
        if key == "__metadata__":
            if entry is not None and not isinstance(entry, dict):
                raise ModelFileError(f"{path.name}: safetensors __metadata__ is not an object")
            continue
        _check_entry(path, key, entry, data_bytes)
    return header


def _check_entry(path: Path, key: str, entry: Any, data_bytes: int) -> None:
    if not isinstance(entry, dict):
        raise ModelFileError(f"{path.name}: tensor {key!r} has no description")
    dtype, shape, offsets = entry.get("dtype"), entry.get("shape"), entry.get("data_offsets")
    if dtype not in SAFETENSORS_DTYPES:
        raise ModelFileError(f"{path.name}: tensor {key!r} has unknown dtype {dtype!r}")
    if (not isinstance(shape, list) or len(shape) > 8
            or not all(isinstance(d, int) and 0 <= d < 2**40 for d in shape)):
        raise ModelFileError(f"{path.name}: tensor {key!r} has an invalid shape {shape!r}")
    if (not isinstance(offsets, list) or len(offsets) != 2
            or not all(isinstance(o, int) for o in offsets)):
        raise ModelFileError(f"{path.name}: tensor {key!r} has invalid data offsets")
    begin, end = offsets
    need = math.prod(shape) * SAFETENSORS_DTYPES[dtype]
    if not 0 <= begin <= end <= data_bytes or end - begin != need:
        raise ModelFileError(
            f"{path.name}: tensor {key!r} declares {need:,} bytes at [{begin}, {end}) but the "
            f"file holds {data_bytes:,} bytes of data (truncated or corrupt)")


def safetensors_user_metadata(header: dict[str, Any]) -> dict[str, str]:
    """Author, licence, description and title from a header's ``__metadata__``, as
    OpenModelDB and the ModelSpec convention write them (``modelspec.author`` ...)."""
    meta = header.get("__metadata__") or {}
    found: dict[str, str] = {}
    wanted = {"author": "author", "license": "license", "licence": "license",
              "description": "description", "title": "title", "name": "title"}
    for key, value in meta.items():
        short = str(key).lower().rsplit(".", 1)[-1]
        if short in wanted and isinstance(value, str) and value.strip():
            found.setdefault(wanted[short], value.strip()[:500])
    return found
