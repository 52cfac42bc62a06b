"""Does the GUI stay responsive while a big job runs?

Starts the real main window, queues a 2000x2000 image, upscales it x4 (CPU; bicubic by
default, or ``--model NAME``) with the live preview on screen, and meanwhile a 10 ms
QTimer probe records the gaps between its ticks.  A gap is time the event loop could not
run: anything over 100 ms is a visible freeze.

    QT_QPA_PLATFORM=offscreen python bench/gui_responsiveness.py [--model bicubic] [--size 2000]
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def synthetic_photo(size: int):
    import numpy as np
    y, x = np.mgrid[0:size, 0:size].astype(np.float32)
    img = np.stack([x / size, y / size, 0.5 + 0.5 * np.sin(x / 9.0) * np.cos(y / 13.0)], -1)
    img += 0.05 * np.random.default_rng(0).standard_normal(img.shape, dtype=np.float32)
    return (np.clip(img, 0, 1) * 255).astype(np.uint8)


class GapProbe:
    """A 10 ms timer; records the wall time between consecutive ticks."""

    def __init__(self, interval_ms: int = 10) -> None:
        self.clock = QElapsedTimer()
        self.gaps: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def tick(self) -> None:
        self.gaps.append(self.clock.restart() / 1000.0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="bicubic")
    ap.add_argument("--scale", type=int, default=4)
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--tile", default="Auto")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="srstudio-bench-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)  # its inputs and outputs
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "cfg"))
    from PIL import Image
    src = tmp / "in" / "photo.png"
    src.parent.mkdir(parents=True)
    Image.fromarray(synthetic_photo(args.size)).save(src)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app.gui.main_window import MainWindow
    from app.gui.queue_state import FINISHED
    from app.gui.settings_store import SettingsStore
    w = MainWindow(SettingsStore())
    w.resize(1400, 900)
    w.show()
    t_end = time.perf_counter() + 60
    while not w.catalog.models_loaded and time.perf_counter() < t_end:
        app.processEvents()
        time.sleep(0.01)
    sp = w.settings_panel
    if not sp.select_model(args.model):
        print(f"unknown model {args.model}", file=sys.stderr)
        return 1
    sp.scale_combo.setCurrentIndex(max(0, sp.scale_combo.findData(args.scale)))
    sp.tile_combo.setCurrentText(args.tile)
    sp.out_edit.setText(str(tmp / "out"))
    w.queue_ctl.add_paths([src])
    # let the input load into the viewer so the live preview is really painted
    while w.compare.layer("left") is None and time.perf_counter() < t_end:
        app.processEvents()
        time.sleep(0.01)

    probe = GapProbe()
    done = {"t": None}

    def check() -> None:
        if w.queue_ctl.upscale_worker is None and all(i.status in FINISHED for i in w.queue.items):
            done["t"] = time.perf_counter()
            app.quit()

    poll = QTimer()
    poll.timeout.connect(check)
    t0 = time.perf_counter()
    probe.start()
    w.queue_ctl.start()
    poll.start(50)
    app.exec()
    probe.timer.stop()
    item = w.queue.items[0]
    gaps = probe.gaps[1:]
    print(f"job: {args.size}x{args.size} x{args.scale} {args.model}, status {item.status.value}"
          f" {item.message}, tile {item.tile}, {item.seconds:.1f} s "
          f"(wall {(done['t'] or time.perf_counter()) - t0:.1f} s)")
    print(f"event-loop ticks: {len(gaps)}, max gap {max(gaps) * 1000:.0f} ms, "
          f"gaps > 100 ms: {sum(g > 0.1 for g in gaps)}, "
          f"gaps > 50 ms: {sum(g > 0.05 for g in gaps)}")
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
