"""Run an ncnn model (a ``.param`` + ``.bin`` pair: Upscayl, realesrgan-ncnn-vulkan,
Real-CUGAN ncnn) through the ``ncnn`` package: Vulkan on any GPU vendor when there is
one, the CPU otherwise.

Loading the pair and probing its scale and context is :mod:`engine.models.ncnn_net`
(below this layer, so the model library lists ncnn files without the inference code);
this module is the upscaler over a loaded net.  Nothing here imports torch.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import UnsupportedModelError
from engine.inference.memory import available_ram_bytes, network_bytes_per_pixel
from engine.models.ncnn_net import (  # noqa: F401 - the runtime's names, kept importable here
    NcnnNet,
    ncnn_facts,
    vulkan_gpu_count,
)

GPU_DEVICES = ("gpu", "vulkan", "cuda", "dml", "directml", "mps")


class NcnnUpscaler:
    """An :class:`~engine.inference.upscalers.Upscaler` over an ncnn ``.param``/``.bin``."""

    def __init__(self, param: str | os.PathLike[str], weights: str | os.PathLike[str],
                 device: str | None = "auto", threads: int | None = None,
                 facts: dict[str, Any] | None = None) -> None:
        self.path = Path(param)
        pref = (device or "auto").lower().partition(":")[0]
        if pref in GPU_DEVICES and vulkan_gpu_count() == 0:
            raise UnsupportedModelError(f"no Vulkan GPU for ncnn here (device {device!r}); "
                                        "use --device cpu")
        self.use_gpu = pref in GPU_DEVICES or (pref == "auto" and vulkan_gpu_count() > 0)
        self.provider = "ncnn-vulkan" if self.use_gpu else "ncnn-cpu"
        self.net = NcnnNet(self.path, Path(weights), self.use_gpu, threads)
        f = facts or ncnn_facts(self.path, weights)
        self.name = self.path.stem
        self.scale, self.context = int(f["scale"]), int(f["context"])
        self.channels = int(f.get("in_channels", 3))
        self.size_multiple = 1
        self.batch_size = 1

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        x = tiles if self.channels == 3 else (
            tiles @ np.array([0.299, 0.587, 0.114], np.float32))[..., None]
        y = self.net.feed(x)
        if y.shape[-1] == 1:
            y = np.repeat(y, 3, axis=-1)
        return np.ascontiguousarray(np.clip(y[..., :3], 0.0, 1.0))

    def bytes_per_input_pixel(self) -> float:
        return 2.0 * network_bytes_per_pixel({}, self.scale, 4)

    def free_memory(self) -> int:
        return available_ram_bytes() if not self.use_gpu else 2 << 30

    def release_memory(self) -> None:
        return None

    def is_oom(self, err: BaseException) -> bool:
        return isinstance(err, MemoryError)
