"""The checked layers: import-linter's contracts and mypy on engine/, run with the suite.

Both tools are in the ``dev`` extra and read their configuration from pyproject.toml
(``[tool.importlinter]``, ``[tool.mypy]``); a failure shows their own report.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(args: list[str], timeout: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)


def test_import_contracts_are_kept() -> None:
    """app > trainer > engine, the engine's own layers, no Qt below app.gui, and the
    planner, content detection and model list free of torch (pyproject [tool.importlinter])."""
    r = _run(["-c", "import sys; from importlinter.cli import lint_imports_command as c; "
                    "sys.argv = ['lint-imports']; c()"], timeout=300)
    assert r.returncode == 0, f"lint-imports failed:\n{r.stdout}\n{r.stderr}"
    assert "0 broken" in r.stdout, r.stdout


def test_engine_type_checks() -> None:
    """mypy on engine/: the default mode, strict for the job API's new modules
    (pyproject [tool.mypy])."""
    r = _run(["-m", "mypy"], timeout=600)
    assert r.returncode == 0, f"mypy failed:\n{r.stdout}\n{r.stderr}"
