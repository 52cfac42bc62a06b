"""``srstudio``: the command line, a thin layer over engine.jobs and the trainer.

Subcommands: upscale, eval, models, export-onnx, train, colorize, train-colorize,
selftest, serve.  Exit
codes, one table for every subcommand (engine/exit_codes.py): 0 success, 1 usage or setup
error (bad arguments or config, unknown or broken model), 2 some input failed (every good
file is still written), 130 cancelled (Ctrl-C or SIGTERM, at any moment).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from app.cli.eval_command import add_eval_parser, cmd_eval
from app.cli.exit_codes import EXIT_CANCELLED, EXIT_ERROR, EXIT_INPUT_FAILED, EXIT_OK
from app.cli.model_commands import (
    add_export_onnx_parser,
    add_models_parser,
    cmd_export_onnx,
    cmd_models,
)
from app.cli.progress import ProgressBar
from app.cli.selftest_command import add_selftest_parser, cmd_selftest


def _tile_arg(v: str) -> int | str | None:
    if v.lower() == "auto":
        return "auto"
    if v.lower() in ("none", "off", "0"):
        return None
    try:
        n = int(v)
    except ValueError:
        raise argparse.ArgumentTypeError(
            "tile must be a number of pixels, 'auto' or 'off'") from None
    if n < 16:
        raise argparse.ArgumentTypeError("tile must be at least 16 pixels")
    return n


def _add_upscale(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("upscale", help="upscale images and videos (files and folders, recursive)")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="output folder (or file, for one input); default: beside each input")
    p.add_argument("-m", "--model", default="auto",
                   help="fast, quality, a model name, a .safetensors path, or a resizer "
                        "(bicubic, lanczos, bilinear, nearest); default: quality, else fast")
    p.add_argument("-s", "--scale", type=int, default=None, choices=(2, 3, 4, 8),
                   help="default: the model's own scale for a weight file or model name, "
                        "else 4")
    p.add_argument("--tile", type=_tile_arg, default="auto", help="tile size in pixels, auto, off")
    p.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N, mps")
    p.add_argument("--precision", default="auto", choices=("auto", "fp32", "fp16", "bf16"))
    p.add_argument("--backend", default="auto", choices=("auto", "torch", "onnx"),
                   help="torch; onnx: ONNX Runtime (DirectML, CUDA, CoreML or CPU; fp32); "
                        "auto (default): torch, or ONNX Runtime where only it has a GPU")
    p.add_argument("--self-ensemble", action="store_true",
                   help="average the 8 flips/rotations: sharper (about +0.1-0.2 dB), 8x slower")
    p.add_argument("-f", "--format", dest="output_format", default=None,
                   choices=("png", "jpg", "webp", "tif", "bmp"), help="default: same as input")
    p.add_argument("-q", "--quality", type=int, default=95, help="JPEG/WebP quality")
    p.add_argument("--name", dest="name_pattern", default=None,
                   help="output name pattern ({stem}, {scale}, {model}); default: "
                        "{stem}_x{scale}_{model}, plus _color with --colorize")
    p.add_argument("--overwrite", action="store_true", help="replace existing outputs")
    p.add_argument("--skip-existing", action="store_true",
                   help="keep outputs that are already there (continue an interrupted batch)")
    p.add_argument("--max-pixels", type=int, default=None, help="refuse larger inputs")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--colorize", nargs="?", const="after", choices=("before", "after"),
                   help="colour gray images before or after upscaling (default: after)")
    p.add_argument("--colorize-model", default="colorize", metavar="NAME|PATH",
                   help="colorize model for --colorize (default: the shipped one)")
    c = p.add_argument_group("cluster (srstudio[cluster])")
    c.add_argument("--cluster", metavar="auto|ray://HOST:PORT", default=None,
                   help="run on a Ray cluster: auto joins a running one or starts a local "
                        "one; outputs are written by the workers (a shared folder)")
    c.add_argument("--cluster-workers", type=int, default=None, metavar="N",
                   help="at most N workers (default: one per GPU, else one per CPU)")
    v = p.add_argument_group("video")
    v.add_argument("--codec", default="h264",
                   choices=("h264", "h265", "vp9", "av1", "ffv1", "prores"),
                   help="video codec (ffv1 writes .mkv, prores .mov)")
    v.add_argument("--crf", type=int, default=18, help="video quality, lower is better")
    v.add_argument("--bitrate", default=None, help="video bitrate, e.g. 8M (overrides --crf)")
    v.add_argument("--preset", default="medium", help="encoder speed: ultrafast ... veryslow")
    v.add_argument("--hw", default="auto",
                   help="hardware encoder: auto (default: one that works here, else "
                        "software), nvenc, qsv, amf, videotoolbox, or none")
    v.add_argument("--restart", action="store_true",
                   help="ignore finished parts of an interrupted video job")
    v.add_argument("--segment-seconds", type=float, default=10.0, metavar="S",
                   help="video segment length: what a resume keeps and, with --cluster, "
                        "one task (default 10)")


def request_from_args(args: argparse.Namespace) -> Any:
    """The engine's one Request for ``srstudio upscale``'s options."""
    from engine.io import DEFAULT_MAX_PIXELS
    from engine.jobs.request import Request, VideoSettings
    from engine.models.registry import default_scale
    from engine.naming import DEFAULT_NAME_PATTERN

    return Request(
        model=args.model, scale=args.scale if args.scale is not None else default_scale(args.model),
        tile=args.tile, device=args.device, precision=args.precision,
        self_ensemble=args.self_ensemble, backend=args.backend, output=args.output,
        output_format=args.output_format, quality=args.quality,
        name_pattern=args.name_pattern or DEFAULT_NAME_PATTERN, overwrite=args.overwrite,
        skip_existing=args.skip_existing, max_pixels=args.max_pixels or DEFAULT_MAX_PIXELS,
        colorize=args.colorize, colorize_model=args.colorize_model,
        video=VideoSettings(codec=args.codec, crf=args.crf, bitrate=args.bitrate,
                            preset=args.preset, hw=args.hw, resume=not args.restart,
                            segment_seconds=args.segment_seconds))


def _result_line(r: Any) -> str:
    """'ok    in -> out (size, ..., 1.2s)' for one finished item."""
    from engine.jobs.video import VideoFileResult
    if r.skipped is not None:
        return f"skip  {r.input} ({r.skipped})"
    size = f"{r.output_size[0]}x{r.output_size[1]}" if r.output_size else "?"
    if isinstance(r, VideoFileResult):
        what = f"{size}, {r.frames} frames, {r.fps:.2f} fps"
        if r.resumed_frames:
            what += f", {r.resumed_frames} resumed"
    else:
        what = f"{size}, tile {'auto ' if r.auto_tile else ''}{r.tile}"
    if r.colorized:
        what += ", colorized"
    if r.model_reason:
        what = f"Auto → {r.model} ({r.model_reason}), {what}"
    return f"ok    {r.input} -> {r.output} ({what}, {r.seconds:.1f}s)"


def cmd_upscale(args: argparse.Namespace) -> int:
    from engine.errors import CancelledError, SRStudioError
    from engine.events import CancelToken, FileStarted, Finished, Warning_
    from engine.jobs.plan import plan_job
    from engine.jobs.run import run_plan
    from engine.jobs.upscale import BatchResult, FileResult
    from engine.jobs.video import has_unfinished_parts

    bar = ProgressBar() if not args.quiet else None
    err = sys.stderr

    def on_event(ev: object) -> None:
        if isinstance(ev, FileStarted) and bar is not None:
            bar.prefix = f"{ev.index + 1}/{ev.total} {ev.path.name[:30]} "
        elif isinstance(ev, Warning_):
            if bar is not None:
                bar.clear()
            err.write(f"warning {ev.message}\n")
        elif isinstance(ev, Finished) and isinstance(ev.result, FileResult):
            r = ev.result
            if bar is not None:
                bar.clear()
            if not r.ok:
                err.write(f"error {r.error}\n")
            elif not args.quiet:
                err.write(_result_line(r) + "\n")
        elif bar is not None:
            bar(ev)

    cancel = CancelToken()
    batch = BatchResult()
    plan = None
    cluster_line = ""
    try:
        if args.cluster:
            from engine.cluster import require_ray
            require_ray()   # before planning: one line saying how to install the extra
        plan = plan_job(args.inputs, request_from_args(args))
        if args.cluster:
            from engine.cluster import run_plan_on_cluster
            batch, stats = run_plan_on_cluster(plan, address=args.cluster, progress=on_event,
                                               cancel=cancel, workers=args.cluster_workers)
            cluster_line = stats.summary()
        else:
            batch = run_plan(plan, progress=on_event, cancel=cancel)
    except CancelledError:
        batch.cancelled = True
    except SRStudioError as e:
        err.write(f"srstudio: {e}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        cancel.cancel()
        if bar is not None:
            bar.clear()
        resumable = plan is not None and any(
            has_unfinished_parts(i.output) for i in plan.items if i.kind == "video")
        err.write("srstudio: cancelled; partial outputs were removed"
                  + ("; run the same command again to resume the video" if resumable else "")
                  + "\n")
        return EXIT_CANCELLED
    n_ok = sum(f.ok and f.skipped is None for f in batch.files)
    n_skip = sum(f.skipped is not None for f in batch.files)
    n_bad = len(batch.failed)
    if not batch.files:
        err.write("srstudio: no input files found\n")
        return EXIT_INPUT_FAILED
    secs = sum(f.seconds for f in batch.files)
    skipped = f", {n_skip} skipped" if n_skip else ""
    if cluster_line and not args.quiet:
        err.write(cluster_line + "\n")
    err.write(f"done: {n_ok} written, {n_bad} failed{skipped}, {secs:.1f}s\n")
    if batch.cancelled:
        return EXIT_CANCELLED
    return EXIT_INPUT_FAILED if n_bad else EXIT_OK


# --- colorization (engine.colorize): `colorize` and `upscale --colorize` ---------------
def _colorize_when_default(argv: list[str]) -> list[str]:
    """``upscale --colorize INPUT``: a bare --colorize means 'after' (not INPUT)."""
    out = list(argv)
    for i, a in enumerate(out):
        if a == "--colorize" and (i + 1 == len(out) or out[i + 1] not in ("before", "after")):
            out.insert(i + 1, "after")
            break
    return out


def _add_colorize(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("colorize", help="colour gray images (files and folders, recursive)",
                       description="Colour black-and-white images with a colorization "
                                   "network (Zhang et al. 2016). Colour inputs are skipped "
                                   "unless --recolor is given.")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="output folder (or file, for one input); default: beside each input")
    p.add_argument("-m", "--model", default="colorize",
                   help="colorize model name or .safetensors path (default: the shipped one)")
    p.add_argument("--recolor", action="store_true",
                   help="also colour colour images again (their colour is dropped first)")
    p.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N, mps")
    p.add_argument("-f", "--format", dest="output_format", default=None,
                   choices=("png", "jpg", "webp", "tif", "bmp"), help="default: same as input")
    p.add_argument("-q", "--quality", type=int, default=95, help="JPEG/WebP quality")
    p.add_argument("--name", dest="name_pattern", default="{stem}_color",
                   help="output name pattern ({stem})")
    p.add_argument("--overwrite", action="store_true", help="replace existing outputs")
    p.add_argument("--max-pixels", type=int, default=None, help="refuse larger inputs")
    p.add_argument("--quiet", action="store_true")


def cmd_colorize(args: argparse.Namespace) -> int:
    from engine.errors import SRStudioError
    from engine.events import CancelToken, Finished
    from engine.io import DEFAULT_MAX_PIXELS
    from engine.jobs.colorize import ColorizeOptions, run_colorize_batch
    from engine.jobs.upscale import FileResult

    opts = ColorizeOptions(model=args.model, device=args.device, recolor=args.recolor,
                           output_format=args.output_format, quality=args.quality,
                           name_pattern=args.name_pattern, overwrite=args.overwrite,
                           max_pixels=args.max_pixels or DEFAULT_MAX_PIXELS)
    err = sys.stderr

    def on_event(ev: object) -> None:
        if not (isinstance(ev, Finished) and isinstance(ev.result, FileResult)):
            return
        r = ev.result
        if not r.ok:
            err.write(f"error {r.error}\n")
        elif r.skipped:
            err.write(f"skip  {r.input}: {r.skipped}\n")
        elif not args.quiet:
            err.write(f"ok    {r.input} -> {r.output} ({r.seconds:.1f}s)\n")

    cancel = CancelToken()
    try:
        batch = run_colorize_batch(args.inputs, args.output, opts, progress=on_event,
                                   cancel=cancel)
    except SRStudioError as e:
        err.write(f"srstudio: {e}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        cancel.cancel()
        err.write("srstudio: cancelled\n")
        return EXIT_CANCELLED
    if not batch.files:
        err.write("srstudio: no input files found\n")
        return EXIT_INPUT_FAILED
    n_ok = sum(f.ok and f.output is not None for f in batch.files)
    n_skip = sum(f.ok and f.output is None for f in batch.files)
    n_bad = len(batch.failed)
    err.write(f"done: {n_ok} colorized, {n_skip} skipped, {n_bad} failed\n")
    if batch.cancelled:
        return EXIT_CANCELLED
    return EXIT_INPUT_FAILED if n_bad else EXIT_OK



def build_parser() -> argparse.ArgumentParser:
    from app.cli.exit_codes import ArgumentParser  # usage errors exit 1, not argparse's 2
    p = ArgumentParser(prog="srstudio", description="SR Studio: image and video "
                       "super-resolution from the command line.")
    from app import __version__
    p.add_argument("--version", action="version", version=f"srstudio {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    _add_upscale(sub)
    add_eval_parser(sub, _tile_arg)
    add_models_parser(sub)
    add_export_onnx_parser(sub)
    _add_colorize(sub)
    from app.server.cli import add_serve_parser  # FastAPI is imported only by `serve`
    add_serve_parser(sub)
    add_selftest_parser(sub)
    try:
        from trainer.cli import add_train_parser
        add_train_parser(sub)
        from trainer.colorize.cli import add_train_colorize_parser
        add_train_colorize_parser(sub)
    except ImportError:  # the trainer is optional: the lean build says so in one line
        for name in ("train", "train-colorize"):
            stub = sub.add_parser(name, help="(needs the full build, SR Studio Pro)")
            stub.add_argument("rest", nargs=argparse.REMAINDER)
            stub.set_defaults(needs_full_build=f"srstudio {name}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``srstudio``; SIGTERM acts as Ctrl-C, and either gives exit 130 and one line."""
    from app.cli.signals import run_interruptible
    return run_interruptible(lambda: _main(argv))


def _main(argv: Sequence[str] | None = None) -> int:
    argv = _colorize_when_default(list(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(argv)
    if getattr(args, "needs_full_build", None):
        from engine.models.builds import full_build_message
        sys.stderr.write(f"srstudio: {full_build_message(args.needs_full_build)}\n")
        return EXIT_ERROR
    if args.command == "upscale":
        return cmd_upscale(args)
    if args.command == "eval":
        return cmd_eval(args)
    if args.command == "models":
        return cmd_models(args)
    if args.command == "export-onnx":
        return cmd_export_onnx(args)
    if args.command == "train":
        from trainer.cli import run_train
        return run_train(args)
    if args.command == "colorize":
        return cmd_colorize(args)
    if args.command == "serve":
        from app.server.cli import cmd_serve
        return cmd_serve(args)
    if args.command == "selftest":
        return cmd_selftest(args)
    if args.command == "train-colorize":
        from trainer.colorize.cli import run_train_colorize
        return run_train_colorize(args)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
