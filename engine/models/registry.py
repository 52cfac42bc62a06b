"""Where models come from: shipped weights, the user's imported/trained weights, resizers.

Shipped weights live in ``resources/models/*.safetensors``, in the lean build (no torch)
their ONNX exports in ``resources/models_onnx`` (``SRSTUDIO_MODELS_DIR`` overrides
either); user weights in the platform's user-data folder
(``SRSTUDIO_USER_MODELS_DIR`` overrides it).  Every fact shown to users (architecture,
scale, parameters, role, metrics) is read from the weight file's header.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import ModelFileError, SRStudioError, UnsupportedModelError
from engine.io.atomic import atomic_output
from engine.models.builds import require_torch, torch_available
from engine.models.header import read_metadata
from engine.models.sources import (
    MODEL_SUFFIXES,
    foreign_info,
    is_foreign,
    library_fields,
    model_files,
)

ROLES = ("fast", "quality", "photo", "reference", "colorize")
CLASSICAL = ("nearest", "bilinear", "bicubic", "bicubic-opencv", "lanczos", "area")

_log = logging.getLogger("srstudio.models")
_warned: set[tuple[str, int, int]] = set()   # (path, size, mtime): say it once per version


def shipped_dir() -> Path:
    """The shipped models: our weight files, or in the lean build (no torch) their ONNX
    exports, made at build time by ``scripts/build.py models``."""
    env = os.environ.get("SRSTUDIO_MODELS_DIR")
    if env:
        return Path(env)
    resources = Path(__file__).resolve().parents[2] / "resources"
    return resources / ("models" if torch_available() else "models_onnx")


def user_dir() -> Path:
    env = os.environ.get("SRSTUDIO_USER_MODELS_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir
    return Path(user_data_dir("SR Studio", "SR Studio")) / "models"


@dataclass(frozen=True)
class ModelInfo:
    name: str
    path: Path
    arch: str
    scale: int
    params: int | None
    role: str | None
    num_channels: int
    source: str  # 'shipped' or 'user'
    metrics: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    metadata: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "architecture": self.arch, "scale": self.scale,
                "parameters": self.params, "role": self.role, "channels": self.num_channels,
                "source": self.source, "path": str(self.path), "metrics": self.metrics,
                "recipe": self.metadata.get("recipe"), **library_fields(self.metadata)}


def _info(path: Path, source: str) -> ModelInfo:
    if is_foreign(path):   # spandrel .pth/.safetensors, ONNX, ncnn: engine.models.sources
        return foreign_info(path, source)
    meta = read_metadata(path)
    return ModelInfo(name=str(meta.get("name") or path.stem), path=path, arch=meta["arch"],
                     scale=int(meta["scale"]), params=meta.get("params"), role=meta.get("role"),
                     num_channels=int(meta.get("num_channels", 3)), source=source,
                     metrics=dict(meta.get("metrics") or {}), metadata=meta)


# listing order inside each source: what a user picks first, the literature's models last
_ROLE_RANK = {"quality": 0, "photo": 1, "fast": 2, None: 3, "reference": 4, "colorize": 5}


def list_models(include_user: bool = True) -> list[ModelInfo]:
    """Every readable weight file, shipped first, each source by role (quality, fast,
    other, reference, colorize), then scale and name; a broken file is skipped with one
    logged warning (``srstudio.models``), so it cannot stop every command naming a model."""
    found: list[ModelInfo] = []
    dirs = [(shipped_dir(), "shipped")] + ([(user_dir(), "user")] if include_user else [])
    for d, source in dirs:
        if not d.is_dir():
            continue
        infos = []
        for p in model_files(d):
            try:
                infos.append(_info(p, source))
            except ModelFileError as e:
                _skip_warning(p, source, e)
        found += sorted(infos, key=lambda m: (_ROLE_RANK.get(m.role, 2), m.scale, m.name))
    return found


def _skip_warning(path: Path, source: str, err: ModelFileError) -> None:
    """One warning per broken file (not one per listing): a bad file in the user folder
    must not stop every command that names a model, nor go unexplained."""
    try:
        st = path.stat()
        key = (str(path), st.st_size, st.st_mtime_ns)
    except OSError:
        key = (str(path), -1, -1)
    if key in _warned:
        return
    _warned.add(key)
    _log.warning("warning: skipped a %s model in %s: %s", source, path.parent, err)


@dataclass(frozen=True)
class ClassicalModel:
    method: str
    scale: int

    @property
    def name(self) -> str:
        return self.method


@dataclass(frozen=True)
class ChainedModel:
    """Two trained models run one after the other, for a scale none has (x8 = x2, x4)."""
    first: ModelInfo
    second: ModelInfo

    @property
    def name(self) -> str:
        return f"{self.first.name}+{self.second.name}"

    @property
    def scale(self) -> int:
        return self.first.scale * self.second.scale


ModelRef = ModelInfo | ClassicalModel | ChainedModel


def pick_role(models: list[ModelInfo], role: str, scale: int | None
              ) -> ModelInfo | ChainedModel | None:
    """The model a role ('quality', 'fast', or 'auto': quality, else fast) runs at
    ``scale``: one at that scale, else two of the role whose scales multiply to it (the
    smaller first: x8 is x2 then x4, 3x less work than x4 then x2; with only an x2, x4 is
    it run twice); None when neither."""
    roles = ("quality", "fast") if role == "auto" else (role,)
    for r in roles:
        hits = [m for m in models if m.role == r and (scale is None or m.scale == scale)]
        if hits:
            return hits[0]
    if not scale:
        return None
    for r in roles:
        own = {m.scale: m for m in reversed([m for m in models if m.role == r])}
        for s1 in sorted(own):
            if scale % s1 == 0 and scale // s1 in own and scale // s1 > 1 and s1 > 1:
                return ChainedModel(own[s1], own[scale // s1])
    return None


AUTO_MIN_GAIN_DB = 0.05
"""How much better (mean Y-PSNR over the benchmarks both files were scored on) a costlier
model must be for ``auto`` to prefer it."""


def mean_psnr_gain(better: ModelInfo, base: ModelInfo) -> float | None:
    """Mean Y-PSNR of ``better`` minus ``base`` over the datasets both headers score,
    None when they share none."""
    common = [d for d in better.metrics if d in base.metrics
              and "psnr_y" in (better.metrics[d] or {}) and "psnr_y" in (base.metrics[d] or {})]
    if not common:
        return None
    return sum(float(better.metrics[d]["psnr_y"]) - float(base.metrics[d]["psnr_y"])
               for d in common) / len(common)


def pick_auto(models: list[ModelInfo], scale: int | None) -> ModelInfo | ChainedModel | None:
    """What ``auto`` means for a clean picture, for the CLI and the GUI alike: of the
    quality and fast models at the scale, the fast one unless the quality one is measurably
    better: at least AUTO_MIN_GAIN_DB higher mean Y-PSNR on the benchmarks both weight
    files record (quality costs about 10x the compute).  Without scores for both, quality.
    Then a chain of either, else None (the caller says so)."""
    quality = pick_role(models, "quality", scale)
    fast = pick_role(models, "fast", scale)
    if isinstance(quality, ModelInfo) and isinstance(fast, ModelInfo):
        gain = mean_psnr_gain(quality, fast)
        if gain is not None and gain < AUTO_MIN_GAIN_DB:
            return fast
    return pick_role(models, "auto", scale)


def auto_candidates(models: list[ModelInfo], scale: int | None
                    ) -> tuple[ModelInfo | ChainedModel | None, ModelInfo | ChainedModel | None]:
    """(for clean pictures, for compressed or noisy ones and videos): the two models
    ``auto`` chooses between per input (engine.jobs.plan.auto_chooser), either None."""
    return pick_auto(models, scale), pick_role(models, "photo", scale)


DEFAULT_SCALE = 4
"""The scale a run takes when the user names none and the model does not fix one."""


def default_scale(name: str | None) -> int:
    """The scale to run ``name`` at when none was given: a weight file's or a model name's own
    (a x2 file asked for nothing more must not fail as 'not x4'), else ``DEFAULT_SCALE`` for
    roles, ``auto``, architectures and resizers.  Never raises: a name that does not resolve
    gets the default, and ``resolve_model`` then says what is wrong with it."""
    low = (name or "auto").strip().lower()
    if name is None or low == "auto" or low in ROLES or low in CLASSICAL:
        return DEFAULT_SCALE
    try:
        ref = resolve_model(name, None)
    except (SRStudioError, KeyError, TypeError, ValueError, OSError):  # resolve_model says why
        return DEFAULT_SCALE
    # a weight file or a model name fixes the scale; an architecture name (several) does not
    if isinstance(ref, ModelInfo) and ref.arch.lower() != low:
        return ref.scale
    return DEFAULT_SCALE


def resolve_model(name: str, scale: int | None) -> ModelRef:
    """Turn what a user typed (a role, a name, an architecture, a path, a resizer) into a model.

    ``auto`` is the quality model for the scale, else the fast one.
    """
    key = (name or "auto").strip()
    low = key.lower()
    if low in CLASSICAL:
        if scale is None:
            raise UnsupportedModelError(f"{key} needs --scale")
        return ClassicalModel(low, int(scale))
    p = Path(key).expanduser()
    if p.suffix.lower() in MODEL_SUFFIXES or p.is_file():
        info = _info(p, "user")
        if scale is not None and info.scale != scale:
            raise UnsupportedModelError(f"{p.name} is a x{info.scale} model, not x{scale}")
        return info
    models = list_models()
    if low == "auto":
        auto = pick_auto(models, scale)
        if auto is not None:
            return auto
        have = ", ".join(sorted({f"x{m.scale}" for m in models
                                 if m.role in ("quality", "fast")})) or "none"
        raise UnsupportedModelError(f"no quality or fast model for x{scale} (installed: "
                                    f"{have}); use a resizer such as bicubic, or train one "
                                    "(srstudio train, or the Train tab)")
    if low in ROLES:
        hits = [m for m in models if m.role == low]
        match = pick_role(models, low, scale) if low != "colorize" else next(
            (m for m in hits if scale is None or m.scale == scale), None)
        if match is not None:
            return match
        if not hits:
            roles = sorted({f"'{m.role}'" for m in models
                            if m.role in ROLES and m.role not in (low, "colorize")})
            alt = f" (installed: {', '.join(roles)} models)" if roles else ""
            raise UnsupportedModelError(f"no '{low}' model is installed{alt}; "
                                        "--model auto picks the best one there is")
        have = ", ".join(sorted({f"x{m.scale}" for m in hits}))
        raise UnsupportedModelError(f"no '{low}' model for x{scale} (available: {have})")
    by_name = [m for m in models if m.name.lower() == low]
    by_arch = [m for m in models if m.arch.lower() == low and (scale is None or m.scale == scale)]
    hits = by_name or by_arch
    if hits:
        m = hits[0]
        if scale is not None and m.scale != scale:
            raise UnsupportedModelError(f"{m.name} is a x{m.scale} model, not x{scale}")
        return m
    known = ", ".join(sorted({m.name for m in models} | set(ROLES) | set(CLASSICAL)))
    raise UnsupportedModelError(f"unknown model {key!r} (known: {known})")


def import_model(path: str | os.PathLike[str]) -> ModelInfo:
    """Copy a weight file into the user folder after checking it loads."""
    src = Path(path)
    if is_foreign(src):
        from engine.models.library import import_foreign
        return import_foreign(src)
    require_torch(f"importing {src.name}")
    from engine.models.descriptor import LoadedModel
    LoadedModel.from_file(src)  # raises a clear error if it does not build
    dst_dir = user_dir()
    dst_dir.mkdir(parents=True, exist_ok=True)
    dst = dst_dir / src.name
    if dst.exists():
        raise ModelFileError(f"a user model named {src.name} already exists")
    with atomic_output(dst, exclusive=True) as tmp:
        shutil.copyfile(src, tmp)
    return _info(dst, "user")
