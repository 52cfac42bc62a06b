"""PyTorch model files of other projects (.pth, .pt, .ckpt, .safetensors) through spandrel.

spandrel recognises an architecture and its hyper-parameters from a state dict alone
(ESRGAN, Real-ESRGAN Compact, SPAN, SwinIR, HAT, DAT, OmniSR, RealCUGAN, ...).  We only
give it tensors we read ourselves: pickles through ``torch.load(weights_only=True)`` (no
code from the file runs; a pickle that needs other globals is refused and says which),
safetensors after :func:`~engine.models.foreign_files.check_safetensors`, never
TorchScript.  The result is the engine's own :class:`LoadedModel`, with an ad-hoc
:class:`ArchSpec` carrying what the tiler needs (receptive radius from
:mod:`engine.models.receptive`, size multiple from the window size, half support), so the
torch and ONNX backends, the tiler and the exporter treat it like one of ours.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Any

import torch
import torch.nn as nn
import torch.nn.functional as F

from engine.archs.registry import ArchSpec, count_params
from engine.errors import ModelFileError, UnsupportedModelError
from engine.models.descriptor import LoadedModel
from engine.models.foreign_files import (
    check_safetensors,
    describe_start,
    require_nonempty,
    safetensors_user_metadata,
)

PICKLE_SUFFIXES = (".pth", ".pt", ".ckpt", ".bin")
RUNNABLE_PURPOSES = ("SR", "Restoration")
EXTRA_ARCHES_ENV = "SRSTUDIO_SPANDREL_EXTRA_ARCHES"
"""Set to 1 to let spandrel_extra_arches (non-commercial licences) detect models too."""


def read_state_dict(path: str | os.PathLike[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The tensors of a third-party weight file and its user metadata (author, licence...),
    read without running anything stored in the file."""
    path = Path(path)
    size = require_nonempty(path)
    if path.suffix.lower() == ".safetensors":
        header = check_safetensors(path)
        from safetensors.torch import load_file
        try:
            return dict(load_file(str(path), device="cpu")), safetensors_user_metadata(header)
        except Exception as e:  # safetensors' own error types
            raise ModelFileError(f"{path.name}: corrupt safetensors file ({_first(e)})") from None
    with path.open("rb") as f:
        start = f.read(16)
    if not (start.startswith(b"PK\x03\x04") or start[:1] == b"\x80"):
        raise ModelFileError(f"{path.name}: not a PyTorch weight file (it looks like "
                             f"{describe_start(start)})")
    try:
        obj = torch.load(str(path), map_location="cpu", weights_only=True)
    except Exception as e:  # UnpicklingError, RuntimeError (zip), EOFError, ...
        raise ModelFileError(_pickle_error(path, size, e)) from None
    if not isinstance(obj, dict):
        raise ModelFileError(f"{path.name}: holds a {type(obj).__name__}, not a state dict "
                             "of tensors")
    return obj, {}


def _first(e: BaseException) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0][:160]


def _pickle_error(path: Path, size: int, e: BaseException) -> str:
    text = str(e)
    hit = re.search(r"GLOBAL ([\w.]+)", text)
    if hit:
        return (f"{path.name}: refused: the pickle needs {hit.group(1)}, which is not a "
                "tensor or a plain container (SR Studio never runs code from a model file)")
    if "TorchScript" in text or "torchscript" in text:
        return (f"{path.name}: a TorchScript archive (compiled code, which SR Studio does not "
                "run); export the plain state dict instead")
    if isinstance(e, EOFError | OSError) or "zip" in text or "unexpected" in text.lower():
        return f"{path.name}: truncated or damaged PyTorch file ({size:,} bytes)"
    return f"{path.name}: unreadable PyTorch file ({_first(e)})"


def _registry() -> Any:
    """spandrel's main registry; with spandrel_extra_arches only when the user opted in."""
    from spandrel import MAIN_REGISTRY
    if os.environ.get(EXTRA_ARCHES_ENV, "") not in ("1", "true", "yes"):
        return MAIN_REGISTRY
    try:
        import spandrel_extra_arches
    except ImportError:
        raise UnsupportedModelError(f"{EXTRA_ARCHES_ENV} is set but spandrel_extra_arches "
                                    "is not installed") from None
    reg = MAIN_REGISTRY.copy()
    spandrel_extra_arches.install(reg)
    return reg


def detect(state: dict[str, Any], name: str) -> Any:
    """spandrel's descriptor for a state dict; a clear line when nothing matches."""
    import spandrel
    try:
        desc = _registry().load(spandrel.canonicalize_state_dict(state))
    except spandrel.UnsupportedModelError:
        keys = [k for k in state if isinstance(k, str)]
        shown = ", ".join(repr(k) for k in keys[:4])
        raise UnsupportedModelError(
            f"{name}: no architecture SR Studio knows matches these tensors ({len(keys)} "
            f"keys not recognised, e.g. {shown})") from None
    except (KeyError, ValueError, RuntimeError, AssertionError, IndexError, TypeError) as e:
        raise UnsupportedModelError(f"{name}: the tensors look like a known architecture "
                                    f"but do not fit it ({_first(e)})") from None
    if not isinstance(desc, spandrel.ImageModelDescriptor):
        raise UnsupportedModelError(f"{name}: {desc.architecture.name} is an inpainting "
                                    "model; SR Studio runs upscaling and restoration models")
    return desc


def check_purpose(purpose: str, arch: str, name: str) -> None:
    """Super-resolution and restoration run; face restoration and inpainting do not yet."""
    if purpose in RUNNABLE_PURPOSES:
        return
    what = {"FaceSR": "a face-restoration model", "Inpainting": "an inpainting model"}
    raise UnsupportedModelError(
        f"{name}: {arch} is {what.get(purpose, f'a {purpose} model')}; SR Studio runs "
        "super-resolution and restoration (1x) models, not this kind yet")


class SpandrelNetwork(nn.Module):
    """A spandrel module with its own call convention, padded up to its minimum size (and
    to a square where it needs one) by edge replication, the output cropped back."""

    def __init__(self, net: nn.Module, call_fn: Any, scale: int, minimum: int = 0,
                 square: bool = False) -> None:
        super().__init__()
        self.net = net
        self._call = call_fn
        self.scale, self.minimum, self.square = int(scale), int(minimum), bool(square)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h, w = int(x.shape[-2]), int(x.shape[-1])
        th, tw = max(h, self.minimum), max(w, self.minimum)
        if self.square:
            th = tw = max(th, tw)
        if (th, tw) != (h, w):
            x = F.pad(x, (0, tw - w, 0, th - h), mode="replicate")
        y = self._call(self.net, x)
        if (th, tw) != (h, w):
            y = y[..., : h * self.scale, : w * self.scale]
        return y


def window_multiple(module: nn.Module) -> int:
    """The size a window-attention network's input must be a multiple of (SwinIR, HAT,
    OmniSR: ``window_size``; DAT: its ``split_size`` rectangles), 1 for others."""
    top = getattr(module, "window_size", None)
    if isinstance(top, int) and top > 1:
        return top
    sizes: set[int] = set()
    for sub in module.modules():
        for attr in ("window_size", "split_size"):
            v = getattr(sub, attr, None)
            vals = [v] if isinstance(v, int) else list(v) if isinstance(v, list | tuple) else []
            sizes.update(int(s) for s in vals if isinstance(s, int) and s > 1)
    return math.lcm(*sizes) if sizes else 1


def feature_width(module: nn.Module) -> int:
    """The widest conv/linear output: what the auto tile size estimates memory from."""
    widths = [m.out_channels for m in module.modules() if isinstance(m, nn.Conv2d)]
    widths += [m.out_features for m in module.modules() if isinstance(m, nn.Linear)]
    return max(widths, default=64)


def spandrel_facts(desc: Any, module: nn.Module) -> dict[str, Any]:
    """What SR Studio records about a detected model (cached by file hash): spandrel's
    descriptor plus the measured receptive radius and the tile size multiple."""
    from engine.models.receptive import measure_footprint
    req = desc.size_requirements
    multiple = max(int(req.multiple_of), window_multiple(desc.model))
    attention = window_multiple(desc.model) > 1
    probe = measure_footprint(module.float(), desc.input_channels, desc.scale,
                              multiple=multiple)
    context = probe.context
    exact = probe.exact and not attention   # a window grid moves with the tile's origin
    if not exact:
        # non-local (attention, pooling): a few windows of context keep seams invisible
        context = max(context, 2 * multiple + 4)
    return {"model_format": "spandrel", "arch": str(desc.architecture.id),
            "arch_name": str(desc.architecture.name), "purpose": str(desc.purpose),
            "scale": int(desc.scale), "in_channels": int(desc.input_channels),
            "out_channels": int(desc.output_channels), "params": count_params(desc.model),
            "tags": list(desc.tags), "tiling": desc.tiling.name.lower(),
            "min_size": int(req.minimum), "square": bool(req.square),
            "size_multiple": multiple, "context": int(context),
            "context_exact": exact, "influence_outside": probe.influence_outside,
            "window_attention": attention, "supports_half": bool(desc.supports_half),
            "supports_bfloat16": bool(desc.supports_bfloat16),
            "feature_width": feature_width(desc.model)}


def load_spandrel(path: str | os.PathLike[str], facts: dict[str, Any] | None = None
                  ) -> LoadedModel:
    """Load a third-party PyTorch file as a :class:`LoadedModel`.  ``facts`` are the
    cached :func:`spandrel_facts` of this file (measured when None)."""
    path = Path(path)
    state, user_meta = read_state_dict(path)
    desc = detect(state, path.name)
    arch = str(desc.architecture.id)
    check_purpose(str(desc.purpose), arch, path.name)
    if desc.input_channels != desc.output_channels or desc.input_channels not in (1, 3):
        raise UnsupportedModelError(
            f"{path.name}: {arch} takes {desc.input_channels} and gives "
            f"{desc.output_channels} channels; SR Studio runs RGB->RGB and gray->gray models")
    req = desc.size_requirements
    call = getattr(desc, "_call_fn", None) or (lambda net, x: net(x))
    module = SpandrelNetwork(desc.model, call, desc.scale, int(req.minimum),
                             bool(req.square)).eval()
    if facts is None:
        facts = spandrel_facts(desc, module)
    facts = {**facts, **user_meta}
    spec = ArchSpec(name=arch, builder=_not_buildable, scales=(int(desc.scale),),
                    in_channels=int(desc.input_channels), context=int(facts["context"]),
                    size_multiple=int(facts["size_multiple"]),
                    supports_half=bool(desc.supports_half),
                    description=f"{desc.architecture.name} (spandrel)")
    config = {"num_feats": int(facts.get("feature_width", 64))}
    return LoadedModel(name=path.stem, spec=spec, config=config, scale=int(desc.scale),
                       num_channels=int(desc.input_channels), module=module,
                       metadata=facts, path=path)


def _not_buildable(**_: Any) -> nn.Module:
    raise UnsupportedModelError("a third-party architecture is built from its file only")
