"""Resizers: MATLAB-compatible bicubic ``imresize`` and the classical upscalers.

``upsample_bicubic`` (the torch version of the MATLAB bicubic upscale) is imported lazily,
so that ``import engine.resize`` does not pull in torch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.resize.classical import CLASSICAL_METHODS, context_pixels, resize
from engine.resize.matlab import imresize, modcrop

if TYPE_CHECKING:
    from engine.resize.torch_bicubic import upsample_bicubic

__all__ = [
    "CLASSICAL_METHODS",
    "context_pixels",
    "imresize",
    "modcrop",
    "resize",
    "upsample_bicubic",
]


def __getattr__(name: str) -> Any:
    if name == "upsample_bicubic":
        from engine.resize.torch_bicubic import upsample_bicubic

        return upsample_bicubic
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
