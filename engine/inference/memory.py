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


MMAP_THRESHOLD = 32 << 20
TRIM_THRESHOLD = 64 << 20
_reuse_set = False


def reuse_freed_memory() -> bool:
    """Let glibc's malloc keep freed blocks of up to 32 MiB for the next allocation.

    Why: by default a block over its (adaptive) mmap threshold is mapped fresh and
    unmapped on free, so each feature map of a network pass on the CPU starts as untouched
    pages the kernel must fault in and zero.  For the fast x4 model on a 320x240 picture
    that was a third of the network's time (50 -> 34 ms, one thread), and 17.9 -> 23.1 MP/s
    through the whole upscale.  Freed memory up to 64 MiB at the top of the heap is kept.
    Linux with glibc only (elsewhere a no-op, False); once per process."""
    global _reuse_set
    if _reuse_set:
        return True
    import platform
    import sys

    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return False
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3     # <malloc.h>
    ok = bool(libc.mallopt(m_mmap_threshold, MMAP_THRESHOLD)) and \
        bool(libc.mallopt(m_trim_threshold, TRIM_THRESHOLD))
    _reuse_set = ok
    return ok
