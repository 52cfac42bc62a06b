"""The cluster's workers: Ray actors started on demand, replaced when lost, killed on
cancel; kept between plans by a long-lived driver so their models stay loaded.

Ray places the actors (one GPU each, else one CPU); a worker waiting for resources gets
no tasks until it has started, so a plan never waits on a worker that cannot run yet.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from engine.cluster.connect import require_ray
from engine.cluster.worker import ItemWorker


@dataclass
class Slot:
    """One worker: its actor, whether it has started, the calls queued on it."""

    name: str
    handle: Any
    ready_ref: Any = None     # resolves once the actor runs (tasks go only to started ones)
    started: bool = False
    inflight: int = 0
    dead: bool = False


class WorkerPool:
    """The actors of one driver (or of one job slot of the server)."""

    def __init__(self) -> None:
        self.slots: list[Slot] = []
        self.gpus: float | None = None     # what each worker holds; fixed while any lives
        self._cls: Any = None
        self._named = 0

    @property
    def alive(self) -> list[Slot]:
        return [s for s in self.slots if not s.dead]

    def ensure(self, n: int, gpus: float) -> int:
        """At least ``n`` live workers holding ``gpus`` GPUs each (others are replaced);
        returns how many were started."""
        if self.gpus is not None and self.gpus != gpus:
            self.kill_all()
        self.prune()
        self.gpus = gpus
        started = 0
        while len(self.alive) < n:
            self.start_one()
            started += 1
        return started

    def start_one(self) -> Slot:
        ray = require_ray()
        if self._cls is None:
            self._cls = ray.remote(ItemWorker)
        env = {k: v for k, v in os.environ.items() if k.startswith("SRSTUDIO_")}
        name = f"w{self._named}"
        self._named += 1
        handle = self._cls.options(
            num_cpus=1, num_gpus=self.gpus or 0.0, max_restarts=0, max_task_retries=0,
            runtime_env={"env_vars": env} if env else None).remote(name)
        slot = Slot(name, handle, handle.ready.remote())
        self.slots.append(slot)
        return slot

    def lost(self, slot: Slot) -> None:
        """``slot``'s worker died (or was killed): it gets no more tasks."""
        slot.dead = True

    def kill(self, k: int) -> None:
        """Kill worker ``k`` at once (what a lost node does; the tests use it)."""
        require_ray().kill(self.slots[k].handle, no_restart=True)

    def kill_all(self) -> None:
        """Stop every worker now (a cancel, the end of a one-off plan, shutdown)."""
        ray = require_ray()
        for slot in self.slots:
            if not slot.dead:
                ray.kill(slot.handle, no_restart=True)
                slot.dead = True
        self.gpus = None

    def prune(self) -> None:
        """Forget the dead workers (between plans of a kept pool)."""
        self.slots = self.alive
