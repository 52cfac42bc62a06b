"""CIE L*a*b* (D65 white, 2 degree observer) from sRGB with its gamma, numpy and torch.

The same constants as ``skimage.color.rgb2lab`` / ``lab2rgb``: sRGB primaries, the
IEC 61966-2-1 transfer curve (linear below 0.04045), white point (0.95047, 1.0, 1.08883).
numpy functions take channels last ``(..., 3)`` float RGB in [0, 1]; torch functions take
``(N, 3, H, W)``.  L is in [0, 100], a and b roughly in [-110, 110].
"""

from __future__ import annotations

import numpy as np
import torch

# sRGB (linear) -> XYZ, D65
_RGB2XYZ = np.array([[0.412453, 0.357580, 0.180423],
                     [0.212671, 0.715160, 0.072169],
                     [0.019334, 0.119193, 0.950227]], dtype=np.float64)
_XYZ2RGB = np.linalg.inv(_RGB2XYZ)
WHITE_D65 = np.array([0.95047, 1.0, 1.08883], dtype=np.float64)
_EPS = 0.008856   # (6/29)^3, as skimage
_KAPPA = 7.787    # (29/6)^2 / 3


def _srgb_to_linear(c: np.ndarray) -> np.ndarray:
    return np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)


def _linear_to_srgb(c: np.ndarray) -> np.ndarray:
    return np.where(c > 0.0031308, 1.055 * np.power(np.maximum(c, 0), 1 / 2.4) - 0.055,
                    12.92 * c)


def rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) sRGB float in [0, 1] -> (..., 3) float32 Lab."""
    rgb = np.asarray(rgb, dtype=np.float64)
    xyz = _srgb_to_linear(rgb) @ _RGB2XYZ.T / WHITE_D65
    f = np.where(xyz > _EPS, np.cbrt(xyz), _KAPPA * xyz + 16.0 / 116.0)
    lum = np.where(xyz[..., 1] > _EPS, 116.0 * f[..., 1] - 16.0, 903.3 * xyz[..., 1])
    a = 500.0 * (f[..., 0] - f[..., 1])
    b = 200.0 * (f[..., 1] - f[..., 2])
    return np.stack([lum, a, b], axis=-1).astype(np.float32)


def lab_to_rgb(lab: np.ndarray, clip: bool = True) -> np.ndarray:
    """(..., 3) Lab -> (..., 3) float32 sRGB; clipped to [0, 1] unless ``clip=False``."""
    lab = np.asarray(lab, dtype=np.float64)
    fy = (lab[..., 0] + 16.0) / 116.0
    fx = fy + lab[..., 1] / 500.0
    fz = fy - lab[..., 2] / 200.0
    fz = np.maximum(fz, 0.0)   # as skimage: z below zero is clipped
    f = np.stack([fx, fy, fz], axis=-1)
    xyz = np.where(f > 0.2068966, f ** 3, (f - 16.0 / 116.0) / _KAPPA) * WHITE_D65
    rgb = _linear_to_srgb(xyz @ _XYZ2RGB.T)
    if clip:
        rgb = np.clip(rgb, 0.0, 1.0)
    return rgb.astype(np.float32)


def lab_to_linear_rgb(lum: np.ndarray, ab: np.ndarray) -> np.ndarray:
    """(...) L and (..., 2) ab -> (..., 3) float32 linear-light RGB, not clipped (no gamma:
    the cheap part of :func:`lab_to_rgb`, enough to test whether a colour is in gamut)."""
    lum = np.asarray(lum, np.float32)
    ab = np.asarray(ab, np.float32)
    fy = (lum + np.float32(16.0)) * np.float32(1 / 116.0)
    f = np.empty(ab.shape[:-1] + (3,), np.float32)
    f[..., 0] = fy + ab[..., 0] * np.float32(1 / 500.0)
    f[..., 1] = fy
    f[..., 2] = np.maximum(fy - ab[..., 1] * np.float32(1 / 200.0), 0)
    cube = f * f * f
    lin_part = (f - np.float32(16.0 / 116.0)) * np.float32(1 / _KAPPA)
    xyz = np.where(f > np.float32(0.2068966), cube, lin_part)
    m = (_XYZ2RGB * WHITE_D65[None, :]).astype(np.float32)
    return xyz @ m.T


def linear_to_srgb(lin: np.ndarray) -> np.ndarray:
    """Linear-light values in [0, 1] -> sRGB-encoded float32 (the sRGB transfer curve)."""
    lin = np.asarray(lin, np.float32)
    high = np.float32(1.055) * np.power(np.maximum(lin, np.float32(0.0031308)),
                                        np.float32(1 / 2.4)) - np.float32(0.055)
    return np.where(lin > np.float32(0.0031308), high, np.float32(12.92) * lin)


def rgb_to_l(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) sRGB in [0, 1] -> (...) float32 L* only (cheaper than the full conversion)."""
    rgb = np.asarray(rgb, dtype=np.float64)
    y = _srgb_to_linear(rgb) @ _RGB2XYZ[1]
    return np.where(y > _EPS, 116.0 * np.cbrt(y) - 16.0, 903.3 * y).astype(np.float32)


def srgb_gray(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) sRGB in [0, 1] -> (...) the sRGB gray level of the same luminance (so the
    same L*): the neutral colour an image turns into when a = b = 0."""
    y = _srgb_to_linear(np.asarray(rgb, dtype=np.float64)) @ _RGB2XYZ[1]
    return _linear_to_srgb(y).astype(np.float32)


def gray_to_l(gray: np.ndarray) -> np.ndarray:
    """Gray levels in [0, 1] (R = G = B) -> L*; the row sum of the matrix is 1 for Y."""
    g = _srgb_to_linear(np.asarray(gray, dtype=np.float64)) * _RGB2XYZ[1].sum()
    return np.where(g > _EPS, 116.0 * np.cbrt(g) - 16.0, 903.3 * g).astype(np.float32)


# --- torch (training) -------------------------------------------------------------------
def torch_rgb_to_lab(rgb: torch.Tensor) -> torch.Tensor:
    """(N, 3, H, W) sRGB in [0, 1] -> (N, 3, H, W) Lab (same maths as :func:`rgb_to_lab`)."""
    rgb = rgb.clamp(0.0, 1.0)
    lin = torch.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    m = torch.as_tensor(_RGB2XYZ / WHITE_D65[:, None], dtype=rgb.dtype, device=rgb.device)
    xyz = torch.einsum("ij,njhw->nihw", m, lin)
    f = torch.where(xyz > _EPS, xyz.clamp_min(_EPS) ** (1.0 / 3.0), _KAPPA * xyz + 16.0 / 116.0)
    y = xyz[:, 1]
    lum = torch.where(y > _EPS, 116.0 * f[:, 1] - 16.0, 903.3 * y)
    a = 500.0 * (f[:, 0] - f[:, 1])
    b = 200.0 * (f[:, 1] - f[:, 2])
    return torch.stack([lum, a, b], dim=1)


def torch_lab_to_rgb(lab: torch.Tensor, clip: bool = True) -> torch.Tensor:
    """(N, 3, H, W) Lab -> (N, 3, H, W) sRGB (clipped to [0, 1] unless ``clip=False``)."""
    fy = (lab[:, 0] + 16.0) / 116.0
    fx = fy + lab[:, 1] / 500.0
    fz = (fy - lab[:, 2] / 200.0).clamp_min(0.0)
    f = torch.stack([fx, fy, fz], dim=1)
    white = torch.as_tensor(WHITE_D65, dtype=lab.dtype, device=lab.device).view(1, 3, 1, 1)
    xyz = torch.where(f > 0.2068966, f ** 3, (f - 16.0 / 116.0) / _KAPPA) * white
    m = torch.as_tensor(_XYZ2RGB, dtype=lab.dtype, device=lab.device)
    lin = torch.einsum("ij,njhw->nihw", m, xyz)
    rgb = torch.where(lin > 0.0031308, 1.055 * lin.clamp_min(1e-12) ** (1 / 2.4) - 0.055,
                      12.92 * lin)
    return rgb.clamp(0.0, 1.0) if clip else rgb
