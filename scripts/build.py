#!/usr/bin/env python3
"""Build SR Studio's two frozen variants with PyInstaller, and the lean build's ONNX models.

    python scripts/build.py models [--out DIR]        # resources/models_onnx/*.onnx
    python scripts/build.py lean [--dist DIR]         # "SR Studio": no torch, ONNX models
    python scripts/build.py full [--dist DIR]         # "SR Studio Pro": torch, trainer
    python scripts/build.py package lean|full [--dist DIR] [--out DIR]   # installer

*lean* has no PyTorch: the shipped networks travel as ONNX files exported here (from the
same weight files, through :func:`engine.inference.onnx_export.export_onnx`, with our
``srstudio`` metadata: name, role, scale, context, metrics), so the registry lists them
and ONNX Runtime runs them.  *full* carries torch, spandrel and the trainer.  Both are
``packaging/srstudio.spec``, which reads the variant from ``SRSTUDIO_BUILD_VARIANT``.
Each build prints its time, unpacked size and largest parts, and ``--selftest`` runs the
frozen CLI's ``srstudio selftest`` and then (not on Windows, whose windowed executable has
no output) starts the frozen GUI offscreen until its window shows (the release workflow
does; exit 1 when either fails).  ``package``
wraps a build for its OS: an Inno Setup installer on Windows
(``packaging/windows/srstudio.iss``), an ad-hoc signed ``.app`` in a ``.dmg`` on macOS
(``packaging/macos/dmg_settings.py``, dmgbuild), a ``.tar.gz`` on Linux.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
ONNX_DIR = REPO / "resources" / "models_onnx"
SPEC = REPO / "packaging" / "srstudio.spec"
APP_NAMES = {"lean": "SR Studio", "full": "SR Studio Pro"}
LEAN_ROLES = ("quality", "fast", "photo", "reference")   # colorize needs the full build


def export_models(out: Path = ONNX_DIR) -> list[Path]:
    """Export every shipped network (not the colorizer) to ``out/<stem>.onnx``; the lean
    build cannot export at run time (that needs torch), so it ships these."""
    from engine.inference.onnx_export import export_onnx
    from engine.models.descriptor import LoadedModel
    from engine.models.registry import list_models
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.onnx"):
        old.unlink()
    written = []
    for info in list_models(include_user=False):
        if info.role not in LEAN_ROLES or info.path.suffix != ".safetensors":
            continue
        target = out / f"{info.path.stem}.onnx"
        export_onnx(LoadedModel.from_file(info.path), target)
        written.append(target)
        print(f"exported {info.name} -> {target.relative_to(REPO)} "
              f"({target.stat().st_size / 1e6:.2f} MB)", flush=True)
    return written


def folder_bytes(folder: Path) -> int:
    """The unpacked size of a build (what ``du`` says, without following links)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def largest(folder: Path, n: int = 12) -> list[tuple[str, int]]:
    """The ``n`` biggest entries of the build's ``_internal`` (or the folder itself): where
    the size goes, for packaging/README.md."""
    inner = folder / "_internal" if (folder / "_internal").is_dir() else folder
    sizes = [(p.name, folder_bytes(p) if p.is_dir() else p.lstat().st_size)
             for p in inner.iterdir()]
    return sorted(sizes, key=lambda e: -e[1])[:n]


def app_folder(dist: Path, variant: str) -> Path:
    """The one-folder build; on macOS the .app bundle beside it is what ships."""
    return dist / APP_NAMES[variant]


def cli_path(dist: Path, variant: str) -> Path:
    exe = "srstudio.exe" if sys.platform == "win32" else "srstudio"
    return app_folder(dist, variant) / exe


def build(variant: str, dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec for one variant; the app folder it wrote."""
    if variant == "lean":
        export_models()
    env = {**os.environ, "SRSTUDIO_BUILD_VARIANT": variant}
    cmd = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
           "--distpath", str(dist), "--workpath", str(work / variant)]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, cwd=REPO)
    seconds = time.perf_counter() - t0
    folder = app_folder(dist, variant)
    size = folder_bytes(folder)
    print(f"{APP_NAMES[variant]}: {folder} {size / 2**20:.0f} MiB ({size / 1e6:.0f} MB) "
          f"unpacked, built in {seconds:.0f} s", flush=True)
    print("  largest: " + ", ".join(f"{name} {b / 2**20:.0f}" for name, b in largest(folder)),
          "(MiB)", flush=True)
    return folder


def selftest(dist: Path, variant: str, extra: list[str]) -> int:
    """Run the frozen CLI's selftest from outside the source tree (so nothing is found
    through the repository by accident); its exit status."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("SRSTUDIO_MODELS_DIR", "PYTHONPATH")}
    cmd = [str(cli_path(dist, variant)), "selftest", *extra]
    print("+", " ".join(cmd), flush=True)
    code = subprocess.run(cmd, env=env, cwd=dist).returncode
    if code == 0 and sys.platform != "win32":   # the windowed .exe has no stdout to read
        code = gui_check(dist, variant, env)
    return code


def gui_check(dist: Path, variant: str, env: dict[str, str]) -> int:
    """Start the frozen GUI on Qt's offscreen platform until its window is exposed
    (``SRSTUDIO_STARTUP_PROBE``, app/gui/main.py); 0 when it was."""
    exe = app_folder(dist, variant) / APP_NAMES[variant]
    probe = {**env, "QT_QPA_PLATFORM": "offscreen", "SRSTUDIO_STARTUP_PROBE": "1"}
    try:
        r = subprocess.run([str(exe)], env=probe, cwd=dist, capture_output=True, text=True,
                           timeout=300)
    except subprocess.TimeoutExpired:
        print("GUI: no window after 300 s", flush=True)
        return 1
    shown = [ln for ln in r.stdout.splitlines() if ln.startswith("SRSTUDIO_EXPOSED")]
    if r.returncode != 0 or not shown:
        print(f"GUI: failed (exit {r.returncode})\n{r.stderr[-2000:]}", flush=True)
        return 1
    print(f"GUI: window exposed after {shown[0].split()[1]} s", flush=True)
    return 0


def version() -> str:
    return str(tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"])


def platform_tag() -> str:
    """'windows-x64', 'macos-arm64', 'macos-x64' or 'linux-x64' (the release's names)."""
    osname = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    machine = platform.machine().lower()
    arch = "arm64" if machine in ("arm64", "aarch64") else "x64"
    return f"{osname}-{arch}"


def package(variant: str, dist: Path, out: Path) -> Path:
    """The installer or archive of a finished build, in ``out``; its path."""
    name = APP_NAMES[variant]
    base = f"{name.replace(' ', '-')}-{version()}-{platform_tag()}"
    out.mkdir(parents=True, exist_ok=True)
    folder = app_folder(dist, variant)
    if sys.platform == "win32":
        iscc = shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
        subprocess.run([iscc, f"/DAppName={name}", f"/DAppVersion={version()}",
                        f"/DSourceDir={folder}", f"/DOutputDir={out}", f"/DOutputName={base}",
                        str(REPO / "packaging" / "windows" / "srstudio.iss")], check=True)
        target = out / f"{base}.exe"
    elif sys.platform == "darwin":
        bundle = dist / f"{name}.app"
        # ad-hoc signature: Apple silicon runs nothing unsigned; notarisation needs a
        # Developer ID certificate (steps in packaging/README.md)
        subprocess.run(["codesign", "--force", "--deep", "--sign", "-", str(bundle)],
                       check=True)
        target = out / f"{base}.dmg"
        subprocess.run([sys.executable, "-m", "dmgbuild", "-s",
                        str(REPO / "packaging" / "macos" / "dmg_settings.py"),
                        "-D", f"app={bundle}", name, str(target)], check=True)
    else:
        target = out / f"{base}.tar.gz"
        subprocess.run(["tar", "-C", str(dist), "-czf", str(target), name], check=True)
    print(f"packaged {target} ({target.stat().st_size / 2**20:.0f} MiB)", flush=True)
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("variant", choices=("models", "lean", "full", "package"))
    ap.add_argument("which", nargs="?", choices=("lean", "full"), help="package: the build")
    ap.add_argument("--dist", type=Path, default=REPO / "dist", help="output folder")
    ap.add_argument("--work", type=Path, default=REPO / "build" / "pyinstaller",
                    help="PyInstaller's work folder")
    ap.add_argument("--out", type=Path, default=None,
                    help="models: where the ONNX go; package: where the installer goes")
    ap.add_argument("--selftest", action="store_true",
                    help="run the built CLI's `srstudio selftest` afterwards")
    ap.add_argument("--selftest-args", default="", help="extra selftest arguments")
    ap.add_argument("--clean", action="store_true", help="remove the old app folder first")
    args = ap.parse_args(argv)
    if args.variant == "models":
        export_models(args.out or ONNX_DIR)
        return 0
    if args.variant == "package":
        if args.which is None:
            ap.error("package needs lean or full")
        package(args.which, args.dist.resolve(), (args.out or REPO / "out").resolve())
        return 0
    if args.clean:
        shutil.rmtree(app_folder(args.dist, args.variant), ignore_errors=True)
    build(args.variant, args.dist.resolve(), args.work.resolve())
    if args.selftest:
        return selftest(args.dist.resolve(), args.variant, args.selftest_args.split())
    return 0


if __name__ == "__main__":
    sys.exit(main())
