"""The user's model library: importing files of any format into the user folder, removing.

An import checks that the file loads and runs (its facts are measured and cached), then
copies it, and an ncnn model's ``.bin`` with it, into :func:`registry.user_dir`.  A folder
(an Upscayl custom-models folder, a download folder) imports every model file in it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from engine.errors import ModelFileError, SRStudioError, UnsupportedModelError
from engine.io.atomic import atomic_output
from engine.models.sources import facts, file_format, model_files, ncnn_bin


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
                done.append(import_model(item))
            except (SRStudioError, OSError) as e:
                errors.append(str(e) if item.name in str(e) else f"{item.name}: {e}")
    return done, errors


def remove_model(name: str) -> list[Path]:
    """Delete a user model (and an ncnn model's ``.bin``) by name; shipped ones stay."""
    from engine.models.registry import list_models
    hits = [m for m in list_models() if m.name.lower() == name.strip().lower()]
    user = [m for m in hits if m.source == "user"]
    if not user:
        if hits:
            raise UnsupportedModelError(f"{hits[0].name} is shipped with SR Studio and cannot "
                                        "be removed")
        raise UnsupportedModelError(f"no user model named {name!r}")
    path = Path(user[0].path)
    gone = [path]
    if path.suffix.lower() == ".param" and path.with_suffix(".bin").is_file():
        gone.append(path.with_suffix(".bin"))
    for p in gone:
        p.unlink()
    return gone
