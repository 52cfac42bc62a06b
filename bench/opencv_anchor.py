"""The OpenCV dnn_superres side of ``bench/cpu_speed.py``; runs in the bench environment.

OpenCV-contrib never enters the product's environment (it would shadow the headless
OpenCV the product uses), so ``cpu_speed.py`` starts this script with the bench
environment's Python and talks to it over stdin/stdout, one JSON line each way, so the
two sides' runs can be interleaved round by round on a noisy machine:

    {"cmd": "load", "name": "FSRCNN_x2", "file": "/.../FSRCNN_x2.pb", "algo": "fsrcnn", "scale": 2}
    {"cmd": "time", "name": "FSRCNN_x2", "input": "/tmp/in.png"}          -> {"seconds": 0.031}
    {"cmd": "upscale", "name": "FSRCNN_x2", "input": "a.png", "output": "b.png"}
    {"cmd": "quit"}

This file imports only cv2 and the standard library (the bench environment has nothing else).
"""

from __future__ import annotations

import json
import sys
import time

import cv2


def main() -> int:
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    cv2.setNumThreads(threads)
    models: dict[str, object] = {}
    images: dict[str, object] = {}
    print(json.dumps({"ready": cv2.__version__, "threads": cv2.getNumThreads()}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        cmd = req["cmd"]
        reply: dict[str, object] = {}
        try:
            if cmd == "quit":
                break
            if cmd == "load":
                sr = cv2.dnn_superres.DnnSuperResImpl_create()
                sr.readModel(req["file"])
                sr.setModel(req["algo"], int(req["scale"]))
                models[req["name"]] = sr
            elif cmd in ("time", "upscale"):
                sr = models[req["name"]]
                if cmd == "upscale" or req["input"] not in images:   # timing reuses it
                    images[req["input"]] = cv2.imread(req["input"], cv2.IMREAD_COLOR)
                img = images[req["input"]]
                t = time.perf_counter()
                out = sr.upsample(img)
                reply["seconds"] = time.perf_counter() - t
                if cmd == "upscale":
                    cv2.imwrite(req["output"], out)
            else:
                reply["error"] = f"unknown command {cmd}"
        except Exception as e:  # reported to the driver, which prints it
            reply["error"] = f"{type(e).__name__}: {e}"
        print(json.dumps(reply), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
