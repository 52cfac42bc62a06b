"""Training speed of a recipe: ``python -m trainer.bench RECIPE [--steps N] [--set k=v ...]``.

Prints image loading time, data-only batches/s and full training steps/s, both per
wall-clock second and per second of this process's CPU time (the second is steadier on a
shared machine).  The step timed is the trainer's own (forward, loss, backward, optimiser,
EMA, AMP when ``optim.amp`` asks for it) on ``run.device``, so
``--set run.device=cuda --set data.batch_size=128`` measures a GPU slot before it is spent.
Nothing is written: no checkpoint, no log, no validation.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable

import torch

from trainer.config import load_config
from trainer.loop import SRRun
from trainer.validate import validate_config


def _rate(fn: Callable[[], object], n: int, device: torch.device) -> tuple[float, float]:
    """(calls per wall second, calls per CPU second); waits for the GPU's queue to drain."""
    w, c = time.perf_counter(), time.process_time()
    for _ in range(n):
        fn()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return n / (time.perf_counter() - w), n / max(1e-9, time.process_time() - c)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m trainer.bench")
    p.add_argument("config", nargs="?", help="recipe file (default: the built-in defaults)")
    p.add_argument("--set", dest="overrides", action="append", default=[])
    p.add_argument("--steps", type=int, default=100)
    args = p.parse_args(argv)
    cfg = load_config(args.config, args.overrides)
    if cfg.run.threads:
        torch.set_num_threads(cfg.run.threads)
    cfg.data.val_dir = None  # validation is not what is being timed
    m = cfg.model
    with tempfile.TemporaryDirectory(prefix="srstudio-bench-") as tmp:
        cfg.run.out_dir = tmp
        run = SRRun(cfg, validate_config(cfg), None, None, None)
        t = time.perf_counter()
        run.build(fresh=True)
        store = run.sampler.store
        print(f"{len(store.sources)} images loaded in {time.perf_counter() - t:.1f} s "
              f"(cached: {store.cached}); torch threads {torch.get_num_threads()}; "
              f"device {run.device}")
        wall, cpu = _rate(run.sampler.next_batch, args.steps, torch.device("cpu"))
        print(f"data only: {wall:.1f} batches/s ({cpu:.1f} per CPU-second)")
        try:
            _rate(run.train_step, 10, run.device)  # warm-up (and cuDNN's algorithm search)
            wall, cpu = _rate(run.train_step, args.steps, run.device)
        finally:
            run.close()
    amp = "" if run.amp is None else f", amp {cfg.optim.amp}"
    print(f"train: {wall:.2f} steps/s ({cpu:.2f} per CPU-second), "
          f"batch {cfg.data.batch_size}, patch {cfg.data.patch_size}, {m.arch} x{m.scale}"
          f"{amp}")


if __name__ == "__main__":
    main()
