"""The exit codes of ``srstudio``: one table for every subcommand (defined in
:mod:`engine.exit_codes`, which the trainer's commands use too): 0 success, 1 usage or setup
error (bad arguments or config, unknown or broken model), 2 some input failed (every good
file is still written), 130 cancelled (Ctrl-C or SIGTERM)."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from engine.exit_codes import (
    EXIT_CANCELLED,
    EXIT_CODES,
    EXIT_ERROR,
    EXIT_INPUT_FAILED,
    EXIT_OK,
)

__all__ = ["EXIT_CANCELLED", "EXIT_CODES", "EXIT_ERROR", "EXIT_INPUT_FAILED", "EXIT_OK",
           "ArgumentParser"]


class ArgumentParser(argparse.ArgumentParser):
    """argparse exits 2 on a usage error, which in our table means 'an input failed';
    a usage error is exit 1 like every other setup error (subparsers inherit this)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")
