"""Registry of network architectures, each registered by name with its metadata.

An architecture module calls :func:`register` at import time with an :class:`ArchSpec`.
The tiler reads ``context`` (input pixels of context each side needed so a tiled result
equals the whole-image result) and ``size_multiple``; the model registry reads
``in_channels`` (1 = works on the Y channel, chroma upscaled with bicubic; 3 = RGB);
the trainer builds networks with :func:`build`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch.nn as nn

from engine.errors import UnsupportedModelError


@dataclass(frozen=True)
class ArchSpec:
    name: str
    builder: Callable[..., nn.Module]   # builder(scale=int, **config) -> nn.Module
    scales: tuple[int, ...]
    in_channels: int                     # 1: Y-only (luma) network; 3: RGB network
    context: int | Callable[[dict[str, Any]], int]  # receptive radius, input px (tiling)
    size_multiple: int = 1               # input H and W must be a multiple of this
    supports_half: bool = True
    default_config: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    paper: str = ""
    kind: str = "generator"              # or "discriminator"
    multi_scale: bool = False            # one network serves several scales (MDSR)
    # config keys that differ between the training form and the exported (folded) form of
    # a re-parameterised network; the module's ``fuse()`` turns one into the other
    deploy_overrides: dict[str, Any] = field(default_factory=dict)


    def context_for(self, config: dict[str, Any] | None = None) -> int:
        """Receptive radius in input pixels for this config (defaults filled in)."""
        if callable(self.context):
            return int(self.context({**self.default_config, **(config or {})}))
        return int(self.context)


_REGISTRY: dict[str, ArchSpec] = {}


def register(spec: ArchSpec) -> ArchSpec:
    if spec.name in _REGISTRY:
        raise ValueError(f"architecture {spec.name!r} registered twice")
    _REGISTRY[spec.name] = spec
    return spec


def _ensure_loaded() -> None:
    import engine.archs  # noqa: F401  (imports every architecture module)


def get_arch(name: str) -> ArchSpec:
    _ensure_loaded()
    try:
        return _REGISTRY[name.lower()]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise UnsupportedModelError(f"unknown architecture {name!r} (known: {known})") from None


def list_archs(kind: str | None = "generator") -> list[ArchSpec]:
    _ensure_loaded()
    return [s for _, s in sorted(_REGISTRY.items()) if kind is None or s.kind == kind]


def build(name: str, scale: int, **config: Any) -> nn.Module:
    """Build the network ``name`` for ``scale`` with ``config`` over its defaults."""
    spec = get_arch(name)
    if spec.kind == "generator" and scale not in spec.scales:
        supported = ", ".join(f"x{s}" for s in spec.scales)
        raise UnsupportedModelError(
            f"{spec.name} does not support x{scale} (supported: {supported})")
    merged = {**spec.default_config, **config}
    return spec.builder(scale=scale, **merged)


def count_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())
