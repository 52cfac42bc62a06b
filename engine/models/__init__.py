"""Weight files, loaded-model descriptors and the registry of available models.

Which models exist and what they are; building an upscaler from one is
:mod:`engine.inference.factory`, a layer above.

The names below load on first use (PEP 562), so ``import engine.models.registry`` (model
names, roles, listing) does not import torch: the job planner and a lean build need that.
"""

from __future__ import annotations

from engine.lazy import lazy_exports

_WHERE = {
    "LoadedModel": "engine.models.descriptor",
    "ClassicalModel": "engine.models.registry", "ModelInfo": "engine.models.registry",
    "import_model": "engine.models.registry", "list_models": "engine.models.registry",
    "resolve_model": "engine.models.registry",
    "read_metadata": "engine.models.header",
    "load_weights": "engine.models.weights", "save_weights": "engine.models.weights",
}

__all__ = sorted(_WHERE)


__getattr__ = lazy_exports(__name__, _WHERE)
