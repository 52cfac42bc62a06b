"""How much slower the quality model (and x8 self-ensemble) is than the fast one.

Upscales one generated photo-like image through the real pipeline
(:func:`engine.inference.upscale_image`, tile auto) with each model in turn, in this one
process, and prints the median wall time of each and its ratio to the fast model's.

    .venv/bin/python bench/model_speed.py [--scale 4] [--size 480x320] [--repeat 3]
        [--models bicubic,fast,quality] [--self-ensemble] [--device cpu]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=4)
    ap.add_argument("--size", default="480x320", help="input WxH")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--models", default="bicubic,fast,quality")
    ap.add_argument("--self-ensemble", action="store_true",
                    help="also time each network with x8 self-ensemble")
    ap.add_argument("--device", default="auto")
    args = ap.parse_args()

    import torch

    from engine.inference import upscale_image
    from engine.inference.factory import make_upscaler
    from engine.models.registry import resolve_model
    from tests.conftest import photo_like

    w, h = (int(v) for v in args.size.lower().split("x"))
    img = photo_like(h, w, seed=3)
    rows: list[tuple[str, float]] = []
    for name in args.models.split(","):
        ref = resolve_model(name, args.scale)
        variants = [False, True] if args.self_ensemble and name not in (
            "bicubic", "lanczos", "bilinear", "nearest") else [False]
        for ens in variants:
            up = make_upscaler(ref, args.device, "auto", ens)
            upscale_image(up, img[:64, :64])                    # warm-up
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                upscale_image(up, img)
                times.append(time.perf_counter() - t0)
            label = f"{ref.name}" + (" +x8" if ens else "")
            rows.append((label, statistics.median(times)))
    base = next((t for n, t in rows if n.startswith("fast")), rows[0][1])
    print(f"input {w}x{h}, x{args.scale}, torch threads {torch.get_num_threads()}, "
          f"median of {args.repeat}")
    print(f"{'model':<24} {'seconds':>8} {'vs fast':>8} {'Mpx out/s':>10}")
    out_px = w * h * args.scale ** 2 / 1e6
    for n, t in rows:
        print(f"{n:<24} {t:>8.3f} {t / base:>7.2f}x {out_px / t:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
