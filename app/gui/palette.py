"""Light and dark palettes that follow the system colour scheme (Qt 6.5+).

Fusion is used on every platform because it honours a custom QPalette completely;
native styles (Windows, macOS) ignore parts of it and give half-dark windows.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

THEMES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(30, 31, 34), QColor(43, 45, 48), QColor(222, 222, 222)
    disabled = QColor(120, 120, 120)
    accent = QColor(64, 138, 230)
    R = QPalette.ColorRole
    p.setColor(R.Window, window)
    p.setColor(R.WindowText, text)
    p.setColor(R.Base, base)
    p.setColor(R.AlternateBase, QColor(38, 39, 42))
    p.setColor(R.ToolTipBase, QColor(60, 62, 66))
    p.setColor(R.ToolTipText, text)
    p.setColor(R.PlaceholderText, QColor(140, 140, 140))
    p.setColor(R.Text, text)
    p.setColor(R.Button, QColor(53, 55, 59))
    p.setColor(R.ButtonText, text)
    p.setColor(R.BrightText, QColor(255, 90, 90))
    p.setColor(R.Link, accent.lighter(130))
    p.setColor(R.Highlight, accent)
    p.setColor(R.HighlightedText, QColor(255, 255, 255))
    p.setColor(R.Light, QColor(70, 72, 76))
    p.setColor(R.Midlight, QColor(60, 62, 66))
    p.setColor(R.Mid, QColor(45, 46, 50))
    p.setColor(R.Dark, QColor(22, 23, 25))
    p.setColor(R.Shadow, QColor(0, 0, 0))
    for role in (R.WindowText, R.Text, R.ButtonText, R.HighlightedText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    p.setColor(QPalette.ColorGroup.Disabled, R.Highlight, QColor(70, 72, 76))
    return p


def system_is_dark(app: QGuiApplication | None = None) -> bool:
    app = app or QGuiApplication.instance()
    if app is None:
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


class ContrastStyle(QProxyStyle):
    """Fusion, with a clearly visible frame round unticked check boxes: on the dark
    palette Fusion outlines them in a shade of the window colour, which all but hides
    them (the queue's and self-check's boxes, *x8 self-ensemble*)."""

    BOXES = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
             QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck)

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in self.BOXES and is_dark():
            pen = QColor(option.palette.color(QPalette.ColorRole.Text))
            pen.setAlpha(150 if option.state & QStyle.StateFlag.State_Enabled else 70)
            painter.save()
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            r = option.rect
            side = min(r.width(), r.height())
            painter.drawRect(QRect(r.x() + (r.width() - side) // 2,
                                   r.y() + (r.height() - side) // 2, side, side)
                             .adjusted(0, 0, -1, -1))
            painter.restore()


_STYLE: list[QStyle] = []   # the one style instance (Qt owns it; this keeps Python's ref)


def apply_theme(app: QApplication, theme: str = "system") -> bool:
    """Apply ``theme`` ('system', 'light' or 'dark'); returns True when dark is in use.

    The style is set once; a later switch changes only the palette.  Setting the style
    again at run time re-polished every widget and left the Train form's layout at the
    old metrics (browse buttons, spin arrows and Pause/Stop pushed out of view)."""
    if not _STYLE or app.style() is not _STYLE[0]:
        style = ContrastStyle(QStyleFactory.create("Fusion"))
        _STYLE[:] = [style]
        app.setStyle(style)
    dark = theme == "dark" or (theme == "system" and system_is_dark(app))
    app.setProperty("srstudio_dark", dark)
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    return dark


def follow_system(app: QApplication, theme_getter) -> None:
    """Re-apply the palette when the OS switches between light and dark."""
    def on_change(_scheme: Qt.ColorScheme) -> None:
        if theme_getter() == "system":
            apply_theme(app, "system")

    app.styleHints().colorSchemeChanged.connect(on_change)


def is_dark(app: QApplication | None = None) -> bool:
    app = app or QApplication.instance()
    return bool(app.property("srstudio_dark")) if app is not None else False
