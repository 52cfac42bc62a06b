"""How a trained model is named in the model lists: name, scale, size, its Set5 score, and
what kind of model it is when that matters to the choice (a literature reference, an
imported file)."""

from __future__ import annotations

from typing import Any


def human_params(n: int | None) -> str:
    if not n:
        return ""
    if n >= 1_000_000:
        return f"{n / 1e6:.1f}M params"
    if n >= 1000:
        return f"{n / 1e3:.1f}k params"
    return f"{n} params"


def model_label(info: Any) -> str:
    """'fsrcnn_x2 · ×2 · 12.5k params · Set5 36.93 dB' from a ModelInfo's header data."""
    parts = [info.name, f"×{info.scale}"]
    if info.params:
        parts.append(human_params(info.params))
    set5 = (info.metrics or {}).get("Set5") or (info.metrics or {}).get("set5") or {}
    psnr = set5.get("psnr_y") if isinstance(set5, dict) else None
    if psnr is not None:
        parts.append(f"Set5 {float(psnr):.2f} dB")
    if getattr(info, "role", None) == "reference":
        parts.append("reference")
    if info.source == "user":
        parts.append("imported")
    return " · ".join(parts)
