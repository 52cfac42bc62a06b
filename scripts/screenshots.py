"""Render the main states of the real main window into ``docs/screenshots/``.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py        (or under xvfb-run)

States: the queue with a job in progress (live preview on the right), the split-wipe
viewer zoomed on a detail, the self-check panel with its bar chart and heat map, and
the trainer tab with its curves after a short run, and a black-and-white photo upscaled
with *Colorize* on (``--shots 5`` renders only that one).  Inputs: Set14's baboon when
``../shared/data/benchmark/Set14/HR/baboon.png`` exists (read in place, never copied into
the repository), else a synthetic photo-like image.  Settings, user models and outputs go
to a temporary folder, so the user's own setup is untouched.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

BABOON_CANDIDATES = (ROOT.parent / "shared" / "data" / "benchmark" / "Set14" / "HR" / "baboon.png",
                     Path("/work/shared/data/benchmark/Set14/HR/baboon.png"))


def synthetic_photo(width: int, height: int, seed: int = 0):
    """Gradients, soft blobs, stripes and fine noise: enough texture to show SR at work."""
    import numpy as np
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    img = np.stack([0.3 + 0.5 * x / width, 0.2 + 0.6 * y / height,
                    0.5 + 0.3 * np.sin(x / 7.0 + y / 11.0)], axis=-1)
    for _ in range(12):
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        r = rng.uniform(8, 40)
        col = rng.uniform(0, 1, 3).astype(np.float32)
        m = np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))[..., None]
        img = img * (1 - 0.7 * m) + 0.7 * m * col
    stripes = (np.sin(x / 2.2) * np.sin(y / 3.1) > 0.6).astype(np.float32)[..., None]
    img = img * (1 - 0.15 * stripes)
    img += rng.normal(0, 0.015, img.shape).astype(np.float32)
    return (np.clip(img, 0, 1) * 255).astype(np.uint8)


def wait_until(app: QApplication, cond: Callable[[], bool], timeout: float,
               what: str) -> None:
    end = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > end:
            raise TimeoutError(f"timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def drop(win, paths: list[Path]) -> list:
    """Drop ``paths`` on the window as a file manager does; returns the new queue rows."""
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    before = {it.id for it in win.queue.items}
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    drag = (QPointF(300, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, QDragEnterEvent(*drag))
    QApplication.sendEvent(win, QDropEvent(*drag))
    return [it for it in win.queue.items if it.id not in before]


def click(widget) -> None:
    """A real mouse click, as a user makes it (the README shows what a click produces)."""
    from PySide6.QtTest import QTest
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--theme", default="dark", choices=("dark", "light", "system"))
    ap.add_argument("--size", default="1600x1000")
    ap.add_argument("--train-steps", type=int, default=200)
    ap.add_argument("--shots", default="123456",
                    help="which shots to render (1 and 2 go together), e.g. 5 or 6")
    args = ap.parse_args()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    width, height = (int(v) for v in args.size.split("x"))

    tmp = Path(tempfile.mkdtemp(prefix="srstudio-shots-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)  # its inputs and outputs
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "cfg"))
    os.environ.setdefault("SRSTUDIO_USER_MODELS_DIR", str(tmp / "user_models"))
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")

    from PIL import Image
    src = tmp / "in"
    src.mkdir()
    baboon = next((p for p in BABOON_CANDIDATES if p.is_file()), None)
    main_input = baboon
    if main_input is None:
        main_input = src / "photo.png"
        Image.fromarray(synthetic_photo(500, 480, seed=7)).save(main_input)
    small = []
    for i, (w, h) in enumerate(((160, 120), (120, 160), (200, 150))):
        p = src / f"{['garden', 'portrait', 'street'][i]}.png"
        Image.fromarray(synthetic_photo(w, h, seed=i)).save(p)
        small.append(p)
    corrupt = src / "scan_0042.png"
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00broken" * 40)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app.gui.main import create_app
    from app.gui.palette import apply_theme
    create_app()
    apply_theme(app, args.theme)
    from app.gui.main_window import MainWindow
    from app.gui.queue_state import FINISHED, Status
    from app.gui.settings_store import SettingsStore
    win = MainWindow(SettingsStore())
    win.resize(width, height)
    win.show()
    wait_until(app, lambda: win.catalog.models_loaded, 60, "the model list")
    sp = win.settings_panel

    # the best model available at x4 (else x2): quality, else fast, else any; else bicubic
    scale = 4
    trained = [m for m in win.catalog.models if m.scale == scale]
    if not trained:
        two = [m for m in win.catalog.models if m.scale == 2]
        if two:
            scale, trained = 2, two
    best = ([m for m in trained if m.role == "quality"] or [m for m in trained if m.role == "fast"]
            or trained)
    model = best[0].name if best else "bicubic"
    print(f"model for the shots: {model} x{scale}")
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(scale))
    # the Auto entry runs that same model on clean pictures ("Auto → quality / photo");
    # a bare install: the file
    if not (model != "bicubic" and sp.select_model("auto")
            and best and sp.model_combo.role_target("auto") is not None
            and sp.model_combo.role_target("auto").name == model):
        sp.select_model(model)
    sp.tile_combo.setCurrentText("64")
    sp.out_edit.setText(str(tmp / "out"))
    win.log_dock.setMinimumHeight(90)
    win.resizeDocks([win.log_dock], [120], Qt.Orientation.Vertical)

    if not set(args.shots) & set("1234"):
        if "5" in args.shots:
            shot_colorize(app, win, tmp, out_dir)
        if "6" in args.shots:
            shot_photo(app, win, tmp, out_dir)
        win.close()
        return 0

    # 1. queue in progress ----------------------------------------------------------
    items = drop(win, [small[0], small[1], corrupt, main_input, small[2]])
    big = items[3]
    win.queue_view.select_id(big.id)
    wait_until(app, lambda: win.compare.layer("left") is not None, 20, "the input")
    click(sp.start_button)
    wait_until(app, lambda: ((win.queue.by_id(big.id).fraction >= 0.45
                              and big.id in win.viewer_ctl.previews)
                             or win.queue.by_id(big.id).status in FINISHED), 300,
               "the big job to get going")
    settle(app, 0.2)
    shot = out_dir / "01_queue_progress.png"
    win.grab().save(str(shot))
    print("wrote", shot)
    wait_until(app, lambda: all(i.status in FINISHED for i in win.queue.items)
               and win.queue_ctl.upscale_worker is None, 600, "the queue")

    # 2. split wipe zoomed on a detail -------------------------------------------------
    win.queue_view.select_id(big.id)
    wait_until(app, lambda: win.compare.right_combo.currentText().endswith(f"×{scale}"), 60,
               "the result in the viewer")
    win.compare.set_mode("wipe")
    # a resizer result next to the smooth display of the input would look alike:
    # then compare with the raw (nearest) input pixels instead
    resizer = model in ("lanczos", "bicubic", "bilinear", "nearest")
    win.compare.select(left=win.tr("Input · nearest" if resizer else "Input · smooth"))
    settle(app)
    view = win.compare.wipe_view
    it = win.queue.by_id(big.id)
    ow, oh = it.output_size or (view.content_size())
    # the baboon's left eye (a relative position: any input works)
    view.set_view(3.0 if scale == 4 else 2.0, ow * 0.345, oh * 0.075)
    win.compare._on_view_changed(view.zoom, view.cx, view.cy)
    view.set_divider(0.5)
    settle(app)
    shot = out_dir / "02_split_wipe_zoom.png"
    win.grab().save(str(shot))
    print("wrote", shot)

    # 3. self-check with its bar chart and a heat map ---------------------------------
    win.compare.set_mode("side")
    extra = [m.name for m in win.catalog.models if m.scale == scale][:4]
    win.metrics.set_checked(extra + ["lanczos", "bilinear", "nearest"])
    click(win.metrics.run_button)
    wait_until(app, lambda: bool(win.metrics.scores), 600, "the self-check")
    best = max(win.metrics.scores, key=lambda k: win.metrics.scores[k]["psnr_y"])
    win.metrics.heat_combo.setCurrentText(best)
    win.metrics.heat_check.setChecked(True)
    settle(app)
    win.compare.select(left=win.tr("Input · nearest"))
    win.compare.fit()
    settle(app)
    shot = out_dir / "03_self_check.png"
    win.grab().save(str(shot))
    print("wrote", shot)

    # 4. trainer tab with curves ------------------------------------------------------
    train_dir = tmp / "train_hr"
    train_dir.mkdir()
    for i in range(6):
        Image.fromarray(synthetic_photo(192, 192, seed=20 + i)).save(train_dir / f"t{i}.png")
    if baboon is not None:  # crops of the real photo make a livelier sample (temp folder)
        im = Image.open(baboon).convert("RGB")
        for i, (x, y) in enumerate(((0, 0), (250, 0), (0, 240), (250, 240))):
            im.crop((x, y, x + 240, y + 240)).save(train_dir / f"b{i}.png")
    tab = win.trainer
    win.tabs.setCurrentWidget(tab)
    tab.hr_edit.setText(str(train_dir))
    tab.base_combo.setCurrentIndex(max(0, tab.form.base_index(("arch", "fsrcnn_ps"))))
    tab.scale_spin.setCurrentIndex(tab.scale_spin.findData(2))
    tab.name_edit.setText("my_fsrcnn_x2")
    tab.steps_spin.setValue(args.train_steps)
    tab.patch_spin.setValue(64)
    tab.batch_spin.setValue(8)
    tab.val_every_spin.setValue(max(1, args.train_steps // 12))
    click(tab.start_button)
    wait_until(app, lambda: not tab.running(), 900, "training")
    settle(app, 0.5)
    shot = out_dir / "04_trainer.png"
    win.grab().save(str(shot))
    print("wrote", shot)
    if "5" in args.shots:   # last: it changes the model, scale and colorize settings
        win.tabs.setCurrentIndex(0)
        shot_colorize(app, win, tmp, out_dir)
    if "6" in args.shots:
        win.tabs.setCurrentIndex(0)
        shot_photo(app, win, tmp, out_dir)
    errors = [t for lvl, t in win.log.messages if lvl == "error"]
    print(f"{len(errors)} error line(s) in the log (the corrupt file is expected)")
    win.close()
    return 0 if all(i.status != Status.RUNNING for i in win.queue.items) else 1


JPEG_CANDIDATES = tuple(
    base / "shared/data/train/colorization/Sun-Hays80/balcony_interior_sun_bammhtthmkjntkqh.jpg"
    for base in (ROOT.parent, Path("/work")))


def shot_photo(app: QApplication, win, tmp: Path, out_dir: Path) -> None:
    """6. A real web JPEG (quality ≈ 75, read in place) with Auto at x4: the plan picks the
    photo model and says why in the log; the split-wipe viewer shows input | output."""
    from app.gui.queue_state import FINISHED
    sp = win.settings_panel
    photo = next((p for p in JPEG_CANDIDATES if p.is_file()), None)
    if photo is None or not any(m.role == "photo" and m.scale == 4 for m in win.catalog.models):
        print("no JPEG sample or no photo_x4 model: shot 6 skipped")
        return
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(4))
    sp.select_model("auto")
    sp.out_edit.setText(str(tmp / "out_photo"))
    (item,) = drop(win, [photo])
    win.queue_view.select_id(item.id)
    click(sp.start_button)
    wait_until(app, lambda: win.queue.by_id(item.id).status in FINISHED
               and win.queue_ctl.upscale_worker is None, 900, "the photo job")
    win.queue_view.select_id(item.id)
    wait_until(app, lambda: "photo_x4" in win.compare.right_combo.currentText(), 60,
               "the result in the viewer")
    win.compare.set_mode("wipe")
    win.compare.select(left=win.tr("Input · smooth"))
    settle(app)
    view = win.compare.wipe_view
    ow, oh = win.queue.by_id(item.id).output_size or view.content_size()
    view.set_view(1.5, ow * 0.5, oh * 0.5)
    win.compare._on_view_changed(view.zoom, view.cx, view.cy)
    view.set_divider(0.5)
    settle(app, 0.5)
    shot = out_dir / "06_photo_auto.png"
    win.grab().save(str(shot))
    print("wrote", shot)


GRAY_CANDIDATES = (ROOT.parent / "shared" / "data" / "benchmark" / "BSD100" / "HR" / "img_020.png",
                   Path("/work/shared/data/benchmark/BSD100/HR/img_020.png"))


def shot_colorize(app: QApplication, win, tmp: Path, out_dir: Path) -> None:
    """5. A black-and-white photo upscaled x2 with Colorize (after upscaling), side by side."""
    from PIL import Image

    from app.gui.queue_state import FINISHED
    sp = win.settings_panel
    if sp.colorize_combo.findData("after") < 0 or not sp.colorize_combo.isEnabled():
        print("no colorize model installed: shot 5 skipped")
        return
    photo = next((p for p in GRAY_CANDIDATES if p.is_file()), None)
    gray = tmp / "in" / "old_photo.png"
    if photo is not None:
        Image.open(photo).convert("L").save(gray)
    else:
        Image.fromarray(synthetic_photo(480, 320, seed=3)).convert("L").save(gray)
    fast = [m.name for m in win.catalog.models if m.scale == 2 and m.role == "fast"]
    sp.select_model(fast[0] if fast else "bicubic")
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    sp.colorize_combo.setCurrentIndex(sp.colorize_combo.findData("after"))
    sp.out_edit.setText(str(tmp / "out_color"))
    (item,) = drop(win, [gray])
    win.queue_view.select_id(item.id)
    click(sp.start_button)
    wait_until(app, lambda: win.queue.by_id(item.id).status in FINISHED
               and win.queue_ctl.upscale_worker is None, 600, "the colorize job")
    win.queue_view.select_id(item.id)
    wait_until(app, lambda: win.compare.right_combo.currentText().endswith("colorized"), 60,
               "the coloured result in the viewer")
    win.compare.set_mode("side")
    win.compare.fit()
    settle(app, 0.5)
    shot = out_dir / "05_colorize.png"
    win.grab().save(str(shot))
    print("wrote", shot)
    sp.colorize_combo.setCurrentIndex(sp.colorize_combo.findData(None))


if __name__ == "__main__":
    sys.exit(main())
