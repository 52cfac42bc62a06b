"""A loaded model: the network plus the metadata the tiler and the UI need.

Following spandrel, a loaded model is a descriptor that wraps the ``nn.Module`` with its
architecture spec, scale, channel mode and metadata, instead of subclassing the module.
"""

from __future__ import annotations

import inspect
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
import torch.nn as nn

from engine.archs.registry import ArchSpec, build, count_params, get_arch
from engine.errors import ModelFileError, SRStudioError
from engine.models.header import FLOAT_DTYPES, TensorEntry, read_header
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
        """Build the architecture named in the file's header and load its tensors.  The
        header is checked first (:func:`check_weight_file`), so a broken file costs a
        header read, not a network built and initialised for nothing."""
        path = Path(path)
        spec, cfg, scale = check_weight_file(path)
        state, meta = load_weights(path)
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


def check_weight_file(path: str | os.PathLike[str]) -> tuple[ArchSpec, dict[str, Any], int]:
    """(architecture, full config, scale) of a weight file whose header describes a network
    its tensors fit, or one ModelFileError saying what is wrong.  Reads only the header; the
    network is built on the meta device (no memory, no initialisation) for its shapes."""
    path = Path(path)
    meta, tensors = read_header(path)
    try:
        spec = get_arch(meta["arch"])
    except SRStudioError as e:
        raise ModelFileError(f"{path.name}: {e}") from None
    scale = meta["scale"]
    cfg = {**spec.default_config, **meta["config"]}
    _check_config_keys(path.name, spec, cfg)
    expected = expected_tensors(spec, scale, cfg, path.name)
    _compare_tensors(path.name, spec.name, expected, tensors)
    return spec, cfg, scale


def _check_config_keys(name: str, spec: ArchSpec, cfg: dict[str, Any]) -> None:
    try:
        params = inspect.signature(spec.builder).parameters
    except (TypeError, ValueError):   # a builder without a signature: nothing to check
        return
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return
    unknown = sorted(set(cfg) - set(params))
    if unknown:
        known = ", ".join(k for k in params if k != "scale")
        raise ModelFileError(f"{name}: unknown config key {', '.join(unknown)} for {spec.name} "
                             f"(known: {known})")


def expected_tensors(spec: ArchSpec, scale: int, cfg: dict[str, Any],
                     name: str = "model") -> dict[str, tuple[torch.dtype, tuple[int, ...]]]:
    """The state dict (dtype, shape) that ``spec`` with ``cfg`` at ``scale`` has, from a build
    on the meta device, which allocates nothing however large the config."""
    try:
        with torch.device("meta"):
            module = build(spec.name, scale, **cfg)
    except SRStudioError as e:
        raise ModelFileError(f"{name}: {e}") from None
    except Exception as e:  # the builder rejects its own config: one line
        first = (str(e).splitlines() or [type(e).__name__])[0]
        raise ModelFileError(f"{name}: its config does not build {spec.name} ({first})") from None
    return {k: (v.dtype, tuple(v.shape)) for k, v in module.state_dict().items()}


def _compare_tensors(name: str, arch: str,
                     expected: dict[str, tuple[torch.dtype, tuple[int, ...]]],
                     found: dict[str, TensorEntry]) -> None:
    def some(keys: list[str]) -> str:
        return ", ".join(keys[:3]) + (f" and {len(keys) - 3} more" if len(keys) > 3 else "")

    missing = sorted(set(expected) - set(found))
    unexpected = sorted(set(found) - set(expected))
    if missing or unexpected:
        parts = []
        if missing:
            parts.append(f"{len(missing)} of its {len(expected)} tensors missing ({some(missing)})")
        if unexpected:
            parts.append(f"{len(unexpected)} unexpected ({some(unexpected)})")
        raise ModelFileError(f"{name}: tensors do not fit {arch}: {'; '.join(parts)}")
    for key in sorted(expected):
        dtype, shape = expected[key]
        entry = found[key]
        if entry.shape != shape:
            raise ModelFileError(f"{name}: tensors do not fit {arch}: {key} is "
                                 f"{list(entry.shape)} in the file, {list(shape)} in the "
                                 "network its config describes")
        if dtype.is_floating_point != (entry.dtype in FLOAT_DTYPES):
            raise ModelFileError(f"{name}: tensors do not fit {arch}: {key} is {entry.dtype}")
