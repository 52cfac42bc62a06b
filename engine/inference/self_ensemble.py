"""Self-ensemble ("x8", test-time augmentation): average an upscaler over the 8 flips and
90-degree rotations of its input.

A network trained with flip/rotation augmentation makes slightly different errors on each
of the 8 orientations of an image; averaging the 8 results (each turned back) removes part
of them.  It costs 8 passes and gives about +0.1 to +0.2 dB Y-PSNR on the shipped models
(Lim et al., EDSR+, 2017; Timofte et al., Seven ways to improve example-based SR, 2016).
Any upscaler can be wrapped, so the CLI, the GUI and the evaluation share this one
implementation; the tiler is unchanged (each tile is turned, upscaled and turned back).
Between passes it checks the running job's cancel token (:mod:`engine.cancel_scope`).
"""

from __future__ import annotations

import numpy as np

from engine.cancel_scope import check_cancelled
from engine.inference.base import Upscaler

# (quarter turns, then mirror left-right): the dihedral group of the square
TRANSFORMS = tuple((k, flip) for k in range(4) for flip in (False, True))


def _forward(tiles: np.ndarray, k: int, flip: bool) -> np.ndarray:
    out = np.rot90(tiles, k, axes=(1, 2))
    return out[:, :, ::-1] if flip else out


def _inverse(tiles: np.ndarray, k: int, flip: bool) -> np.ndarray:
    out = tiles[:, :, ::-1] if flip else tiles
    return np.rot90(out, -k, axes=(1, 2))


class SelfEnsemble:
    """An :class:`Upscaler` that runs ``inner`` on the 8 orientations and averages."""

    def __init__(self, inner: Upscaler) -> None:
        self.inner = inner
        self.name = f"{inner.name} (x8 self-ensemble)"
        self.scale = inner.scale
        self.context = inner.context
        self.size_multiple = inner.size_multiple
        self.batch_size = inner.batch_size
        self.provider = getattr(inner, "provider", None)   # ONNX Runtime's, for the log

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        total: np.ndarray | None = None
        for k, flip in TRANSFORMS:
            check_cancelled()   # a cancel lands between passes, not after all 8
            turned = np.ascontiguousarray(_forward(tiles, k, flip))
            out = _inverse(self.inner(turned), k, flip).astype(np.float32)
            total = out if total is None else total + out
        assert total is not None
        return total / len(TRANSFORMS)

    def bytes_per_input_pixel(self) -> float:
        # one more output-sized accumulator than the inner upscaler holds
        return self.inner.bytes_per_input_pixel() + 4.0 * 3 * self.scale ** 2

    def free_memory(self) -> int:
        return self.inner.free_memory()

    def release_memory(self) -> None:
        self.inner.release_memory()

    def is_oom(self, err: BaseException) -> bool:
        return self.inner.is_oom(err)
