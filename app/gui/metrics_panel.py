"""PSNR/SSIM/NIQE panel: scores against a reference image, or a self-check without one.

The numbers come from ``engine.selfcheck`` (which calls ``engine.evaluation``), computed
in a worker; this panel only lays them out as a table and a pyqtgraph bar chart and
offers the difference heat-map toggle.  pyqtgraph is imported when the first chart is
drawn, not at start-up.
"""

from __future__ import annotations

import math
import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.heat_legend import HeatLegend
from app.gui.palette import is_dark

METRIC_COLUMNS = (("psnr_y", "PSNR-Y", 2), ("ssim_y", "SSIM-Y", 4),
                  ("psnr_rgb", "PSNR-RGB", 2), ("ssim_rgb", "SSIM-RGB", 4),
                  ("niqe", "NIQE", 2))
EXTRA_RESIZERS = ("lanczos", "bilinear", "nearest")
BAR_COLOURS = ((64, 138, 230), (230, 120, 50), (90, 180, 100), (170, 100, 200),
               (200, 180, 60), (80, 190, 190))


def _table(rows: int) -> QTableWidget:
    t = QTableWidget(rows, len(METRIC_COLUMNS))
    # 'PSNR' over 'RGB': five columns fit the narrow panel without clipping the names
    t.setHorizontalHeaderLabels([c[1].replace("-", "\n") for c in METRIC_COLUMNS])
    for col, (key, _label, _d) in enumerate(METRIC_COLUMNS):
        t.horizontalHeaderItem(col).setToolTip(
            "PSNR in dB (higher is better)" if key.startswith("psnr") else
            "SSIM, 0..1 (higher is better)" if key.startswith("ssim") else
            "NIQE, no reference needed (lower is more natural; – under 192x96 pixels)")
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
    t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    t.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
    return t


def _fill_row(table: QTableWidget, row: int, name: str, scores: dict[str, float]) -> None:
    table.setVerticalHeaderItem(row, QTableWidgetItem(name))
    for col, (key, _label, digits) in enumerate(METRIC_COLUMNS):
        v = scores.get(key)
        ok = v is not None and math.isfinite(v)
        it = QTableWidgetItem(f"{v:.{digits}f}" if ok else "–")
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(row, col, it)


def chart_labels(names: list[str]) -> list[str]:
    """Bar labels that fit under narrow bars: the scale suffix ('_x4') goes (every bar has
    the same scale), and past five bars every other label drops to a second line."""
    short = [re.sub(r"_x\d+$", "", n) for n in names]
    if len(short) <= 5:
        return short
    return [("\n" + n) if i % 2 else n for i, n in enumerate(short)]


def chart_baseline(entries: list[tuple[str, dict[str, float]]]) -> tuple[float, str]:
    """Where the bars start: at bicubic's PSNR-Y when it was scored (the bars show what
    each model gains over it), else at 0 dB.  Starting just under the lowest bar, as
    before, made a 0.1 dB gap look like a doubling."""
    for name, scores in entries:
        if name == "bicubic" and scores.get("psnr_y") is not None:
            return float(scores["psnr_y"]), name
    return 0.0, ""


class MetricsPanel(QWidget):
    referenceRequested = Signal(str)
    selfCheckRequested = Signal(list)
    heatmapToggled = Signal(str)      # model name, or '' to hide

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metricsPanel")
        self.scores: dict[str, dict[str, float]] = {}       # last self-check, by model
        self.reference_scores: dict[str, dict[str, float]] = {}
        self.chart: Any = None

        # reference ---------------------------------------------------------------------
        self.ref_edit = QLineEdit()
        self.ref_edit.setPlaceholderText(self.tr("Ground-truth HR image (optional)"))
        browse = QToolButton()
        browse.setText("…")
        browse.clicked.connect(self._browse)
        self.ref_button = QPushButton(self.tr("Score"))
        self.ref_button.setToolTip(self.tr("PSNR/SSIM of the selected output and of bicubic "
                                           "against the reference"))
        self.ref_button.clicked.connect(self._request_reference)
        row = QHBoxLayout()
        row.addWidget(self.ref_edit, 1)
        row.addWidget(browse)
        row.addWidget(self.ref_button)
        self.ref_table = _table(2)
        self.ref_table.setVisible(False)
        rbox = QGroupBox(self.tr("Reference"))
        rl = QVBoxLayout(rbox)
        rl.addLayout(row)
        rl.addWidget(self.ref_table)

        # self-check ----------------------------------------------------------------------
        self.help_label = QLabel(self.tr(
            "No reference? The selected image is taken as ground truth, shrunk ×s with "
            "bicubic and upscaled back by each model: the same protocol as 'srstudio eval'."))
        self.help_label.setWordWrap(True)
        self.help_label.setEnabled(False)
        self.model_list = QListWidget()
        self.model_list.setObjectName("selfCheckModels")
        self.model_list.setMaximumHeight(96)
        self.model_list.setMinimumHeight(48)   # it scrolls: a small screen keeps the chart
        self.run_button = QPushButton(self.tr("Run self-check"))
        self.run_button.setObjectName("selfCheckButton")
        self.run_button.clicked.connect(self._request_self_check)
        self.status_label = QLabel("")
        run_row = QHBoxLayout()
        run_row.addWidget(self.run_button)
        run_row.addWidget(self.status_label, 1)
        self.table = _table(0)
        self.chart_holder = QVBoxLayout()
        self.chart_placeholder = QLabel(self.tr("Scores appear here as a bar chart."))
        self.chart_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_placeholder.setEnabled(False)
        self.chart_placeholder.setMinimumHeight(70)
        self.chart_holder.addWidget(self.chart_placeholder)
        self.heat_check = QCheckBox(self.tr("Show difference heat map of"))
        self.heat_check.setEnabled(False)
        self.heat_combo = QComboBox()
        self.heat_combo.setEnabled(False)
        heat_row = QHBoxLayout()
        heat_row.addWidget(self.heat_check)
        heat_row.addWidget(self.heat_combo, 1)
        self.heat_check.toggled.connect(self._emit_heat)
        self.heat_combo.currentIndexChanged.connect(self._emit_heat)

        sbox = QGroupBox(self.tr("Self-check"))
        sl = QVBoxLayout(sbox)
        sl.addWidget(self.help_label)
        sl.addWidget(self.model_list)
        sl.addLayout(run_row)
        sl.addWidget(self.table)
        sl.addLayout(self.chart_holder, 1)
        sl.addLayout(heat_row)
        self.heat_legend = HeatLegend()
        self.heat_legend.setVisible(False)
        sl.addWidget(self.heat_legend)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(rbox)
        lay.addWidget(sbox, 1)

    # models ------------------------------------------------------------------------------
    def set_models(self, names: list[str], scale: int) -> None:
        """Trained models usable at ``scale`` (checked) and extra resizers (unchecked)."""
        # a name listed before keeps its box; a new one starts checked (resizers unchecked)
        before = {it.data(Qt.ItemDataRole.UserRole): it.checkState() == Qt.CheckState.Checked
                  for it in (self.model_list.item(i) for i in range(self.model_list.count()))}
        self.model_list.clear()
        bic = QListWidgetItem(self.tr("bicubic (always)"))
        bic.setFlags(Qt.ItemFlag.ItemIsEnabled)
        bic.setCheckState(Qt.CheckState.Checked)
        bic.setData(Qt.ItemDataRole.UserRole, "")
        self.model_list.addItem(bic)
        for name in list(names) + list(EXTRA_RESIZERS):
            it = QListWidgetItem(name)
            it.setData(Qt.ItemDataRole.UserRole, name)
            it.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            on = before.get(name, name not in EXTRA_RESIZERS)
            it.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.model_list.addItem(it)
        # short (a 720-pixel-high screen has little room above the chart); the tooltip
        # says the rest
        self.help_label.setText(self.tr(
            "No reference: the image is shrunk ×{s} and upscaled back by each model.")
            .format(s=scale))
        self.help_label.setToolTip(self.tr(
            "No reference? The selected image is taken as ground truth, shrunk ×{s} with "
            "bicubic and upscaled back by each model: the same protocol as "
            "'srstudio eval'.").format(s=scale))

    def checked_models(self) -> list[str]:
        out = []
        for i in range(self.model_list.count()):
            it = self.model_list.item(i)
            name = it.data(Qt.ItemDataRole.UserRole)
            if name and it.checkState() == Qt.CheckState.Checked:
                out.append(name)
        return out

    def set_checked(self, names: list[str]) -> None:
        for i in range(self.model_list.count()):
            it = self.model_list.item(i)
            name = it.data(Qt.ItemDataRole.UserRole)
            if name:
                it.setCheckState(Qt.CheckState.Checked if name in names
                                 else Qt.CheckState.Unchecked)

    # requests ------------------------------------------------------------------------------
    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Reference image"),
                                              self.ref_edit.text(),
                                              self.tr("Images (*.png *.jpg *.jpeg *.webp "
                                                      "*.tif *.tiff *.bmp)"))
        if path:
            self.ref_edit.setText(path)

    def _request_reference(self) -> None:
        if self.ref_edit.text().strip():
            self.referenceRequested.emit(self.ref_edit.text().strip())

    def _request_self_check(self) -> None:
        self.selfCheckRequested.emit(self.checked_models())

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.run_button.setEnabled(not busy)
        self.ref_button.setEnabled(not busy)
        self.status_label.setText(text)

    # results -------------------------------------------------------------------------------
    def show_reference(self, output: dict[str, float], bicubic: dict[str, float] | None) -> None:
        self.reference_scores = {"output": output, **({"bicubic": bicubic} if bicubic else {})}
        self.ref_table.setRowCount(2 if bicubic else 1)
        _fill_row(self.ref_table, 0, self.tr("Output"), output)
        if bicubic:
            _fill_row(self.ref_table, 1, self.tr("Bicubic"), bicubic)
        self.ref_table.setVisible(True)

    def show_self_check(self, entries: list[tuple[str, dict[str, float]]],
                        niqe_input: float | None = None) -> None:
        """One row per model; with ``niqe_input`` (where the image is large enough for
        NIQE) a last row with the image's own NIQE."""
        self.scores = {name: s for name, s in entries}
        own = niqe_input is not None and math.isfinite(niqe_input)
        self.table.setRowCount(len(entries) + own)
        for r, (name, s) in enumerate(entries):
            _fill_row(self.table, r, name, s)
        if own:
            _fill_row(self.table, len(entries), self.tr("image itself"), {"niqe": niqe_input})
        self._draw_chart(entries)
        current = self.heat_combo.currentText()
        self.heat_combo.blockSignals(True)
        self.heat_combo.clear()
        self.heat_combo.addItems([n for n, _ in entries])
        if current:
            self.heat_combo.setCurrentText(current)
        self.heat_combo.blockSignals(False)
        self.heat_check.setEnabled(bool(entries))
        self.heat_combo.setEnabled(bool(entries))
        self._emit_heat()

    def clear_results(self) -> None:
        self.scores = {}
        self.table.setRowCount(0)
        self.heat_check.setChecked(False)
        self.heat_check.setEnabled(False)
        self.heat_combo.clear()
        self.heat_combo.setEnabled(False)
        self._clear_chart()
        self.ref_table.setVisible(False)

    def _clear_chart(self) -> None:
        """Back to the placeholder: an emptied plot would still show the last row's axis
        label and model names under no bars."""
        if self.chart is None:
            return
        self.chart.clear()
        self.chart.getAxis("bottom").setTicks(None)
        self.chart.hide()
        self.chart_placeholder.show()

    def _emit_heat(self) -> None:
        on = self.heat_check.isChecked() and self.heat_combo.count() > 0
        self.heat_legend.setVisible(on)
        self.heatmapToggled.emit(self.heat_combo.currentText() if on else "")

    def _ensure_chart(self) -> Any:
        if self.chart is None:
            import pyqtgraph as pg
            bg = self.palette().color(self.backgroundRole())
            fg = QColor(220, 220, 220) if is_dark() else QColor(40, 40, 40)
            self.chart = pg.PlotWidget(background=bg)
            self.chart.setObjectName("selfCheckChart")
            self.chart.setMinimumHeight(100)
            self.chart.setMenuEnabled(False)
            self.chart.setMouseEnabled(x=False, y=False)
            self.chart.hideButtons()
            for axis in ("left", "bottom"):
                ax = self.chart.getAxis(axis)
                ax.setPen(fg)
                ax.setTextPen(fg)
            self.chart.setLabel("left", "PSNR-Y", units="dB")
            self.chart_holder.addWidget(self.chart)
        return self.chart

    def _draw_chart(self, entries: list[tuple[str, dict[str, float]]]) -> None:
        import pyqtgraph as pg
        if not entries:
            self._clear_chart()
            return
        chart = self._ensure_chart()
        chart.clear()
        self.chart_placeholder.hide()
        chart.show()
        values = [float(s["psnr_y"]) for _, s in entries]
        xs = list(range(len(entries)))
        brushes = [pg.mkBrush(*BAR_COLOURS[i % len(BAR_COLOURS)]) for i in xs]
        base, base_name = chart_baseline(entries)
        lo, hi = min(min(values), base), max(max(values), base)
        floor = lo - (0.15 * (hi - lo) if lo < base else 0.0)
        bars = pg.BarGraphItem(x=xs, height=[v - base for v in values], y0=base, width=0.6,
                               brushes=brushes, pen=pg.mkPen(None))
        chart.addItem(bars)
        if base_name:   # bars rise above (or fall below) the line they are measured from
            line_pen = pg.mkPen(QColor(150, 150, 150), width=1, style=Qt.PenStyle.DashLine)
            chart.addItem(pg.InfiniteLine(pos=base, angle=0, pen=line_pen))
        fg = QColor(230, 230, 230) if is_dark() else QColor(30, 30, 30)
        for x, v in zip(xs, values):
            label = pg.TextItem(f"{v:.2f}", color=fg, anchor=(0.5, 1.0))
            label.setPos(x, v)
            chart.addItem(label)
        labels = chart_labels([n for n, _ in entries])
        axis = chart.getAxis("bottom")
        axis.setTicks([list(zip(xs, labels))])
        lines = 2 if any("\n" in t for t in labels) else 1  # room for staggered labels
        axis.setHeight(QFontMetrics(axis.style["tickFont"] or QFont()).height() * lines + 14)
        chart.setYRange(floor, hi + max((hi - floor) * 0.18, 0.5), padding=0)
        chart.setXRange(-0.6, len(entries) - 0.4, padding=0)
