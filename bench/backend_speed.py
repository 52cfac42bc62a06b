"""PyTorch against ONNX Runtime on the same models, images and threads, in one process.

Upscales one generated photo-like image through the real pipeline
(:func:`engine.inference.upscale_image`, tile auto) on each backend, alternating the
backends run by run so a noisy machine hurts both alike, and prints the median wall times,
the ONNX/torch speed ratio and the largest output difference (8-bit levels).  The ONNX
export is made (or taken from the cache) before timing; its time is printed apart.

    .venv/bin/python bench/backend_speed.py [--scales 2,4] [--size 480x320] [--repeat 5]
        [--models fast,quality,srcnn] [--device cpu] [--threads N]
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
    ap.add_argument("--scales", default="2,4")
    ap.add_argument("--size", default="480x320", help="input WxH")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--models", default="fast,quality,srcnn")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--threads", type=int, default=None, help="default: torch's")
    args = ap.parse_args()

    import numpy as np
    import torch

    from engine.inference import upscale_image
    from engine.inference.factory import make_upscaler
    from engine.inference.onnx_export import cached_onnx
    from engine.models.registry import resolve_model
    from tests.conftest import photo_like

    if args.threads:
        torch.set_num_threads(args.threads)
    w, h = (int(v) for v in args.size.lower().split("x"))
    img = photo_like(h, w, seed=3)
    print(f"input {w}x{h}, device {args.device}, threads {torch.get_num_threads()}, "
          f"median of {args.repeat}, backends alternated")
    print(f"{'model':<14} {'export s':>8} {'torch s':>8} {'onnx s':>8} {'speed-up':>9} "
          f"{'max diff':>8}")
    ratios = []
    for scale in (int(s) for s in args.scales.split(",")):
        for name in args.models.split(","):
            ref = resolve_model(name, scale)
            if not hasattr(ref, "path"):   # two models in a row (x8): time its parts instead
                print(f"{ref.name:<14} skipped: not one network")
                continue
            t0 = time.perf_counter()
            cached_onnx(ref.path)
            export_s = time.perf_counter() - t0
            ups = {b: make_upscaler(ref, args.device, "fp32", backend=b)
                   for b in ("torch", "onnx")}
            outs, times = {}, {b: [] for b in ups}
            for up in ups.values():
                upscale_image(up, img[:64, :64])                  # warm-up
            for _ in range(args.repeat):
                for b, up in ups.items():
                    t = time.perf_counter()
                    outs[b] = upscale_image(up, img).pixels
                    times[b].append(time.perf_counter() - t)
            tt, to = (statistics.median(times[b]) for b in ("torch", "onnx"))
            diff = int(np.abs(outs["torch"].astype(int) - outs["onnx"].astype(int)).max())
            ratios.append(tt / to)
            print(f"{ref.name:<14} {export_s:>8.2f} {tt:>8.3f} {to:>8.3f} {tt / to:>8.2f}x "
                  f"{diff:>8}", flush=True)
    print(f"geometric mean speed-up of ONNX Runtime: "
          f"{float(np.exp(np.mean(np.log(ratios)))):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
