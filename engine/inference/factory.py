"""Model reference -> runnable upscaler: the one place that builds upscalers.

:mod:`engine.models` says which models exist and what they are (names, roles, headers,
foreign files' facts) and resolves a name to a :data:`~engine.models.registry.ModelRef`;
this module turns such a reference into an :class:`~engine.inference.upscalers.Upscaler`
on a backend (PyTorch, ONNX Runtime, ncnn) and device.  It sits above the model layer so
that listing and naming models never needs the inference code.

An ONNX or ncnn model's path through here imports no torch (a lean build runs them).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.errors import UnsupportedModelError
from engine.models.builds import require_torch, torch_available
from engine.models.registry import ChainedModel, ClassicalModel, ModelInfo, ModelRef
from engine.models.sources import FOREIGN_FORMATS, cache_dir, digest, ncnn_bin

if TYPE_CHECKING:   # upscalers imports torch; the ONNX and ncnn paths here must not
    from engine.inference.upscalers import Upscaler

BACKENDS = ("auto", "torch", "onnx")


def resolve_backend(backend: str | None, device: str | None = "auto",
                    precision: str | None = "auto", measured: bool = True) -> str:
    """'torch' or 'onnx' for a backend choice.  With device and precision left to us,
    'auto' is the backend this machine measured fastest (:mod:`backend_probe`, once per
    hardware; ``measured=False`` skips it); without a measurement, PyTorch unless it
    would run on the CPU while ONNX Runtime has a GPU (DirectML: the AMD and Intel GPUs
    of Windows machines, which PyTorch cannot use)."""
    kind = (backend or "auto").lower()
    if kind not in BACKENDS:
        raise UnsupportedModelError(f"unknown backend {backend!r} (auto, torch, onnx)")
    if kind != "auto":
        return kind
    if not torch_available():   # the lean build: ONNX Runtime is the backend there is
        return "onnx"
    if (device or "auto").lower() != "auto" or (precision or "auto").lower() != "auto":
        return "torch"
    if measured:
        from engine.inference.backend_probe import probe
        result = probe()
        if result is not None:
            return result.fastest.backend
    from engine.devices import available_devices
    if available_devices() != ["cpu"]:
        return "torch"
    try:
        from engine.models.onnx_graph import gpu_providers
        return "onnx" if gpu_providers() else "torch"
    except ImportError:   # onnxruntime missing from this install
        return "torch"


def make_upscaler(ref: ModelRef, device: str | None = "auto", precision: str | None = "auto",
                  self_ensemble: bool = False, backend: str | None = "auto") -> Upscaler:
    """Build the runnable upscaler for a resolved model reference; ``self_ensemble``
    averages it over the 8 flips/rotations (8 passes, sharper; networks only).
    ``backend`` 'onnx' runs the network's ONNX export (made once, then cached) with
    ONNX Runtime, in fp32; 'auto' is :func:`resolve_backend`'s choice; resizers are the
    same on every backend."""
    if isinstance(ref, ModelInfo) and ref.metadata.get("model_format") in FOREIGN_FORMATS:
        return foreign_upscaler(ref, device, precision, backend or "auto", self_ensemble)
    if isinstance(ref, ClassicalModel):   # resizers run without torch (the lean build)
        from engine.inference.base import ClassicalUpscaler
        return ClassicalUpscaler(ref.method, ref.scale)
    from engine.inference.self_ensemble import SelfEnsemble
    kind = resolve_backend(backend, device, precision)
    up: Upscaler
    if isinstance(ref, ChainedModel):
        from engine.inference.chain import ChainedUpscaler
        up = ChainedUpscaler(make_upscaler(ref.first, device, precision, False, kind),
                             make_upscaler(ref.second, device, precision, False, kind))
        return SelfEnsemble(up) if self_ensemble else up
    if kind == "onnx":
        if (precision or "auto").lower() not in ("auto", "fp32", "float32"):
            raise UnsupportedModelError(f"the ONNX Runtime backend runs fp32, not {precision}; "
                                        "use the torch backend for half precision")
        require_torch(f"exporting {ref.name} to ONNX")
        from engine.inference.onnx_export import cached_onnx
        from engine.inference.onnx_upscaler import OnnxUpscaler
        up = OnnxUpscaler(cached_onnx(ref.path), device)
    else:
        require_torch(f"{ref.name} on the torch backend")
        from engine.inference.upscalers import TorchUpscaler
        from engine.models.descriptor import LoadedModel
        up = TorchUpscaler(LoadedModel.from_file(ref.path), device, precision)
    return SelfEnsemble(up) if self_ensemble else up


def foreign_upscaler(info: ModelInfo, device: str | None, precision: str | None,
                     backend: str, self_ensemble: bool = False) -> Upscaler:
    """The upscaler for a foreign model on ``backend`` ('auto': the format's own runtime,
    for a spandrel file PyTorch unless :func:`resolve_backend`'s auto choice is ONNX
    Runtime); ``self_ensemble`` averages it over the 8 flips and rotations."""
    up = _foreign_upscaler(info, device, precision, (backend or "auto").lower())
    if self_ensemble:
        from engine.inference.self_ensemble import SelfEnsemble
        return SelfEnsemble(up)
    return up


def _foreign_upscaler(info: ModelInfo, device: str | None, precision: str | None,
                      kind: str) -> Upscaler:
    path, f = Path(info.path), dict(info.metadata)
    fmt = f["model_format"]
    if fmt == "spandrel":
        if kind == "auto":   # not by measurement: some architectures do not export
            kind = resolve_backend(kind, device, precision, measured=False)
        from engine.models.spandrel_source import load_spandrel
        model = load_spandrel(path, f)
        if kind == "onnx":
            from engine.inference.onnx_upscaler import OnnxUpscaler
            return OnnxUpscaler(exported_onnx(model), device)
        if kind != "torch":
            raise UnsupportedModelError(f"{path.name} runs on torch or onnx, not {kind}")
        from engine.inference.upscalers import TorchUpscaler
        return TorchUpscaler(model, device, precision)
    if kind not in ("auto", fmt):
        raise UnsupportedModelError(f"{path.name} is an {fmt} model: it runs on {fmt} "
                                    f"(--backend auto), not {kind}")
    if (precision or "auto").lower() not in ("auto", "fp32", "float32"):
        raise UnsupportedModelError(f"{path.name} runs at the precision it was exported "
                                    f"in, not {precision}")
    if fmt == "onnx":
        from engine.inference.onnx_upscaler import OnnxUpscaler
        return OnnxUpscaler(path, device, facts=f)
    from engine.inference.ncnn_upscaler import NcnnUpscaler
    return NcnnUpscaler(path, ncnn_bin(path), device, facts=f)


def exported_onnx(model: Any) -> Path:
    """The ONNX export of a spandrel model (a :class:`~engine.models.descriptor.LoadedModel`
    with a ``path``), made on first use and cached by file hash."""
    from engine.inference.onnx_export import EXPORT_FORMAT, export_onnx
    target = cache_dir("onnx") / f"{model.path.stem}-{digest(model.path)}-sp{EXPORT_FORMAT}.onnx"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        export_onnx(model, target)
    return target
