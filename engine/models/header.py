"""The SR Studio header of a weight file, read without torch.

A safetensors file starts with an 8-byte length and a JSON header; ours carries the
network's description under ``__metadata__["srstudio"]``.  Listing models, resolving names
and planning a job only need that header, so this module imports neither torch nor
safetensors (the lean build and the job planner stay torch-free).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from engine.errors import ModelFileError
from engine.io.atomic import atomic_output
from engine.models.foreign_files import describe_start

FORMAT_VERSION = 1
METADATA_KEY = "srstudio"
REQUIRED_KEYS = ("arch", "scale", "config", "num_channels")
MAX_SCALE = 16
#: no network we run has a config number this large (channels, blocks); larger ones are a
#: broken header (d=10**9 once tried to allocate 100 GB) and are refused before building
MAX_CONFIG_INT = 4096
#: bytes per element of the safetensors dtypes
DTYPE_SIZES = {"BOOL": 1, "U8": 1, "I8": 1, "F8_E4M3": 1, "F8_E5M2": 1, "I16": 2, "U16": 2,
               "F16": 2, "BF16": 2, "I32": 4, "U32": 4, "F32": 4, "I64": 8, "U64": 8, "F64": 8}
FLOAT_DTYPES = frozenset({"F8_E4M3", "F8_E5M2", "F16", "BF16", "F32", "F64"})


@dataclass(frozen=True)
class TensorEntry:
    """A tensor as the header declares it (its data is not read)."""
    dtype: str
    shape: tuple[int, ...]


def read_metadata(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read only the JSON header (cheap: no tensor data is touched), validated: every
    broken file is one ModelFileError, never a ValueError or TypeError later."""
    return read_header(path)[0]


def read_header(path: str | os.PathLike[str]) -> tuple[dict[str, Any], dict[str, TensorEntry]]:
    """The validated SR Studio metadata and the tensors the header declares, checked against
    the file's size, without reading tensor data."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            raw = f.read(8)
            if len(raw) != 8:
                raise ModelFileError(f"{path.name}: not a safetensors file (too short)")
            (n,) = struct.unpack("<Q", raw)
            if n <= 0 or n > 100_000_000 or 8 + n > size:
                raise ModelFileError(f"{path.name}: not a safetensors file "
                                     f"({_bad_start(raw + f.read(8), n, size)})")
            header = json.loads(f.read(n))
    except FileNotFoundError:
        raise ModelFileError(f"model file not found: {path}") from None
    except IsADirectoryError:
        raise ModelFileError(f"{path}: is a folder, not a weight file") from None
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise ModelFileError(f"{path.name}: unreadable weight file ({e})") from None
    if not isinstance(header, dict):
        raise ModelFileError(f"{path.name}: not a safetensors file (the header is not an object)")
    extra = header.get("__metadata__") or {}
    if not isinstance(extra, dict):
        raise ModelFileError(f"{path.name}: not a safetensors file (bad __metadata__)")
    meta_str = extra.get(METADATA_KEY)
    if meta_str is None:
        raise ModelFileError(f"{path.name}: no SR Studio metadata in the header "
                             "(import it with the ONNX/third-party importer instead)")
    try:
        meta = json.loads(meta_str) if isinstance(meta_str, str) else None
    except ValueError:
        raise ModelFileError(f"{path.name}: SR Studio metadata is not valid JSON") from None
    if not isinstance(meta, dict):
        raise ModelFileError(f"{path.name}: SR Studio metadata is not a JSON object")
    _check_metadata(path.name, meta)
    tensors = _check_tensors(path.name, header, size - 8 - n)
    return meta, tensors


def _bad_start(start: bytes, declared: int, size: int) -> str:
    """Why a file's first bytes are no safetensors header: cut short, or what it is
    instead (a misnamed picture, a PyTorch pickle...)."""
    what = describe_start(start)
    if what == "a safetensors file":
        return f"truncated: its header declares {declared:,} bytes, the file has {size:,}"
    return f"it looks like {what}"


def _is_int(v: Any) -> TypeGuard[int]:
    return isinstance(v, int) and not isinstance(v, bool)


def _check_metadata(name: str, meta: dict[str, Any]) -> None:
    missing = [k for k in REQUIRED_KEYS if k not in meta]
    if missing:
        raise ModelFileError(f"{name}: metadata lacks {', '.join(missing)}")
    arch, scale, config, channels = (meta[k] for k in REQUIRED_KEYS)
    if not isinstance(arch, str) or not arch.strip():
        raise ModelFileError(f"{name}: the metadata's arch must be a name, not {arch!r}")
    if not _is_int(scale) or not 1 <= scale <= MAX_SCALE:
        raise ModelFileError(f"{name}: the metadata's scale must be a whole number from 1 "
                             f"to {MAX_SCALE}, not {scale!r}")
    if not _is_int(channels) or channels not in (1, 3, 4):
        raise ModelFileError(f"{name}: the metadata's num_channels must be 1, 3 or 4, "
                             f"not {channels!r}")
    if not isinstance(config, dict):
        raise ModelFileError(f"{name}: the metadata's config must be a mapping of settings, "
                             f"not {type(config).__name__}")
    for key, value in config.items():
        if key == "scale":
            raise ModelFileError(f"{name}: the config must not repeat the scale")
        if not isinstance(value, str | int | float | bool | None):
            raise ModelFileError(f"{name}: config {key} must be a number, text or true/false, "
                                 f"not {type(value).__name__}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ModelFileError(f"{name}: config {key} is {value}")
        if _is_int(value) and abs(value) > MAX_CONFIG_INT:
            raise ModelFileError(f"{name}: config {key}={value} is far too large "
                                 f"(at most {MAX_CONFIG_INT}); the header is broken")
    for key, kinds in (("name", str), ("role", str), ("params", int), ("metrics", dict)):
        value = meta.get(key)
        if value is not None and (not isinstance(value, kinds) or isinstance(value, bool)):
            raise ModelFileError(f"{name}: the metadata's {key} must be a "
                                 f"{'mapping' if kinds is dict else kinds.__name__}, "
                                 f"not {type(value).__name__}")
    for dataset, scores in (meta.get("metrics") or {}).items():
        if not isinstance(scores, dict):
            raise ModelFileError(f"{name}: the metrics of {dataset} must be a mapping")


def _check_tensors(name: str, header: dict[str, Any], data_len: int) -> dict[str, TensorEntry]:
    """Each declared tensor has a known dtype, a shape and a byte range that matches it and
    lies inside the file."""
    out: dict[str, TensorEntry] = {}
    for key, entry in header.items():
        if key == "__metadata__":
            continue
        dtype = entry.get("dtype") if isinstance(entry, dict) else None
        shape = entry.get("shape") if isinstance(entry, dict) else None
        offsets = entry.get("data_offsets") if isinstance(entry, dict) else None
        if (dtype not in DTYPE_SIZES or not isinstance(shape, list)
                or not all(_is_int(d) and d >= 0 for d in shape)
                or not isinstance(offsets, list) or len(offsets) != 2
                or not all(_is_int(o) for o in offsets)):
            raise ModelFileError(f"{name}: tensor {key} is badly described in the header")
        start, end = offsets
        if not 0 <= start <= end <= data_len or end - start != math.prod(shape) * DTYPE_SIZES[
                dtype]:
            raise ModelFileError(f"{name}: tensor {key} lies outside the file or does not match "
                                 "its shape (a truncated or corrupt file)")
        out[key] = TensorEntry(dtype, tuple(shape))
    return out




def copy_with_metadata(src: str | os.PathLike[str], dst: str | os.PathLike[str],
                       **changes: Any) -> None:
    """Copy a weight file to ``dst`` with some SR Studio metadata changed (a rename).

    Only the JSON header is rewritten; the tensor bytes are copied as they are (their
    offsets count from the header's end), so this needs neither torch nor the memory of
    the tensors, and the header is validated before anything is written."""
    src = Path(src)
    meta, _tensors = read_header(src)
    meta.update(changes)
    with open(src, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        header["__metadata__"][METADATA_KEY] = json.dumps(meta, sort_keys=True)
        raw = json.dumps(header, separators=(",", ":")).encode()
        raw += b" " * (-len(raw) % 8)   # safetensors pads its header to 8 bytes
        with atomic_output(dst, exclusive=True) as tmp, open(tmp, "wb") as out:
            out.write(struct.pack("<Q", len(raw)))
            out.write(raw)
            shutil.copyfileobj(f, out, 1 << 20)
