"""ONNX Runtime's graph optimisation level on our exported models: ALL against EXTENDED.

ALL adds the NCHWc layout pass (blocked convolutions with reorders around them); on the
small fast networks the reorders can cost more than they save.  This times both levels
on each shipped ONNX file (``resources/models_onnx``, made by ``scripts/build.py
models``), one 320x240 input, interleaved, and prints the speed ratio and the largest
output difference (the levels must compute the same thing).

    .venv/bin/python bench/ort_graph_level.py [--threads 1] [--models fast_x2,fast_x4]
        [--repeat 7]

Measured on the project's 2-core CPU, quiet, 1 thread, 7 rounds, two runs: EXTENDED /
ALL speed fast_x2 0.80x and 0.90x, fast_x4 1.14x and 1.08x, quality_x2 0.83x and 0.85x
(outputs within 1.3e-6): no one level wins, so the sessions keep ONNX Runtime's
default (ALL).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LEVELS = ("ORT_ENABLE_ALL", "ORT_ENABLE_EXTENDED")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--models", default="fast_x2,fast_x4,quality_x2")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--size", default="320x240", help="input WxH")
    args = ap.parse_args()

    import numpy as np
    import onnxruntime as ort

    w, h = (int(v) for v in args.size.lower().split("x"))
    x = np.random.default_rng(0).random((1, 3, h, w), dtype=np.float32)
    sessions = {}
    for name in args.models.split(","):
        path = REPO / "resources" / "models_onnx" / f"{name}.onnx"
        if not path.is_file():
            raise SystemExit(f"{path} is missing: run scripts/build.py models first")
        for level in LEVELS:
            so = ort.SessionOptions()
            so.intra_op_num_threads, so.inter_op_num_threads = args.threads, 1
            so.graph_optimization_level = getattr(ort.GraphOptimizationLevel, level)
            sessions[(name, level)] = ort.InferenceSession(
                str(path), so, providers=["CPUExecutionProvider"])
    feed = {k: {s.get_inputs()[0].name: x} for k, s in sessions.items()}
    outs = {k: s.run(None, feed[k])[0] for k, s in sessions.items()}   # warm-up
    times: dict[tuple[str, str], list[float]] = {k: [] for k in sessions}
    for _ in range(args.repeat):
        for k, s in sessions.items():
            t0 = time.perf_counter()
            s.run(None, feed[k])
            times[k].append(time.perf_counter() - t0)
    print(f"input {w}x{h}, {args.threads} thread(s), median of {args.repeat}, interleaved")
    for name in args.models.split(","):
        a, e = (statistics.median(times[(name, lv)]) for lv in LEVELS)
        diff = float(np.abs(outs[(name, LEVELS[0])] - outs[(name, LEVELS[1])]).max())
        print(f"{name:12s} ALL {a * 1000:7.1f} ms  EXTENDED {e * 1000:7.1f} ms  "
              f"EXTENDED/ALL speed {a / e:5.2f}x  max diff {diff:.1e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
