"""Output name patterns, torch-free so the GUI's settings panel can show the same names the
jobs will write (:func:`engine.jobs.outputs.output_stem` formats them)."""

from __future__ import annotations

DEFAULT_NAME_PATTERN = "{stem}_x{scale}_{model}"
COLORIZED_NAME_SUFFIX = "_color"    # added to the default name of colorizing runs


def name_pattern_for(pattern: str | None, colorize: str | None) -> str:
    """The pattern a run really uses: the default one gains ``_color`` when the run colorizes
    (so it never collides with a plain run of the same input); a user's own is kept as is."""
    pattern = pattern or DEFAULT_NAME_PATTERN
    if pattern == DEFAULT_NAME_PATTERN and colorize:
        return pattern + COLORIZED_NAME_SUFFIX
    return pattern
