"""Icons drawn here instead of taken from the style: Fusion's media-play icon is a black
triangle that all but disappears on the dark toolbar, and the Start action is the one
a user looks for first."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

START_GREEN = QColor(46, 160, 80)   # reads on the light and the dark palette alike


def play_icon(colour: QColor = START_GREEN, size: int = 32) -> QIcon:
    """A filled, right-pointing triangle in ``colour`` (greyed by Qt when disabled)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    m = size * 0.18
    p.drawPolygon(QPolygonF([QPointF(m * 1.3, m), QPointF(size - m, size / 2),
                             QPointF(m * 1.3, size - m)]))
    p.end()
    return QIcon(pix)
