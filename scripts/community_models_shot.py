"""Render the real window with an imported community model selected and its result in the
viewer (``docs/screenshots/imported_model.png``), and the Models view
(``docs/screenshots/models_view.png``).

    xvfb-run -s "-screen 0 1600x1000x24" python scripts/community_models_shot.py [--out DIR]

The "community" models are made here, nothing is downloaded: a Real-ESRGAN Compact
(SRVGGNet, spandrel's class) x4 fitted for a few hundred steps on T91 (bicubic pairs; a
random-initialised one would show noise), saved as an OpenModelDB-style ``.safetensors``
with author, licence and description, plus its ONNX export and, where pnnx and ncnn are
installed, an ncnn ``.param/.bin`` pair in an Upscayl-style folder.  They are dropped on
the window as a file manager does, the model is picked in the model box, Set14's baboon
(read in place; a synthetic photo without ../shared) is dropped and Start clicked.
Settings, the user model folder, caches and outputs go to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
T91 = next((p for p in (ROOT.parent / "shared/data/train/T91", Path("/work/shared/data/train/T91"))
            if p.is_dir()), None)
NAME = "4x-TinyCompact"


def fit_compact(steps: int, seed: int = 0):
    """A small Compact x4 fitted on T91's bicubic x4 pairs (L1, Adam): enough to look like
    super-resolution in a screenshot, not a model to ship."""
    import numpy as np
    import torch
    from PIL import Image
    from spandrel.architectures.Compact import Compact

    from scripts.screenshots import synthetic_photo
    torch.manual_seed(seed)
    torch.set_num_threads(1)   # a tiny net: more threads only contend on a busy CPU
    rng = np.random.default_rng(seed)
    net = Compact(num_in_ch=3, num_out_ch=3, num_feat=32, num_conv=8, upscale=4)
    pairs, p = [], 24   # p: the LR patch side
    sources = sorted(T91.glob("*.png")) if T91 else []
    images = [Image.open(p).convert("RGB") for p in sources] or \
        [Image.fromarray(synthetic_photo(256, 256, seed=s)) for s in range(8)]
    for im in images:
        w, h = (im.width // 4) * 4, (im.height // 4) * 4
        if min(w, h) < 4 * p:
            continue
        hr = im.crop((0, 0, w, h))
        lr = hr.resize((w // 4, h // 4), Image.Resampling.BICUBIC)
        pairs.append((np.asarray(lr, np.float32) / 255, np.asarray(hr, np.float32) / 255))
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    t0 = time.perf_counter()
    for step in range(steps):
        lrs, hrs = [], []
        for _ in range(16):
            lr, hr = pairs[rng.integers(len(pairs))]
            y, x = rng.integers(lr.shape[0] - p + 1), rng.integers(lr.shape[1] - p + 1)
            lrs.append(lr[y:y + p, x:x + p])
            hrs.append(hr[4 * y:4 * (y + p), 4 * x:4 * (x + p)])
        lt = torch.from_numpy(np.stack(lrs)).permute(0, 3, 1, 2)
        ht = torch.from_numpy(np.stack(hrs)).permute(0, 3, 1, 2)
        loss = (net(lt) - ht).abs().mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 100 == 0 or step == steps - 1:
            print(f"fit step {step}: L1 {loss.item():.4f} ({time.perf_counter() - t0:.0f} s)")
    return net.eval()


def make_models(folder: Path, steps: int) -> list[Path]:
    """The files a user would have downloaded: .safetensors, .onnx, an Upscayl folder."""
    import torch
    from safetensors.torch import save_file
    folder.mkdir(parents=True)
    net = fit_compact(steps)
    st = folder / f"{NAME}.safetensors"
    save_file({k: v.contiguous() for k, v in net.state_dict().items()}, str(st), metadata={
        "modelspec.title": "4x TinyCompact", "modelspec.author": "SR Studio screenshot script",
        "modelspec.license": "CC0-1.0",
        "modelspec.description": f"Real-ESRGAN Compact (SRVGGNet), 32 features, 8 convs, "
                                 f"fitted {steps} steps on T91 by "
                                 "scripts/community_models_shot.py"})
    onnx = folder / f"{NAME}-onnx.onnx"
    torch.onnx.export(net, (torch.rand(1, 3, 32, 32),), str(onnx), dynamo=False,
                      opset_version=17, input_names=["image"], output_names=["out"],
                      dynamic_axes={"image": {0: "n", 2: "h", 3: "w"},
                                    "out": {0: "n", 2: "h", 3: "w"}})
    made = [st, onnx]
    try:
        import ncnn  # noqa: F401
        import pnnx
    except ImportError:
        print("pnnx/ncnn not installed: no ncnn pair")
        return made
    work = folder / "pnnx_work"
    work.mkdir()
    upscayl = folder / "upscayl-custom-models"
    upscayl.mkdir()
    param = upscayl / "tinycompact-x4.param"
    pnnx.export(net, str(work / "c.pt"), (torch.rand(1, 3, 32, 32),),
                inputs2=(torch.rand(1, 3, 40, 48),), ncnnparam=str(param),
                ncnnbin=str(param.with_suffix(".bin")), pnnxparam=str(work / "p.param"),
                pnnxbin=str(work / "p.bin"), pnnxpy=str(work / "p.py"),
                pnnxonnx=str(work / "p.onnx"), ncnnpy=str(work / "n.py"), fp16=False)
    return made + [upscayl]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--theme", default="dark", choices=("dark", "light", "system"))
    ap.add_argument("--size", default="1600x1000")
    ap.add_argument("--steps", type=int, default=1500, help="fitting steps of the model")
    args = ap.parse_args()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    width, height = (int(v) for v in args.size.split("x"))
    tmp = Path(tempfile.mkdtemp(prefix="srstudio-community-"))
    try:
        return shoot(tmp, out_dir, args.theme, width, height, args.steps)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def shoot(tmp: Path, out_dir: Path, theme: str, width: int, height: int, steps: int) -> int:
    # the real window on a display (xvfb-run gives one), else offscreen
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    os.environ["SRSTUDIO_USER_MODELS_DIR"] = str(tmp / "user_models")
    os.environ["SRSTUDIO_CACHE_DIR"] = str(tmp / "cache")
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    from PySide6.QtCore import QSettings, Qt
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "cfg"))
    downloads = make_models(tmp / "downloads", steps)

    from PIL import Image
    from PySide6.QtWidgets import QApplication

    from app.gui.main import create_app
    from app.gui.model_combo import NameRole
    from app.gui.palette import apply_theme
    from scripts.screenshots import (
        BABOON_CANDIDATES,
        click,
        drop,
        settle,
        synthetic_photo,
        wait_until,
    )
    from tests.gui.user_actions import choose_in_combo
    app = QApplication.instance() or QApplication(sys.argv[:1])
    create_app()
    apply_theme(app, theme)
    from app.gui.main_window import MainWindow
    from app.gui.queue_state import FINISHED, Status
    from app.gui.settings_store import SettingsStore
    win = MainWindow(SettingsStore())
    win.resize(width, height)
    win.show()
    wait_until(app, lambda: win.catalog.models_loaded, 120, "the model list")
    sp = win.settings_panel
    sp.out_edit.setText(str(tmp / "out"))
    sp.tile_combo.setCurrentText("128")
    win.resizeDocks([win.log_dock], [130], Qt.Orientation.Vertical)

    drop(win, downloads)   # the model files and the Upscayl folder: imported, not queued
    wanted = [NAME, f"{NAME}-onnx"] + (["tinycompact-x4"] if len(downloads) > 2 else [])
    wait_until(app, lambda: all(n in sp.model_names() for n in wanted), 300,
               "the imported models in the model box")
    choose_in_combo(sp.model_combo, sp.model_combo.findData(NAME, NameRole))
    assert sp.model_name() == NAME, sp.model_name()

    baboon = next((p for p in BABOON_CANDIDATES if p.is_file()), None)
    if baboon is None:
        baboon = tmp / "photo.png"
        Image.fromarray(synthetic_photo(500, 480, seed=7)).save(baboon)
    (item,) = drop(win, [baboon])
    win.queue_view.select_id(item.id)
    click(sp.start_button)
    wait_until(app, lambda: win.queue.by_id(item.id).status in FINISHED
               and win.queue_ctl.upscale_worker is None, 900, "the upscale")
    done = win.queue.by_id(item.id)
    if done.status != Status.DONE:
        print("the job failed:", done.message)
        return 1
    win.queue_view.select_id(item.id)
    wait_until(app, lambda: NAME in win.compare.right_combo.currentText(), 60,
               "the result in the viewer")
    win.compare.set_mode("wipe")
    win.compare.select(left=win.tr("Input · smooth"))
    settle(app)
    view = win.compare.wipe_view
    ow, oh = done.output_size or view.content_size()
    view.set_view(2.0, ow * 0.345, oh * 0.12)   # the baboon's eye and fur
    win.compare._on_view_changed(view.zoom, view.cx, view.cy)
    view.set_divider(0.5)
    settle(app, 0.5)
    shot = out_dir / "imported_model.png"
    win.grab().save(str(shot))
    print("wrote", shot)

    win.menus.models_action.trigger()
    dialog = win.catalog.models_dialog
    wait_until(app, lambda: NAME in dialog.names() and not dialog.listing(), 120,
               "the Models view")
    dialog.select(NAME)
    dialog.resize(1180, 520)
    settle(app, 0.5)
    shot = out_dir / "models_view.png"
    dialog.grab().save(str(shot))
    print("wrote", shot)
    dialog.close()
    errors = [t for lvl, t in win.log.messages if lvl == "error"]
    print(f"{len(errors)} error line(s) in the log", *errors, sep="\n  ")
    win.close()
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
