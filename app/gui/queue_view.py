"""The queue table: rows with a painted progress bar (percent, ETA, throughput)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.gui.queue_model import QueueModel, format_eta
from app.gui.queue_state import QueueItem, Status


def rate_text(rate: float, unit: str) -> str:
    """'3.1 fps' / '3.1 tiles/s', or for slow work '1.3 s/tile', '35 s/frame' (not
    '0.0 fps')."""
    if rate >= 1.0:
        return f"{rate:.1f} fps" if unit == "frame" else f"{rate:.1f} {unit}s/s"
    if rate <= 0:
        return ""
    per = 1.0 / rate
    return f"{per:.1f} s/{unit}" if per < 10 else f"{per:.0f} s/{unit}"


def progress_text(item: QueueItem) -> str:
    """'42% · ETA 0:12 · 3.1 tiles/s' while running (videos: '42% · 50/120 frames · ETA
    0:12 · 3.1 fps'); a short word otherwise."""
    if item.status == Status.RUNNING:
        parts = [f"{int(item.fraction * 100)}%"]
        if item.video and item.total:
            parts.append(f"{item.done}/{item.total} frames")
        if item.eta_s is not None:
            parts.append(f"ETA {format_eta(item.eta_s)}")
        if item.rate:
            parts.append(rate_text(item.rate, "frame" if item.video else "tile"))
        return " · ".join(parts)
    if item.status == Status.DONE:
        colorized = " · colorized" if item.colorized else ""
        if item.video and item.frames:
            return f"{item.frames} frames · {item.seconds:.1f} s{colorized}"
        return f"{item.seconds:.1f} s{colorized}"
    if item.status == Status.CANCELLED and item.video and item.total and item.done:
        return f"{item.done}/{item.total} frames"
    return ""


class ProgressDelegate(QStyledItemDelegate):
    """Draws a progress bar in the Progress column through the current style."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        item: QueueItem | None = index.data(QueueModel.ProgressRole)
        if item is None:
            return super().paint(painter, option, index)
        # selection background first, then the bar on top
        QApplication.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem,
                                           option, painter, option.widget)
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(option.rect.adjusted(3, 3, -3, -3))
        bar.minimum, bar.maximum = 0, 1000
        bar.progress = int(round(item.fraction * 1000))
        bar.text = progress_text(item)
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        bar.fontMetrics = option.fontMetrics
        QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter,
                                         option.widget)

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(220, 24)


# File, Size, Model, Status, Progress, Output: shares of the table's width
COLUMN_SHARES = (0.20, 0.11, 0.14, 0.13, 0.26, 0.16)


class QueueView(QTableView):
    """Table of the queue; emits cancel/remove/rerun requests for selected rows."""

    cancelRequested = Signal(list)   # item ids
    removeRequested = Signal(list)
    rerunRequested = Signal(list)
    openOutputRequested = Signal(int)

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("queueView")
        self.setItemDelegateForColumn(QueueModel.COL_PROGRESS, ProgressDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        h = self.horizontalHeader()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setMinimumSectionSize(40)
        self.fit_columns()
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def fit_columns(self) -> None:
        """Share the visible width among the columns (:data:`COLUMN_SHARES`), so Progress
        and Output are never pushed out of a narrow pane; full texts are in tooltips."""
        avail = max(1, self.viewport().width())
        widths = [max(40, int(avail * share)) for share in COLUMN_SHARES]
        widths[0] += avail - sum(widths)   # rounding: the File column takes what is left
        for col, width in enumerate(widths):
            self.setColumnWidth(col, max(40, width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def queue_model(self) -> QueueModel:
        model = self.model()
        assert isinstance(model, QueueModel)
        return model

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        state = self.queue_model().state
        return [state.item(r).id for r in rows]

    def select_id(self, item_id: int) -> None:
        row = self.queue_model().state.row_of(item_id)
        if row >= 0:
            self.selectRow(row)

    def _menu(self, pos) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        acts: list[tuple[QAction, Signal]] = []
        for text, sig in ((self.tr("Cancel"), self.cancelRequested),
                          (self.tr("Run again with current settings"), self.rerunRequested),
                          (self.tr("Remove from queue"), self.removeRequested)):
            acts.append((menu.addAction(text), sig))
        open_act = menu.addAction(self.tr("Show output folder"))
        chosen = menu.exec(self.viewport().mapToGlobal(pos))
        for act, sig in acts:
            if chosen is act:
                sig.emit(ids)
        if chosen is open_act:
            self.openOutputRequested.emit(ids[0])
