"""Colorization (Zhang, Isola, Efros, "Colorful Image Colorization", ECCV 2016).

* :mod:`~engine.colorize.lab`: sRGB <-> CIE Lab (D65), numpy and torch.
* :mod:`~engine.colorize.quantize`: in-gamut ab bins, soft encoding, class rebalancing,
  annealed-mean decoding.
* :mod:`~engine.colorize.archs`: the networks (``colorizer_cls``, ``colorizer_reg``),
  registered in the architecture registry with ``kind = "colorizer"`` on import.
* :mod:`~engine.colorize.colorizer`: :func:`colorize_image`, :func:`is_grayscale`,
  :func:`FrameColorizer`, :func:`load_colorizer`.
* :mod:`~engine.colorize.metrics`: PSNR, AuC (plain and rebalanced), colourfulness.
* :mod:`~engine.jobs.colorize`: file batches (``srstudio colorize``, ``upscale --colorize``).
"""

from engine.colorize import archs  # noqa: F401  (registers the architectures)
from engine.colorize.colorizer import (
    FrameColorizer,
    colorize_image,
    is_grayscale,
    load_colorizer,
)
from engine.colorize.lab import lab_to_rgb, rgb_to_lab

__all__ = ["FrameColorizer", "colorize_image", "is_grayscale", "lab_to_rgb",
           "load_colorizer", "rgb_to_lab"]
