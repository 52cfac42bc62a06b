"""Things that upscale a batch of RGB tiles: a torch network or a classical resizer
(the ONNX Runtime one is :mod:`engine.inference.onnx_upscaler`).

Every upscaler has ``scale``, ``context`` (input pixels of context a tile needs),
``size_multiple``, ``name`` and ``__call__(tiles)`` on (N, h, w, 3) float32 RGB in [0, 1].
:func:`engine.inference.pipeline.upscale_image` adapts images of any channel layout
(gray, gray+alpha, RGB, RGBA) to that.
"""

from __future__ import annotations

import numpy as np
import torch

from engine.cancel_scope import add_cancel_checks
from engine.devices import is_oom, memory_format_for, resolve_dtype, select_device
from engine.inference.base import ClassicalUpscaler, Upscaler
from engine.inference.memory import network_bytes_per_pixel, reuse_freed_memory
from engine.inference.rgb_network import RgbNetwork, tile_context
from engine.models.descriptor import LoadedModel

__all__ = ["ClassicalUpscaler", "TorchUpscaler", "Upscaler", "network_bytes_per_pixel"]


class TorchUpscaler:
    """Runs a :class:`LoadedModel` on a device at a precision; Y-only networks get their
    chroma from MATLAB-style bicubic so their output is a full colour image."""

    def __init__(self, model: LoadedModel, device: str | torch.device | None = "auto",
                 precision: str | None = "auto", batch_size: int | None = None) -> None:
        self.model = model
        self.device = device if isinstance(device, torch.device) else select_device(device)
        self.dtype = resolve_dtype(self.device, precision, model.supports_half)
        if self.device.type == "cpu":
            # near-zero residual tails produce denormals that slow CPU convolutions ~4x
            torch.set_flush_denormal(True)
            reuse_freed_memory()   # feature maps reuse freed blocks, not fresh pages
        # two calls: Module.to's typed overloads take a layout only on its own
        self.module = model.module.to(self.device, dtype=self.dtype).to(
            memory_format=memory_format_for(self.device)).eval()
        self.rgb = add_cancel_checks(RgbNetwork(model, self.dtype))   # stops mid-pass
        self.name = model.name
        self.scale = model.scale
        self.context = tile_context(model)
        self.size_multiple = model.size_multiple
        self.batch_size = batch_size or (4 if self.device.type == "cuda" else 1)

    @torch.inference_mode()
    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        x = torch.from_numpy(np.ascontiguousarray(tiles)).permute(0, 3, 1, 2)
        out = self.rgb(x.to(self.device, dtype=torch.float32))
        return out.permute(0, 2, 3, 1).cpu().numpy()

    def bytes_per_input_pixel(self) -> float:
        per = network_bytes_per_pixel(self.model.config, self.scale,
                                      torch.finfo(self.dtype).bits // 8)
        if self.rgb.phased:
            # the bicubic phases and their interleaved copy are HR floats held at once
            # beside the output; counted twice more, the 6000x4000 x4 fast run took 208 px
            # tiles and peaked at 0.96 GiB (1.07 GiB at the 224 px the base rule gave)
            per += 2 * 4 * 3 * self.scale ** 2
        return per

    def free_memory(self) -> int:
        from engine.devices import free_device_memory
        return free_device_memory(self.device)

    def release_memory(self) -> None:
        if self.device.type == "cuda":
            torch.cuda.empty_cache()

    def is_oom(self, err: BaseException) -> bool:
        return is_oom(err)
