"""Reading a request body as it arrives, and settling what is left of it before an early
answer.

The API never lets Starlette buffer a body: handlers read it chunk by chunk (so a size cap
is checked on every chunk), and a refusal drains a bounded remainder first so a client that
sends everything before reading gets the answer instead of a connection reset.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from fastapi import Request

from app.server.uploads import UploadError

JSON_OVERHEAD = 64 * 1024
DRAIN_MAX = 8 * 1024 * 1024     # at most this much (or the cap, if smaller) read past a refusal
DRAIN_SECONDS = 5.0


def json_body_limit(max_upload_bytes: int) -> int:
    """The largest base64 JSON body (/picture, /video) an upload cap allows."""
    return (max_upload_bytes * 4) // 3 + JSON_OVERHEAD


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
