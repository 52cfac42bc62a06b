"""Auto in the app: a dropped JPEG runs the photo model and the log says why; a clean
picture runs the clean model (the engine's plan decides, the queue shows it)."""

from __future__ import annotations

from pathlib import Path

from app.gui.queue_state import Status
from tests.conftest import save_tiny_model
from tests.engine.test_content_auto import _jpeg_bytes, _scene
from tests.gui.conftest import wait_finished
from tests.gui.user_actions import click, drop_files


def test_auto_runs_the_photo_model_on_a_jpeg_and_says_why(qtbot, isolated: Path) -> None:
    from PIL import Image

    from app.gui.main_window import MainWindow
    from app.gui.settings_store import SettingsStore
    save_tiny_model(isolated / "user_models", "photo_x2", role="photo", seed=1)
    src = isolated / "in"
    src.mkdir()
    (src / "web.jpg").write_bytes(_jpeg_bytes(_scene(64, 64), 50))
    Image.fromarray(_scene(64, 64)).save(src / "clean.png")
    w = MainWindow(SettingsStore())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.catalog.models_loaded, timeout=30000)
    sp = w.settings_panel
    assert sp.select_model("auto")
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    # the entry names both roles it picks between (clean / compressed or noisy)
    assert sp.model_combo.currentText() == "Auto → fast / photo"
    out = isolated / "out"
    sp.out_edit.setText(str(out))
    drop_files(w, [src / "web.jpg", src / "clean.png"])
    click(sp.start_button)
    wait_finished(qtbot, w)
    rows = {it.path.name: it for it in w.queue.items}
    assert rows["web.jpg"].status == Status.DONE and rows["web.jpg"].model == "photo_x2"
    assert rows["clean.png"].status == Status.DONE and rows["clean.png"].model == "tiny_x2"
    assert sorted(p.name for p in out.iterdir()) == ["clean_x2_tiny_x2.png",
                                                     "web_x2_photo_x2.jpg"]
    assert any("web.jpg: Auto → photo_x2 (JPEG, quality ≈ 5" in m for _lvl, m in w.log.messages)
    w.close()
