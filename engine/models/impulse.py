"""Scale and receptive radius of a black-box image model, from two runs (no torch).

An ONNX graph or an ncnn network made elsewhere says neither its scale nor how far it
looks.  Run it once on a random image and once with one input pixel (the centre) changed:
the output's size gives the scale, and the output pixels that moved are that pixel's
footprint, whose radius is the context the tiler must give each tile.  Outside a
convolutional network's field nothing moves at all; where the footprint reaches the probe
image's border (attention, global pooling, or a field wider than the probe) the radius is
capped at what the probe can see and reported as not exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.errors import UnsupportedModelError


@dataclass(frozen=True)
class ImpulseProbe:
    scale: int
    out_channels: int
    context: int
    exact: bool


def impulse_probe(feed: Callable[[np.ndarray], np.ndarray], name: str, channels: int,
                  height: int, width: int, tol: float = 1e-6) -> ImpulseProbe:
    """``feed`` maps (1, h, w, C) float32 in [0, 1] to (1, h*s, w*s, C')."""
    rng = np.random.default_rng(0)
    x = rng.random((1, height, width, channels), dtype=np.float32)
    try:
        y = np.asarray(feed(x), dtype=np.float32)
    except UnsupportedModelError:
        raise
    except Exception as e:   # the runtime's own errors: a graph that does not take an image
        first = (str(e).splitlines() or [type(e).__name__])[0][:160]
        raise UnsupportedModelError(f"{name}: a {width}x{height} probe image does not run "
                                    f"through the model ({first})") from None
    if y.ndim != 4:
        raise UnsupportedModelError(f"{name}: the output {list(y.shape)} is not an image")
    oh, ow = y.shape[1:3]
    if oh % height or ow % width or oh // height != ow // width or oh < height:
        raise UnsupportedModelError(f"{name}: a {width}x{height} image comes out {ow}x{oh}, "
                                    "not an integer upscale")
    s = oh // height
    cy, cx = height // 2, width // 2
    x2 = x.copy()
    px = x2[0, cy, cx]
    x2[0, cy, cx] = np.where(px < 0.5, px + 0.5, px - 0.5)
    moved = np.abs(np.asarray(feed(x2), dtype=np.float32) - y).max(axis=(0, 3))
    ys, xs = np.nonzero(moved > tol)
    reach = int(max(np.abs(ys // s - cy).max(initial=0), np.abs(xs // s - cx).max(initial=0)))
    limit = min(cy, cx)
    exact = reach < limit - 1
    return ImpulseProbe(s, int(y.shape[-1]), reach + 1 if exact else limit, exact)
