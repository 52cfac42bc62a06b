"""The viewer's keys, the log toggle and the queue's context menu, used as a user does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from app.gui.queue_state import Status
from tests.gui.conftest import save_png, wait_finished
from tests.gui.user_actions import click, click_row, drop_files, press


def _choose_in_next_menu(text: str) -> None:
    """Pick ``text`` in the next popup menu (its ``exec`` blocks the caller)."""
    def poll() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            act = next(a for a in menu.actions() if a.text() == text)
            menu.setActiveAction(act)
            QTest.keyClick(menu, Qt.Key.Key_Return)   # chosen as with the keyboard
            return
        QTimer.singleShot(20, poll)
    QTimer.singleShot(20, poll)


def _finished_row(qtbot, window, tmp_path: Path) -> None:
    sp = window.settings_panel
    assert sp.select_model("bicubic")
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(2))
    sp.out_edit.setText(str(tmp_path / "out"))
    drop_files(window, [save_png(tmp_path / "in" / "v.png", 40, 32)])
    click(sp.start_button)
    wait_finished(qtbot, window)
    click_row(window.queue_view, 0)
    qtbot.waitUntil(lambda: window.compare.layer("right") is not None, timeout=10000)


def test_viewer_keys_wipe_zoom_fit_and_log(qtbot, window, tmp_path: Path) -> None:
    _finished_row(qtbot, window, tmp_path)
    view = window.queue_view
    view.setFocus()
    press(view, Qt.Key.Key_W)
    assert window.compare.mode == "wipe"
    press(view, Qt.Key.Key_2)
    assert window.compare.zoom_label.text() == "200%"
    press(view, Qt.Key.Key_F)
    assert window.compare.zoom_label.text() != "200%"
    press(view, Qt.Key.Key_W)
    assert window.compare.mode == "side"
    shown = window.log_dock.isVisible()
    press(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.log_dock.isVisible() != shown


def test_context_menu_runs_again_and_removes(qtbot, window, tmp_path: Path) -> None:
    _finished_row(qtbot, window, tmp_path)
    view = window.queue_view
    (item,) = window.queue.items
    out = tmp_path / "out" / "v_x2_bicubic.png"
    out.unlink()
    pos = view.visualRect(window.queue_model.index(0, 0)).center()
    _choose_in_next_menu("Run again with current settings")
    view.customContextMenuRequested.emit(pos)   # what a right click on the row sends
    wait_finished(qtbot, window)
    assert window.queue.by_id(item.id).status == Status.DONE and out.is_file()
    _choose_in_next_menu("Remove from queue")
    view.customContextMenuRequested.emit(pos)
    assert len(window.queue) == 0
    assert window.counts_label.text().startswith("0 queued")
