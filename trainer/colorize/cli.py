"""``srstudio train-colorize RECIPE [--set key=value ...] [--resume] [--out DIR] [--steps N]
[--device D] [--quiet]``: train a colorizer (same options and exit codes as
``srstudio train``: 0 done, 1 error, 2 bad config, 130 stopped; continue with --resume)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from engine.events import Progress, Started, Warning_
from trainer.cli import _fmt_time, add_train_arguments, run_training_command
from trainer.events import StepLogged

EXIT_OK, EXIT_ERROR, EXIT_CONFIG, EXIT_CANCELLED = 0, 1, 2, 130


def add_train_colorize_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "train-colorize", help="train a colorizer from a recipe (recipes/colorize_*.toml)",
        description="Train a colorization network (Zhang et al. 2016 classification, or the "
                    "regression baseline). Relative paths in CONFIG are relative to CONFIG's "
                    "folder; paths in --set/--out to the current folder.")
    add_train_arguments(p)
    return p


class _Printer:
    def __init__(self, out: TextIO, quiet: bool) -> None:
        self.out, self.quiet = out, quiet
        self.total, self.rate, self.eta = 0, None, None

    def __call__(self, ev: Any) -> None:
        from trainer.colorize.loop import ColorizeValidated

        if isinstance(ev, Started) and ev.what == "load images":
            self._line(f"loading {ev.total} training images...")
        elif isinstance(ev, Started) and ev.what == "train":
            self.total = ev.total
            self._line(f"train {ev.detail}: {ev.total} steps")
        elif isinstance(ev, Progress) and ev.detail == "train":
            self.rate, self.eta = ev.rate, ev.eta_s
        elif isinstance(ev, StepLogged) and not self.quiet:
            rate = f"{self.rate:.2f} it/s" if self.rate else "-- it/s"
            self._line(f"step {ev.step:>{len(str(self.total))}}/{self.total} "
                       f"loss {ev.loss:.5f} lr {ev.lr:.2e} {rate} eta {_fmt_time(self.eta)}")
        elif isinstance(ev, ColorizeValidated):
            self._line(f"val  step {ev.step} {ev.dataset}: AuC {100 * ev.auc:.2f} "
                       f"rebalanced {100 * ev.auc_rebalanced:.2f} (gray {100 * ev.gray_auc:.2f}"
                       f" / {100 * ev.gray_auc_rebalanced:.2f}) PSNR {ev.psnr:.2f} dB "
                       f"colourfulness {ev.colourfulness:.1f}{' *' if ev.is_best else ''}")
        elif isinstance(ev, Warning_):
            self._line(f"warning: {ev.message}")

    def _line(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


def run_train_colorize(args: argparse.Namespace) -> int:
    from trainer.colorize.config import load_colorize_config
    from trainer.colorize.loop import train_colorizer

    return run_training_command(
        args, "train-colorize", load_colorize_config, train_colorizer,
        _Printer(sys.stdout, bool(getattr(args, "quiet", False))),
        lambda r: (f", best rebalanced AuC {100 * r.best_auc_rebalanced:.2f} at step "
                   f"{r.best_step}: {r.best_weights}"))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m trainer.colorize RECIPE ...`` (the same as ``srstudio train-colorize``)."""
    p = argparse.ArgumentParser(prog="python -m trainer.colorize")
    add_train_arguments(p)
    return run_train_colorize(p.parse_args(argv))
