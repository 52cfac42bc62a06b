"""Image-quality metrics and the SR evaluation protocol."""

from engine.metrics.image import mae, mse, psnr, ssim, ssim_map
from engine.metrics.niqe import niqe, niqe_min_size
from engine.metrics.protocol import align_for_eval, luma_y, sr_metrics

__all__ = [
    "align_for_eval",
    "luma_y",
    "mae",
    "mse",
    "niqe",
    "niqe_min_size",
    "psnr",
    "sr_metrics",
    "ssim",
    "ssim_map",
]
