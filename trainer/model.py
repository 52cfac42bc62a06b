"""Build the network to train and load fine-tuning weights into it.

The full network config (the architecture's defaults, the recipe's overrides and
``num_channels``) is what the exported weight file records, so
``LoadedModel.from_file`` rebuilds exactly the trained network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
import torch.nn as nn

from engine.archs.registry import ArchSpec, build, get_arch
from engine.archs.reparam import load_plain_kernels
from engine.errors import ConfigError, ModelFileError, UnsupportedModelError
from engine.models.weights import load_weights, read_metadata
from trainer.config import ModelConfig


def channels_of(cfg: ModelConfig, spec: ArchSpec) -> int:
    """1 (Y-only network) or 3 (RGB): explicit setting, else the architecture's own."""
    if cfg.num_channels is not None:
        return int(cfg.num_channels)
    return int(cfg.config.get("num_channels", spec.in_channels))


def network_config(cfg: ModelConfig, spec: ArchSpec) -> dict[str, Any]:
    """The architecture's defaults, then (fine-tuning a model of the same architecture) the
    config recorded in the ``init_from`` weight file, then the recipe's own overrides, with
    ``num_channels`` set: fine-tuning a shipped model needs no copy of its config."""
    base = {**spec.default_config, **init_config(cfg, spec)}
    full = {**base, **cfg.config}
    if cfg.num_channels is None and "num_channels" in base and "num_channels" not in cfg.config:
        full["num_channels"] = int(base["num_channels"])
    else:
        full["num_channels"] = channels_of(cfg, spec)
    return full


def init_config(cfg: ModelConfig, spec: ArchSpec) -> dict[str, Any]:
    """The network config stored in ``cfg.init_from`` when it is the same architecture."""
    if cfg.init_from is None:
        return {}
    meta = read_metadata(resolve_init_path(cfg.init_from, cfg.scale))
    if meta.get("arch") != spec.name:
        return {}
    # training-form keys (re-parameterisation) are the recipe's or the arch default's to
    # decide: a deployed file (folded) can be trained in the expanded form
    return {k: v for k, v in (meta.get("config") or {}).items()
            if k in spec.default_config and k not in spec.deploy_overrides}


def build_network(cfg: ModelConfig) -> tuple[nn.Module, ArchSpec, dict[str, Any]]:
    """(module, spec, full config) for ``cfg``; builder errors become ConfigError."""
    spec = get_arch(cfg.arch)
    full = network_config(cfg, spec)
    try:
        module = build(spec.name, cfg.scale, **full)
    except UnsupportedModelError as e:
        raise ConfigError(f"model: {e}") from None
    except TypeError as e:  # an unknown builder keyword in model.config
        raise ConfigError(f"model.config: {spec.name} does not accept it ({e})") from None
    return module, spec, full


def resolve_init_path(init_from: str, scale: int) -> Path:
    """A weight file path, or the file of a shipped/user model of that name."""
    p = Path(init_from).expanduser()
    if p.is_file():
        return p
    if p.suffix == ".safetensors" or "/" in init_from:
        raise ConfigError(f"model.init_from: weight file not found: {init_from}")
    from engine.models.registry import ModelInfo, resolve_model
    try:
        ref = resolve_model(init_from, scale)
    except (UnsupportedModelError, ModelFileError) as e:
        raise ConfigError(f"model.init_from: {e}") from None
    if not isinstance(ref, ModelInfo):
        raise ConfigError(f"model.init_from: {init_from!r} is a resizer, not a network")
    return ref.path


def load_init_weights(module: nn.Module, path: Path) -> list[str]:
    """Copy every tensor whose name and shape match (e.g. the body of an x2 model into an
    x4 one); returns warnings about what did not match.  Nothing matching is an error."""
    try:
        state, _meta = load_weights(path)
    except ModelFileError as e:
        raise ConfigError(f"model.init_from: {e}") from None
    unfolded = load_plain_kernels(module, state)   # plain kernels into expanded branches
    own = module.state_dict()
    fit = {k: v for k, v in state.items()
           if k in own and k not in unfolded and own[k].shape == v.shape}
    if not fit and not unfolded:
        raise ConfigError(f"model.init_from: no tensor of {path.name} fits this network "
                          "(different architecture?)")
    with torch.no_grad():
        for k, v in fit.items():
            own[k].copy_(v)
    warnings = []
    missing = len(own) - len(fit) - len(unfolded)
    if missing:
        warnings.append(f"fine-tuning from {path.name}: {missing} of {len(own)} tensors did "
                        "not match and keep their fresh initialisation")
    return warnings
