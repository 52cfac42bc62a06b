"""Help ▸ Self-test: the rows of ``srstudio selftest`` in a table as each check ends, then
one pass/fail line.  The checks run in a :class:`SelftestWorker` (the UI never waits);
closing the dialog cancels them, so no test keeps a model loaded behind a closed window.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.gui.selftest_worker import AREAS, SelftestWorker
from app.gui.workers import WorkerHost

FAIL_COLOUR = QColor(200, 40, 40)


class SelftestDialog(QDialog):
    """Starts the self-test on ``host`` when made; ``table`` and ``verdict`` show it."""

    def __init__(self, host: WorkerHost, parent: QWidget | None = None,
                 areas: Iterable[str] = AREAS) -> None:
        super().__init__(parent)
        self.setObjectName("selftestDialog")
        self.setWindowTitle(self.tr("Self-test"))
        self.resize(760, 440)
        intro = QLabel(self.tr("Checks this installation: every shipped model on every "
                               "backend and device found, each image format, and a short "
                               "video with audio."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Result"), self.tr("Check"), self.tr("Details"), self.tr("Time")])
        self.table.verticalHeader().hide()
        # one line a row: 37 rows for a full install, as many as fit in view
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for col, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                    QHeaderView.ResizeMode.ResizeToContents,
                                    QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(col, mode)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)        # no total is known in advance: a busy bar
        self.busy.setTextVisible(False)
        self.verdict = QLabel(self.tr("Running…"))
        self.verdict.setObjectName("selftestVerdict")
        self.verdict.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.busy)
        lay.addWidget(self.verdict)
        lay.addWidget(buttons)
        self.passed: bool | None = None   # None while running (or cancelled)
        self._area_names = {"model": self.tr("Model"), "format": self.tr("Image format"),
                            "video": self.tr("Video")}
        self.worker: SelftestWorker | None = SelftestWorker(areas)
        self.worker.checked.connect(self._on_check)
        self.worker.done.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)
        self.worker.finished.connect(self._on_finished)
        host.start(self.worker)

    def running(self) -> bool:
        return self.worker is not None

    def done(self, result: int) -> None:
        """Closing (Close, Esc, the title bar) cancels a run still going."""
        if self.worker is not None:
            self.worker.cancel()
        super().done(result)

    @Slot(object)
    def _on_check(self, check: Any) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        area = self._area_names.get(check.area, check.area)
        cells = [self.tr("passed") if check.ok else self.tr("FAILED"),
                 f"{area}: {check.name}", check.detail, f"{check.seconds:.1f} s"]
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col == 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if not check.ok:
                item.setForeground(QBrush(FAIL_COLOUR))
            self.table.setItem(row, col, item)
        self.table.scrollToBottom()
        self.verdict.setText(self.tr("Running… checks done: {n}").format(n=row + 1))

    @Slot(int, int)
    def _on_done(self, passed: int, failed: int) -> None:
        self.passed = failed == 0
        total = passed + failed
        if failed:
            text = self.tr("Self-test failed: {f} of {t} checks failed.").format(f=failed,
                                                                                 t=total)
        else:
            text = self.tr("Self-test passed: {p} of {t} checks succeeded.").format(p=passed,
                                                                                    t=total)
        self.verdict.setText(text)
        colour = FAIL_COLOUR.name() if failed else "#2e8b3a"
        self.verdict.setStyleSheet(f"font-weight: bold; color: {colour};")

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.passed = False
        self.verdict.setText(self.tr("The self-test stopped: {m}").format(m=message))
        self.verdict.setStyleSheet(f"font-weight: bold; color: {FAIL_COLOUR.name()};")

    @Slot()
    def _on_finished(self) -> None:
        self.worker = None
        self.busy.hide()
