"""The upscale settings as the settings store keeps them: the ``upscale/`` keys read into a
:class:`~app.gui.job_settings.JobSettings` and written back from one.

Kept apart from the panel's widgets so the keys, their types and defaults are in one place;
the panel decides what is remembered (a model or colorize choice not listed yet is kept),
this module only maps it to and from the store.
"""

from __future__ import annotations

from app.gui.job_settings import DEFAULT_PATTERN, JobSettings
from app.gui.model_combo import AUTO
from app.gui.settings_choices import DEFAULT_STRENGTH
from app.gui.settings_store import SettingsStore
from app.gui.video_settings import VideoSettings


def read_job_settings(store: SettingsStore) -> JobSettings:
    """Every remembered upscale choice, the ``video/`` ones included (VideoSettings.read)."""
    tile_raw = store.get_str("upscale/tile", "auto")
    tile: int | str | None = "auto" if tile_raw == "auto" else (
        None if tile_raw in ("", "off") else int(tile_raw) if tile_raw.isdigit() else "auto")
    fmt = store.get_str("upscale/format", "") or None
    return VideoSettings.read(store, JobSettings(
        model=store.get_str("upscale/model", AUTO),
        scale=store.get_int("upscale/scale", 4),
        device=store.get_str("upscale/device", "auto"),
        backend=store.get_str("upscale/backend", "auto"),
        precision=store.get_str("upscale/precision", "auto"),
        tile=tile,
        self_ensemble=store.get_bool("upscale/self_ensemble", False),
        output_dir=store.get_str("upscale/output_dir", "") or None,
        output_format=fmt,
        quality=store.get_int("upscale/quality", 95),
        name_pattern=store.get_str("upscale/name_pattern", DEFAULT_PATTERN),
        colorize=store.get_str("upscale/colorize", "") or None,
        colorize_strength=store.get_int("upscale/colorize_strength",
                                        round(DEFAULT_STRENGTH * 100)) / 100.0))


def write_job_settings(store: SettingsStore, s: JobSettings) -> None:
    """``s``'s ``upscale/`` keys (the Video group saves its own ``video/`` keys)."""
    store.set("upscale/model", s.model)
    store.set("upscale/scale", s.scale)
    store.set("upscale/device", s.device)
    store.set("upscale/backend", s.backend)
    store.set("upscale/precision", s.precision)
    store.set("upscale/tile", "auto" if s.tile == "auto" else ("off" if s.tile is None
                                                              else str(s.tile)))
    store.set("upscale/self_ensemble", s.self_ensemble)
    store.set("upscale/output_dir", s.output_dir or "")
    store.set("upscale/format", s.output_format or "")
    store.set("upscale/quality", s.quality)
    store.set("upscale/name_pattern", s.name_pattern)
    store.set("upscale/colorize", s.colorize or "")
    store.set("upscale/colorize_strength", round(100 * s.colorize_strength))
