"""Random blur kernels for the ``real`` degradation (Real-ESRGAN's families, our code).

Every kernel is a normalised (k, k) float32 array with k odd.  The Gaussian-like families
share one quadratic form ``d = x^T Sigma^-1 x`` built from two standard deviations and a
rotation; they differ in how ``d`` becomes a weight:

* ``iso`` / ``aniso``: ``exp(-d / 2)`` (the plain Gaussian, round or elliptic);
* ``gen_iso`` / ``gen_aniso``: ``exp(-(d / 2) ** beta)``, the generalised Gaussian
  (beta < 1 heavier tails, beta > 1 a flatter top);
* ``plateau_iso`` / ``plateau_aniso``: ``1 / (1 + d ** beta)``, flat centre, long tails.

``sinc`` is the ideal circular low-pass, ``omega * J1(omega r) / (2 pi r)``, which rings
like an over-sharpened or badly resampled picture.
"""

from __future__ import annotations

import math

import numpy as np

KERNEL_KINDS = ("iso", "aniso", "gen_iso", "gen_aniso", "plateau_iso", "plateau_aniso")


def _grid(size: int) -> tuple[np.ndarray, np.ndarray]:
    r = np.arange(size, dtype=np.float64) - (size - 1) / 2
    return np.meshgrid(r, r, indexing="xy")


def _quadratic(size: int, sigma_x: float, sigma_y: float, theta: float) -> np.ndarray:
    """x^T Sigma^-1 x on the kernel grid, Sigma = R diag(sx^2, sy^2) R^T."""
    x, y = _grid(size)
    c, s = math.cos(theta), math.sin(theta)
    u = c * x + s * y  # coordinates along the ellipse's axes
    v = -s * x + c * y
    return (u / sigma_x) ** 2 + (v / sigma_y) ** 2


def _normalised(k: np.ndarray) -> np.ndarray:
    return (k / k.sum()).astype(np.float32)


def gaussian_family(kind: str, size: int, sigma_x: float, sigma_y: float, theta: float,
                    beta: float = 1.0) -> np.ndarray:
    """One kernel of ``kind`` (see the module docstring); iso kinds ignore sigma_y/theta."""
    if kind.endswith("iso") and not kind.endswith("aniso"):
        sigma_y, theta = sigma_x, 0.0
    d = _quadratic(size, sigma_x, sigma_y, theta)
    if kind in ("iso", "aniso"):
        k = np.exp(-0.5 * d)
    elif kind in ("gen_iso", "gen_aniso"):
        k = np.exp(-((0.5 * d) ** beta))
    elif kind in ("plateau_iso", "plateau_aniso"):
        k = 1.0 / (1.0 + d ** beta)
    else:
        raise ValueError(f"unknown blur kernel kind {kind!r} (known: {', '.join(KERNEL_KINDS)})")
    return _normalised(k)


def bessel_j1(x: np.ndarray) -> np.ndarray:
    """J1 by Bessel's integral (1/pi) int_0^pi cos(t - x sin t) dt on 129 Simpson nodes:
    below 1e-9 error for |x| < 40, the range a 21-tap sinc needs, without scipy."""
    t = np.linspace(0.0, math.pi, 129)
    w = np.ones_like(t)
    w[1:-1:2], w[2:-1:2] = 4.0, 2.0
    vals = np.cos(t[None, :] - np.asarray(x, np.float64).reshape(-1, 1) * np.sin(t)[None, :])
    return (vals @ w * (t[1] - t[0]) / 3.0 / math.pi).reshape(np.shape(x))


def sinc_kernel(size: int, omega: float) -> np.ndarray:
    """Circular low-pass with cut-off ``omega`` (radians per pixel, (0, pi])."""
    x, y = _grid(size)
    r = np.hypot(x, y)
    k = np.empty_like(r)
    centre = r < 1e-12
    k[centre] = omega ** 2 / (4 * math.pi)
    k[~centre] = omega * bessel_j1(omega * r[~centre]) / (2 * math.pi * r[~centre])
    return _normalised(k)
