"""The settings panel's Video group: codec, quality (CRF or bitrate), encoder preset, and a
hint with the file name videos are written as.

It is its own widget because video output has its own state: the codec list arrives late
(FFmpeg is asked in a worker) and a remembered hardware encoder is kept until it is listed.
The group reads and writes only the ``video_*`` fields of a :class:`JobSettings` and the
``video/`` keys of the settings store; :class:`~app.gui.settings_panel.SettingsPanel`
composes it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.gui.job_settings import DEFAULT_PATTERN, JobSettings
from app.gui.settings_store import SettingsStore

# (label, codec key, hardware family, container suffix); the encoders this FFmpeg build
# really has replace the list once engine.video.encoders.available_encoders() reports
SOFTWARE_CODECS = (("H.264 (x264)", "h264", None, ".mp4"),
                   ("H.265/HEVC (x265)", "h265", None, ".mp4"),
                   ("VP9 (libvpx)", "vp9", None, ".mp4"),
                   ("AV1 (SVT-AV1)", "av1", None, ".mp4"),
                   ("FFV1 (lossless)", "ffv1", None, ".mkv"),
                   ("ProRes 422 HQ", "prores", None, ".mov"))
PRESETS = ("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower",
           "veryslow")
NO_QUALITY_CODECS = ("ffv1", "prores")     # fixed quality: CRF/bitrate do not apply

SuffixRole = Qt.ItemDataRole.UserRole + 1   # the codec combo's container suffix


def codec_key(codec: str, hw: str | None) -> str:
    """The codec combo's item data: 'h264|' (software) or 'h264|nvenc'."""
    return f"{codec}|{hw or ''}"


class VideoSettings(QGroupBox):
    """The Video group box; ``changed`` fires whenever one of its choices does."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Video"))
        self._wanted_codec: str | None = None
        self._name_pattern = DEFAULT_PATTERN

        self.codec_combo = QComboBox()
        self.codec_combo.setObjectName("videoCodec")
        self.rate_combo = QComboBox()
        self.rate_combo.addItem(self.tr("CRF"), "crf")
        self.rate_combo.addItem(self.tr("Bitrate"), "bitrate")
        self.rate_combo.setToolTip(self.tr("Constant quality (CRF) or a target bitrate"))
        self.crf_spin = QSpinBox()
        self.crf_spin.setRange(0, 63)
        self.crf_spin.setValue(18)
        self.crf_spin.setToolTip(self.tr("Constant quality: lower is better (x264: 18 is "
                                         "visually lossless, 23 the default)"))
        self.bitrate_edit = QLineEdit()
        self.bitrate_edit.setPlaceholderText("8M")
        self.bitrate_edit.setToolTip(self.tr("Target bitrate, e.g. 8M or 2500k"))
        self.preset_combo = QComboBox()
        self.preset_combo.addItems(list(PRESETS))
        self.preset_combo.setCurrentText("medium")
        self.preset_combo.setToolTip(self.tr("Encoder speed: slower presets make smaller files"))
        self.video_name_label = QLabel()
        self.video_name_label.setWordWrap(True)
        self.video_name_label.setObjectName("videoNameHint")

        rate_row = QHBoxLayout()
        rate_row.addWidget(self.rate_combo)
        rate_row.addWidget(self.crf_spin, 1)
        rate_row.addWidget(self.bitrate_edit, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("Codec"), self.codec_combo)
        form.addRow(self.tr("Quality"), rate_row)
        form.addRow(self.tr("Preset"), self.preset_combo)
        form.addRow(self.video_name_label)

        self.set_encoders([])
        for w in (self.codec_combo, self.rate_combo, self.preset_combo):
            w.currentIndexChanged.connect(self.changed)
        self.crf_spin.valueChanged.connect(self.changed)
        self.bitrate_edit.textChanged.connect(self.changed)
        self.codec_combo.currentIndexChanged.connect(self._refresh)
        self.codec_combo.activated.connect(self._on_codec_chosen)
        self.rate_combo.currentIndexChanged.connect(self._refresh)

    # codecs ----------------------------------------------------------------------------
    def set_encoders(self, encoders: list[Any]) -> None:
        """Fill the codec combo from ``available_encoders()`` (EncoderInfo list); an empty
        list shows the software codecs until the worker has asked FFmpeg."""
        current = self._wanted_codec or self.codec_combo.currentData()
        rows = [(e.label, e.codec, e.hardware, e.extension) for e in encoders] or \
            list(SOFTWARE_CODECS)
        self.codec_combo.blockSignals(True)
        self.codec_combo.clear()
        for label, codec, hw, ext in rows:
            self.codec_combo.addItem(f"{label} · {ext}", codec_key(codec, hw))
            self.codec_combo.setItemData(self.codec_combo.count() - 1, ext, SuffixRole)
        self._select_codec(current)
        self.codec_combo.blockSignals(False)
        self._refresh()

    def _select_codec(self, key: str | None) -> None:
        """Select ``key`` ('h264|nvenc'); one not listed is remembered (a hardware encoder
        before the worker has checked the GPU) and H.264 shown meanwhile."""
        idx = self.codec_combo.findData(key) if key else -1
        self._wanted_codec = key if idx < 0 and key else None
        if idx < 0:
            idx = max(0, self.codec_combo.findData("h264|"))
        self.codec_combo.setCurrentIndex(idx)

    def _on_codec_chosen(self) -> None:
        self._wanted_codec = None

    def video_codec(self) -> tuple[str, str | None]:
        """(codec, hardware family or None) of the chosen encoder."""
        data = str(self.codec_combo.currentData() or "h264|")
        codec, _, hw = data.partition("|")
        return codec or "h264", hw or None

    def video_suffix(self) -> str:
        return str(self.codec_combo.currentData(SuffixRole) or ".mp4")

    # name hint and enabled state -------------------------------------------------------
    def set_name_pattern(self, pattern: str) -> None:
        """The output name pattern (colorize suffix included) the hint shows."""
        self._name_pattern = pattern
        self._refresh()

    def _refresh(self) -> None:
        codec, _hw = self.video_codec()
        fixed = codec in NO_QUALITY_CODECS
        by_rate = self.rate_combo.currentData() == "bitrate"
        self.rate_combo.setEnabled(not fixed)
        self.crf_spin.setEnabled(not fixed and not by_rate)
        self.bitrate_edit.setEnabled(not fixed and by_rate)
        self.crf_spin.setVisible(not by_rate)
        self.bitrate_edit.setVisible(by_rate)
        self.video_name_label.setText(self.tr("Videos are written as {name}").format(
            name=self._name_pattern + self.video_suffix()))

    # settings --------------------------------------------------------------------------
    def fill(self, s: JobSettings) -> JobSettings:
        """``s`` with its ``video_*`` fields set from this group."""
        codec, hw = self.video_codec()
        by_rate = self.rate_combo.currentData() == "bitrate"
        return replace(s, video_codec=codec, video_hw=hw, video_crf=self.crf_spin.value(),
                       video_bitrate=(self.bitrate_edit.text().strip() or None) if by_rate
                       else None,
                       video_preset=self.preset_combo.currentText() or "medium")

    def apply(self, s: JobSettings) -> None:
        self._select_codec(codec_key(s.video_codec, s.video_hw))
        self.crf_spin.setValue(int(s.video_crf))
        self.rate_combo.setCurrentIndex(1 if s.video_bitrate else 0)
        if s.video_bitrate:
            self.bitrate_edit.setText(str(s.video_bitrate))
        self.preset_combo.setCurrentText(s.video_preset if s.video_preset in PRESETS
                                         else "medium")
        self._refresh()

    @staticmethod
    def read(store: SettingsStore, s: JobSettings) -> JobSettings:
        """``s`` with its ``video_*`` fields as the store has them."""
        by_rate = store.get_str("video/rate_mode", "crf") == "bitrate"
        return replace(
            s, video_codec=store.get_str("video/codec", "h264") or "h264",
            video_hw=store.get_str("video/hw", "") or None,
            video_crf=store.get_int("video/crf", 18),
            video_bitrate=(store.get_str("video/bitrate", "") or None) if by_rate else None,
            video_preset=store.get_str("video/preset", "medium"))

    def restore_bitrate_text(self, store: SettingsStore) -> None:
        """The bitrate text is kept even while CRF is chosen."""
        if not self.bitrate_edit.text():
            self.bitrate_edit.setText(store.get_str("video/bitrate", ""))

    def save(self, store: SettingsStore) -> None:
        codec, _, hw = (self._wanted_codec or codec_key(*self.video_codec())).partition("|")
        store.set("video/codec", codec)
        store.set("video/hw", hw)
        store.set("video/crf", self.crf_spin.value())
        store.set("video/rate_mode", str(self.rate_combo.currentData()))
        store.set("video/bitrate", self.bitrate_edit.text().strip())
        store.set("video/preset", self.preset_combo.currentText() or "medium")
