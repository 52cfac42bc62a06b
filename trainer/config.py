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
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import msgspec
from msgspec import Meta, Struct, field

from engine.errors import ConfigError

# Strings that are filesystem paths (resolved on load, see above), and strings that are a
# path or a name ('auto', a shipped model name), resolved only when they look like a path.
# The JSON schema marks them with a "format" a form can show as a file picker.
_PATH = Meta(extra_json_schema={"format": "path"})
_PATH_OR_NAME = Meta(extra_json_schema={"format": "path-or-name"})
PathStr = Annotated[str, _PATH]
PathOrName = Annotated[str, _PATH_OR_NAME]


class Section(Struct, forbid_unknown_fields=True):
    """A table of the config: msgspec refuses unknown keys (we add the near one)."""


S = TypeVar("S", bound=Struct)


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


class RealStageConfig(Section):
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


class RealDegradationConfig(Section):
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


class DegradationConfig(Section):
    # 'bicubic' (MATLAB-compatible, whole image), 'pipeline' (one blur/noise/JPEG stage,
    # the fine-tuning demo's 'camera' profile) or 'real' (the second-order chain below)
    kind: str = "bicubic"
    real: RealDegradationConfig = field(default_factory=RealDegradationConfig)
    # pipeline: D(I) = (I * k)↓s + n, then JPEG; a [0, 0] range switches a stage off
    blur_sigma: list[float] = field(default_factory=lambda: [0.2, 2.0])  # HR pixels
    downsample: str = "bicubic"  # 'bicubic' (MATLAB imresize) or 'nearest' (s-fold decimation)
    noise_sigma: list[float] = field(default_factory=lambda: [0.0, 10.0])  # 8-bit levels
    jpeg_quality: list[int] | None = field(default_factory=lambda: [60, 95])  # None: no JPEG


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


def load_struct_config(cls: type[S], path: str | os.PathLike[str] | None = None,
                       overrides: list[str] | None = None) -> S:
    """A config tree ``cls`` from a recipe file (paths in it relative to the file's folder)
    or its defaults, with ``key.sub=value`` overrides; errors name the file.  Shared by the
    SR and the colorizer trainers."""
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
        cfg: S = _convert(raw, cls, base)
        for item in overrides or []:
            apply_override(cfg, item)
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
            data = yaml.load(text, Loader=_yaml_loader())  # a SafeLoader
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


def _yaml_loader() -> type:
    """PyYAML's SafeLoader that also reads ``1e-3`` as a float: YAML 1.1 wants a dot
    (``1.0e-3``), so PyYAML gives the string '1e-3', which YAML 1.2 and TOML read as 0.001."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_implicit_resolver("tag:yaml.org,2002:float",
                                 re.compile(r"^[-+]?[0-9][0-9_]*(\.[0-9_]*)?[eE][-+]?[0-9]+$"),
                                 list("-+0123456789"))
    return Loader


def from_dict(raw: dict[str, Any], base: Path | None = None) -> TrainConfig:
    """Build a :class:`TrainConfig` from plain data; relative paths resolve against ``base``."""
    return _convert(raw, TrainConfig, base or Path.cwd())


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


def apply_override(cfg: Struct, item: str) -> None:
    """Apply one ``section.key=value`` (value parsed as TOML, else taken as a string); a
    relative path in it resolves against the current folder."""
    key, sep, text = item.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ConfigError(f"override {item!r} is not of the form key.sub=value")
    parts = key.split(".")
    obj: Any = cfg
    for i, name in enumerate(parts):
        dotted = ".".join(parts[: i + 1])
        if isinstance(obj, dict):  # free-form tables such as model.config
            for j in range(i, len(parts) - 1):
                obj = obj.setdefault(parts[j], {})
                if not isinstance(obj, dict):
                    raise ConfigError(f"{'.'.join(parts[: j + 1])}: is not a table")
            obj[parts[-1]] = parse_value(text)
            return
        if not isinstance(obj, Struct):
            raise ConfigError(f"{'.'.join(parts[:i])}: is a value, not a section")
        if name not in obj.__struct_fields__:
            raise ConfigError(_unknown(dotted, obj.__struct_fields__))
        if i < len(parts) - 1:
            obj = getattr(obj, name)
            continue
        hint = typing.get_type_hints(type(obj), include_extras=True)[name]
        if isinstance(hint, type) and issubclass(hint, Struct):
            raise ConfigError(f"{dotted}: is a section; set one of its keys "
                              f"(e.g. {dotted}.{hint.__struct_fields__[0]}=...)")
        value = parse_value(text)
        if isinstance(value, str) and any(typing.get_origin(h) is list
                                          for h in (hint, *typing.get_args(hint))):
            value = [value]  # --set data.hr_dirs=/one/folder
        setattr(obj, name, _convert(value, hint, Path.cwd(), dotted))


def parse_value(text: str) -> Any:
    """'3' -> 3, '1e-3' -> 0.001, 'true' -> True, '[1, 2]' -> [1, 2], 'null' -> None, else str."""
    s = text.strip()
    if s.lower() in ("null", "none", "~"):
        return None
    try:
        return tomllib.loads(f"v = {s}")["v"]
    except tomllib.TOMLDecodeError:
        return s


# --- msgspec's conversion, its errors in our words, the paths ----------------------------
def _convert(raw: Any, hint: Any, base: Path, key: str = "") -> Any:
    """``raw`` checked and converted to ``hint`` (a config class, or the type of the field
    ``key``), relative paths resolved against ``base``."""
    try:
        value = msgspec.convert(raw, type=hint, strict=True)
    except msgspec.ValidationError as e:
        raise ConfigError(_explain(str(e), raw, hint, key)) from None
    return _resolve_paths(value, hint, base)


_WHERE = re.compile(r"(?P<what>.*?)(?: - at (?P<key>`key` in )?`\$(?P<at>[^`]*)`)?")
_EXPECTED = re.compile(r"Expected `(?P<wanted>[^`]+)`, got `(?P<got>\w+)`")
_UNKNOWN = re.compile(r"Object contains unknown field `(?P<name>[^`]+)`")
_TYPE_NAMES = {"int": "an integer", "float": "a number", "str": "a string",
               "bool": "true or false", "array": "a list", "object": "a table"}


def _explain(message: str, raw: Any, hint: Any, key: str) -> str:
    """msgspec's ``Expected `int`, got `str` - at `$.run.steps``` as
    ``run.steps: expected an integer, got 'many' (str)``: one line with the dotted key,
    what was expected and what was given; an unknown key gets the near one."""
    m = _WHERE.fullmatch(message)
    assert m is not None  # the pattern matches any text
    what, at = m["what"], m["at"] or ""
    where = (key + at).lstrip(".") or "config"
    if unknown := _UNKNOWN.fullmatch(what):
        table = _section_at(hint, at)
        name = unknown["name"]
        return _unknown(f"{key + at}.{name}".lstrip("."), table.__struct_fields__)
    if expected := _EXPECTED.fullmatch(what):
        wanted = [w for w in expected["wanted"].split(" | ") if w != "null"]
        if m["key"]:  # a free-form table's key (YAML allows numbers)
            return f"{where}: its keys must be strings, got {expected['got']}"
        if expected["got"] == "null":
            return f"{where}: must not be empty (null)"
        try:
            given = _show(_value_at(raw, at))
        except (KeyError, IndexError, TypeError):
            given = f"a {expected['got']}"
        return (f"{where}: expected {' or '.join(_TYPE_NAMES.get(w, w) for w in wanted)}, "
                f"got {given}")
    return f"{where}: {what[:1].lower()}{what[1:]}"


def _value_at(raw: Any, at: str) -> Any:
    """The value at msgspec's path ``.data.hr_dirs[0]`` in ``raw``."""
    for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", at):
        raw = raw[int(index)] if index else raw[name]
    return raw


def _section_at(cls: Any, at: str) -> Any:
    """The config class at msgspec's path ``.data.augment`` below ``cls``."""
    for name in filter(None, at.split(".")):
        cls = typing.get_type_hints(cls)[name]
    return cls


def _unknown(dotted: str, known: Iterable[str]) -> str:
    known = list(known)
    close = difflib.get_close_matches(dotted.rpartition(".")[2], known, n=1, cutoff=0.6)
    if close:
        parent = dotted.rpartition(".")[0]
        guess = f"{parent}.{close[0]}" if parent else close[0]
        return f"unknown key '{dotted}' (did you mean '{guess}'?)"
    return f"unknown key '{dotted}' (known: {', '.join(known)})"


def _show(value: Any) -> str:
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{text} ({type(value).__name__})"


def _resolve_paths(value: Any, hint: Any, base: Path) -> Any:
    """``value`` of type ``hint`` with the strings typed as paths made absolute."""
    if isinstance(value, Struct):
        for name, sub in typing.get_type_hints(type(value), include_extras=True).items():
            setattr(value, name, _resolve_paths(getattr(value, name), sub, base))
        return value
    kind = _path_kind(hint)
    if kind is None or value is None:
        return value
    if isinstance(value, list):
        return [_resolve(v, kind, base) for v in value]
    return _resolve(value, kind, base)


def _path_kind(hint: Any) -> Meta | None:
    """_PATH or _PATH_OR_NAME where ``hint`` (``PathStr | None``, ``list[PathStr]``...) holds
    one, else None."""
    for meta in getattr(hint, "__metadata__", ()):
        if meta is _PATH or meta is _PATH_OR_NAME:
            return meta
    return next(filter(None, map(_path_kind, typing.get_args(hint))), None)


def _resolve(value: str, kind: Meta, base: Path) -> str:
    # a path-or-name field ('auto', a shipped model name) holds a path when it looks like one
    if kind is _PATH_OR_NAME and not ("/" in value or "\\" in value or value.startswith("~")
                                      or "." in Path(value).name):
        return value
    p = Path(value).expanduser()
    return str(p if p.is_absolute() else (base / p).resolve())
