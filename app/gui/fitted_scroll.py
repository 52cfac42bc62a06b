"""A scroll area that scrolls only vertically and is never narrower than its content.

The settings column and the Train form scroll on a short screen, but a horizontal
scroll bar there hid the browse buttons, spin arrows and Pause/Stop; and their minimum
width changes with the style and palette (a theme switch at run time), so it is
followed rather than fixed once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class FittedScrollArea(QScrollArea):
    """Vertical scrolling only; minimum width = the widget's minimum size hint plus the
    vertical scroll bar, updated whenever the widget's layout or style changes."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.installEventFilter(self)
        self.fit_width()

    def fit_width(self) -> None:
        """Follow the content's minimum width."""
        w = self.widget()
        if w is not None:
            need = w.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
            if need != self.minimumWidth():
                self.setMinimumWidth(need + 2)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.widget() and event.type() in (QEvent.Type.LayoutRequest,
                                                     QEvent.Type.StyleChange,
                                                     QEvent.Type.FontChange,
                                                     QEvent.Type.PaletteChange):
            self.fit_width()
        return super().eventFilter(obj, event)
