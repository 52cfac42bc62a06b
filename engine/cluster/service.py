"""The cluster of a long-lived driver (``srstudio serve --cluster``): one connection for
the process and, for each thread that runs jobs, a pool of warm workers.

Why a pool per job thread: each of the server's job threads runs one job at a time (its
queue bounds them) as one :class:`ClusterRun`; the pool's workers keep their models loaded
between jobs, so a picture does not pay a worker's start-up (a fresh Python importing
torch: seconds).  A cancelled job's workers are killed, which is what stops its work at
once; that thread's next job starts new ones.  The threads share out the cluster's
workers, so no thread waits for a worker another one keeps idle.
"""

from __future__ import annotations

import threading
from typing import Any

from engine.cluster.connect import ClusterError, connect, require_ray
from engine.cluster.pool import WorkerPool
from engine.cluster.ray_run import ClusterRun
from engine.cluster.stats import ClusterStats
from engine.events import CancelToken, ProgressCallback
from engine.jobs.plan import Plan
from engine.jobs.upscale import BatchResult


class ClusterService:
    """``start`` connects (once), ``run`` runs a plan on the calling thread's workers,
    ``close`` kills every worker and disconnects if this service connected."""

    def __init__(self, address: str = "auto", *, workers: int | None = None,
                 threads: int = 1, num_cpus: int | None = None) -> None:
        self.address = address
        self.workers = workers          # at most this many workers over all threads
        self.threads = max(1, threads)
        self.num_cpus = num_cpus
        self._connected = False
        self._started = False
        self._local = threading.local()
        self._pools: list[WorkerPool] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        """Join the cluster (``auto``: a running one, else a local one); ClusterError
        when it cannot."""
        with self._lock:
            if not self._started:
                self._connected = connect(self.address, num_cpus=self.num_cpus)
                self._started = True

    def describe(self) -> str:
        """'Ray cluster auto: 2 CPU, 0 GPU' for the server's start line."""
        res = require_ray().cluster_resources()
        return (f"Ray cluster {self.address}: {int(res.get('CPU', 0))} CPU, "
                f"{int(res.get('GPU', 0))} GPU")

    def _pool(self) -> WorkerPool:
        pool: WorkerPool | None = getattr(self._local, "pool", None)
        if pool is None:
            pool = self._local.pool = WorkerPool()
            with self._lock:
                self._pools.append(pool)
        return pool

    def _share(self, plan: Plan) -> int:
        """This thread's share of the workers the plan's device allows."""
        res = require_ray().cluster_resources()
        gpus = int(res.get("GPU", 0))
        have = gpus if gpus and plan.request.device.lower() != "cpu" \
            else max(1, int(res.get("CPU", 1)))
        return max(1, min(self.workers or have, have) // self.threads)

    def run(self, plan: Plan, *, progress: ProgressCallback | None = None,
            cancel: CancelToken | None = None) -> tuple[BatchResult, ClusterStats]:
        """``plan`` on this thread's workers (kept for its next plan unless cancelled)."""
        if not self._started:
            raise ClusterError("the cluster service was not started")
        job = ClusterRun(plan, workers=self._share(plan), pool=self._pool())
        return job.run(progress=progress, cancel=cancel), job.stats

    def close(self) -> None:
        """Kill every worker; disconnect if :meth:`start` connected."""
        with self._lock:
            pools, self._pools = self._pools, []
            started, self._started = self._started, False
        if not started:
            return
        ray: Any = require_ray()
        for pool in pools:
            try:
                pool.kill_all()
            except Exception:  # noqa: BLE001 - a lost cluster has nothing left to kill
                pass
        if self._connected:
            ray.shutdown()
            self._connected = False
