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

import math
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import torch

from engine.archs.registry import ArchSpec
from engine.devices import memory_format_for
from engine.evaluation import DatasetScores
from engine.events import CancelToken, ProgressCallback, emit
from trainer.checkpoint import BEST, LAST
from trainer.config import TrainConfig
from trainer.data import build_sampler
from trainer.events import TrainResult, Validated
from trainer.export import export_weights
from trainer.losses import Adversarial, PixelAndPerceptualLoss
from trainer.model import build_network, load_init_weights, resolve_init_path
from trainer.optim import EMA, build_optimizer, build_scheduler
from trainer.prefetch import maybe_prefetch
from trainer.run_base import (
    EXIT_AFTER_STEP_ENV,  # noqa: F401  (re-exported for tests)
    PauseFlag,
    RunBase,
    report_run,
)
from trainer.validate import validate_config


def default_out_dir(cfg: TrainConfig) -> Path:
    return Path.cwd() / "runs" / (cfg.recipe or f"{cfg.model.arch}_x{cfg.model.scale}")


def train(config: TrainConfig, progress: ProgressCallback | None = None,
          cancel: CancelToken | None = None, pause: PauseFlag | None = None, *,
          resume: bool = False) -> TrainResult:
    """Train (or fine-tune) ``config.model`` and export its weights; see the module doc.

    Raises ConfigError before any work for a bad config; emits Started, Progress,
    StepLogged, Validated, CheckpointSaved, Warning_ and finally Finished or Failed.
    """
    return report_run(progress, lambda: SRRun(config, validate_config(config), progress,
                                             cancel, pause).execute(resume))


class SRRun(RunBase[TrainResult]):
    """Super-resolution specifics: (LR, HR) batches, AMP, the adversarial term, Y-PSNR."""

    cfg: TrainConfig
    BEST_KEY = "best_psnr_y"
    RESUME_KEYS = ("arch", "scale", "config")
    DIVERGED_HINT = "try a lower optim.lr or set optim.grad_clip"

    def __init__(self, cfg: TrainConfig, spec: ArchSpec, progress: ProgressCallback | None,
                 cancel: CancelToken | None, pause: PauseFlag | None) -> None:
        super().__init__(cfg, progress, cancel, pause)
        self.spec = spec
        self.amp = self._amp_dtype()

    def _default_out_dir(self) -> Path:
        return default_out_dir(self.cfg)

    def _amp_dtype(self) -> torch.dtype | None:
        amp = self.cfg.optim.amp
        if amp == "off":
            return None
        if self.device.type != "cuda":
            self._warn(f"optim.amp = '{amp}' needs a CUDA GPU; training in fp32 on "
                       f"{self.device.type}")
            return None
        return torch.float16 if amp == "fp16" else torch.bfloat16

    def _describe(self) -> str:
        return f"{self.net['arch']} x{self.net['scale']} on {self.device.type}"

    # --- setup ----------------------------------------------------------------------
    def _setup(self, fresh: bool) -> None:
        self.best_niqe: float | None = None  # NIQE of the best validation (val_select=niqe)
        cfg, m = self.cfg, self.cfg.model
        torch.manual_seed(cfg.run.seed)
        model, spec, net_config = build_network(m)
        if fresh and m.init_from is not None:
            for w in load_init_weights(model, resolve_init_path(m.init_from, m.scale)):
                self._warn(w)
        self.model = model.to(self.device, memory_format=memory_format_for(self.device)).train()
        self.net = {"arch": spec.name, "scale": m.scale, "config": net_config,
                    "num_channels": net_config["num_channels"],
                    "name": m.name or f"{cfg.recipe or spec.name}_x{m.scale}", "role": m.role,
                    "recipe": cfg.recipe or None}
        self.ema = EMA(self.model, cfg.optim.ema) if cfg.optim.ema else None
        self.loss_fn = PixelAndPerceptualLoss(cfg.loss).to(self.device)
        self.adv = (Adversarial(cfg.loss, self.net["num_channels"], self.device)
                    if cfg.loss.adversarial > 0 else None)
        self.opt = build_optimizer(self.model.parameters(), cfg.optim)
        self.sched = build_scheduler(self.opt, cfg.optim, cfg.run.steps, self.time_fraction)
        self.scaler = torch.amp.GradScaler("cuda", enabled=self.amp == torch.float16)
        self.sampler = maybe_prefetch(
            build_sampler(cfg.data, m.scale, self.net["num_channels"], cfg.run.seed,
                          self.progress),
            cfg.data.prefetch, self.device)
        self.valset = None
        if cfg.data.val_dir:
            from trainer.validation import load_val_set
            self.valset = load_val_set(cfg.data.val_dir, m.scale, cfg.data.val_max_images)

    def _extra_state(self) -> dict[str, Any]:
        return {"scaler": self.scaler.state_dict(),
                "adversarial": self.adv.state_dict() if self.adv else None,
                "best_niqe": self.best_niqe}

    def _restore_extra(self, ck: dict[str, Any]) -> None:
        self.scaler.load_state_dict(ck["scaler"])
        self.best_niqe = ck.get("best_niqe")
        if self.adv is not None and ck.get("adversarial"):
            self.adv.load_state_dict(ck["adversarial"])

    def train_step(self) -> dict[str, torch.Tensor | float]:
        lr, hr = self.sampler.next_batch()
        lr, hr = lr.to(self.device, non_blocking=True), hr.to(self.device, non_blocking=True)
        ctx = (torch.autocast(self.device.type, dtype=self.amp) if self.amp is not None
               else nullcontext())
        with ctx:
            sr = self.train_forward(lr)
        sr = sr.float()
        loss, terms = self.loss_fn(sr, hr)
        if self.adv is not None:
            adv_loss, adv_terms = self.adv.generator_loss(sr, hr)
            terms.update(adv_terms)
            loss = loss + adv_loss
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
        terms["loss"] = loss
        return {k: v.detach() for k, v in terms.items()}

    def _validate(self) -> None:
        from trainer.validation import run_validation
        assert self.valset is not None
        module = self._eval_module()
        d = self.cfg.data
        scores, sample = run_validation(module, self.net, self.valset, self.device,
                                        with_niqe=d.val_niqe or d.val_select == "niqe")
        self.model.train()
        self.metrics = {self.valset.name: scores.as_dict()}
        is_best = self._is_best(scores)
        if is_best:
            self.best, self.best_step = scores.psnr_y, self.step
            self.best_niqe = scores.niqe
            export_weights(module, self.out / BEST, steps=self.step, metrics=self.metrics,
                           trained_on=self.trained_on(), **self.net)
        emit(self.progress, Validated(
            self.step, scores.psnr_y, scores.ssim_y,
            self.best if self.best is not None else scores.psnr_y, sample,
            psnr_rgb=scores.psnr_rgb, ssim_rgb=scores.ssim_rgb, dataset=self.valset.name,
            bicubic_psnr_y=self.valset.bicubic.psnr_y, is_best=is_best))
        self.log.write("val", step=self.step, dataset=self.valset.name, **scores.as_dict(),
                       bicubic_psnr_y=self.valset.bicubic.psnr_y)

    def _is_best(self, scores: DatasetScores) -> bool:
        """``data.val_select``: the highest Y-PSNR, or the lowest NIQE above the PSNR floor."""
        d = self.cfg.data
        if d.val_select == "psnr_y":
            return self.best is None or scores.psnr_y > self.best
        if d.val_min_psnr_y is not None and scores.psnr_y < d.val_min_psnr_y:
            return False
        if scores.niqe is None or not math.isfinite(scores.niqe):
            return False  # NIQE is undefined on images under 96x192
        return self.best_niqe is None or scores.niqe < self.best_niqe

    def _export_onnx(self, weights: list[Path | None]) -> None:
        """``model.export_onnx``: an ONNX file beside each weight file; a failure is a
        warning, the weights stay."""
        from engine.errors import SRStudioError
        from engine.inference.onnx_export import export_onnx
        from engine.models import LoadedModel
        for w in weights:
            if w is None or not w.is_file():
                continue
            try:
                export_onnx(LoadedModel.from_file(w), w.with_suffix(".onnx"))
            except SRStudioError as e:
                self._warn(f"ONNX export of {w.name} failed: {e}")

    def _result(self, last_loss: float | None, *, final: Path | None = None,
                cancelled: bool = False) -> TrainResult:
        best = self.out / BEST
        if self.cfg.model.export_onnx and not cancelled:
            self._export_onnx([final, best if self.best_step is not None else None])
        return TrainResult(steps=self.step, out_dir=self.out, checkpoint=self.out / LAST,
                           final_weights=final,
                           best_weights=best if self.best_step is not None else None,
                           best_psnr_y=self.best, best_step=self.best_step,
                           final_loss=last_loss, metrics=self.metrics, cancelled=cancelled)
