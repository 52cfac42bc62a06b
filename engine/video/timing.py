"""Per-stage seconds of a video job, so a slow job says where its frames' time went.

Each stage thread adds the wall time of its own steps (decode, colour conversion,
inference, encode) and of its waits on the queues between stages; a stage that waits
a lot is not the bottleneck, the one the others wait for is.  One ``perf_counter`` pair
per step and frame: far below a millisecond against frames that take tens of them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

# stage -> (thread it runs on, what it is), in pipeline order; the bench prints this order
STAGES: dict[str, tuple[str, str]] = {
    "decode": ("decode", "demux + decode packets"),
    "to_rgb": ("decode", "YUV -> RGB24 (swscale)"),
    "decode_blocked": ("decode", "waiting for room in the input queue"),
    "upscale_wait": ("upscale", "waiting for decoded frames"),
    "to_float": ("upscale", "uint8 -> float32 (+ pad), whole frames"),
    "network": ("upscale", "the upscaler itself (forward pass)"),
    "tiling": ("upscale", "tiling, blending, float <-> uint8 of tiled frames"),
    "from_float": ("upscale", "float32 -> uint8, whole frames"),
    "colorize": ("upscale", "colorizing black-and-white frames"),
    "upscale_blocked": ("upscale", "waiting for room in the output queue"),
    "encode_wait": ("encode", "waiting for upscaled frames"),
    "from_rgb": ("encode", "RGB24 -> encoder's YUV (swscale)"),
    "encode": ("encode", "encode + write packets"),
    "segments": ("encode", "open a segment; flush its look-ahead and close it"),
    "mux": ("main", "join the segments with audio and subtitles"),
}

WAITS = frozenset({"decode_blocked", "upscale_wait", "upscale_blocked", "encode_wait"})


class StageTimes:
    """Thread-safe seconds per stage name (see :data:`STAGES`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.seconds: dict[str, float] = {}

    def add(self, stage: str, seconds: float) -> None:
        with self._lock:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    @contextmanager
    def measure(self, stage: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.add(stage, time.perf_counter() - t0)

    def snapshot(self) -> dict[str, float]:
        """The seconds so far, in :data:`STAGES` order (unknown names last)."""
        with self._lock:
            d = dict(self.seconds)
        order = [k for k in STAGES if k in d] + sorted(k for k in d if k not in STAGES)
        return {k: round(d[k], 6) for k in order}


def work_seconds(stages: dict[str, float]) -> float:
    """The seconds spent working (waits left out): the sum a frame's shares are of."""
    return sum(v for k, v in stages.items() if k not in WAITS)
