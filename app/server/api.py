"""The HTTP API (FastAPI): thin handlers that stream an upload into a job folder, build the
engine's one :class:`~engine.jobs.request.Request`, plan it, and queue it.

Errors are JSON ``{"error": "<the engine's one line>", "status": N}``: 400 bad input, 401
token, 404 no such job, 409 not finished, 413 over a cap (checked per body chunk), 415 not
an image or video, 503 queue full (with ``Retry-After``).  A refused upload answers with
``Connection: close`` so the client stops sending instead of the server draining it.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import json
import shutil
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.server.config import ServerConfig
from app.server.jobs import FINAL, Job, JobManager, QueueFull
from app.server.uploads import (
    Kind,
    UploadError,
    check_declared_length,
    read_capped,
    safe_label,
    stream_multipart,
    typed_name,
    write_atomic,
)
from engine.errors import SRStudioError

STATIC = Path(__file__).resolve().parent / "static"
JSON_OVERHEAD = 64 * 1024
DRAIN_MAX = 8 * 1024 * 1024     # at most this much (or the cap, if smaller) read past a refusal
DRAIN_SECONDS = 5.0
JSON_BODIES_AT_ONCE = 4         # /picture and /video bodies being received and decoded
KEEPALIVE_S = 2.0               # an SSE comment after this much silence (queued jobs)


async def body_chunks(request: Request) -> AsyncIterator[bytes]:
    """The request body chunk by chunk as it arrives (nothing buffered), noting in
    ``request.state`` how much was read and whether it ended."""
    request.state.body_read = 0
    while True:
        msg = await request.receive()
        if msg["type"] == "http.disconnect":
            request.state.body_done = True
            raise UploadError(400, "the upload was interrupted")
        chunk, more = msg.get("body", b""), msg.get("more_body", False)
        request.state.body_read += len(chunk)
        if not more:
            request.state.body_done = True
        if chunk:
            yield chunk
        if not more:
            return


async def settle_body(request: Request, max_total: int) -> bool:
    """Before an early answer (413, 415, 401...): read and drop what is left of the body
    while the whole body stays within ``max_total`` bytes (and arrives within DRAIN_SECONDS),
    so a client that sends everything before reading gets the answer instead of a reset.
    False: the connection must close."""
    if getattr(request.state, "body_done", False):
        return True
    read = getattr(request.state, "body_read", 0)
    try:
        declared: int | None = int(request.headers.get("content-length", ""))
    except ValueError:
        declared = None
    if declared is not None and declared > max_total:
        return False
    drained = read
    try:
        async with asyncio.timeout(DRAIN_SECONDS):
            while True:
                msg = await request.receive()
                if msg["type"] == "http.disconnect":
                    return False
                drained += len(msg.get("body", b""))
                if not msg.get("more_body", False):
                    request.state.body_done = True
                    return True
                if drained > max_total:
                    return False
    except TimeoutError:
        return False


class SyncIn(BaseModel):
    """The phone app's body: base64 ``DATA``, a model name or role, a file name (a label)."""

    model_config = ConfigDict(extra="ignore")
    DATA: str = Field(description="the image or video, base64 (a data: URL prefix is allowed)")
    MODEL: str = Field("auto", description="auto, a role (quality, fast, photo), a model "
                                           "name from GET /models, or a resizer (bicubic)")
    FILENAME: str = Field("upload", description="the file's name; a label, never a path")
    SCALE: int | None = Field(None, description="2, 3, 4 or 8; default: the model's own, "
                                                "else 4")
    FORMAT: str | None = Field(None, description="png, jpg, webp, tif, bmp; default: the "
                                                 "input's")


class SyncOut(BaseModel):
    DATA: str = Field(description="the upscaled file, base64")
    FILENAME: str = Field(description="its name, as the engine names it (photo_x4_fast.png)")
    MODEL: str = Field(description="the model that ran")


def _error(status: int, message: str, *, close: bool = False,
           retry_after: int | None = None) -> JSONResponse:
    headers = {}
    if close:
        headers["Connection"] = "close"
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return JSONResponse({"error": message, "status": status}, status_code=status,
                        headers=headers)


class ApiError(Exception):
    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status, self.retry_after = status, retry_after


def default_devices() -> list[str]:
    """One worker slot per CUDA GPU, else MPS, else the CPU (also in a build without torch,
    where ONNX Runtime runs the models)."""
    try:
        import torch
    except ImportError:
        return ["cpu"]
    if torch.cuda.is_available():
        return [f"cuda:{i}" for i in range(torch.cuda.device_count())]
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return ["mps"]
    return ["cpu"]


# --- options -> the engine's Request ---------------------------------------------------
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


# engine/video/encoders.py's codec keys and x264-style presets (that module loads PyAV)
VIDEO_CODECS = ("h264", "h265", "vp9", "av1", "ffv1", "prores")
VIDEO_PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow",
                 "slower", "veryslow")


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


def _plan(path: Path, req: Any) -> Any:
    from engine.jobs.plan import plan_job
    return plan_job([path], req)


def _check_input(cfg: ServerConfig, path: Path, kind: Kind, label: str) -> None:
    """The engine's header checks before queueing: unreadable -> 400, over the pixel or
    duration cap -> 413 (the full decode happens in the job, through the same guards)."""
    from engine.errors import ImageReadError, VideoError
    from engine.io import DEFAULT_MAX_PIXELS, probe_image

    def public(msg: str) -> str:
        return msg.replace(str(path), label).replace(str(path.parent), "")

    if kind == "image":
        try:
            w, h, _ = probe_image(path)
        except ImageReadError as e:
            raise ApiError(400, public(str(e))) from None
        limit = cfg.max_pixels or DEFAULT_MAX_PIXELS
        if w * h > limit:
            raise ApiError(413, f"{label} is {w}x{h} ({w * h / 1e6:.1f} megapixels), more "
                                f"than the server's {limit / 1e6:g} megapixel limit")
        return
    from engine.video.probe import probe_video
    try:
        info = probe_video(path, scan=False)
    except (VideoError, SRStudioError) as e:
        raise ApiError(400, public(str(e))) from None
    if cfg.max_video_seconds is not None and info.duration > cfg.max_video_seconds:
        raise ApiError(413, f"{label} lasts {info.duration:.1f} s, more than the server's "
                            f"{cfg.max_video_seconds:g} s limit (--max-video-seconds)")


# --- the app -------------------------------------------------------------------------
def create_app(cfg: ServerConfig, devices: list[str] | None = None) -> FastAPI:
    """The FastAPI app of one server; the job manager starts and stops with its lifespan."""
    cfg.check()
    work = Path(cfg.work_dir) if cfg.work_dir else Path(tempfile.mkdtemp(prefix="srstudio-serve-"))
    work.mkdir(parents=True, exist_ok=True, mode=0o700)
    cluster = None
    if cfg.cluster:     # jobs run on Ray (srstudio[cluster]); connected when the app starts
        from engine.cluster import ClusterService
        cluster = ClusterService(cfg.cluster, workers=cfg.cluster_workers,
                                 threads=cfg.workers_per_device)
        devices = [f"cluster {cfg.cluster}"]
    manager = JobManager(work, devices or cfg.devices or default_devices(),
                         workers_per_device=cfg.workers_per_device, queue_size=cfg.queue_size,
                         results_ttl_s=cfg.results_ttl_s, sweep_interval_s=cfg.sweep_interval_s,
                         cluster=cluster)
    token = (cfg.token or "").encode()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        manager.start()
        try:
            yield
        finally:
            await run_in_threadpool(manager.shutdown)
            if not cfg.work_dir:
                shutil.rmtree(work, ignore_errors=True)

    from app import __version__
    app = FastAPI(title="SR Studio server", version=__version__, lifespan=lifespan,
                  description="Image and video super-resolution over HTTP: the phone app's "
                              "POST /picture and /video, and a job API with progress.")
    app.state.manager = manager
    app.state.config = cfg
    if cfg.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware
        app.add_middleware(CORSMiddleware, allow_origins=cfg.cors_origins,
                           allow_methods=["*"], allow_headers=["*"])

    # --- errors --------------------------------------------------------------------
    # the largest body any endpoint takes (base64 JSON), plus the cap again (at most 8 MB)
    max_drained = ((cfg.max_upload_bytes * 4) // 3 + JSON_OVERHEAD
                   + min(DRAIN_MAX, cfg.max_upload_bytes))

    async def settled(request: Request) -> bool:
        return await settle_body(request, max_drained)

    @app.exception_handler(UploadError)
    async def _upload_error(request: Request, exc: UploadError) -> JSONResponse:
        return _error(exc.status, str(exc), close=not await settled(request))

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, str(exc), retry_after=exc.retry_after,
                      close=not await settled(request))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), close=not await settled(request))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return _error(400, f"{where}: {first.get('msg', 'invalid request')}".strip(": "))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"internal error: {type(exc).__name__}")

    # --- auth ------------------------------------------------------------------------
    async def authorized(request: Request) -> None:
        """Bearer token (or X-Token) compared in constant time; no token set: open."""
        if not token:
            return
        got = request.headers.get("authorization", "")
        if got.lower().startswith("bearer "):
            got = got[7:].strip()
        else:
            got = request.headers.get("x-token", "")
        if not hmac.compare_digest(got.encode(), token):
            raise ApiError(401, "missing or wrong token: send 'Authorization: Bearer TOKEN'")

    auth = [Depends(authorized)]

    # --- shared steps ----------------------------------------------------------------
    async def prepare(folder: Path, job_id: str, path: Path, kind: Kind, label: str,
                      options: dict[str, Any], ephemeral: bool) -> Job:
        try:
            req = build_request(cfg, folder / "out", **options)
            await run_in_threadpool(_check_input, cfg, path, kind, label)
            try:
                plan = await run_in_threadpool(_plan, path, req)
            except SRStudioError as e:
                raise ApiError(400, str(e)) from None
            if not plan.to_run:
                raise ApiError(415, f"{label} is not an image or video SR Studio reads")
            job = Job(job_id, folder, label, kind, plan, ephemeral=ephemeral)
            manager.submit(job)
        except QueueFull as e:
            shutil.rmtree(folder, ignore_errors=True)
            raise ApiError(503, str(e), retry_after=e.retry_after_s) from None
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return job

    def get_job(job_id: str) -> Job:
        job = manager.get(job_id)
        if job is None:
            raise ApiError(404, f"no job {job_id!r} (finished jobs are kept "
                                f"{cfg.results_ttl_s / 3600:g} h)")
        return job

    async def wait_done(job: Job) -> None:
        delay = 0.01
        while not job.done.is_set():
            await asyncio.sleep(delay)
            delay = min(0.1, delay * 1.5)

    def job_view(job: Job, events: bool = True) -> dict[str, Any]:
        d = job.summary(manager.queue_position(job))
        if events:
            d["events"] = [e for _, e in job.events_after(-1)]
        return d

    # base64 bodies are decoded in memory (about 2.3x the upload each): a few at a time
    json_slots = asyncio.Semaphore(JSON_BODIES_AT_ONCE)

    async def receive_json_upload(request: Request, kind: Kind
                                  ) -> tuple[str, Path, Kind, str, dict[str, Any]]:
        """Read, check and store a /picture or /video body: (job id, input path, kind,
        label, options).  The body and its decoded bytes are dropped before returning."""
        limit = (cfg.max_upload_bytes * 4) // 3 + JSON_OVERHEAD
        check_declared_length(request.headers.get("content-length"), limit,
                              cfg.max_upload_bytes)
        body = await read_capped(body_chunks(request), limit)
        try:
            data_in = SyncIn.model_validate_json(body)
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            raise ApiError(400, f"{where or 'body'}: {first.get('msg')}; send JSON "
                                '{"DATA": base64, "MODEL": name, "FILENAME": name}') from None
        del body
        options = {"model": data_in.MODEL, "scale": data_in.SCALE,
                   "output_format": data_in.FORMAT}
        label = safe_label(data_in.FILENAME)
        b64 = data_in.DATA
        del data_in
        if b64.startswith("data:") and "," in b64[:200]:
            b64 = b64.split(",", 1)[1]
        try:
            data = base64.b64decode(b64, validate=True)
        except (binascii.Error, ValueError):
            raise ApiError(400, "DATA is not valid base64") from None
        del b64
        if not data:
            raise ApiError(400, "DATA is empty")
        if len(data) > cfg.max_upload_bytes:
            raise UploadError(413, f"the upload is larger than the server's "
                                   f"{cfg.max_upload_bytes / 2**20:g} MB limit (--max-upload-mb)")
        name, got = typed_name(label, data[:16], want=kind)
        job_id, folder = manager.new_folder()
        path = folder / "in" / name
        try:
            await run_in_threadpool(write_atomic, path, data)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return job_id, path, got, label, options

    # --- the phone app's endpoints ---------------------------------------------------
    async def sync_job(request: Request, kind: Kind) -> JSONResponse:
        async with json_slots:
            job_id, path, got, label, options = await receive_json_upload(request, kind)
        folder = path.parent.parent
        job = await prepare(folder, job_id, path, got, label, options, ephemeral=True)
        try:
            await wait_done(job)
            if job.state != "done" or job.output is None:
                raise ApiError(job.error_status or 400, job.error or job.state)
            out = await run_in_threadpool(job.output.read_bytes)
            return JSONResponse({"DATA": base64.b64encode(out).decode("ascii"),
                                 "FILENAME": job.output.name, "MODEL": job.model})
        finally:
            await run_in_threadpool(manager.remove, job)

    sync_doc = {"requestBody": {"required": True, "content": {
        "application/json": {"schema": SyncIn.model_json_schema()}}}}
    errors_doc: dict[int | str, dict[str, Any]] = {
        400: {"description": "bad input (corrupt file, unknown model, scale not offered)"},
        401: {"description": "missing or wrong token"},
        413: {"description": "over a size cap (bytes, pixels, video seconds)"},
        415: {"description": "not an image or video SR Studio reads"},
        503: {"description": "the queue is full; see Retry-After"}}

    @app.post("/picture", dependencies=auth, response_model=SyncOut, openapi_extra=sync_doc,
              responses=errors_doc, summary="Upscale one picture (the phone app's JSON)")
    async def picture(request: Request) -> JSONResponse:
        return await sync_job(request, "image")

    @app.post("/video", dependencies=auth, response_model=SyncOut, openapi_extra=sync_doc,
              responses=errors_doc, summary="Upscale one video (the phone app's JSON)")
    async def video(request: Request) -> JSONResponse:
        return await sync_job(request, "video")

    # --- the job API -----------------------------------------------------------------
    jobs_doc = {"requestBody": {"required": True, "content": {"multipart/form-data": {
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

    @app.post("/jobs", dependencies=auth, status_code=202, openapi_extra=jobs_doc,
              responses=errors_doc, summary="Queue an upload (multipart); answers its id")
    async def create_job(request: Request) -> JSONResponse:
        check_declared_length(request.headers.get("content-length"),
                              cfg.max_upload_bytes + 64 * 1024, cfg.max_upload_bytes)
        job_id, folder = manager.new_folder()
        try:
            up = await stream_multipart(request.headers.get("content-type", ""),
                                        body_chunks(request), folder / "in", cfg.max_upload_bytes)
            f = up.fields
            options = {"model": f.get("model", "auto"), "scale": _parse_scale(f.get("scale")),
                       "output_format": f.get("format") or None, "colorize": f.get("colorize"),
                       "tile": _parse_tile(f.get("tile")), "backend": f.get("backend", "auto"),
                       "quality": _parse_int("quality", f.get("quality")),
                       "self_ensemble": _parse_bool("self_ensemble", f.get("self_ensemble")),
                       "video": video_options(f)}
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        assert up.path is not None and up.kind is not None
        job = await prepare(folder, job_id, up.path, up.kind, up.label, options,
                            ephemeral=False)
        return JSONResponse(job_view(job, events=False), status_code=202,
                            headers={"Location": f"/jobs/{job.id}"})

    @app.get("/jobs", dependencies=auth, summary="Every job the server still keeps")
    async def list_jobs() -> list[dict[str, Any]]:
        with manager._lock:
            jobs = [j for j in manager._jobs.values() if not j.ephemeral]
        return [job_view(j, events=False) for j in sorted(jobs, key=lambda j: j.created)]

    @app.get("/jobs/{job_id}", dependencies=auth, summary="State, progress, ETA and events")
    async def job_status(job_id: str) -> dict[str, Any]:
        return job_view(get_job(job_id))

    @app.get("/jobs/{job_id}/events", dependencies=auth,
             summary="The job's events as server-sent events, ending with 'end'")
    async def job_events(job_id: str, request: Request) -> StreamingResponse:
        job = get_job(job_id)
        try:
            last = int(request.headers.get("last-event-id", "-1"))
        except ValueError:
            last = -1

        async def stream() -> AsyncIterator[str]:
            nonlocal last
            quiet = time.monotonic()
            while True:
                for seq, ev in job.events_after(last):
                    last = seq
                    quiet = time.monotonic()
                    yield f"id: {seq}\nevent: {ev['type']}\ndata: {json.dumps(ev)}\n\n"
                if job.state in FINAL and not job.events_after(last):
                    return
                if manager.stopping or await request.is_disconnected():
                    return
                if time.monotonic() - quiet > KEEPALIVE_S:
                    quiet = time.monotonic()
                    yield ": keep-alive\n\n"
                await asyncio.sleep(0.05)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache",
                                          "X-Accel-Buffering": "no"})

    @app.get("/jobs/{job_id}/result", dependencies=auth, response_class=FileResponse,
             summary="The upscaled file, named as the engine names it")
    async def job_result(job_id: str) -> FileResponse:
        job = get_job(job_id)
        if job.state == "failed":
            raise ApiError(job.error_status or 400, job.error or "failed")
        if job.state != "done" or job.output is None or not job.output.exists():
            raise ApiError(409, f"job {job_id} is {job.state}, no result yet")
        return FileResponse(job.output, filename=job.output.name)

    @app.delete("/jobs/{job_id}", dependencies=auth,
                summary="Cancel a job (or delete a finished one and its files)")
    async def delete_job(job_id: str) -> dict[str, Any]:
        job = get_job(job_id)
        if job.state in FINAL:
            await run_in_threadpool(manager.remove, job)
            return {"id": job.id, "state": job.state, "deleted": True}
        await run_in_threadpool(manager.cancel, job)
        return {"id": job.id, "state": job.state, "deleted": not job.folder.exists()}

    # --- the rest --------------------------------------------------------------------
    @app.get("/models", dependencies=auth, summary="Models, roles and resizers on offer")
    async def models() -> dict[str, Any]:
        from engine.models.registry import CLASSICAL, list_models
        infos = await run_in_threadpool(list_models)
        shown = []
        for m in infos:
            d = m.as_dict()
            d.pop("path", None)
            shown.append(d)
        roles: dict[str, list[int]] = {}
        for m in infos:
            if m.role:
                roles.setdefault(m.role, [])
                if m.scale not in roles[m.role]:
                    roles[m.role].append(m.scale)
        return {"models": shown, "roles": {r: sorted(s) for r, s in roles.items()},
                "resizers": list(CLASSICAL), "default": "auto"}

    @app.get("/health", summary="Liveness, devices and queue (no token needed)")
    async def health() -> dict[str, Any]:
        return {"status": "stopping" if manager.stopping else "ok", "version": __version__,
                **manager.stats(), "max_upload_bytes": cfg.max_upload_bytes,
                "auth": bool(token)}

    @app.get("/", include_in_schema=False)
    async def index() -> HTMLResponse:
        page = STATIC / "index.html"
        if not page.exists():
            return HTMLResponse("<p>SR Studio server: see <a href='/docs'>/docs</a></p>")
        return HTMLResponse(page.read_text(encoding="utf-8"))

    return app
