"""The Train tab's right side: live loss and validation-PSNR curves and the latest
validation sample (bicubic / model / ground truth).

pyqtgraph is imported on the first run, not with the window, to keep start-up light.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.gui.palette import is_dark
from app.gui.viewer.tile_cache import array_to_qimage


class TrainCurves(QWidget):
    """Curves (created by :meth:`reset`) above the three sample images."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loss_points: list[tuple[int, float]] = []
        self.psnr_points: list[tuple[int, float]] = []
        self.bicubic_psnr: float | None = None
        self._plots: Any = None

        self.curves_box = QVBoxLayout()
        self.curves_placeholder = QLabel(self.tr("Loss and validation curves appear here."))
        self.curves_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.curves_placeholder.setEnabled(False)
        self.curves_box.addWidget(self.curves_placeholder)
        self.sample_labels = [QLabel() for _ in range(3)]
        sample_row = QHBoxLayout()
        for lab, title in zip(self.sample_labels,
                              (self.tr("Bicubic"), self.tr("Model"), self.tr("Ground truth"))):
            col = QVBoxLayout()
            lab.setMinimumSize(160, 160)
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lab.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            lab.setStyleSheet("background: rgba(0,0,0,40);")
            cap = QLabel(title)
            cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
            col.addWidget(lab, 1)
            col.addWidget(cap)
            sample_row.addLayout(col)
        sbox = QGroupBox(self.tr("Validation sample"))
        sbox.setLayout(sample_row)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.curves_box, 3)
        lay.addWidget(sbox, 2)

    def reset(self) -> None:
        """Clear the curves for a new run (building the plots on the first one)."""
        self.loss_points.clear()
        self.psnr_points.clear()
        self.bicubic_psnr = None
        self._ensure_plots()
        self._redraw()

    def add_loss(self, step: int, loss: float) -> None:
        self.loss_points.append((step, loss))
        self._redraw()

    def add_validation(self, step: int, psnr: float, bicubic: float | None,
                       sample: Any) -> None:
        """A validation score and its (bicubic, model, ground truth) sample arrays."""
        self.psnr_points.append((step, psnr))
        self.bicubic_psnr = bicubic
        self._redraw()
        for lab, arr in zip(self.sample_labels, sample):
            side = max(64, min(lab.width(), lab.height()) - 4)
            lab.setPixmap(_scaled(array_to_qimage(arr), side))

    def last_psnr(self) -> float | None:
        return self.psnr_points[-1][1] if self.psnr_points else None

    def curve_points(self) -> tuple[int, int]:
        """(loss points, PSNR points) drawn so far (tests)."""
        return len(self.loss_curve.xData if self.loss_curve.xData is not None else []), \
            len(self.psnr_curve.xData if self.psnr_curve.xData is not None else [])

    def _ensure_plots(self) -> None:
        if self._plots is not None:
            return
        import pyqtgraph as pg
        bg = self.palette().color(self.backgroundRole())
        fg = (220, 220, 220) if is_dark() else (40, 40, 40)
        loss = pg.PlotWidget(background=bg)
        loss.setObjectName("lossPlot")
        loss.setLogMode(False, True)
        loss.getAxis("left").enableAutoSIPrefix(False)
        loss.setLabel("left", self.tr("loss"))
        loss.setLabel("bottom", self.tr("step"))
        loss.showGrid(x=True, y=True, alpha=0.2)
        psnr = pg.PlotWidget(background=bg)
        psnr.setObjectName("psnrPlot")
        psnr.setLabel("left", self.tr("validation PSNR-Y"), units="dB")
        psnr.setLabel("bottom", self.tr("step"))
        psnr.showGrid(x=True, y=True, alpha=0.2)
        psnr.addLegend(offset=(-10, 10))
        for w in (loss, psnr):
            w.setMenuEnabled(False)
            for axis in ("left", "bottom"):
                w.getAxis(axis).setTextPen(pg.mkPen(fg))
                w.getAxis(axis).setPen(pg.mkPen(fg))
        self.loss_curve = loss.plot([], [], pen=pg.mkPen((64, 138, 230), width=2))
        self.psnr_curve = psnr.plot([], [], pen=pg.mkPen((230, 120, 50), width=2),
                                    symbol="o", symbolSize=6, symbolBrush=(230, 120, 50),
                                    name=self.tr("model"))
        self.bicubic_line = psnr.plot([], [], pen=pg.mkPen((150, 150, 150), width=1,
                                                           style=Qt.PenStyle.DashLine),
                                      name=self.tr("bicubic"))
        self.curves_placeholder.hide()
        self.curves_box.addWidget(loss, 1)
        self.curves_box.addWidget(psnr, 1)
        self._plots = (loss, psnr)

    def _redraw(self) -> None:
        if self._plots is None:
            return
        self.loss_curve.setData([s for s, _ in self.loss_points],
                                [max(v, 1e-12) for _, v in self.loss_points])
        self.psnr_curve.setData([s for s, _ in self.psnr_points],
                                [v for _, v in self.psnr_points])
        if self.bicubic_psnr is not None and self.psnr_points:
            x0 = 0
            x1 = max(self.psnr_points[-1][0], 1)
            self.bicubic_line.setData([x0, x1], [self.bicubic_psnr, self.bicubic_psnr])


def _scaled(img: QImage, side: int) -> QPixmap:
    pm = QPixmap.fromImage(img)
    return pm.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                     Qt.TransformationMode.FastTransformation)
