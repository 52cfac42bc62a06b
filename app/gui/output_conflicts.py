"""Outputs that already exist (or that one Start would write twice): overwrite, skip or
rename, as the user answers once per file or once for all (plain Python, no Qt).

The question itself is a callable (a dialog in the app, an answer in tests), so the rule
(which answer applies to which file, which free name a rename takes) is tested without
a window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

# target -> ('overwrite' | 'skip' | 'rename', apply that to every later one)
Ask = Callable[[Path], tuple[str, bool]]


def free_name(target: Path, taken: set[Path]) -> Path:
    """``name_2.ext``, ``name_3.ext``…: the first that is neither on disk nor planned."""
    n = 2
    while True:
        cand = target.with_name(f"{target.stem}_{n}{target.suffix}")
        if not cand.exists() and cand not in taken:
            return cand
        n += 1


class OutputConflicts:
    """One Start's outputs: each target is settled against the disk and the targets
    already claimed in this Start, asking ``ask`` until an answer is given for all."""

    def __init__(self, ask: Ask) -> None:
        self._ask = ask
        self._taken: set[Path] = set()
        self._policy: str | None = None   # the answer given 'for every existing file'

    def settle(self, target: Path) -> tuple[Path, bool] | None:
        """(the path to write, whether to overwrite it), or None: skip this row."""
        overwrite = False
        if target.exists() or target in self._taken:
            choice = self._policy
            if choice is None:
                choice, for_all = self._ask(target)
                self._policy = choice if for_all else None
            if choice == "skip":
                return None
            if choice == "rename":
                target = free_name(target, self._taken)
            else:
                overwrite = True
        self._taken.add(target)
        return target, overwrite
