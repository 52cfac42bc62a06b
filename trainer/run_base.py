"""The skeleton shared by the training runs (super-resolution and colorizer).

Both runs resume from ``last.pt``, checkpoint atomically, stop or pause between steps,
log to ``log.jsonl`` and report through the same events, so that part lives here once;
a concrete run (:mod:`trainer.loop`, :mod:`trainer.colorize.loop`) supplies the model,
data and loss (:meth:`RunBase._setup`), one optimisation step, validation and its result
type.  The checkpoint keys and log records are those the runs always wrote, so existing
run folders still resume.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import torch

from engine.devices import describe_device, select_device
from engine.errors import ConfigError, UnsupportedModelError
from engine.events import (
    CancelToken,
    Failed,
    Finished,
    Progress,
    ProgressCallback,
    Started,
    Warning_,
    emit,
)
from trainer.checkpoint import (
    FINAL,
    LAST,
    capture_rng,
    load_checkpoint,
    restore_rng,
    save_checkpoint,
)
from trainer.config import to_dict
from trainer.events import CheckpointSaved, StepLogged, TrainingDiverged
from trainer.export import export_weights
from trainer.optim import EMA
from trainer.runlog import RunLog

EXIT_AFTER_STEP_ENV = "SRSTUDIO_TRAIN_EXIT_AFTER_STEP"
"""Test hook: the process exits (code 75, no cleanup) right after this step, like a crash."""

R = TypeVar("R")


class PauseFlag(Protocol):
    def is_set(self) -> bool: ...


FROZEN_COMPILE_WARNING = (
    "run.compile is not available in the packaged app (torch.compile writes and builds "
    "kernels at run time, which needs Python's sources and a C compiler); training without "
    "it: same results, no speed-up. Run the trainer from source to compile.")


def compiled(model: torch.nn.Module, mode: str,
             warn: Callable[[str], None] | None = None) -> torch.nn.Module:
    """What the training step calls: ``model`` itself, or ``torch.compile(model)`` (fused
    kernels, and CUDA graphs with 'reduce-overhead').  The compiled wrapper shares the
    module's parameters, so the optimiser, EMA, checkpoints and validation, which all use
    the plain module, see the same weights.  In a PyInstaller build (``sys.frozen``) the
    model runs uncompiled, with a warning, rather than failing at the first step."""
    if mode == "off":
        return model
    if getattr(sys, "frozen", False):
        if warn is not None:
            warn(FROZEN_COMPILE_WARNING)
        return model
    return torch.compile(model, mode=None if mode == "default" else mode)


def report_run(progress: ProgressCallback | None, start: Callable[[], R]) -> R:
    """Call ``start`` and report its end as Finished or Failed; torch's thread count (which
    a run may change) is put back either way."""
    threads_before = torch.get_num_threads()
    try:
        result = start()
    except Exception as e:
        emit(progress, Failed(e))
        raise
    finally:
        torch.set_num_threads(threads_before)
    emit(progress, Finished(result))
    return result


class RunBase(ABC, Generic[R]):
    """One training run: resume, the step loop, checkpoints; subclasses fill in the hooks.

    ``cfg`` needs ``run`` (out_dir, device, threads, seed, steps, log_every, val_every,
    ckpt_every) and ``optim``; :meth:`_setup` must set ``model``, ``net`` (export metadata),
    ``ema``, ``opt``, ``sched``, ``sampler`` (with state_dict/load_state_dict) and ``valset``.
    """

    BEST_KEY: str
    """Checkpoint key of the best validation score (``self.best``)."""
    RESUME_KEYS: tuple[str, ...] = ("arch", "config")
    """Fields of ``net`` that must match the checkpoint's for a resume."""
    DIVERGED_HINT = "try a lower optim.lr"
    LOG_TERMS = True
    """Whether log.jsonl step records carry the loss terms."""

    model: torch.nn.Module
    train_forward: torch.nn.Module
    """``model``, or its compiled wrapper (``run.compile``): what the training step calls."""
    net: dict[str, Any]
    ema: EMA | None
    opt: torch.optim.Optimizer
    sched: torch.optim.lr_scheduler.LRScheduler
    sampler: Any
    valset: Any

    def __init__(self, cfg: Any, progress: ProgressCallback | None, cancel: CancelToken | None,
                 pause: PauseFlag | None) -> None:
        self.cfg, self.progress = cfg, progress
        self.cancel, self.pause = cancel, pause
        self.out = Path(cfg.run.out_dir) if cfg.run.out_dir else self._default_out_dir()
        try:
            self.device = select_device(cfg.run.device)
        except UnsupportedModelError as e:
            raise ConfigError(f"run.device: {e}") from None
        if self.device.type == "cuda":
            # training batches have one shape, so cuDNN's per-shape algorithm search pays off
            torch.backends.cudnn.benchmark = True
        self.log = RunLog(self.out / "log.jsonl")
        self.step = 0
        self.train_seconds = 0.0  # wall time spent in the loop, summed over resumes
        self._loop_t0: float | None = None  # perf_counter when this process's loop began
        self._loop_s0 = 0.0  # train_seconds at that moment
        self.best: float | None = None
        self.best_step: int | None = None
        self.metrics: dict[str, dict] = {}

    # --- hooks ----------------------------------------------------------------------
    @abstractmethod
    def _default_out_dir(self) -> Path:
        """The run folder when ``run.out_dir`` is empty."""

    @abstractmethod
    def _setup(self, fresh: bool) -> None:
        """Build model, data, loss, optimiser, schedule, EMA and validation set;
        ``fresh`` is False when a checkpoint will be restored on top (skip init weights)."""

    @abstractmethod
    def _describe(self) -> str:
        """The detail of the Started event."""

    @abstractmethod
    def train_step(self) -> dict[str, torch.Tensor | float]:
        """One optimisation step; the detached losses, the total under "loss"."""

    @abstractmethod
    def _validate(self) -> None:
        """Score the eval module, update ``metrics``/``best``, export the best weights."""

    @abstractmethod
    def _result(self, last_loss: float | None, *, final: Path | None = None,
                cancelled: bool = False) -> R:
        """The value the run returns."""

    def _extra_state(self) -> dict[str, Any]:
        """Checkpoint entries beyond the common ones (saved after the scheduler)."""
        return {}

    def _restore_extra(self, ck: dict[str, Any]) -> None:
        """Restore :meth:`_extra_state` (called after the scheduler, before the RNGs)."""

    def _max_seconds(self) -> float | None:
        """Time budget (``run.max_minutes``) summed over resumes; reaching it ends the run
        like its last step."""
        m = getattr(self.cfg.run, "max_minutes", None)
        return None if m is None else 60.0 * float(m)

    def _elapsed(self) -> float:
        if self._loop_t0 is None:
            return self.train_seconds
        return self._loop_s0 + time.perf_counter() - self._loop_t0

    def time_fraction(self) -> float:
        """Share of the time budget spent (0 without one): the cosine schedule's clock."""
        max_s = self._max_seconds()
        return 0.0 if not max_s else min(1.0, self._elapsed() / max_s)

    # --- shared ---------------------------------------------------------------------
    def _warn(self, message: str) -> None:
        emit(self.progress, Warning_(message))

    def trained_on(self) -> str:
        """Where this run trains, for the exported file's metadata (a resumed run records
        the machine of its last stretch)."""
        where = (describe_device(self.device) if self.device.type != "cpu"
                 else f"CPU, {torch.get_num_threads()} torch thread(s)")
        return f"{where}, torch {torch.__version__.split('+')[0]}"

    def _state(self) -> dict[str, Any]:
        return {"step": self.step, "net": self.net, "config": to_dict(self.cfg),
                "model": self.model.state_dict(),
                "ema": self.ema.state_dict() if self.ema else None,
                "optimizer": self.opt.state_dict(), "scheduler": self.sched.state_dict(),
                **self._extra_state(),
                "data": self.sampler.state_dict(), "rng": capture_rng(),
                "train_seconds": self._elapsed(),
                self.BEST_KEY: self.best, "best_step": self.best_step,
                "metrics": self.metrics}

    def _restore(self, ck: dict[str, Any]) -> None:
        old = ck["net"]
        for key in self.RESUME_KEYS:
            if old[key] != self.net[key]:
                raise ConfigError(f"--resume: {self.out / LAST} was trained with model "
                                  f"{key} = {old[key]!r}, the config now says "
                                  f"{self.net[key]!r}; use another run.out_dir")
        self.model.load_state_dict(ck["model"])
        if self.ema is not None and ck.get("ema"):
            self.ema.load_state_dict(ck["ema"])
        self.opt.load_state_dict(ck["optimizer"])
        self.sched.load_state_dict(ck["scheduler"])
        self._restore_extra(ck)
        self.sampler.load_state_dict(ck["data"])
        restore_rng(ck["rng"])
        self.step = int(ck["step"])
        self.train_seconds = float(ck.get("train_seconds", 0.0))
        self.best, self.best_step = ck.get(self.BEST_KEY), ck.get("best_step")
        self.metrics = dict(ck.get("metrics") or {})

    def build(self, fresh: bool) -> None:
        """:meth:`_setup`, then the training forward (compiled when ``run.compile`` asks)."""
        self._setup(fresh)
        self.train_forward = compiled(self.model, self.cfg.run.compile, self._warn)

    def close(self) -> None:
        """Release what :meth:`build` started (the batch-drawing thread of
        ``data.prefetch``); the run's files and state stay.  Safe to call twice."""
        close = getattr(getattr(self, "sampler", None), "close", None)
        if close is not None:
            close()

    def execute(self, resume: bool) -> R:
        """Set up (restoring ``last.pt`` when resuming), run the loop to its end, and
        :meth:`close` whatever way it ends."""
        try:
            return self._execute(resume)
        finally:
            self.close()

    def _execute(self, resume: bool) -> R:
        if self.cfg.run.threads:
            torch.set_num_threads(self.cfg.run.threads)
        last = self.out / LAST
        if last.exists() and not resume:
            raise ConfigError(f"run.out_dir: {self.out} already holds a run ({LAST}); "
                              "continue it with --resume or choose another output folder")
        ck = load_checkpoint(last) if resume and last.exists() else None
        if resume and ck is None:
            self._warn(f"nothing to resume in {self.out}; starting from step 0")
        self.build(fresh=ck is None)
        if ck is not None:
            self._restore(ck)
            del ck
        self.out.mkdir(parents=True, exist_ok=True)
        (self.out / "config.json").write_text(json.dumps(to_dict(self.cfg), indent=2) + "\n")
        self.log.truncate_after(self.step)
        return self._loop()

    def _loop(self) -> R:
        run, total = self.cfg.run, self.cfg.run.steps
        emit(self.progress, Started("train", total, self._describe()))
        exit_after = int(os.environ.get(EXIT_AFTER_STEP_ENV, "0") or 0)
        max_s = self._max_seconds()
        self._loop_t0, self._loop_s0 = time.perf_counter(), self.train_seconds
        speed = _Speed(self.step)
        sums: dict[str, Any] = {}
        count, last_loss = 0, None
        while self.step < total:
            paused_at = time.perf_counter()
            if self._wait_while_paused():
                speed.reset(self.step)
                self._loop_t0 += time.perf_counter() - paused_at  # a pause is not training
            if self.cancel is not None and self.cancel.cancelled:
                self._checkpoint()
                return self._result(last_loss, cancelled=True)
            losses = self.train_step()
            self.step += 1
            for k, v in losses.items():
                if k in sums:
                    sums[k] = sums[k] + v
                else:
                    sums[k] = v.clone() if isinstance(v, torch.Tensor) else v
            count += 1
            timed_out = max_s is not None and self._elapsed() > max_s
            end = self.step == total or timed_out
            if self.step % run.log_every == 0 or end:
                last_loss = self._log_step(sums, count)
                sums, count = {}, 0
            if speed.due() or end:
                rate = speed.update(self.step)
                eta = (total - self.step) / rate if rate else None
                if max_s is not None:  # a time box ends the run first when it is shorter
                    left = max(0.0, max_s - self._elapsed())
                    eta = left if eta is None else min(eta, left)
                fraction = (None if max_s is None
                            else min(1.0, max(self.step / total, self.time_fraction())))
                emit(self.progress, Progress(self.step, total, eta, rate, "train", fraction))
            if self.valset is not None and (
                    (run.val_every and self.step % run.val_every == 0) or end):
                self._validate()
                speed.reset(self.step)
            if (run.ckpt_every and self.step % run.ckpt_every == 0) or end:
                self._checkpoint()
            if self.step == exit_after:
                os._exit(75)
            if timed_out:
                self._warn(f"run.max_minutes reached at step {self.step}")
                break
        final = export_weights(self._eval_module(), self.out / FINAL, steps=self.step,
                               metrics=self.metrics, trained_on=self.trained_on(), **self.net)
        return self._result(last_loss, final=final)

    def _log_step(self, sums: dict[str, Any], count: int) -> float:
        """Emit and record the mean losses since the last log line; a non-finite loss
        stops the run (``last.pt`` still holds the last good state)."""
        means = {k: float(v) / count for k, v in sums.items()}
        loss = means.pop("loss")
        if not math.isfinite(loss):
            raise TrainingDiverged(f"the loss became {loss} at step {self.step}; {LAST} keeps "
                                   f"the last good state ({self.DIVERGED_HINT})")
        lr = self.sched.get_last_lr()[0]
        emit(self.progress, StepLogged(self.step, loss, lr, means))
        terms = {"terms": means} if self.LOG_TERMS else {}
        self.log.write("step", step=self.step, loss=loss, lr=lr, **terms)
        return loss

    def _eval_module(self) -> torch.nn.Module:
        return self.ema.module if self.ema is not None else self.model

    def _checkpoint(self) -> None:
        path = save_checkpoint(self.out / LAST, self._state())
        emit(self.progress, CheckpointSaved(path, self.step))

    def _wait_while_paused(self) -> bool:
        """Block while the pause flag is set (still honouring cancel); True if it paused."""
        paused = False
        while self.pause is not None and self.pause.is_set():
            if self.cancel is not None and self.cancel.cancelled:
                break
            paused = True
            time.sleep(0.05)
        return paused


class _Speed:
    """Steps per second, smoothed; intervals that contain a pause or validation are skipped."""

    def __init__(self, step: int, every_s: float = 0.5) -> None:
        self.every_s = every_s
        self.rate: float | None = None
        self.reset(step)

    def reset(self, step: int) -> None:
        self.t, self.s = time.perf_counter(), step

    def due(self) -> bool:
        return time.perf_counter() - self.t >= self.every_s

    def update(self, step: int) -> float | None:
        now = time.perf_counter()
        if now > self.t and step > self.s:
            inst = (step - self.s) / (now - self.t)
            self.rate = inst if self.rate is None else 0.3 * inst + 0.7 * self.rate
        self.t, self.s = now, step
        return self.rate
