"""The building blocks of every training config tree (the SR trainer's and the
colorizer's): :class:`Section`, a table that refuses unknown keys, and the string types
that are filesystem paths.

Apart from the trees themselves so that the loader (:mod:`trainer.config_convert`), which
resolves the paths, and each tree's module can share them without importing each other.
"""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta, Struct

# Strings that are filesystem paths (resolved on load, see trainer.config), and strings that
# are a path or a name ('auto', a shipped model name), resolved only when they look like a
# path.  The JSON schema marks them with a "format" a form can show as a file picker.
PATH = Meta(extra_json_schema={"format": "path"})
PATH_OR_NAME = Meta(extra_json_schema={"format": "path-or-name"})
PathStr = Annotated[str, PATH]
PathOrName = Annotated[str, PATH_OR_NAME]


class Section(Struct, forbid_unknown_fields=True):
    """A table of the config: msgspec refuses unknown keys (we add the near one)."""
