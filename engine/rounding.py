"""Float [0, 1] images to integer samples: the one rounding of every float image we write.

Its own module, beside :mod:`engine.color`, because the model listing, the planner and
the content check import the image I/O that uses it and must not reach torch (which
engine.color's tensor helpers import).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from engine.threads import run_threads

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
        futures = []
        try:
            for d, s in blocks:
                futures.append(_pool(threads).submit(_round_rows, d, s))
        except RuntimeError:   # the interpreter is shutting down: no new pool work
            blocks = blocks[len(futures):]
            for d, s in blocks:
                _round_rows(d, s)
        for f in futures:
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
_pools_lock = threading.Lock()


def _pool(threads: int) -> ThreadPoolExecutor:
    with _pools_lock:   # a GUI worker and a video thread may round at the same time
        if threads not in _pools:
            _pools[threads] = ThreadPoolExecutor(threads, thread_name_prefix="srstudio-round")
        return _pools[threads]


def to_uint8(frame: np.ndarray) -> np.ndarray:
    """A float [0, 1] image rounded to uint8 as the tiler does (:func:`round_into`)."""
    return round_into(np.empty(frame.shape, np.uint8), frame)
