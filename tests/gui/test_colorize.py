"""Colorize: the panel's combo, its persistence, and a queue run that colours a gray image."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.gui.queue_state import Status
from app.gui.settings_store import SettingsStore
from tests.gui.conftest import photo, save_png, wait_finished
from tests.gui.user_actions import choose_from_context_menu


def make_tiny_colorizer(folder: Path) -> Path:
    """A tiny colorize model (random weights: only plumbing is tested), as in
    tests/engine/test_video.py."""
    import torch

    import engine.colorize  # noqa: F401  (registers the colorizer architectures)
    from engine.archs import build
    from trainer.export import export_weights
    torch.manual_seed(0)
    cfg = {"c1": 4, "c2": 8, "c3": 8}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tiny_colorize.safetensors"
    export_weights(build("colorizer_cls", 1, **cfg).eval(), path, arch="colorizer_cls",
                   scale=1, config={**cfg, "num_channels": 1}, name="tiny_colorize",
                   role="colorize")
    return path


def test_colorize_combo_round_trips_and_persists(qtbot) -> None:
    from app.gui.settings_choices import NO_COLORIZER_TIP
    from app.gui.settings_panel import SettingsPanel
    panel = SettingsPanel()
    qtbot.addWidget(panel)
    combo = panel.colorize_combo
    assert [combo.itemText(i) for i in range(combo.count())] == \
        ["Off", "Gray inputs, before upscaling", "Gray inputs, after upscaling"]
    assert "Zhang" in combo.toolTip() and panel.job_settings().colorize is None
    assert panel.video_name_label.text().endswith("{stem}_x{scale}_{model}.mp4")
    combo.setCurrentIndex(combo.findData("after"))
    s = panel.job_settings()
    assert s.colorize == "after" and s.upscale_options().colorize == "after"
    # the hint shows the name the job writes: the default pattern says "colour"
    assert panel.video_name_label.text().endswith("{stem}_x{scale}_{model}_color.mp4")
    combo.setCurrentIndex(combo.findData("before"))
    assert panel.job_settings().upscale_options().colorize == "before"
    panel.save(SettingsStore())

    other = SettingsPanel()
    qtbot.addWidget(other)
    other.load(SettingsStore())
    assert other.job_settings().colorize == "before"
    # no colorize model installed: disabled, Off, and the choice is kept for later
    other.set_colorize_models([])
    assert not other.colorize_combo.isEnabled()
    assert other.colorize_combo.toolTip() == NO_COLORIZER_TIP
    assert other.job_settings().colorize is None
    other.save(SettingsStore())
    assert SettingsStore().get_str("upscale/colorize") == "before"
    other.set_colorize_models([object()])
    assert other.colorize_combo.isEnabled() and other.job_settings().colorize == "before"


def test_queue_colorizes_gray_image_after_upscaling(qtbot, window, isolated: Path,
                                                    tmp_path: Path) -> None:
    sp = window.settings_panel
    assert not sp.colorize_combo.isEnabled()          # the test model folders have none
    make_tiny_colorizer(isolated / "user_models")     # SRSTUDIO_USER_MODELS_DIR (conftest)
    window.catalog.refresh_models()
    qtbot.waitUntil(sp.colorize_combo.isEnabled, timeout=30000)
    # the colorizer is not an upscaler: it stays out of the model list
    assert "tiny_colorize" not in sp.model_names()
    assert sp.select_model("bicubic")
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    sp.tile_combo.setCurrentText("Off")
    sp.colorize_combo.setCurrentIndex(sp.colorize_combo.findData("after"))
    out = tmp_path / "out"
    sp.out_edit.setText(str(out))
    gray = tmp_path / "in" / "gray.png"
    gray.parent.mkdir()
    Image.fromarray(photo(40, 32)).convert("L").save(gray)
    colour = save_png(tmp_path / "in" / "colour.png", 24, 20, seed=1)
    window.queue_ctl.add_paths([gray, colour])
    assert window.queue_ctl.start() == 2
    wait_finished(qtbot, window)
    g, c = window.queue.items
    assert g.status == Status.DONE and c.status == Status.DONE, (g.message, c.message)
    assert g.output == out / "gray_x2_bicubic_color.png"
    assert c.output == out / "colour_x2_bicubic_color.png"
    result = np.asarray(Image.open(g.output))
    assert result.shape == (64, 80, 3)
    spread = result.astype(np.int16).max(axis=2) - result.astype(np.int16).min(axis=2)
    assert spread.mean() > 1.0, "a gray input must come out in colour"
    assert g.colorized and not c.colorized            # colour inputs are left as they are
    from app.gui.queue_view import progress_text
    assert progress_text(g).endswith("colorized") and "colorized" not in progress_text(c)
    assert any("gray.png" in m and "colorized" in m for _lvl, m in window.log.messages)
    # the viewer shows the written (coloured) file, not the upscaler's gray live preview,
    # and its caption says it was colorized (the colour input's does not)
    assert set(g.results) == {"bicubic ×2 · colorized"} and set(c.results) == {"bicubic ×2"}
    window.queue_view.select_id(g.id)
    qtbot.waitUntil(lambda: window.compare.right_combo.currentText()
                    == "bicubic ×2 · colorized", timeout=20000)
    right = window.compare.layer("right")
    assert right.label == "bicubic ×2 · colorized"
    shown = right.image.pixels.astype(np.int16)
    assert (shown.max(axis=2) - shown.min(axis=2)).mean() > 1.0
    # a plain run of the same input writes its own file beside it (no overwrite question)
    window.queue_ctl.conflict_resolver = lambda target: pytest.fail(f"{target} exists")
    sp.colorize_combo.setCurrentIndex(sp.colorize_combo.findData(None))
    choose_from_context_menu(window.queue_view, window.queue.row_of(g.id),
                             "Run again with current settings")
    wait_finished(qtbot, window)
    assert g.status == Status.DONE and g.output == out / "gray_x2_bicubic.png"
    assert (out / "gray_x2_bicubic_color.png").exists()
    assert set(g.results) == {"bicubic ×2", "bicubic ×2 · colorized"}
    qtbot.waitUntil(lambda: window.compare.right_combo.currentText() == "bicubic ×2",
                    timeout=20000)


def test_missing_colorize_model_is_a_row_error(qtbot, tmp_path: Path) -> None:
    from app.gui.job_settings import JobSettings
    from app.gui.upscale_worker import UpscaleJob, UpscaleWorker
    from engine.events import CancelToken
    src = save_png(tmp_path / "a.png", 16, 16)
    job = UpscaleJob(1, src, tmp_path / "a_out.png",
                     JobSettings(model="bicubic", scale=2, colorize="after"), False,
                     CancelToken())
    worker = UpscaleWorker([job])
    results: list = []
    worker.rowFinished.connect(lambda _id, res: results.append(res))
    worker.run()                                       # in this thread: signals are direct
    assert len(results) == 1
    assert results[0].error and "colorize model" in results[0].error
    assert not (tmp_path / "a_out.png").exists()
