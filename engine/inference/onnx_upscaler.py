"""Run an ONNX file with ONNX Runtime: DirectML on Windows, CUDA, CoreML, or CPU.

The same tiles in and out as :class:`~engine.inference.upscalers.TorchUpscaler`: our
exported graph is the torch backend's :class:`~engine.inference.rgb_network.RgbNetwork`
(see :mod:`engine.inference.onnx_export`), so the two agree to float rounding.  On this
project's 2-core x86 CPU it is level with torch for the fast models and 1.06-1.41x faster
for the quality and SRCNN ones (``bench/backend_speed.py``); its reason to exist is the
GPUs torch does not reach (DirectML on Windows, CoreML).  It runs fp32 only.

It also runs ONNX files made elsewhere through :class:`~engine.models.onnx_graph.ForeignGraph`
(layout, channels, dtype and fixed size read from the graph, scale and context probed).
Opening sessions and reading an ONNX file's facts is :mod:`engine.models.onnx_graph`, below
this layer, so the model library lists ONNX files without the inference code.  Nothing here
imports torch.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

from engine.inference.memory import available_ram_bytes, network_bytes_per_pixel
from engine.models.onnx_graph import (  # noqa: F401 - the runtime's names, kept importable here
    DEVICE_PROVIDERS,
    GPU_PROVIDERS,
    INPUT,
    META_KEY,
    ForeignGraph,
    gpu_providers,
    onnx_facts,
    onnx_providers,
    open_session,
    srstudio_metadata,
)

FALLBACK_GPU_BYTES = 2 << 30   # free memory assumed where a provider cannot be asked


class OnnxUpscaler:
    """An :class:`~engine.inference.upscalers.Upscaler` over an exported ``.onnx`` file."""

    def __init__(self, path: str | os.PathLike[str], device: str | None = "auto",
                 threads: int | None = None, batch_size: int | None = None,
                 facts: dict[str, Any] | None = None) -> None:
        self.path = Path(path)
        self.session = open_session(self.path, device, threads)
        self.provider = self.session.get_providers()[0]
        props = self.session.get_modelmeta().custom_metadata_map
        self.foreign: ForeignGraph | None = None
        if META_KEY not in props:
            self.foreign = ForeignGraph(self.session, self.path, facts)
            self._init_foreign(self.foreign, batch_size)
            return
        meta = srstudio_metadata(self.path, props)
        self.name = str(meta.get("name") or self.path.stem)
        self.scale = int(meta["scale"])
        self.context = int(meta["context"])
        self.size_multiple = int(meta.get("size_multiple", 1))
        self.config = dict(meta.get("config") or {})
        on_gpu = self.provider != "CPUExecutionProvider"
        self.batch_size = batch_size or (4 if on_gpu else 1)

    def _init_foreign(self, g: ForeignGraph, batch_size: int | None) -> None:
        self.name = self.path.stem
        self.scale, self.context = g.scale, g.context
        self.size_multiple = 1
        self.config = {"num_feats": 64}
        on_gpu = self.provider != "CPUExecutionProvider"
        self.batch_size = 1 if (g.fixed_batch or g.fixed) else batch_size or (4 if on_gpu else 1)

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        if self.foreign is not None:
            return self.foreign.run(tiles)
        x = np.ascontiguousarray(tiles.transpose(0, 3, 1, 2), dtype=np.float32)
        (out,) = self.session.run(None, {INPUT: x})
        # a view, as the torch upscaler hands back: the tiler copies it once as it rounds
        # (a contiguous copy here cost a fifth of a fast x4 pass on a CPU)
        return out.transpose(0, 2, 3, 1)

    def bytes_per_input_pixel(self) -> float:
        # fp32, and ONNX Runtime's arena keeps a second set of buffers around
        return 2.0 * network_bytes_per_pixel(self.config, self.scale, 4)

    def free_memory(self) -> int:
        if self.provider == "CPUExecutionProvider":
            return available_ram_bytes()
        if self.provider == "CUDAExecutionProvider" and "torch" in sys.modules:
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
