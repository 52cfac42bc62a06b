"""The settings panel's Output group: the folder outputs go to, their format and quality,
and the name pattern.

Its own widget, like the Video group, because it reads and writes only the output fields
of a :class:`~app.gui.job_settings.JobSettings`;
:class:`~app.gui.settings_panel.SettingsPanel` composes it.  Its texts keep the
'SettingsPanel' translation context they had as the panel's ``self.tr``, spelled out in
``QCore.translate`` calls (pyside6-lupdate reads only literal arguments).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication as QCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from app.gui.job_settings import DEFAULT_PATTERN, JobSettings
from app.gui.settings_choices import FORMATS


class OutputSettings(QGroupBox):
    """The Output group box; ``changed`` fires whenever one of its choices does."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(QCore.translate("SettingsPanel", "Output"))
        self.out_edit = QLineEdit()
        self.out_edit.setPlaceholderText(QCore.translate("SettingsPanel", "Beside each input"))
        self.out_edit.setObjectName("outputFolder")
        browse = QToolButton()
        browse.setText("…")
        browse.setToolTip(QCore.translate("SettingsPanel", "Choose the output folder"))
        browse.clicked.connect(self._browse)
        self.format_combo = QComboBox()
        for label, value in FORMATS:
            self.format_combo.addItem(QCore.translate("SettingsPanel", label), value)
        self.quality_spin = QSpinBox()
        self.quality_spin.setRange(1, 100)
        self.quality_spin.setValue(95)
        self.quality_spin.setSuffix(QCore.translate("SettingsPanel", " quality"))
        self.pattern_edit = QLineEdit(DEFAULT_PATTERN)
        self.pattern_edit.setToolTip(QCore.translate(
            "SettingsPanel", "Fields: {stem}, {scale}, {model}. With "
                             "colorize on, the default name ends in _color."))

        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)
        fmt_row = QHBoxLayout()
        fmt_row.addWidget(self.format_combo, 1)
        fmt_row.addWidget(self.quality_spin)
        form = QFormLayout(self)
        form.addRow(QCore.translate("SettingsPanel", "Folder"), out_row)
        form.addRow(QCore.translate("SettingsPanel", "Format"), fmt_row)
        form.addRow(QCore.translate("SettingsPanel", "Name"), self.pattern_edit)

        self.format_combo.currentIndexChanged.connect(self._on_format)
        self.format_combo.currentIndexChanged.connect(self.changed)
        self.quality_spin.valueChanged.connect(self.changed)
        self.out_edit.textChanged.connect(self.changed)
        self.pattern_edit.textChanged.connect(self.changed)
        self._on_format()

    def _on_format(self) -> None:
        self.quality_spin.setEnabled(self.format_combo.currentData() in (None, "jpg", "webp"))

    def _browse(self) -> None:
        d = QFileDialog.getExistingDirectory(
            self, QCore.translate("SettingsPanel", "Output folder"), self.out_edit.text())
        if d:
            self.out_edit.setText(d)

    def name_pattern(self) -> str:
        """The name pattern as typed (stripped; empty: the default)."""
        return self.pattern_edit.text().strip()

    # settings --------------------------------------------------------------------------
    def fill(self, s: JobSettings) -> JobSettings:
        """``s`` with its output fields set from this group."""
        return replace(s, output_dir=self.out_edit.text().strip() or None,
                       output_format=self.format_combo.currentData(),
                       quality=self.quality_spin.value(),
                       name_pattern=self.name_pattern() or DEFAULT_PATTERN)

    def apply(self, s: JobSettings) -> None:
        self.out_edit.setText(s.output_dir or "")
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(s.output_format)))
        self.quality_spin.setValue(s.quality)
        self.pattern_edit.setText(s.name_pattern)
