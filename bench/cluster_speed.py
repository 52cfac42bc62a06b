"""Images per second: one local run against `--cluster` with 1 and 2 CPU workers.

Generates N photo-like PNGs, runs the same plan locally (:func:`engine.jobs.run.run_plan`)
and on a local Ray instance (``num_cpus=2``, started and stopped here) through
:func:`engine.cluster.run_plan_on_cluster` with 1 and 2 workers.  For each cluster run:
the wall time (actor start included), the start-up (to the first result), the steady
throughput after it, and the per-item overhead against the local per-item time; the
outputs are checked byte for byte against the local ones.  One run each, so on a busy
machine the numbers move by tens of percent.

    nice -n 10 .venv/bin/python bench/cluster_speed.py [--images 40] [--size 96] [--model fast]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--images", type=int, default=40)
    ap.add_argument("--size", type=int, default=96, help="input side in pixels")
    ap.add_argument("--model", default="fast")
    ap.add_argument("--scale", type=int, default=4)
    a = ap.parse_args()

    import ray
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

    def request(out: str) -> Request:
        return Request(model=a.model, scale=a.scale, device="cpu", output=str(tmp / out))

    def timed(out: str, threads: int | None) -> tuple[float, float]:
        """(wall s, steady img/s after the first result) of a local run."""
        import torch
        before = torch.get_num_threads()
        if threads:
            torch.set_num_threads(threads)
        done: list[float] = []
        t0 = time.perf_counter()
        try:
            b = run_plan(plan_job([src], request(out)),
                         progress=lambda ev: done.append(time.perf_counter())
                         if isinstance(ev, Finished) else None)
        finally:
            torch.set_num_threads(before)
        assert not b.failed, b.failed[0].error
        return time.perf_counter() - t0, (len(done) - 1) / max(done[-1] - done[0], 1e-9)

    print(f"{a.images} images {a.size}x{a.size} x{a.scale}, model {a.model}, CPU")
    local_rate = 0.0
    for threads in (None, 1):
        wall, rate = timed("local" if threads is None else "local1", threads)
        what = f"torch {threads} thread" if threads else "torch default threads"
        print(f"local ({what}): {wall:6.2f}s  {a.images / wall:6.1f} img/s, "
              f"{rate:6.1f} img/s steady")
        if threads == 1:       # a Ray CPU worker runs one thread (OMP_NUM_THREADS=1)
            local_rate = rate
    per_item_local = 1 / local_rate

    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
    steady: dict[int, float] = {}
    try:
        for n in (1, 2):
            done: list[float] = []

            def on_event(ev: object, done: list[float] = done) -> None:
                if isinstance(ev, Finished):
                    done.append(time.perf_counter())

            t0 = time.perf_counter()
            batch, stats = run_plan_on_cluster(plan_job([src], request(f"cl{n}")),
                                               progress=on_event, workers=n)
            wall = time.perf_counter() - t0
            assert not batch.failed, batch.failed[0].error
            same = _outputs(tmp / f"cl{n}") == _outputs(tmp / "local")
            startup = done[0] - t0
            # items after the first result of the slowest-starting worker
            rest = (len(done) - n) / max(done[-1] - done[n - 1], 1e-9)
            steady[n] = rest
            overhead = (n / rest - per_item_local) * 1000   # against local, 1 thread
            print(f"cluster x{n}: {wall:6.2f}s  {a.images / wall:6.1f} img/s with start-up "
                  f"({startup:.1f}s to the first result), {rest:6.1f} img/s steady, "
                  f"overhead {overhead:+.1f} ms/img per worker; bytes equal local: {same}")
            print(f"            {stats.summary()}")
    finally:
        ray.shutdown()
    print(f"steady: 2 workers / 1 worker {steady[2] / steady[1]:.2f}x, "
          f"2 workers / local (1 thread) {steady[2] / local_rate:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
