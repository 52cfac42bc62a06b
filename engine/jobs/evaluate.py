"""The eval job: a model (and the bicubic baseline) over benchmark folders, or NIQE of
folders of images without HR (:func:`run_eval_no_reference`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from engine.evaluation import (
    DatasetScores,
    NoReferenceScores,
    evaluate,
    evaluate_no_reference,
    list_images,
    load_benchmark,
)
from engine.events import CancelToken, ProgressCallback
from engine.inference import make_upscale_fn
from engine.inference.factory import make_upscaler
from engine.models.registry import ClassicalModel, default_scale, resolve_model

NO_MODEL = "none"   # --model none: score the images as they are


@dataclass
class EvalReport:
    model: str
    scale: int
    datasets: dict[str, DatasetScores] = field(default_factory=dict)
    baseline: dict[str, DatasetScores] = field(default_factory=dict)
    self_ensemble: bool = False

    def as_json(self) -> dict:
        out = {"model": self.model, "scale": self.scale,
               "datasets": {k: v.as_dict() for k, v in self.datasets.items()},
               "bicubic": {k: v.as_dict() for k, v in self.baseline.items()}}
        if self.self_ensemble:
            out["self_ensemble"] = True
        return out


def run_eval(model: str, scale: int, dataset_dirs: list[str | os.PathLike[str]], *,
             device: str = "auto", precision: str = "fp32", tile: int | str | None = None,
             self_ensemble: bool = False, with_baseline: bool = True, backend: str = "torch",
             with_niqe: bool = True, progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None) -> EvalReport:
    """Score ``model`` at ``scale`` on each folder; fp32 and whole images by default, as
    published numbers are.  NIQE (of the outputs and of HR) unless ``with_niqe=False``."""
    ref = resolve_model(model, scale)
    fn = make_upscale_fn(make_upscaler(ref, device, precision, self_ensemble, backend),
                          tile=tile)
    bic = make_upscale_fn(make_upscaler(ClassicalModel("bicubic", scale)))
    report = EvalReport(model=ref.name, scale=scale, self_ensemble=self_ensemble)
    for d in dataset_dirs:
        name = Path(d).resolve().name
        images = load_benchmark(d, scale)
        report.datasets[name] = evaluate(fn, images, scale, name=name, with_niqe=with_niqe,
                                         progress=progress, cancel=cancel)
        if with_baseline and not (isinstance(ref, ClassicalModel) and ref.method == "bicubic"):
            report.baseline[name] = evaluate(bic, images, scale, name=name,
                                             with_niqe=with_niqe, cancel=cancel)
        elif with_baseline:
            report.baseline[name] = report.datasets[name]
    return report


@dataclass
class NoReferenceReport:
    model: str | None                  # None: the images themselves were scored
    scale: int | None
    datasets: dict[str, NoReferenceScores] = field(default_factory=dict)
    self_ensemble: bool = False

    def as_json(self) -> dict:
        out = {"model": self.model, "scale": self.scale, "no_reference": True,
               "datasets": {k: v.as_dict(per_image=True) for k, v in self.datasets.items()}}
        if self.self_ensemble:
            out["self_ensemble"] = True
        return out


def run_eval_no_reference(model: str | None, scale: int | None,
                          dirs: list[str | os.PathLike[str]], *, device: str = "auto",
                          precision: str = "fp32", tile: int | str | None = None,
                          self_ensemble: bool = False, backend: str = "torch",
                          progress: ProgressCallback | None = None,
                          cancel: CancelToken | None = None) -> NoReferenceReport:
    """NIQE of the images in each folder (no HR needed) and, unless ``model`` is None or
    'none', of their upscaled outputs at ``scale`` (default: the model's own, as
    ``upscale`` chooses it)."""
    fn = None
    label: str | None = None
    if model is not None and model.lower() != NO_MODEL:
        scale = scale if scale is not None else default_scale(model)
        ref = resolve_model(model, scale)
        fn = make_upscale_fn(make_upscaler(ref, device, precision, self_ensemble, backend),
                             tile=tile)
        label = ref.name
    else:
        scale, self_ensemble = None, False
    report = NoReferenceReport(model=label, scale=scale, self_ensemble=self_ensemble)
    for d in dirs:
        name = Path(d).resolve().name
        report.datasets[name] = evaluate_no_reference(fn, list_images(d), scale, name=name,
                                                      progress=progress, cancel=cancel)
    return report
