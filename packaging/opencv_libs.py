"""Slimmer OpenCV libraries for Linux builds: stubs for its FFmpeg, and its OpenBLAS
forwarded to numpy's.

The opencv-python-headless wheel bundles its own FFmpeg (libavcodec, libavformat, ...,
with libvpx and dav1d: 35 MB) for ``cv2.VideoCapture``/``VideoWriter``, which SR Studio
never calls (video goes through PyAV, which has its own FFmpeg; a test keeps it so), and
its own OpenBLAS with libgfortran (47 MB) for a few LAPACK calls, while numpy already
carries an OpenBLAS.  ``cv2.abi3.so`` names all of them as needed libraries, so they
cannot simply be left out.  In their place the build puts libraries with the same
SONAMEs, made here with the C compiler:

* each FFmpeg library becomes a stub that defines, under FFmpeg's symbol versions, the
  functions cv2 imports; one that is ever called prints what happened and aborts.  The
  frozen app also sets ``OPENCV_VIDEOIO_PRIORITY_FFMPEG=0`` (``rthook_opencv.py``), so
  OpenCV never picks that backend;
* the OpenBLAS becomes ``native/blas_forward.c``: the 19 CBLAS/LAPACK functions cv2 uses,
  converted from 32- to 64-bit integers and passed to numpy's scipy-openblas64.

:func:`plan` checks that cv2 imports nothing else from those libraries, so a new OpenCV
wheel that does fails the build instead of the app.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from elf_tools import nm
from elf_tools import soname as elf_soname

NATIVE = Path(__file__).resolve().with_name("native")
#: OpenCV's FFmpeg libraries (name prefixes in opencv_python_headless.libs), stubbed
FFMPEG = ("libavcodec", "libavformat", "libavutil", "libswscale")
#: what only those libraries and OpenCV's OpenBLAS need: left out once they are replaced
ORPHANS = ("libswresample", "libvpx", "libdav1d", "libgfortran", "libquadmath")
BLAS = "libopenblas"
LIBS_DIR = "opencv_python_headless.libs"


@dataclass
class Plan:
    """What to put in the build instead of OpenCV's libraries: ``replace`` maps a
    library's file name to the file built for it; ``drop`` lists file names to leave out."""

    replace: dict[str, Path] = field(default_factory=dict)
    drop: list[str] = field(default_factory=list)

    def saved_bytes(self, libs: Path) -> int:
        """How much smaller the build's copy of ``libs`` gets."""
        gone = sum((libs / n).stat().st_size for n in [*self.replace, *self.drop])
        return gone - sum(p.stat().st_size for p in self.replace.values())


def imported_symbols(elf: Path) -> dict[str, str]:
    """The dynamic symbols ``elf`` imports: name -> symbol version ('' when none)."""
    out = {}
    for line in nm(["-D", "--undefined-only", "--with-symbol-versions"], elf).splitlines():
        sym = line.split()[-1]
        name, _, version = sym.partition("@")
        out[name] = version.lstrip("@")
    return out


def exported_symbols(elf: Path) -> set[str]:
    """The names of the dynamic symbols ``elf`` defines."""
    names = set()
    for line in nm(["-D", "--defined-only"], elf).splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] != "A":      # 'A': a version node, not a symbol
            names.add(parts[2].partition("@")[0])
    return names


def soname(elf: Path) -> str:
    """The library's DT_SONAME (what the dynamic linker matches a needed name against)."""
    name = elf_soname(elf)
    if name is None:
        raise RuntimeError(f"{elf} has no SONAME")
    return name


def _compile(out: Path, sources: list[Path], name: str, extra: list[str]) -> Path:
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        raise RuntimeError("no C compiler: install gcc, or set SRSTUDIO_KEEP_NATIVE_LIBS=1")
    subprocess.run([cc, "-shared", "-fPIC", "-O2", "-o", str(out), *map(str, sources),
                    f"-Wl,-soname,{name}", *extra], check=True)
    return out


def build_stub(lib: Path, wanted: dict[str, str], out_dir: Path) -> Path:
    """A library with ``lib``'s SONAME defining ``wanted`` (name -> version) as
    functions that abort with a message: nothing in the app calls them."""
    name = soname(lib)
    c = out_dir / f"{lib.name}.c"
    lines = ["#include <stdio.h>", "#include <stdlib.h>",
             "static void missing(const char *f) {",
             '    fprintf(stderr, "SR Studio: %s is in OpenCV\'s FFmpeg, which this build '
             'leaves out (video goes through PyAV)\\n", f);', "    abort();", "}"]
    lines += [f'void {s}(void) {{ missing("{s}"); }}' for s in sorted(wanted)]
    c.write_text("\n".join(lines) + "\n")
    script = out_dir / f"{lib.name}.map"
    by_version: dict[str, list[str]] = {}
    for sym, version in wanted.items():
        by_version.setdefault(version, []).append(sym)
    blocks = [f"{v} {{ global: {'; '.join(sorted(s))}; {'local: *; ' if i == 0 else ''}}};"
              for i, (v, s) in enumerate(sorted(by_version.items()))]
    script.write_text("\n".join(blocks) + "\n")
    return _compile(out_dir / lib.name, [c], name, [f"-Wl,--version-script,{script}"])


def build_blas_forwarder(lib: Path, numpy_blas: Path, out_dir: Path) -> Path:
    """``native/blas_forward.c`` built with ``lib``'s SONAME, linked to numpy's
    OpenBLAS (found beside it in the build: ``numpy.libs`` next to this folder)."""
    return _compile(out_dir / lib.name, [NATIVE / "blas_forward.c"], soname(lib),
                    [f"-L{numpy_blas.parent}", f"-l:{numpy_blas.name}",
                     "-Wl,-rpath,$ORIGIN/../numpy.libs:$ORIGIN/numpy.libs"])


def plan(site: Path, out_dir: Path) -> Plan:
    """Build the replacements for the OpenCV installed in ``site`` (site-packages).

    Raises RuntimeError when cv2 imports a symbol that no replacement provides."""
    libs = site / LIBS_DIR
    cv2_so = next((site / "cv2").glob("cv2*.so"))
    numpy_blas = next((site / "numpy.libs").glob("libscipy_openblas64_*.so"))
    imported = imported_symbols(cv2_so)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = Plan()
    for lib in sorted(libs.iterdir()):
        if lib.name.startswith(FFMPEG):
            defined = exported_symbols(lib)
            wanted = {s: v for s, v in imported.items() if s in defined}
            if any(not v for v in wanted.values()):
                raise RuntimeError(f"cv2 imports unversioned symbols from {lib.name}")
            result.replace[lib.name] = build_stub(lib, wanted, out_dir)
        elif lib.name.startswith(BLAS):
            wanted = set(imported) & exported_symbols(lib)
            forwarder = build_blas_forwarder(lib, numpy_blas, out_dir)
            missing = wanted - exported_symbols(forwarder)
            if missing:
                raise RuntimeError(f"the OpenBLAS forwarder lacks {sorted(missing)}")
            result.replace[lib.name] = forwarder
        elif lib.name.startswith(ORPHANS):
            result.drop.append(lib.name)
    return result


def apply(binaries: list[tuple[str, str, str]], the_plan: Plan) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries TOC with the plan applied: a replaced library's source is
    the built file; dropped ones (and links to them) are gone."""
    out = []
    for dest, src, kind in binaries:
        base = Path(dest).name
        target = Path(src).name if kind == "SYMLINK" else base
        if target in the_plan.drop or (kind == "SYMLINK" and base in the_plan.drop):
            continue
        if kind != "SYMLINK" and base in the_plan.replace and LIBS_DIR in dest:
            src = str(the_plan.replace[base])
        out.append((dest, src, kind))
    return out
