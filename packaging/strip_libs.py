"""Strip the symbol tables and debug information from a Linux build's libraries, safely.

PyInstaller's own ``strip=True`` strips every binary, and ``strip`` (binutils 2.40) breaks
libraries that auditwheel rewrote with patchelf: numpy's OpenBLAS then fails to load
("ELF load command address/offset not page-aligned").  Here a stripped copy is used only
when it has something to strip (PyAV's extensions carry their debug information, libpython
its symbol table: 62 MB together) and its loadable segments still satisfy the dynamic
linker's rule (virtual address and file offset equal modulo the page size); otherwise the
original is kept.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path, PurePosixPath

from elf_tools import readelf

PAGE = 65536          # the largest page size in use (arm64): stricter than x86's 4096
STRIPPABLE = (".symtab", ".debug_info", ".debug_line", ".debug_str")


def _readelf(args: list[str], path: Path) -> str:
    return readelf(args, path, check=False)


def has_symbols(path: Path) -> bool:
    """True when ``path`` has a symbol table or debug sections to strip."""
    sections = _readelf(["-S"], path)
    return any(f" {name} " in sections for name in STRIPPABLE)


def loadable(path: Path) -> bool:
    """True when each LOAD segment's offset and address agree modulo its alignment (what
    glibc checks before it maps a library)."""
    found = False
    for m in re.finditer(r"^\s*LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+\S+\s+\S+\s+\S+\s+"
                         r"\S+\s+0x([0-9a-f]+)", _readelf(["-l"], path), re.M):
        offset, vaddr, align = (int(g, 16) for g in m.groups())
        found = True
        if (vaddr - offset) % min(align, PAGE) != 0:
            return False
    return found


def strip_toc(binaries: list[tuple[str, str, str]], out_dir: Path,
              ) -> tuple[list[tuple[str, str, str]], int]:
    """The TOC with each strippable library replaced by its stripped copy (in
    ``out_dir``), and the bytes saved."""
    tool = shutil.which("strip")
    if tool is None:
        return binaries, 0
    out, saved = [], 0
    for dest, src, kind in binaries:
        path = Path(src)
        if kind == "SYMLINK" or not path.is_file() or not has_symbols(path):
            out.append((dest, src, kind))
            continue
        copy = out_dir / PurePosixPath(dest.replace("\\", "/"))
        copy.parent.mkdir(parents=True, exist_ok=True)
        if not copy.exists() or copy.stat().st_mtime < path.stat().st_mtime:
            shutil.copy2(path, copy)
            subprocess.run([tool, str(copy)], check=False, capture_output=True)
        if loadable(copy) and not has_symbols(copy):
            saved += path.stat().st_size - copy.stat().st_size
            out.append((dest, str(copy), kind))
        else:
            out.append((dest, src, kind))
    return out, saved
