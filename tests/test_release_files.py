"""What a release carries besides the code: the Windows version resource, the third-party
licence list (collected at build time, read from importlib.metadata from source), and the
crash log written when an exception escapes the CLI or a thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from app import licences

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "packaging"))
import release_files  # noqa: E402

VERSION = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]


def test_version_tuple() -> None:
    assert release_files.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert release_files.version_tuple("1.2rc1") == (1, 2, 0, 0)
    assert release_files.version_tuple("2026.3.3.4.5") == (2026, 3, 3, 4)


def _recording_namespace() -> dict:
    """PyInstaller's version-file classes as constructors that record their arguments."""
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
             "StringStruct", "VarFileInfo", "VarStruct")

    def recorder(name: str):
        return lambda *a, **k: (name, a, k)
    return {n: recorder(n) for n in names}


def test_windows_version_file_names_the_product_and_version(tmp_path: Path) -> None:
    path = release_files.windows_version_file(tmp_path / "v.txt", "SR Studio", VERSION,
                                              "srstudio.exe", "SR Studio (command line)")
    info = eval(path.read_text(encoding="utf-8"), _recording_namespace())  # noqa: S307
    assert info[0] == "VSVersionInfo"
    ffi = info[2]["ffi"][2]
    assert ffi["filevers"] == ffi["prodvers"] == release_files.version_tuple(VERSION)
    strings = dict(s[1] for s in info[2]["kids"][0][1][0][0][1][1])
    assert strings["ProductName"] == "SR Studio"
    assert strings["ProductVersion"] == strings["FileVersion"] == VERSION
    assert strings["OriginalFilename"] == "srstudio.exe"


@pytest.mark.skipif(sys.platform != "win32", reason="PyInstaller's version tools are Windows'")
def test_pyinstaller_reads_the_version_file(tmp_path: Path) -> None:
    versioninfo = pytest.importorskip("PyInstaller.utils.win32.versioninfo")
    path = release_files.windows_version_file(tmp_path / "v.txt", "SR Studio Pro", "1.2.3",
                                              "SR Studio Pro.exe", "SR Studio Pro")
    vi = versioninfo.load_version_info_from_text_file(str(path))
    assert (vi.ffi.fileVersionMS, vi.ffi.fileVersionLS) == (1 << 16 | 2, 3 << 16)
    assert "SR Studio Pro" in str(vi)


def test_top_level_modules_from_pyinstaller_tocs() -> None:
    pure = [("numpy._core.multiarray", "/x.py", "PYMODULE"), ("app.gui.main", "/y", "PYMODULE")]
    binaries = [("cv2/cv2.abi3.so", "/s/cv2.abi3.so", "EXTENSION"),
                ("PySide6/QtCore.abi3.so", "/s/q.so", "EXTENSION"),
                ("_ssl.cpython-311-x86_64-linux-gnu.so", "/s/_ssl.so", "EXTENSION"),
                ("libz.so.1", "/lib/libz.so.1", "BINARY")]
    assert release_files.top_level_modules([pure, binaries]) == {
        "numpy", "app", "cv2", "PySide6", "_ssl"}


def test_licences_of_the_modules_a_build_carries(tmp_path: Path) -> None:
    found = {c.name: c for c in licences.for_modules({"numpy", "cv2", "PySide6", "app"})}
    assert {"numpy", "opencv-python-headless", "PySide6_Essentials", "Qt", "Python"} <= set(found)
    assert "srstudio" not in {n.lower() for n in found}          # our own is in the box
    assert "BSD" in found["numpy"].licence and found["numpy"].texts
    assert "LGPL" in found["Qt"].licence
    assert found["Python"].licence == "PSF-2.0"
    path = licences.write(tmp_path / "l.json", found.values())
    assert json.loads(path.read_text(encoding="utf-8"))[0]["name"]
    assert licences.load(path) == list(found.values())


def test_from_source_the_list_is_the_installed_requirements(tmp_path: Path) -> None:
    found = {c.name.lower(): c for c in licences.load(tmp_path / "absent.json")}
    for name in ("numpy", "pillow", "pyside6_essentials", "av", "onnxruntime", "platformdirs"):
        assert name in found, name
        assert found[name].version and found[name].licence
    text = licences.summary(found.values())
    assert "numpy " in text and "==== numpy" in text


_CRASH = textwrap.dedent("""
    import sys, threading
    if sys.argv[1] == "frozen":
        sys.frozen = True
    from app.crash_log import install
    install("cli")
    def boom():
        raise RuntimeError("disk on fire")
    if sys.argv[2] == "thread":
        t = threading.Thread(target=boom, name="worker"); t.start(); t.join()
        t = threading.Thread(target=boom, name="worker"); t.start(); t.join()
        sys.exit(0)
    boom()
""")


def _crash(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SRSTUDIO_LOG_DIR": str(tmp_path / "logs"), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", _CRASH, *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)


def test_an_escaping_exception_writes_a_crash_log(tmp_path: Path) -> None:
    r = _crash(tmp_path, "frozen", "main")
    assert r.returncode == 1
    [log] = (tmp_path / "logs").glob("crash-*.log")
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in boom" in text
    assert "RuntimeError: disk on fire" in text and "where: cli" in text
    assert "frozen" in text.splitlines()[0]
    # frozen: one line for the user, naming the file; no traceback on the console
    assert "Traceback" not in r.stderr
    assert str(log) in r.stderr and "disk on fire" in r.stderr


def test_from_source_the_traceback_is_printed_too(tmp_path: Path) -> None:
    r = _crash(tmp_path, "source", "main")
    assert r.returncode == 1 and "Traceback" in r.stderr
    [log] = (tmp_path / "logs").glob("crash-*.log")
    assert str(log) in r.stderr


def test_a_thread_crash_is_logged_once(tmp_path: Path) -> None:
    r = _crash(tmp_path, "frozen", "thread")
    assert r.returncode == 0
    [log] = (tmp_path / "logs").glob("crash-*.log")        # the same error twice: one file
    assert "thread worker" in log.read_text(encoding="utf-8")
    assert "the same error again" in r.stderr


def test_the_log_folder_is_the_user_log_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_log_dir

    from app.crash_log import log_dir
    monkeypatch.delenv("SRSTUDIO_LOG_DIR", raising=False)
    assert log_dir() == Path(user_log_dir("SR Studio", appauthor=False))


def test_the_frozen_entry_point_picks_the_cli_by_its_name(tmp_path: Path) -> None:
    from app.entry import is_cli
    assert is_cli("/opt/SR Studio/srstudio") and is_cli(r"C:\SR Studio\srstudio.exe")
    assert is_cli("SRSTUDIO.EXE")
    assert not is_cli("/opt/SR Studio/SR Studio") and not is_cli("SR Studio Pro.exe")
    link = tmp_path / "srstudio"                # as the Linux build links it
    link.symlink_to(REPO / "app" / "entry.py")
    r = subprocess.run([sys.executable, str(link), "--version"], capture_output=True,
                       text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert r.returncode == 0 and VERSION in r.stdout + r.stderr, r.stderr
