"""The colorizer's training loop: :func:`train_colorizer`, a config and an event callback.

Kept apart from the super-resolution loop (:mod:`trainer.loop`), whose data, losses and
validation are all about (LR, HR) pairs; it shares that loop's run skeleton (resume,
checkpoints, logging, events: :mod:`trainer.run_base`) and the trainer's optimiser,
schedule, EMA and export modules.  Run folder (``run.out_dir``):
``last.pt`` (checkpoint; ``--resume`` continues from it), ``best.safetensors`` (best
validation rebalanced AuC), ``final.safetensors``, ``config.json`` and ``log.jsonl``.
Weights are exported with role 'colorize' and the validation metrics in their metadata.

Classification (``colorizer_cls``): the ground-truth ab is downsampled 4x (the network's
output grid), soft-encoded over its 5 nearest bins (sigma 5), and the cross-entropy of
every pixel is weighted by the rebalancing weight of its nearest bin, computed from the
training images' bin distribution (smoothed, sigma 5, mixed with uniform, lambda 0.5).
Regression (``colorizer_reg``): L2 (or L1) on ab / 100.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

import engine.colorize.archs  # noqa: F401  (registers the colorizer architectures)
from engine.archs.registry import build, get_arch
from engine.colorize.colorizer import colorize_image, gray_of
from engine.colorize.lab import torch_rgb_to_lab
from engine.colorize.metrics import AucAccumulator, colourfulness, psnr
from engine.colorize.quantize import empirical_distribution, rebalance_weights, soft_encode
from engine.errors import ConfigError
from engine.events import CancelToken, ProgressCallback, emit
from engine.models.weights import load_weights
from trainer.checkpoint import BEST, LAST
from trainer.colorize.config import ColorizeConfig, validate_colorize_config
from trainer.colorize.data import build_data, find_images, load_images
from trainer.export import export_weights
from trainer.optim import EMA, build_optimizer, build_scheduler
from trainer.run_base import RunBase, report_run


@dataclass(frozen=True)
class ColorizeValidated:
    """Validation scores of the colorizer (and of the keep-it-gray baseline)."""

    step: int
    dataset: str
    auc: float
    auc_rebalanced: float
    psnr: float
    colourfulness: float
    best_auc_rebalanced: float
    gray_auc: float
    gray_auc_rebalanced: float
    is_best: bool = False


@dataclass
class ColorizeTrainResult:
    steps: int
    out_dir: Path
    checkpoint: Path
    final_weights: Path | None
    best_weights: Path | None
    best_auc_rebalanced: float | None
    best_step: int | None
    final_loss: float | None
    metrics: dict[str, dict] = field(default_factory=dict)
    cancelled: bool = False


def colorize_loss(model: torch.nn.Module, rgb: torch.Tensor, *,
                  bins: torch.Tensor | None = None, class_weights: torch.Tensor | None = None,
                  soft_neighbours: int = 5, soft_sigma: float = 5.0,
                  regression: str = "l2") -> torch.Tensor:
    """The training loss of a colorizer on a batch of (N, 3, H, W) sRGB in [0, 1].

    Classification: soft-encoded cross-entropy on the 4x-downsampled ground-truth ab, each
    pixel weighted by ``class_weights`` of its nearest bin (ones when None).  Regression:
    L2 or L1 on ab / 100.
    """
    lab = torch_rgb_to_lab(rgb)
    ab = F.avg_pool2d(lab[:, 1:], 4)
    out = model(lab[:, :1])
    if getattr(model, "mode", "") != "classification":
        diff = (out.float() - ab) / 100.0
        return diff.abs().mean() if regression == "l1" else diff.pow(2).mean()
    bins = model.bins if bins is None else bins
    q = out.shape[1]
    target = ab.permute(0, 2, 3, 1).reshape(-1, 2)
    idx, w = soft_encode(target, bins, soft_neighbours, soft_sigma)
    logp = F.log_softmax(out.float(), dim=1).permute(0, 2, 3, 1).reshape(-1, q)
    ce = -(w * logp.gather(1, idx)).sum(dim=1)
    if class_weights is None:
        return ce.mean()
    return (class_weights[idx[:, 0]] * ce).mean()


@torch.no_grad()
def score_colorizer(model: torch.nn.Module, images: list[np.ndarray]) -> dict[str, float]:
    """The validation scores (AuC and rebalanced AuC as fractions, mean PSNR, colourfulness) of
    re-colouring ``images``; the trainer's validation and ``bench/colorize_val.py`` both
    call this, so a weight file is scored there as its run scored it."""
    acc, psnrs, colour = AucAccumulator(), [], []
    for img in images:
        out = colorize_image(model, img, recolor=True)
        acc.add_images(out, img)
        psnrs.append(psnr(out, img))
        colour.append(colourfulness(out))
    return {"auc": acc.auc(), "auc_rebalanced": acc.auc_rebalanced(),
            "psnr": float(np.mean(psnrs)), "colourfulness": float(np.mean(colour)),
            "images": len(images)}


def default_out_dir(cfg: ColorizeConfig) -> Path:
    return Path.cwd() / "runs" / (cfg.recipe or cfg.model.arch)


def train_colorizer(config: ColorizeConfig, progress: ProgressCallback | None = None,
                    cancel: CancelToken | None = None, *, resume: bool = False
                    ) -> ColorizeTrainResult:
    """Train a colorizer from ``config``; emits Started, Progress, StepLogged,
    ColorizeValidated, CheckpointSaved, Warning_ and Finished / Failed."""
    def start() -> ColorizeTrainResult:
        validate_colorize_config(config)
        return ColorizeRun(config, progress, cancel).execute(resume)
    return report_run(progress, start)


class _ValSet:
    def __init__(self, name: str, images: list[np.ndarray]) -> None:
        self.name, self.images = name, images
        acc = AucAccumulator()
        for img in images:
            acc.add_images(gray_of(img), img)
        self.gray_auc, self.gray_auc_rebalanced = acc.auc(), acc.auc_rebalanced()


class ColorizeRun(RunBase[ColorizeTrainResult]):
    """Colorizer specifics: photo batches, the classification / regression loss, AuC."""

    cfg: ColorizeConfig
    BEST_KEY = "best_auc_rebalanced"
    LOG_TERMS = False

    def __init__(self, cfg: ColorizeConfig, progress: ProgressCallback | None,
                 cancel: CancelToken | None) -> None:
        super().__init__(cfg, progress, cancel, None)

    def _default_out_dir(self) -> Path:
        return default_out_dir(self.cfg)

    def _describe(self) -> str:
        return f"{self.net['arch']} on {self.device.type}"

    # --- setup ----------------------------------------------------------------------
    def _setup(self, fresh: bool) -> None:
        cfg, m = self.cfg, self.cfg.model
        torch.manual_seed(cfg.run.seed)
        spec = get_arch(m.arch)
        net_config = {**spec.default_config, **m.config, "num_channels": 1}
        model = build(spec.name, 1, **net_config)
        if fresh and m.init_from:
            state, _ = load_weights(m.init_from)
            try:
                model.load_state_dict(state, strict=True)
            except RuntimeError as e:
                raise ConfigError(f"model.init_from: does not fit {spec.name} "
                                  f"({str(e).splitlines()[0]})") from None
        self.model = model.to(self.device).train()
        self.classification = getattr(model, "mode", "") == "classification"
        self.net = {"arch": spec.name, "scale": 1, "config": net_config, "num_channels": 1,
                    "name": m.name or (cfg.recipe or spec.name), "role": m.role,
                    "recipe": cfg.recipe or None}
        self.sampler, counts = build_data(cfg.data, cfg.run.seed, self.progress)
        self.prior = empirical_distribution(counts)
        if self.classification:
            with torch.no_grad():
                self.model.prior.copy_(torch.from_numpy(self.prior).float())
            w = (rebalance_weights(self.prior, cfg.loss.prior_sigma, cfg.loss.rebalance_lambda)
                 if cfg.loss.rebalance else np.ones(len(self.prior), np.float32))
            self.class_weights = torch.from_numpy(w).to(self.device)
            self.bins = self.model.bins.to(self.device)
        self.ema = EMA(self.model, cfg.optim.ema) if cfg.optim.ema else None
        self.opt = build_optimizer(self.model.parameters(), cfg.optim)
        self.sched = build_scheduler(self.opt, cfg.optim, cfg.run.steps, self.time_fraction)
        self.valset = None
        if cfg.data.val_dir:
            files = find_images([cfg.data.val_dir], cfg.data.val_max_images)
            images, _ = load_images(files, cfg.data.short_side, 16, True, cfg.data.load_threads,
                                    self._warn)
            if images:
                self.valset = _ValSet(Path(cfg.data.val_dir).name, images)
            else:
                self._warn(f"data.val_dir: no colour images in {cfg.data.val_dir}")

    def _loss(self, rgb: torch.Tensor) -> torch.Tensor:
        if not self.classification:
            return colorize_loss(self.train_forward, rgb, regression=self.cfg.loss.regression)
        return colorize_loss(self.train_forward, rgb, bins=self.bins,
                             class_weights=self.class_weights,
                             soft_neighbours=self.cfg.loss.soft_neighbours,
                             soft_sigma=self.cfg.loss.soft_sigma)

    def train_step(self) -> dict[str, torch.Tensor | float]:
        rgb = self.sampler.next_batch().to(self.device, non_blocking=True)
        loss = self._loss(rgb)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        if self.cfg.optim.grad_clip:
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.optim.grad_clip)
        self.opt.step()
        self.sched.step()
        if self.ema is not None:
            self.ema.update(self.model)
        return {"loss": float(loss.detach())}

    @torch.no_grad()
    def _validate(self) -> None:
        assert self.valset is not None
        module = self._eval_module().eval()
        scores = score_colorizer(module, self.valset.images)
        self.model.train()
        scores.update(gray_auc=self.valset.gray_auc,
                      gray_auc_rebalanced=self.valset.gray_auc_rebalanced)
        self.metrics = {self.valset.name: scores}
        is_best = self.best is None or scores["auc_rebalanced"] > self.best
        if is_best:
            self.best, self.best_step = scores["auc_rebalanced"], self.step
            export_weights(module, self.out / BEST, steps=self.step, metrics=self.metrics,
                           **self.net)
        emit(self.progress, ColorizeValidated(
            self.step, self.valset.name, scores["auc"], scores["auc_rebalanced"],
            scores["psnr"], scores["colourfulness"], float(self.best or 0.0),
            self.valset.gray_auc, self.valset.gray_auc_rebalanced, is_best))
        self.log.write("val", step=self.step, dataset=self.valset.name, **scores)

    def _result(self, last_loss: float | None, *, final: Path | None = None,
                cancelled: bool = False) -> ColorizeTrainResult:
        best = self.out / BEST
        return ColorizeTrainResult(
            steps=self.step, out_dir=self.out, checkpoint=self.out / LAST, final_weights=final,
            best_weights=best if self.best_step is not None else None,
            best_auc_rebalanced=self.best, best_step=self.best_step, final_loss=last_loss,
            metrics=self.metrics, cancelled=cancelled)
