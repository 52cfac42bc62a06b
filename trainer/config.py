"""The training configuration: a tree of msgspec Structs loaded from TOML/YAML plus overrides.

One clear rule for paths: a relative path written in a config file is resolved against
that file's directory; a relative path given on the command line (``--set``, ``--out``) is
resolved against the current working directory.  ``~`` is expanded.  After loading, every
path in the tree is absolute, so a run does not depend on where it was started from.

msgspec type-checks the values while loading; its errors become one-line
:class:`~engine.errors.ConfigError` in our words (the dotted key, what was expected, what
was given, the near key for a typo).  :func:`trainer.validate.validate_config` then checks
that the values make sense together (folders exist, scale fits the architecture...).
:func:`config_schema` is the tree's JSON schema (types, defaults, which strings are paths).

The parts live beside it: the ``data.degradation`` tables in :mod:`trainer.degrade_config`,
reading files and ``--set`` overrides in :mod:`trainer.config_files`, msgspec's conversion,
its errors and the paths in :mod:`trainer.config_convert`, ``Section`` and the path types
in :mod:`trainer.config_base`.
"""

from __future__ import annotations

import os
import typing
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct, field

from trainer.config_base import PathOrName, PathStr, Section
from trainer.config_convert import convert
from trainer.config_files import load_struct_config
from trainer.degrade_config import DegradationConfig


class ModelConfig(Section):
    arch: str = "fsrcnn_ps"
    scale: int = 2
    config: dict[str, Any] = {}  # over the arch's default_config
    num_channels: int | None = None  # None: the architecture's own (1 = Y, 3 = RGB)
    # a weight file or a shipped/user model name to fine-tune from
    init_from: PathOrName | None = None
    name: str | None = None  # name written into the exported weight file
    role: str | None = None  # fast / quality / reference / colorize, or none
    export_onnx: bool = False  # also write best.onnx / final.onnx (RGB in and out) at the end


class AugmentConfig(Section):
    hflip: bool = True
    vflip: bool = True
    rot90: bool = True
    affine: bool = False  # small random rotation/scale/perspective of the HR image
    affine_degrees: float = 10.0
    affine_scale: list[float] = field(default_factory=lambda: [0.9, 1.1])
    perspective: float = 0.05  # corner jitter as a fraction of the patch size


class DataConfig(Section):
    hr_dirs: list[PathStr] = []
    lr_dirs: list[PathStr] | None = None  # paired LR folders, matched by file stem
    val_dir: PathStr | None = None  # HR/ (+ LR_bicubic/X{s}/) or a plain HR folder
    val_max_images: int | None = None
    val_niqe: bool = False  # also score NIQE of the validation outputs (about 0.1 s each)
    # which validation becomes best.safetensors: the highest Y-PSNR, or (GAN stages) the
    # lowest NIQE among those with Y-PSNR >= val_min_psnr_y
    val_select: str = "psnr_y"
    val_min_psnr_y: float | None = None
    patch_size: int = 96  # HR patch side; the LR patch is patch_size / scale
    batch_size: int = 16
    degradation: DegradationConfig = field(default_factory=DegradationConfig)
    augment: AugmentConfig = field(default_factory=AugmentConfig)
    cache_in_ram: bool | str = "auto"  # true, false or 'auto' (cache when it fits)
    cache_limit_gb: float = 4.0  # 'auto' caches when the estimate is below this
    max_images: int | None = None  # use only the first N images (sorted)
    images_list: PathStr | None = None  # text file: one image path per line
    load_threads: int = 2  # decoding threads (order stays deterministic)
    # draw the next batch in a thread during the step: true, false or 'auto' (on a GPU)
    prefetch: bool | str = "auto"


# the per-pixel loss weights of LossConfig: one list for the validator and the trainer tab
PIXEL_LOSS_KEYS = ("l1", "mse", "mse_y", "charbonnier")


class LossConfig(Section):
    l1: float = 1.0
    mse: float = 0.0
    # MSE on the luma alone (BT.601 Y, the channel SR papers train and score on: SRCNN,
    # FSRCNN, VDSR, DRRN); for RGB models, mixed with a little 'mse' to keep the chroma
    mse_y: float = 0.0
    charbonnier: float = 0.0
    charbonnier_eps: float = 1e-3
    perceptual: float = 0.0
    perceptual_layer: str = "conv5_4"  # VGG19 layer (before its ReLU)
    # 'auto': torchvision's cached vgg19 file if present (never downloaded); 'random'
    # (tests only) or a path to a VGG19 state dict
    vgg_weights: PathOrName = "auto"
    # substitutes for the VGG perceptual term (no VGG19 weights can be shipped or fetched):
    # L1 of the FFT amplitude spectra (Y), and L1 of the horizontal/vertical differences
    frequency: float = 0.0
    gradient: float = 0.0
    adversarial: float = 0.0
    # L1 between the discriminator's activations on SR and on HR (needs adversarial > 0)
    feature_match: float = 0.0
    discriminator: str = "srgan_discriminator"
    discriminator_config: dict[str, Any] = {}
    discriminator_lr: float = 1e-4


class OptimConfig(Section):
    optimizer: str = "adam"  # adam or adamw
    lr: float = 1e-3
    betas: list[float] = field(default_factory=lambda: [0.9, 0.999])
    weight_decay: float = 0.0
    schedule: str = "cosine"  # cosine, step or constant
    warmup_steps: int = 0
    min_lr: float = 0.0  # cosine floor
    step_size: int = 0  # step schedule: multiply by gamma every step_size steps
    gamma: float = 0.5
    grad_clip: float | None = None  # max gradient norm
    amp: str = "off"  # off, bf16, fp16 (GPU only)
    ema: float | None = None  # EMA decay, e.g. 0.999


COMPILE_MODES = ("off", "default", "reduce-overhead", "max-autotune")


class RunConfig(Section):
    steps: int = 10000
    max_minutes: float | None = None  # also stop (validate, export) after this much training
    # time, summed over resumes; a cosine schedule then anneals by whichever of steps and
    # time runs out first, so a time-boxed run (say, a GPU lease) still ends annealed
    val_every: int = 1000  # 0: validate only at the end
    ckpt_every: int = 1000  # 0: checkpoint only at the end (and on cancel)
    log_every: int = 100
    seed: int = 0
    out_dir: PathStr | None = None  # None: ./runs/<recipe>
    device: str = "auto"  # auto, cpu, cuda, cuda:N, mps
    threads: int = 0  # torch CPU threads; 0 = torch's default (one per core); use fewer
    # on a machine shared with other work: oversubscribed OpenMP threads slow down a lot
    # torch.compile the training forward: off, default, reduce-overhead (CUDA graphs) or
    # max-autotune; for host-bound GPU steps (many small kernels).  Weights are unchanged.
    compile: str = "off"


class TrainConfig(Section):
    model: ModelConfig = field(default_factory=ModelConfig)
    data: DataConfig = field(default_factory=DataConfig)
    loss: LossConfig = field(default_factory=LossConfig)
    optim: OptimConfig = field(default_factory=OptimConfig)
    run: RunConfig = field(default_factory=RunConfig)
    recipe: str = ""  # recipe id written into exported weights (default: the file's stem)
    recipe_file: str = ""  # the recipe file itself (set on load), kept in the run's config.json


# --- loading -------------------------------------------------------------------------
def load_config(path: str | os.PathLike[str] | None = None,
                overrides: list[str] | None = None) -> TrainConfig:
    """Read a TOML/YAML file (or start from defaults) and apply ``key.sub=value`` overrides."""
    return load_struct_config(TrainConfig, path, overrides)


def from_dict(raw: dict[str, Any], base: Path | None = None) -> TrainConfig:
    """Build a :class:`TrainConfig` from plain data; relative paths resolve against ``base``."""
    return convert(raw, TrainConfig, base or Path.cwd())


def to_dict(cfg: Struct) -> dict[str, Any]:
    """Plain nested dict of a config (for checkpoints, metadata and the run folder)."""
    return msgspec.to_builtins(cfg)


def config_schema(cls: type[Struct] | None = None) -> dict[str, Any]:
    """The JSON schema of a config tree (default :class:`TrainConfig`), so a form such as
    the Train tab can be generated from it: each table's keys, types and defaults (also of
    lists and tables, which msgspec leaves out), no unknown keys, paths marked with
    ``"format": "path"`` (or ``"path-or-name"``)."""
    cls = cls or TrainConfig
    schema = msgspec.json.schema(cls)
    for struct in _structs(cls):
        defaults, hints = msgspec.to_builtins(struct()), typing.get_type_hints(struct)
        for name, prop in schema["$defs"][struct.__name__]["properties"].items():
            sub = hints[name]
            if not (isinstance(sub, type) and issubclass(sub, Struct)
                    and defaults[name] == msgspec.to_builtins(sub())):
                prop.setdefault("default", defaults[name])  # not a section's own defaults
    return schema


def _structs(cls: type[Struct]) -> set[type[Struct]]:
    """``cls`` and the sections nested in it."""
    found = {cls}
    for hint in typing.get_type_hints(cls).values():
        if isinstance(hint, type) and issubclass(hint, Struct):
            found |= _structs(hint)
    return found
