"""Preferences in QSettings (INI format), one place that knows the keys and their types.

INI format everywhere (not the Windows registry / macOS plist) so tests can redirect all
settings to a temporary folder with ``QSettings.setPath`` and so users can read the file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

ORGANIZATION = "SR Studio"
APPLICATION = "SR Studio"
MAX_RECENT = 10


def open_settings() -> QSettings:
    """The application's settings store (user scope, INI)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     ORGANIZATION, APPLICATION)


class SettingsStore:
    """Typed getters/setters over QSettings (QSettings returns strings from INI files)."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.qsettings = settings if settings is not None else open_settings()

    def get_str(self, key: str, default: str = "") -> str:
        v = self.qsettings.value(key, default)
        return default if v is None else str(v)

    def get_int(self, key: str, default: int = 0) -> int:
        try:
            return int(self.qsettings.value(key, default))
        except (TypeError, ValueError):
            return default

    def get_bool(self, key: str, default: bool = False) -> bool:
        v = self.qsettings.value(key, default)
        if isinstance(v, str):
            return v.lower() in ("1", "true", "yes", "on")
        return bool(v)

    def get_list(self, key: str) -> list[str]:
        v = self.qsettings.value(key, [])
        if v is None or v == "":
            return []
        if isinstance(v, str):
            return [v]
        return [str(x) for x in v]

    def set(self, key: str, value: Any) -> None:
        self.qsettings.setValue(key, value)

    def get_bytes(self, key: str) -> bytes | None:
        v = self.qsettings.value(key)
        try:
            return bytes(v) if v is not None and v != "" else None
        except TypeError:
            return None

    # recent files ------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        return self.get_list("recent/files")

    def add_recent(self, paths: list[str]) -> list[str]:
        items = [p for p in self.recent_files() if p not in paths]
        items = (list(paths) + items)[:MAX_RECENT]
        self.set("recent/files", items)
        return items

    def clear_recent(self) -> None:
        self.set("recent/files", [])

    def sync(self) -> None:
        self.qsettings.sync()
