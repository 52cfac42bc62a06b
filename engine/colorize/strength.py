"""Colour strength: a blend between the image kept gray and the colorizer's prediction.

The colorizer sometimes paints strong, wrong colours (red and green clouds, a yellow
sky); until a better model exists a user can turn its chroma down.  In Lab the blend of
gray (a = b = 0) and the prediction is the predicted ab times the strength, with L* kept,
so it is applied where ab is predicted (:func:`~engine.colorize.colorizer.predict_ab`),
before the gamut fit.  The model travels through the upscale and video jobs unchanged;
this wrapper only carries the strength with it.
"""

from __future__ import annotations

from typing import Any

DEFAULT_STRENGTH = 0.3   # conservative: the prediction is often strongly wrong (red clouds)


def check_strength(strength: float) -> float:
    """``strength`` as a float in [0, 1]; anything else is an error."""
    s = float(strength)
    if not 0.0 <= s <= 1.0:
        raise ValueError(f"colour strength must be between 0 and 1, got {strength}")
    return s


class StrengthColorizer:
    """A loaded colorize model whose predicted chroma is scaled by ``chroma_strength``.

    It looks like the loaded model to the colorize code (``module``, ``name``, ``path``);
    its name carries the strength, so a resumed video never mixes two strengths."""

    def __init__(self, model: Any, strength: float) -> None:
        self.model = model
        self.chroma_strength = check_strength(strength)
        self.module = getattr(model, "module", model)
        base = str(getattr(model, "name", type(self.module).__name__))
        self.name = f"{base}@{self.chroma_strength:.2f}"
        self.path = getattr(model, "path", None)


def with_strength(model: Any, strength: float) -> Any:
    """``model`` itself at full strength, else a :class:`StrengthColorizer`."""
    s = check_strength(strength)
    return model if s == 1.0 or model is None else StrengthColorizer(model, s)


def strength_of(model: Any) -> float:
    """The strength a model carries (1.0 for a plain loaded model)."""
    return float(getattr(model, "chroma_strength", 1.0))
