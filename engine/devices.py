"""Device choice (CUDA, MPS, CPU) and free-memory queries, with a user override."""

from __future__ import annotations

import os
import platform

import torch

from engine.errors import UnsupportedModelError

DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")


def available_devices() -> list[str]:
    devs = ["cpu"]
    if torch.cuda.is_available():
        devs += [f"cuda:{i}" for i in range(torch.cuda.device_count())]
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        devs.append("mps")
    return devs


def select_device(preference: str | None = "auto") -> torch.device:
    """'auto' picks CUDA, then MPS, then CPU; anything else must be available."""
    pref = (preference or "auto").lower()
    if pref == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if pref.startswith("cuda") and not torch.cuda.is_available():
        raise UnsupportedModelError("CUDA was asked for but no CUDA device is available")
    if pref == "mps" and not (getattr(torch.backends, "mps", None)
                              and torch.backends.mps.is_available()):
        raise UnsupportedModelError("MPS was asked for but is not available on this machine")
    try:
        return torch.device(pref)
    except RuntimeError:
        raise UnsupportedModelError(f"unknown device {preference!r} "
                                    f"(choose from {', '.join(DEVICE_CHOICES)})") from None


def resolve_dtype(device: torch.device, precision: str | None, supports_half: bool) -> torch.dtype:
    """'auto' is fp16 on CUDA/MPS when the model allows it, fp32 otherwise."""
    p = (precision or "auto").lower()
    if p == "auto":
        return torch.float16 if device.type in ("cuda", "mps") and supports_half else torch.float32
    table = {"fp32": torch.float32, "float32": torch.float32, "fp16": torch.float16,
             "float16": torch.float16, "half": torch.float16, "bf16": torch.bfloat16,
             "bfloat16": torch.bfloat16}
    if p not in table:
        raise UnsupportedModelError(f"unknown precision {precision!r} (auto, fp32, fp16, bf16)")
    dtype = table[p]
    if dtype != torch.float32 and not supports_half:
        return torch.float32
    if dtype == torch.float16 and device.type == "cpu":
        return torch.float32  # fp16 convolutions on CPU are slow or missing; keep fp32
    return dtype


def memory_format_for(device: torch.device) -> torch.memory_format:
    """The layout networks run fastest in on ``device``.

    x86 CPUs: channels-last (NHWC), which oneDNN convolves without reordering: measured
    here (bench/memory_format.py, one thread) 1.07-1.45x faster through the upscale
    pipeline (fast_x2 1.45x, SRCNN 1.41x, quality_x2 1.07x), outputs within one 8-bit
    level, and 1.2x for training steps of the fast network.  Elsewhere the default layout,
    as nothing else was measured (GPUs, Arm CPUs).
    """
    cpu_x86 = device.type == "cpu" and platform.machine().lower() in ("x86_64", "amd64", "x86")
    if cpu_x86 and torch.backends.mkldnn.is_available():
        return torch.channels_last
    return torch.contiguous_format


def available_ram_bytes() -> int:
    """Bytes of RAM available without swapping, from psutil on every platform: a fixed
    guess where /proc/meminfo is absent (Windows, macOS) wrongly drove memory-mapping,
    tile budgets and the trainer's image cache."""
    import psutil

    return int(psutil.virtual_memory().available)


def free_device_memory(device: torch.device) -> int:
    """Bytes free for tiles on ``device`` (RAM for CPU/MPS)."""
    if device.type == "cuda":
        free, _total = torch.cuda.mem_get_info(device)
        return int(free)
    return available_ram_bytes()


def describe_device(device: torch.device) -> str:
    if device.type == "cuda":
        return f"CUDA ({torch.cuda.get_device_name(device)})"
    if device.type == "mps":
        return "Apple MPS"
    return f"CPU ({os.cpu_count()} threads)"


def is_oom(err: BaseException) -> bool:
    """True for the out-of-memory errors of every backend we run on."""
    if isinstance(err, torch.cuda.OutOfMemoryError | MemoryError):
        return True
    return isinstance(err, RuntimeError) and "out of memory" in str(err).lower()
