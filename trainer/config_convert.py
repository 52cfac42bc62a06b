"""msgspec's conversion of plain data (a parsed file, an override's value) into a config
tree: the values type-checked, its errors turned into one line in our words (the dotted
key, what was expected, what was given, the near key for a typo), and every string typed
as a path made absolute.

Shared by the file loader (:mod:`trainer.config_files`) and :func:`trainer.config.from_dict`.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Meta, Struct

from engine.errors import ConfigError
from trainer.config_base import PATH, PATH_OR_NAME


def convert(raw: Any, hint: Any, base: Path, key: str = "") -> Any:
    """``raw`` checked and converted to ``hint`` (a config class, or the type of the field
    ``key``), relative paths resolved against ``base``."""
    try:
        value = msgspec.convert(raw, type=hint, strict=True)
    except msgspec.ValidationError as e:
        raise ConfigError(_explain(str(e), raw, hint, key)) from None
    return _resolve_paths(value, hint, base)


_WHERE = re.compile(r"(?P<what>.*?)(?: - at (?P<key>`key` in )?`\$(?P<at>[^`]*)`)?")
_EXPECTED = re.compile(r"Expected `(?P<wanted>[^`]+)`, got `(?P<got>\w+)`")
_UNKNOWN = re.compile(r"Object contains unknown field `(?P<name>[^`]+)`")
_TYPE_NAMES = {"int": "an integer", "float": "a number", "str": "a string",
               "bool": "true or false", "array": "a list", "object": "a table"}


def _explain(message: str, raw: Any, hint: Any, key: str) -> str:
    """msgspec's ``Expected `int`, got `str` - at `$.run.steps``` as
    ``run.steps: expected an integer, got 'many' (str)``: one line with the dotted key,
    what was expected and what was given; an unknown key gets the near one."""
    m = _WHERE.fullmatch(message)
    assert m is not None  # the pattern matches any text
    what, at = m["what"], m["at"] or ""
    where = (key + at).lstrip(".") or "config"
    if unknown := _UNKNOWN.fullmatch(what):
        table = _section_at(hint, at)
        name = unknown["name"]
        return unknown_key(f"{key + at}.{name}".lstrip("."), table.__struct_fields__)
    if expected := _EXPECTED.fullmatch(what):
        wanted = [w for w in expected["wanted"].split(" | ") if w != "null"]
        if m["key"]:  # a free-form table's key (YAML allows numbers)
            return f"{where}: its keys must be strings, got {expected['got']}"
        if expected["got"] == "null":
            return f"{where}: must not be empty (null)"
        try:
            given = _show(_value_at(raw, at))
        except (KeyError, IndexError, TypeError):
            given = f"a {expected['got']}"
        return (f"{where}: expected {' or '.join(_TYPE_NAMES.get(w, w) for w in wanted)}, "
                f"got {given}")
    return f"{where}: {what[:1].lower()}{what[1:]}"


def _value_at(raw: Any, at: str) -> Any:
    """The value at msgspec's path ``.data.hr_dirs[0]`` in ``raw``."""
    for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", at):
        raw = raw[int(index)] if index else raw[name]
    return raw


def _section_at(cls: Any, at: str) -> Any:
    """The config class at msgspec's path ``.data.augment`` below ``cls``."""
    for name in filter(None, at.split(".")):
        cls = typing.get_type_hints(cls)[name]
    return cls


def unknown_key(dotted: str, known: Iterable[str]) -> str:
    known = list(known)
    close = difflib.get_close_matches(dotted.rpartition(".")[2], known, n=1, cutoff=0.6)
    if close:
        parent = dotted.rpartition(".")[0]
        guess = f"{parent}.{close[0]}" if parent else close[0]
        return f"unknown key '{dotted}' (did you mean '{guess}'?)"
    return f"unknown key '{dotted}' (known: {', '.join(known)})"


def _show(value: Any) -> str:
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{text} ({type(value).__name__})"


def _resolve_paths(value: Any, hint: Any, base: Path) -> Any:
    """``value`` of type ``hint`` with the strings typed as paths made absolute."""
    if isinstance(value, Struct):
        for name, sub in typing.get_type_hints(type(value), include_extras=True).items():
            setattr(value, name, _resolve_paths(getattr(value, name), sub, base))
        return value
    kind = _path_kind(hint)
    if kind is None or value is None:
        return value
    if isinstance(value, list):
        return [_resolve(v, kind, base) for v in value]
    return _resolve(value, kind, base)


def _path_kind(hint: Any) -> Meta | None:
    """PATH or PATH_OR_NAME where ``hint`` (``PathStr | None``, ``list[PathStr]``...) holds
    one, else None."""
    for meta in getattr(hint, "__metadata__", ()):
        if meta is PATH or meta is PATH_OR_NAME:
            return meta
    return next(filter(None, map(_path_kind, typing.get_args(hint))), None)


def _resolve(value: str, kind: Meta, base: Path) -> str:
    # a path-or-name field ('auto', a shipped model name) holds a path when it looks like one
    if kind is PATH_OR_NAME and not ("/" in value or "\\" in value or value.startswith("~")
                                      or "." in Path(value).name):
        return value
    p = Path(value).expanduser()
    return str(p if p.is_absolute() else (base / p).resolve())
