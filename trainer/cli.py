"""``srstudio train CONFIG [--set key=value ...] [--resume] [--out DIR] [--steps N]
[--device D]``: the trainer on the command line; ``srstudio train --schema`` prints the
recipe's JSON schema (every key, its type and default).

The main ``srstudio`` parser calls :func:`add_train_parser` and :func:`run_train`.  Exit
codes are every command's (:mod:`engine.exit_codes`): 0 done, 1 a bad config or other
error (one line on stderr), 130 stopped with Ctrl-C or SIGTERM (after ``last.pt`` was
written; continue with ``--resume``).  The first Ctrl-C asks the
loop to stop cleanly between steps; a second one interrupts at once.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from engine.errors import ConfigError, SRStudioError
from engine.events import CancelToken, Progress, Started, Warning_
from engine.exit_codes import EXIT_CANCELLED, EXIT_ERROR, EXIT_OK
from trainer.events import CheckpointSaved, StepLogged, Validated

EXIT_CONFIG = EXIT_ERROR   # a bad config is a setup error, as for every command (was 2)


def add_train_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "train", help="train or fine-tune a network from a recipe (TOML/YAML)",
        description="Train a super-resolution network. Relative paths in CONFIG are "
                    "relative to CONFIG's folder; paths in --set/--out to the current folder.")
    add_train_arguments(p)
    return p


def add_train_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("config", metavar="CONFIG", nargs="?", help="recipe file (.toml, .yaml)")
    p.add_argument("--schema", action="store_true",
                   help="print the recipe's JSON schema (keys, types, defaults) and exit")
    p.add_argument("--set", dest="overrides", action="append", default=[],
                   metavar="KEY=VALUE", help="override a config value, e.g. optim.lr=5e-4 "
                                             "(repeatable)")
    p.add_argument("--resume", action="store_true", help="continue from OUT/last.pt")
    p.add_argument("--out", metavar="DIR", help="run folder (default: ./runs/<recipe>)")
    p.add_argument("--steps", type=int, metavar="N", help="total training steps")
    p.add_argument("--device", metavar="D", help="auto, cpu, cuda, cuda:N, mps")
    p.add_argument("--quiet", action="store_true", help="print only validation lines")


def _fmt_time(s: float | None) -> str:
    if s is None:
        return "--:--"
    s = int(s)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else \
        f"{s // 60}:{s % 60:02d}"


class TrainPrinter:
    """One compact line per log step, one per validation, warnings as they come; a trainer
    with other validation events overrides :meth:`validation_line`."""

    def __init__(self, out: TextIO, quiet: bool) -> None:
        self.out, self.quiet = out, quiet
        self.total, self.rate, self.eta = 0, None, None

    def __call__(self, ev: Any) -> None:
        if isinstance(ev, Started) and ev.what == "load images":
            self._line(f"loading {ev.total} training images...")
        elif isinstance(ev, Started) and ev.what == "train":
            self.total = ev.total
            self._line(f"train {ev.detail}: {ev.total} steps")
        elif isinstance(ev, Progress) and ev.detail == "train":
            self.rate, self.eta = ev.rate, ev.eta_s
        elif isinstance(ev, StepLogged) and not self.quiet:
            terms = " ".join(f"{k} {v:.4g}" for k, v in ev.loss_terms.items()
                             if len(ev.loss_terms) > 1)
            rate = f"{self.rate:.1f} it/s" if self.rate else "-- it/s"
            self._line(f"step {ev.step:>{len(str(self.total))}}/{self.total} "
                       f"loss {ev.loss:.5f}{' (' + terms + ')' if terms else ''} "
                       f"lr {ev.lr:.2e} {rate} eta {_fmt_time(self.eta)}")
        elif isinstance(ev, CheckpointSaved) and not self.quiet:
            pass  # implied by the step lines; the final path is printed at the end
        elif isinstance(ev, Warning_):
            self._line(f"warning: {ev.message}")
        else:
            line = self.validation_line(ev)
            if line is not None:
                self._line(line)

    def validation_line(self, ev: Any) -> str | None:
        """The line for a validation event (None: not one)."""
        if not isinstance(ev, Validated):
            return None
        base = f" bicubic {ev.bicubic_psnr_y:.2f}" if ev.bicubic_psnr_y is not None else ""
        return (f"val  step {ev.step} {ev.dataset}: Y-PSNR {ev.psnr_y:.2f} dB "
                f"SSIM {ev.ssim_y:.4f} (best {ev.best_psnr_y:.2f}{base})"
                f"{' *' if ev.is_best else ''}")

    def _line(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


def run_training_command(args: argparse.Namespace, command: str,
                         load: Callable[[str, list[str]], Any],
                         train_fn: Callable[..., Any], printer: Callable[[Any], None],
                         best_text: Callable[[Any], str],
                         schema: Callable[[], dict[str, Any]] | None = None) -> int:
    """The shared body of ``srstudio train`` and ``srstudio train-colorize``: apply the
    command-line overrides, run with a first-Ctrl-C-stops-cleanly handler, map errors to
    exit codes and print the summary (``best_text(result)`` adds the task's best score).
    With ``--schema`` it prints ``schema()`` instead, for tools and forms to build on."""
    err = sys.stderr
    if getattr(args, "schema", False) and schema is not None:
        print(json.dumps(schema(), indent=2))
        return EXIT_OK
    if args.config is None:
        err.write(f"srstudio {command}: give a recipe file (CONFIG), or --schema\n")
        return EXIT_CONFIG
    overrides = list(args.overrides or [])
    if args.out:
        overrides.append(f"run.out_dir={args.out}")
    if args.steps is not None:
        overrides.append(f"run.steps={args.steps}")
    if args.device:
        overrides.append(f"run.device={args.device}")
    cancel = CancelToken()

    def on_sigint(_sig: int, _frame: Any) -> None:
        if cancel.cancelled:
            raise KeyboardInterrupt
        err.write("stopping after this step (Ctrl-C again to abort now)...\n")
        cancel.cancel()

    try:
        previous = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not the main thread
        previous = None
    try:
        cfg = load(args.config, overrides)
        res = train_fn(cfg, printer, cancel, resume=bool(args.resume))
    except ConfigError as e:
        err.write(f"srstudio {command}: {e}\n")
        return EXIT_CONFIG
    except SRStudioError as e:
        err.write(f"srstudio {command}: {e}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.write(f"srstudio {command}: interrupted (last.pt holds the last checkpoint)\n")
        return EXIT_CANCELLED
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if res.cancelled:
        err.write(f"stopped at step {res.steps}; continue with --resume "
                  f"(checkpoint {res.checkpoint})\n")
        return EXIT_CANCELLED
    best = best_text(res) if res.best_weights else ""
    print(f"done: {res.steps} steps; weights {res.final_weights}{best}")
    return EXIT_OK


def run_train(args: argparse.Namespace) -> int:
    """Run ``srstudio train`` with parsed ``args``; returns the exit code."""
    from trainer.config import config_schema, load_config
    from trainer.loop import train

    return run_training_command(
        args, "train", load_config, train,
        TrainPrinter(sys.stdout, bool(getattr(args, "quiet", False))),
        lambda r: f", best {r.best_psnr_y:.2f} dB at step {r.best_step}: {r.best_weights}",
        config_schema)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m trainer CONFIG ...`` (the same as ``srstudio train``)."""
    p = argparse.ArgumentParser(prog="python -m trainer")
    add_train_arguments(p)
    return run_train(p.parse_args(argv))
