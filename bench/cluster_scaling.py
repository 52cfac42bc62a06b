"""Cluster scaling: the same batch locally and on `--cluster` with 1 and 2 CPU workers.

Generates N photo-like PNGs, runs the same plan locally (:func:`engine.jobs.run.run_plan`)
and on a local Ray instance (``num_cpus=2``, started and stopped here) through
:func:`engine.cluster.run_plan_on_cluster` with 1 and 2 workers.  For each cluster run:
the wall time (worker start-up included), the start-up (to the first result), the steady
throughput after it, and the per-task overhead (ms) against the local per-item time; at
the end the throughput ratio of 2 workers to 1.  A second, model-free pass (the `nearest`
resizer, a few ms of work per image) measures the per-task cost alone: what the driver's
round trip (submit, pickled item and result, ``ray.wait``) adds to each task.  Every
output is checked byte for byte against the local one.  One run each: on a busy machine
the numbers move by tens of percent.

    nice -n 10 .venv/bin/python bench/cluster_scaling.py [--images 40] [--size 96] [--model fast]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _steady(done: list[float], first: int = 1) -> float:
    """Items per second after the ``first`` results (start-up excluded)."""
    return (len(done) - first) / max(done[-1] - done[first - 1], 1e-9)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--images", type=int, default=40)
    ap.add_argument("--size", type=int, default=96, help="input side in pixels")
    ap.add_argument("--model", default="fast")
    ap.add_argument("--scale", type=int, default=4)
    a = ap.parse_args()

    import ray
    import torch
    from PIL import Image

    from engine.cluster import run_plan_on_cluster
    from engine.events import Finished
    from engine.jobs.plan import plan_job
    from engine.jobs.request import Request
    from engine.jobs.run import run_plan
    from tests.conftest import photo_like

    tmp = Path(tempfile.mkdtemp(prefix="srstudio-cluster-bench-"))
    src = tmp / "in"
    src.mkdir()
    for k in range(a.images):
        Image.fromarray(photo_like(a.size, a.size, seed=k)).save(src / f"{k:03d}.png")

    def request(out: str, model: str) -> Request:
        return Request(model=model, scale=a.scale, device="cpu", output=str(tmp / out))

    def stamps() -> tuple[list[float], Callable[[object], None]]:
        done: list[float] = []
        return done, lambda ev: done.append(time.perf_counter()) \
            if isinstance(ev, Finished) else None

    def local(out: str, model: str, threads: int | None) -> tuple[float, float]:
        """(wall s, steady img/s) of a local run."""
        before = torch.get_num_threads()
        if threads:
            torch.set_num_threads(threads)
        done, on_event = stamps()
        t0 = time.perf_counter()
        try:
            b = run_plan(plan_job([src], request(out, model)), progress=on_event)
        finally:
            torch.set_num_threads(before)
        assert not b.failed, b.failed[0].error
        return time.perf_counter() - t0, _steady(done)

    def cluster(out: str, model: str, n: int) -> tuple[float, float, float, bool, str]:
        """(wall s, s to the first result, steady img/s, bytes equal local, summary)."""
        done, on_event = stamps()
        t0 = time.perf_counter()
        batch, stats = run_plan_on_cluster(plan_job([src], request(out, model)),
                                           progress=on_event, workers=n)
        wall = time.perf_counter() - t0
        assert not batch.failed, batch.failed[0].error
        same = _outputs(tmp / out) == _outputs(tmp / ("local" if model == a.model
                                                      else "nearest_local"))
        # after the first result of the slowest-starting worker
        return wall, done[0] - t0, _steady(done, n), same, stats.summary()

    print(f"{a.images} images {a.size}x{a.size} x{a.scale}, model {a.model}, CPU")
    for threads in (None, 1):
        wall, rate = local("local" if threads is None else "local1", a.model, threads)
        what = f"torch {threads} thread" if threads else "torch default threads"
        print(f"local ({what}): {wall:6.2f}s  {a.images / wall:6.1f} img/s, "
              f"{rate:6.1f} img/s steady")
    local_rate = rate          # a Ray CPU worker runs one thread (OMP_NUM_THREADS=1)
    _, nearest_rate = local("nearest_local", "nearest", 1)

    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
    steady: dict[int, float] = {}
    overhead: dict[int, float] = {}
    try:
        for n in (1, 2):
            wall, startup, rest, same, summary = cluster(f"cl{n}", a.model, n)
            steady[n] = rest
            overhead[n] = (n / rest - 1 / local_rate) * 1000
            print(f"cluster x{n}: {wall:6.2f}s  {a.images / wall:6.1f} img/s with start-up "
                  f"({startup:.1f}s to the first result), {rest:6.1f} img/s steady, "
                  f"overhead {overhead[n]:+.1f} ms/task; bytes equal local: {same}")
            print(f"            {summary}")
        _, _, bare, same, _ = cluster("nearest_cl1", "nearest", 1)
        bare_ms = (1 / bare - 1 / nearest_rate) * 1000
    finally:
        ray.shutdown()
    print(f"steady: 2 workers / 1 worker {steady[2] / steady[1]:.2f}x, "
          f"2 workers / local (1 thread) {steady[2] / local_rate:.2f}x")
    print(f"per-task overhead with {a.model} against local ({1000 / local_rate:.1f} ms/img): "
          + ", ".join(f"{n} worker(s) {ms:+.1f} ms" for n, ms in overhead.items()))
    print(f"per-task cost alone (nearest, {1000 / nearest_rate:.1f} ms/img locally, "
          f"{1000 / bare:.1f} ms/img on 1 worker): {bare_ms:+.1f} ms; bytes equal local: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
