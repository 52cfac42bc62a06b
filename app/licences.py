"""Third-party licences: the software SR Studio carries, its versions, licences and texts.

A frozen build cannot ask ``importlib.metadata`` (PyInstaller copies the metadata of only
a few distributions), so ``packaging/srstudio.spec`` collects, at build time, the
distributions whose modules the build actually carries (:func:`for_modules`) and writes
them to ``third_party_licences.json`` beside this file (:func:`write`); :func:`load` reads
that file when it is there, and otherwise (a source checkout) the installed distributions
that SR Studio requires.  The About box lists them.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

BUNDLED = Path(__file__).resolve().with_name("third_party_licences.json")
OWN = "srstudio"
LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|THIRD[-_]?PARTY)", re.IGNORECASE)
MAX_TEXT = 256 * 1024


@dataclass(frozen=True)
class Component:
    """One piece of third-party software: its name, version, licence (an SPDX expression
    or the metadata's words) and the licence files it ships (file name, text)."""

    name: str
    version: str
    licence: str
    texts: list[tuple[str, str]] = field(default_factory=list)


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expr = meta.get("License-Expression")
    if expr:
        return str(expr)
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::") and c.count("::") >= 2]
    text = (meta.get("License") or "").strip()
    if text and len(text) <= 80 and "\n" not in text:
        return text
    return ", ".join(classifiers) or (text.splitlines()[0][:80] if text else "unknown")


def _texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """The licence files in the metadata folder, or at the top of the package (where
    onnxruntime keeps its LICENSE and ThirdPartyNotices.txt)."""
    out = []
    for f in dist.files or []:
        meta = f.parts[0].endswith(".dist-info")
        if not LICENCE_FILE.match(f.name) or not (meta or len(f.parts) <= 2):
            continue
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if text:
            out.append(("/".join(f.parts[1:] if meta else f.parts), text[:MAX_TEXT]))
    return out


#: native software inside a wheel whose metadata names only the wrapper's licence
INSIDE = {
    "pyside6_essentials": ("Qt", "LGPL-3.0-only (Qt for Python's Essentials wheel)"),
    "av": ("FFmpeg (in PyAV's wheel)",
           "LGPL-2.1-or-later; GPL-2.0-or-later as built with x264 and x265"),
}


def component(dist: metadata.Distribution) -> list[Component]:
    """The :class:`Component` of an installed distribution (and of the native library
    it bundles, when :data:`INSIDE` names one)."""
    out = [Component(dist.metadata["Name"], dist.version, _licence(dist), _texts(dist))]
    inside = INSIDE.get(dist.metadata["Name"].lower().replace("-", "_"))
    if inside:
        out.append(Component(inside[0], dist.version if inside[0] == "Qt" else "",
                             inside[1]))
    return out


def python_component() -> Component:
    """CPython itself (its licence file is in the standard library's folder)."""
    lic = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" \
        / "LICENSE.txt"
    texts = [(lic.name, lic.read_text(encoding="utf-8"))] if lic.is_file() else []
    return Component("Python", sys.version.split()[0], "PSF-2.0", texts)


def _sorted(components: Iterable[Component]) -> list[Component]:
    seen: dict[str, Component] = {}
    for c in components:
        seen.setdefault(c.name.lower(), c)
    return sorted(seen.values(), key=lambda c: c.name.lower())


def for_modules(modules: Iterable[str]) -> list[Component]:
    """The distributions that provide the top-level ``modules`` (what a build carries),
    and Python; our own package is left out."""
    owners = metadata.packages_distributions()
    names = {d for m in modules for d in owners.get(m, ())}
    dists = []
    for name in sorted(names):
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if dist.metadata["Name"].lower() != OWN:
            dists += component(dist)
    return _sorted([python_component(), *dists])


def _required(name: str, seen: set[str]) -> None:
    try:
        reqs = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return
    for req in reqs:
        if "extra ==" in req and 'extra == "server"' not in req:
            continue
        dep = re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0].lower()
        if dep and dep not in seen:
            try:
                metadata.distribution(dep)
            except metadata.PackageNotFoundError:
                continue
            seen.add(dep)
            _required(dep, seen)


def installed() -> list[Component]:
    """From a source checkout: every installed distribution SR Studio requires (and what
    those require, and the server extra), and Python."""
    seen: set[str] = set()
    _required(OWN, seen)
    found = [python_component()]
    for name in sorted(seen):
        found += component(metadata.distribution(name))
    return _sorted(found)


def write(path: Path, components: Iterable[Component]) -> Path:
    """Write the list (the build's ``third_party_licences.json``)."""
    path.write_text(json.dumps([asdict(c) for c in components], ensure_ascii=False),
                    encoding="utf-8")
    return path


def load(path: Path = BUNDLED) -> list[Component]:
    """The list the build collected; from source (no such file), :func:`installed`."""
    if path.is_file():
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [Component(r["name"], r["version"], r["licence"],
                          [tuple(t) for t in r["texts"]]) for r in rows]
    return installed()


def summary(components: Iterable[Component]) -> str:
    """One line per component, then each licence text (the About box's details)."""
    components = list(components)
    lines = [f"{c.name} {c.version}: {c.licence}".replace(" :", ":") for c in components]
    for c in components:
        for fname, text in c.texts:
            lines += ["", f"==== {c.name} {c.version} ({fname}) ====", text.rstrip()]
    return "\n".join(lines) + "\n"
