"""Upscale settings: model, scale, device, backend, precision, tile, colorize; and the
Output (:mod:`app.gui.output_settings`) and Video (:mod:`app.gui.video_settings`) groups.

The panel only collects choices into a :class:`~app.gui.job_settings.JobSettings` (plain
data, no torch import at start-up); the worker turns it into the engine's
``UpscaleOptions``.  Choices persist in QSettings (:mod:`app.gui.stored_job_settings`);
the lists it offers are :mod:`app.gui.settings_choices`.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.job_settings import JobSettings
from app.gui.model_combo import AUTO, ModelCombo
from app.gui.output_settings import OutputSettings
from app.gui.settings_choices import (
    BACKEND_TIP,
    BACKENDS,
    COLORIZE,
    COLORIZE_TIP,
    DEFAULT_STRENGTH,
    ENSEMBLE_TIP,
    NO_COLORIZER_TIP,
    ONNX_PRECISION_TIP,
    PRECISIONS,
    SCALES,
    STRENGTH_TIP,
    TILES,
)
from app.gui.settings_store import SettingsStore
from app.gui.stored_job_settings import read_job_settings, write_job_settings
from app.gui.video_settings import VideoSettings
from engine.naming import name_pattern_for


class SettingsPanel(QWidget):
    changed = Signal()
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPanel")
        self._wanted_model: str | None = None
        self._auto_tile: int | None = None
        self._wanted_colorize: str | None = None   # remembered while no colorizer is installed
        self._colorize_available: bool | None = None   # None: not known yet

        self.model_combo = ModelCombo()
        self.import_button = QToolButton()
        self.import_button.setText(self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Import a .safetensors model"))
        self.import_button.clicked.connect(self.importRequested)
        self.scale_combo = QComboBox()
        for s in SCALES:
            self.scale_combo.addItem(f"×{s}", s)
        self.device_combo = QComboBox()
        self.device_combo.addItem(self.tr("Auto"), "auto")
        self.device_combo.addItem("CPU", "cpu")
        self.backend_combo = QComboBox()
        self.backend_combo.setObjectName("backendCombo")
        for label, value in BACKENDS:
            self.backend_combo.addItem(self.tr(label), value)   # 'Auto' is translated
        if importlib.util.find_spec("onnxruntime") is None:   # no import: start-up time
            self.backend_combo.model().item(self.backend_combo.findData("onnx")).setEnabled(False)
        self.backend_combo.setToolTip(self.tr(BACKEND_TIP))
        self.precision_combo = QComboBox()
        for label, value in PRECISIONS:
            self.precision_combo.addItem(self.tr(label), value)
        self.tile_combo = QComboBox()
        self.tile_combo.addItems(list(TILES))   # chosen by index: the words may be translated
        self.tile_combo.setItemText(0, self.tr("Auto"))
        self.tile_combo.setItemText(1, self.tr("Off"))
        self.tile_combo.setToolTip(self.tr("Tile size in input pixels; Auto fits free memory"))
        self.ensemble_check = QCheckBox(self.tr("×8 self-ensemble"))
        self.ensemble_check.setObjectName("selfEnsembleCheck")
        self.ensemble_check.setToolTip(self.tr(ENSEMBLE_TIP))
        self.colorize_combo = QComboBox()
        self.colorize_combo.setObjectName("colorizeCombo")
        for label, value in COLORIZE:
            self.colorize_combo.addItem(self.tr(label), value)
        self.colorize_combo.setToolTip(self.tr(COLORIZE_TIP))
        self.strength_spin = QSpinBox()
        self.strength_spin.setObjectName("colorStrength")
        self.strength_spin.setRange(0, 100)
        self.strength_spin.setSingleStep(10)
        self.strength_spin.setSuffix(self.tr(" % colour"))
        self.strength_spin.setValue(round(DEFAULT_STRENGTH * 100))
        self.strength_spin.setToolTip(self.tr(STRENGTH_TIP))

        self.output = OutputSettings()
        # the Output group's widgets, under the names the window, tests and scripts use
        self.out_edit, self.format_combo = self.output.out_edit, self.output.format_combo
        self.quality_spin, self.pattern_edit = self.output.quality_spin, self.output.pattern_edit

        self.video = VideoSettings()
        # the Video group's widgets, under the names the window, tests and scripts use
        self.codec_combo, self.rate_combo = self.video.codec_combo, self.video.rate_combo
        self.crf_spin, self.bitrate_edit = self.video.crf_spin, self.video.bitrate_edit
        self.preset_combo = self.video.preset_combo
        self.video_name_label = self.video.video_name_label

        self.loading_label = QLabel(self.tr("Loading models…"))
        self.loading_label.setObjectName("modelsLoading")
        self.loading_label.setVisible(False)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model_combo, 1)
        model_row.addWidget(self.loading_label)
        model_row.addWidget(self.import_button)
        mform = QFormLayout()
        mform.addRow(self.tr("Model"), model_row)
        mform.addRow(self.tr("Scale"), self.scale_combo)
        mform.addRow(self.tr("Device"), self.device_combo)
        mform.addRow(self.tr("Backend"), self.backend_combo)
        mform.addRow(self.tr("Precision"), self.precision_combo)
        mform.addRow(self.tr("Tile"), self.tile_combo)
        mform.addRow(self.tr("Passes"), self.ensemble_check)
        color_row = QHBoxLayout()
        color_row.addWidget(self.colorize_combo, 1)
        color_row.addWidget(self.strength_spin)
        mform.addRow(self.tr("Colorize"), color_row)
        mbox = QGroupBox(self.tr("Model"))
        mbox.setLayout(mform)

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setObjectName("startButton")
        self.cancel_button = QPushButton(self.tr("Cancel all"))
        # the window pins these under the scrolling settings, so Start is always in view
        self.run_bar = QWidget()
        self.run_bar.setObjectName("runBar")
        buttons = QHBoxLayout(self.run_bar)
        buttons.setContentsMargins(0, 4, 0, 0)
        buttons.addWidget(self.start_button, 2)
        buttons.addWidget(self.cancel_button, 1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(mbox)
        lay.addWidget(self.output)
        lay.addWidget(self.video)
        lay.addStretch(1)

        # long entries ('bicubic · MATLAB imresize, the SR baseline') must not set the
        # column's minimum width: the combos shrink, the full text is in their list
        for combo in self.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.set_models([])
        self.model_combo.currentIndexChanged.connect(self._on_model)
        self.backend_combo.currentIndexChanged.connect(self._on_backend)
        self.scale_combo.currentIndexChanged.connect(
            lambda: self.model_combo.set_scale(int(self.scale_combo.currentData())))
        for w in (self.scale_combo, self.device_combo, self.backend_combo, self.precision_combo,
                  self.tile_combo, self.colorize_combo):
            w.currentIndexChanged.connect(self.changed)
        self.strength_spin.valueChanged.connect(self.changed)
        self.colorize_combo.currentIndexChanged.connect(self._on_colorize)
        self.ensemble_check.toggled.connect(self.changed)
        self.output.changed.connect(self.changed)
        self.video.changed.connect(self.changed)
        self.pattern_edit.textChanged.connect(self._on_name_pattern)
        self.colorize_combo.currentIndexChanged.connect(self._on_name_pattern)
        self._on_name_pattern()
        self._on_colorize()

    # models and devices ----------------------------------------------------------------
    def set_models(self, models: list[Any]) -> None:
        """Fill the model list (:class:`~app.gui.model_combo.ModelCombo`) and keep the choice;
        a first run selects Auto, at the best model's scale when none fits the chosen one."""
        current = self._wanted_model or self.model_name()
        self.model_combo.set_scale(int(self.scale_combo.currentData()))
        self.model_combo.fill(models)
        mc = self.model_combo
        first_run = self._wanted_model == AUTO   # not a later refresh of the list
        if current == AUTO and self.select_model(AUTO):
            self._wanted_model = None
            best = mc.role_target(AUTO, None) if mc.role_target(AUTO) is None else None
            idx = self.scale_combo.findData(int(best.scale)) if best is not None else -1
            if first_run and idx >= 0:
                self.scale_combo.setCurrentIndex(idx)
        elif current and self.select_model(current):
            self._wanted_model = None
        else:  # remembered model (or auto) not listed yet: keep wanting it, show bicubic
            self.select_model("bicubic")
        self._on_model()

    def set_loading(self, loading: bool) -> None:
        """While the model list is being read (torch is imported then: seconds), say so
        instead of showing a bicubic the user did not choose, and keep Start off."""
        self.loading_label.setVisible(loading)
        self.model_combo.setVisible(not loading)
        self.start_button.setEnabled(not loading)
        self.start_button.setToolTip(self.tr("Loading the model list…") if loading else
                                     self.tr("Upscale every queued file (Ctrl+Return)"))

    def want_model(self, name: str) -> None:
        """Select ``name`` now, or as soon as a refreshed model list contains it."""
        if not self.select_model(name):
            self._wanted_model = name

    def model_names(self) -> list[str]:
        return self.model_combo.names()

    def select_model(self, name: str) -> bool:
        return self.model_combo.select(name)

    def model_name(self) -> str:
        return self.model_combo.name()

    def set_devices(self, devices: list[str]) -> None:
        current = self.device_combo.currentData()
        self.device_combo.blockSignals(True)
        self.device_combo.clear()
        self.device_combo.addItem(self.tr("Auto"), "auto")
        for d in devices:
            self.device_combo.addItem(d.upper() if d == "cpu" else d, d)
        idx = self.device_combo.findData(current)
        self.device_combo.setCurrentIndex(max(0, idx))
        self.device_combo.blockSignals(False)

    def _on_model(self) -> None:
        fixed = self.model_combo.fixed_scale()
        if fixed:
            idx = self.scale_combo.findData(int(fixed))
            if idx >= 0:
                self.scale_combo.setCurrentIndex(idx)
        self.scale_combo.setEnabled(not fixed)
        self.ensemble_check.setEnabled(self.model_combo.is_network())  # not the resizers
        self.changed.emit()

    def _on_backend(self) -> None:
        onnx = self.backend_combo.currentData() == "onnx"
        self.precision_combo.setEnabled(not onnx)
        self.precision_combo.setToolTip(self.tr(ONNX_PRECISION_TIP) if onnx else "")

    @Slot(str, str)
    def set_auto_backend(self, backend: str, why: str = "") -> None:
        """Show what 'Auto' runs on this machine: 'Auto (PyTorch)' or the runtime it
        measured fastest ('Auto (ONNX Runtime CPU)'), with the measurement in the tooltip
        ('ONNX Runtime CPU, 1.2x PyTorch CPU'); the combo stays narrow.  ``backend`` is a
        runtime's label or a backend value ('torch', 'onnx')."""
        label = dict((v, k) for k, v in BACKENDS).get(backend, backend)
        i = self.backend_combo.findData("auto")
        self.backend_combo.setItemText(i, self.tr("Auto ({b})").format(b=label))
        self.backend_combo.setItemData(i, why or label, Qt.ItemDataRole.ToolTipRole)

    def backend(self) -> str:
        return str(self.backend_combo.currentData() or "auto")

    # video -----------------------------------------------------------------------------
    def set_encoders(self, encoders: list[Any]) -> None:
        """The video encoders FFmpeg has (EncoderInfo list): see VideoSettings.set_encoders."""
        self.video.set_encoders(encoders)

    def _on_name_pattern(self) -> None:
        self.video.set_name_pattern(
            name_pattern_for(self.output.name_pattern(), self.colorize_setting()))

    # colorize --------------------------------------------------------------------------
    @Slot(list)
    def set_colorize_models(self, models: list[Any]) -> None:
        """The installed colorize models (ModelInfo list, from the models worker): with none
        the combo is disabled and shows Off, the remembered choice comes back once one is."""
        self._colorize_available = bool(models)
        wanted = self._wanted_colorize or self.colorize_combo.currentData()
        self.colorize_combo.setEnabled(bool(models))
        self.colorize_combo.setToolTip(self.tr(COLORIZE_TIP) if models
                                       else self.tr(NO_COLORIZER_TIP))
        self._select_colorize(wanted)

    def _select_colorize(self, when: str | None) -> None:
        idx = self.colorize_combo.findData(when) if when else 0
        if idx < 0:
            idx, when = 0, None
        if when and self._colorize_available is False:
            self._wanted_colorize, idx = when, 0
        else:
            self._wanted_colorize = None
        self.colorize_combo.setCurrentIndex(idx)

    def _on_colorize(self) -> None:
        self.strength_spin.setEnabled(self.colorize_setting() is not None)

    def colorize_setting(self) -> str | None:
        """None, 'before' or 'after' (Off while no colorize model is installed)."""
        return self.colorize_combo.currentData() if self._colorize_available is not False \
            else None

    # tile ------------------------------------------------------------------------------
    def set_auto_tile(self, tile: int | None) -> None:
        """Show the size 'Auto' picked in the last run: 'Auto (384)'."""
        self._auto_tile = tile
        self.tile_combo.setItemText(0, self.tr("Auto") + (f" ({tile})" if tile else ""))

    def tile_setting(self) -> int | str | None:
        i = self.tile_combo.currentIndex()
        if i <= 0:
            return "auto"
        if i == 1:
            return None
        return int(TILES[i])

    # settings --------------------------------------------------------------------------
    def job_settings(self) -> JobSettings:
        return self.video.fill(self.output.fill(JobSettings(
            model=self.model_name() or "bicubic",
            scale=int(self.scale_combo.currentData()),
            device=str(self.device_combo.currentData() or "auto"),
            backend=self.backend(),
            precision=(str(self.precision_combo.currentData()) if self.backend() != "onnx"
                       else "auto"),
            tile=self.tile_setting(),
            self_ensemble=self.ensemble_check.isEnabled() and self.ensemble_check.isChecked(),
            colorize=self.colorize_setting(),
            colorize_strength=self.strength_spin.value() / 100.0)))

    def apply(self, s: JobSettings) -> None:
        if not self.select_model(s.model):
            self._wanted_model = s.model
        idx = self.scale_combo.findData(s.scale)
        if idx >= 0 and self.scale_combo.isEnabled():
            self.scale_combo.setCurrentIndex(idx)
        idx = self.device_combo.findData(s.device)
        if idx < 0 and s.device:
            self.device_combo.addItem(s.device, s.device)
            idx = self.device_combo.count() - 1
        self.device_combo.setCurrentIndex(max(0, idx))
        b = self.backend_combo.findData(s.backend)
        if b >= 0 and self.backend_combo.model().item(b).isEnabled():
            self.backend_combo.setCurrentIndex(b)
        self.precision_combo.setCurrentIndex(max(0, self.precision_combo.findData(s.precision)))
        tile = "Auto" if s.tile == "auto" else ("Off" if s.tile is None else str(s.tile))
        self.tile_combo.setCurrentIndex(max(0, TILES.index(tile) if tile in TILES else 0))
        self._select_colorize(s.colorize)
        self.strength_spin.setValue(round(100 * s.colorize_strength))
        self.ensemble_check.setChecked(s.self_ensemble)
        self.output.apply(s)
        self.video.apply(s)

    def load(self, store: SettingsStore) -> None:
        # read every value before showing any: the window saves the panel on each change
        self.apply(read_job_settings(store))
        self.video.restore_bitrate_text(store)

    def save(self, store: SettingsStore) -> None:
        """What the panel shows, as remembered: a model or colorize choice not listed yet,
        torch's precision and the self-ensemble box even where they do not apply now."""
        s = self.job_settings()
        write_job_settings(store, replace(
            s, model=self._wanted_model or s.model,
            precision=str(self.precision_combo.currentData()),
            self_ensemble=self.ensemble_check.isChecked(),
            colorize=self._wanted_colorize or s.colorize))
        self.video.save(store)
