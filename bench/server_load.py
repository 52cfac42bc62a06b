"""Load check of `srstudio serve` on loopback: N requests from C concurrent clients.

Starts the server in this process (127.0.0.1, an ephemeral port, the shipped models),
sends a bounded mix (most: POST /picture of photo-like PNGs of 24..160 px, x2 with the fast
model; some POST /jobs multipart followed to the result; some bad inputs: corrupt PNG,
unknown model, GIF, over the byte cap) and prints requests/s, p50/p95 latency, the status
counts, the deepest the queue got, the process RSS (before, peak, after) and the files left
in the server's folders.  A 503 (queue full, Retry-After) counts as answered.

    .venv/bin/python bench/server_load.py [--requests 200] [--clients 20] [--queue-size 16]
"""

from __future__ import annotations

import argparse
import base64
import gc
import io
import random
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def png(h: int, w: int, seed: int) -> bytes:
    from PIL import Image

    from tests.conftest import photo_like
    buf = io.BytesIO()
    Image.fromarray(photo_like(h, w, seed=seed)).save(buf, "PNG")
    return buf.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--queue-size", type=int, default=16)
    ap.add_argument("--model", default="fast")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=1,
                    help="repeat the load (RSS after each shows whether memory keeps growing)")
    args = ap.parse_args()

    import httpx
    import psutil

    from tests.server.conftest import start_server

    live = start_server(queue_size=args.queue_size, max_upload_bytes=2 * 1024 * 1024)
    proc = psutil.Process()
    rng = random.Random(args.seed)
    images = {s: png(s, s * 4 // 3, s) for s in (24, 48, 96, 160)}
    b64 = {s: base64.b64encode(d).decode() for s, d in images.items()}
    with httpx.Client(base_url=live.url, timeout=120) as c:   # warm: torch and the model
        c.post("/picture", json={"DATA": b64[24], "MODEL": args.model, "SCALE": 2})
    gc.collect()
    rss_before = proc.memory_info().rss

    kinds = (["picture"] * 14 + ["job"] * 3 + ["corrupt", "unknown_model", "gif", "too_big"])
    plan = [rng.choice(kinds) for _ in range(args.requests)]
    sizes = [rng.choice(list(images)) for _ in range(args.requests)]
    results: list[tuple[str, int, float]] = []
    lock = threading.Lock()
    nxt = iter(())
    peak_rss = [rss_before]
    peak_queue = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.05):
            peak_rss[0] = max(peak_rss[0], proc.memory_info().rss)
            peak_queue[0] = max(peak_queue[0], live.manager.stats()["queued"])

    def one(c: httpx.Client, i: int) -> int:
        kind, s = plan[i], sizes[i]
        body = {"DATA": b64[s], "MODEL": args.model, "SCALE": 2, "FILENAME": f"p{i}.png"}
        if kind == "picture":
            return c.post("/picture", json=body).status_code
        if kind == "corrupt":
            return c.post("/picture", json={**body, "DATA": base64.b64encode(
                images[s][: len(images[s]) // 2]).decode()}).status_code
        if kind == "unknown_model":
            return c.post("/picture", json={**body, "MODEL": "nonesuch"}).status_code
        if kind == "gif":
            return c.post("/picture", json={**body, "FILENAME": "a.gif", "DATA": base64.b64encode(
                b"GIF89a" + bytes(64)).decode()}).status_code
        if kind == "too_big":
            return c.post("/picture", json={**body, "DATA": base64.b64encode(
                b"\x89PNG" + bytes(3 * 1024 * 1024)).decode()}).status_code
        r = c.post("/jobs", files={"file": (f"j{i}.png", images[s])},
                   data={"model": args.model, "scale": "2"})
        if r.status_code != 202:
            return r.status_code
        job = r.json()["id"]
        while c.get(f"/jobs/{job}").json()["state"] not in ("done", "failed", "cancelled"):
            time.sleep(0.05)
        code = c.get(f"/jobs/{job}/result").status_code
        c.delete(f"/jobs/{job}")
        return code

    def client() -> None:
        with httpx.Client(base_url=live.url, timeout=300) as c:
            while True:
                with lock:
                    i = next(nxt, None)  # noqa: B023 - each round's iterator, on purpose
                if i is None:
                    return
                t0 = time.perf_counter()
                try:
                    code = one(c, i)
                except httpx.HTTPError as e:
                    code = -1
                    print(f"request {i} ({plan[i]}): {type(e).__name__}: {e}")
                with lock:
                    results.append((plan[i], code, time.perf_counter() - t0))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    t0 = time.perf_counter()
    for r in range(args.rounds):
        nxt = iter(range(args.requests))
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        gc.collect()
        print(f"round {r + 1}: RSS {proc.memory_info().rss / 2**20:.0f} MB")
    wall = time.perf_counter() - t0
    stop.set()
    sampler.join()
    gc.collect()
    time.sleep(0.5)
    rss_after = proc.memory_info().rss
    jobs_dir = Path(live.manager.jobs_dir)
    left = [p for p in jobs_dir.rglob("*") if p.is_file()]
    live.stop()

    codes = Counter((k, c) for k, c, _ in results)

    def pcts(lat: list[float]) -> str:
        if len(lat) < 2:
            return "-"
        q = statistics.quantiles(sorted(lat), n=100)
        return f"p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms, max {max(lat) * 1000:.0f} ms"

    print(f"{len(results)} requests from {args.clients} clients in {wall:.1f} s: "
          f"{len(results) / wall:.1f} requests/s")
    print(f"latency, all answers: {pcts([t for _, _, t in results])}")
    print(f"latency, upscaled (200): {pcts([t for _, c, t in results if c == 200])}")
    print(f"latency, refused bad input (4xx): "
          f"{pcts([t for _, c, t in results if 400 <= c < 500])}")
    print(f"latency, queue full (503): {pcts([t for _, c, t in results if c == 503])}")
    print("status by kind: " + ", ".join(f"{k} {c}: {n}" for (k, c), n in sorted(codes.items())))
    print(f"5xx other than 503: {sum(n for (k, c), n in codes.items() if c >= 500 and c != 503)}"
          f"; unanswered: {sum(n for (k, c), n in codes.items() if c < 0)}")
    print(f"queue: deepest {peak_queue[0]} of {args.queue_size} (manager peak "
          f"{live.manager.peak_queued})")
    mb = 1 / 2**20
    print(f"RSS: before {rss_before * mb:.0f} MB, peak {peak_rss[0] * mb:.0f} MB, after "
          f"{rss_after * mb:.0f} MB; files left in the job folders: {len(left)}")
    bad = [c for _, c, _ in results if c < 0 or (c >= 500 and c != 503)]
    return 1 if bad or left or peak_queue[0] > args.queue_size else 0


if __name__ == "__main__":
    sys.exit(main())
