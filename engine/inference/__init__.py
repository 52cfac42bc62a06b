"""Inference: upscalers (torch networks, classical resizers) and the tiled pipeline."""

from engine.inference.pipeline import UpscaleOutput, make_upscale_fn, upscale_image
from engine.inference.self_ensemble import SelfEnsemble
from engine.inference.upscalers import ClassicalUpscaler, TorchUpscaler, Upscaler

__all__ = ["ClassicalUpscaler", "SelfEnsemble", "TorchUpscaler", "UpscaleOutput", "Upscaler",
           "make_upscale_fn", "upscale_image"]
