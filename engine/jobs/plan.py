"""Plan a job: inputs (files, folders, videos, mixed) + a request -> what will happen.

A plan lists every item once (the same file given twice, or a file and its folder, is
one item), says whether it is an image or a video, which model runs it (``auto`` decides
per input by its content: :mod:`engine.content`), where its output goes, and what is
skipped and why (collisions, outputs already there with ``skip_existing``).  Nothing is
loaded or written; torch is not imported, so a driver can show the plan at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from engine.content import ContentReport, assess_content
from engine.errors import ImageReadError
from engine.io import iter_image_files, unread_images_note
from engine.jobs.outputs import output_path_for, video_output_path
from engine.jobs.request import Request
from engine.models.registry import (
    ModelInfo,
    ModelRef,
    auto_candidates,
    list_models,
    resolve_model,
)
from engine.video.files import is_video, iter_video_files

Kind = Literal["image", "video"]


@dataclass(frozen=True)
class PlanItem:
    input: Path
    kind: Kind
    output: Path
    model: ModelRef
    model_reason: str = ""        # why ``auto`` chose the model ('' when named)
    skip: str | None = None       # why the item will not run (None: it runs)
    root: Path | None = None      # the folder it was found under (outputs mirror below it)

    @property
    def model_name(self) -> str:
        return self.model.name


@dataclass
class Plan:
    request: Request
    items: list[PlanItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # warnings for the user, one line each

    @property
    def to_run(self) -> list[PlanItem]:
        return [i for i in self.items if i.skip is None]

    def models(self) -> list[ModelRef]:
        """Distinct models the runnable items need, in first-use order."""
        seen: dict[str, ModelRef] = {}
        for i in self.to_run:
            seen.setdefault(_model_key(i.model), i.model)
        return list(seen.values())


def _model_key(ref: ModelRef) -> str:
    path = getattr(ref, "path", None)
    return f"{ref.name}|{path}" if path is not None else f"{ref.name}|x{ref.scale}"


def _collect(inputs: Sequence[str | os.PathLike[str]], roots: Mapping[Path, Path] | None
             ) -> tuple[list[tuple[Path, Path | None, Kind]], list[str]]:
    """Every image and video under ``inputs`` once, with the folder it came from (a folder
    input's own, or ``roots[file]`` for a file a driver found in a folder itself)."""
    seen: set[str] = set()
    out: list[tuple[Path, Path | None, Kind]] = []
    dupes: list[str] = []
    for raw in inputs:
        p = Path(raw)
        root = p if p.is_dir() else (roots or {}).get(p)
        found: list[tuple[Path, Kind]] = []
        if p.is_file() and is_video(p):
            found.append((p, "video"))
        else:
            found += [(f, "image") for f in iter_image_files([p])]
            if p.is_dir():
                found += [(f, "video") for f in iter_video_files([p])]
        for f, kind in found:
            key = os.path.normcase(os.path.realpath(f))
            if key in seen:
                dupes.append(f.name)
                continue
            seen.add(key)
            out.append((f, root, kind))
    notes = []
    if dupes:
        notes.append(f"{len(dupes)} input(s) were given more than once and run once "
                     f"(e.g. {dupes[0]})")
    return out, notes


AutoChooser = Callable[[Path, Kind], tuple[ModelRef, str]]


def auto_chooser(request: Request, models: list[ModelInfo] | None = None,
                 assess: Callable[[Path], ContentReport] = assess_content) -> AutoChooser:
    """``auto`` per input: the ``photo`` model for compressed or noisy pictures and for
    videos (compressed video is the usual case), else the best clean model for the scale
    (:func:`pick_auto`).  Returns (model, reason)."""
    models = list_models() if models is None else models
    scale = request.scale
    clean, photo = auto_candidates(models, scale)

    def choose(path: Path, kind: Kind) -> tuple[ModelRef, str]:
        if clean is None and photo is None:
            resolve_model("auto", scale)  # raises the registry's one-line message
        if photo is None:
            assert clean is not None
            return clean, "no photo model for this scale"
        if kind == "video":
            return photo, "video (compressed)"
        try:
            report = assess(path)
        except (ImageReadError, OSError):
            return clean or photo, "unreadable: checked when it runs"
        if report.degraded or clean is None:
            return photo, report.reason
        return clean, report.reason

    return choose


def plan_job(inputs: Sequence[str | os.PathLike[str]], request: Request, *,
             chooser: AutoChooser | None = None,
             roots: Mapping[Path, Path] | None = None) -> Plan:
    """The plan of ``request`` over ``inputs``; raises RequestError / UnsupportedModelError
    (one line) when the request cannot run at all.  ``roots``: for files a driver listed
    from a folder (the app's queue), that folder, so outputs mirror the sub-folders."""
    request.validate()
    items, notes = _collect(inputs, roots)
    plan = Plan(request, notes=notes)
    note = unread_images_note(list(inputs))
    if note is not None:
        plan.notes.append(note)
    missing = [str(p) for p in inputs if not Path(p).exists()]
    if missing:
        plan.notes.append(f"not found: {', '.join(missing[:3])}"
                          + (f" and {len(missing) - 3} more" if len(missing) > 3 else ""))
    auto = request.model.strip().lower() == "auto"
    fixed: ModelRef | None = None
    if auto:
        chooser = chooser or auto_chooser(request)
    else:
        fixed = resolve_model(request.model, request.scale)
    out = Path(request.output) if request.output else None
    if out is not None and len(items) > 1 and out.suffix:
        out = out.with_suffix("")  # several inputs: treat OUT as a folder
    claimed: dict[Path, Path] = {}
    for f, root, kind in items:
        if fixed is not None:
            model, why = fixed, ""
        else:
            assert chooser is not None
            model, why = chooser(f, kind)
        target = (video_output_path(f, out, request, request.video.codec, model.name, root,
                                    colorize=request.colorize,
                                    keep_subtitles=request.video.keep_subtitles)
                  if kind == "video" else output_path_for(f, root, out, request, model.name))
        skip = None
        key = Path(os.path.normcase(os.path.abspath(target)))
        if key in claimed:
            skip = f"same output as {claimed[key].name}: {target.name}"
        elif request.skip_existing and target.exists():
            skip = "already done"
        claimed.setdefault(key, f)
        plan.items.append(PlanItem(f, kind, target, model, why, skip, root))
    return plan


def describe_choice(item: PlanItem) -> str:
    """'Auto → photo_x4 (JPEG, quality ≈ 70)' for an auto choice, else the model name."""
    if item.model_reason:
        return f"Auto → {item.model_name} ({item.model_reason})"
    return item.model_name


