"""What the frozen builds leave out (packaging/slim.py, packaging/opencv_libs.py) stays safe:
no module the app imports is excluded, Qt keeps the plugins a desktop needs and the
translations of the languages we ship, nothing calls OpenCV's (stubbed) video I/O, and on
Linux the OpenBLAS forwarder gives cv2 the same LAPACK answers as numpy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "packaging"))
import opencv_libs  # noqa: E402
import slim  # noqa: E402


def _sources() -> list[Path]:
    return [p for top in ("app", "engine", "trainer") for p in (REPO / top).rglob("*.py")]


def test_no_excluded_module_is_imported_by_the_app() -> None:
    qt, top = set(), set()
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        qt |= {f"PySide6.{m}" for m in re.findall(r"PySide6\.(Qt\w+)", text)}
        for names in re.findall(r"from PySide6 import \(?([\w, ]+)", text):
            qt |= {f"PySide6.{n.strip()}" for n in names.split(",") if n.strip()}
        top |= set(re.findall(r"^\s*(?:import|from) (\w+)", text, re.M))
    assert qt >= {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"}
    assert not qt & set(slim.UNUSED_MODULES)
    assert not top & {m for m in slim.UNUSED_MODULES if "." not in m}


def test_qt_translations_kept_for_the_shipped_languages_only() -> None:
    langs = slim.shipped_languages(REPO / "app" / "gui" / "i18n")
    from app.gui.translations import LANGUAGES
    assert langs == set(LANGUAGES) - {"en"}
    tr = "PySide6/Qt/translations/"
    assert slim.keep_data(tr + "qtbase_de.qm", langs)
    assert slim.keep_data(tr + "qtbase_zh_CN.qm", langs)
    assert not slim.keep_data(tr + "qtbase_ko.qm", langs)
    assert not slim.keep_data(tr + "qt_help_de.qm", langs)
    assert not slim.keep_data(tr + "qt_de.qm", langs)
    assert slim.keep_data("app/gui/i18n/srstudio_de.qm", langs)
    assert slim.keep_data("engine/metrics/data/niqe_pris_params.npz", langs)
    assert not slim.keep_data("pyqtgraph/icons/peegee/peegee_512px.png", langs)
    assert slim.keep_data("pyqtgraph/icons/auto.png", langs)


def test_qt_keeps_the_desktop_plugins() -> None:
    plugins = "PySide6/Qt/plugins/"
    for kept in ("platforms/libqxcb.so", "platforms/libqwayland.so",
                 "platforms/libqoffscreen.so", "platforms/qwindows.dll",
                 "platformthemes/libqxdgdesktopportal.so", "imageformats/libqsvg.so",
                 "imageformats/qico.dll", "iconengines/libqsvgicon.so",
                 "xcbglintegrations/libqxcb-glx-integration.so"):
        assert slim.keep_binary(plugins + kept), kept
    for gone in ("platforms/libqeglfs.so", "platforms/libqvnc.so",
                 "platformthemes/libqgtk3.so", "generic/libqevdevmouseplugin.so",
                 "tls/libqopensslbackend.so", "imageformats/libqjpeg.so",
                 "imageformats/qtiff.dll", "imageformats/libqwebp.dylib"):
        assert not slim.keep_binary(plugins + gone), gone
    assert slim.keep_binary("PySide6/Qt/lib/libQt6Gui.so.6")
    assert not slim.keep_binary("cv2/opencv_videoio_ffmpeg4130_64.dll")
    assert not slim.keep_binary("PySide6/Qt/lib/libQt6Network.so.6")


def test_the_app_loads_no_image_file_through_qt() -> None:
    """Qt's JPEG/TIFF/WebP/... readers are left out: pictures reach Qt as pixels."""
    pattern = re.compile(r"QImageReader|QImageWriter|QMovie|QPixmap\(\s*(str|path|f\")|"
                         r"QImage\(\s*(str|path|f\")|setImage\(|\.image\(\)")
    hits = [f"{p.relative_to(REPO)}: {m.group()}" for p in (REPO / "app").rglob("*.py")
            for m in pattern.finditer(p.read_text(encoding="utf-8"))]
    assert hits == []


def test_avif_is_not_read() -> None:
    """Pillow's AVIF codec is left out: AVIF must stay a format the app does not read."""
    from engine.io.formats import SUPPORTED_EXTENSIONS, UNREAD_IMAGE_EXTENSIONS
    assert ".avif" in UNREAD_IMAGE_EXTENSIONS and ".avif" not in SUPPORTED_EXTENSIONS


def test_nothing_uses_opencv_video_io() -> None:
    """The Linux builds replace OpenCV's FFmpeg with stubs: video must go through PyAV."""
    pattern = re.compile(r"cv2\.(VideoCapture|VideoWriter|CAP_\w+|videoio)")
    hits = [f"{p.relative_to(REPO)}: {m.group()}" for p in _sources()
            for m in pattern.finditer(p.read_text(encoding="utf-8"))]
    assert hits == []


def test_apply_replaces_and_drops_toc_entries(tmp_path: Path) -> None:
    built = tmp_path / "libopenblasp-r0-1.so"
    built.write_bytes(b"")
    plan = opencv_libs.Plan({"libopenblasp-r0-1.so": built}, ["libgfortran-2.so.5"])
    libs = opencv_libs.LIBS_DIR
    toc = [(f"{libs}/libopenblasp-r0-1.so", "/site/x/libopenblasp-r0-1.so", "BINARY"),
           ("libopenblasp-r0-1.so", f"{libs}/libopenblasp-r0-1.so", "SYMLINK"),
           (f"{libs}/libgfortran-2.so.5", "/site/x/libgfortran-2.so.5", "BINARY"),
           ("libgfortran-2.so.5", f"{libs}/libgfortran-2.so.5", "SYMLINK"),
           ("numpy.libs/libgfortran-9.so.5", "/site/numpy.libs/libgfortran-9.so.5", "BINARY")]
    assert opencv_libs.apply(toc, plan) == [
        (f"{libs}/libopenblasp-r0-1.so", str(built), "BINARY"),
        ("libopenblasp-r0-1.so", f"{libs}/libopenblasp-r0-1.so", "SYMLINK"),
        ("numpy.libs/libgfortran-9.so.5", "/site/numpy.libs/libgfortran-9.so.5", "BINARY")]


_PRELOADED = textwrap.dedent("""
    import ctypes, os, sys
    from pathlib import Path
    import numpy as np
    for lib in sys.argv[1:]:
        ctypes.CDLL(lib, mode=ctypes.RTLD_GLOBAL)   # taken for cv2's needed SONAMEs
    import cv2
    real = {Path(line.split()[-1]).name.split("-")[0]
            for line in open("/proc/self/maps") if "opencv_python_headless.libs/" in line}
    assert not real & {"libopenblasp", "libgfortran", "libavcodec", "libavformat",
                       "libavutil", "libswscale"}, real
    rng = np.random.default_rng(0)
    a = rng.standard_normal((40, 40)); b = rng.standard_normal((40, 3))
    want = np.linalg.solve(a, b)
    for flag in (cv2.DECOMP_LU, cv2.DECOMP_SVD, cv2.DECOMP_QR):
        ok, x = cv2.solve(a, b, flags=flag)
        assert ok and np.abs(x - want).max() < 1e-9, flag
    spd = a @ a.T + 40 * np.eye(40)
    ok, x = cv2.solve(spd, b, flags=cv2.DECOMP_CHOLESKY)
    assert ok and np.abs(x - np.linalg.solve(spd, b)).max() < 1e-9
    w, u, vt = cv2.SVDecomp(a.astype(np.float32))
    assert np.abs(w.ravel() - np.linalg.svd(a, compute_uv=False)).max() < 1e-3
    m = rng.standard_normal((200, 200)).astype(np.float32)
    assert np.abs(cv2.gemm(m, m, 1.0, None, 0.0) - m @ m).max() < 1e-3
    vals, _ = cv2.eigenNonSymmetric(a)
    assert vals.shape == (40, 1)
    assert cv2.resize(np.zeros((8, 8, 3), np.uint8), (16, 16),
                      interpolation=cv2.INTER_AREA).shape == (16, 16, 3)
    ok, png = cv2.imencode(".png", np.full((8, 8, 3), 40000, np.uint16))
    assert cv2.imdecode(png, cv2.IMREAD_UNCHANGED).dtype == np.uint16
    assert not cv2.VideoCapture("/no/such/video.mp4").isOpened()   # no FFmpeg call
    print("ok")
""")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("cc")
                    or not shutil.which("nm"), reason="Linux with a C compiler and binutils")
def test_opencv_runs_on_the_stubs_and_the_blas_forwarder(tmp_path: Path) -> None:
    """The replacements are what cv2 gets (the dynamic linker takes a loaded library for
    a needed one with the same SONAME): LAPACK answers match numpy's, images decode, and
    with the runtime hook's setting no video call reaches the FFmpeg stubs."""
    import cv2
    site = Path(cv2.__file__).resolve().parents[1]
    if not (site / opencv_libs.LIBS_DIR).is_dir():
        pytest.skip("this OpenCV bundles no libraries")
    plan = opencv_libs.plan(site, tmp_path)
    assert any(n.startswith("libopenblas") for n in plan.replace)
    assert {n.split("-")[0] for n in plan.replace} >= set(opencv_libs.FFMPEG)
    assert plan.saved_bytes(site / opencv_libs.LIBS_DIR) > 50 * 2**20
    blas = [str(p) for n, p in plan.replace.items() if n.startswith("libopenblas")]
    stubs = [str(p) for n, p in plan.replace.items() if not n.startswith("libopenblas")]
    env = {**os.environ, "OPENCV_VIDEOIO_PRIORITY_FFMPEG": "0"}
    r = subprocess.run([sys.executable, "-c", _PRELOADED, *blas, *stubs], env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and r.stdout.strip().endswith("ok"), r.stdout + r.stderr


_LINUX_TOOLS = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not all(shutil.which(t) for t in
                                                    ("cc", "nm", "readelf", "strip")),
    reason="Linux with a C compiler and binutils")


def _icu_data_lib() -> Path:
    import PySide6
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 carries no ICU")
    return found[0]


@_LINUX_TOOLS
def test_icu_package_is_read_and_written_byte_for_byte() -> None:
    import icu_data
    lib = _icu_data_lib()
    name, offset, size = icu_data._symbol(lib)
    with lib.open("rb") as f:
        f.seek(offset)
        blob = f.read(size)
    header, items = icu_data.read_package(blob)
    assert len(items) > 1000 and any(n.endswith("/coll/de.res") for n, _ in items)
    assert icu_data.write_package(header, items) == blob
    trimmed = icu_data.read_package(icu_data.trim_package(blob))[1]
    assert not any(n.split("/", 1)[1].startswith(icu_data.DROP) for n, _ in trimmed)
    assert {n for n, _ in trimmed} == {n for n, _ in items
                                       if not n.split("/", 1)[1].startswith(icu_data.DROP)}


_QT_ICU = textwrap.dedent("""
    import ctypes, sys
    if len(sys.argv) > 1:
        ctypes.CDLL(sys.argv[1], mode=ctypes.RTLD_GLOBAL)    # taken for QtCore's ICU data
    from PySide6.QtCore import (QCollator, QDateTime, QLocale, QStringDecoder,
                                QTextBoundaryFinder, QTimeZone)
    words = ["Äpfel", "apfel", "Zebra", "file10", "file2", "東京", "大阪", "ça", "öl"]
    for loc in ("de_DE", "ja_JP", "zh_CN", "fr_FR", "es_ES", "pt_BR", "sv_SE", "tr_TR"):
        c = QCollator(QLocale(loc)); c.setNumericMode(True)
        q = QLocale(loc)
        print(loc, sorted(words, key=c.sortKey), q.toUpper("straße istanbul"),
              q.toString(1234567.891, "f", 2), q.currencySymbol(), q.nativeLanguageName(),
              q.toString(QDateTime.fromSecsSinceEpoch(0, QTimeZone.utc()),
                         QLocale.FormatType.LongFormat))
    for codec in ("Shift_JIS", "windows-1251", "GB18030"):
        print(codec, QStringDecoder(codec).isValid())
    tz = QTimeZone(b"Europe/Berlin")
    print(tz.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName,
                         QLocale("de_DE")))
    b = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Word, "Hello wörld 東京都に行く")
    n = 0
    while b.toNextBoundary() != -1:
        n += 1
    print("boundaries", n)
""")


@pytest.mark.slow
@_LINUX_TOOLS
def test_qt_behaves_the_same_on_the_trimmed_icu_data(tmp_path: Path) -> None:
    import icu_data
    trimmed = icu_data.trim(_icu_data_lib(), tmp_path)
    assert trimmed.stat().st_size < _icu_data_lib().stat().st_size - 10 * 2**20
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    runs = [subprocess.run([sys.executable, "-c", _QT_ICU, *extra], env=env, timeout=300,
                           capture_output=True, text=True) for extra in ([], [str(trimmed)])]
    assert runs[0].returncode == 0 and runs[1].returncode == 0, runs[1].stderr
    assert runs[1].stdout == runs[0].stdout
    assert "Mitteleuropäische" in runs[0].stdout and "Could not" not in runs[1].stderr


@_LINUX_TOOLS
def test_strip_keeps_only_copies_that_still_load(tmp_path: Path) -> None:
    import ctypes

    import strip_libs
    src = tmp_path / "f.c"
    src.write_text("int answer(void) { return 42; }\n" + "".join(
        f"int helper{i}(int x) {{ return x * {i}; }}\n" for i in range(200)))
    lib = tmp_path / "libanswer.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-g", "-o", str(lib), str(src)], check=True)
    assert strip_libs.has_symbols(lib) and strip_libs.loadable(lib)
    toc, saved = strip_libs.strip_toc([("libanswer.so", str(lib), "BINARY"),
                                       ("x.so", "libanswer.so", "SYMLINK")], tmp_path / "out")
    assert saved > 0 and toc[1] == ("x.so", "libanswer.so", "SYMLINK")
    stripped = Path(toc[0][1])
    assert stripped != lib and not strip_libs.has_symbols(stripped)
    assert ctypes.CDLL(str(stripped)).answer() == 42
