"""Colour conversions shared by metrics, Y-channel models and the trainer.

BT.601 "studio swing" YCbCr exactly as MATLAB's ``rgb2ycbcr`` (the SR evaluation protocol):
Y in [16, 235], Cb/Cr in [16, 240] for 8-bit data.  Functions take float RGB in [0, 1]
and return values in [0, 1] (i.e. the MATLAB result divided by 255), for numpy arrays with
channels last (..., 3) and torch tensors with channels first (N, 3, H, W).
"""

from __future__ import annotations

import numpy as np

# MATLAB rgb2ycbcr for double input in [0,1]: offset + M @ rgb, result in [0,1]
_M = np.array(
    [[65.481, 128.553, 24.966],
     [-37.797, -74.203, 112.0],
     [112.0, -93.786, -18.214]], dtype=np.float64) / 255.0
_OFFSET = np.array([16.0, 128.0, 128.0]) / 255.0
_M_INV = np.linalg.inv(_M)
Y_GAIN = float(_M_INV[0, 0])
"""How much one unit of Y moves each of R, G and B (YCbCr -> RGB's first column, the same
for all three in BT.601: 255/219)."""
assert np.allclose(_M_INV[:, 0], Y_GAIN), "YCbCr -> RGB's Y column is not uniform"


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
