"""What fp16 costs the shipped networks: benchmark Y-PSNR in fp32 and in fp16.

'auto' precision runs fp16 on CUDA and MPS.  The engine never picks fp16 on the CPU (no
fast fp16 convolutions there), but the CPU computes them with IEEE half arithmetic as a GPU
would, so this forces it to measure the accuracy on a machine without a GPU (slowly: about
15x the fp32 time).

    .venv/bin/python bench/half_precision.py [--dataset ../shared/data/benchmark/Set5]
        [--models quality_x2,quality_x3,quality_x4]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dataset", default=str(REPO.parent / "shared/data/benchmark/Set5"))
    ap.add_argument("--models", default="quality_x2,quality_x3,quality_x4")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()

    import torch

    from engine.evaluation import evaluate, load_benchmark
    from engine.inference import TorchUpscaler, make_upscale_fn
    from engine.models.descriptor import LoadedModel
    from engine.models.registry import resolve_model

    torch.set_num_threads(args.threads)
    print(f"{'model':<12} {'fp32 Y-PSNR':>11} {'fp16 Y-PSNR':>11} {'change':>8}  "
          f"({Path(args.dataset).name})")
    for name in args.models.split(","):
        ref = resolve_model(name, None)
        images = load_benchmark(args.dataset, ref.scale)
        psnr = {}
        for dtype in (torch.float32, torch.float16):
            up = TorchUpscaler(LoadedModel.from_file(ref.path), "cpu", "fp32")
            up.dtype, up.module = dtype, up.module.to(dtype=dtype)   # forced past 'auto'
            t0 = time.perf_counter()
            psnr[dtype] = evaluate(make_upscale_fn(up), images, ref.scale).psnr_y
            print(f"  {ref.name} {str(dtype).split('.')[-1]}: {time.perf_counter() - t0:.0f} s",
                  file=sys.stderr)
        full, half = psnr[torch.float32], psnr[torch.float16]
        print(f"{ref.name:<12} {full:>11.4f} {half:>11.4f} {half - full:>+8.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
