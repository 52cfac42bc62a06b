"""PSNR/SSIM panel: the self-check equals `srstudio eval`; reference scores; heat map."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from tests.gui.conftest import save_png, wait_finished


def _select_first(qtbot, window) -> None:
    window.queue_view.select_id(window.queue.items[0].id)
    qtbot.waitUntil(lambda: window.viewer_ctl.current_id == window.queue.items[0].id, timeout=5000)


def test_self_check_equals_srstudio_eval(qtbot, window, tmp_path: Path) -> None:
    img = save_png(tmp_path / "photo.png", 50, 38, seed=4)   # not a multiple of 2: modcrop
    sp = window.settings_panel
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    window.queue_ctl.add_paths([img])
    _select_first(qtbot, window)
    window.metrics.set_checked(["tiny_x2"])
    assert window.metrics.checked_models() == ["tiny_x2"]
    window.metrics.run_button.click()
    qtbot.waitUntil(lambda: bool(window.metrics.scores), timeout=30000)
    gui = window.metrics.scores
    assert set(gui) == {"tiny_x2", "bicubic"}

    # the same image as a one-image dataset, through the eval job the CLI runs
    from engine.jobs import run_eval
    ds = tmp_path / "X"
    (ds / "HR").mkdir(parents=True)
    shutil.copy(img, ds / "HR" / "img.png")
    report = run_eval("tiny_x2", 2, [ds])
    cli_model, cli_bicubic = report.datasets["X"], report.baseline["X"]
    for key in ("psnr_y", "ssim_y", "psnr_rgb", "ssim_rgb"):
        assert gui["tiny_x2"][key] == getattr(cli_model, key)
        assert gui["bicubic"][key] == getattr(cli_bicubic, key)
    # the table shows them and the chart has one bar per model
    assert window.metrics.table.rowCount() == 2
    assert window.metrics.table.item(0, 0).text() == f"{gui['tiny_x2']['psnr_y']:.2f}"
    assert window.metrics.chart is not None


def test_heat_map_toggle_shows_in_viewer(qtbot, window, tmp_path: Path) -> None:
    img = save_png(tmp_path / "h.png", 40, 40, seed=5)
    sp = window.settings_panel
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    window.queue_ctl.add_paths([img])
    _select_first(qtbot, window)
    window.metrics.set_checked([])
    window.metrics.run_button.click()
    qtbot.waitUntil(lambda: "bicubic" in window.metrics.scores, timeout=30000)
    window.metrics.heat_combo.setCurrentText("bicubic")
    window.metrics.heat_check.setChecked(True)
    qtbot.waitUntil(lambda: window.compare.right_combo.currentText().startswith("Heat map"),
                    timeout=5000)
    heat = window.compare.layer("right")
    assert heat is not None and heat.image.width == 40 and heat.image.pixels.shape[2] == 3
    window.metrics.heat_check.setChecked(False)
    assert not window.compare.right_combo.currentText().startswith("Heat map")


def test_reference_scores(qtbot, window, tmp_path: Path) -> None:
    from PIL import Image

    from engine.metrics import sr_metrics
    from engine.resize import imresize
    hr = np.asarray(Image.open(save_png(tmp_path / "hr.png", 48, 40, seed=6)))
    lr_path = tmp_path / "in" / "lr.png"
    lr_path.parent.mkdir()
    Image.fromarray(imresize(hr, 0.5)).save(lr_path)
    sp = window.settings_panel
    sp.select_model("bicubic")
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    sp.out_edit.setText(str(tmp_path / "out"))
    window.queue_ctl.add_paths([lr_path])
    window.queue_ctl.start()
    wait_finished(qtbot, window)
    _select_first(qtbot, window)
    window.metrics.ref_edit.setText(str(tmp_path / "hr.png"))
    window.metrics.ref_button.click()
    qtbot.waitUntil(lambda: bool(window.metrics.reference_scores), timeout=20000)
    out = np.asarray(Image.open(window.queue.items[0].output))
    expect = sr_metrics(out, hr, 2)
    got = window.metrics.reference_scores
    assert got["output"]["psnr_y"] == expect["psnr_y"]
    # bicubic output vs bicubic baseline: identical numbers
    assert got["bicubic"]["psnr_y"] == got["output"]["psnr_y"]


def test_chart_empties_for_a_row_without_scores(qtbot, window, tmp_path: Path) -> None:
    scored = save_png(tmp_path / "scored.png", 32, 32, seed=7)
    unscored = save_png(tmp_path / "unscored.png", 32, 32, seed=8)
    sp = window.settings_panel
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    window.queue_ctl.add_paths([scored, unscored])
    first, second = window.queue.items
    _select_first(qtbot, window)
    m = window.metrics
    m.set_checked([])
    m.run_button.click()
    qtbot.waitUntil(lambda: "bicubic" in m.scores, timeout=30000)
    bottom = m.chart.getAxis("bottom")
    assert not m.chart.isHidden() and m.chart_placeholder.isHidden()
    assert bottom._tickLevels is not None and m.chart.getPlotItem().items

    def chart_is_empty() -> bool:
        # no bars, no model names under them, and the placeholder instead of bare axes
        return (m.chart.isHidden() and not m.chart_placeholder.isHidden()
                and bottom._tickLevels is None
                and not m.chart.getPlotItem().items)

    window.queue_view.select_id(second.id)
    qtbot.waitUntil(lambda: window.viewer_ctl.current_id == second.id, timeout=5000)
    assert not m.scores and m.table.rowCount() == 0
    assert chart_is_empty()
    # back on the scored row: its chart comes back
    window.queue_view.select_id(first.id)
    qtbot.waitUntil(lambda: window.viewer_ctl.current_id == first.id, timeout=5000)
    assert not m.chart.isHidden() and m.chart_placeholder.isHidden()
    assert bottom._tickLevels is not None


def test_chart_labels_fit_under_many_bars():
    from app.gui.metrics_panel import chart_labels
    assert chart_labels(["fast_x4", "bicubic"]) == ["fast", "bicubic"]
    many = chart_labels(["fast_x4", "espcn_x4", "fsrcnn_x4", "srcnn_x4", "lanczos",
                         "bilinear", "nearest", "bicubic"])
    assert many[0] == "fast" and many[1] == "\nespcn" and many[2] == "fsrcnn"
    assert all("_x" not in m for m in many)


def test_self_check_at_x8_offers_the_role_that_chains_two_models(qtbot, window,
                                                                  tmp_path: Path) -> None:
    """No single model is x8; with a fast x2 and a fast x4 installed, 'fast' (x2 then x4)
    is offered and scored, as 'srstudio eval -m fast -s 8' would score it."""
    from engine.models.registry import user_dir
    from tests.gui.conftest import make_tiny_model
    make_tiny_model(user_dir(), name="tiny_x4", scale=4)
    window.catalog.refresh_models()
    qtbot.waitUntil(lambda: "tiny_x4" in window.settings_panel.model_names(), timeout=20000)
    sp = window.settings_panel
    sp.select_model("fast")
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(8))
    assert sp.model_combo.currentText() == "Fast → tiny_x2+tiny_x4"
    qtbot.waitUntil(lambda: window.metrics.checked_models() == ["fast"], timeout=5000)
    window.queue_ctl.add_paths([save_png(tmp_path / "big.png", 96, 80, seed=6)])
    _select_first(qtbot, window)
    window.metrics.run_button.click()
    qtbot.waitUntil(lambda: len(window.metrics.scores) == 2, timeout=30000)
    assert set(window.metrics.scores) == {"tiny_x2+tiny_x4", "bicubic"}   # what ran


def test_self_check_shows_niqe_of_outputs_and_of_the_image(qtbot, window, tmp_path: Path) -> None:
    """NIQE needs no reference: each model's self-check output and the image itself get
    one, equal to 'srstudio eval' on the image as a one-image dataset (niqe, niqe_hr)."""
    from PIL import Image

    from app.gui.metrics_panel import METRIC_COLUMNS
    from engine.jobs import run_eval
    from tests.engine.niqe_images import synth_photo
    img = tmp_path / "big.png"
    Image.fromarray(synth_photo(7, 200, 210)).save(img)
    sp = window.settings_panel
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    window.queue_ctl.add_paths([img])
    _select_first(qtbot, window)
    m = window.metrics
    m.set_checked([])
    m.run_button.click()
    qtbot.waitUntil(lambda: "bicubic" in m.scores, timeout=30000)
    ds = tmp_path / "X"
    (ds / "HR").mkdir(parents=True)
    shutil.copy(img, ds / "HR" / "img.png")
    cli = run_eval("bicubic", 2, [ds]).datasets["X"]
    assert m.scores["bicubic"]["niqe"] == cli.niqe
    niqe_col = [c[0] for c in METRIC_COLUMNS].index("niqe")
    assert m.table.rowCount() == 2
    assert m.table.item(0, niqe_col).text() == f"{cli.niqe:.2f}"
    assert m.table.verticalHeaderItem(1).text() == "image itself"
    assert m.table.item(1, niqe_col).text() == f"{cli.niqe_hr:.2f}"
    assert m.table.item(1, 0).text() == "–"
