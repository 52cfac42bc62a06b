"""Export trained weights as an SR Studio weight file (safetensors + JSON metadata).

The metadata is what ``srstudio models``, the model registry and the GUI read: the
network (arch, full config, scale, channels), where it came from (name, role, recipe,
steps) and how good it is (metrics per benchmark dataset).
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any

import torch
import torch.nn as nn

from engine.archs.registry import build, count_params, get_arch
from engine.errors import ModelFileError
from engine.models.weights import save_weights
from trainer.checkpoint import load_checkpoint


def _from_checkpoint(ckpt: dict[str, Any], use_ema: bool
                     ) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    net = ckpt["net"]
    ema = ckpt.get("ema")
    state = ema["module"] if use_ema and ema else ckpt["model"]
    meta = {"arch": net["arch"], "scale": net["scale"], "config": net["config"],
            "num_channels": net["num_channels"], "name": net.get("name"),
            "role": net.get("role"), "recipe": net.get("recipe"), "steps": ckpt["step"],
            "metrics": ckpt.get("metrics") or {}}
    return state, meta


def _deployed(arch: str, scale: int, module: nn.Module, config: dict[str, Any]
              ) -> tuple[nn.Module, dict[str, Any]]:
    """(module, config) in exported form: training-only branches folded away.  The
    folded state must load strictly into a fresh build of the deployed config."""
    target = {**config, **get_arch(arch).deploy_overrides}
    if target == config:
        return module, config
    module.fuse()  # type: ignore[operator]
    plain = build(arch, scale, **target)
    plain.load_state_dict(module.state_dict(), strict=True)
    return plain, target


def export_weights(checkpoint_or_module: nn.Module | dict[str, Any] | str | os.PathLike[str],
                   path: str | os.PathLike[str], *, use_ema: bool = True,
                   deploy: bool = True, **metadata: Any) -> Path:
    """Write a weight file from a module (``arch``, ``scale``, ``config`` required in
    ``metadata``), a checkpoint dict, or a checkpoint file (EMA weights when it has them).
    Keyword metadata overrides what the checkpoint says (e.g. ``name=``, ``metrics=``).
    A re-parameterised network is written folded (its deployed form: what users run and
    what ``params`` counts) unless ``deploy=False`` keeps the training branches."""
    if isinstance(checkpoint_or_module, nn.Module):
        state = checkpoint_or_module.state_dict()
        meta: dict[str, Any] = {}
    else:
        ckpt = (checkpoint_or_module if isinstance(checkpoint_or_module, dict)
                else load_checkpoint(checkpoint_or_module))
        state, meta = _from_checkpoint(ckpt, use_ema)
    meta.update(metadata)
    for key in ("arch", "scale", "config"):
        if meta.get(key) is None:
            raise ModelFileError(f"export: metadata needs '{key}'")
    config = dict(meta["config"])
    meta.setdefault("num_channels", config.get("num_channels"))
    if meta["num_channels"] is None:
        raise ModelFileError("export: metadata needs 'num_channels'")
    config["num_channels"] = int(meta["num_channels"])
    meta["config"] = config
    # rebuilding proves the file will load, and gives the parameter count
    module = build(meta["arch"], int(meta["scale"]), **config)
    try:
        module.load_state_dict(state, strict=True)
    except RuntimeError as e:
        raise ModelFileError(f"export: tensors do not fit {meta['arch']} "
                             f"({str(e).splitlines()[0]})") from None
    if deploy:
        module, meta["config"] = _deployed(meta["arch"], int(meta["scale"]), module,
                                           meta["config"])
    meta.setdefault("params", count_params(module))
    meta.setdefault("created", _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat())
    meta = {k: v for k, v in meta.items() if v is not None}
    return save_weights(path, module.state_dict(), meta)
