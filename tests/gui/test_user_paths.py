"""The app as a user meets it: real clicks on Start (button, toolbar, menu, Ctrl+Return),
real drops, cancel and Esc, and what the rows, status line and log then say.

Every test here failed before issue 16 was fixed (Start raised TypeError from its
``checked`` argument, cancel waited for all 8 self-ensemble passes, and so on)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from app.gui.queue_model import QueueModel
from app.gui.queue_state import Status
from tests.conftest import FakeUpscalerBase
from tests.gui.conftest import save_png, wait_finished
from tests.gui.user_actions import (
    answer_next_dialog,
    click,
    click_row,
    drop_files,
    press,
    toolbar_button,
)


def _use(window, out: Path, model: str = "bicubic", scale: int = 2,
         tile: str = "Off", ensemble: bool = False) -> None:
    """Pick the settings through their widgets."""
    sp = window.settings_panel
    assert sp.select_model(model)
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(scale))
    sp.tile_combo.setCurrentText(tile)
    sp.out_edit.setText(str(out))
    if ensemble:
        sp.ensemble_check.setChecked(True)


def _status_text(window, item_id: int) -> str:
    row = window.queue.row_of(item_id)
    return window.queue_model.index(row, QueueModel.COL_STATUS).data()


class SlowPasses(FakeUpscalerBase):
    """Nearest-neighbour that sleeps on every call: wrapped in a self-ensemble, one tile
    takes 8 x ``delay``."""

    def __init__(self, scale: int, delay: float) -> None:
        from engine.inference import ClassicalUpscaler
        self._inner = ClassicalUpscaler("nearest", scale)
        self.name, self.scale, self.delay, self.calls = "slow", scale, delay, 0
        self.context, self.size_multiple, self.batch_size = 1, 1, 1

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        self.calls += 1
        time.sleep(self.delay)
        return self._inner(tiles)


@pytest.fixture
def slow_ensemble(monkeypatch):
    """Every network job runs a self-ensemble of 0.4 s passes (3.2 s for its one tile)."""
    import engine.inference.factory as factory
    from engine.inference.self_ensemble import SelfEnsemble
    made: list[SlowPasses] = []

    def make(ref, device="auto", precision="auto", self_ensemble=False, *a, **k):
        inner = SlowPasses(ref.scale, 0.4)
        made.append(inner)
        return SelfEnsemble(inner) if self_ensemble else inner

    monkeypatch.setattr(factory, "make_upscaler", make)
    return made


# Start ---------------------------------------------------------------------------------
def test_clicking_start_runs_the_dropped_file(qtbot, window, tmp_path: Path) -> None:
    img = save_png(tmp_path / "in" / "a.png", 40, 32)
    out = tmp_path / "out"
    _use(window, out)
    assert "Drop images" in window.statusBar().currentMessage()
    assert drop_files(window, [img])
    (item,) = window.queue.items
    assert _status_text(window, item.id) == "queued"
    assert "Drop images" not in window.statusBar().currentMessage()   # files are queued
    click(window.settings_panel.start_button)
    wait_finished(qtbot, window)
    assert _status_text(window, item.id) == "done"
    assert (out / "a_x2_bicubic.png").is_file()
    assert window.statusBar().currentMessage() == "Finished: 1 done"


def test_ctrl_return_runs_the_queue(qtbot, window, tmp_path: Path) -> None:
    img = save_png(tmp_path / "in" / "b.png", 24, 20)
    out = tmp_path / "out"
    _use(window, out)
    drop_files(window, [img])
    press(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_finished(qtbot, window)
    assert (out / "b_x2_bicubic.png").is_file()


def test_toolbar_and_menu_start_run_the_queue(qtbot, window, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _use(window, out)
    drop_files(window, [save_png(tmp_path / "in" / "c.png", 24, 20)])
    click(toolbar_button(window, window.menus.start_action))
    wait_finished(qtbot, window)
    assert (out / "c_x2_bicubic.png").is_file()
    drop_files(window, [save_png(tmp_path / "in" / "d.png", 20, 16, seed=1)])
    queue_menu = next(m for m in window.menuBar().actions() if m.text() == "&Queue").menu()
    start = next(a for a in queue_menu.actions() if a.text() == "&Start")
    start.trigger()   # what a click on the menu entry does
    wait_finished(qtbot, window)
    assert (out / "d_x2_bicubic.png").is_file()


# cancel --------------------------------------------------------------------------------
def test_cancel_all_stops_a_self_ensemble_tile_within_a_second(qtbot, window, tmp_path: Path,
                                                               slow_ensemble) -> None:
    img = save_png(tmp_path / "in" / "e.png", 48, 40)
    out = tmp_path / "out"
    _use(window, out, model="tiny_x2", ensemble=True)
    drop_files(window, [img])
    (item,) = window.queue.items
    cancel_button = window.settings_panel.cancel_button
    assert not cancel_button.isEnabled()            # nothing runs yet
    click(window.settings_panel.start_button)
    qtbot.waitUntil(lambda: bool(slow_ensemble) and slow_ensemble[-1].calls >= 1,
                    timeout=15000)
    assert cancel_button.isEnabled()
    t0 = time.perf_counter()
    click(cancel_button)
    assert _status_text(window, item.id) == "cancelling…"   # at once, before the worker
    qtbot.waitUntil(lambda: window.queue.by_id(item.id).status == Status.CANCELLED,
                    timeout=10000)
    latency = time.perf_counter() - t0
    assert latency < 1.0, f"cancel took {latency:.2f} s"
    assert slow_ensemble[-1].calls < 8
    wait_finished(qtbot, window)
    assert window.statusBar().currentMessage() == "Cancelled (1 job)"
    assert not out.exists() or list(out.rglob("*")) == []


def test_esc_cancels_only_the_selected_job(qtbot, window, tmp_path: Path,
                                           slow_ensemble) -> None:
    out = tmp_path / "out"
    _use(window, out, model="tiny_x2", ensemble=True)
    drop_files(window, [save_png(tmp_path / "in" / "f1.png", 16, 16),
                        save_png(tmp_path / "in" / "f2.png", 16, 16, seed=1)])
    first, second = window.queue.items
    click(window.settings_panel.start_button)
    qtbot.waitUntil(lambda: window.queue.by_id(first.id).status == Status.RUNNING,
                    timeout=15000)
    click_row(window.queue_view, 1)
    press(window.queue_view, Qt.Key.Key_Escape)
    wait_finished(qtbot, window, timeout=30000)
    assert window.queue.by_id(first.id).status == Status.DONE
    assert window.queue.by_id(second.id).status == Status.CANCELLED
    assert window.statusBar().currentMessage() == "Finished: 1 done, 1 cancelled"


# what the user sees --------------------------------------------------------------------
def test_clicking_another_finished_row_shows_its_input_left(qtbot, window,
                                                            tmp_path: Path) -> None:
    out = tmp_path / "out"
    _use(window, out)
    drop_files(window, [save_png(tmp_path / "in" / f"g{i}.png", 30 + 2 * i, 20, seed=i)
                        for i in range(3)])
    click(window.settings_panel.start_button)
    wait_finished(qtbot, window)
    click_row(window.queue_view, 2)
    compare = window.compare

    def panes() -> tuple[str, str]:
        return compare.left_combo.currentText(), compare.right_combo.currentText()

    qtbot.waitUntil(lambda: panes() == ("Input · smooth", "bicubic ×2"), timeout=10000)
    assert compare.layer("left").image.width == 34
    assert compare.layer("right").image.width == 68


def test_queued_video_message_and_remove_finished_counts(qtbot, window,
                                                         tmp_path: Path) -> None:
    clip = tmp_path / "in" / "clip.mp4"
    clip.parent.mkdir(parents=True)
    clip.write_bytes(b"not really a video")
    drop_files(window, [clip])
    infos = [t for level, t in window.log.messages if t.startswith("Queued")]
    assert infos == ["Queued 1 video"]                      # not "0 image(s) and 1 video(s)"
    _use(window, tmp_path / "out")
    drop_files(window, [save_png(tmp_path / "in" / "h.png", 20, 16)])
    click(window.settings_panel.start_button)
    wait_finished(qtbot, window)
    assert "1 done" in window.counts_label.text()
    window.menus.remove_action.trigger()
    assert len(window.queue) == 0
    assert window.counts_label.text() == "0 queued · 0 running · 0 done · 0 failed"


def test_model_box_says_loading_and_cancel_all_is_off_at_start(qtbot, isolated) -> None:
    from app.gui.main_window import MainWindow
    from app.gui.settings_store import SettingsStore
    w = MainWindow(SettingsStore())
    qtbot.addWidget(w)
    w.show()
    sp = w.settings_panel
    assert sp.loading_label.isVisible() and not sp.model_combo.isVisible()
    assert not sp.start_button.isEnabled()
    assert not w.menus.cancel_all_action.isEnabled() and not sp.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: w.catalog.models_loaded, timeout=30000)
    qtbot.waitUntil(lambda: sp.start_button.isEnabled(), timeout=5000)
    assert sp.model_combo.isVisible() and not sp.loading_label.isVisible()
    w.close()
    qtbot.waitUntil(lambda: not w.host.busy(), timeout=30000)


def test_slow_video_rate_reads_seconds_per_frame() -> None:
    from app.gui.queue_state import QueueItem
    from app.gui.queue_view import progress_text
    it = QueueItem(1, Path("v.mp4"), status=Status.RUNNING, done=2, total=150, video=True,
                   rate=1 / 35.0, eta_s=5000)
    text = progress_text(it)
    assert "35 s/frame" in text and "0.0 fps" not in text


# the window fits -----------------------------------------------------------------------
def test_window_fits_1280x720_and_queue_columns_fit_their_pane(qtbot, window) -> None:
    hint = window.minimumSizeHint()
    assert hint.width() <= 1240 and hint.height() <= 640, hint   # room for frame + task bar
    window.resize(1280, 680)
    qtbot.waitUntil(lambda: window.width() == 1280)
    view = window.queue_view
    qtbot.wait(50)
    widths = [view.columnWidth(c) for c in range(window.queue_model.columnCount())]
    assert sum(widths) <= view.viewport().width() + 1
    for col in (QueueModel.COL_PROGRESS, QueueModel.COL_OUTPUT):
        assert view.columnViewportPosition(col) + view.columnWidth(col) \
            <= view.viewport().width() + 1
    start = window.settings_panel.start_button
    assert start.isVisible() and start.visibleRegion().boundingRect().height() \
        == start.height()   # not scrolled away


# closing -------------------------------------------------------------------------------
def test_closing_with_a_job_running_asks_and_can_keep_it(qtbot, window, tmp_path: Path,
                                                         slow_ensemble) -> None:
    out = tmp_path / "out"
    _use(window, out, model="tiny_x2", ensemble=True)
    drop_files(window, [save_png(tmp_path / "in" / "k.png", 16, 16)])
    (item,) = window.queue.items
    click(window.settings_panel.start_button)
    qtbot.waitUntil(lambda: window.queue.by_id(item.id).status == Status.RUNNING,
                    timeout=15000)
    asked: list[str] = []
    answer_next_dialog("Keep running", asked)
    window.close()
    assert asked and "1 job(s) are running" in asked[0]
    assert window.isVisible() and window.queue.by_id(item.id).status == Status.RUNNING
    answer_next_dialog("Stop and quit", asked)
    window.close()
    assert window.isVisible()   # waits for the worker, without blocking the GUI
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert not window.host.busy()
    assert window.queue.by_id(item.id).status == Status.CANCELLED
    assert not out.exists() or list(out.rglob("*")) == []


# training ------------------------------------------------------------------------------
def test_stopped_training_says_stopped_and_adds_its_model_only_when_asked(
        qtbot, window, tmp_path: Path) -> None:
    hr = tmp_path / "hr"
    for i in range(2):
        save_png(hr / f"t{i}.png", 48, 48, seed=30 + i)
    tab = window.trainer
    window.tabs.setCurrentWidget(tab)
    tab.hr_edit.setText(str(hr))
    tab.name_edit.setText("half_done")
    tab.steps_spin.setValue(100000)
    tab.patch_spin.setValue(32)
    tab.batch_spin.setValue(2)
    tab.val_every_spin.setValue(2)
    click(tab.start_button)
    qtbot.waitUntil(lambda: tab.curve_points()[1] >= 1, timeout=60000)   # validated once
    click(tab.stop_button)
    qtbot.waitUntil(lambda: not tab.running(), timeout=30000)
    assert tab.status.text().startswith("Stopped at step"), tab.status.text()
    assert "Done" not in tab.status.text()
    qtbot.wait(300)
    assert "half_done" not in window.settings_panel.model_names()
    click(tab.keep_button)
    qtbot.waitUntil(lambda: "half_done" in window.settings_panel.model_names(), timeout=20000)
    assert tab.status.text().startswith("Done: half_done")


# self-check ----------------------------------------------------------------------------
def test_self_check_chart_starts_at_bicubic_and_heat_map_has_a_legend(
        qtbot, window, tmp_path: Path) -> None:
    window.resize(1280, 720)
    sp = window.settings_panel
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    drop_files(window, [save_png(tmp_path / "s.png", 48, 40, seed=6)])
    click_row(window.queue_view, 0)
    m = window.metrics
    m.set_checked(["tiny_x2", "nearest"])
    click(m.run_button)
    qtbot.waitUntil(lambda: {"tiny_x2", "bicubic", "nearest"} <= set(m.scores),
                    timeout=30000)
    bottom, top = m.chart.getViewBox().viewRange()[1]
    bicubic = m.scores["bicubic"]["psnr_y"]
    lowest = min(s["psnr_y"] for s in m.scores.values())
    # every bar starts at bicubic's line (a gain or a loss against it), not at an axis
    # floor placed just under the lowest bar; the axis shows the line and every bar
    import pyqtgraph as pg
    (bars,) = [it for it in m.chart.getPlotItem().items if isinstance(it, pg.BarGraphItem)]
    assert bars.opts["y0"] == bicubic
    lines = [it for it in m.chart.getPlotItem().items if isinstance(it, pg.InfiniteLine)]
    assert [ln.value() for ln in lines] == [bicubic]
    assert bottom <= lowest and top > max(s["psnr_y"] for s in m.scores.values())
    assert not m.heat_legend.isVisible()
    click(m.heat_check)
    assert m.heat_legend.isVisible() and m.heat_legend.high_label.text() == "32+ levels"
    assert not m.heat_legend.ramp.pixmap().isNull()
    qtbot.wait(50)

    def rect(w):   # in the panel's coordinates
        return w.geometry().translated(w.parentWidget().mapTo(m, w.parentWidget().rect()
                                                              .topLeft()))
    # at 1280x720 the chart, the heat map row and its legend do not overlap
    assert not rect(m.chart).intersects(rect(m.heat_check))
    assert not rect(m.heat_check).intersects(rect(m.heat_legend))


# colorize ------------------------------------------------------------------------------
def _chroma(path: Path) -> float:
    from PIL import Image
    px = np.asarray(Image.open(path)).astype(np.int16)
    return float((px.max(axis=2) - px.min(axis=2)).mean())


def test_colour_strength_typed_in_the_panel_reaches_the_colorize_job(
        qtbot, window, isolated: Path, tmp_path: Path) -> None:
    from PIL import Image
    from PySide6.QtTest import QTest

    from tests.gui.conftest import photo
    from tests.gui.test_colorize import make_tiny_colorizer
    sp = window.settings_panel
    make_tiny_colorizer(isolated / "user_models")
    window.catalog.refresh_models()
    qtbot.waitUntil(sp.colorize_combo.isEnabled, timeout=30000)
    assert not sp.strength_spin.isEnabled()            # colorize is off
    assert sp.strength_spin.value() == 30              # conservative default
    sp.colorize_combo.setCurrentIndex(sp.colorize_combo.findData("after"))
    assert sp.strength_spin.isEnabled()
    gray = tmp_path / "in" / "old.png"
    gray.parent.mkdir()
    Image.fromarray(photo(40, 32)).convert("L").save(gray)
    chroma = {}
    for typed in ("100", "0"):
        out = tmp_path / f"out_{typed}"
        _use(window, out)
        sp.strength_spin.selectAll()
        QTest.keyClicks(sp.strength_spin.lineEdit(), typed)
        assert sp.strength_spin.value() == int(typed)
        drop_files(window, [gray])
        click(sp.start_button)
        wait_finished(qtbot, window)
        chroma[typed] = _chroma(out / "old_x2_bicubic_color.png")
    assert chroma["100"] > 1.0 and chroma["0"] <= 1.0, chroma
    assert window.store.get_int("upscale/colorize_strength") == 0


# video cost ----------------------------------------------------------------------------
def test_video_shows_its_output_size_and_time_and_asks_when_long(qtbot, window,
                                                                 tmp_path: Path) -> None:
    from app.gui.video_cost import known_speed, speed_key
    from engine.video.synthetic import make_test_clip
    out = tmp_path / "out"
    _use(window, out)
    (tmp_path / "in").mkdir()
    clip = make_test_clip(tmp_path / "in" / "clip.mp4", frames=12, width=32, height=24,
                          fps=24, audio=False)
    drop_files(window, [clip])
    (item,) = window.queue.items
    qtbot.waitUntil(lambda: window.queue.by_id(item.id).frames == 12, timeout=20000)
    key = speed_key("bicubic", "auto", False, "auto")
    window.store.set(key, "1.0")   # as if measured: 1 output pixel a second
    asked: list[str] = []
    answer_next_dialog("Not now", asked)
    click(window.settings_panel.start_button)
    qtbot.waitUntil(lambda: bool(asked), timeout=20000)   # once the plan is ready
    assert asked == ["clip.mp4: 12 frames of 64×48, about 10:14:24. Start it?"]
    assert window.queue.by_id(item.id).status == Status.QUEUED
    assert window.queue_ctl.upscale_worker is None
    window.store.set(key, "")      # never measured: the size only, no question (small)
    click(window.settings_panel.start_button)
    wait_finished(qtbot, window)
    assert window.queue.by_id(item.id).status == Status.DONE
    assert any(t.startswith("clip.mp4: 12 frames of 64×48, time unknown")
               for _lvl, t in window.log.messages)
    assert known_speed(window.store, key) is not None   # measured now, for the next one
