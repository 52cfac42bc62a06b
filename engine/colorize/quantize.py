"""Zhang et al.'s quantised ab space: gamut bins, soft encoding, class rebalancing, decoding.

R. Zhang, P. Isola, A. A. Efros, "Colorful Image Colorization", ECCV 2016, section 2.1-2.3.

* :func:`gamut_bins`: the ab plane is cut into 10 x 10 cells centred on multiples of 10; a
  cell is a bin when some sRGB colour falls in it.  The colours are a dense 65^3 sampling
  of the sRGB cube converted to Lab, which gives 261 bins (Zhang et al. report 313 for
  their gamut).  A bin's value is its grid centre when that ab pair is displayable at some
  lightness; for the few edge cells whose centre lies outside the sRGB gamut it is the
  mean ab of the sampled colours inside the cell, so every bin decodes to a real colour.
* :func:`soft_encode`: a ground-truth ab value becomes a distribution over its 5 nearest
  bins, weighted by a Gaussian (sigma 5) of the distance.
* :func:`rebalance_weights`: w ∝ ((1 - lambda) p~ + lambda / Q)^-1 with p~ the empirical
  bin distribution smoothed by a Gaussian (sigma 5) in the ab plane, lambda = 0.5, and
  E_p~[w] = sum_q p~_q w_q = 1.
* :func:`annealed_mean`: H(Z) = E[f_T(Z)], f_T(z) = exp(log z / T) / sum exp(log z / T);
  T = 1 is the mean of the distribution, T -> 0 its mode; the paper uses T = 0.38.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import torch

from engine.colorize.lab import lab_to_rgb, rgb_to_lab

GRID = 10.0
AB_RANGE = 110.0          # cells cover [-115, 115) in a and b (centres -110 ... 110)
NUM_CELLS = int(2 * AB_RANGE / GRID) + 1   # 23 cells per axis
SAMPLES_PER_AXIS = 65
SOFT_NEIGHBOURS = 5
SOFT_SIGMA = 5.0
PRIOR_SIGMA = 5.0
PRIOR_LAMBDA = 0.5
TEMPERATURE = 0.38


def _cell_of(ab: np.ndarray) -> np.ndarray:
    """(..., 2) ab -> (...) flat cell index on the 23 x 23 grid (clamped to the grid)."""
    ij = np.clip(np.rint((np.asarray(ab, np.float64) + AB_RANGE) / GRID), 0, NUM_CELLS - 1)
    return (ij[..., 0] * NUM_CELLS + ij[..., 1]).astype(np.int64)


def displayable(ab: np.ndarray, tol: float = 1e-6, levels: int = 1001) -> np.ndarray:
    """(K, 2) ab pairs -> (K,) bool: some L* in [0, 100] makes (L, a, b) an sRGB colour."""
    ab = np.asarray(ab, np.float64).reshape(-1, 2)
    lum = np.linspace(0.0, 100.0, levels)
    lab = np.empty((len(ab), levels, 3))
    lab[..., 0] = lum
    lab[..., 1:] = ab[:, None, :]
    rgb = lab_to_rgb(lab, clip=False).astype(np.float64)
    excess = (np.maximum(rgb - 1.0, 0.0) + np.maximum(-rgb, 0.0)).max(axis=-1)
    return excess.min(axis=-1) <= tol


@lru_cache(maxsize=1)
def _gamut() -> tuple[np.ndarray, np.ndarray]:
    v = np.linspace(0.0, 1.0, SAMPLES_PER_AXIS)
    cube = np.stack(np.meshgrid(v, v, v, indexing="ij"), axis=-1).reshape(-1, 3)
    ab = rgb_to_lab(cube)[:, 1:].astype(np.float64)
    cells = _cell_of(ab)
    occupied, inverse, counts = np.unique(cells, return_inverse=True, return_counts=True)
    centroid = np.zeros((len(occupied), 2))
    np.add.at(centroid, inverse.ravel(), ab)
    centroid /= counts[:, None]
    centre = np.stack([occupied // NUM_CELLS, occupied % NUM_CELLS], axis=-1) * GRID - AB_RANGE
    values = np.where(displayable(centre)[:, None], centre, centroid)
    # every grid cell -> nearest bin (gamut cells map to themselves)
    gi = np.arange(NUM_CELLS * NUM_CELLS)
    grid_ab = np.stack([gi // NUM_CELLS, gi % NUM_CELLS], axis=-1) * GRID - AB_RANGE
    lut = np.argmin(((grid_ab[:, None, :] - centre[None]) ** 2).sum(-1), axis=1)
    lut[occupied] = np.arange(len(occupied))
    values.setflags(write=False)
    lut.setflags(write=False)
    return values.astype(np.float32), lut


def gamut_bins() -> np.ndarray:
    """(Q, 2) float32 ab value of every in-gamut bin (Q = 261), row-major over (a, b)."""
    return _gamut()[0]


def num_bins() -> int:
    return len(gamut_bins())


def bin_index(ab: np.ndarray) -> np.ndarray:
    """(..., 2) ab -> (...) index of the bin whose grid cell holds it (nearest in-gamut bin
    for the rare value outside every sampled cell)."""
    return _gamut()[1][_cell_of(ab)]


# --- soft encoding ----------------------------------------------------------------------
def soft_encode(ab: torch.Tensor, bins: torch.Tensor, k: int = SOFT_NEIGHBOURS,
                sigma: float = SOFT_SIGMA) -> tuple[torch.Tensor, torch.Tensor]:
    """(P, 2) ab -> (indices (P, k), weights (P, k)): the ``k`` nearest bins and Gaussian
    weights that sum to 1 (the sparse form of Zhang et al.'s soft-encoded Z)."""
    d2 = torch.cdist(ab.float(), bins.float()).pow(2)
    near, idx = torch.topk(d2, k, dim=1, largest=False)
    w = torch.softmax(-near / (2.0 * sigma * sigma), dim=1)
    return idx, w


def soft_encode_dense(ab: torch.Tensor, bins: torch.Tensor, k: int = SOFT_NEIGHBOURS,
                      sigma: float = SOFT_SIGMA) -> torch.Tensor:
    """(P, 2) ab -> (P, Q) soft encoding (mostly zeros)."""
    idx, w = soft_encode(ab, bins, k, sigma)
    return torch.zeros(ab.shape[0], bins.shape[0], dtype=w.dtype,
                       device=w.device).scatter_(1, idx, w)


# --- class rebalancing ------------------------------------------------------------------
def empirical_distribution(counts: np.ndarray) -> np.ndarray:
    """Bin counts -> probabilities (uniform when there is nothing counted)."""
    c = np.asarray(counts, np.float64)
    total = c.sum()
    return c / total if total > 0 else np.full(len(c), 1.0 / len(c))


def smooth_distribution(p: np.ndarray, sigma: float = PRIOR_SIGMA,
                        bins: np.ndarray | None = None) -> np.ndarray:
    """Gaussian smoothing of a bin distribution in the ab plane (renormalised to sum 1)."""
    values = np.asarray(gamut_bins() if bins is None else bins, np.float64)
    d2 = ((values[:, None, :] - values[None, :, :]) ** 2).sum(-1)
    kernel = np.exp(-d2 / (2.0 * sigma * sigma))
    out = kernel @ np.asarray(p, np.float64)
    return out / out.sum()


def rebalance_weights(p: np.ndarray, sigma: float = PRIOR_SIGMA, lam: float = PRIOR_LAMBDA,
                      bins: np.ndarray | None = None) -> np.ndarray:
    """Per-bin loss weights from the empirical distribution ``p`` (Zhang et al. eq. 4)."""
    smooth = smooth_distribution(p, sigma, bins)
    w = 1.0 / ((1.0 - lam) * smooth + lam / len(smooth))
    return (w / float((smooth * w).sum())).astype(np.float32)


def count_bins(ab: np.ndarray) -> np.ndarray:
    """(..., 2) ab -> (Q,) pixel count per bin (hard assignment)."""
    return np.bincount(bin_index(ab).ravel(), minlength=num_bins()).astype(np.float64)


# --- decoding ---------------------------------------------------------------------------
def annealed_mean(logits: torch.Tensor, bins: torch.Tensor, temperature: float = TEMPERATURE,
                  dim: int = 1) -> torch.Tensor:
    """Decode a distribution over bins (given as logits or log-probabilities along ``dim``)
    into ab: the mean of softmax(logits / T).  T = 1 gives the mean, T <= 0 the mode."""
    bins = bins.to(dtype=logits.dtype, device=logits.device)
    if temperature <= 0:
        idx = logits.argmax(dim=dim)
        return bins[idx].movedim(-1, dim)
    f = torch.softmax(logits / temperature, dim=dim)
    return torch.tensordot(f.movedim(dim, -1), bins, dims=1).movedim(-1, dim)
