"""The SR Studio header of a weight file, read without torch.

A safetensors file starts with an 8-byte length and a JSON header; ours carries the
network's description under ``__metadata__["srstudio"]``.  Listing models, resolving names
and planning a job only need that header, so this module imports neither torch nor
safetensors (the lean build and the job planner stay torch-free).
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path
from typing import Any

from engine.errors import ModelFileError

FORMAT_VERSION = 1
METADATA_KEY = "srstudio"
REQUIRED_KEYS = ("arch", "scale", "config", "num_channels")


def read_metadata(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read only the JSON header (cheap: no tensor data is touched)."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            raw = f.read(8)
            if len(raw) != 8:
                raise ModelFileError(f"{path.name}: not a safetensors file (too short)")
            (n,) = struct.unpack("<Q", raw)
            if n <= 0 or n > 100_000_000:
                raise ModelFileError(f"{path.name}: not a safetensors file (bad header)")
            header = json.loads(f.read(n))
    except FileNotFoundError:
        raise ModelFileError(f"model file not found: {path}") from None
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise ModelFileError(f"{path.name}: unreadable weight file ({e})") from None
    meta_str = (header.get("__metadata__") or {}).get(METADATA_KEY)
    if meta_str is None:
        raise ModelFileError(f"{path.name}: no SR Studio metadata in the header "
                             "(import it with the ONNX/third-party importer instead)")
    try:
        meta = json.loads(meta_str)
    except ValueError:
        raise ModelFileError(f"{path.name}: SR Studio metadata is not valid JSON") from None
    missing = [k for k in REQUIRED_KEYS if k not in meta]
    if missing:
        raise ModelFileError(f"{path.name}: metadata lacks {', '.join(missing)}")
    return meta
