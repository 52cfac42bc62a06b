"""The devices a server's workers run on when none are given (``--device``): found once at
start-up, without loading a model."""

from __future__ import annotations


def default_devices() -> list[str]:
    """One worker slot per CUDA GPU, else MPS, else the CPU (also in a build without torch,
    where ONNX Runtime runs the models)."""
    try:
        import torch
    except ImportError:
        return ["cpu"]
    if torch.cuda.is_available():
        return [f"cuda:{i}" for i in range(torch.cuda.device_count())]
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return ["mps"]
    return ["cpu"]
