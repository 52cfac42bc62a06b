"""The user's model library: importing files of any format into the user folder, renaming,
removing, and what the library shows of each model.

An import checks that the file loads and runs (its facts are measured and cached), then
copies it, and an ncnn model's ``.bin`` with it, into :func:`registry.user_dir`.  A folder
(an Upscayl custom-models folder, a download folder) imports every model file in it.
:func:`split_model_paths` tells a drop's model files and folders from its pictures, so
every driver (the app's drop, the CLI) imports the same things.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from engine.errors import ModelFileError, SRStudioError, UnsupportedModelError
from engine.io.atomic import atomic_output
from engine.io.formats import is_supported_image, is_unread_image
from engine.models.sources import (
    MODEL_SUFFIXES,
    digest,
    facts,
    file_format,
    model_files,
    ncnn_bin,
)

_NAME_RE = re.compile(r"^\w[\w.-]{0,79}$")
# names a model may not take: what resolve_model reads as a role, a resizer or 'auto'
_RESERVED = ("auto", "fast", "quality", "photo", "reference", "colorize", "nearest",
             "bilinear", "bicubic", "bicubic-opencv", "lanczos", "area")


def is_model_folder(folder: Path) -> bool:
    """A folder of models (an Upscayl custom-models folder, a download folder): model
    files at its top level and no pictures there.  A folder with pictures is an input."""
    try:
        entries = [p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")]
    except OSError:   # unreadable: the queue's scan says so
        return False
    if any(is_supported_image(p.name) or is_unread_image(p.name) for p in entries):
        return False
    return any(p.suffix.lower() in MODEL_SUFFIXES for p in entries)


def split_model_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Path]]:
    """(model files and model folders, everything else) of what was dropped or named.

    An ncnn pair dropped as both files counts once (by its ``.param``); a lone ``.bin`` is
    a model path, so importing it says what is missing instead of queueing it as a picture.
    """
    models: list[Path] = []
    others: list[Path] = []
    for raw in paths:
        p = Path(raw)
        suffix = p.suffix.lower()
        if p.is_dir():
            (models if is_model_folder(p) else others).append(p)
        elif suffix in MODEL_SUFFIXES or suffix == ".bin":
            if suffix == ".bin" and p.with_suffix(".param").is_file():
                p = p.with_suffix(".param")
            models.append(p)
        else:
            others.append(p)
    return list(dict.fromkeys(models)), others


def _copy(src: Path, dst: Path) -> None:
    with atomic_output(dst) as tmp:
        shutil.copyfile(src, tmp)


def import_foreign(path: str | os.PathLike[str]) -> Any:
    """Copy a third-party model file into the user folder after checking it loads."""
    from engine.models.registry import foreign_info, list_models, user_dir
    src = Path(path)
    if src.suffix.lower() == ".bin":
        src = src.with_suffix(".param")
    fmt = file_format(src)
    facts(src)   # loads, probes and caches: raises one clear line if it cannot run
    dst_dir = user_dir()
    dst_dir.mkdir(parents=True, exist_ok=True)
    dst = dst_dir / src.name
    if dst.exists() or any(m.name.lower() == src.stem.lower() for m in list_models()):
        raise ModelFileError(f"a model named {src.stem} already exists (rename the file "
                             "or remove that model first)")
    if fmt == "ncnn":
        _copy(ncnn_bin(src), dst.with_suffix(".bin"))
    _copy(src, dst)
    return foreign_info(dst, "user")


def import_files(paths: list[str | os.PathLike[str]]) -> tuple[list[Any], list[str]]:
    """Import files and folders; returns (imported infos, one error line per failure)."""
    from engine.models.registry import import_model
    done, errors = [], []
    for raw in paths:
        p = Path(raw)
        items = model_files(p) if p.is_dir() else [p]
        if p.is_dir() and not items:
            errors.append(f"{p}: no model files in this folder")
        for item in items:
            try:
                if item.suffix.lower() == ".bin":   # an ncnn pair is imported by its .param
                    item = _param_of(item)
                file_format(item)                    # a file of no model format: say so
                done.append(import_model(item))
            except (SRStudioError, OSError) as e:
                errors.append(str(e) if item.name in str(e) else f"{item.name}: {e}")
    return done, errors


def _param_of(weights: Path) -> Path:
    """The ``.param`` beside an ncnn ``.bin``; a clear line when there is none."""
    param = weights.with_suffix(".param")
    if not param.is_file():
        raise ModelFileError(f"{weights.name}: the weights of an ncnn model, but {param.name} "
                             "is not beside it (an ncnn model is a .param and a .bin of the "
                             "same name)")
    return param


def _user_model(models: list[Any], name: str, verb: str) -> Any:
    """The user model called ``name`` (any case); a clear line for a shipped or unknown one."""
    hits = [m for m in models if m.name.lower() == name.strip().lower()]
    user = [m for m in hits if m.source == "user"]
    if not user:
        if hits:
            raise UnsupportedModelError(f"{hits[0].name} is shipped with SR Studio and cannot "
                                        f"be {verb}")
        raise UnsupportedModelError(f"no user model named {name!r}")
    return user[0]


def check_new_name(new: str, models: list[Any], current: Any = None) -> str:
    """``new`` stripped, if a model may take it: a word of letters, digits, ``_ . -``
    (the CLI and the file name use it as it is), not a role or resizer, not a model file
    name, and not another model's name; one clear line otherwise."""
    name = new.strip()
    if not _NAME_RE.match(name) or Path(name).suffix.lower() in MODEL_SUFFIXES + (".bin",):
        raise UnsupportedModelError(f"{name!r} cannot be a model name: use letters, digits, "
                                    "'_', '-' and '.' (at most 80), not a file extension")
    if name.lower() in _RESERVED:
        raise UnsupportedModelError(f"{name!r} is a role or a resizer, not a free model name")
    if any(m.name.lower() == name.lower() and m is not current for m in models):
        raise UnsupportedModelError(f"a model named {name} already exists")
    return name


def rename_model(old: str, new: str) -> Any:
    """Give a user model a new name; returns its new ModelInfo.

    The file (and an ncnn model's ``.bin``) is renamed; where the file stores its name
    (our weight files' header, our ONNX exports' metadata) that name is rewritten too,
    since it, not the file name, is what lists show.  Shipped models keep their names."""
    from engine.models.registry import list_models, resolve_model
    models = list_models()
    model = _user_model(models, old, "renamed")
    name = check_new_name(new, models, model)
    src = Path(model.path)
    dst = src.with_name(name + src.suffix)
    if dst.exists() and dst.resolve() != src.resolve():
        raise ModelFileError(f"{dst.name} already exists in {dst.parent}")
    fmt = model.metadata.get("model_format") or "srstudio"
    if fmt == "srstudio" or (fmt == "onnx" and model.metadata.get("srstudio_export")):
        tmp = src.with_name(f".{name}.renaming{src.suffix}")
        if fmt == "srstudio":
            from engine.models.header import copy_with_metadata
            copy_with_metadata(src, tmp, name=name)
        else:
            from engine.models.onnx_graph import copy_export_renamed
            copy_export_renamed(src, tmp, name)
        os.replace(tmp, dst)
        if dst != src:
            src.unlink()
    else:
        if fmt == "ncnn":
            os.replace(ncnn_bin(src), dst.with_suffix(".bin"))
        os.replace(src, dst)
    return resolve_model(str(dst), None)


def library_entry(info: Any) -> dict[str, Any]:
    """What the library shows of a model (``ModelInfo.as_dict`` and its file's hash, which
    foreign files carry in their facts and our own weight files get here)."""
    entry = dict(info.as_dict())
    if not entry.get("sha256"):
        try:
            entry["sha256"] = digest(Path(info.path))
        except OSError:   # gone since it was listed: the next listing drops it
            entry["sha256"] = None
    return entry


def remove_model(name: str) -> list[Path]:
    """Delete a user model (and an ncnn model's ``.bin``) by name; shipped ones stay."""
    from engine.models.registry import list_models
    path = Path(_user_model(list_models(), name, "removed").path)
    gone = [path]
    if path.suffix.lower() == ".param" and path.with_suffix(".bin").is_file():
        gone.append(path.with_suffix(".bin"))
    for p in gone:
        p.unlink()
    return gone
