"""The heat map's legend: its colour ramp with the error each end stands for, so a
bright patch reads as "about 30 levels off" rather than just "bright"."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

HEATMAP_GAIN = 8.0   # engine.selfcheck's default: full scale at 255 / 8 = 32 levels


def ramp_pixmap(width: int = 160, height: int = 10) -> QPixmap:
    """The engine's heat-map colours (``colormap_lut``) left to right."""
    import numpy as np

    from engine.metrics.heatmap import colormap_lut
    lut = colormap_lut()
    idx = (np.arange(width) * (len(lut) - 1) // max(1, width - 1)).astype(np.intp)
    rows = np.ascontiguousarray(np.repeat(lut[idx][None], height, axis=0))
    img = QImage(rows.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(img.copy())


class HeatLegend(QWidget):
    """'0 [ramp] 32+ levels of luma error', shown while a heat map is on."""

    def __init__(self, gain: float = HEATMAP_GAIN, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatLegend")
        full = 255.0 / gain
        self.ramp = QLabel()
        self.low_label = QLabel("0")
        self.high_label = QLabel(self.tr("{n:.0f}+ levels").format(n=full))
        self.setToolTip(self.tr("|model - ground truth| on luma, in 8-bit levels: black is "
                                "exact, pale yellow {n:.0f} levels or more").format(n=full))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.low_label)
        lay.addWidget(self.ramp, 1)
        lay.addWidget(self.high_label)
        self._ramp_drawn = False

    def showEvent(self, event) -> None:   # the ramp needs numpy: drawn when first shown
        if not self._ramp_drawn:
            self.ramp.setPixmap(ramp_pixmap())
            self._ramp_drawn = True
        super().showEvent(event)
