"""The cancel token of the work running on this thread, for code below the tiler.

The tiler checks its :class:`~engine.events.CancelToken` between tiles, but one tile can
be long (a self-ensemble runs 8 passes, a chained x8 two networks).  Wrappers like
:class:`~engine.inference.self_ensemble.SelfEnsemble` are shared between jobs and have no
token of their own, so the job that runs them publishes its token here (per thread) and
they call :func:`check_cancelled` between their sub-steps.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from engine.events import CancelToken

_local = threading.local()


def active_token() -> CancelToken | None:
    """The token of the innermost :func:`cancel_scope` on this thread (None outside)."""
    return getattr(_local, "token", None)


@contextmanager
def cancel_scope(token: CancelToken | None) -> Iterator[None]:
    """Make ``token`` this thread's active token for the block (None keeps the outer one)."""
    if token is None:
        yield
        return
    outer = active_token()
    _local.token = token
    try:
        yield
    finally:
        _local.token = outer


def check_cancelled() -> None:
    """Raise :class:`~engine.errors.CancelledError` if this thread's job was cancelled."""
    token = active_token()
    if token is not None:
        token.raise_if_cancelled()
