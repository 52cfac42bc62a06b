"""A whole app process that a user closes in the middle of something, for
``test_close.py``: ``python -m tests.gui.close_driver MODE WORKDIR``.

MODE is ``models`` (close while the model list loads), ``ensemble`` (an x8 self-ensemble
upscale), ``video`` or ``train``.  The driver builds the window as ``app.gui.main`` does,
starts the job with real clicks, closes the window once the job runs, answers the
"Stop and quit" question, and ends as ``main()`` does: the exit code is the event loop's.
Slow fake upscalers keep each job running long enough to be interrupted.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer

STAGE_S = 0.8   # one self-ensemble pass (a tile: 6.4 s, more than the old 5 s wait) or a frame


def _slow_upscalers() -> None:
    import numpy as np

    import engine.inference.factory as factory
    from engine.inference import ClassicalUpscaler
    from engine.inference.self_ensemble import SelfEnsemble
    from tests.conftest import FakeUpscalerBase

    class Slow(FakeUpscalerBase):
        def __init__(self, scale: int) -> None:
            self._inner = ClassicalUpscaler("nearest", scale)
            self.name, self.scale = "slow", scale
            self.context, self.size_multiple, self.batch_size = 1, 1, 1

        def __call__(self, tiles: np.ndarray) -> np.ndarray:
            time.sleep(STAGE_S)
            return self._inner(tiles)

    def make(ref, device="auto", precision="auto", self_ensemble=False, *a, **k):
        return SelfEnsemble(Slow(ref.scale)) if self_ensemble else Slow(ref.scale)

    factory.make_upscaler = make


def _wait(app, cond, timeout: float, what: str) -> None:
    end = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > end:
            print(f"TIMEOUT {what}", flush=True)
            sys.exit(3)
        app.processEvents()
        time.sleep(0.01)


def main(mode: str, work: Path) -> int:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "cfg"))
    os.environ["SRSTUDIO_USER_MODELS_DIR"] = str(work / "user_models")
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    from app.gui.main import create_app
    from app.gui.main_window import MainWindow
    from app.gui.queue_state import Status
    from app.gui.settings_store import SettingsStore
    from tests.gui.conftest import save_png
    from tests.gui.user_actions import answer_next_dialog, click, drop_files
    app = create_app([sys.argv[0]])
    window = MainWindow(SettingsStore())
    window.show()
    if mode == "models":
        QTimer.singleShot(0, window.close)   # the models worker is still importing torch
    else:
        _slow_upscalers()
        _wait(app, lambda: window.catalog.models_loaded, 60, "models")
        sp = window.settings_panel
        sp.out_edit.setText(str(work / "out"))
        sp.tile_combo.setCurrentText("Off")
        if mode in ("ensemble", "video"):
            sp.select_model("tiny_x2")
            sp.ensemble_check.setChecked(mode == "ensemble")
            if mode == "ensemble":
                src = save_png(work / "in" / "photo.png", 48, 40)
            else:
                from engine.video.synthetic import make_test_clip
                (work / "in").mkdir(parents=True, exist_ok=True)
                src = make_test_clip(work / "in" / "clip.mp4", frames=40, width=32,
                                     height=24, fps=24, audio=False)
            drop_files(window, [src])
            click(sp.start_button)
            _wait(app, lambda: any(it.status == Status.RUNNING and
                                   (it.done > 0 or mode == "ensemble")
                                   for it in window.queue.items), 60, "the job")
            time.sleep(STAGE_S)   # well inside a tile or a frame
        else:
            tab = window.trainer
            hr = work / "hr"
            for i in range(2):
                save_png(hr / f"t{i}.png", 48, 48, seed=i)
            window.tabs.setCurrentWidget(tab)
            tab.hr_edit.setText(str(hr))
            tab.steps_spin.setValue(100000)
            tab.patch_spin.setValue(32)
            tab.batch_spin.setValue(2)
            tab.val_every_spin.setValue(0)
            click(tab.start_button)
            _wait(app, lambda: tab.progress.value() > 0, 60, "training")
        asked: list[str] = []
        answer_next_dialog("Stop and quit", asked)
        QTimer.singleShot(0, window.close)
        QTimer.singleShot(30000, lambda: print("STILL OPEN", asked, flush=True))
        app.aboutToQuit.connect(lambda: print(f"ASKED {len(asked)}", flush=True))
    t0 = time.perf_counter()
    code = app.exec()
    window.host.shutdown()
    print(f"CLOSED {time.perf_counter() - t0:.2f} s", flush=True)
    return code


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
