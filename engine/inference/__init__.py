"""Inference: upscalers (torch networks, classical resizers) and the tiled pipeline.

The names below load on first use (PEP 562), so importing the ONNX Runtime or ncnn
upscaler (``engine.inference.onnx_upscaler``, ``engine.inference.ncnn_upscaler``) does
not import torch: a lean build without it runs those models.
"""

from __future__ import annotations

from engine.lazy import lazy_exports

_WHERE = {
    "ClassicalUpscaler": "engine.inference.base", "Upscaler": "engine.inference.base",
    "TorchUpscaler": "engine.inference.upscalers",
    "SelfEnsemble": "engine.inference.self_ensemble",
    "UpscaleOutput": "engine.inference.pipeline", "make_upscale_fn": "engine.inference.pipeline",
    "upscale_image": "engine.inference.pipeline",
    "UpscaleBands": "engine.inference.pipeline", "upscale_bands": "engine.inference.pipeline",
    "make_upscaler": "engine.inference.factory", "resolve_backend": "engine.inference.factory",
}

__all__ = sorted(_WHERE)


__getattr__ = lazy_exports(__name__, _WHERE)
