"""The job queue as a Qt table model: one row per input file (image or video), its status
and progress (tiles for images, frames for videos).

A thin adapter: the rows and the rules that change them are the plain
:class:`~app.gui.queue_state.QueueState`; this model listens to it and turns its changes
into Qt's row signals, so the view follows every change, whoever made it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.gui.queue_state import QueueItem, QueueState, Status

ModelIndex = QModelIndex | QPersistentModelIndex

# what the Status column shows, translated there (self.tr); marked for pyside6-lupdate
STATUS_LABELS = {Status.QUEUED: QT_TRANSLATE_NOOP("QueueModel", "queued"),
                 Status.RUNNING: QT_TRANSLATE_NOOP("QueueModel", "running"),
                 Status.DONE: QT_TRANSLATE_NOOP("QueueModel", "done"),
                 Status.ERROR: QT_TRANSLATE_NOOP("QueueModel", "error"),
                 Status.CANCELLED: QT_TRANSLATE_NOOP("QueueModel", "cancelled"),
                 Status.SKIPPED: QT_TRANSLATE_NOOP("QueueModel", "skipped")}


def format_eta(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    s = int(round(seconds))
    if s >= 3600:
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


def short_message(item: QueueItem) -> str:
    """The error without the input's path (the cell has room for the reason only; the
    tooltip and the log keep the full text)."""
    msg = item.message.replace(str(item.path), item.path.name)
    prefix = f"{item.path.name}: "
    return msg[len(prefix):] if msg.startswith(prefix) else msg


class QueueModel(QAbstractTableModel):
    """Columns: file, size, model, status, progress, output."""

    COLUMNS = (QT_TRANSLATE_NOOP("QueueModel", "File"), QT_TRANSLATE_NOOP("QueueModel", "Size"),
               QT_TRANSLATE_NOOP("QueueModel", "Model"), QT_TRANSLATE_NOOP("QueueModel", "Status"),
               QT_TRANSLATE_NOOP("QueueModel", "Progress"),
               QT_TRANSLATE_NOOP("QueueModel", "Output"))
    COL_FILE, COL_SIZE, COL_MODEL, COL_STATUS, COL_PROGRESS, COL_OUTPUT = range(6)
    ItemRole = Qt.ItemDataRole.UserRole + 1
    ProgressRole = Qt.ItemDataRole.UserRole + 2

    STATUS_COLOURS = {Status.DONE: QColor(60, 170, 90), Status.ERROR: QColor(220, 70, 70),
                      Status.CANCELLED: QColor(160, 130, 60),
                      Status.RUNNING: QColor(64, 138, 230)}

    def __init__(self, state: QueueState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        state.listen(self)

    # Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.state)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.state.item(index.row())
        col = index.column()
        if role == self.ItemRole:
            return item
        if role == self.ProgressRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_STATUS and item.message:
                return item.message
            if col == self.COL_STATUS and item.resumable:
                return self.tr("Finished parts are kept: run it again with the same settings "
                               "to continue where it stopped")
            if col == self.COL_SIZE and item.video_info:
                return item.video_info
            if col == self.COL_FILE:
                return str(item.path)
            if col == self.COL_OUTPUT and item.output:
                return str(item.output)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.COL_STATUS:
            return self.STATUS_COLOURS.get(item.status)
        return None

    def _display(self, item: QueueItem, col: int) -> str:
        if col == self.COL_FILE:
            return item.path.name
        if col == self.COL_SIZE:
            if item.input_size is None:
                return ""
            w, h = item.input_size
            if item.video and item.frames:
                return self.tr("{w}×{h} · {n} frames").format(w=w, h=h, n=item.frames)
            return f"{w}×{h}"
        if col == self.COL_MODEL:
            return f"{item.model} ×{item.scale}" if item.model and item.scale else item.model
        if col == self.COL_STATUS:
            if item.status in (Status.RUNNING, Status.QUEUED) and item.message:
                return item.message   # "cancelling…"
            label = self.tr(STATUS_LABELS.get(item.status, item.status.value))
            if item.status == Status.ERROR and item.message:
                return f"{label}: {short_message(item)}"
            if item.status == Status.CANCELLED and item.resumable:
                return self.tr("{label} — can resume").format(label=label)
            return label
        if col == self.COL_OUTPUT:
            return item.output.name if item.output else ""
        return ""

    # the state's changes as Qt's row signals (app.gui.queue_state.QueueListener) -------
    def rows_inserting(self, first: int, last: int) -> None:
        self.beginInsertRows(QModelIndex(), first, last)

    def rows_inserted(self) -> None:
        self.endInsertRows()

    def row_removing(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)

    def row_removed(self) -> None:
        self.endRemoveRows()

    def row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
