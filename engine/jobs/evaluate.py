"""The eval job: a model (and the bicubic baseline) over benchmark folders."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from engine.evaluation import DatasetScores, evaluate, load_benchmark
from engine.events import CancelToken, ProgressCallback
from engine.inference import make_upscale_fn
from engine.models.registry import ClassicalModel, make_upscaler, resolve_model


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
             progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None) -> EvalReport:
    """Score ``model`` at ``scale`` on each folder; fp32 and whole images by default, as
    published numbers are."""
    ref = resolve_model(model, scale)
    fn = make_upscale_fn(make_upscaler(ref, device, precision, self_ensemble, backend),
                          tile=tile)
    bic = make_upscale_fn(make_upscaler(ClassicalModel("bicubic", scale)))
    report = EvalReport(model=ref.name, scale=scale, self_ensemble=self_ensemble)
    for d in dataset_dirs:
        name = Path(d).resolve().name
        images = load_benchmark(d, scale)
        report.datasets[name] = evaluate(fn, images, scale, name=name, progress=progress,
                                         cancel=cancel)
        if with_baseline and not (isinstance(ref, ClassicalModel) and ref.method == "bicubic"):
            report.baseline[name] = evaluate(bic, images, scale, name=name, cancel=cancel)
        elif with_baseline:
            report.baseline[name] = report.datasets[name]
    return report
