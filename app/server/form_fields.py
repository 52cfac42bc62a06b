"""The upload's options: POST /jobs' form fields (their parsing and OpenAPI description),
and the engine's one :class:`~engine.jobs.request.Request` built from any endpoint's
options.

Every field is checked here, before anything is queued, so a bad value answers 400 with a
line naming the field; the engine's own validation gives the rest of the messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.server.config import ServerConfig
from app.server.errors import ApiError
from engine.errors import SRStudioError

# engine/video/encoders.py's codec keys and x264-style presets (that module loads PyAV)
VIDEO_CODECS = ("h264", "h265", "vp9", "av1", "ffv1", "prores")
VIDEO_PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow",
                 "slower", "veryslow")

# POST /jobs' multipart body, as /docs shows it
JOBS_FORM_DOC = {"requestBody": {"required": True, "content": {"multipart/form-data": {
    "schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary"},
        "model": {"type": "string", "default": "auto"},
        "scale": {"type": "integer", "enum": [2, 3, 4, 8]},
        "format": {"type": "string", "enum": ["png", "jpg", "webp", "tif", "bmp"]},
        "colorize": {"type": "string", "enum": ["before", "after"]},
        "tile": {"type": "string", "description": "pixels, auto or off"},
        "backend": {"type": "string", "enum": ["auto", "torch", "onnx"]},
        "quality": {"type": "integer", "minimum": 1, "maximum": 100,
                    "description": "JPEG/WebP quality (default 95)"},
        "self_ensemble": {"type": "boolean", "description": "average the 8 flips and "
                                                           "rotations (8x the time)"},
        "codec": {"type": "string", "enum": list(VIDEO_CODECS),
                  "description": "video codec (default h264)"},
        "crf": {"type": "integer", "minimum": 0, "maximum": 63,
                "description": "video: constant quality (default 18)"},
        "bitrate": {"type": "string", "description": "video: e.g. 8M (instead of crf)"},
        "preset": {"type": "string", "enum": list(VIDEO_PRESETS),
                   "description": "video: speed preset (default medium)"}}}}}}}


def _known_models() -> set[str]:
    from engine.models.registry import CLASSICAL, ROLES, list_models
    return {"auto", *ROLES, *CLASSICAL} | {m.name.lower() for m in list_models()}


def check_model_name(model: str) -> str:
    """``model`` when it names a model, role or resizer; 400 for anything else, paths
    included (a request never points the server at a file)."""
    name = (model or "auto").strip()
    known = _known_models()
    if name.lower() not in known:
        shown = ", ".join(sorted(known))
        raise ApiError(400, f"unknown model {name!r} (known: {shown})")
    return name


def _parse_tile(v: str | None) -> int | str | None:
    if v is None or v.strip().lower() in ("", "auto"):
        return "auto"
    if v.strip().lower() in ("off", "none", "0"):
        return None
    try:
        return int(v)
    except ValueError:
        raise ApiError(400, f"tile must be a number of pixels, 'auto' or 'off', "
                            f"not {v!r}") from None


def _parse_scale(v: Any) -> int | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        raise ApiError(400, f"scale must be 2, 3, 4 or 8, not {v!r}") from None


def _parse_int(name: str, v: str | None) -> int | None:
    if v is None or not v.strip():
        return None
    try:
        return int(v)
    except ValueError:
        raise ApiError(400, f"{name} must be a whole number, not {v!r}") from None


def _parse_bool(name: str, v: str | None) -> bool:
    low = (v or "").strip().lower()
    if low in ("", "0", "false", "no", "off"):
        return False
    if low in ("1", "true", "yes", "on"):
        return True
    raise ApiError(400, f"{name} must be true or false, not {v!r}")


def _parse_choice(name: str, v: str | None, choices: tuple[str, ...]) -> str | None:
    low = (v or "").strip().lower()
    if not low:
        return None
    if low not in choices:
        raise ApiError(400, f"{name} must be one of {', '.join(choices)}, not {v!r}")
    return low


def video_options(fields: dict[str, str]) -> dict[str, Any]:
    """How a video upload is encoded (absent fields: the engine's defaults); the encoder
    hardware is the server's own choice, not the client's."""
    from engine.errors import VideoError
    from engine.video.encoders import parse_bitrate
    out: dict[str, Any] = {}
    codec = _parse_choice("codec", fields.get("codec"), VIDEO_CODECS)
    if codec:
        out["codec"] = codec
    crf = _parse_int("crf", fields.get("crf"))
    if crf is not None:
        out["crf"] = crf
    bitrate = (fields.get("bitrate") or "").strip()
    if bitrate:
        try:
            parse_bitrate(bitrate)
        except VideoError as e:
            raise ApiError(400, str(e)) from None
        out["bitrate"] = bitrate
    preset = _parse_choice("preset", fields.get("preset"), VIDEO_PRESETS)
    if preset:
        out["preset"] = preset
    return out


def job_options(fields: dict[str, str]) -> dict[str, Any]:
    """POST /jobs' form fields as :func:`build_request`'s keyword arguments."""
    f = fields
    return {"model": f.get("model", "auto"), "scale": _parse_scale(f.get("scale")),
            "output_format": f.get("format") or None, "colorize": f.get("colorize"),
            "tile": _parse_tile(f.get("tile")), "backend": f.get("backend", "auto"),
            "quality": _parse_int("quality", f.get("quality")),
            "self_ensemble": _parse_bool("self_ensemble", f.get("self_ensemble")),
            "video": video_options(f)}


def build_request(cfg: ServerConfig, out_dir: Path, *, model: str, scale: int | None,
                  output_format: str | None = None, colorize: str | None = None,
                  tile: int | str | None = "auto", backend: str = "auto",
                  quality: int | None = None, self_ensemble: bool = False,
                  video: dict[str, Any] | None = None) -> Any:
    """The engine's Request for one upload; ApiError 400 with the engine's own message."""
    from engine.io import DEFAULT_MAX_PIXELS
    from engine.jobs.request import Request as EngineRequest
    from engine.jobs.request import VideoSettings
    from engine.models.registry import default_scale

    name = check_model_name(model)
    colorize = (colorize or "").strip().lower() or None
    if colorize in ("none", "off", "no", "false"):
        colorize = None
    req = EngineRequest(model=name, scale=scale if scale is not None else default_scale(name),
                        tile=tile, backend=(backend or "auto").strip().lower(),
                        output=str(out_dir), output_format=(output_format or None),
                        max_pixels=cfg.max_pixels or DEFAULT_MAX_PIXELS, colorize=colorize,
                        quality=95 if quality is None else quality,
                        self_ensemble=self_ensemble, video=VideoSettings(**(video or {})))
    try:
        return req.validate()
    except SRStudioError as e:
        raise ApiError(400, str(e)) from None
