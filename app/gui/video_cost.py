"""What a video will cost before it starts: its output size and a time estimate.

Quality x4 on a 720p clip makes 5120x2880 frames at about 35 s each: some 80 minutes for
five seconds of video, which the user found out only by waiting.  The estimate comes
from this machine's own measured speed: every finished job records how many output
pixels per second its (model, device, self-ensemble, backend) made, and a video's frames
times its output size divided by that is its time.  With no measurement yet the size
alone is shown, and the first frames give the row its ETA.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.gui.queue_model import format_eta
from app.gui.settings_store import SettingsStore

LONG_VIDEO_S = 10 * 60        # ask before starting a video estimated to take longer
HUGE_FRAME_PX = 3840 * 2160   # ... or, with no estimate, one whose frames exceed 4K


def speed_key(model: str, device: str, self_ensemble: bool, backend: str) -> str:
    """The settings key of one way of running a model."""
    name = model.replace("/", "_").replace("\\", "_")   # a weight file's path: no groups
    return f"speed/{name}|{device}|{int(self_ensemble)}|{backend}"


def record_speed(store: SettingsStore, key: str, output_px: float, seconds: float) -> None:
    """Remember output pixels per second of a finished job (the latest run wins: the
    machine or its load may have changed).  A short job counts too: its start-up makes
    the speed low, so the next estimate errs long, which asks rather than surprises."""
    if seconds > 0 and output_px > 0:
        store.set(key, f"{output_px / seconds:.6g}")


def known_speed(store: SettingsStore, key: str) -> float | None:
    """Output pixels per second measured for ``key`` (None: never run here)."""
    try:
        v = float(store.get_str(key, ""))
    except ValueError:
        return None
    return v if v > 0 else None


@dataclass(frozen=True)
class VideoCost:
    """A video job's output frame size, frame count and estimated seconds (None: unknown)."""

    width: int
    height: int
    frames: int | None
    seconds: float | None

    def text(self, name: str) -> str:
        """'clip.mp4: 150 frames of 5120×2880, about 1:27:30'."""
        frames = f"{self.frames} frames" if self.frames else "frames"
        when = (f"about {format_eta(self.seconds)}" if self.seconds is not None else
                "time unknown until the first frames (no earlier run of this model here)")
        return f"{name}: {frames} of {self.width}×{self.height}, {when}"

    def worth_asking(self) -> bool:
        """Long enough (or, unmeasured, big enough) to confirm before starting."""
        if self.seconds is not None:
            return self.seconds > LONG_VIDEO_S
        return self.width * self.height > HUGE_FRAME_PX


def video_cost(input_size: tuple[int, int] | None, frames: int | None, scale: int,
               speed: float | None) -> VideoCost | None:
    """The cost of upscaling a probed video by ``scale`` (None: not probed yet)."""
    if input_size is None:
        return None
    w, h = input_size[0] * scale, input_size[1] * scale
    seconds = (w * h * frames / speed) if speed and frames else None
    return VideoCost(w, h, frames, seconds)
