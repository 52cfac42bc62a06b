"""Screenshots of the translated app, to check that no word is cut off and no glyph is
missing: the main window in each language (``docs/screenshots/i18n_<lang>.png``) and the
*Help ▸ Self-test* dialog after a full run (``docs/screenshots/selftest.png``).

    python scripts/i18n_shots.py [--langs de,ja] [--selftest] [--size 1280x720]

Each shot runs in its own process: under Xvfb (``xvfb-run``, an X server whose one screen
has that size) when it is installed, else Qt's offscreen platform with a screen of that
size, so the window starts maximised as on such a screen and the language is installed
at start-up as a user gets it.  Japanese and Chinese need a CJK font, which a bare Linux
lacks (every character would be an empty box): on Debian ``apt-get install $(cat
packaging/apt-screenshots.txt)``; the script refuses to shoot those languages without one.
Files are queued by a real drop and run by a real click on Start; settings, user models
and outputs go to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CJK = {"ja": "Japanese", "zh_CN": "SimplifiedChinese"}   # QFontDatabase writing systems


def _start(lang: str):   # noqa: ANN202 (Qt objects, imported in the child only)
    """The app and its window in ``lang``, settings in a temporary folder."""
    tmp = Path(tempfile.mkdtemp(prefix="srstudio-i18n-"))
    from PySide6.QtCore import QSettings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "cfg"))
    os.environ["SRSTUDIO_USER_MODELS_DIR"] = str(tmp / "user_models")
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    os.environ.pop("SRSTUDIO_LANG", None)
    from PySide6.QtGui import QFontDatabase

    from app.gui.main import create_app
    from app.gui.translations import install_translations
    app = create_app([sys.argv[0]])
    if lang in CJK:
        system = getattr(QFontDatabase.WritingSystem, CJK[lang])
        if not QFontDatabase.families(system):
            raise SystemExit(f"no {CJK[lang]} font: apt-get install "
                             "$(cat packaging/apt-screenshots.txt)")
    shown = install_translations(app, lang)
    if shown != lang:
        raise SystemExit(f"{lang}: no translation installed (got {shown!r})")
    from app.gui.main_window import MainWindow
    from app.gui.settings_store import SettingsStore
    win = MainWindow(SettingsStore())
    win.show()
    avail = win.screen().availableGeometry()   # as maximised on that screen
    win.setGeometry(avail)
    return app, win, tmp


def shoot_main(lang: str, out: Path) -> None:
    """The Upscale tab with three finished rows (one selected) and the self-check chart."""
    from PIL import Image

    from scripts.screenshots import click, drop, settle, synthetic_photo, wait_until
    app, win, tmp = _start(lang)
    from app.gui.queue_state import FINISHED
    wait_until(app, lambda: win.catalog.models_loaded, 120, "the model list")
    sp = win.settings_panel
    sp.out_edit.setText(str(tmp / "out"))
    files = []
    for i, name in enumerate(("garden_in_the_morning", "portrait", "street")):
        p = tmp / f"{name}.png"
        Image.fromarray(synthetic_photo(160, 120, seed=i)).save(p)
        files.append(p)
    drop(win, files)
    click(sp.start_button)
    wait_until(app, lambda: all(i.status in FINISHED for i in win.queue.items)
               and win.queue_ctl.upscale_worker is None, 300, "the queue")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    view = win.queue_view
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     view.visualRect(view.model().index(1, 0)).center())
    fast = [m.name for m in win.catalog.models if m.scale == 4 and m.role == "fast"][:1]
    win.metrics.set_checked(fast)
    click(win.metrics.run_button)
    wait_until(app, lambda: bool(win.metrics.scores), 300, "the self-check")
    settle(app, 0.5)
    path = out / f"i18n_{lang}.png"
    win.grab().save(str(path))
    print("wrote", path, "window", win.width(), "x", win.height())
    win.close()
    wait_until(app, lambda: not win.host.busy(), 60, "the workers")


def shoot_selftest(out: Path) -> None:
    """Help ▸ Self-test after a full run (every model, backend and device; formats; video)."""
    from scripts.screenshots import settle, wait_until
    app, win, _ = _start("en")
    wait_until(app, lambda: win.catalog.models_loaded, 120, "the model list")
    win.menus.selftest_action.trigger()
    dialog = win.menus.selftest_dialog
    assert dialog is not None
    dialog.resize(900, 640)
    wait_until(app, lambda: dialog.passed is not None, 1800, "the self-test")
    settle(app, 0.5)
    path = out / "selftest.png"
    dialog.grab().save(str(path))
    print("wrote", path, "passed" if dialog.passed else "FAILED",
          dialog.verdict.text())
    dialog.close()
    win.close()
    wait_until(app, lambda: not win.host.busy(), 60, "the workers")


def _child(size: str, args: list[str]) -> int:
    """Run this script's ``--render`` in a process with a screen of ``size``."""
    w, h = (int(v) for v in size.split("x"))
    cmd = [sys.executable, __file__, *args]
    env = dict(os.environ)
    if shutil.which("xvfb-run"):
        env.pop("QT_QPA_PLATFORM", None)
        env["QT_QPA_PLATFORM"] = "xcb"
        cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {w}x{h}x24", *cmd]
    else:
        cfg = Path(tempfile.mkdtemp()) / "screen.json"
        cfg.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": w,
                                                "height": h, "logicalDpi": 96,
                                                "logicalBaseDpi": 96, "dpr": 1}]}))
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={cfg}"
    return subprocess.call(cmd, env=env, cwd=ROOT)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--langs", default="de,ja", help="comma-separated, e.g. de,ja,zh_CN")
    ap.add_argument("--selftest", action="store_true", help="also shoot Help ▸ Self-test")
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--render", help=argparse.SUPPRESS)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.render == "selftest":
        shoot_selftest(out)
        return 0
    if args.render:
        shoot_main(args.render, out)
        return 0
    code = 0
    for lang in filter(None, args.langs.split(",")):
        code |= _child(args.size, ["--out", str(out), "--render", lang])
    if args.selftest:
        code |= _child(args.size, ["--out", str(out), "--render", "selftest"])
    return code


if __name__ == "__main__":
    sys.exit(main())
