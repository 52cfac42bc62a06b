"""binutils for the build's ELF work (Linux): readelf and nm text, a library's SONAME.

One place for the subprocess calls that strip_libs, opencv_libs and icu_data make.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def readelf(args: list[str], path: Path, check: bool = True) -> str:
    """``readelf ARGS -W PATH``'s text (wide: one line per entry)."""
    return subprocess.run(["readelf", *args, "-W", str(path)], check=check,
                          capture_output=True, text=True).stdout


def nm(args: list[str], path: Path) -> str:
    """``nm ARGS PATH``'s text."""
    return subprocess.run(["nm", *args, str(path)], check=True, capture_output=True,
                          text=True).stdout


def soname(path: Path) -> str | None:
    """The library's DT_SONAME (what the dynamic linker matches a needed name against)."""
    found = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", readelf(["-d"], path))
    return found.group(1) if found else None
