"""Time from launching ``python -m app.gui.main`` to the main window's first expose event.

The app prints ``SRSTUDIO_EXPOSED <s since main()>`` on the first Expose of its window
when ``SRSTUDIO_STARTUP_PROBE=1``; here the wall clock runs from process launch (so the
interpreter start and every import count) to that line.  Target: < 3 s.

    python bench/gui_startup.py [--runs 3]          (offscreen unless QT_QPA_PLATFORM is set)
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(env: dict[str, str]) -> tuple[float, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "app.gui.main"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("SRSTUDIO_EXPOSED"):
            wall = time.perf_counter() - t0
            inner = float(line.split()[1])
            proc.wait(timeout=60)
            return wall, inner
    proc.wait()
    raise RuntimeError(f"the app exited ({proc.returncode}) without showing its window")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="srstudio-startup-")
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)  # its inputs and outputs
    env = dict(os.environ, SRSTUDIO_STARTUP_PROBE="1", XDG_CONFIG_HOME=tmp)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    results = [one_run(env) for _ in range(args.runs)]
    for i, (wall, inner) in enumerate(results, 1):
        print(f"run {i}: {wall:.2f} s from launch to window exposed ({inner:.2f} s in main())")
    print(f"best {min(w for w, _ in results):.2f} s, "
          f"median {sorted(w for w, _ in results)[len(results) // 2]:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
