"""What a user does to the window, for GUI tests: drop files, click, press keys, answer a
dialog.  Tests drive the app through these instead of calling its controllers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QContextMenuEvent, QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QMenu,
    QMessageBox,
    QTableView,
    QToolBar,
    QWidget,
)


def drop_files(target: QWidget, paths: Iterable[Path], pos: QPoint | None = None) -> bool:
    """Drag ``paths`` over ``target`` and drop them, as a file manager does; returns
    whether the drag was accepted."""
    pos = QPoint(200, 200) if pos is None else pos
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    args = (QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(target, QDropEvent(*args))
    return True


def click(widget: QWidget) -> None:
    """A left click in the middle of a visible, enabled widget."""
    assert widget.isVisible(), f"{widget!r} is not visible"
    assert widget.isEnabled(), f"{widget!r} is disabled"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def toolbar_button(window: QWidget, action: QAction) -> QWidget:
    """The toolbar's button for ``action``."""
    for tb in window.findChildren(QToolBar):
        w = tb.widgetForAction(action)
        if w is not None:
            return w
    raise AssertionError(f"no toolbar button for {action.text()!r}")


def press(window: QWidget, key: Qt.Key,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press on the active window (shortcuts need the window to be active)."""
    window.activateWindow()
    window.raise_()
    QApplication.processEvents()
    target = QApplication.focusWidget() or window
    QTest.keyClick(target, key, modifiers)


def click_row(view: QTableView, row: int, column: int = 0) -> None:
    """Click one cell of a table, selecting its row."""
    rect = view.visualRect(view.model().index(row, column))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())


def answer_next_dialog(button_text: str, seen: list[str] | None = None,
                       timeout_ms: int = 10000) -> None:
    """Click ``button_text`` in the next modal message box (polled: the box may be opened
    by an ``exec()`` that blocks the caller); its text goes to ``seen``."""
    left = [timeout_ms // 20]

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            for b in box.buttons():
                if b.text().replace("&", "") == button_text:
                    if seen is not None:
                        seen.append(box.text())
                    assert isinstance(b, QAbstractButton)
                    b.click()
                    return
        left[0] -= 1
        if left[0] > 0:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def choose_in_combo(combo: QComboBox, index: int) -> None:
    """Open a combo box's list, move to the entry at ``index`` with the arrow keys and
    press Return, as a keyboard user picks one (a click on the list is not delivered
    reliably to an offscreen popup)."""
    assert combo.isVisible() and combo.isEnabled(), f"{combo!r} cannot be used"
    QTest.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    QApplication.processEvents()
    assert view.isVisible(), "the combo's list did not open"
    target = combo.model().index(index, 0)
    key = Qt.Key.Key_Down if index > view.currentIndex().row() else Qt.Key.Key_Up
    for _ in range(combo.count() + 1):
        if view.currentIndex() == target:
            break
        QTest.keyClick(view, key)
    assert view.currentIndex() == target, f"entry {index} cannot be reached"
    QTest.keyClick(view, Qt.Key.Key_Return)
    QApplication.processEvents()


def choose_from_context_menu(view: QTableView, row: int, entry: str,
                             timeout_ms: int = 10000) -> None:
    """Right-click a row of a table (selecting it first, as a click does) and pick
    ``entry`` from the context menu it opens, with the arrow keys and Return."""
    click_row(view, row)
    rect = view.visualRect(view.model().index(row, 0))
    left = [timeout_ms // 20]
    picked: list[str] = []

    def poll() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            names = [a.text() for a in menu.actions()]
            if entry not in names:   # close it, or its exec() would wait for ever
                picked.append(f"a menu of {names}")
                menu.close()
                return
            for _ in range(len(names) + 1):
                act = menu.activeAction()
                if act is not None and act.text() == entry:
                    break
                QTest.keyClick(menu, Qt.Key.Key_Down)
            picked.append(entry)
            QTest.keyClick(menu, Qt.Key.Key_Return)
            return
        left[0] -= 1
        if left[0] > 0:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, rect.center(),
                              view.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(view.viewport(), event)   # returns when the menu has closed
    assert picked == [entry], f"no context menu with {entry!r} opened"
