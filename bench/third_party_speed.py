"""One Compact-class third-party model through PyTorch, ONNX Runtime and ncnn, in one run.

Builds a Real-ESRGAN Compact network (spandrel's SRVGGNetCompact; the realesr-general-x4v3
size by default: 64 features, 32 convs, x4) with random weights, saves it as a .pth the
way a downloaded model arrives, and upscales one generated photo-like image through the
real pipeline (tiled, ``engine.inference.pipeline.upscale_image``) on each runtime:

* torch: the .pth through spandrel (``srstudio upscale --model FILE.pth``);
* onnx: our ONNX export of it, run by ONNX Runtime (``--backend onnx``);
* ncnn: the same network converted by pnnx to a .param/.bin pair (Upscayl's format).

Runs alternate between runtimes so a noisy machine hurts each alike; prints the median
output megapixels per second and the largest difference from torch (8-bit levels).

    .venv/bin/python bench/third_party_speed.py [--size 256x192] [--repeat 3]
        [--feat 64] [--convs 32] [--scale 4] [--threads 1] [--tile 128]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="256x192", help="input WxH")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--feat", type=int, default=64)
    ap.add_argument("--convs", type=int, default=32)
    ap.add_argument("--scale", type=int, default=4)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--tile", type=int, default=128)
    args = ap.parse_args()

    import numpy as np
    import pnnx
    import torch
    from spandrel.architectures.Compact import Compact

    from engine.inference.factory import make_upscaler
    from engine.inference.pipeline import upscale_image
    from engine.models.registry import resolve_model
    from tests.conftest import photo_like

    torch.set_num_threads(args.threads)
    work = Path(tempfile.mkdtemp(prefix="srstudio-bench-"))
    os.environ["SRSTUDIO_CACHE_DIR"] = str(work / "cache")
    torch.manual_seed(0)
    net = Compact(num_in_ch=3, num_out_ch=3, num_feat=args.feat, num_conv=args.convs,
                  upscale=args.scale).eval()
    pth = work / f"compact_{args.feat}f{args.convs}c_x{args.scale}.pth"
    torch.save(net.state_dict(), pth)
    param = work / "compact_ncnn.param"
    t0 = time.perf_counter()
    pnnx.export(net, str(work / "p.pt"), (torch.rand(1, 3, 64, 64),),
                inputs2=(torch.rand(1, 3, 48, 80),), ncnnparam=str(param),
                ncnnbin=str(param.with_suffix(".bin")), pnnxparam=str(work / "p.param"),
                pnnxbin=str(work / "p.bin"), pnnxpy=str(work / "p.py"),
                pnnxonnx=str(work / "p.onnx"), ncnnpy=str(work / "n.py"), fp16=False)
    convert = time.perf_counter() - t0

    w, h = (int(v) for v in args.size.lower().split("x"))
    img = photo_like(h, w)
    ups = {"torch": make_upscaler(resolve_model(str(pth), None), "cpu", "fp32", backend="torch")}
    t0 = time.perf_counter()
    ups["onnx"] = make_upscaler(resolve_model(str(pth), None), "cpu", "fp32", backend="onnx")
    export = time.perf_counter() - t0
    ups["ncnn"] = make_upscaler(resolve_model(str(param), None), "cpu")
    times: dict[str, list[float]] = {k: [] for k in ups}
    outs: dict[str, np.ndarray] = {}
    for _ in range(args.repeat):
        for k, up in ups.items():
            t = time.perf_counter()
            outs[k] = upscale_image(up, img, tile=args.tile).pixels
            times[k].append(time.perf_counter() - t)
    mp = h * w * args.scale ** 2 / 1e6
    params = sum(p.numel() for p in net.parameters())
    print(f"Compact {args.feat} features, {args.convs} convs, x{args.scale} ({params:,} "
          f"params); {w}x{h} -> {w * args.scale}x{h * args.scale} ({mp:.2f} MP), tile "
          f"{args.tile}, {args.threads} thread(s), median of {args.repeat}")
    print(f"(ONNX export {export:.1f} s, pnnx conversion {convert:.1f} s, not timed below)")
    base = outs["torch"].astype(np.int16)
    for k in ups:
        med = statistics.median(times[k])
        diff = int(np.abs(outs[k].astype(np.int16) - base).max())
        print(f"  {k:<6} {med:7.2f} s  {mp / med:6.3f} MP/s  max diff vs torch {diff} levels")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
