"""A loaded model: the network plus the metadata the tiler and the UI need.

Following spandrel, a loaded model is a descriptor that wraps the ``nn.Module`` with its
architecture spec, scale, channel mode and metadata, instead of subclassing the module.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch.nn as nn

from engine.archs.registry import ArchSpec, build, count_params, get_arch
from engine.errors import ModelFileError
from engine.models.weights import load_weights


@dataclass
class LoadedModel:
    name: str
    spec: ArchSpec
    config: dict[str, Any]
    scale: int
    num_channels: int
    module: nn.Module
    metadata: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def context(self) -> int:
        return self.spec.context_for({**self.config, "scale": self.scale})

    @property
    def size_multiple(self) -> int:
        return self.spec.size_multiple

    @property
    def supports_half(self) -> bool:
        return self.spec.supports_half

    @property
    def params(self) -> int:
        return count_params(self.module)

    @classmethod
    def from_module(cls, module: nn.Module, *, arch: str, scale: int,
                    config: dict[str, Any] | None = None, name: str | None = None,
                    metadata: dict[str, Any] | None = None) -> LoadedModel:
        """Wrap a network that is already built (e.g. by the trainer, mid-training)."""
        spec = get_arch(arch)
        cfg = {**spec.default_config, **(config or {})}
        num_channels = int(cfg.get("num_channels", spec.in_channels))
        return cls(name=name or f"{arch}_x{scale}", spec=spec, config=cfg, scale=scale,
                   num_channels=num_channels, module=module, metadata=dict(metadata or {}))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> LoadedModel:
        """Build the architecture named in the file's header and load its tensors."""
        path = Path(path)
        state, meta = load_weights(path)
        spec = get_arch(meta["arch"])
        cfg = {**spec.default_config, **dict(meta.get("config") or {})}
        scale = int(meta["scale"])
        module = build(spec.name, scale, **cfg)
        try:
            module.load_state_dict(state, strict=True)
        except RuntimeError as e:
            first = str(e).splitlines()[0] if str(e) else "mismatch"
            raise ModelFileError(f"{path.name}: tensors do not fit {spec.name} ({first})") from None
        module.eval()
        num_channels = int(meta.get("num_channels", cfg.get("num_channels", spec.in_channels)))
        return cls(name=meta.get("name") or path.stem, spec=spec, config=cfg, scale=scale,
                   num_channels=num_channels, module=module, metadata=meta, path=path)
