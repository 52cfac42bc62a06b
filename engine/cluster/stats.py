"""Who did what on the cluster: per-worker tasks and throughput, lost workers, retries."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class WorkerStat:
    items: int = 0            # images and whole videos, and video segments
    busy_s: float = 0.0


@dataclass
class ClusterStats:
    """Who did what: per-worker items and throughput, retries and lost workers."""

    workers: dict[str, WorkerStat] = field(default_factory=dict)
    started: int = 0          # workers started (replacements included)
    deaths: int = 0           # workers lost mid-job
    retried: int = 0          # items sent again after their worker died
    wall_s: float = 0.0

    def count(self, worker: str, seconds: float) -> None:
        """One task done by ``worker`` in ``seconds`` of its time."""
        st = self.workers.setdefault(worker, WorkerStat())
        st.items += 1
        st.busy_s += seconds

    def rates(self) -> str:
        """'w0@host 3.1/s, w1@host 2.9/s': items per second of wall time, per worker."""
        wall = max(self.wall_s, 1e-9)
        return ", ".join(f"{n} {s.items / wall:.1f}/s" for n, s in sorted(self.workers.items()))

    def summary(self) -> str:
        done = sum(s.items for s in self.workers.values())
        line = (f"cluster: {len(self.workers)} worker(s), {done} task(s) in "
                f"{self.wall_s:.1f}s ({done / max(self.wall_s, 1e-9):.1f}/s: {self.rates()})")
        if self.deaths:
            line += f"; {self.deaths} worker(s) lost, {self.retried} item(s) retried"
        return line
