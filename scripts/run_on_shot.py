"""Render the real window with *Run on: a server* and a finished remote job in the queue
and viewer (``docs/screenshots/run_on_server.png``).

    xvfb-run -s "-screen 0 1600x1000x24" python scripts/run_on_shot.py [--out DIR]

A real ``srstudio serve`` is started on 127.0.0.1 (a free port, a token) with the shipped
models; the window is pointed at it through the Run on widgets (keys typed, *Test
connection* clicked), a photo is dropped and Start clicked, and the shot is taken when the
row has finished.  Settings and outputs go to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TOKEN = "shot-token"


def start_server(tmp: Path) -> tuple[subprocess.Popen, str]:
    """``srstudio serve --port 0 --token-file F``; (process, its URL)."""
    token = tmp / "token"
    token.write_text(TOKEN)
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--port", "0",
                             "--token-file", str(token)], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    m = re.search(r"serving on (http://127\.0\.0\.1:\d+)/", line)
    if not m:
        proc.kill()
        raise RuntimeError(f"the server did not start: {line}")
    return proc, m.group(1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--theme", default="dark", choices=("dark", "light", "system"))
    ap.add_argument("--size", default="1600x1000", help="window size (a 1280x720 screen "
                                                       "checks the pinned Run on group)")
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    tmp = Path(tempfile.mkdtemp(prefix="srstudio-runon-"))
    from PySide6.QtCore import QSettings, Qt
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "cfg"))
    os.environ["SRSTUDIO_USER_MODELS_DIR"] = str(tmp / "user_models")
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    proc, url = start_server(tmp)
    try:
        from PIL import Image
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from scripts.screenshots import (
            BABOON_CANDIDATES,
            click,
            drop,
            settle,
            synthetic_photo,
            wait_until,
        )
        src = next((p for p in BABOON_CANDIDATES if p.is_file()), None)
        if src is None:
            src = tmp / "photo.png"
            Image.fromarray(synthetic_photo(500, 480, seed=7)).save(src)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        from app.gui.main import create_app
        from app.gui.palette import apply_theme
        create_app()
        apply_theme(app, args.theme)
        from app.gui.main_window import MainWindow
        from app.gui.queue_state import FINISHED
        from app.gui.settings_store import SettingsStore
        win = MainWindow(SettingsStore())
        win.resize(width, height)
        win.show()
        wait_until(app, lambda: win.catalog.models_loaded, 60, "the model list")
        sp, ro = win.settings_panel, win.run_on
        sp.select_model("fast")
        sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
        sp.out_edit.setText(str(tmp / "out"))
        ro.where_combo.setFocus()
        QTest.keyClick(ro.where_combo, Qt.Key.Key_Down)
        QTest.keyClicks(ro.url_edit, url)
        QTest.keyClicks(ro.token_edit, TOKEN)
        click(ro.test_button)
        wait_until(app, lambda: ro.test_button.isEnabled(), 30, "the connection test")
        drop(win, [src])
        click(sp.start_button)
        wait_until(app, lambda: all(i.status in FINISHED for i in win.queue.items)
                   and win.queue_ctl.upscale_worker is None, 120, "the remote job")
        row = win.queue.items[0]
        print(f"{row.path.name}: {row.status.name} {row.message} -> {row.output}")
        win.queue_view.select_id(row.id)
        wait_until(app, lambda: win.compare.layer("right") is not None, 30, "the viewer")
        settle(app, 1.0)
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        name = "run_on_server.png" if args.size == "1600x1000" else \
            f"run_on_server_{args.size}.png"
        win.grab().save(str(out / name))
        print("wrote", out / name)
        win.close()
        settle(app, 0.5)
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
