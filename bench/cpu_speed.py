"""Our models beside OpenCV's dnn_superres on this CPU: speed, FLOP/s and Set5 sharpness.

One run, one input (320x240 by default), the same thread count for everyone, contestants
interleaved round by round so a noisy machine hurts all alike.  Prints, per model and
backend: output MP/s (median), the ratio to OpenCV FSRCNN at the same scale, Set5 Y-PSNR
(the standard protocol, ``engine.evaluation``) and its gain over OpenCV FSRCNN, the
network's GFLOP/s and its share of this CPU's fp32 peak (a measured SGEMM and the
theoretical AVX figure), then the issue's targets as pass/fail lines.

OpenCV-contrib (``dnn_superres``) lives in a bench environment this script creates under
``runs/bench-env`` (pip, from the configured index; never in the product's environment) and
runs in its own process (``bench/opencv_anchor.py``); the anchors' ``.pb`` files come from
``../shared/data/anchors/opencv_dnn_superres``.

    .venv/bin/python bench/cpu_speed.py [--scales 2,4] [--size 320x240] [--repeat 5]
        [--threads 2] [--models fast,quality,espcn,fsrcnn] [--backends torch,onnx,onnx-int8]
        [--no-opencv] [--no-psnr]

``onnx-int8`` is an int8 copy of the ONNX export made here (``bench/int8_onnx.py``,
calibrated on training photos), measured for the issue's "int8: check the PSNR cost".
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
ANCHORS = REPO.parent / "shared" / "data" / "anchors" / "opencv_dnn_superres"
SET5 = REPO.parent / "shared" / "data" / "benchmark" / "Set5"
BENCH_ENV = REPO / "runs" / "bench-env"
OPENCV_REQ = "opencv-contrib-python-headless>=4.8,<5"
ANCHOR_MODELS = (("FSRCNN", "fsrcnn"), ("ESPCN", "espcn"))


# --- the OpenCV side -------------------------------------------------------------------
def bench_python() -> Path:
    """The bench environment's Python, created (with OpenCV-contrib) on first use."""
    py = BENCH_ENV / "bin" / "python"
    probe = [str(py), "-c", "import cv2; cv2.dnn_superres"]
    if py.is_file() and subprocess.run(probe, capture_output=True).returncode == 0:
        return py
    print(f"creating the bench environment {BENCH_ENV} ({OPENCV_REQ}) ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(BENCH_ENV)], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "-q", OPENCV_REQ, "numpy"], check=True)
    subprocess.run(probe, check=True)
    return py


class OpenCVAnchor:
    """The anchor process: load models, time or run them, one JSON line per request."""

    def __init__(self, threads: int) -> None:
        self.proc = subprocess.Popen([str(bench_python()), str(REPO / "bench" / "opencv_anchor.py"),
                                      str(threads)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.info = self._read()

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        reply = json.loads(self.proc.stdout.readline())
        if "error" in reply:
            raise RuntimeError(f"OpenCV anchor: {reply['error']}")
        return reply

    def ask(self, **req: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.ask_quit()

    def ask_quit(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


# --- peak ------------------------------------------------------------------------------
def measured_peak_gflops(threads: int) -> float:
    """fp32 SGEMM GFLOP/s (2048^3, best of 5): what this CPU really sustains."""
    import torch
    torch.set_num_threads(threads)
    a, b = torch.rand(2048, 2048), torch.rand(2048, 2048)
    best = 0.0
    for _ in range(5):
        t = time.perf_counter()
        torch.mm(a, b)
        best = max(best, 2 * 2048 ** 3 / (time.perf_counter() - t) / 1e9)
    return best


def theoretical_peak_gflops(threads: int) -> tuple[float, str]:
    """cores x FMA lanes x 2 x clock, from /proc/cpuinfo (32 fp32 FLOP/cycle with two
    256-bit FMA pipes, as on Zen 3/4 and Skylake clients; AVX-512 Xeons have 64)."""
    mhz, flags = 0.0, ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("cpu MHz") and not mhz:
                mhz = float(line.split(":")[1])
            if line.startswith("flags") and not flags:
                flags = line
    except OSError:
        return float("nan"), "unknown CPU"
    per_cycle = 32
    return threads * per_cycle * mhz / 1000, f"{threads} x {per_cycle} FLOP/cycle x {mhz:.0f} MHz"


# --- our side --------------------------------------------------------------------------
@dataclass
class Contestant:
    label: str
    scale: int
    run: Any                      # () -> None, one upscale of the input
    flops: float = float("nan")   # per run (the network's convolutions and matmuls)
    psnr_y: float = float("nan")  # Set5
    times: list[float] = field(default_factory=list)
    group: str = ""               # "opencv" or the backend

    def mps(self, pixels: int) -> float:
        return pixels / statistics.median(self.times) / 1e6


def network_flops(ref: Any, h: int, w: int) -> float:
    """FLOPs of one whole-image forward of the RGB network (torch's FLOP counter)."""
    from dataclasses import replace

    import torch
    from torch.utils.flop_counter import FlopCounterMode

    from engine.inference.onnx_export import deployed
    from engine.inference.rgb_network import RgbNetwork
    from engine.models.descriptor import LoadedModel
    lm = LoadedModel.from_file(ref.path)
    net = RgbNetwork(replace(lm, module=deployed(lm.module))).eval()
    with torch.no_grad(), FlopCounterMode(display=False) as fc:
        net(torch.rand(1, 3, h, w))
    return float(fc.get_total_flops())


def set5_psnr(upscale_fn: Any, scale: int) -> float:
    from engine.evaluation import evaluate, load_benchmark
    if not SET5.is_dir():
        return float("nan")
    return evaluate(upscale_fn, load_benchmark(SET5, scale), scale, name="Set5").psnr_y


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="2,4")
    ap.add_argument("--size", default="320x240", help="input WxH")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--models", default="fast,quality,espcn,fsrcnn")
    ap.add_argument("--backends", default="torch,onnx")
    ap.add_argument("--no-opencv", action="store_true")
    ap.add_argument("--no-psnr", action="store_true")
    args = ap.parse_args()

    import cv2
    import numpy as np
    import torch

    from engine.inference import make_upscale_fn, upscale_image
    from engine.inference.factory import make_upscaler
    from engine.models.registry import resolve_model
    from tests.conftest import photo_like

    torch.set_num_threads(args.threads)
    w, h = (int(v) for v in args.size.lower().split("x"))
    img = photo_like(h, w, seed=3)
    tmp = Path(tempfile.mkdtemp(prefix="cpu_speed_"))
    in_png = tmp / "input.png"
    cv2.imwrite(str(in_png), img[..., ::-1])
    scales = [int(s) for s in args.scales.split(",")]
    contestants: list[Contestant] = []

    anchor = None
    if not args.no_opencv and ANCHORS.is_dir():
        anchor = OpenCVAnchor(args.threads)
        print(f"OpenCV {anchor.info['ready']} dnn_superres, {anchor.info['threads']} threads")
        for s in scales:
            for stem, algo in ANCHOR_MODELS:
                f = ANCHORS / f"{stem}_x{s}.pb"
                if not f.is_file():
                    continue
                key = f"{stem}_x{s}"
                anchor.ask(cmd="load", name=key, file=str(f), algo=algo, scale=s)

                def run(key: str = key) -> None:
                    anchor.ask(cmd="time", name=key, input=str(in_png))

                def fn(lr: np.ndarray, key: str = key) -> np.ndarray:
                    src, dst = tmp / "lr.png", tmp / "sr.png"
                    cv2.imwrite(str(src), np.ascontiguousarray(lr[..., ::-1]))
                    anchor.ask(cmd="upscale", name=key, input=str(src), output=str(dst))
                    return cv2.imread(str(dst), cv2.IMREAD_COLOR)[..., ::-1]

                # FLOPs: our reference model of the same architecture (FSRCNN 56-12-4,
                # ESPCN 64-32, Y channel), which is what OpenCV's graph computes
                try:
                    flops = network_flops(resolve_model(f"{algo}_x{s}", s), h, w)
                except Exception:   # noqa: BLE001 - no such reference model: no FLOP/s
                    flops = float("nan")
                c = Contestant(f"OpenCV {stem} x{s}", s, run, flops, group="opencv")
                if not args.no_psnr:
                    c.psnr_y = set5_psnr(fn, s)
                contestants.append(c)
    elif not args.no_opencv:
        print(f"no anchors at {ANCHORS}: OpenCV skipped")

    for s in scales:
        for name in args.models.split(","):
            if name.endswith(".safetensors") and f"x{s}" not in Path(name).stem:
                continue   # a weight file of another scale
            ref = resolve_model(name, s)
            if not hasattr(ref, "path"):
                continue
            flops = network_flops(ref, h, w)
            for backend in args.backends.split(","):
                if backend == "onnx-int8":   # bench/int8_onnx.py: calibrated on ../shared
                    from bench.int8_onnx import int8_onnx
                    from engine.inference.onnx_export import cached_onnx
                    from engine.inference.onnx_upscaler import OnnxUpscaler
                    up = OnnxUpscaler(int8_onnx(cached_onnx(ref.path)), "cpu")
                else:
                    up = make_upscaler(ref, "cpu", "fp32", backend=backend)
                upscale_image(up, img[:64, :64])  # warm-up (and the ONNX export, cached)

                def run(up: Any = up) -> None:
                    upscale_image(up, img)

                shown = Path(name).stem if name.endswith(".safetensors") else ref.name
                c = Contestant(f"{shown} {backend}", s, run, flops, group=backend)
                if not args.no_psnr:
                    # the backends agree to float rounding; score each anyway (cheap)
                    c.psnr_y = set5_psnr(make_upscale_fn(up), s)
                contestants.append(c)

    for c in contestants:   # one warm run each, then interleaved rounds
        c.run()
    for _ in range(args.repeat):
        for c in contestants:
            t = time.perf_counter()
            c.run()
            c.times.append(time.perf_counter() - t)
    if anchor is not None:
        for c in contestants:   # the anchor times itself (no pipe overhead)
            if c.group == "opencv":
                key = c.label.split()[1] + "_x" + str(c.scale)
                c.times = [anchor.ask(cmd="time", name=key, input=str(in_png))["seconds"]
                           for _ in range(args.repeat)]
        anchor.close()

    peak = measured_peak_gflops(args.threads)
    theo, how = theoretical_peak_gflops(args.threads)
    print(f"input {w}x{h}, {args.threads} threads, median of {args.repeat}, interleaved; "
          f"fp32 peak: SGEMM {peak:.0f} GFLOP/s measured, {theo:.0f} theoretical ({how})")
    print(f"{'model':<26} {'MP/s':>7} {'vs FSRCNN':>9} {'Set5 Y':>7} {'dB vs':>6} "
          f"{'GFLOP/s':>8} {'%SGEMM':>6}")
    results: dict[str, dict[str, float]] = {}
    for s in scales:
        out_px = w * h * s * s
        anchor_c = next((c for c in contestants if c.label == f"OpenCV FSRCNN x{s}"), None)
        base_mps = anchor_c.mps(out_px) if anchor_c else float("nan")
        base_psnr = anchor_c.psnr_y if anchor_c else float("nan")
        for c in (c for c in contestants if c.scale == s):
            mps = c.mps(out_px)
            gf = c.flops / statistics.median(c.times) / 1e9
            results[c.label] = {"mps": mps, "ratio": mps / base_mps, "psnr_y": c.psnr_y,
                                "gain_db": c.psnr_y - base_psnr}
            print(f"{c.label:<26} {mps:>7.2f} {mps / base_mps:>8.2f}x {c.psnr_y:>7.2f} "
                  f"{c.psnr_y - base_psnr:>+6.2f} {gf:>8.1f} {100 * gf / peak:>5.0f}%",
                  flush=True)
    print_targets(results, scales, args.backends.split(","))
    return 0


def print_targets(results: dict[str, dict[str, float]], scales: list[int],
                  backends: list[str]) -> None:
    """The issue's targets, from this one run's numbers."""
    print("targets:")
    for s in scales:
        fast = results.get(f"fast_x{s} torch") or results.get(f"fast_x{s} onnx")
        best = max((r for k, r in results.items() if k.startswith(f"fast_x{s} ")),
                   key=lambda r: r["ratio"], default=None)
        if fast is None or best is None:
            continue
        ok = best["ratio"] >= 1.0 and best["gain_db"] >= 2.0
        print(f"  fast x{s}: {best['ratio']:.2f}x OpenCV FSRCNN (>= 1.0), "
              f"{best['gain_db']:+.2f} dB on Set5 (>= +2.0): {'met' if ok else 'NOT met'}")
    for k, r in results.items():
        if k.endswith(" onnx"):
            t = results.get(k[:-5] + " torch")
            if t:
                ratio = r["mps"] / t["mps"]
                print(f"  {k[:-5]}: ONNX Runtime {ratio:.2f}x PyTorch (>= 0.95): "
                      f"{'met' if ratio >= 0.95 else 'NOT met'}")


if __name__ == "__main__":
    sys.exit(main())
