"""Does the CPU feed the trainer?  Batch-making time of each degradation vs a training step.

For a recipe (default: recipes/photo_x4.toml) this builds the recipe's sampler over its
training images and times ``--batches`` batches with the recipe's degradation and with
``bicubic`` (the baseline, patches cut from cached LR), then times ``--steps`` training
steps of the recipe's network on the same batch size, all in one process and on the
recipe's thread count.  It prints ms per batch, ms per step and the share of a step the
data costs (the batches are made in the training thread unless prefetch is on).

    .venv/bin/python bench/degrade_throughput.py [--recipe recipes/photo_x4.toml]
        [--batches 40] [--steps 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def time_batches(cfg, scale: int, channels: int, kind: str, batches: int) -> float:
    from msgspec.structs import replace

    from trainer.data import build_sampler
    data = replace(cfg.data, degradation=replace(cfg.data.degradation, kind=kind),
                   prefetch=False)
    sampler = build_sampler(data, scale, channels, seed=0)
    sampler.next_batch()
    t0 = time.perf_counter()
    for _ in range(batches):
        sampler.next_batch()
    return (time.perf_counter() - t0) / batches * 1000


def time_steps(cfg, steps: int) -> float:
    import tempfile

    import torch

    from engine.archs.registry import get_arch
    from trainer.loop import SRRun
    cfg.run.out_dir = tempfile.mkdtemp(prefix="srstudio-bench-")
    cfg.data.val_dir = None
    trainer = SRRun(cfg, get_arch(cfg.model.arch), None, None, None)
    trainer.build(fresh=True)
    lr, hr = trainer.sampler.next_batch()
    trainer.sampler.next_batch = lambda: (lr, hr)   # time the step alone
    trainer.train_step()
    t0 = time.perf_counter()
    for _ in range(steps):
        trainer.train_step()
    torch.cuda.synchronize() if torch.cuda.is_available() else None
    return (time.perf_counter() - t0) / steps * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--recipe", default=str(REPO / "recipes" / "photo_x4.toml"))
    ap.add_argument("--batches", type=int, default=40)
    ap.add_argument("--steps", type=int, default=5)
    a = ap.parse_args()
    import torch

    from engine.archs.registry import get_arch
    from trainer.config import load_config
    cfg = load_config(a.recipe)
    cfg.run.device = "cpu"
    torch.set_num_threads(max(1, cfg.run.threads or torch.get_num_threads()))
    spec = get_arch(cfg.model.arch)
    channels = cfg.model.num_channels or int(spec.default_config.get("num_channels", 3))
    s = cfg.model.scale
    kind = cfg.data.degradation.kind
    real = time_batches(cfg, s, channels, kind, a.batches)
    base = time_batches(cfg, s, channels, "bicubic", a.batches)
    step = time_steps(cfg, a.steps)
    print(f"{Path(a.recipe).name}: batch {cfg.data.batch_size} x {cfg.data.patch_size} px HR, "
          f"{torch.get_num_threads()} thread(s)")
    print(f"  batch, degradation '{kind}': {real:8.1f} ms")
    print(f"  batch, 'bicubic' (baseline): {base:8.1f} ms   ratio {real / base:.1f}x")
    print(f"  training step ({cfg.model.arch}): {step:8.1f} ms")
    print(f"  data share of a step: {real / (real + step):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
