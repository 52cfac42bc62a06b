"""The job queue as a Qt table model: one row per input file (image or video), its status
and progress (tiles for images, frames for videos).

Rows are identified by a stable integer id (not the row number) because workers report
progress asynchronously and rows may be removed meanwhile.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

# the rows and statuses are the plain queue state's (moving there: app.gui.queue_state)
from app.gui.queue_state import FINISHED, QueueItem, Status

__all__ = ["FINISHED", "QueueItem", "QueueModel", "Status", "format_eta", "short_message"]

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

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[QueueItem] = []
        self._next_id = 1

    # Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

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
        item = self._items[index.row()]
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

    # queue API --------------------------------------------------------------------------
    @property
    def items(self) -> list[QueueItem]:
        return list(self._items)

    def item(self, row: int) -> QueueItem:
        return self._items[row]

    def row_of(self, item_id: int) -> int:
        for i, it in enumerate(self._items):
            if it.id == item_id:
                return i
        return -1

    def by_id(self, item_id: int) -> QueueItem | None:
        row = self.row_of(item_id)
        return self._items[row] if row >= 0 else None

    def add_files(self, files: list[tuple[Path, Path | None]]) -> list[QueueItem]:
        """Append (file, root folder) pairs, skipping files already waiting or running."""
        pending = {os.path.normcase(os.path.abspath(it.path)) for it in self._items
                   if it.status in (Status.QUEUED, Status.RUNNING)}
        new: list[QueueItem] = []
        for f, root in files:
            key = os.path.normcase(os.path.abspath(f))
            if key in pending:
                continue
            pending.add(key)
            new.append(QueueItem(id=self._next_id, path=Path(f), root=root))
            self._next_id += 1
        if new:
            first = len(self._items)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._items.extend(new)
            self.endInsertRows()
        return new

    def update(self, item_id: int, **changes: Any) -> QueueItem | None:
        row = self.row_of(item_id)
        if row < 0:
            return None
        item = self._items[row]
        for k, v in changes.items():
            setattr(item, k, v)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
        return item

    def remove_ids(self, ids: set[int]) -> None:
        for row in range(len(self._items) - 1, -1, -1):
            if self._items[row].id in ids:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._items[row]
                self.endRemoveRows()

    def count(self, status: Status) -> int:
        return sum(1 for it in self._items if it.status == status)
