"""``srstudio train-colorize RECIPE [--set key=value ...] [--resume] [--out DIR] [--steps N]
[--device D] [--quiet]``: train a colorizer (same options and exit codes as
``srstudio train``, engine.exit_codes: 0 done, 1 bad config or other error, 130 stopped;
continue with --resume)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from trainer.cli import TrainPrinter, add_train_arguments, run_training_command


def add_train_colorize_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "train-colorize", help="train a colorizer from a recipe (recipes/colorize_*.toml)",
        description="Train a colorization network (Zhang et al. 2016 classification, or the "
                    "regression baseline). Relative paths in CONFIG are relative to CONFIG's "
                    "folder; paths in --set/--out to the current folder.")
    add_train_arguments(p)
    return p


class _Printer(TrainPrinter):
    """The SR trainer's lines, with the colorizer's validation scores."""

    def validation_line(self, ev: Any) -> str | None:
        from trainer.colorize.loop import ColorizeValidated

        if not isinstance(ev, ColorizeValidated):
            return None
        return (f"val  step {ev.step} {ev.dataset}: AuC {100 * ev.auc:.2f} "
                f"rebalanced {100 * ev.auc_rebalanced:.2f} (gray {100 * ev.gray_auc:.2f}"
                f" / {100 * ev.gray_auc_rebalanced:.2f}) PSNR {ev.psnr:.2f} dB "
                f"colourfulness {ev.colourfulness:.1f}{' *' if ev.is_best else ''}")


def run_train_colorize(args: argparse.Namespace) -> int:
    from trainer.colorize.config import ColorizeConfig, load_colorize_config
    from trainer.colorize.loop import train_colorizer
    from trainer.config import config_schema

    return run_training_command(
        args, "train-colorize", load_colorize_config, train_colorizer,
        _Printer(sys.stdout, bool(getattr(args, "quiet", False))),
        lambda r: (f", best rebalanced AuC {100 * r.best_auc_rebalanced:.2f} at step "
                   f"{r.best_step}: {r.best_weights}"),
        lambda: config_schema(ColorizeConfig))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m trainer.colorize RECIPE ...`` (the same as ``srstudio train-colorize``)."""
    p = argparse.ArgumentParser(prog="python -m trainer.colorize")
    add_train_arguments(p)
    return run_train_colorize(p.parse_args(argv))
