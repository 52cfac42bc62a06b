"""Files a release build carries besides the code, made at build time by the spec: the
Windows version resource, the icons, the third-party licence list.

Nothing here is downloaded: the icon is drawn by ``app/gui/app_icon.py`` (in a child
process, with Qt's offscreen platform), the version comes from pyproject.toml, and the
licences from the installed distributions' metadata (``app/licences.py``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

COMPANY = "SR Studio"
COPYRIGHT = "SR Studio contributors; Apache-2.0"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0): Windows wants four numbers ('1.2rc1' -> (1, 2, 0, 0))."""
    nums = []
    for part in version.split(".")[:4]:
        lead = re.match(r"\d*", part).group()   # type: ignore[union-attr]
        nums.append(int(lead or 0))
        if lead != part:                        # '2rc1': a pre-release ends the numbers
            break
    return tuple((nums + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def windows_version_file(path: Path, product: str, version: str, exe: str,
                         description: str) -> Path:
    """PyInstaller's version-resource text for ``exe`` (Explorer's Details tab: product
    name, file description, version, copyright)."""
    v = version_tuple(version)
    strings = {"CompanyName": COMPANY, "FileDescription": description,
               "FileVersion": version, "InternalName": exe, "LegalCopyright": COPYRIGHT,
               "OriginalFilename": exe, "ProductName": product, "ProductVersion": version}
    fields = ",\n          ".join(f"StringStruct({k!r}, {val!r})" for k, val in strings.items())
    path.write_text(f"""# UTF-8 - made by packaging/release_files.py from pyproject.toml's version
VSVersionInfo(
  ffi=FixedFileInfo(filevers={v}, prodvers={v}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
          {fields}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
""", encoding="utf-8")
    return path


def icon_files(root: Path, out: Path) -> dict[str, Path]:
    """The icon as PNG, ICO and ICNS in ``out`` (drawn by app/gui/app_icon.py)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-m", "app.gui.app_icon", str(out)], check=True,
                   env=env, cwd=root, stdout=subprocess.DEVNULL)
    return {s: out / f"srstudio.{s}" for s in ("png", "ico", "icns")}


def top_level_modules(tocs: Iterable[list]) -> set[str]:
    """The top-level packages a build carries, from PyInstaller's TOCs: pure modules
    ('numpy._core.x' -> 'numpy') and extension files ('cv2/cv2.abi3.so' -> 'cv2')."""
    names = set()
    for toc in tocs:
        for dest, _src, kind in toc:
            if kind in ("PYMODULE", "PYSOURCE"):
                names.add(dest.split(".")[0])
            elif kind == "EXTENSION":
                names.add(PurePosixPath(dest.replace("\\", "/")).parts[0].split(".")[0])
    return names


def licence_file(out: Path, tocs: Iterable[list], root: Path) -> Path:
    """``third_party_licences.json`` for the distributions whose modules the build
    carries (read by app/licences.py in the frozen app)."""
    sys.path.insert(0, str(root))
    from app.licences import for_modules, write
    return write(out, for_modules(top_level_modules(tocs)))
