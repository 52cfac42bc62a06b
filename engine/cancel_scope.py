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
from typing import Any

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


def add_cancel_checks(module: Any) -> Any:
    """Make a network check this thread's cancel token before each of its leaf layers
    (a forward pre-hook raising :class:`~engine.errors.CancelledError`), so a cancel
    lands inside one long forward pass instead of after it: on a CPU one pass of the
    quality model over a 480x360 tile takes seconds.  Without a :func:`cancel_scope` a
    check costs one attribute look-up.  Returns ``module``; adding twice is harmless."""
    for m in module.modules():
        if next(m.children(), None) is None and not getattr(m, "_srstudio_cancel_check",
                                                            False):
            m.register_forward_pre_hook(_pre_hook)
            object.__setattr__(m, "_srstudio_cancel_check", True)
    return module


def _pre_hook(_module: Any, _inputs: Any) -> None:
    check_cancelled()
