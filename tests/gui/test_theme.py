"""Themes at run time: the Train form still fits after a switch, and in the dark theme
the Start icon and unticked check boxes stand out from the window."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QApplication, QCheckBox

from app.gui.palette import apply_theme


def _theme_action(window, name: str) -> QAction:
    return next(a for a in window.menuBar().findChildren(QAction) if a.data() == name)


def _max_contrast(img: QImage, background: QColor) -> int:
    """The largest channel difference between any pixel of ``img`` and ``background``."""
    best = 0
    for y in range(img.height()):
        for x in range(img.width()):
            c = img.pixelColor(x, y)
            if c.alpha() < 128:
                continue
            best = max(best, abs(c.red() - background.red()),
                       abs(c.green() - background.green()),
                       abs(c.blue() - background.blue()))
    return best


def test_theme_switch_keeps_the_train_form_inside_its_column(qtbot, window) -> None:
    window.resize(1280, 720)
    window.tabs.setCurrentWidget(window.trainer)
    for name in ("dark", "light", "dark"):
        _theme_action(window, name).trigger()   # View ▸ Theme
        qtbot.wait(50)
    try:
        form = window.trainer.form
        scroll = form.parentWidget().parentWidget()   # viewport, then the scroll area
        qtbot.waitUntil(lambda: scroll.viewport().width() >= form.minimumSizeHint().width())
        assert not scroll.horizontalScrollBar().isVisible()
        for button in (window.trainer.start_button, window.trainer.stop_button,
                       window.trainer.pause_button):
            assert button.visibleRegion().boundingRect().size() == button.size(), button.text()
    finally:
        apply_theme(QApplication.instance(), "light")


def test_dark_theme_start_icon_and_unticked_boxes_stand_out(qtbot, window) -> None:
    _theme_action(window, "dark").trigger()
    try:
        bg = window.palette().color(window.backgroundRole())
        icon = window.menus.start_action.icon().pixmap(QSize(24, 24)).toImage()
        assert _max_contrast(icon, bg) > 80   # Fusion's black triangle: 36
        box = QCheckBox()
        qtbot.addWidget(box)
        box.resize(box.sizeHint())
        box.show()
        img = box.grab().toImage()
        side = img.height()
        assert _max_contrast(img.copy(0, 0, side, side), bg) > 75   # unticked; Fusion: 48
    finally:
        apply_theme(QApplication.instance(), "light")
