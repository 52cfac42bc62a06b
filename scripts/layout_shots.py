"""Render the main window at small and large screen sizes, light and dark, to check that
every control is reachable (docs/screenshots/layout_*.png).

    python scripts/layout_shots.py [--out DIR] [--sizes 1280x720,1600x1000]

Each size runs in its own offscreen process whose one screen has that size, so the window
starts as it would there (its first-start size comes from the screen).  Files are queued
by a real drop event and run by a real click on Start; the Train tab is shown too, after
a theme switch at run time (the case that used to make its form overflow).  Settings and
outputs go to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def render(size: str, theme: str, out: Path) -> None:
    """In this process (started by :func:`main` with a screen of ``size``)."""
    sys.path.insert(0, str(ROOT))
    tmp = Path(tempfile.mkdtemp(prefix="srstudio-layout-"))
    from PySide6.QtCore import QSettings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "cfg"))
    os.environ["SRSTUDIO_USER_MODELS_DIR"] = str(tmp / "user_models")
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    from PIL import Image

    from app.gui.main import create_app
    from app.gui.palette import apply_theme
    from scripts.screenshots import click, drop, settle, synthetic_photo, wait_until
    app = create_app([sys.argv[0]])
    apply_theme(app, theme)
    from app.gui.main_window import MainWindow
    from app.gui.queue_state import FINISHED
    from app.gui.settings_store import SettingsStore
    win = MainWindow(SettingsStore())
    win.show()
    avail = win.screen().availableGeometry()   # as maximised on that screen
    win.resize(avail.width(), avail.height())
    wait_until(app, lambda: win.catalog.models_loaded, 60, "the model list")
    sp = win.settings_panel
    sp.select_model("bicubic")
    sp.out_edit.setText(str(tmp / "out"))
    files = []
    for i, (w, h) in enumerate(((160, 120), (120, 160), (200, 150))):
        p = tmp / f"{['garden_in_the_morning', 'portrait', 'street'][i]}.png"
        Image.fromarray(synthetic_photo(w, h, seed=i)).save(p)
        files.append(p)
    drop(win, files)
    click(sp.start_button)
    wait_until(app, lambda: all(i.status in FINISHED for i in win.queue.items)
               and win.queue_ctl.upscale_worker is None, 120, "the queue")
    view = win.queue_view
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.visualRect(view.model().index(1, 0)).center())
    # a small self-check (one network beside bicubic) for the chart and the heat map legend
    fast = [m.name for m in win.catalog.models if m.scale == 4 and m.role == "fast"][:1]
    win.metrics.set_checked(fast)
    click(win.metrics.run_button)
    wait_until(app, lambda: bool(win.metrics.scores), 120, "the self-check")
    click(win.metrics.heat_check)
    settle(app, 0.5)
    tag = f"{size}_{theme}"
    win.grab().save(str(out / f"layout_{tag}_upscale.png"))
    other = "dark" if theme == "light" else "light"
    apply_theme(app, other)   # a theme switch at run time, then back
    settle(app, 0.2)
    apply_theme(app, theme)
    win.tabs.setCurrentWidget(win.trainer)
    settle(app, 0.5)
    win.grab().save(str(out / f"layout_{tag}_train.png"))
    print("wrote", out / f"layout_{tag}_*.png", "window", win.width(), "x", win.height())
    win.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--sizes", default="1280x720,1600x1000")
    ap.add_argument("--themes", default="light,dark")
    ap.add_argument("--render", nargs=2, metavar=("SIZE", "THEME"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.render:
        render(args.render[0], args.render[1], out)
        return 0
    code = 0
    for size in args.sizes.split(","):
        w, h = (int(v) for v in size.split("x"))
        cfg = Path(tempfile.mkdtemp()) / "screen.json"
        cfg.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": w,
                                                "height": h, "logicalDpi": 96,
                                                "logicalBaseDpi": 96, "dpr": 1}]}))
        env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={cfg}"}
        for theme in args.themes.split(","):
            code |= subprocess.call([sys.executable, __file__, "--out", str(out),
                                     "--render", size, theme], env=env, cwd=ROOT)
    return code


if __name__ == "__main__":
    sys.exit(main())
