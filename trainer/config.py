"""The training configuration: a tree of dataclasses loaded from TOML/YAML plus overrides.

One clear rule for paths: a relative path written in a config file is resolved against
that file's directory; a relative path given on the command line (``--set``, ``--out``) is
resolved against the current working directory.  ``~`` is expanded.  After loading, every
path in the tree is absolute, so a run does not depend on where it was started from.

Values are type-checked while loading (a wrong type or an unknown key is a one-line
:class:`~engine.errors.ConfigError`); :func:`trainer.validate.validate_config` then checks
that the values make sense together (folders exist, scale fits the architecture...).
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from engine.errors import ConfigError


def _path(default: Any = None, **kw: Any) -> Any:
    """A field holding a filesystem path (or a list of them)."""
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata={"path": True, **kw})
    return field(default=default, metadata={"path": True, **kw})

T = TypeVar("T")


@dataclass
class ModelConfig:
    arch: str = "fsrcnn_ps"
    scale: int = 2
    config: dict[str, Any] = field(default_factory=dict)  # over the arch's default_config
    num_channels: int | None = None  # None: the architecture's own (1 = Y, 3 = RGB)
    # a weight file or a shipped/user model name to fine-tune from
    init_from: str | None = field(default=None, metadata={"path": "maybe"})
    name: str | None = None  # name written into the exported weight file
    role: str | None = None  # fast / quality / reference / colorize, or none
    export_onnx: bool = False  # also write best.onnx / final.onnx (RGB in and out) at the end


@dataclass
class RealStageConfig:
    """One stage of the ``real`` chain: blur, random resize, noise, JPEG (Real-ESRGAN's
    first-order model; the second stage repeats it with milder ranges)."""

    skip_prob: float = 0.0  # the whole stage is left out with this probability
    blur_prob: float = 1.0
    kernel_size: list[int] = field(default_factory=lambda: [7, 21])  # odd sizes drawn
    kernel_kinds: list[str] = field(default_factory=lambda: [
        "iso", "aniso", "gen_iso", "gen_aniso", "plateau_iso", "plateau_aniso"])
    kernel_probs: list[float] = field(default_factory=lambda: [0.45, 0.25, 0.12, 0.03, 0.12,
                                                               0.03])
    blur_sigma: list[float] = field(default_factory=lambda: [0.2, 2.0])  # pixels, per axis
    beta_gen: list[float] = field(default_factory=lambda: [0.5, 4.0])
    beta_plateau: list[float] = field(default_factory=lambda: [1.0, 2.0])
    sinc_prob: float = 0.1  # a ringing sinc kernel instead of the blur
    # random resize: probabilities of up / down / keep, the factor range, the modes
    resize_probs: list[float] = field(default_factory=lambda: [0.2, 0.7, 0.1])
    resize_range: list[float] = field(default_factory=lambda: [0.4, 1.5])
    resize_modes: list[str] = field(default_factory=lambda: ["area", "bilinear", "bicubic"])
    gaussian_noise_prob: float = 0.5  # else Poisson (shot) noise
    noise_sigma: list[float] = field(default_factory=lambda: [1.0, 15.0])  # 8-bit levels
    poisson_scale: list[float] = field(default_factory=lambda: [0.05, 1.5])
    gray_noise_prob: float = 0.4  # the same noise on every channel (luma noise)
    jpeg_quality: list[int] = field(default_factory=lambda: [30, 95])


def _second_stage() -> RealStageConfig:
    return RealStageConfig(skip_prob=0.5, blur_prob=0.8, blur_sigma=[0.2, 1.2],
                           resize_probs=[0.3, 0.4, 0.3], resize_range=[0.6, 1.2],
                           noise_sigma=[1.0, 10.0], poisson_scale=[0.05, 1.0],
                           jpeg_quality=[40, 95])


@dataclass
class RealDegradationConfig:
    """The ``real`` preset: two stages, then the resize to LR size with a sinc and JPEG in
    random order.  The mechanisms are Real-ESRGAN's; the default ranges are milder (blur
    sigma up to 2 not 3, noise up to 15 levels not 30, resize 0.4-1.5x not 0.15-1.5x, the
    second stage skipped half the time): they model phone and web photos, scans and video
    frames rather than the worst of the web, and a small L1-trained network smooths away
    detail when asked to undo more.  Real-ESRGAN's own ranges can be set key by key."""

    stage1: RealStageConfig = field(default_factory=RealStageConfig)
    stage2: RealStageConfig = field(default_factory=_second_stage)
    final_sinc_prob: float = 0.5
    final_resize_modes: list[str] = field(default_factory=lambda: ["area", "bilinear",
                                                                   "bicubic"])
    final_jpeg_quality: list[int] = field(default_factory=lambda: [30, 95])


@dataclass
class DegradationConfig:
    # 'bicubic' (MATLAB-compatible, whole image), 'pipeline' (one blur/noise/JPEG stage,
    # the fine-tuning demo's 'camera' profile) or 'real' (the second-order chain below)
    kind: str = "bicubic"
    real: RealDegradationConfig = field(default_factory=RealDegradationConfig)
    # pipeline: D(I) = (I * k)↓s + n, then JPEG; a [0, 0] range switches a stage off
    blur_sigma: list[float] = field(default_factory=lambda: [0.2, 2.0])  # HR pixels
    downsample: str = "bicubic"  # 'bicubic' (MATLAB imresize) or 'nearest' (s-fold decimation)
    noise_sigma: list[float] = field(default_factory=lambda: [0.0, 10.0])  # 8-bit levels
    jpeg_quality: list[int] | None = field(default_factory=lambda: [60, 95])  # None: no JPEG


@dataclass
class AugmentConfig:
    hflip: bool = True
    vflip: bool = True
    rot90: bool = True
    affine: bool = False  # small random rotation/scale/perspective of the HR image
    affine_degrees: float = 10.0
    affine_scale: list[float] = field(default_factory=lambda: [0.9, 1.1])
    perspective: float = 0.05  # corner jitter as a fraction of the patch size


@dataclass
class DataConfig:
    hr_dirs: list[str] = _path([])
    lr_dirs: list[str] | None = _path(None)  # paired LR folders, matched by file stem
    val_dir: str | None = _path(None)  # HR/ (+ LR_bicubic/X{s}/) or a plain HR folder
    val_max_images: int | None = None
    patch_size: int = 96  # HR patch side; the LR patch is patch_size / scale
    batch_size: int = 16
    degradation: DegradationConfig = field(default_factory=DegradationConfig)
    augment: AugmentConfig = field(default_factory=AugmentConfig)
    cache_in_ram: bool | str = "auto"  # true, false or 'auto' (cache when it fits)
    cache_limit_gb: float = 4.0  # 'auto' caches when the estimate is below this
    max_images: int | None = None  # use only the first N images (sorted)
    images_list: str | None = _path(None)  # text file: one image path per line
    load_threads: int = 2  # decoding threads (order stays deterministic)
    # draw the next batch in a thread during the step: true, false or 'auto' (on a GPU)
    prefetch: bool | str = "auto"


# the per-pixel loss weights of LossConfig: one list for the validator and the trainer tab
PIXEL_LOSS_KEYS = ("l1", "mse", "mse_y", "charbonnier")


@dataclass
class LossConfig:
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
    vgg_weights: str = field(default="auto", metadata={"path": "maybe"})
    adversarial: float = 0.0
    discriminator: str = "srgan_discriminator"
    discriminator_config: dict[str, Any] = field(default_factory=dict)
    discriminator_lr: float = 1e-4


@dataclass
class OptimConfig:
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


@dataclass
class RunConfig:
    steps: int = 10000
    max_minutes: float | None = None  # also stop (validate, export) after this much training
    # time, summed over resumes; a cosine schedule then anneals by whichever of steps and
    # time runs out first, so a time-boxed run (say, a GPU lease) still ends annealed
    val_every: int = 1000  # 0: validate only at the end
    ckpt_every: int = 1000  # 0: checkpoint only at the end (and on cancel)
    log_every: int = 100
    seed: int = 0
    out_dir: str | None = _path(None)  # None: ./runs/<recipe>
    device: str = "auto"  # auto, cpu, cuda, cuda:N, mps
    threads: int = 0  # torch CPU threads; 0 = torch's default (one per core); use fewer
    # on a machine shared with other work: oversubscribed OpenMP threads slow down a lot
    # torch.compile the training forward: off, default, reduce-overhead (CUDA graphs) or
    # max-autotune; for host-bound GPU steps (many small kernels).  Weights are unchanged.
    compile: str = "off"


@dataclass
class TrainConfig:
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
    return load_dataclass_config(TrainConfig, path, overrides)


def load_dataclass_config(cls: type[T], path: str | os.PathLike[str] | None = None,
                          overrides: list[str] | None = None) -> T:
    """A config dataclass tree ``cls`` from a recipe file (paths in it relative to the
    file's folder) or its defaults, with ``key.sub=value`` overrides; errors name the file.
    Shared by the SR and the colorizer trainers."""
    raw: dict[str, Any] = {}
    base = Path.cwd()
    if path is not None:
        p = Path(path).expanduser()
        raw = read_config_file(p)
        base = p.resolve().parent
        raw.setdefault("recipe", p.stem)
        # the stem alone is ambiguous (recipes/quality_x2.toml, recipes/gpu/quality_x2.toml)
        raw.setdefault("recipe_file", str(p.resolve()))
    try:
        cfg = _build(cls, raw, "", base)
        for item in overrides or []:
            apply_override(cfg, item)  # type: ignore[arg-type]  (works on any dataclass)
    except ConfigError as e:
        if path is None:
            raise
        raise ConfigError(f"{Path(path).name}: {e}") from None
    return cfg


def read_config_file(path: Path) -> dict[str, Any]:
    """Parse a config file into a dict; any parse error becomes one ConfigError line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read config file {path}: {e}") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as e:
            raise ConfigError(f"{path.name}: invalid YAML ({e})") from None
        data = {} if data is None else data
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{path.name}: invalid TOML ({e})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path.name}: the top level must be a table of sections")
    return data


def from_dict(raw: dict[str, Any], base: Path | None = None) -> TrainConfig:
    """Build a :class:`TrainConfig` from plain data; relative paths resolve against ``base``."""
    return _build(TrainConfig, raw, "", base or Path.cwd())


def to_dict(cfg: Any) -> dict[str, Any]:
    """Plain nested dict of a config (for checkpoints, metadata and the run folder)."""
    return dataclasses.asdict(cfg)


def apply_override(cfg: TrainConfig, item: str) -> None:
    """Apply one ``section.key=value`` (value parsed as TOML, else taken as a string)."""
    key, sep, text = item.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ConfigError(f"override {item!r} is not of the form key.sub=value")
    parts = key.split(".")
    obj: Any = cfg
    for i, name in enumerate(parts):
        dotted = ".".join(parts[: i + 1])
        if isinstance(obj, dict):  # free-form dicts such as model.config
            rest = parts[i:]
            target = obj
            for sub in rest[:-1]:
                target = target.setdefault(sub, {})
                if not isinstance(target, dict):
                    raise ConfigError(f"{dotted}: is not a table")
            target[rest[-1]] = parse_value(text)
            return
        if not dataclasses.is_dataclass(obj):
            raise ConfigError(f"{'.'.join(parts[:i])}: is a value, not a section")
        fields = {f.name: f for f in dataclasses.fields(obj)}
        if name not in fields:
            raise ConfigError(_unknown(dotted, name, fields))
        f = fields[name]
        if i == len(parts) - 1:
            hint = typing.get_type_hints(type(obj))[name]
            if dataclasses.is_dataclass(hint):
                raise ConfigError(f"{dotted}: is a section; set one of its keys "
                                  f"(e.g. {dotted}.{dataclasses.fields(hint)[0].name}=...)")
            value = _coerce(parse_value(text), hint, dotted, Path.cwd(), f, from_cli=True)
            setattr(obj, name, value)
            return
        obj = getattr(obj, name)


def parse_value(text: str) -> Any:
    """'3' -> 3, '1e-3' -> 0.001, 'true' -> True, '[1, 2]' -> [1, 2], 'null' -> None, else str."""
    s = text.strip()
    if s.lower() in ("null", "none", "~"):
        return None
    try:
        return tomllib.loads(f"v = {s}")["v"]
    except tomllib.TOMLDecodeError:
        return s


# --- typed conversion ------------------------------------------------------------------
_TYPE_NAMES = {int: "an integer", float: "a number", str: "a string", bool: "true or false"}


def _unknown(dotted: str, name: str, fields: typing.Iterable[str]) -> str:
    known = list(fields)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        parent = dotted.rpartition(".")[0]
        guess = f"{parent}.{close[0]}" if parent else close[0]
        return f"unknown key '{dotted}' (did you mean '{guess}'?)"
    return f"unknown key '{dotted}' (known: {', '.join(known)})"


def _build(cls: type, raw: Any, prefix: str, base: Path) -> Any:
    if not isinstance(raw, dict):
        raise ConfigError(f"{prefix or 'config'}: expected a table, got {_show(raw)}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    for key in raw:
        if key not in fields:
            raise ConfigError(_unknown(f"{prefix}{key}", str(key), fields))
    kwargs = {}
    for name, f in fields.items():
        if name in raw:
            kwargs[name] = _coerce(raw[name], hints[name], f"{prefix}{name}", base, f)
    return cls(**kwargs)


def _coerce(value: Any, hint: Any, where: str, base: Path,
            f: dataclasses.Field | None = None, from_cli: bool = False) -> Any:
    """Check ``value`` against the type ``hint``; resolve paths; return the clean value."""
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, where + ".", base)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            if type(None) in args:
                return None
            raise ConfigError(f"{where}: must not be empty (null)")
        for a in args:
            if a is type(None):
                continue
            try:
                return _coerce(value, a, where, base, f, from_cli)
            except ConfigError:
                continue
        wanted = " or ".join(_describe(a) for a in args if a is not type(None))
        raise ConfigError(f"{where}: expected {wanted}, got {_show(value)}")
    if origin is list:
        if isinstance(value, str) and from_cli:
            value = [value]  # --set data.hr_dirs=/one/folder
        if not isinstance(value, list | tuple):
            raise ConfigError(f"{where}: expected a list, got {_show(value)}")
        return [_coerce(v, args[0], f"{where}[{i}]", base, f, from_cli)
                for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a table, got {_show(value)}")
        return dict(value)
    if value is None:
        raise ConfigError(f"{where}: must not be empty (null)")
    if hint is float:
        if isinstance(value, str):  # YAML 1.1 reads 1e-3 (no dot) as a string
            try:
                return float(value)
            except ValueError:
                pass
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: expected a number, got {_show(value)}")
        return float(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected an integer, got {_show(value)}")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {_show(value)}")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, got {_show(value)}")
        kind = f.metadata.get("path") if f is not None else None
        if kind is True or (kind == "maybe" and _looks_like_path(value)):
            return _resolve(value, base)
        return value
    if hint is Any:
        return value
    raise TypeError(f"unsupported config type {hint!r} at {where}")


def _looks_like_path(value: str) -> bool:
    """For fields holding a path or a name ('auto', a shipped model name)."""
    return "/" in value or "\\" in value or value.startswith("~") or "." in Path(value).name


def _resolve(value: str, base: Path) -> str:
    p = Path(value).expanduser()
    return str(p if p.is_absolute() else (base / p).resolve())


def _describe(hint: Any) -> str:
    if typing.get_origin(hint) is list:
        return "a list"
    if typing.get_origin(hint) is dict or dataclasses.is_dataclass(hint):
        return "a table"
    return _TYPE_NAMES.get(hint, getattr(hint, "__name__", str(hint)))


def _show(value: Any) -> str:
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{text} ({type(value).__name__})"
