"""Trainer tab: a few steps on generated images; curves get points; the model joins the list."""

from __future__ import annotations

from pathlib import Path

from tests.gui.conftest import save_png


def test_trainer_tab_runs_and_adds_model(qtbot, window, tmp_path: Path) -> None:
    hr = tmp_path / "hr"
    for i in range(4):
        save_png(hr / f"img{i}.png", 64, 64, seed=10 + i)
    tab = window.trainer
    window.tabs.setCurrentWidget(tab)
    tab.hr_edit.setText(str(hr))
    tab.base_combo.setCurrentIndex(tab.form.base_index(("arch", "fsrcnn_ps")))
    assert tab.base_combo.currentData() == ("arch", "fsrcnn_ps")
    tab.scale_spin.setCurrentIndex(tab.scale_spin.findData(2))
    tab.name_edit.setText("gui_trained")
    tab.steps_spin.setValue(10)
    tab.patch_spin.setValue(32)
    tab.batch_spin.setValue(4)
    tab.val_every_spin.setValue(5)
    tab.start_button.click()
    assert tab.running() and not tab.start_button.isEnabled()
    qtbot.waitUntil(lambda: not tab.running(), timeout=60000)
    loss_n, psnr_n = tab.curve_points()
    assert loss_n >= 1 and psnr_n >= 2          # validated at steps 5 and 10
    assert tab.result is not None and tab.result.steps == 10
    assert tab.trained_path is not None and tab.trained_path.name == "gui_trained.safetensors"
    qtbot.waitUntil(lambda: "gui_trained" in window.settings_panel.model_names(), timeout=20000)
    assert tab.save_button.isEnabled()
    saved = tab.export_to(tmp_path / "export" / "mine")
    assert saved.suffix == ".safetensors" and saved.is_file()
    onnx = tab.export_to(tmp_path / "export" / "mine", onnx=True)     # in a worker
    assert onnx.suffix == ".onnx"
    qtbot.waitUntil(lambda: onnx.is_file() and "Saved" in tab.status.text(), timeout=30000)
    from engine.inference.onnx_export import read_onnx_metadata
    assert read_onnx_metadata(onnx)["scale"] == 2
    assert tab.sample_labels[1].pixmap() is not None and not tab.sample_labels[1].pixmap().isNull()


def test_trainer_pause_resume_stop(qtbot, window, tmp_path: Path) -> None:
    hr = tmp_path / "hr"
    for i in range(2):
        save_png(hr / f"p{i}.png", 48, 48, seed=20 + i)
    tab = window.trainer
    tab.hr_edit.setText(str(hr))
    tab.steps_spin.setValue(100000)
    tab.patch_spin.setValue(32)
    tab.batch_spin.setValue(2)
    tab.val_every_spin.setValue(0)
    tab.start_button.click()
    qtbot.waitUntil(lambda: tab.progress.value() > 0, timeout=30000)
    tab.pause_button.click()
    assert tab.resume_button.isEnabled() and not tab.pause_button.isEnabled()
    tab.resume_button.click()
    tab.stop_button.click()
    qtbot.waitUntil(lambda: not tab.running(), timeout=30000)
    assert tab.result is not None and tab.result.cancelled
    assert tab.trained_path is None


def test_trainer_time_limit_ends_run_early(qtbot, window, tmp_path: Path,
                                           monkeypatch) -> None:
    hr = tmp_path / "hr"
    for i in range(2):
        save_png(hr / f"t{i}.png", 48, 48, seed=30 + i)
    tab = window.trainer
    tab.hr_edit.setText(str(hr))
    tab.name_edit.setText("timed")
    tab.steps_spin.setValue(1_000_000)
    tab.patch_spin.setValue(32)
    tab.batch_spin.setValue(2)
    tab.val_every_spin.setValue(0)
    tab.time_limit_spin.setValue(1)
    assert tab.form.build_config(tmp_path).run.max_minutes == 1.0
    build = tab.form.build_config

    def build_quicker(runs_dir: Path):   # 1 minute from the field, run as 0.6 s
        cfg = build(runs_dir)
        cfg.run.max_minutes = cfg.run.max_minutes / 100
        return cfg

    monkeypatch.setattr(tab.form, "build_config", build_quicker)
    tab.start_button.click()
    assert tab.running(), tab.status.text()
    qtbot.waitUntil(lambda: not tab.running(), timeout=60000)
    result = tab.result
    assert result is not None and not result.cancelled
    assert 0 < result.steps < 1_000_000
    assert result.final_weights is not None and result.final_weights.is_file()
    assert result.best_weights is not None       # validated once, at the end
    assert tab.trained_path is not None and tab.trained_path.name == "timed.safetensors"
    assert tab.progress.value() == tab.progress.maximum()
    assert "Time limit reached" in tab.status.text() and "failed" not in tab.status.text()
    assert any("run.max_minutes reached" in text for _, text in window.log.messages)
    qtbot.waitUntil(lambda: "timed" in window.settings_panel.model_names(), timeout=20000)


def test_trainer_form_remembers_time_limit(qtbot, window, tmp_path: Path) -> None:
    from app.gui.main_window import MainWindow
    from app.gui.settings_store import SettingsStore
    tab = window.trainer
    spin = tab.time_limit_spin
    assert spin.objectName() == "trainTimeLimit" and spin.value() == 0
    assert spin.text() == spin.specialValueText() == "No limit"
    assert tab.form.build_config(tmp_path).run.max_minutes is None
    tab.hr_edit.setText(str(tmp_path / "hr"))
    tab.steps_spin.setValue(1234)
    spin.setValue(90)
    tab.base_combo.setCurrentIndex(tab.form.base_index(("model", "tiny_x2")))
    assert tab.base_combo.currentData() == ("model", "tiny_x2")
    window.close()

    again = MainWindow(SettingsStore())
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.catalog.models_loaded, timeout=30000)
    form = again.trainer.form
    assert form.time_limit_spin.value() == 90 and form.steps_spin.value() == 1234
    assert form.hr_edit.text() == str(tmp_path / "hr")
    assert form.base_combo.currentData() == ("model", "tiny_x2")   # once the models loaded
    cfg = form.build_config(tmp_path)
    assert cfg.run.max_minutes == 90.0 and cfg.run.steps == 1234
    again.close()


def test_loss_choice_sets_exactly_its_weights(window, tmp_path: Path) -> None:
    form = window.trainer.form
    form.hr_edit.setText(str(tmp_path))
    weights = {}
    for i in range(form.loss_combo.count()):
        form.loss_combo.setCurrentIndex(i)
        lo = form.build_config(tmp_path).loss
        weights[form.loss_combo.currentText()] = (lo.l1, lo.mse, lo.mse_y, lo.charbonnier)
    assert weights["L1"] == (1.0, 0.0, 0.0, 0.0)
    assert weights["MSE on luma (Y) + 0.1 RGB"] == (0.0, 0.1, 1.0, 0.0)
    assert len(set(weights.values())) == form.loss_combo.count()


def test_real_world_photos_choice_trains_on_the_real_degradation(qtbot, window,
                                                                  tmp_path: Path) -> None:
    """The user picks 'Real-world photos' in the LR inputs box (keyboard, as in the real
    combo) and presses Start: the run's config says kind 'real' and it trains."""
    import json

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    hr = tmp_path / "hr"
    for i in range(2):
        save_png(hr / f"p{i}.png", 64, 64, seed=30 + i)
    tab = window.trainer
    window.tabs.setCurrentWidget(tab)
    tab.hr_edit.setText(str(hr))
    tab.base_combo.setCurrentIndex(tab.form.base_index(("arch", "fsrcnn_ps")))
    tab.scale_spin.setCurrentIndex(tab.scale_spin.findData(2))
    combo = tab.form.degradation_combo
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_End)
    assert "Real-world" in combo.currentText()
    tab.steps_spin.setValue(3)
    tab.patch_spin.setValue(32)
    tab.batch_spin.setValue(2)
    tab.val_every_spin.setValue(0)
    QTest.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.running(), timeout=60000)
    assert tab.result is not None and tab.result.steps == 3
    cfg = json.loads((tab.result.out_dir / "config.json").read_text())
    assert cfg["data"]["degradation"]["kind"] == "real"
