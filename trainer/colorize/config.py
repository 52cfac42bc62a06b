"""The colorization recipe: a tree of msgspec Structs read from TOML/YAML with overrides.

Same loading rules as :mod:`trainer.config` (relative paths in a file are relative to the
file's folder, ``--set`` paths to the current folder; unknown keys and wrong types are one
line :class:`~engine.errors.ConfigError`); the ``optim`` section is the SR trainer's
:class:`~trainer.config.OptimConfig` and ``run`` extends its :class:`~trainer.config.RunConfig`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from msgspec import field

from engine.errors import ConfigError
from trainer.config import OptimConfig, RunConfig
from trainer.config_base import PathStr, Section
from trainer.config_files import load_struct_config


class ColorizeModelConfig(Section):
    arch: str = "colorizer_cls"          # colorizer_cls (Zhang et al.) or colorizer_reg
    config: dict[str, Any] = {}          # over the arch's default_config
    init_from: PathStr | None = None     # a colorize weight file to fine-tune from
    name: str | None = None              # name written into the exported weight file
    role: str | None = "colorize"


class ColorizeDataConfig(Section):
    train_dirs: list[PathStr] = []       # colour photos (folders, recursive)
    val_dir: PathStr | None = None       # colour photos held out from training
    val_max_images: int | None = None
    short_side: int = 256                # images larger than this are shrunk to it (the
    #                                      colorizer sees the same scale at inference)
    crop_min: int = 128                  # square crop side, drawn per batch (multiple of 8)
    crop_max: int = 176
    batch_size: int = 16
    hflip: bool = True
    max_images: int | None = None        # only the first N images (sorted)
    skip_gray: bool = True               # gray photos teach nothing but gray
    load_threads: int = 2


class ColorizeLossConfig(Section):
    # colorizer_cls: multinomial cross-entropy on soft-encoded targets
    soft_neighbours: int = 5
    soft_sigma: float = 5.0
    rebalance: bool = True               # class rebalancing (Zhang et al. eq. 3-4)
    rebalance_lambda: float = 0.5
    prior_sigma: float = 5.0
    # colorizer_reg: 'l2' (Zhang et al.'s regression baseline) or 'l1'
    regression: str = "l2"


class ColorizeConfig(Section):
    model: ColorizeModelConfig = field(default_factory=ColorizeModelConfig)
    data: ColorizeDataConfig = field(default_factory=ColorizeDataConfig)
    loss: ColorizeLossConfig = field(default_factory=ColorizeLossConfig)
    optim: OptimConfig = field(default_factory=OptimConfig)
    run: RunConfig = field(default_factory=RunConfig)
    recipe: str = ""
    recipe_file: str = ""  # the recipe file itself (set on load), kept in the run's config.json


def load_colorize_config(path: str | os.PathLike[str] | None = None,
                         overrides: list[str] | None = None) -> ColorizeConfig:
    """Read a colorization recipe (or start from defaults) and apply ``key=value`` overrides."""
    return load_struct_config(ColorizeConfig, path, overrides)


def validate_colorize_config(cfg: ColorizeConfig) -> None:
    """Values that make sense together; raises one-line ConfigErrors."""
    from engine.archs.registry import get_arch
    from engine.colorize.archs import KIND
    from engine.errors import UnsupportedModelError

    try:
        spec = get_arch(cfg.model.arch)
    except UnsupportedModelError as e:
        raise ConfigError(f"model.arch: {e}") from None
    if spec.kind != KIND:
        raise ConfigError(f"model.arch: {spec.name} is not a colorizer "
                          "(use colorizer_cls or colorizer_reg)")
    d = cfg.data
    if not d.train_dirs:
        raise ConfigError("data.train_dirs: give at least one folder of colour photos")
    for p in d.train_dirs + ([d.val_dir] if d.val_dir else []):
        if not Path(p).exists():
            raise ConfigError(f"data: folder not found: {p}")
    if not 16 <= d.crop_min <= d.crop_max:
        raise ConfigError("data.crop_min/crop_max: need 16 <= crop_min <= crop_max")
    if d.crop_min % 8 or d.crop_max % 8:
        raise ConfigError("data.crop_min/crop_max: must be multiples of 8")
    if d.short_side < d.crop_min:
        raise ConfigError("data.short_side: must be at least data.crop_min")
    if d.batch_size < 1:
        raise ConfigError("data.batch_size: must be >= 1")
    if cfg.loss.regression not in ("l1", "l2"):
        raise ConfigError("loss.regression: 'l1' or 'l2'")
    if cfg.loss.soft_neighbours < 1:
        raise ConfigError("loss.soft_neighbours: must be >= 1")
    if not 0.0 <= cfg.loss.rebalance_lambda <= 1.0:
        raise ConfigError("loss.rebalance_lambda: must be in [0, 1]")
    if cfg.optim.schedule not in ("cosine", "step", "constant"):
        raise ConfigError("optim.schedule: cosine, step or constant")
    if cfg.optim.schedule == "step" and cfg.optim.step_size < 1:
        raise ConfigError("optim.step_size: must be >= 1 for the step schedule")
    from trainer.validate import validate_run
    validate_run(cfg.run)
