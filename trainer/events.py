"""Trainer-specific progress events and the result of a run.

They travel through the same ``progress`` callback as the engine's events
(:mod:`engine.events`: Started, Progress, Warning_, Finished, Failed), so the CLI, the
GUI's trainer tab and tests consume one stream.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from engine.errors import SRStudioError


@dataclass(frozen=True)
class StepLogged:
    """Mean losses over the steps since the previous log line, at the current lr."""

    step: int
    loss: float
    lr: float
    loss_terms: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Validated:
    """Validation scores (standard protocol, EMA weights when EMA is on) and a preview:
    ``sample`` = (bicubic, SR, HR) centre crops of the first validation image, uint8 RGB."""

    step: int
    psnr_y: float
    ssim_y: float
    best_psnr_y: float
    sample: tuple[np.ndarray, np.ndarray, np.ndarray] = field(repr=False)
    psnr_rgb: float = float("nan")
    ssim_rgb: float = float("nan")
    dataset: str = ""
    bicubic_psnr_y: float | None = None
    is_best: bool = False


@dataclass(frozen=True)
class CheckpointSaved:
    path: Path
    step: int


@dataclass
class TrainResult:
    steps: int  # steps completed
    out_dir: Path
    checkpoint: Path  # last.pt
    final_weights: Path | None  # final.safetensors (EMA weights if on); None if cancelled
    best_weights: Path | None  # best.safetensors (None without validation)
    best_psnr_y: float | None
    best_step: int | None
    final_loss: float | None
    metrics: dict[str, dict] = field(default_factory=dict)  # last validation, per dataset
    cancelled: bool = False  # stopped by the cancel token; last.pt holds the state


class TrainingDiverged(SRStudioError):
    """The loss became NaN or infinite; the last checkpoint is kept."""
