"""Viewer: zoom/pan sync, shortcuts, split wipe, tiles of big images, live preview."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from app.gui.viewer import CompareView, Layer, TiledImage
from tests.gui.conftest import SlowUpscaler, photo, save_png, wait_finished
from tests.gui.user_actions import choose_from_context_menu


def _wheel(widget, pos: QPointF, delta: int = 120) -> None:
    ev = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(0, 0), QPoint(0, delta),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                     Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, ev)


def _compare(qtbot) -> CompareView:
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    inp = TiledImage(photo(60, 40))
    out = TiledImage(photo(240, 160, seed=3))
    view.set_sources({"input": Layer(inp, 4.0, smooth=True), "output": Layer(out, 1.0)},
                     left="input", right="output")
    return view


def _state(v) -> tuple[float, float, float]:
    return round(v.zoom, 9), round(v.cx, 6), round(v.cy, 6)


def test_zoom_and_pan_stay_in_sync(qtbot) -> None:
    view = _compare(qtbot)
    left, right, wipe = view.views()
    assert _state(left) == _state(right)
    _wheel(left, QPointF(100, 80), 240)                 # zoom towards the cursor
    assert left.zoom > right.fit_zoom() * 1.2
    assert _state(left) == _state(right) == _state(wipe)
    qtbot.mousePress(right, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    qtbot.mouseMove(right, QPoint(150, 170))
    qtbot.mouseRelease(right, Qt.MouseButton.LeftButton, pos=QPoint(150, 170))
    assert _state(left) == _state(right) == _state(wipe)
    # the view point under the cursor stays put when zooming
    before = left.screen_to_view(QPointF(300, 120))
    _wheel(left, QPointF(300, 120), 120)
    after = left.screen_to_view(QPointF(300, 120))
    assert np.allclose(before, after)
    view.zoom_to(4.0)
    assert left.zoom == right.zoom == 4.0


def test_split_wipe_divider_drag(qtbot) -> None:
    view = _compare(qtbot)
    view.set_mode("wipe")
    wipe = view.wipe_view
    assert wipe.left is not None and wipe.right is not None
    x = int(wipe.width() * wipe.divider)
    qtbot.mousePress(wipe, Qt.MouseButton.LeftButton, pos=QPoint(x, 100))
    qtbot.mouseMove(wipe, QPoint(x - 200, 100))
    qtbot.mouseRelease(wipe, Qt.MouseButton.LeftButton, pos=QPoint(x - 200, 100))
    assert abs(wipe.divider - (x - 200) / wipe.width()) < 0.01
    wipe.grab()
    assert wipe.tiles_drawn >= 2          # both sides painted
    view.set_mode("side")
    assert _state(view.left_view)[0] > 0


def test_big_image_draws_only_visible_tiles(qtbot) -> None:
    arr = np.zeros((4000, 6000, 3), np.uint8)    # 24 MP: pyramid + lazy 512² tiles
    arr[::64] = 255
    img = TiledImage(arr)
    assert len(img.levels) >= 4
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    view.set_sources({"a": Layer(img, 1.0)}, left="a", right="a")
    v = view.left_view
    v.grab()
    assert 0 < v.tiles_drawn <= 4                # fit: a coarse level, one or two tiles
    view.zoom_to(1.0)
    v.grab()
    assert v.tiles_drawn <= 6                    # 100 %: only the tiles on screen
    assert img.cached_tiles() <= 12


def test_shortcuts_zoom_in_window(qtbot, window, tmp_path: Path) -> None:
    img = save_png(tmp_path / "k.png", 50, 40)
    window.queue_ctl.add_paths([img])
    qtbot.waitUntil(lambda: window.compare.layer("left") is not None, timeout=10000)
    window.compare.left_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_2)
    assert window.compare.left_view.zoom == window.compare.right_view.zoom == 2.0
    qtbot.keyClick(window, Qt.Key.Key_F)
    assert window.compare.left_view.fit_mode


def _start_slow_nearest_x2(window, tmp_path: Path, monkeypatch, name: str) -> None:
    """Queue a 64x96 image for a slow, tiled nearest x2 (tiles of 16) and start it."""
    import engine.inference.factory as factory
    from app.gui import settings_panel
    monkeypatch.setattr(factory, "make_upscaler", lambda ref, *a, **k: SlowUpscaler(ref.scale))
    monkeypatch.setattr(settings_panel.SettingsPanel, "tile_setting", lambda self: 16)
    img = save_png(tmp_path / name, 64, 96)
    sp = window.settings_panel
    sp.select_model("nearest")
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    sp.out_edit.setText(str(tmp_path / "o"))
    window.queue_ctl.add_paths([img])
    window.queue_ctl.start()


def test_live_preview_paints_rows(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    _start_slow_nearest_x2(window, tmp_path, monkeypatch, "live.png")
    qtbot.waitUntil(lambda: window.compare.right_combo.currentText().startswith("Live"),
                    timeout=10000)
    live = window.compare.layer("right")
    assert live is not None and (live.image.width, live.image.height) == (128, 192)
    qtbot.waitUntil(lambda: bool(np.any(live.image.pixels[:32] > 0)), timeout=10000)
    assert window.queue.items[0].status.value == "running"
    assert not np.any(live.image.pixels[-8:] > 0)      # the bottom rows are not done yet
    wait_finished(qtbot, window)
    qtbot.waitUntil(lambda: window.compare.right_combo.currentText() == "nearest ×2",
                    timeout=10000)
    assert np.any(window.compare.layer("right").image.pixels[-8:] > 0)


def test_blank_bytes_is_what_blank_allocates() -> None:
    from app.gui.viewer.tile_cache import TiledImage
    for w, h, c, dt in [(128, 192, 3, np.uint8), (1500, 700, 4, np.uint16), (3, 2000, 1, np.uint8)]:
        img = TiledImage.blank(w, h, c, dt)
        assert len(img.levels) > 1 or max(w, h) <= 512
        assert TiledImage.blank_bytes(w, h, c, dt) == sum(lv.nbytes for lv in img.levels)


def test_no_live_preview_when_it_would_not_fit_in_memory(qtbot, window, tmp_path: Path,
                                                         monkeypatch) -> None:
    """A huge output gets no second in-RAM copy: a message says so, the result still shows."""
    import engine.devices
    from app.gui import upscale_worker
    from app.gui.viewer.tile_cache import TiledImage
    need = TiledImage.blank_bytes(128, 192, 3, np.uint8)
    monkeypatch.setattr(engine.devices, "available_ram_bytes",
                        lambda: int(need / upscale_worker.PREVIEW_RAM_FRACTION) - 1)
    blanks: list[tuple] = []
    real_blank = TiledImage.blank.__func__
    monkeypatch.setattr(TiledImage, "blank", classmethod(
        lambda cls, *a, **k: blanks.append(a) or real_blank(cls, *a, **k)))
    _start_slow_nearest_x2(window, tmp_path, monkeypatch, "huge.png")
    wait_finished(qtbot, window)
    assert not blanks
    assert any("No live preview for huge.png" in m and "128×192" in m
               for _lvl, m in window.log.messages)
    qtbot.waitUntil(lambda: window.compare.right_combo.currentText() == "nearest ×2",
                    timeout=10000)


def test_two_results_of_one_item_are_comparable(qtbot, window, tmp_path: Path) -> None:
    img = save_png(tmp_path / "ab.png", 32, 24)
    sp = window.settings_panel
    sp.out_edit.setText(str(tmp_path / "o"))
    sp.select_model("bicubic")
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    window.queue_ctl.add_paths([img])
    window.queue_ctl.start()
    wait_finished(qtbot, window)
    sp.select_model("tiny_x2")
    choose_from_context_menu(window.queue_view, 0, "Run again with current settings")
    wait_finished(qtbot, window)
    assert set(window.queue.items[0].results) == {"bicubic ×2", "tiny_x2 ×2"}
    qtbot.waitUntil(lambda: {"bicubic ×2", "tiny_x2 ×2"} <= set(window.compare.sources),
                    timeout=10000)
    window.compare.select(left="bicubic ×2", right="tiny_x2 ×2")
    assert window.compare.layer("left").image.width == window.compare.layer("right").image.width
