"""Where a config's values come from: a TOML or YAML recipe file (paths in it relative to
the file's folder) and ``key.sub=value`` overrides (``--set``, paths relative to the
current folder); each parse error is one :class:`~engine.errors.ConfigError` line naming
the file.

Generic over the config class, so the SR trainer (:func:`trainer.config.load_config`) and
the colorizer (:mod:`trainer.colorize.config`) load their trees the same way.
"""

from __future__ import annotations

import os
import re
import tomllib
import typing
from pathlib import Path
from typing import Any, TypeVar

from msgspec import Struct

from engine.errors import ConfigError
from trainer.config_convert import convert, unknown_key

S = TypeVar("S", bound=Struct)


def load_struct_config(cls: type[S], path: str | os.PathLike[str] | None = None,
                       overrides: list[str] | None = None) -> S:
    """A config tree ``cls`` from a recipe file (paths in it relative to the file's folder)
    or its defaults, with ``key.sub=value`` overrides; errors name the file.  Shared by the
    SR and the colorizer trainers."""
    raw: dict[str, Any] = {}
    base = Path.cwd()
    if path is not None:
        p = Path(path).expanduser()
        raw = read_config_file(p)
        base = p.resolve().parent
        raw.setdefault("recipe", p.stem)
        # the stem alone is ambiguous (recipes/quality_x2.toml, recipes/gpu/quality_x2.toml)
        raw.setdefault("recipe_file", str(p.resolve()))
    try:
        cfg: S = convert(raw, cls, base)
        for item in overrides or []:
            apply_override(cfg, item)
    except ConfigError as e:
        if path is None:
            raise
        raise ConfigError(f"{Path(path).name}: {e}") from None
    return cfg


def read_config_file(path: Path) -> dict[str, Any]:
    """Parse a config file into a dict; any parse error becomes one ConfigError line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read config file {path}: {e}") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml
        try:
            data = yaml.load(text, Loader=_yaml_loader())  # a SafeLoader
        except yaml.YAMLError as e:
            raise ConfigError(f"{path.name}: invalid YAML ({e})") from None
        data = {} if data is None else data
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{path.name}: invalid TOML ({e})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path.name}: the top level must be a table of sections")
    return data


def _yaml_loader() -> type:
    """PyYAML's SafeLoader that also reads ``1e-3`` as a float: YAML 1.1 wants a dot
    (``1.0e-3``), so PyYAML gives the string '1e-3', which YAML 1.2 and TOML read as 0.001."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_implicit_resolver("tag:yaml.org,2002:float",
                                 re.compile(r"^[-+]?[0-9][0-9_]*(\.[0-9_]*)?[eE][-+]?[0-9]+$"),
                                 list("-+0123456789"))
    return Loader


def apply_override(cfg: Struct, item: str) -> None:
    """Apply one ``section.key=value`` (value parsed as TOML, else taken as a string); a
    relative path in it resolves against the current folder."""
    key, sep, text = item.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ConfigError(f"override {item!r} is not of the form key.sub=value")
    parts = key.split(".")
    obj: Any = cfg
    for i, name in enumerate(parts):
        dotted = ".".join(parts[: i + 1])
        if isinstance(obj, dict):  # free-form tables such as model.config
            for j in range(i, len(parts) - 1):
                obj = obj.setdefault(parts[j], {})
                if not isinstance(obj, dict):
                    raise ConfigError(f"{'.'.join(parts[: j + 1])}: is not a table")
            obj[parts[-1]] = parse_value(text)
            return
        if not isinstance(obj, Struct):
            raise ConfigError(f"{'.'.join(parts[:i])}: is a value, not a section")
        if name not in obj.__struct_fields__:
            raise ConfigError(unknown_key(dotted, obj.__struct_fields__))
        if i < len(parts) - 1:
            obj = getattr(obj, name)
            continue
        hint = typing.get_type_hints(type(obj), include_extras=True)[name]
        if isinstance(hint, type) and issubclass(hint, Struct):
            raise ConfigError(f"{dotted}: is a section; set one of its keys "
                              f"(e.g. {dotted}.{hint.__struct_fields__[0]}=...)")
        value = parse_value(text)
        if isinstance(value, str) and any(typing.get_origin(h) is list
                                          for h in (hint, *typing.get_args(hint))):
            value = [value]  # --set data.hr_dirs=/one/folder
        setattr(obj, name, convert(value, hint, Path.cwd(), dotted))


def parse_value(text: str) -> Any:
    """'3' -> 3, '1e-3' -> 0.001, 'true' -> True, '[1, 2]' -> [1, 2], 'null' -> None, else str."""
    s = text.strip()
    if s.lower() in ("null", "none", "~"):
        return None
    try:
        return tomllib.loads(f"v = {s}")["v"]
    except tomllib.TOMLDecodeError:
        return s
