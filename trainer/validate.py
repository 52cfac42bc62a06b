"""Check that a loaded config makes sense before any work starts.

Types were checked while loading; here values are checked against each other and the
machine (folders exist, the scale fits the architecture, the patch divides by the scale).
Each problem is one :class:`~engine.errors.ConfigError` line naming the key.
"""

from __future__ import annotations

import difflib
import math
import re
from pathlib import Path

from engine.archs.registry import ArchSpec, get_arch, list_archs
from engine.errors import ConfigError, UnsupportedModelError
from trainer.config import COMPILE_MODES, PIXEL_LOSS_KEYS, RunConfig, TrainConfig
from trainer.real_degrade import check_real_config

DEVICE_RE = re.compile(r"^(auto|cpu|mps|cuda(:\d+)?)$")


def _need(ok: bool, message: str) -> None:
    if not ok:
        raise ConfigError(message)


def _arch(name: str, key: str, kind: str) -> ArchSpec:
    try:
        spec = get_arch(name)
    except UnsupportedModelError:
        known = [s.name for s in list_archs(kind)]
        close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known) or 'none'}"
        raise ConfigError(f"{key}: unknown architecture '{name}' ({hint})") from None
    _need(spec.kind == kind, f"{key}: '{name}' is a {spec.kind}, not a {kind}")
    return spec


def _range(values: list[float] | None, key: str, lo: float, hi: float) -> None:
    if values is None:
        return
    _need(len(values) == 2, f"{key}: expected [low, high], got {values}")
    a, b = values
    _need(lo <= a <= b <= hi, f"{key}: need {lo} <= low <= high <= {hi}, got {values}")


def _folder(path: str | None, key: str) -> None:
    if path is not None:
        _need(Path(path).is_dir(), f"{key}: folder not found: {path}")


def validate_config(cfg: TrainConfig) -> ArchSpec:
    """Raise ConfigError for the first problem found; return the generator's ArchSpec."""
    m, d, lo, o, r = cfg.model, cfg.data, cfg.loss, cfg.optim, cfg.run
    spec = _arch(m.arch, "model.arch", "generator")
    scales = ", ".join(str(s) for s in spec.scales)
    _need(m.scale in spec.scales, f"model.scale: {spec.name} does not support x{m.scale} "
                                  f"(supported: {scales})")
    _need(m.num_channels in (None, 1, 3), f"model.num_channels: must be 1 (Y) or 3 (RGB), "
                                          f"got {m.num_channels}")
    if m.num_channels is not None and "num_channels" in m.config:
        _need(m.config["num_channels"] == m.num_channels,
              "model.config.num_channels and model.num_channels disagree")
    from engine.models.registry import ROLES
    _need(m.role is None or m.role in ROLES,
          f"model.role: must be one of {', '.join(ROLES)} (or left out), got '{m.role}'")
    if m.init_from is not None:
        from trainer.model import resolve_init_path
        resolve_init_path(m.init_from, m.scale)

    # data
    _need(bool(d.hr_dirs) or d.images_list is not None,
          "data.hr_dirs: no training folders given (set data.hr_dirs or data.images_list)")
    for i, p in enumerate(d.hr_dirs):
        _folder(p, f"data.hr_dirs[{i}]")
    if d.lr_dirs is not None:
        _need(len(d.lr_dirs) == len(d.hr_dirs),
              f"data.lr_dirs: needs one LR folder per HR folder ({len(d.hr_dirs)}), "
              f"got {len(d.lr_dirs)}")
        for i, p in enumerate(d.lr_dirs):
            _folder(p, f"data.lr_dirs[{i}]")
        _need(d.degradation.kind == "bicubic" and d.images_list is None,
              "data.lr_dirs: paired folders exclude data.images_list and a degradation "
              "pipeline")
    if d.images_list is not None:
        _need(Path(d.images_list).is_file(), f"data.images_list: file not found: "
                                             f"{d.images_list}")
    _folder(d.val_dir, "data.val_dir")
    _need(d.patch_size > 0 and d.patch_size % m.scale == 0,
          f"data.patch_size: {d.patch_size} is not divisible by the scale {m.scale}")
    lr_patch = d.patch_size // m.scale
    _need(lr_patch >= 4, f"data.patch_size: the LR patch ({lr_patch} px) is too small; "
                         f"use at least {4 * m.scale}")
    _need(lr_patch % spec.size_multiple == 0,
          f"data.patch_size: {spec.name} needs the LR patch ({lr_patch}) to be a multiple "
          f"of {spec.size_multiple}")
    _need(d.batch_size >= 1, f"data.batch_size: must be at least 1, got {d.batch_size}")
    _need(d.prefetch in (True, False, "auto"),
          f"data.prefetch: expected true, false or 'auto', got {d.prefetch!r}")
    _need(d.cache_in_ram in (True, False, "auto"),
          f"data.cache_in_ram: expected true, false or 'auto', got {d.cache_in_ram!r}")
    _need(d.cache_limit_gb > 0, "data.cache_limit_gb: must be positive")
    _need(d.max_images is None or d.max_images >= 1, "data.max_images: must be at least 1")
    _need(d.val_max_images is None or d.val_max_images >= 1,
          "data.val_max_images: must be at least 1")
    _need(d.load_threads >= 1, "data.load_threads: must be at least 1")
    g = d.degradation
    _need(g.kind in ("bicubic", "pipeline", "real"),
          f"data.degradation.kind: expected 'bicubic', 'pipeline' or 'real', got '{g.kind}'")
    if g.kind == "real":
        problems = check_real_config(g.real)
        _need(not problems, problems[0] if problems else "")
    _need(g.downsample in ("bicubic", "nearest"),
          f"data.degradation.downsample: expected 'bicubic' or 'nearest', got '{g.downsample}'")
    _range(g.blur_sigma, "data.degradation.blur_sigma", 0.0, 20.0)
    _range(g.noise_sigma, "data.degradation.noise_sigma", 0.0, 255.0)
    _range(g.jpeg_quality, "data.degradation.jpeg_quality", 1, 100)
    a = d.augment
    _need(not a.affine or g.kind in ("pipeline", "real"),
          "data.augment.affine: needs data.degradation.kind = 'pipeline' or 'real' (the LR must be "
          "made after the warp)")
    _range(a.affine_scale, "data.augment.affine_scale", 0.25, 4.0)
    _need(0 <= a.affine_degrees <= 180, "data.augment.affine_degrees: must be in [0, 180]")
    _need(0 <= a.perspective < 0.5, "data.augment.perspective: must be in [0, 0.5)")

    _need(d.val_select in ("psnr_y", "niqe"),
          f"data.val_select: expected 'psnr_y' or 'niqe', got '{d.val_select}'")
    _need(d.val_select == "psnr_y" or d.val_dir is not None,
          "data.val_select = 'niqe': needs data.val_dir")

    # loss
    weights = {k: getattr(lo, k) for k in (*PIXEL_LOSS_KEYS, "perceptual", "frequency",
                                           "gradient", "adversarial", "feature_match")}
    for k, w in weights.items():
        _need(math.isfinite(w) and w >= 0, f"loss.{k}: weight must be >= 0, got {w}")
    _need(sum(weights.values()) > 0, "loss: every loss weight is 0; set e.g. loss.l1 = 1.0")
    _need(lo.charbonnier_eps > 0, "loss.charbonnier_eps: must be positive")
    if lo.perceptual > 0:
        from trainer.losses import check_perceptual_config
        check_perceptual_config(lo)
    _need(lo.feature_match == 0 or lo.adversarial > 0,
          "loss.feature_match: compares discriminator activations; needs loss.adversarial > 0")
    if lo.adversarial > 0:
        _arch(lo.discriminator, "loss.discriminator", "discriminator")
        _need(lo.discriminator_lr > 0, "loss.discriminator_lr: must be positive")

    # optimiser
    _need(o.optimizer in ("adam", "adamw"),
          f"optim.optimizer: expected 'adam' or 'adamw', got '{o.optimizer}'")
    _need(o.lr > 0, f"optim.lr: must be positive, got {o.lr}")
    _need(len(o.betas) == 2 and all(0 <= b < 1 for b in o.betas),
          f"optim.betas: expected two numbers in [0, 1), got {o.betas}")
    _need(o.weight_decay >= 0, "optim.weight_decay: must be >= 0")
    _need(o.schedule in ("cosine", "step", "constant"),
          f"optim.schedule: expected 'cosine', 'step' or 'constant', got '{o.schedule}'")
    _need(o.schedule != "step" or o.step_size > 0,
          "optim.step_size: the step schedule needs step_size > 0")
    _need(o.warmup_steps >= 0, "optim.warmup_steps: must be >= 0")
    _need(0 <= o.min_lr <= o.lr, "optim.min_lr: must be in [0, optim.lr]")
    _need(0 < o.gamma <= 1, "optim.gamma: must be in (0, 1]")
    _need(o.grad_clip is None or o.grad_clip > 0, "optim.grad_clip: must be positive (or null)")
    _need(o.amp in ("off", "bf16", "fp16"),
          f"optim.amp: expected 'off', 'bf16' or 'fp16', got '{o.amp}'")
    _need(o.ema is None or 0 < o.ema < 1, f"optim.ema: decay must be in (0, 1), got {o.ema}")
    validate_run(r)
    return spec


def validate_run(r: RunConfig) -> None:
    """The ``run`` table, shared by the SR and colorization trainers."""
    _need(r.steps >= 1, f"run.steps: must be at least 1, got {r.steps}")
    _need(r.val_every >= 0 and r.ckpt_every >= 0, "run.val_every/ckpt_every: must be >= 0")
    _need(r.log_every >= 1, "run.log_every: must be at least 1")
    _need(bool(DEVICE_RE.match(r.device)),
          f"run.device: expected auto, cpu, cuda, cuda:N or mps, got '{r.device}'")
    _need(r.threads >= 0, "run.threads: must be >= 0")
    _need(r.compile in COMPILE_MODES,
          f"run.compile: expected one of {', '.join(COMPILE_MODES)}, got '{r.compile}'")
