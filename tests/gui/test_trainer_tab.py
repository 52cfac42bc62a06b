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
    tab.base_combo.setCurrentIndex(tab.base_combo.findData(("arch", "fsrcnn_ps")))
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
