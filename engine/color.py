"""Colour conversions shared by metrics, Y-channel models and the trainer.

BT.601 "studio swing" YCbCr exactly as MATLAB's ``rgb2ycbcr`` (the SR evaluation protocol):
Y in [16, 235], Cb/Cr in [16, 240] for 8-bit data.  Functions take float RGB in [0, 1]
and return values in [0, 1] (i.e. the MATLAB result divided by 255), for numpy arrays with
channels last (..., 3) and torch tensors with channels first (N, 3, H, W).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from engine.threads import run_threads

# MATLAB rgb2ycbcr for double input in [0,1]: offset + M @ rgb, result in [0,1]
_M = np.array(
    [[65.481, 128.553, 24.966],
     [-37.797, -74.203, 112.0],
     [112.0, -93.786, -18.214]], dtype=np.float64) / 255.0
_OFFSET = np.array([16.0, 128.0, 128.0]) / 255.0
_M_INV = np.linalg.inv(_M)
LUMA_TO_RGB = _M_INV[:, 0].copy()
"""How much one unit of Y moves R, G and B (YCbCr -> RGB's first column)."""


def rgb_to_ycbcr(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) float RGB in [0,1] -> (..., 3) YCbCr in [0,1] (BT.601, MATLAB convention)."""
    rgb = np.asarray(rgb, dtype=np.float64)
    return (rgb @ _M.T + _OFFSET).astype(np.float32)


def rgb_to_y(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) float RGB in [0,1] -> (...) luma in [16/255, 235/255]."""
    rgb = np.asarray(rgb, dtype=np.float64)
    return (rgb @ _M[0] + _OFFSET[0]).astype(np.float32)


def ycbcr_to_rgb(ycc: np.ndarray) -> np.ndarray:
    """Inverse of :func:`rgb_to_ycbcr` (not clipped)."""
    ycc = np.asarray(ycc, dtype=np.float64)
    return ((ycc - _OFFSET) @ _M_INV.T).astype(np.float32)


def torch_rgb_to_ycbcr(x):  # noqa: ANN001, ANN201 - torch is optional at import time
    """(N, 3, H, W) RGB -> (N, 3, H, W) YCbCr, same convention as :func:`rgb_to_ycbcr`."""
    import torch

    m = torch.as_tensor(_M, dtype=x.dtype, device=x.device)
    off = torch.as_tensor(_OFFSET, dtype=x.dtype, device=x.device).view(1, 3, 1, 1)
    return torch.einsum("ij,njhw->nihw", m, x) + off


def torch_ycbcr_to_rgb(x):  # noqa: ANN001, ANN201
    """(N, 3, H, W) YCbCr -> RGB (not clipped)."""
    import torch

    minv = torch.as_tensor(_M_INV, dtype=x.dtype, device=x.device)
    off = torch.as_tensor(_OFFSET, dtype=x.dtype, device=x.device).view(1, 3, 1, 1)
    return torch.einsum("ij,njhw->nihw", minv, x - off)


_ROUND_BYTES = 4 << 20


def round_into(dst: np.ndarray, src: np.ndarray) -> np.ndarray:
    """Store float [0, 1] samples ``src`` into ``dst`` (uint8, uint16, or float: clipped
    only), scaled to the integer range, clipped and rounded half up (``floor(x*max+0.5)``,
    so a round trip through float gives the integers back; NaN becomes 0), a few MB of
    rows at a time: whole-frame temporaries made this 3x slower at 1440p.  The one
    rounding of every float image we write: the tiler's output, video frames, the
    training degradations and image saving.

    Large images are split into row blocks rounded on the run's threads (numpy releases
    the GIL): single-threaded, this pass was a sixth of a fast x4 upscale at 2 threads."""
    threads = run_threads()
    rows = len(src)
    if threads > 1 and src.nbytes >= 2 * _ROUND_BYTES and rows >= threads:
        cuts = [rows * i // threads for i in range(threads + 1)]
        blocks = [(dst[a:b], src[a:b]) for a, b in zip(cuts, cuts[1:])]
        for f in [_pool(threads).submit(_round_rows, d, s) for d, s in blocks]:
            f.result()
        return dst
    _round_rows(dst, src)
    return dst


def _round_rows(dst: np.ndarray, src: np.ndarray) -> None:
    m = float(np.iinfo(dst.dtype).max) if np.issubdtype(dst.dtype, np.integer) else 1.0
    step = max(1, _ROUND_BYTES // max(1, src[:1].nbytes))
    for i in range(0, len(src), step):
        if m == 1.0:
            np.clip(src[i:i + step], 0.0, 1.0, out=dst[i:i + step])
            continue
        v = src[i:i + step] * np.float32(m)
        np.fmax(v, np.float32(0), out=v)      # fmax/fmin also map NaN to 0
        np.fmin(v, np.float32(m), out=v)
        v += np.float32(0.5)
        dst[i:i + step] = np.floor(v, out=v)


_pools: dict[int, ThreadPoolExecutor] = {}


def _pool(threads: int) -> ThreadPoolExecutor:
    if threads not in _pools:
        _pools[threads] = ThreadPoolExecutor(threads, thread_name_prefix="srstudio-round")
    return _pools[threads]


def to_uint8(frame: np.ndarray) -> np.ndarray:
    """A float [0, 1] image rounded to uint8 as the tiler does (:func:`round_into`)."""
    return round_into(np.empty(frame.shape, np.uint8), frame)
