"""Weight files, loaded-model descriptors and the registry of available models.

Which models exist and what they are; building an upscaler from one is
:mod:`engine.inference.factory`, a layer above.

The names below load on first use (PEP 562), so ``import engine.models.registry`` (model
names, roles, listing) does not import torch: the job planner and a lean build need that.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "LoadedModel": "engine.models.descriptor",
    "ClassicalModel": "engine.models.registry", "ModelInfo": "engine.models.registry",
    "import_model": "engine.models.registry", "list_models": "engine.models.registry",
    "resolve_model": "engine.models.registry",
    "read_metadata": "engine.models.header",
    "load_weights": "engine.models.weights", "save_weights": "engine.models.weights",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'engine.models' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
