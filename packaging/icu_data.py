"""A smaller ICU data library for Linux builds: Qt's ICU without the display-name tables.

PySide6's Linux wheel ships ICU 73, whose ``libicudata.so.73`` is one 32 MB symbol
(``icudt73_dat``) holding an ICU common-data package: a table of contents and the items.
Qt 6 asks ICU for collation (sorting), case mapping, text codecs and time-zone names; it
takes everything else a locale shows from its own CLDR tables and breaks text into words
and lines with its own Unicode tables.  So the items ICU keeps for names of units,
currencies, languages and regions, for transliteration, spelled-out numbers and break
iteration (:data:`DROP`) are never read.  :func:`trim` writes the package without them
(32 -> 17 MB), in the same format, and builds a library with the same SONAME and symbol
around it (an assembler ``.incbin``).  ``tests/test_slim_build.py`` checks that Qt's
collation, case mapping, codecs, time-zone names, word boundaries and locale formatting
are unchanged.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

from elf_tools import nm, readelf, soname

#: the package's subtrees that Qt never reads
DROP = ("unit/", "curr/", "lang/", "region/", "translit/", "rbnf/", "brkitr/")
ALIGN = 16


def _symbol(lib: Path) -> tuple[str, int, int]:
    """The data symbol's name, file offset and size."""
    syms = nm(["-D", "-S", "--defined-only"], lib)
    found = re.search(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$", syms, re.M)
    if not found:
        raise RuntimeError(f"{lib} has no icudt*_dat symbol")
    addr, size, name = int(found.group(1), 16), int(found.group(2), 16), found.group(3)
    sections = readelf(["-S"], lib)
    for m in re.finditer(r"\]\s+\S+\s+\S+\s+([0-9a-f]{8,})\s+([0-9a-f]+)\s+([0-9a-f]+)",
                         sections):
        start, off, length = (int(g, 16) for g in m.groups())
        if start <= addr < start + length:
            return name, off + addr - start, size
    raise RuntimeError(f"no section holds {name} in {lib}")


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """An ICU common-data package: its header and its items (name, bytes), in order."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != b"\xda\x27":
        raise ValueError("not an ICU data package")
    if blob[12:16] != b"CmnD":
        raise ValueError(f"not a common-data package ({blob[12:16]!r})")
    toc = blob[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        name = toc[name_off:toc.index(b"\0", name_off)].decode("ascii")
        items.append((name, bytes(toc[data_off:end])))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package of ``items`` (kept in their sorted order: ICU looks them up by binary
    search), each item 16-byte aligned as ICU wants."""
    names = b"".join(n.encode("ascii") + b"\0" for n, _ in items)
    toc_len = 4 + 8 * len(items)
    offset = toc_len + len(names)
    offset += -offset % ALIGN
    entries, data, name_off = [], bytearray(), toc_len
    for name, body in items:
        entries.append(struct.pack("<II", name_off, offset + len(data)))
        name_off += len(name) + 1
        data += body
        data += b"\0" * (-len(data) % ALIGN)
    head = struct.pack("<I", len(items)) + b"".join(entries) + names
    return header + head + b"\xaa" * (-len(head) % ALIGN) + bytes(data)   # as ICU pads


def trim_package(blob: bytes, drop: tuple[str, ...] = DROP) -> bytes:
    """``blob`` without the items under the ``drop`` subtrees."""
    header, items = read_package(blob)
    keep = [(n, b) for n, b in items if not n.split("/", 1)[-1].startswith(drop)]
    return write_package(header, keep)


def trim(lib: Path, out_dir: Path) -> Path:
    """A trimmed copy of ``lib`` (libicudata.so.NN) in ``out_dir``, same SONAME and symbol."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        raise RuntimeError("no C compiler to build the trimmed ICU data")
    name, offset, size = _symbol(lib)
    with lib.open("rb") as f:
        f.seek(offset)
        blob = f.read(size)
    out_dir.mkdir(parents=True, exist_ok=True)
    dat = out_dir / f"{name.removesuffix('_dat')}l.dat"
    dat.write_bytes(trim_package(blob))
    asm = out_dir / "icudata.S"
    asm.write_text(f"""    .section .rodata
    .globl {name}
    .type {name}, @object
    .balign {ALIGN}
{name}:
    .incbin "{dat}"
    .size {name}, . - {name}
    .section .note.GNU-stack,"",@progbits
""")
    out = out_dir / lib.name
    subprocess.run([cc, "-shared", "-nostdlib", "-o", str(out), str(asm),
                    f"-Wl,-soname,{soname(lib) or lib.name}"], check=True)
    return out


def apply(binaries: list[tuple[str, str, str]], out_dir: Path) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries TOC with PySide6's ICU data library replaced by a trimmed
    copy (built in ``out_dir``); unchanged when there is none."""
    out = []
    for dest, src, kind in binaries:
        path = Path(dest.replace("\\", "/"))
        if kind == "BINARY" and path.name.startswith("libicudata.so") and "PySide6" in path.parts:
            src = str(trim(Path(src), out_dir))
        out.append((dest, src, kind))
    return out
