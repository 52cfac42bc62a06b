"""Models ▸ Manage models…: the model library in a table (shipped, imported and trained
models with architecture, scale, parameters, format, the backends each runs on and its
file hash; author, licence and description where the file carries them), with Import,
Rename and Remove.

The dialog only shows and asks: listing, renaming and removing are the catalog
controller's workers (:mod:`app.gui.catalog_controller`), and every change refreshes the
window's model box and then this table through ``modelsChanged``.  Model files dropped
here import as they do on the main window.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.gui.catalog_controller import CatalogController

NameRole = Qt.ItemDataRole.UserRole + 1
RUNTIMES = {"torch": "PyTorch", "onnx": "ONNX Runtime", "ncnn": "ncnn"}


def format_text(entry: dict[str, Any]) -> str:
    """'SR Studio', 'PyTorch (.pth)', 'ONNX', 'ncnn (.param/.bin)': what the file is."""
    fmt, suffix = entry.get("format") or "srstudio", Path(str(entry.get("path", ""))).suffix
    return {"srstudio": "SR Studio (.safetensors)", "spandrel": f"PyTorch ({suffix})",
            "onnx": "ONNX", "ncnn": "ncnn (.param/.bin)"}.get(fmt, fmt)


def runs_on_text(entry: dict[str, Any]) -> str:
    return ", ".join(RUNTIMES.get(b, b) for b in entry.get("backends") or [])


class ModelsDialog(QDialog):
    """The library's table; ``rename_button`` and ``remove_button`` act on a user model."""

    # translated where shown (self.tr); QT_TRANSLATE_NOOP marks them for pyside6-lupdate
    COLUMNS = (QT_TRANSLATE_NOOP("ModelsDialog", "Name"),
               QT_TRANSLATE_NOOP("ModelsDialog", "Source"),
               QT_TRANSLATE_NOOP("ModelsDialog", "Architecture"),
               QT_TRANSLATE_NOOP("ModelsDialog", "Scale"),
               QT_TRANSLATE_NOOP("ModelsDialog", "Parameters"),
               QT_TRANSLATE_NOOP("ModelsDialog", "Format"),
               QT_TRANSLATE_NOOP("ModelsDialog", "Runs on"),
               QT_TRANSLATE_NOOP("ModelsDialog", "SHA-256 (first 16 hex)"))

    def __init__(self, catalog: CatalogController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelsDialog")
        self.setWindowTitle(self.tr("Models"))
        self.setAcceptDrops(True)
        self.resize(980, 480)
        self.catalog = catalog
        self.entries: list[dict[str, Any]] = []
        self._listing = False      # a listing worker runs
        self._again = False        # the library changed while it ran: list once more
        self._wanted: str | None = None   # select this name once it is listed
        self._changing = False
        self._stale = True         # the library changed while the view was hidden
        intro = QLabel(self.tr("The shipped models and the ones you imported or trained. "
                               "Drop model files (.pth, .safetensors, .onnx, .param/.bin) or "
                               "an Upscayl models folder here or on the main window to add "
                               "them."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("modelsTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for col in range(len(self.COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.details = QLabel()
        self.details.setObjectName("modelDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMinimumHeight(48)
        self.status = QLabel()
        self.status.setObjectName("modelsStatus")
        self.status.setWordWrap(True)
        self.import_button = QPushButton(self.tr("&Import…"))
        self.rename_button = QPushButton(self.tr("Re&name…"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.close_button = QPushButton(self.tr("Close"))
        self.import_button.clicked.connect(catalog.import_model_dialog)
        self.rename_button.clicked.connect(self.ask_rename)
        self.remove_button.clicked.connect(self.ask_remove)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for b in (self.import_button, self.rename_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.details)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        catalog.modelsChanged.connect(self.reload)
        catalog.changeFailed.connect(self._on_change_failed)
        catalog.changeFinished.connect(self._on_change_finished)
        catalog.importRejected.connect(self._on_import_rejected)
        self._update_buttons()
        self.reload()

    # listing ----------------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        """List the library again (in a worker); a second call while one runs waits for it,
        and a hidden view lists when it is shown again."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if self._listing:
            self._again = True
            return
        self._listing = True
        self.status.setText(self.tr("Reading the model library…"))
        self.catalog.list_library(self._on_listed, self._on_list_finished)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def listing(self) -> bool:
        """Whether a listing or a change is still under way (tests wait on it)."""
        return self._listing or self._again or self._changing

    @Slot(list)
    def _on_listed(self, entries: list) -> None:
        keep = self._wanted or self.selected_name()
        self.entries = list(entries)
        t = self.table
        t.setRowCount(0)
        t.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            params = e.get("parameters")
            arch = str(e.get("architecture") or "") if e.get("architecture_known", True) \
                else "—"
            cells = [e["name"], self.tr("Shipped") if e["source"] == "shipped" else
                     self.tr("Imported"), arch, f"×{e['scale']}",
                     f"{params:,}" if params else "—", format_text(e), runs_on_text(e),
                     str(e.get("sha256") or "")]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(NameRole, e["name"])
                item.setToolTip(str(e.get("path", "")))
                if col in (3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(row, col, item)
        if keep is None or not self.select(keep):
            self._on_selection()
        self._wanted = None
        user = sum(1 for e in self.entries if e["source"] == "user")
        self.status.setText(self.tr("{n} models: {s} shipped, {u} yours").format(
            n=len(self.entries), s=len(self.entries) - user, u=user))

    @Slot()
    def _on_list_finished(self) -> None:
        self._listing = False
        if self._again:
            self._again = False
            self.reload()

    # selection --------------------------------------------------------------------------
    def names(self) -> list[str]:
        return [e["name"] for e in self.entries]

    def select(self, name: str) -> bool:
        for row, e in enumerate(self.entries):
            if e["name"].lower() == name.lower():
                self.table.selectRow(row)
                return True
        return False

    def selected_name(self) -> str | None:
        entry = self.selected()
        return entry["name"] if entry else None

    def selected(self) -> dict[str, Any] | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.entries[min(rows)] if rows and min(rows) < len(self.entries) else None

    @Slot()
    def _on_selection(self) -> None:
        e = self.selected()
        self.details.setText(self._details(e) if e else "")
        self._update_buttons()

    def _details(self, e: dict[str, Any]) -> str:
        """The facts the columns leave out: what the file says of itself, then its path."""
        parts = [f"<b>{html.escape(str(e.get('title') or e['name']))}</b>"]
        for key, label in (("author", self.tr("Author")), ("license", self.tr("Licence")),
                           ("purpose", self.tr("Purpose")), ("role", self.tr("Role"))):
            if e.get(key):
                parts.append(f"{label}: {html.escape(str(e[key]))}")
        set5 = (e.get("metrics") or {}).get("Set5") or {}
        if isinstance(set5, dict) and set5.get("psnr_y") is not None:
            parts.append(f"Set5 {float(set5['psnr_y']):.2f} dB")
        text = " · ".join(parts)
        if e.get("description"):
            text += "<br>" + html.escape(str(e["description"]))
        return text + "<br><small>" + html.escape(str(e.get("path", ""))) + "</small>"

    def _update_buttons(self) -> None:
        e = self.selected()
        mine = e is not None and e["source"] == "user" and not self._changing
        tip = "" if mine or e is None else self.tr("Shipped models cannot be renamed or "
                                                   "removed")
        for b in (self.rename_button, self.remove_button):
            b.setEnabled(mine)
            b.setToolTip(tip)

    # changes ----------------------------------------------------------------------------
    @Slot()
    def ask_rename(self) -> None:
        """Rename…: the new name in a small dialog (non-blocking); the engine checks it."""
        name = self.selected_name()
        if name is None:
            return
        box = QInputDialog(self)
        box.setObjectName("renameModel")
        box.setWindowTitle(self.tr("Rename model"))
        box.setLabelText(self.tr("New name for {name}:").format(name=name))
        box.setTextValue(name)
        box.setOkButtonText(self.tr("Rename"))
        box.setProperty("model_name", name)
        box.textValueSelected.connect(self._on_new_name)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    @Slot(str)
    def _on_new_name(self, new: str) -> None:
        box = self.sender()
        old = box.property("model_name") if box is not None else self.selected_name()
        if not old or new.strip() == old:
            return
        self._wanted = new.strip()
        self._start_change(partial(self.catalog.rename_model, str(old), new),
                           self.tr("Renaming {name}…").format(name=old))

    @Slot()
    def ask_remove(self) -> None:
        """Remove: asks first (the file is deleted from the user's model folder)."""
        e = self.selected()
        if e is None or e["source"] != "user":
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove model"),
                          self.tr("Remove {name}? Its file is deleted from your model "
                                  "folder:\n{path}").format(name=e["name"], path=e["path"]),
                          parent=self)
        box.setObjectName("confirmRemove")
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is remove:
            self._start_change(partial(self.catalog.remove_model, e["name"]),
                               self.tr("Removing {name}…").format(name=e["name"]))

    def _start_change(self, start: Callable[[], Any], text: str) -> None:
        self._changing = True
        self.status.setText(text)
        self._update_buttons()
        start()

    @Slot()
    def _on_change_finished(self) -> None:
        self._changing = False
        self._update_buttons()

    @Slot(str)
    def _on_change_failed(self, message: str) -> None:
        self._wanted = None
        self.status.setText(self.tr("Not changed: {m}").format(m=message))

    @Slot(list)
    def _on_import_rejected(self, lines: list) -> None:
        self.status.setText("\n".join(self.tr("Not imported: {m}").format(m=line)
                                      for line in lines))

    # drops ------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        others = self.catalog.take_models(paths)
        if others:
            self.status.setText(self.tr("{n} file(s) that are not models were left out: "
                                        "pictures and videos go on the main window")
                                .format(n=len(others)))
