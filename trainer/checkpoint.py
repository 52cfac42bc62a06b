"""Checkpoints: everything needed to continue a run exactly where it stopped.

A checkpoint is our own file (``last.pt`` in the run folder), written with ``torch.save``
to a temporary file and renamed into place, so a crash mid-write leaves the previous one
intact.  It holds only tensors and plain Python data, so it loads with
``weights_only=True`` (no arbitrary unpickling).  Weights meant for users are exported
separately as safetensors (:mod:`trainer.export`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import torch

from engine.errors import ModelFileError
from engine.io.atomic import atomic_output

CHECKPOINT_VERSION = 1
LAST = "last.pt"
BEST = "best.safetensors"
FINAL = "final.safetensors"


def save_checkpoint(path: str | os.PathLike[str], state: dict[str, Any]) -> Path:
    """Write ``state`` atomically (:func:`engine.io.atomic.atomic_output`); a full disk is a
    DiskFullError and leaves the previous checkpoint intact."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as tmp:
        torch.save({"version": CHECKPOINT_VERSION, **state}, tmp)
    return path


def load_checkpoint(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a checkpoint on the CPU; a broken or foreign file is a ModelFileError."""
    path = Path(path)
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise ModelFileError(f"checkpoint not found: {path}") from None
    except Exception as e:  # pickle/zip errors of a truncated or foreign file
        raise ModelFileError(f"{path.name}: unreadable checkpoint ({e})") from None
    if not isinstance(state, dict) or state.get("version") != CHECKPOINT_VERSION:
        raise ModelFileError(f"{path.name}: not an SR Studio training checkpoint")
    return state


def capture_rng() -> dict[str, Any]:
    """Torch's global RNG states (CPU and every CUDA device)."""
    state: dict[str, Any] = {"torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def restore_rng(state: dict[str, Any]) -> None:
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])
