"""The API's errors: :class:`ApiError` for a refusal with an HTTP status, and the exception
handlers that turn every error into the one JSON shape clients read.

Errors are JSON ``{"error": "<the engine's one line>", "status": N}``; a refused upload
whose remainder cannot be drained answers with ``Connection: close``, and 503 carries
``Retry-After``.  Kept apart from the endpoints so every module that refuses a request
(form fields, the JSON upload, the handlers) raises the same exception.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.server.config import ServerConfig
from app.server.request_body import DRAIN_MAX, json_body_limit, settle_body
from app.server.uploads import UploadError


class ApiError(Exception):
    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status, self.retry_after = status, retry_after


def _error(status: int, message: str, *, close: bool = False,
           retry_after: int | None = None) -> JSONResponse:
    headers = {}
    if close:
        headers["Connection"] = "close"
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return JSONResponse({"error": message, "status": status}, status_code=status,
                        headers=headers)


def install_error_handlers(app: FastAPI, cfg: ServerConfig) -> None:
    """Register the handlers that answer every error of ``app`` as JSON, draining (up to
    the largest body any endpoint takes) what is left of the request body first."""
    # the largest body any endpoint takes (base64 JSON), plus the cap again (at most 8 MB)
    max_drained = json_body_limit(cfg.max_upload_bytes) + min(DRAIN_MAX, cfg.max_upload_bytes)

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
