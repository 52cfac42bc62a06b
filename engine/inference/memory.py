"""Memory estimates shared by every backend, without torch (the ONNX and ncnn paths of a
lean build use them too)."""

from __future__ import annotations


def network_bytes_per_pixel(config: dict, scale: int, elem: int) -> float:
    """Device bytes per input pixel while a network runs: a few live feature maps at LR
    size plus the HR output and the upsampler (what the auto tile size divides by)."""
    feats = int(config.get("num_feats", config.get("d", 64)))
    return float(elem * (6 * feats + 4 * 3 * scale ** 2) + 64)


def available_ram_bytes() -> int:
    """Bytes of RAM available without swapping (psutil), as engine.devices reports it."""
    import psutil

    return int(psutil.virtual_memory().available)
