#!/usr/bin/env python3
"""Qt Linguist translations of the app: extract, compile, check.

    python scripts/translations.py update    # pyside6-lupdate: app/gui -> app/gui/i18n/*.ts
    python scripts/translations.py release   # pyside6-lrelease: *.ts -> *.qm (shipped)
    python scripts/translations.py status    # translated / total per language

``update`` keeps every translation already made (lupdate merges); translators edit the
``.ts`` files with ``pyside6-linguist``; ``release`` must follow, and
``tests/gui/test_translations.py`` fails when a ``.qm`` is older than its ``.ts``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
I18N = REPO / "app" / "gui" / "i18n"
LANGS = ("de", "es", "fr", "ja", "zh_CN", "pt_BR")
"""Shipped languages: the .ts files `update` makes (app/gui/translations.py LANGUAGES
names them in the app)."""


def tool(name: str) -> str:
    """A PySide6 tool beside this Python (the venv), else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: pip install PySide6-Essentials")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(REPO)) for p in (REPO / "app" / "gui").rglob("*.py"))


def update() -> None:
    for lang in LANGS:
        subprocess.run([tool("pyside6-lupdate"), *sources(), "-ts",
                        str(I18N / f"srstudio_{lang}.ts"), "-target-language", lang,
                        "-locations", "none", "-no-obsolete"], check=True, cwd=REPO)


def release(out: Path = I18N) -> list[Path]:
    """Compile every ``.ts`` to a ``.qm`` in ``out``; the files written."""
    written = []
    for ts in sorted(I18N.glob("srstudio_*.ts")):
        qm = out / ts.with_suffix(".qm").name
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                       check=True)
        written.append(qm)
    return written


def status() -> dict[str, tuple[int, int]]:
    """(translated, total) messages per language."""
    counts = {}
    for ts in sorted(I18N.glob("srstudio_*.ts")):
        msgs = ET.parse(ts).getroot().iter("message")
        done = total = 0
        for m in msgs:
            t = m.find("translation")
            if t is not None and t.get("type") in ("obsolete", "vanished"):
                continue
            total += 1
            done += bool(t is not None and t.get("type") != "unfinished" and (t.text or ""))
        counts[ts.stem.split("_", 1)[1]] = (done, total)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("update", "release", "status"))
    args = ap.parse_args(argv)
    I18N.mkdir(parents=True, exist_ok=True)
    if args.action == "update":
        update()
    elif args.action == "release":
        for qm in release():
            print(f"wrote {qm.relative_to(REPO)}")
    for lang, (done, total) in status().items():
        print(f"{lang}: {done} of {total} strings translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
