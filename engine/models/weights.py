"""Weight files: safetensors tensors plus a JSON metadata header.

The header's ``__metadata__`` holds one key, ``srstudio``, whose value is a JSON object
describing the network (architecture, config, scale, channels), where it came from (recipe
id, training steps) and how good it is (metrics per benchmark).  Loading uses
``safetensors`` only, so opening a weight file never unpickles anything.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from engine.errors import ModelFileError
from engine.io.atomic import atomic_output
from engine.models.header import FORMAT_VERSION, METADATA_KEY, REQUIRED_KEYS, read_metadata

__all__ = ["FORMAT_VERSION", "METADATA_KEY", "REQUIRED_KEYS", "load_weights", "read_metadata",
           "save_weights", "update_metadata"]


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
