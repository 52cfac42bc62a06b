"""The *Run on* choice: this computer, or an ``srstudio serve`` server (URL + token), with
a *Test connection* button.  Only the choice lives here; the queue controller reads
:meth:`RunOnPanel.target` when it starts a worker, and the window runs the test in a
:class:`~app.gui.remote_worker.ServerCheckWorker`.  Remembered in the settings store.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.gui.remote_worker import ServerTarget, normalize_url
from app.gui.settings_store import SettingsStore

LOCAL, SERVER = "local", "server"
URL_HINT = "http://192.168.1.20:8765"
BUSY_TIP = "Where the jobs run can change when the queue has finished or is cancelled"
SERVER_TIP = ("Send the queue's jobs to a computer running 'srstudio serve': files are "
              "uploaded, upscaled there and the results saved here, named as usual.")


class RunOnPanel(QGroupBox):
    """``changed`` on every edit (the window saves it); ``testRequested(ServerTarget)``
    when *Test connection* is clicked."""

    changed = Signal()
    testRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Run on"), parent)
        self.setObjectName("runOn")
        self.where_combo = QComboBox()
        self.where_combo.setObjectName("runOnCombo")
        self.where_combo.addItem(self.tr("This computer"), LOCAL)
        self.where_combo.addItem(self.tr("A server"), SERVER)
        self.where_combo.setToolTip(self.tr(SERVER_TIP))
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("serverUrl")
        self.url_edit.setPlaceholderText(URL_HINT)
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("serverToken")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("if the server has one"))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testConnection")
        self.status_label = QLabel("")
        self.status_label.setObjectName("serverStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                        QSizePolicy.Policy.Preferred)

        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.status_label, 1)
        self._form = QFormLayout(self)
        self._form.addRow(self.tr("Where"), self.where_combo)
        self._form.addRow(self.tr("Server"), self.url_edit)
        self._form.addRow(self.tr("Token"), self.token_edit)
        self._form.addRow(test_row)
        self.where_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.where_combo.setMinimumContentsLength(8)

        self.where_combo.currentIndexChanged.connect(self._on_where)
        self.where_combo.currentIndexChanged.connect(self.changed)
        self.url_edit.textChanged.connect(self._forget_check)
        self.token_edit.textChanged.connect(self._forget_check)
        self.url_edit.textChanged.connect(self.changed)
        self.token_edit.textChanged.connect(self.changed)
        self.test_button.clicked.connect(self._on_test)
        self._on_where()

    def on_server(self) -> bool:
        return self.where_combo.currentData() == SERVER

    def target(self) -> ServerTarget | None:
        """The server the jobs go to, or None for this computer."""
        if not self.on_server():
            return None
        return ServerTarget(normalize_url(self.url_edit.text()), self.token_edit.text().strip())

    def _on_where(self) -> None:
        server = self.on_server()
        for row in (1, 2, 3):
            self._form.setRowVisible(row, server)

    @Slot()
    def _forget_check(self) -> None:
        self.status_label.setText("")

    @Slot()
    def _on_test(self) -> None:
        target = self.target()
        if target is None:
            return
        self.test_button.setEnabled(False)
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("Connecting…"))
        self.testRequested.emit(target)

    @Slot(bool, str)
    def show_check(self, ok: bool, text: str) -> None:
        """The result of *Test connection*, in one line under the token."""
        self.test_button.setEnabled(True)
        self.status_label.setText(text)
        self.status_label.setToolTip(text)
        self.status_label.setStyleSheet("" if ok else "color: #d04040;")

    def set_busy(self, busy: bool) -> None:
        """While jobs run, where they run stays as it is (the running worker keeps its
        server); the test stays available."""
        for w in (self.where_combo, self.url_edit, self.token_edit):
            w.setEnabled(not busy)
            w.setToolTip(self.tr(BUSY_TIP) if busy else
                         (self.tr(SERVER_TIP) if w is self.where_combo else ""))

    # settings ------------------------------------------------------------------------
    def load(self, store: SettingsStore) -> None:
        # read every value before showing any: the window saves the panel on each change
        url, token = store.get_str("run_on/url", ""), store.get_str("run_on/token", "")
        where = store.get_str("run_on/where", LOCAL)
        self.url_edit.setText(url)
        self.token_edit.setText(token)
        self.where_combo.setCurrentIndex(max(0, self.where_combo.findData(where)))
        self._on_where()

    def save(self, store: SettingsStore) -> None:
        store.set("run_on/where", self.where_combo.currentData())
        store.set("run_on/url", self.url_edit.text().strip())
        store.set("run_on/token", self.token_edit.text().strip())
