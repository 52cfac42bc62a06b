"""Self-check and reference scoring: how good is a model on *this* image?

Self-check (no reference needed): the image itself is taken as the ground-truth HR, its
LR is made with the protocol's MATLAB bicubic (:func:`engine.evaluation.make_lr`), and
each chosen model plus bicubic upscales that LR back; scores come from
:func:`engine.evaluation.evaluate`, the very function ``srstudio eval`` uses, so the
GUI's numbers equal the CLI's for a one-image dataset holding the same file.

NIQE (no reference, lower is more natural) of each model's self-check output and of the
image itself (both shaved by ``s``, as ``srstudio eval`` scores its SR and HR NIQE), so a
model can be compared with the image's own naturalness without any ground truth.

Reference scoring: a user who has the true HR of an input scores the output (and bicubic
of the input) against it with the same protocol metrics, plus the output's NIQE.

No Qt here; the GUI runs these in a worker thread.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from engine.evaluation import BenchmarkImage, _as_8bit, evaluate, make_lr, niqe_or_nan
from engine.events import CancelToken, ProgressCallback, RateMeter, Started, emit
from engine.metrics import align_for_eval, sr_metrics
from engine.metrics.heatmap import abs_diff_heatmap

BICUBIC = "bicubic"


@dataclass
class CheckEntry:
    """Scores of one upscaler; ``sr`` is kept so a heat map can be drawn on demand."""

    name: str
    scores: dict[str, float]
    seconds: float
    sr: np.ndarray = field(repr=False)


@dataclass
class SelfCheckResult:
    scale: int
    hr: np.ndarray = field(repr=False)   # the modcropped ground truth
    lr: np.ndarray = field(repr=False)
    entries: list[CheckEntry] = field(default_factory=list)
    niqe_input: float | None = None   # NIQE of the image itself (NaN: too small for NIQE)

    def entry(self, name: str) -> CheckEntry:
        for e in self.entries:
            if e.name == name:
                return e
        raise KeyError(name)

    def heatmap(self, name: str, gain: float = 8.0) -> np.ndarray:
        """False-colour |SR - HR| of entry ``name`` (HR size, uint8 RGB)."""
        return abs_diff_heatmap(self.entry(name).sr, self.hr, gain=gain)


def hr_from_pixels(pixels: np.ndarray) -> np.ndarray:
    """8-bit (H, W) or (H, W, 3) ground truth, exactly as ``load_benchmark`` prepares it."""
    return _as_8bit(np.asarray(pixels))


def hr_from_file(path: str | os.PathLike[str]) -> np.ndarray:
    """Read ``path`` the way ``srstudio eval`` reads an HR file."""
    from engine.io import read_image
    return hr_from_pixels(read_image(path).pixels)


def _upscale_fn(model: str, scale: int, device: str, precision: str,
                tile: int | str | None):
    from engine.inference import make_upscale_fn
    from engine.inference.factory import make_upscaler
    from engine.models.registry import resolve_model
    ref = resolve_model(model, scale)
    # torch, as 'srstudio eval' scores by default: the self-check promises the same numbers
    return make_upscale_fn(make_upscaler(ref, device, precision, backend="torch"),
                           tile=tile), ref.name


def self_check(hr_pixels: np.ndarray, scale: int, models: Sequence[str], *,
               name: str = "image", device: str = "auto", precision: str = "fp32",
               tile: int | str | None = None, include_bicubic: bool = True,
               with_niqe: bool = True, progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None) -> SelfCheckResult:
    """Score each of ``models`` (names as ``resolve_model`` takes them) and bicubic.

    ``hr_pixels`` is the decoded image (uint8/uint16, gray or RGB, no alpha).  fp32 and
    whole images by default, like ``srstudio eval``.  With ``with_niqe`` each entry's
    scores have 'niqe' and the result ``niqe_input`` (NaN where the image is under two
    96x96 blocks).
    """
    hr_full = hr_from_pixels(hr_pixels)
    lr, hr = make_lr(hr_full, scale)
    img = BenchmarkImage(name, lr, hr)
    wanted = [m for m in models if m.lower() != BICUBIC]
    if include_bicubic:
        wanted.append(BICUBIC)
    result = SelfCheckResult(scale=scale, hr=hr, lr=lr)
    meter = RateMeter(len(wanted))
    emit(progress, Started("self-check", len(wanted), name))
    for i, model in enumerate(wanted):
        if cancel is not None:
            cancel.raise_if_cancelled()
        fn, label = _upscale_fn(model, scale, device, precision, tile)
        captured: dict[str, np.ndarray] = {}

        def capture(x: np.ndarray, fn=fn, captured=captured) -> np.ndarray:
            captured["sr"] = out = fn(x)
            return out

        t0 = time.perf_counter()
        scores = evaluate(capture, [img], scale, name=name, with_niqe=with_niqe,
                          cancel=cancel)
        values = {"psnr_y": scores.psnr_y, "ssim_y": scores.ssim_y,
                  "psnr_rgb": scores.psnr_rgb, "ssim_rgb": scores.ssim_rgb}
        if with_niqe and scores.niqe is not None:
            values["niqe"] = scores.niqe
            result.niqe_input = img.niqe_hr
        result.entries.append(CheckEntry(
            name=label, seconds=time.perf_counter() - t0, sr=captured["sr"], scores=values))
        emit(progress, meter.update(i + 1, label))
    return result


@dataclass
class ReferenceScores:
    output: dict[str, float]
    bicubic: dict[str, float] | None


def reference_scores(output: np.ndarray, reference: np.ndarray, scale: int,
                     input_pixels: np.ndarray | None = None) -> ReferenceScores:
    """Protocol metrics of ``output`` (and of bicubic of ``input_pixels``) vs ``reference``.

    The reference may be up to ``scale - 1`` pixels larger than the output (an HR whose
    size is not a multiple of the scale); it is cropped as :func:`align_for_eval` does.
    """
    ref = hr_from_pixels(reference)
    out = hr_from_pixels(output)
    sr, hr = align_for_eval(out, ref, scale)
    res = ReferenceScores(output={**sr_metrics(sr, hr, scale),
                                  "niqe": niqe_or_nan(sr, scale)}, bicubic=None)
    if input_pixels is not None:
        fn, _ = _upscale_fn(BICUBIC, scale, "cpu", "fp32", None)
        bic = fn(hr_from_pixels(input_pixels))
        b_sr, b_hr = align_for_eval(bic, ref, scale)
        res.bicubic = {**sr_metrics(b_sr, b_hr, scale), "niqe": niqe_or_nan(b_sr, scale)}
    return res
