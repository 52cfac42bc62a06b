"""Package names that load on first use (PEP 562): ``engine.models``, ``engine.inference``
and ``engine.jobs`` list what they export without importing it, so importing one light
module of theirs (the registry, the ONNX upscaler, the request) does not pull in torch."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, where: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``where[name]`` when ``name`` is first used."""
    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(where[name]), name)
    return __getattr__
