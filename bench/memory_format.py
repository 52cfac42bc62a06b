"""Channels-last vs the default tensor layout on this machine's CPU, in one process.

engine.devices.memory_format_for picks channels-last on x86 CPUs.  This bench checks that
choice: for each model it upscales a generated photo through the real pipeline
(engine.inference.upscale_image) with the network in each layout, alternating them
``--repeat`` times so that a noisy machine slows both alike, and prints the best time of
each and their ratio.  With ``--train`` it also times training steps of the fine-tuning
recipe's network (recipes/finetune_fast_x2.toml: batch 16 of 32 px LR patches).

    .venv/bin/python bench/memory_format.py [--models fast_x2,fast_x4,quality_x2,srcnn_x2]
        [--size 480x320] [--repeat 3] [--threads 1] [--train]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LAYOUTS = ("contiguous", "channels_last")


def best_times(run: Callable[[], object], set_layout: Callable[[str], None],
               repeat: int) -> dict[str, float]:
    """Best wall time of ``run`` in each layout, the layouts alternating."""
    times: dict[str, list[float]] = {k: [] for k in LAYOUTS}
    for _ in range(repeat):
        for layout in LAYOUTS:
            set_layout(layout)
            run()                                           # warm-up (oneDNN primitives)
            t0 = time.perf_counter()
            run()
            times[layout].append(time.perf_counter() - t0)
    return {k: min(v) for k, v in times.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default="fast_x2,fast_x4,quality_x2,srcnn_x2,espcn_x2")
    ap.add_argument("--size", default="480x320", help="input WxH")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--train", action="store_true", help="also time training steps")
    args = ap.parse_args()

    import numpy as np
    import torch

    from engine.devices import memory_format_for
    from engine.inference import TorchUpscaler, upscale_image
    from engine.models.descriptor import LoadedModel
    from engine.models.registry import resolve_model
    from tests.conftest import photo_like

    torch.set_num_threads(args.threads)
    fmt = {"contiguous": torch.contiguous_format, "channels_last": torch.channels_last}
    picked = memory_format_for(torch.device("cpu"))
    print(f"torch {torch.__version__}, {args.threads} thread(s); the engine picks "
          f"{'channels_last' if picked == torch.channels_last else 'contiguous'} here")
    print(f"{'what':<34} {'contiguous s':>12} {'channels_last s':>15} {'speed-up':>9}")

    def show(label: str, t: dict[str, float], note: str = "") -> None:
        print(f"{label:<34} {t['contiguous']:>12.3f} {t['channels_last']:>15.3f} "
              f"{t['contiguous'] / t['channels_last']:>8.2f}x{note}", flush=True)

    w, h = (int(v) for v in args.size.lower().split("x"))
    img = photo_like(h, w, seed=3)
    for name in args.models.split(","):
        ref = resolve_model(name, None)
        up = TorchUpscaler(LoadedModel.from_file(ref.path), "cpu", "fp32")
        outs: dict[str, np.ndarray] = {}
        state = {"layout": LAYOUTS[0]}

        def set_layout(layout: str, up: TorchUpscaler = up, state: dict = state) -> None:
            up.module.to(memory_format=fmt[layout])
            state["layout"] = layout

        def run(up: TorchUpscaler = up, outs: dict = outs, state: dict = state) -> None:
            outs[state["layout"]] = upscale_image(up, img).pixels

        t = best_times(run, set_layout, args.repeat)
        diff = np.abs(outs["contiguous"].astype(np.int16) - outs["channels_last"]).max()
        show(f"upscale {w}x{h} {ref.name}", t, f"  (outputs differ by <= {diff} levels)")

    if args.train:
        from trainer import load_config
        from trainer.model import build_network
        cfg = load_config(REPO / "recipes" / "finetune_fast_x2.toml", [])
        net, _, net_cfg = build_network(cfg.model)
        net.train()
        s, c = cfg.model.scale, int(net_cfg["num_channels"])
        gen = torch.Generator().manual_seed(0)
        lr = torch.rand(16, c, 32, 32, generator=gen)
        hr = torch.rand(16, c, 32 * s, 32 * s, generator=gen)
        opt = torch.optim.Adam(net.parameters(), 1e-6)

        def set_net_layout(layout: str) -> None:
            net.to(memory_format=fmt[layout])

        def steps(n: int = 5) -> None:
            for _ in range(n):
                loss = (net(lr) - hr).abs().mean()
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()

        show(f"train 5 steps {cfg.model.arch} x{s}", best_times(steps, set_net_layout,
                                                               args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
