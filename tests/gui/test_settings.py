"""Preferences persist in QSettings; Auto tile shows its pick; About; palettes; import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QProxyStyle, QWidget

from app.gui.model_combo import NameRole
from app.gui.settings_store import SettingsStore
from tests.gui.conftest import make_tiny_model, save_png, wait_finished


def test_settings_persist_across_windows(qtbot, window, tmp_path: Path) -> None:
    from app.gui.main_window import MainWindow
    sp = window.settings_panel
    sp.select_model("lanczos")
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(3))
    sp.format_combo.setCurrentIndex(sp.format_combo.findData("jpg"))
    sp.quality_spin.setValue(80)
    sp.out_edit.setText(str(tmp_path / "o"))
    sp.pattern_edit.setText("{stem}-{model}")
    window.close()
    ini = list((tmp_path / "settings").rglob("*.ini"))
    assert ini, "settings must go to the test's own folder"
    other = MainWindow(SettingsStore())
    qtbot.addWidget(other)
    s = other.settings_panel.job_settings()
    assert (s.model, s.scale, s.output_format, s.quality, s.name_pattern) == \
        ("lanczos", 3, "jpg", 80, "{stem}-{model}")
    assert s.output_dir == str(tmp_path / "o")
    other.close()


def test_first_run_selects_the_best_shipped_model_not_bicubic(qtbot, window, tmp_path) -> None:
    """With no remembered choice the panel shows the Auto entry, what 'srstudio upscale'
    would use (the quality model, else fast; here the only one is x2, so x4 is it run
    twice), not the bicubic baseline; a choice the user made is kept."""
    from app.gui.main_window import MainWindow
    from engine.models.registry import resolve_model
    sp = window.settings_panel
    s = sp.job_settings()
    assert (s.model, s.scale) == ("auto", 4) and sp.scale_combo.isEnabled()
    assert sp.model_combo.currentText() == "Auto → tiny_x2+tiny_x2"
    assert resolve_model(s.model, s.scale).name == "tiny_x2+tiny_x2"
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(3))    # no product of x2
    assert sp.model_combo.currentText() == "Auto → none at ×3"
    sp.select_model("lanczos")
    window.close()
    other = MainWindow(SettingsStore())
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.catalog.models_loaded, timeout=30000)
    assert other.settings_panel.model_name() == "lanczos"
    other.close()


def test_model_combo_lists_models_with_details_and_auto_tile(qtbot, window,
                                                             tmp_path: Path) -> None:
    sp = window.settings_panel
    names = sp.model_names()
    assert names[:3] == ["auto", "fast", "tiny_x2"] and "bicubic" in names
    assert "quality" not in names            # no quality model installed: no Quality entry
    label = sp.model_combo.itemText(sp.model_combo.findData("tiny_x2", NameRole))
    assert "×2" in label and "params" in label and "Set5 30.50 dB" in label
    sp.select_model("tiny_x2")
    assert not sp.scale_combo.isEnabled() and sp.job_settings().scale == 2
    sp.tile_combo.setCurrentIndex(0)                          # Auto
    sp.out_edit.setText(str(tmp_path / "o"))
    window.queue_ctl.add_paths([save_png(tmp_path / "t.png", 24, 24)])
    window.queue_ctl.start()
    wait_finished(qtbot, window)
    item = window.queue.items[0]
    assert item.auto_tile and item.tile
    assert sp.tile_combo.itemText(0) == f"Auto ({item.tile})"


def test_import_model_joins_list(qtbot, window, tmp_path: Path) -> None:
    # wait on what the user sees, not on the worker's signals: a worker that finishes
    # before a signal blocker connects would be missed (it happened on a loaded machine)
    src = make_tiny_model(tmp_path / "dl", name="imported_x2")
    window.catalog.import_model(src)
    qtbot.waitUntil(lambda: "imported_x2" in window.settings_panel.model_names(), timeout=20000)
    assert window.settings_panel.model_name() == "imported_x2"
    from engine.models.registry import user_dir
    assert (user_dir() / src.name).is_file()          # copied into the user's models
    # importing the same file again is refused with a visible error, not a crash
    window.catalog.import_model(src)
    qtbot.waitUntil(lambda: window.log.messages and window.log.messages[-1][0] == "error",
                    timeout=20000)
    assert "already exists" in window.log.messages[-1][1]


def test_recent_files_and_about(qtbot, window, tmp_path: Path) -> None:
    p = save_png(tmp_path / "r.png", 16, 16)
    window.queue_ctl.add_paths([p])
    assert window.store.recent_files() == [str(p)]
    assert any(a.text() == str(p) for a in window.menus.recent_menu.actions())
    box = window.about()
    text = box.text()
    assert "PyTorch" in text and "Qt" in text and "SR Studio" in text and "CPU" in text
    box.close()


def test_dark_and_light_palettes() -> None:
    from app.gui.palette import apply_theme
    app = QApplication.instance()
    assert apply_theme(app, "dark") is True
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    style = app.style()   # Fusion, in the proxy that frames unticked boxes in the dark
    base = style.baseStyle() if isinstance(style, QProxyStyle) else style
    assert base.name().lower() == "fusion"
    assert apply_theme(app, "light") is False
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 150


def test_model_labels_say_size_score_and_kind():
    from types import SimpleNamespace

    from app.gui.model_labels import model_label

    def info(**kw):
        base = dict(name="fast_x2", scale=2, params=37772, role="fast", source="shipped",
                    metrics={"Set5": {"psnr_y": 37.3586}})
        return SimpleNamespace(**{**base, **kw})

    assert model_label(info()) == "fast_x2 · ×2 · 37.8k params · Set5 37.36 dB"
    assert model_label(info(name="srcnn_x2", role="reference", params=57281)).endswith(
        "57.3k params · Set5 37.36 dB · reference")
    assert model_label(info(source="user", metrics={}, params=None)) == "fast_x2 · ×2 · imported"


def test_self_ensemble_is_for_networks_persists_and_runs(qtbot, window, tmp_path: Path) -> None:
    from app.gui.main_window import MainWindow
    sp = window.settings_panel
    sp.select_model("lanczos")
    assert not sp.ensemble_check.isEnabled()          # a resizer has nothing to average
    sp.select_model("tiny_x2")
    assert sp.ensemble_check.isEnabled() and not sp.job_settings().self_ensemble
    plain_key = sp.job_settings().runtime_key()
    sp.ensemble_check.setChecked(True)
    s = sp.job_settings()
    assert s.self_ensemble and s.upscale_options().self_ensemble and s.runtime_key() != plain_key
    sp.out_edit.setText(str(tmp_path / "o"))
    window.queue_ctl.add_paths([save_png(tmp_path / "t.png", 20, 20)])
    window.queue_ctl.start()
    wait_finished(qtbot, window)
    assert window.queue.items[0].output and Path(window.queue.items[0].output).is_file()
    window.close()
    other = MainWindow(SettingsStore())
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: "tiny_x2" in other.settings_panel.model_names(), timeout=20000)
    assert other.settings_panel.ensemble_check.isChecked()
    other.close()


def _shown_message(window: QWidget) -> QMessageBox | None:
    return next((b for b in window.findChildren(QMessageBox) if b.isVisible()), None)


def test_role_entries_follow_the_scale_and_run_the_models_they_name(qtbot, window,
                                                                     tmp_path: Path) -> None:
    """'Fast' is the fast model at whatever scale is chosen (as 'upscale -m fast -s N'): the
    scale stays free, the label says which file runs, a scale with none says so and the
    run is refused with the engine's message; the queue row names the real model."""
    sp = window.settings_panel
    assert sp.select_model("fast")
    assert sp.scale_combo.isEnabled() and sp.ensemble_check.isEnabled()
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    assert sp.model_combo.currentText() == "Fast → tiny_x2"
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(3))
    assert sp.model_combo.currentText() == "Fast → none at ×3"
    assert sp.model_combo.itemText(sp.model_combo.findData("auto", NameRole)) == \
        "Auto → none at ×3"
    sp.out_edit.setText(str(tmp_path / "o"))
    window.queue_ctl.add_paths([save_png(tmp_path / "r.png", 24, 24)])
    window.queue_ctl.start()   # planned in a worker: the refusal comes when the plan fails
    # the refusal is a message over the window and a line in the log
    qtbot.waitUntil(lambda: _shown_message(window) is not None, timeout=20000)
    box = _shown_message(window)
    assert "no 'fast' model for x3 (available: x2)" in box.text()
    assert "no 'fast' model for x3 (available: x2)" in window.log.toPlainText()
    box.button(QMessageBox.StandardButton.Ok).click()
    assert window.queue.items[0].status.value == "queued"
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    assert window.queue_ctl.start() == 1
    wait_finished(qtbot, window)
    item = window.queue.items[0]
    assert (item.model, item.scale) == ("tiny_x2", 2) and item.output.is_file()
    assert item.output.name == "r_x2_tiny_x2.png"
    # the choice (a role, not a file) and the scale persist
    window.close()
    from app.gui.main_window import MainWindow
    other = MainWindow(SettingsStore())
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.catalog.models_loaded, timeout=30000)
    s = other.settings_panel.job_settings()
    assert (s.model, s.scale) == ("fast", 2)
    other.close()


def test_onnx_backend_runs_a_job_and_persists(qtbot, window, tmp_path: Path,
                                              monkeypatch) -> None:
    """ONNX Runtime is a choice (fp32 only, so Precision is off while it is chosen); a run on
    it writes the same image as PyTorch within one level; both choices persist."""
    import numpy as np
    from PIL import Image

    from app.gui.queue_state import Status
    monkeypatch.setenv("SRSTUDIO_CACHE_DIR", str(tmp_path / "cache"))
    sp = window.settings_panel
    sp.select_model("tiny_x2")
    sp.precision_combo.setCurrentIndex(sp.precision_combo.findData("fp32"))
    sp.out_edit.setText(str(tmp_path / "o"))
    src = save_png(tmp_path / "b.png", 30, 22)
    outs = {}
    for backend in ("torch", "onnx"):
        sp.backend_combo.setCurrentIndex(sp.backend_combo.findData(backend))
        assert sp.precision_combo.isEnabled() == (backend == "torch")
        sp.pattern_edit.setText(f"{{stem}}_{backend}")
        (item,) = window.queue_ctl.add_paths([src])
        window.queue_ctl.start()
        wait_finished(qtbot, window)
        assert item.status == Status.DONE, item.message
        outs[backend] = np.asarray(Image.open(tmp_path / "o" / f"b_{backend}.png")).astype(int)
        window.queue.remove({item.id})
    assert sp.job_settings().backend == "onnx" and sp.job_settings().precision == "auto"
    assert sp.backend_combo.itemText(0) == "Auto (PyTorch)"   # no GPU for either here
    assert outs["torch"].shape == outs["onnx"].shape == (44, 60, 3)
    assert np.abs(outs["torch"] - outs["onnx"]).max() <= 1
    assert list((tmp_path / "cache" / "onnx").glob("*.onnx"))
    window.close()
    from app.gui.main_window import MainWindow
    other = MainWindow(SettingsStore())
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.catalog.models_loaded, timeout=30000)
    osp = other.settings_panel
    assert osp.backend() == "onnx" and not osp.precision_combo.isEnabled()
    assert osp.precision_combo.currentData() == "fp32"   # the PyTorch choice is kept
    other.close()


def test_backend_auto_shows_the_measured_runtime_and_why(qtbot, isolated, monkeypatch):
    """The catalog worker's probe result reaches the Backend combo: the runtime's name in
    the entry, the measurement in its tooltip."""
    from PySide6.QtCore import Qt

    from app.gui.main_window import MainWindow
    from app.gui.settings_store import SettingsStore
    from engine.inference import backend_probe
    from engine.inference.backend_probe import ProbeResult, Timing
    cpu = Timing("torch", "cpu", "PyTorch CPU", 0.30)
    ort = Timing("onnx", "cpu", "ONNX Runtime CPU", 0.25)
    monkeypatch.setattr(backend_probe, "probe", lambda: ProbeResult([cpu, ort], ort, 0.30,
                                                                    "PyTorch CPU"))
    w = MainWindow(SettingsStore())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.catalog.models_loaded, timeout=30000)
    combo = w.settings_panel.backend_combo
    i = combo.findData("auto")
    assert combo.itemText(i) == "Auto (ONNX Runtime CPU)"
    assert combo.itemData(i, Qt.ItemDataRole.ToolTipRole) == "ONNX Runtime CPU, 1.2x PyTorch CPU"
    w.close()
