"""The HTTP API (FastAPI): thin handlers that stream an upload into a job folder, build the
engine's one :class:`~engine.jobs.request.Request`, plan it, and queue it.

Errors are JSON ``{"error": "<the engine's one line>", "status": N}``: 400 bad input, 401
token, 404 no such job, 409 not finished, 413 over a cap (checked per body chunk), 415 not
an image or video, 503 queue full (with ``Retry-After``).  A refused upload answers with
``Connection: close`` so the client stops sending instead of the server draining it.
The errors and their handlers are in :mod:`app.server.errors`, the form fields and the
engine Request in :mod:`app.server.form_fields`, the phone app's JSON body in
:mod:`app.server.json_upload`, body reading in :mod:`app.server.request_body`.
"""

from __future__ import annotations

import asyncio
import base64
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
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from app.server.config import ServerConfig
from app.server.devices import default_devices
from app.server.errors import ApiError, install_error_handlers
from app.server.form_fields import JOBS_FORM_DOC, build_request, job_options
from app.server.job_record import FINAL, Job
from app.server.jobs import JobManager, QueueFull
from app.server.json_upload import SyncIn, SyncOut, receive_json_upload
from app.server.request_body import body_chunks
from app.server.uploads import Kind, check_declared_length, stream_multipart
from engine.errors import SRStudioError

STATIC = Path(__file__).resolve().parent / "static"
JSON_BODIES_AT_ONCE = 4         # /picture and /video bodies being received and decoded
KEEPALIVE_S = 2.0               # an SSE comment after this much silence (queued jobs)


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

    install_error_handlers(app, cfg)

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

    # --- the phone app's endpoints ---------------------------------------------------
    async def sync_job(request: Request, kind: Kind) -> JSONResponse:
        async with json_slots:
            job_id, path, got, label, options = await receive_json_upload(
                request, kind, cfg, manager)
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
    @app.post("/jobs", dependencies=auth, status_code=202, openapi_extra=JOBS_FORM_DOC,
              responses=errors_doc, summary="Queue an upload (multipart); answers its id")
    async def create_job(request: Request) -> JSONResponse:
        check_declared_length(request.headers.get("content-length"),
                              cfg.max_upload_bytes + 64 * 1024, cfg.max_upload_bytes)
        job_id, folder = manager.new_folder()
        try:
            up = await stream_multipart(request.headers.get("content-type", ""),
                                        body_chunks(request), folder / "in", cfg.max_upload_bytes)
            options = job_options(up.fields)
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
