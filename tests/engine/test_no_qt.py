"""engine/ and trainer/ never import Qt, checked at run time.

The contract itself is import-linter's ("Only app.gui imports Qt", pyproject.toml, run by
tests/test_contracts.py); these two checks stay as its run-time complement: the import
statements themselves, and every module imported in a fresh interpreter with no Qt module
loaded (which would also catch an importlib.import_module of a computed name)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
QT = ("PySide6", "PyQt5", "PyQt6", "qtpy", "pyqtgraph", "shiboken6")


def test_no_qt_import_statements_below_app():
    offenders = []
    for pkg in ("engine", "trainer"):
        for f in (REPO / pkg).rglob("*.py"):
            tree = ast.parse(f.read_text(), filename=str(f))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any(n.split(".")[0] in QT for n in names):
                    offenders.append(f"{f.relative_to(REPO)}:{node.lineno}")
    assert not offenders, f"Qt imported below the app layer: {offenders}"


def test_importing_engine_loads_no_qt_module():
    code = (
        "import pkgutil, importlib, sys, engine, trainer\n"
        "for pkg in (engine, trainer):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if not m.name.endswith('__main__'):\n"
        "            importlib.import_module(m.name)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT!r}]\n"
        "print(bad); sys.exit(1 if bad else 0)\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
