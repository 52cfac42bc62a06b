"""What pyproject.toml declares matches what the code imports."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _names(reqs: list[str]) -> set[str]:
    return {r.split(";")[0].split(">")[0].split("=")[0].split("<")[0].strip().lower()
            for r in reqs}


def _imports_outside_tests(module: str) -> list[str]:
    hits = []
    for top in ("app", "engine", "trainer"):
        for path in (REPO / top).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                if any(n.split(".")[0] == module for n in names):
                    hits.append(str(path.relative_to(REPO)))
    return hits


def test_test_only_packages_are_dev_extras() -> None:
    """imageio-ffmpeg is only used by a test (an independent ffmpeg): a dev extra, not
    something every install downloads."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert "imageio-ffmpeg" not in _names(project["dependencies"])
    assert "imageio-ffmpeg" in _names(project["optional-dependencies"]["dev"])
    assert _imports_outside_tests("imageio_ffmpeg") == []


def test_psutil_is_a_dependency() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert "psutil" in _names(project["dependencies"])
