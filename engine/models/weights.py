"""Weight files: safetensors tensors plus a JSON metadata header.

The header's ``__metadata__`` holds one key, ``srstudio``, whose value is a JSON object
describing the network (architecture, config, scale, channels), where it came from (recipe
id, training steps) and how good it is (metrics per benchmark).  Loading uses
``safetensors`` only, so opening a weight file never unpickles anything.
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from engine.errors import ModelFileError
from engine.io.atomic import atomic_output

FORMAT_VERSION = 1
METADATA_KEY = "srstudio"
REQUIRED_KEYS = ("arch", "scale", "config", "num_channels")


def save_weights(path: str | os.PathLike[str], state_dict: dict[str, torch.Tensor],
                 metadata: dict[str, Any]) -> Path:
    """Write ``state_dict`` and ``metadata`` atomically (temp file + rename)."""
    missing = [k for k in REQUIRED_KEYS if k not in metadata]
    if missing:
        raise ModelFileError(f"weight metadata lacks {', '.join(missing)}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"format": FORMAT_VERSION, **metadata}
    tensors = {k: v.detach().to("cpu").contiguous().clone() for k, v in state_dict.items()}
    with atomic_output(path) as tmp:
        save_file(tensors, tmp, metadata={METADATA_KEY: json.dumps(meta, sort_keys=True)})
    return path


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


def load_weights(path: str | os.PathLike[str]) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """Return (state_dict, metadata) from a weight file written by :func:`save_weights`."""
    meta = read_metadata(path)
    try:
        tensors = load_file(str(path), device="cpu")
    except Exception as e:  # safetensors raises its own error types
        raise ModelFileError(f"{Path(path).name}: corrupt weight file ({e})") from None
    return tensors, meta


def update_metadata(path: str | os.PathLike[str], **changes: Any) -> dict[str, Any]:
    """Rewrite a weight file with some metadata keys changed (e.g. measured metrics)."""
    tensors, meta = load_weights(path)
    meta.update(changes)
    save_weights(path, tensors, meta)
    return meta
