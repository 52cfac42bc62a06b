#!/usr/bin/env python3
"""Set up ``.venv`` (idempotent) and then run the app or the test suite.

    python3 scripts/dev.py run     # set everything up, launch the desktop app
    python3 scripts/dev.py test    # set everything up, run the whole test suite

The environment is reinstalled only when pyproject.toml changes (a stamp file in .venv
holds its hash), so a second call starts at once.  Extra arguments go to the app or pytest.
Torch is never upgraded in place: install the build you want (CUDA, ROCm, Apple silicon)
into .venv first and this script keeps it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
STAMP = VENV / ".srstudio-installed"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_env() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - the message beats a syntax error
        sys.exit(f"SR Studio needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    py = venv_python()
    if not py.exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text().strip() == want:
        return py
    print("installing SR Studio and its dependencies into .venv (first run: a few minutes)...",
          flush=True)
    subprocess.check_call([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                           "-e", f"{ROOT}[dev,server,cluster]"], cwd=ROOT)
    STAMP.write_text(want)
    return py


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "setup"):
        print(__doc__)
        return 1
    py = ensure_env()
    cmd, rest = argv[0], argv[1:]
    if cmd == "setup":
        return 0
    if cmd == "run":
        return subprocess.call([str(py), "-m", "app.gui.main", *rest], cwd=ROOT)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(py), "-m", "pytest", "-q", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
