"""The phone app's JSON body (POST /picture and /video): its schema, and reading one into a
fresh job folder.

The body is base64 JSON, so it is read whole (under the cap) and decoded in memory; the
API lets only a few be received at once.  The body and its decoded bytes are dropped as
soon as the file is on disk.
"""

from __future__ import annotations

import base64
import binascii
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from app.server.config import ServerConfig
from app.server.errors import ApiError
from app.server.request_body import body_chunks, json_body_limit
from app.server.uploads import (
    Kind,
    UploadError,
    check_declared_length,
    read_capped,
    safe_label,
    typed_name,
    write_atomic,
)

if TYPE_CHECKING:   # a type only: the upload reader does not need the job queue
    from app.server.jobs import JobManager


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


async def receive_json_upload(request: Request, kind: Kind, cfg: ServerConfig,
                              manager: JobManager
                              ) -> tuple[str, Path, Kind, str, dict[str, Any]]:
    """Read, check and store a /picture or /video body: (job id, input path, kind,
    label, options).  The body and its decoded bytes are dropped before returning."""
    limit = json_body_limit(cfg.max_upload_bytes)
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
