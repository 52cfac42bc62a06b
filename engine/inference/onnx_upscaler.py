"""Run an exported network with ONNX Runtime: DirectML on Windows, CUDA, CoreML, or CPU.

The same tiles in and out as :class:`~engine.inference.upscalers.TorchUpscaler`: the
exported graph is the torch backend's :class:`~engine.inference.rgb_network.RgbNetwork`
(see :mod:`engine.models.onnx_export`), so the two agree to float rounding.  On this
project's 2-core x86 CPU it is level with torch for the fast models and 1.06-1.41x faster
for the quality and SRCNN ones (``bench/backend_speed.py``); its reason to exist is the
GPUs torch does not reach (DirectML on Windows, CoreML).  It runs fp32 only.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from engine.errors import UnsupportedModelError
from engine.inference.upscalers import network_bytes_per_pixel
from engine.models.onnx_export import INPUT, srstudio_metadata

# the GPU providers 'auto' tries, best first; the CPU provider is always there
GPU_PROVIDERS = ("CUDAExecutionProvider", "DmlExecutionProvider", "CoreMLExecutionProvider")
DEVICE_PROVIDERS = {"cuda": "CUDAExecutionProvider", "dml": "DmlExecutionProvider",
                    "directml": "DmlExecutionProvider", "mps": "CoreMLExecutionProvider",
                    "coreml": "CoreMLExecutionProvider", "cpu": "CPUExecutionProvider"}
FALLBACK_GPU_BYTES = 2 << 30   # free memory assumed where a provider cannot be asked


def gpu_providers() -> list[str]:
    """The GPU execution providers this ONNX Runtime build has, best first."""
    import onnxruntime as ort
    have = ort.get_available_providers()
    return [p for p in GPU_PROVIDERS if p in have]


def onnx_providers(device: str | None) -> list[str | tuple[str, dict]]:
    """The execution providers for a device choice (auto, cpu, cuda[:N], mps/coreml, dml)."""
    import onnxruntime as ort
    have = ort.get_available_providers()
    pref = (device or "auto").lower()
    if pref == "auto":
        return gpu_providers()[:1] + ["CPUExecutionProvider"]
    kind, _, index = pref.partition(":")
    provider = DEVICE_PROVIDERS.get(kind)
    if provider is None:
        raise UnsupportedModelError(f"unknown device {device!r} for ONNX Runtime "
                                    "(auto, cpu, cuda, dml, mps)")
    if provider not in have:
        raise UnsupportedModelError(
            f"this ONNX Runtime build has no {provider.removesuffix('ExecutionProvider')} "
            f"provider for {device!r} (it has: {', '.join(have)}); use the torch backend")
    if provider == "CPUExecutionProvider":
        return [provider]
    options = {"device_id": int(index)} if index.isdigit() else {}
    return [(provider, options), "CPUExecutionProvider"]


class OnnxUpscaler:
    """An :class:`~engine.inference.upscalers.Upscaler` over an exported ``.onnx`` file."""

    def __init__(self, path: str | os.PathLike[str], device: str | None = "auto",
                 threads: int | None = None, batch_size: int | None = None) -> None:
        try:
            import onnxruntime as ort
        except ImportError:
            raise UnsupportedModelError("ONNX Runtime is not installed here (pip install "
                                        "onnxruntime); use the torch backend") from None
        self.path = Path(path)
        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        if threads is None:
            import torch  # the thread count the rest of the run was given (--threads)
            threads = torch.get_num_threads()
        opts.intra_op_num_threads = max(1, int(threads))
        try:
            self.session = ort.InferenceSession(str(self.path), opts,
                                                providers=onnx_providers(device))
        except UnsupportedModelError:
            raise
        except Exception as e:   # onnxruntime's own exception types
            raise UnsupportedModelError(f"ONNX Runtime cannot run {self.path.name}: "
                                        f"{(str(e).splitlines() or ['?'])[0][:160]}") from None
        meta = srstudio_metadata(self.path, self.session.get_modelmeta().custom_metadata_map)
        self.provider = self.session.get_providers()[0]
        self.name = str(meta.get("name") or self.path.stem)
        self.scale = int(meta["scale"])
        self.context = int(meta["context"])
        self.size_multiple = int(meta.get("size_multiple", 1))
        self.config = dict(meta.get("config") or {})
        on_gpu = self.provider != "CPUExecutionProvider"
        self.batch_size = batch_size or (4 if on_gpu else 1)

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        x = np.ascontiguousarray(tiles.transpose(0, 3, 1, 2), dtype=np.float32)
        (out,) = self.session.run(None, {INPUT: x})
        return np.ascontiguousarray(out.transpose(0, 2, 3, 1))

    def bytes_per_input_pixel(self) -> float:
        # fp32, and ONNX Runtime's arena keeps a second set of buffers around
        return 2.0 * network_bytes_per_pixel(self.config, self.scale, 4)

    def free_memory(self) -> int:
        from engine.devices import available_ram_bytes
        if self.provider == "CPUExecutionProvider":
            return available_ram_bytes()
        if self.provider == "CUDAExecutionProvider":
            import torch
            if torch.cuda.is_available():
                return int(torch.cuda.mem_get_info()[0])
        return FALLBACK_GPU_BYTES

    def release_memory(self) -> None:
        return None

    def is_oom(self, err: BaseException) -> bool:
        text = str(err).lower()
        return isinstance(err, MemoryError) or "failed to allocate" in text \
            or "out of memory" in text
