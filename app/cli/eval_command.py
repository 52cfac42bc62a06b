"""``srstudio eval``: the SR protocol (PSNR/SSIM, plus NIQE) on benchmark folders, or NIQE
of plain folders of images without HR (``--no-reference``).

Both are thin layers over :mod:`engine.jobs.evaluate`, which calls the one implementation
of the protocol, :mod:`engine.evaluation`.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.cli.exit_codes import EXIT_ERROR, EXIT_OK
from app.cli.progress import ProgressBar

if TYPE_CHECKING:
    from engine.jobs.evaluate import EvalReport, NoReferenceReport


def add_eval_parser(sub: argparse._SubParsersAction,
                    tile_arg: Callable[[str], int | str | None]) -> None:
    p = sub.add_parser(
        "eval", help="PSNR/SSIM/NIQE on benchmark folders; NIQE alone with --no-reference",
        description="Score a model on benchmark folders (HR/ and optionally "
                    "LR_bicubic/X{s}/) with the standard SR protocol: PSNR and SSIM on Y and "
                    "RGB, and NIQE (no reference, lower is better) of the outputs and of "
                    "the HR images. With --no-reference, score plain folders of images "
                    "that have no HR: NIQE of each image and, with --model, of its "
                    "upscaled output.")
    p.add_argument("datasets", nargs="+", metavar="DATASET_DIR")
    p.add_argument("-m", "--model", default=None,
                   help="model or resizer to score (required unless --no-reference; "
                        "with --no-reference, 'none' or no --model scores the images "
                        "themselves)")
    p.add_argument("-s", "--scale", type=int, default=None, choices=(2, 3, 4, 8),
                   help="required unless --no-reference (where the default is the "
                        "model's own scale, else 4)")
    p.add_argument("--no-reference", action="store_true",
                   help="the folders hold images without HR: report NIQE only")
    p.add_argument("--no-niqe", action="store_true",
                   help="skip NIQE (PSNR/SSIM only; about 0.03 s less per 512x512 image)")
    p.add_argument("--device", default="auto")
    p.add_argument("--precision", default="fp32", choices=("auto", "fp32", "fp16", "bf16"))
    p.add_argument("--backend", default="torch", choices=("torch", "onnx"),
                   help="torch, or onnx: ONNX Runtime (CUDA, DirectML, CoreML or CPU; fp32)")
    p.add_argument("--tile", type=tile_arg, default=None, help="default: whole images")
    p.add_argument("--self-ensemble", action="store_true",
                   help="score the model averaged over the 8 flips/rotations")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def _finite(v: float | None) -> bool:
    return v is not None and math.isfinite(v)


def _f(v: float | None, width: int, digits: int = 2) -> str:
    """A number right-aligned in ``width``; '-' for a missing or undefined one."""
    if not _finite(v):
        return f"{'-':>{width}}"
    return f"{v:>{width}.{digits}f}"


def cmd_eval(args: argparse.Namespace) -> int:
    from engine.errors import SRStudioError
    from engine.jobs.evaluate import NO_MODEL, run_eval, run_eval_no_reference

    err = sys.stderr
    no_model = args.model is None or args.model.lower() == NO_MODEL
    if args.no_reference:
        if no_model and args.scale is not None:
            err.write("srstudio eval: --scale needs a --model (without one, --no-reference "
                      "scores the images as they are)\n")
            return EXIT_ERROR
    elif no_model or args.scale is None:
        err.write("srstudio eval: --model and --scale are required (or use --no-reference "
                  "for images without HR)\n")
        return EXIT_ERROR
    progress = None if args.json else ProgressBar(prefix="eval ")
    opts = {"device": args.device, "precision": args.precision, "tile": args.tile,
            "self_ensemble": args.self_ensemble, "backend": args.backend,
            "progress": progress}
    try:
        if args.no_reference:
            rep = run_eval_no_reference(None if no_model else args.model, args.scale,
                                        args.datasets, **opts)
        else:
            rep = run_eval(args.model, args.scale, args.datasets,
                           with_niqe=not args.no_niqe, **opts)
    except SRStudioError as e:
        err.write(f"srstudio: {e}\n")
        return EXIT_ERROR
    if args.json:
        print(json.dumps(rep.as_json()))
    elif args.no_reference:
        _print_no_reference(rep)
    else:
        _print_benchmark(rep, with_niqe=not args.no_niqe)
    return EXIT_OK


def _print_benchmark(rep: EvalReport, with_niqe: bool) -> None:
    print(f"{rep.model} x{rep.scale}" + (" (x8 self-ensemble)" if rep.self_ensemble else ""))
    head = (f"{'dataset':<10} {'images':>6} {'PSNR-Y':>8} {'SSIM-Y':>7} {'PSNR-RGB':>9} "
            f"{'SSIM-RGB':>9}")
    head += f" {'NIQE':>6}" if with_niqe else ""
    head += f" {'bicubic PSNR-Y':>15}"
    head += f" {'bicubic NIQE':>13} {'HR NIQE':>8}" if with_niqe else ""
    print(head)
    for name, sc in rep.datasets.items():
        b = rep.baseline.get(name)
        line = (f"{name:<10} {sc.images:>6} {sc.psnr_y:>8.2f} {sc.ssim_y:>7.4f} "
                f"{sc.psnr_rgb:>9.2f} {sc.ssim_rgb:>9.4f}")
        line += f" {_f(sc.niqe, 6)}" if with_niqe else ""
        line += f" {_f(b.psnr_y if b else None, 15)}"
        if with_niqe:
            line += f" {_f(b.niqe if b else None, 13)} {_f(sc.niqe_hr, 8)}"
        print(line)
    if with_niqe:
        print("NIQE: no reference, lower is more natural (of the outputs, shaved like PSNR)")
        if any(not _finite(sc.niqe) for sc in rep.datasets.values()):
            print("'-': every image is smaller than two 96x96 blocks (NIQE is undefined)")


def _print_no_reference(rep: NoReferenceReport) -> None:
    model = rep.model is not None
    title = (f"{rep.model} x{rep.scale}" + (" (x8 self-ensemble)" if rep.self_ensemble else "")
             if model else "the images as they are")
    print(f"NIQE (no reference, lower is more natural) of {title}")
    width = max([10] + [len(k) for d in rep.datasets.values() for k in d.per_image]) + 2
    head = f"{'image':<{width}} {'input NIQE' if model else 'NIQE':>11}"
    print(head + (f" {'output NIQE':>12}" if model else ""))
    for name, ds in rep.datasets.items():
        print(f"{name}/")
        for img, sc in ds.per_image.items():
            line = f"  {img:<{width - 2}} {_f(sc['niqe_input'], 11)}"
            print(line + (f" {_f(sc['niqe_output'], 12)}" if model else ""))
        line = f"  {'mean':<{width - 2}} {_f(ds.niqe_input, 11)}"
        print(line + (f" {_f(ds.niqe_output, 12)}" if model else ""))
    if any(not _finite(v) for d in rep.datasets.values() for sc in d.per_image.values()
           for v in sc.values()):
        print("'-': smaller than two 96x96 blocks (NIQE is undefined), left out of the mean")
