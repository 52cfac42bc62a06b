"""Training speed of a recipe: ``python -m trainer.bench RECIPE [--steps N] [--set k=v ...]``.

Prints image loading time, data-only batches/s and full training steps/s (forward,
loss, backward, optimiser, EMA; no validation), both per wall-clock second and per
second of this process's CPU time (the second is steadier on a shared machine).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import torch

from trainer.config import load_config
from trainer.data import build_sampler
from trainer.losses import PixelAndPerceptualLoss
from trainer.model import build_network
from trainer.optim import EMA, build_optimizer, build_scheduler


def _rate(fn: Callable[[], object], n: int) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    for _ in range(n):
        fn()
    return n / (time.perf_counter() - w), n / max(1e-9, time.process_time() - c)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m trainer.bench")
    p.add_argument("config")
    p.add_argument("--set", dest="overrides", action="append", default=[])
    p.add_argument("--steps", type=int, default=100)
    args = p.parse_args(argv)
    cfg = load_config(args.config, args.overrides)
    if cfg.run.threads:
        torch.set_num_threads(cfg.run.threads)
    m = cfg.model
    t = time.perf_counter()
    model, _spec, net = build_network(m)
    sampler = build_sampler(cfg.data, m.scale, net["num_channels"], cfg.run.seed)
    print(f"{len(sampler.store.sources)} images loaded in {time.perf_counter() - t:.1f} s "
          f"(cached: {sampler.store.cached}); torch threads {torch.get_num_threads()}")
    wall, cpu = _rate(sampler.next_batch, args.steps)
    print(f"data only: {wall:.1f} batches/s ({cpu:.1f} per CPU-second)")
    loss_fn = PixelAndPerceptualLoss(cfg.loss)
    opt = build_optimizer(model.parameters(), cfg.optim)
    sched = build_scheduler(opt, cfg.optim, cfg.run.steps)
    ema = EMA(model, cfg.optim.ema) if cfg.optim.ema else None

    def step() -> None:
        lr, hr = sampler.next_batch()
        loss, _ = loss_fn(model(lr), hr)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        if ema is not None:
            ema.update(model)

    _rate(step, 10)  # warm-up
    wall, cpu = _rate(step, args.steps)
    print(f"train: {wall:.2f} steps/s ({cpu:.2f} per CPU-second), "
          f"batch {cfg.data.batch_size}, patch {cfg.data.patch_size}, {m.arch} x{m.scale}")


if __name__ == "__main__":
    main()
