"""Export a weight file to ONNX (RGB in, RGB out) and keep exported copies in a cache.

The exported graph is :class:`~engine.inference.rgb_network.RgbNetwork` traced with
dynamic batch, height and width, so the ONNX Runtime backend tiles it exactly as the torch
backend tiles the network, and the file runs as a plain RGB->RGB model elsewhere too.
What the tiler needs (scale, context, size multiple) and what the UI shows (name, role,
metrics) travel in the ONNX ``metadata_props`` under the key ``srstudio`` as JSON.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import warnings
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.errors import UnsupportedModelError
from engine.io.atomic import atomic_output
from engine.models.onnx_graph import (  # noqa: F401 - read_onnx_metadata: kept importable here
    INPUT,
    META_KEY,
    OUTPUT,
    read_onnx_metadata,
)

if TYPE_CHECKING:   # the ONNX Runtime path reads this module's metadata without torch
    from engine.models.descriptor import LoadedModel

OPSET = 17
EXPORT_FORMAT = 3    # bump when the exported graph changes, so cached copies are redone
# 2: channel-wise PReLU written as Relu + Mul + Add (ONNX Runtime's PRelu kernel is slow)


def deployed(module: Any) -> Any:
    """A copy of ``module`` in its deployed form (the architecture's own ``fuse()``, which
    folds re-parameterised convs into plain 3x3s): the exporter cannot trace a kernel
    computed from other weights, and it is the same function."""
    module = copy.deepcopy(module)
    if callable(getattr(module, "fuse", None)):
        module.fuse()
    return module.eval()


def _unrolled_prelu(module: Any) -> Any:
    """``module`` with each ``nn.PReLU`` replaced by ``x + (1 - a) * relu(-x)``, the two
    products written as depthwise 1x1 convolutions.

    The same function, written for ONNX Runtime's CPU graph: its PRelu is a generic
    broadcast loop outside the blocked (NCHWc) layout of its convolutions, and Mul/Sub
    are too, so each of them cost a reorder out of and back into that layout (a third of
    a fast model's time, ORT profiler).  A depthwise conv stays blocked and takes the Relu
    and the Add into itself (Conv+Relu and Conv+Add fusion): measured on fast_x2 / fast_x4
    at one thread 1.26x / 1.02x PyTorch's time against 0.98x / 0.85x for relu/sub/mul/add
    (``bench/cpu_speed.py``).  A single-slope PReLU keeps a plain multiply."""
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    class UnrolledPReLU(nn.Module):
        def __init__(self, prelu: nn.PReLU) -> None:
            super().__init__()
            w = prelu.weight.detach().float()
            self.channels = w.numel()
            self.neg: torch.Tensor
            self.keep: torch.Tensor
            self.register_buffer("neg", -torch.ones(self.channels, 1, 1, 1, device=w.device))
            self.register_buffer("keep", (1 - w).view(self.channels, 1, 1, 1))

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            if self.channels == 1:
                return x + self.keep.view(()) * torch.relu(-x)
            c = self.channels
            return x + F.conv2d(torch.relu(F.conv2d(x, self.neg, groups=c)), self.keep,
                                groups=c)

    for name, child in module.named_children():
        if isinstance(child, nn.PReLU):
            setattr(module, name, UnrolledPReLU(child))
        else:
            _unrolled_prelu(child)
    return module


def export_onnx(model: LoadedModel, path: str | os.PathLike[str]) -> Path:
    """Write ``model`` as an fp32 ONNX file at ``path`` (atomically) and return the path."""
    import torch

    from engine.inference.rgb_network import RgbNetwork, tile_context
    try:
        import onnx
    except ImportError:
        raise UnsupportedModelError("ONNX export needs the 'onnx' package "
                                    "(pip install onnx)") from None
    path = Path(path)
    net = RgbNetwork(replace(model, module=_unrolled_prelu(deployed(model.module)))
                     ).float().eval()
    m = max(1, model.size_multiple)
    side = -(-max(32, 2 * tile_context(model) + 8) // m) * m        # a size every arch takes
    dummy = torch.rand(1, 3, side, side + m)
    meta = {"format": EXPORT_FORMAT, "io": "rgb", "name": model.name, "arch": model.spec.name,
            "scale": model.scale, "context": tile_context(model),
            "size_multiple": model.size_multiple, "params": model.params,
            "role": model.metadata.get("role"), "metrics": model.metadata.get("metrics") or {},
            "config": model.config}
    with atomic_output(path) as tmp:
        try:
            with warnings.catch_warnings(), torch.no_grad():
                warnings.simplefilter("ignore")   # tracer notes on shape arithmetic
                torch.onnx.export(net, (dummy,), str(tmp), dynamo=False, opset_version=OPSET,
                                  input_names=[INPUT], output_names=[OUTPUT],
                                  dynamic_axes={INPUT: {0: "batch", 2: "height", 3: "width"},
                                                OUTPUT: {0: "batch", 2: "height", 3: "width"}})
        except Exception as e:   # the exporter raises many kinds; say which model failed
            first = (str(e).splitlines() or [type(e).__name__])[0]
            raise UnsupportedModelError(f"cannot export {model.name} to ONNX: {first}") from e
        proto = onnx.load(str(tmp))
        entry = proto.metadata_props.add()
        entry.key, entry.value = META_KEY, json.dumps(meta, default=str)
        proto.producer_name = "SR Studio"
        onnx.save(proto, str(tmp))
    return path


def onnx_cache_dir() -> Path:
    env = os.environ.get("SRSTUDIO_CACHE_DIR")
    if env:
        return Path(env) / "onnx"
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("SR Studio", "SR Studio")) / "onnx"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


def cached_onnx(weights: str | os.PathLike[str]) -> Path:
    """The ONNX export of a weight file, made on first use and reused while the file (its
    bytes, not its name or date) and the export format are unchanged.  A new export
    replaces the earlier ones of the same file path (a retrained ``best.safetensors``), so
    the cache holds one export per weight file."""
    weights = Path(weights)
    where = hashlib.sha256(str(weights.resolve()).encode()).hexdigest()[:8]
    folder = onnx_cache_dir()
    target = folder / f"{weights.stem}-{where}-{_digest(weights)}-f{EXPORT_FORMAT}.onnx"
    if not target.is_file():
        from engine.models.descriptor import LoadedModel
        folder.mkdir(parents=True, exist_ok=True)
        export_onnx(LoadedModel.from_file(weights), target)
        for old in folder.glob(f"{weights.stem}-{where}-*.onnx"):
            if old != target:
                old.unlink(missing_ok=True)
    return target
