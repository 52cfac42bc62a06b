"""Which build this is: the full one (PyTorch: training, .pth models, the torch backend)
or the lean one (SR Studio without torch: ONNX Runtime and ncnn only).

The lean build leaves torch out of the bundle, so the answer is whether it can be
imported; every feature that needs it asks :func:`require_torch`, which fails in one line
naming the full build instead of a traceback about a missing module.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

from engine.errors import UnsupportedModelError

FULL_BUILD = "SR Studio Pro"


@lru_cache(maxsize=1)
def torch_available() -> bool:
    """Whether PyTorch can be imported here (False in the lean build)."""
    try:
        return importlib.util.find_spec("torch") is not None
    except (ImportError, ValueError):   # a finder that refuses it, a broken install
        return False


def full_build_message(what: str) -> str:
    """The one line shown when the lean build is asked for a torch feature."""
    return f"{what} needs PyTorch, which this build leaves out: use {FULL_BUILD}, the full build"


def require_torch(what: str) -> None:
    """Raise :class:`UnsupportedModelError` (one line) when torch is missing."""
    if not torch_available():
        raise UnsupportedModelError(full_build_message(what))
