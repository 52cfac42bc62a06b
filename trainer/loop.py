"""The training loop: one function, :func:`train`, driven by a config and an event callback.

Run folder (``run.out_dir``): ``last.pt`` (checkpoint), ``best.safetensors`` (best
validation Y-PSNR), ``final.safetensors`` (end of the run), ``config.json`` (the resolved
config) and ``log.jsonl``.  Weights are validated and exported from the EMA copy when EMA
is on.  Cancelling (the token, or Ctrl-C in the CLI) stops between steps after writing
``last.pt``; ``resume=True`` continues from it.  On the CPU a resumed run is bit-identical
to an uninterrupted one with the same seed and thread count: the checkpoint holds the
model, EMA, optimiser, schedule, data-sampler RNG and torch RNG states.
"""

from __future__ import annotations

import json
import math
import os
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Protocol

import torch

from engine.archs.registry import ArchSpec
from engine.devices import select_device
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
    BEST,
    FINAL,
    LAST,
    capture_rng,
    load_checkpoint,
    restore_rng,
    save_checkpoint,
)
from trainer.config import TrainConfig, to_dict
from trainer.data import build_sampler
from trainer.events import CheckpointSaved, StepLogged, TrainingDiverged, TrainResult, Validated
from trainer.export import export_weights
from trainer.losses import Adversarial, PixelAndPerceptualLoss
from trainer.model import build_network, load_init_weights, resolve_init_path
from trainer.optim import EMA, build_optimizer, build_scheduler
from trainer.runlog import RunLog
from trainer.validate import validate_config

EXIT_AFTER_STEP_ENV = "SRSTUDIO_TRAIN_EXIT_AFTER_STEP"
"""Test hook: the process exits (code 75, no cleanup) right after this step, like a crash."""


class PauseFlag(Protocol):
    def is_set(self) -> bool: ...


def default_out_dir(cfg: TrainConfig) -> Path:
    return Path.cwd() / "runs" / (cfg.recipe or f"{cfg.model.arch}_x{cfg.model.scale}")


def train(config: TrainConfig, progress: ProgressCallback | None = None,
          cancel: CancelToken | None = None, pause: PauseFlag | None = None, *,
          resume: bool = False) -> TrainResult:
    """Train (or fine-tune) ``config.model`` and export its weights; see the module doc.

    Raises ConfigError before any work for a bad config; emits Started, Progress,
    StepLogged, Validated, CheckpointSaved, Warning_ and finally Finished or Failed.
    """
    threads_before = torch.get_num_threads()
    try:
        spec = validate_config(config)
        if config.run.threads:
            torch.set_num_threads(config.run.threads)
        result = _Run(config, spec, progress, cancel, pause).execute(resume)
    except Exception as e:
        emit(progress, Failed(e))
        raise
    finally:
        torch.set_num_threads(threads_before)
    emit(progress, Finished(result))
    return result


class _Run:
    def __init__(self, cfg: TrainConfig, spec: ArchSpec, progress: ProgressCallback | None,
                 cancel: CancelToken | None, pause: PauseFlag | None) -> None:
        self.cfg, self.spec, self.progress = cfg, spec, progress
        self.cancel, self.pause = cancel, pause
        self.out = Path(cfg.run.out_dir) if cfg.run.out_dir else default_out_dir(cfg)
        try:
            self.device = select_device(cfg.run.device)
        except UnsupportedModelError as e:
            raise ConfigError(f"run.device: {e}") from None
        self.amp = self._amp_dtype()
        self.log = RunLog(self.out / "log.jsonl")
        self.step = 0
        self.best_psnr: float | None = None
        self.best_step: int | None = None
        self.metrics: dict[str, dict] = {}

    def _amp_dtype(self) -> torch.dtype | None:
        amp = self.cfg.optim.amp
        if amp == "off":
            return None
        if self.device.type != "cuda":
            self._warn(f"optim.amp = '{amp}' needs a CUDA GPU; training in fp32 on "
                       f"{self.device.type}")
            return None
        return torch.float16 if amp == "fp16" else torch.bfloat16

    def _warn(self, message: str) -> None:
        emit(self.progress, Warning_(message))

    # --- setup ----------------------------------------------------------------------
    def _setup(self, fresh: bool) -> None:
        cfg, m = self.cfg, self.cfg.model
        torch.manual_seed(cfg.run.seed)
        model, spec, net_config = build_network(m)
        if fresh and m.init_from is not None:
            for w in load_init_weights(model, resolve_init_path(m.init_from, m.scale)):
                self._warn(w)
        self.model = model.to(self.device).train()
        self.net = {"arch": spec.name, "scale": m.scale, "config": net_config,
                    "num_channels": net_config["num_channels"],
                    "name": m.name or f"{cfg.recipe or spec.name}_x{m.scale}", "role": m.role,
                    "recipe": cfg.recipe or None}
        self.ema = EMA(self.model, cfg.optim.ema) if cfg.optim.ema else None
        self.loss_fn = PixelAndPerceptualLoss(cfg.loss).to(self.device)
        self.adv = (Adversarial(cfg.loss, self.net["num_channels"], self.device)
                    if cfg.loss.adversarial > 0 else None)
        self.opt = build_optimizer(self.model.parameters(), cfg.optim)
        self.sched = build_scheduler(self.opt, cfg.optim, cfg.run.steps)
        self.scaler = torch.amp.GradScaler("cuda", enabled=self.amp == torch.float16)
        self.sampler = build_sampler(cfg.data, m.scale, self.net["num_channels"],
                                     cfg.run.seed, self.progress)
        self.valset = None
        if cfg.data.val_dir:
            from trainer.validation import load_val_set
            self.valset = load_val_set(cfg.data.val_dir, m.scale, cfg.data.val_max_images)

    def _state(self) -> dict[str, Any]:
        return {"step": self.step, "net": self.net, "config": to_dict(self.cfg),
                "model": self.model.state_dict(),
                "ema": self.ema.state_dict() if self.ema else None,
                "optimizer": self.opt.state_dict(), "scheduler": self.sched.state_dict(),
                "scaler": self.scaler.state_dict(),
                "adversarial": self.adv.state_dict() if self.adv else None,
                "data": self.sampler.state_dict(), "rng": capture_rng(),
                "best_psnr_y": self.best_psnr, "best_step": self.best_step,
                "metrics": self.metrics}

    def _restore(self, ck: dict[str, Any]) -> None:
        old = ck["net"]
        for key in ("arch", "scale", "config"):
            if old[key] != self.net[key]:
                raise ConfigError(f"--resume: {self.out / LAST} was trained with model "
                                  f"{key} = {old[key]!r}, the config now says "
                                  f"{self.net[key]!r}; use another run.out_dir")
        self.model.load_state_dict(ck["model"])
        if self.ema is not None and ck.get("ema"):
            self.ema.load_state_dict(ck["ema"])
        self.opt.load_state_dict(ck["optimizer"])
        self.sched.load_state_dict(ck["scheduler"])
        self.scaler.load_state_dict(ck["scaler"])
        if self.adv is not None and ck.get("adversarial"):
            self.adv.load_state_dict(ck["adversarial"])
        self.sampler.load_state_dict(ck["data"])
        restore_rng(ck["rng"])
        self.step = int(ck["step"])
        self.best_psnr, self.best_step = ck.get("best_psnr_y"), ck.get("best_step")
        self.metrics = dict(ck.get("metrics") or {})

    # --- the run --------------------------------------------------------------------------
    def execute(self, resume: bool) -> TrainResult:
        last = self.out / LAST
        if last.exists() and not resume:
            raise ConfigError(f"run.out_dir: {self.out} already holds a run ({LAST}); "
                              "continue it with --resume or choose another output folder")
        ck = load_checkpoint(last) if resume and last.exists() else None
        if resume and ck is None:
            self._warn(f"nothing to resume in {self.out}; starting from step 0")
        self._setup(fresh=ck is None)
        if ck is not None:
            self._restore(ck)
            del ck
        self.out.mkdir(parents=True, exist_ok=True)
        (self.out / "config.json").write_text(json.dumps(to_dict(self.cfg), indent=2) + "\n")
        self.log.truncate_after(self.step)
        return self._loop()

    def _loop(self) -> TrainResult:
        run, total = self.cfg.run, self.cfg.run.steps
        emit(self.progress, Started("train", total, f"{self.net['arch']} x{self.net['scale']} "
                                                    f"on {self.device.type}"))
        exit_after = int(os.environ.get(EXIT_AFTER_STEP_ENV, "0") or 0)
        speed = _Speed(self.step)
        sums: dict[str, torch.Tensor] = {}
        count, last_loss = 0, None
        while self.step < total:
            if self._wait_while_paused():
                speed.reset(self.step)
            if self.cancel is not None and self.cancel.cancelled:
                self._checkpoint()
                return self._result(last_loss, cancelled=True)
            loss, terms = self._train_step()
            self.step += 1
            for k, v in {"loss": loss, **terms}.items():
                sums[k] = sums[k] + v if k in sums else v.clone()
            count += 1
            if self.step % run.log_every == 0 or self.step == total:
                last_loss = self._log_step(sums, count)
                sums, count = {}, 0
            if speed.due() or self.step == total:
                rate = speed.update(self.step)
                eta = (total - self.step) / rate if rate else None
                emit(self.progress, Progress(self.step, total, eta, rate, "train"))
            if self.valset is not None and (
                    (run.val_every and self.step % run.val_every == 0) or self.step == total):
                self._validate()
                speed.reset(self.step)
            if (run.ckpt_every and self.step % run.ckpt_every == 0) or self.step == total:
                self._checkpoint()
            if self.step == exit_after:
                os._exit(75)
        final = export_weights(self._eval_module(), self.out / FINAL, steps=self.step,
                               metrics=self.metrics, **self.net)
        return self._result(last_loss, final=final)

    def _train_step(self) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        lr, hr = self.sampler.next_batch()
        lr, hr = lr.to(self.device, non_blocking=True), hr.to(self.device, non_blocking=True)
        ctx = (torch.autocast(self.device.type, dtype=self.amp) if self.amp is not None
               else nullcontext())
        with ctx:
            sr = self.model(lr)
        sr = sr.float()
        loss, terms = self.loss_fn(sr, hr)
        if self.adv is not None:
            terms["adversarial"] = self.adv.generator_loss(sr)
            loss = loss + self.adv.weight * terms["adversarial"]
        self.opt.zero_grad(set_to_none=True)
        self.scaler.scale(loss).backward()
        if self.cfg.optim.grad_clip:
            self.scaler.unscale_(self.opt)
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.optim.grad_clip)
        self.scaler.step(self.opt)
        self.scaler.update()
        self.sched.step()
        if self.adv is not None:
            terms["discriminator"] = self.adv.step(sr, hr)
        if self.ema is not None:
            self.ema.update(self.model)
        return loss.detach(), {k: v.detach() for k, v in terms.items()}

    def _log_step(self, sums: dict[str, torch.Tensor], count: int) -> float:
        means = {k: float(v) / count for k, v in sums.items()}
        loss = means.pop("loss")
        if not math.isfinite(loss):
            raise TrainingDiverged(f"the loss became {loss} at step {self.step}; {LAST} keeps "
                                   "the last good state (try a lower optim.lr or set "
                                   "optim.grad_clip)")
        lr = self.sched.get_last_lr()[0]
        emit(self.progress, StepLogged(self.step, loss, lr, means))
        self.log.write("step", step=self.step, loss=loss, lr=lr, terms=means)
        return loss

    def _eval_module(self) -> torch.nn.Module:
        return self.ema.module if self.ema is not None else self.model

    def _validate(self) -> None:
        from trainer.validation import run_validation
        assert self.valset is not None
        module = self._eval_module()
        scores, sample = run_validation(module, self.net, self.valset, self.device)
        self.model.train()
        self.metrics = {self.valset.name: scores.as_dict()}
        is_best = self.best_psnr is None or scores.psnr_y > self.best_psnr
        if is_best:
            self.best_psnr, self.best_step = scores.psnr_y, self.step
            export_weights(module, self.out / BEST, steps=self.step, metrics=self.metrics,
                           **self.net)
        assert self.best_psnr is not None
        emit(self.progress, Validated(
            self.step, scores.psnr_y, scores.ssim_y, self.best_psnr, sample,
            psnr_rgb=scores.psnr_rgb, ssim_rgb=scores.ssim_rgb, dataset=self.valset.name,
            bicubic_psnr_y=self.valset.bicubic.psnr_y, is_best=is_best))
        self.log.write("val", step=self.step, dataset=self.valset.name, **scores.as_dict(),
                       bicubic_psnr_y=self.valset.bicubic.psnr_y)

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

    def _result(self, last_loss: float | None, *, final: Path | None = None,
                cancelled: bool = False) -> TrainResult:
        best = self.out / BEST
        return TrainResult(steps=self.step, out_dir=self.out, checkpoint=self.out / LAST,
                           final_weights=final,
                           best_weights=best if self.best_step is not None else None,
                           best_psnr_y=self.best_psnr, best_step=self.best_step,
                           final_loss=last_loss, metrics=self.metrics, cancelled=cancelled)


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
