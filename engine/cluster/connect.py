"""Reaching Ray: the optional import and the connection (join a cluster or start one).

Why its own module: every cluster driver (the CLI's batch, the server's long-lived
service) connects the same way, and the one-line install hint must come before any plan
is made or model loaded.
"""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

from engine.errors import SRStudioError

INSTALL_HINT = "--cluster needs Ray: pip install 'srstudio[cluster]'"


class ClusterError(SRStudioError):
    """The cluster cannot run the job (Ray missing, unreachable, every worker lost)."""


def require_ray() -> Any:
    """The ``ray`` module, or :class:`ClusterError` saying how to install the extra."""
    try:
        import ray
    except ImportError:
        raise ClusterError(INSTALL_HINT) from None
    return ray


def connect(address: str = "auto", num_cpus: int | None = None) -> bool:
    """Join the cluster at ``address`` ('auto': a running one, else start a local one);
    True when this call connected (the caller disconnects), False when Ray already was.

    The SIGTERM handler is kept: ``ray.init`` replaces it with a ``sys.exit``, which would
    turn the command line's cancel (exit 130) and the server's clean stop (exit 0) into
    exit 15; our own handlers unwind to the code that disconnects."""
    ray = require_ray()
    if ray.is_initialized():
        return False
    main = threading.current_thread() is threading.main_thread()
    before = signal.getsignal(signal.SIGTERM) if main else None
    try:
        return _init(ray, address, num_cpus)
    finally:
        if main and before is not None:
            signal.signal(signal.SIGTERM, before)


def _init(ray: Any, address: str, num_cpus: int | None) -> bool:
    quiet = {"logging_level": logging.WARNING, "log_to_driver": True}
    if address == "auto":
        try:
            ray.init(address="auto", **quiet)
            return True
        except ConnectionError:
            pass
        try:
            ray.init(num_cpus=num_cpus, include_dashboard=False, **quiet)
        except Exception as e:  # noqa: BLE001 - whatever stops Ray here, said in one line
            raise ClusterError(f"cannot start a local Ray instance: {_first_line(e)}") from None
        return True
    try:
        ray.init(address=address, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as e:
        raise ClusterError(f"cannot reach the Ray cluster at {address}: "
                           f"{_first_line(e)}") from None
    return True


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
