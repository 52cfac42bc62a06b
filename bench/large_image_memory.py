"""Peak memory of `srstudio upscale` on a 6000x4000 photo at x4 (a learned model).

Target (issue 2): peak RSS < 1.5 x (output uint8 bytes) + 1 GiB.  Runs the real CLI in a
child process under ``/usr/bin/time -v`` (or reads ru_maxrss when that is missing) and
prints the figures and the ratio to the budget.

    .venv/bin/python bench/large_image_memory.py [--model fast] [--size 6000x4000] [--scale 4]
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def make_photo(path: Path, w: int, h: int) -> None:
    from engine.io import ImageData, write_image
    from tests.conftest import photo_like
    tile = photo_like(500, 500, seed=1)
    img = np.tile(tile, (h // 500 + 1, w // 500 + 1, 1))[:h, :w]
    write_image(path, ImageData(pixels=np.ascontiguousarray(img), alpha=None, icc_profile=None,
                                exif=None, source_format="PNG"), overwrite=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="fast")
    ap.add_argument("--size", default="6000x4000")
    ap.add_argument("--scale", type=int, default=4)
    ap.add_argument("--format", default="png")
    a = ap.parse_args()
    w, h = map(int, a.size.split("x"))
    tmp = Path(tempfile.mkdtemp(prefix="srstudio-bench-"))
    try:
        src = tmp / "photo.png"
        make_photo(src, w, h)
        out = tmp / f"out.{a.format}"
        cmd = [sys.executable, "-m", "app.cli", "upscale", str(src), "-o", str(out),
               "--model", a.model, "--scale", str(a.scale), "--quiet"]
        timer = "/usr/bin/time" if Path("/usr/bin/time").exists() else shutil.which("time")
        t0 = time.perf_counter()
        if timer:
            r = subprocess.run([timer, "-v", *cmd], cwd=REPO, capture_output=True, text=True)
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
            peak = int(m.group(1)) * 1024 if m else -1
        else:
            r = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        secs = time.perf_counter() - t0
        if r.returncode != 0:
            print(r.stderr[-2000:])
            return 1
        out_bytes = w * a.scale * h * a.scale * 3
        budget = 1.5 * out_bytes + (1 << 30)
        print(f"input {w}x{h}, x{a.scale}, model {a.model}: output {w * a.scale}x{h * a.scale} "
              f"({out_bytes / 2**30:.2f} GiB uint8), file {out.stat().st_size / 2**20:.0f} MiB")
        print(f"peak RSS {peak / 2**30:.2f} GiB; budget 1.5 x output + 1 GiB = "
              f"{budget / 2**30:.2f} GiB; ratio peak/budget = {peak / budget:.2f}; "
              f"peak/output = {peak / out_bytes:.2f}; wall {secs:.0f} s")
        return 0 if peak < budget else 2
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
