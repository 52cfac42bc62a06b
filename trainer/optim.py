"""Optimiser, learning-rate schedule (linear warmup, then cosine / step / constant) and EMA.

The schedule is a pure function of the step (:func:`lr_factor`), wrapped in a
``LambdaLR`` whose state (the step count) goes into checkpoints.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable
from typing import Any

import torch
import torch.nn as nn

from trainer.config import OptimConfig


def build_optimizer(params: Iterable[nn.Parameter], cfg: OptimConfig) -> torch.optim.Optimizer:
    cls = torch.optim.AdamW if cfg.optimizer == "adamw" else torch.optim.Adam
    return cls([p for p in params if p.requires_grad], lr=cfg.lr,
               betas=(cfg.betas[0], cfg.betas[1]), weight_decay=cfg.weight_decay)


def lr_factor(step: int, cfg: OptimConfig, total_steps: int,
              time_fraction: float = 0.0) -> float:
    """Multiplier of ``cfg.lr`` for the update that follows ``step`` finished updates.

    ``time_fraction`` is the share of a time budget already spent (0 without one): the
    cosine follows whichever of steps and time is further along."""
    if step < cfg.warmup_steps:
        return (step + 1) / cfg.warmup_steps
    t = step - cfg.warmup_steps
    if cfg.schedule == "cosine":
        span = max(1, total_steps - cfg.warmup_steps)
        floor = cfg.min_lr / cfg.lr
        phase = min(1.0, max(t / span, time_fraction))
        return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * phase))
    if cfg.schedule == "step":
        return cfg.gamma ** (t // cfg.step_size)
    return 1.0


def build_scheduler(opt: torch.optim.Optimizer, cfg: OptimConfig, total_steps: int,
                    time_fraction: Callable[[], float] | None = None
                    ) -> torch.optim.lr_scheduler.LambdaLR:
    """LambdaLR over :func:`lr_factor`; ``time_fraction`` (called at each step) is the
    share of the run's time budget spent so far."""
    clock = time_fraction or (lambda: 0.0)
    return torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: lr_factor(step, cfg, total_steps, clock()))


class EMA:
    """Exponential moving average of a model's weights (validated and exported instead of
    the raw weights when enabled).  The decay ramps up over the first updates so early
    averages are not dominated by the random initialisation."""

    def __init__(self, model: nn.Module, decay: float) -> None:
        self.module = copy.deepcopy(model).eval().requires_grad_(False)
        self.decay = decay
        self.updates = 0

    @torch.no_grad()
    def update(self, model: nn.Module) -> None:
        self.updates += 1
        d = min(self.decay, (1 + self.updates) / (10 + self.updates))
        ema_p = list(self.module.parameters())
        torch._foreach_lerp_(ema_p, [p.detach() for p in model.parameters()], 1.0 - d)
        for eb, b in zip(self.module.buffers(), model.buffers(), strict=True):
            eb.copy_(b)

    def state_dict(self) -> dict[str, Any]:
        return {"module": self.module.state_dict(), "updates": self.updates}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.module.load_state_dict(state["module"])
        self.updates = int(state["updates"])
