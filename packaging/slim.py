"""What the frozen builds leave out, beyond the spec's module excludes: measured, each
rule with the reason it is safe (sizes are the lean Linux build's, packaging/README.md).

The spec applies :func:`keep_data` / :func:`keep_binary` to PyInstaller's TOCs and adds
:data:`UNUSED_MODULES` to its excludes.  ``tests/test_slim_build.py`` checks the rules
against the source tree (the Qt modules the app imports, the languages it ships).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path, PurePosixPath

#: Python modules nothing in the app imports (PySide6 submodules: the app uses QtCore,
#: QtGui and QtWidgets; pyqtgraph imports QtOpenGL*, QtSvg and QtTest optionally and
#: runs without them; Qt's SVG icon and image plugins stay, with libQt6Svg, for icon
#: themes).  The rest came in through tools: rich and pygments (httpx's CLI,
#: pydantic's debug printer), setuptools and pkg_resources (build tools), pydoc's topics.
UNUSED_MODULES = [
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtTest", "PySide6.QtSvg",
    "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtQml", "PySide6.QtQuick",
    "PySide6.QtPdf", "PySide6.QtConcurrent", "PySide6.QtSql", "PySide6.QtXml",
    "PySide6.QtHelp", "PySide6.QtPrintSupport", "PySide6.QtUiTools", "PySide6.QtDesigner",
    "rich", "pygments", "markdown_it", "mdurl", "setuptools", "pkg_resources",
    "distutils", "pydoc_data", "numpy.f2py", "numpy.distutils",
    # Pillow's AVIF codec (its libavif is 4.7 MB): AVIF is a format SR Studio does not read
    # (engine/io/formats.py UNREAD_IMAGE_EXTENSIONS); Pillow registers its plugin only when
    # the codec imports
    "PIL._avif", "PIL.AvifImagePlugin",
    # the interactive prompt's line editing (readline.so, libreadline, libtinfo)
    "readline",
]

#: data left out: pyqtgraph's logo in six sizes (1 MB), which only its mkQApp() puts on a
#: QApplication it creates itself (the app creates its own, with its own icon)
UNUSED_DATA = ("pyqtgraph/icons/peegee/",)

#: Qt plugins left out, by folder under ``PySide6/Qt/plugins``: embedded-Linux platforms
#: (EGLFS, LinuxFB, VNC, Vulkan KHR display) and input devices (evdev, TUIO), which a
#: desktop session never picks; TLS and network information (no QtNetwork); and the GTK3
#: platform theme, which drags in 19 MB of GTK's dependencies copied from the build
#: machine (old copies of glib/cairo/pango beside the user's newer GTK are a known crash)
#: while Qt draws its own file dialogs or asks the XDG portal; and Qt's readers for
#: JPEG, TIFF, WebP, GIF, TGA and WBMP files (2 MB): the app decodes pictures with the
#: engine (Pillow, OpenCV) and hands Qt pixels, and loads no image file, clipboard image
#: or theme icon in those formats (SVG and ICO stay, for icon themes).
UNUSED_PLUGINS = {
    "egldeviceintegrations": None, "generic": None, "tls": None,
    "networkinformation": None,
    "platforms": ("libqeglfs", "libqlinuxfb", "libqminimalegl", "libqvnc",
                  "libqvkkhrdisplay"),
    "platformthemes": ("libqgtk3", "qgtk3"),
    "imageformats": tuple(f"{pre}q{fmt}" for pre in ("lib", "")
                          for fmt in ("jpeg", "tiff", "webp", "gif", "tga", "wbmp")),
}
#: Qt libraries only those plugins or modules load
UNUSED_QT_LIBS = ("libQt6EglFSDeviceIntegration", "libQt6EglFsKmsSupport", "libQt6Test",
                  "libQt6OpenGLWidgets", "libQt6Network", "Qt6Test", "Qt6Network",
                  "Qt6OpenGLWidgets")

#: OpenCV's FFmpeg video plugin on Windows (about 25 MB), which it loads only for
#: cv2.VideoCapture/VideoWriter: never called (video goes through PyAV; a test checks), and
#: ``rthook_opencv.py`` turns that backend off
UNUSED_FILES = ("opencv_videoio_ffmpeg",)

QT_TRANSLATION = re.compile(r"(qt|qtbase|qt_help|qtmultimedia|qtdeclarative)_(\w+)\.qm$")


def shipped_languages(i18n: Path) -> set[str]:
    """The language codes the app ships (``srstudio_<code>.qm``): Qt's own translations
    are kept for these only (95 files, 7 MB, otherwise)."""
    return {p.stem.removeprefix("srstudio_") for p in i18n.glob("srstudio_*.qm")}


def keep_data(dest: str, languages: set[str]) -> bool:
    """False for Qt translations the app cannot show (other languages, and the catalogues
    of Qt modules it does not use: only ``qtbase_*`` is loaded), and :data:`UNUSED_DATA`."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if str(path).startswith(UNUSED_DATA):
        return False
    if "translations" not in path.parts:
        return True
    found = QT_TRANSLATION.match(path.name)
    if not found:
        return True
    return found.group(1) == "qtbase" and found.group(2) in languages


def keep_binary(dest: str) -> bool:
    """False for the Qt plugins of :data:`UNUSED_PLUGINS` and the libraries of
    :data:`UNUSED_QT_LIBS` and :data:`UNUSED_FILES`."""
    path = PurePosixPath(dest.replace("\\", "/"))
    parts = path.parts
    if "plugins" in parts:
        i = parts.index("plugins")
        if i + 1 < len(parts) and parts[i + 1] in UNUSED_PLUGINS:
            names = UNUSED_PLUGINS[parts[i + 1]]
            if names is None or path.name.startswith(names):
                return False
    return not path.name.startswith((*UNUSED_QT_LIBS, *UNUSED_FILES))


def slim_toc(toc: list, keep) -> list:
    """The TOC entries ``keep(dest)`` accepts (PyInstaller's (dest, src, kind) tuples)."""
    return [entry for entry in toc if keep(entry[0])]


def slim_binaries(toc: list) -> list:
    """The binaries TOC less :func:`keep_binary`'s refusals and what only they needed."""
    kept = [e for e in toc if keep_binary(e[0])]
    return prune_orphans(kept, [e for e in toc if not keep_binary(e[0])])


def needed_libraries(files: list[Path]) -> dict[Path, set[str]]:
    """Each ELF file's DT_NEEDED names (``readelf -d``, in batches); Linux only."""
    import subprocess
    out: dict[Path, set[str]] = {}
    for i in range(0, len(files), 200):
        batch = files[i:i + 200]
        text = subprocess.run(["readelf", "-d", "-W", *map(str, batch)], capture_output=True,
                              text=True).stdout
        current = batch[0] if len(batch) == 1 else None
        for line in text.splitlines():
            if line.startswith("File: "):
                current = Path(line[6:].strip())
            elif "(NEEDED)" in line and current is not None:
                out.setdefault(current, set()).add(line.rsplit("[", 1)[1].rstrip("]"))
    return out


def prune_orphans(kept: list, removed: list) -> list:
    """``kept`` without the libraries that only ``removed`` entries needed (PyInstaller
    collected them as dependencies: GTK, GDK, cairo, pango and more for the GTK3 theme).

    A library no kept binary needs (directly or through others) is dropped only when a
    removed entry needed it, so libraries loaded with dlopen() stay."""
    if not removed or not sys.platform.startswith("linux"):
        return kept
    name = lambda e: PurePosixPath(e[0].replace("\\", "/")).name  # noqa: E731
    elf = [e for e in kept + removed if e[2] != "SYMLINK" and Path(e[1]).is_file()]
    deps = needed_libraries([Path(e[1]) for e in elf])
    needs = {name(e): deps.get(Path(e[1]), set()) for e in elf}
    alias = {name(e): PurePosixPath(e[1]).name for e in kept if e[2] == "SYMLINK"}

    def reach(start: set[str]) -> set[str]:
        seen: set[str] = set()
        todo = [n for s in start for n in needs.get(s, ())]
        while todo:
            lib = todo.pop()
            lib = alias.get(lib, lib)
            if lib not in seen:
                seen.add(lib)
                todo += needs.get(lib, ())
        return seen

    kept_names = {name(e) for e in kept}
    candidates = reach({name(e) for e in removed}) & kept_names
    still = reach(kept_names - candidates) | (kept_names - candidates)
    orphans = candidates - still
    return [e for e in kept if name(e) not in orphans
            and alias.get(name(e), name(e)) not in orphans]
