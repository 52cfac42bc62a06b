"""The Train tab's form: the widgets a user fills in, turned into a ``TrainConfig``.

Kept apart from the run view so that what a run *is* (folders, model, schedule, time
limit) lives in one place, together with how those choices are remembered between
sessions (``train/*`` keys in the settings store).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from app.gui.settings_store import SettingsStore

# labels are translated where shown (self.tr); QT_TRANSLATE_NOOP marks them for lupdate
LOSSES = (("L1", {"l1": 1.0}), ("MSE (L2)", {"mse": 1.0}),
          ("Charbonnier", {"charbonnier": 1.0}),
          (QT_TRANSLATE_NOOP("TrainForm", "MSE on luma (Y) + 0.1 RGB"), {"mse_y": 1.0, "mse": 0.1}))
# (label, degradation settings): how the LR training inputs are made from the HR folder
DEGRADATIONS = ((QT_TRANSLATE_NOOP("TrainForm", "Clean downscales (bicubic)"), {"kind": "bicubic"}),
                (QT_TRANSLATE_NOOP("TrainForm", "Camera photos (soft, slight noise, JPEG 70-90)"),
                 {"kind": "pipeline", "blur_sigma": [0.6, 1.2], "noise_sigma": [1.0, 4.0],
                  "jpeg_quality": [70, 90]}),
                (QT_TRANSLATE_NOOP("TrainForm",
                                   "Real-world photos (blur, noise, resizing, JPEG twice)"),
                 {"kind": "real"}))
DEFAULT_ARCHS = ("fsrcnn_ps", "espcn", "fsrcnn", "srcnn", "vdsr", "srresnet", "edsr", "span")
MAX_TIME_LIMIT_MIN = 10_000


def folder_row(edit: QLineEdit, parent: QWidget, title: str) -> QHBoxLayout:
    """``edit`` with a "…" button that fills it from a folder dialog."""
    def browse() -> None:
        d = QFileDialog.getExistingDirectory(parent, title, edit.text())
        if d:
            edit.setText(d)
    b = QToolButton()
    b.setText("…")
    b.clicked.connect(browse)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(b)
    return row


class TrainForm(QGroupBox):
    """The "Training run" box; :meth:`build_config` reads it, :meth:`load`/:meth:`save`
    remember it (all but the model name, which must be new for every run)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Training run"))
        self._models: list[Any] = []
        self._archs: list[str] = []
        self._wanted_base: tuple[str, str] | None = None

        self.hr_edit = QLineEdit()
        self.hr_edit.setPlaceholderText(self.tr("Folder of high-resolution images"))
        self.lr_edit = QLineEdit()
        self.lr_edit.setPlaceholderText(self.tr("Optional: paired LR images (same names)"))
        self.val_edit = QLineEdit()
        self.val_edit.setPlaceholderText(self.tr("Optional: default = 2 training images"))
        self.base_combo = QComboBox()
        self.base_combo.setObjectName("baseModelCombo")
        self.base_combo.activated.connect(self._forget_wanted_base)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Name of the new model (automatic)"))
        self.scale_spin = QComboBox()
        for s in (2, 3, 4):
            self.scale_spin.addItem(f"×{s}", s)
        self.patch_spin = QSpinBox()
        self.patch_spin.setRange(8, 512)
        self.patch_spin.setSingleStep(8)
        self.patch_spin.setValue(96)
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 256)
        self.batch_spin.setValue(16)
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 10_000_000)
        self.steps_spin.setSingleStep(500)
        self.steps_spin.setValue(5000)
        self.time_limit_spin = QSpinBox()
        self.time_limit_spin.setObjectName("trainTimeLimit")
        self.time_limit_spin.setRange(0, MAX_TIME_LIMIT_MIN)
        self.time_limit_spin.setSingleStep(5)
        self.time_limit_spin.setSuffix(self.tr(" min"))
        self.time_limit_spin.setSpecialValueText(self.tr("No limit"))
        self.time_limit_spin.setToolTip(self.tr(
            "Stop the run (validate and export the model) after this much training time, "
            "even before the last step; the learning rate then anneals to fit the time. "
            "0 = no limit."))
        self.val_every_spin = QSpinBox()
        self.val_every_spin.setRange(0, 1_000_000)
        self.val_every_spin.setValue(500)
        self.degradation_combo = QComboBox()
        self.degradation_combo.setObjectName("trainDegradationCombo")
        for label, _ in DEGRADATIONS:
            self.degradation_combo.addItem(self.tr(label))
        self.degradation_combo.setToolTip(self.tr(
            "How the low-resolution training inputs are made from your pictures: pick "
            "'Real-world photos' to fine-tune a model for JPEGs, scans and phone photos "
            "(ignored when an LR folder is given)."))
        self.loss_combo = QComboBox()
        for label, _ in LOSSES:
            self.loss_combo.addItem(self.tr(label))
        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setDecimals(6)
        self.lr_spin.setRange(1e-6, 1.0)
        self.lr_spin.setSingleStep(1e-4)
        self.lr_spin.setValue(1e-3)
        self.set_architectures(list(DEFAULT_ARCHS))

        form = QFormLayout(self)
        form.addRow(self.tr("HR folder"), folder_row(self.hr_edit, self, self.tr("HR folder")))
        form.addRow(self.tr("LR folder"), folder_row(self.lr_edit, self, self.tr("LR folder")))
        form.addRow(self.tr("Validation"), folder_row(self.val_edit, self,
                                                      self.tr("Validation folder")))
        form.addRow(self.tr("Base model"), self.base_combo)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Scale"), self.scale_spin)
        form.addRow(self.tr("LR inputs"), self.degradation_combo)
        form.addRow(self.tr("Patch (HR px)"), self.patch_spin)
        form.addRow(self.tr("Batch"), self.batch_spin)
        form.addRow(self.tr("Steps"), self.steps_spin)
        form.addRow(self.tr("Time limit"), self.time_limit_spin)
        form.addRow(self.tr("Validate every"), self.val_every_spin)
        form.addRow(self.tr("Loss"), self.loss_combo)
        form.addRow(self.tr("Learning rate"), self.lr_spin)

    # base models -------------------------------------------------------------------------
    def set_architectures(self, archs: list[str]) -> None:
        self._archs = list(archs)
        self._fill_base()

    def set_models(self, models: list[Any]) -> None:
        self._models = list(models)
        self._fill_base()

    def _fill_base(self) -> None:
        current = self._wanted_base or self.base_combo.currentData()
        self.base_combo.blockSignals(True)
        self.base_combo.clear()
        for a in self._archs:
            self.base_combo.addItem(self.tr("New {arch} (from scratch)").format(arch=a),
                                    ("arch", a))
        for m in self._models:
            self.base_combo.addItem(self.tr("Fine-tune {name} (×{scale})").format(
                name=m.name, scale=m.scale), ("model", m.name))
        idx = self.base_index(current) if current else 0
        self.base_combo.setCurrentIndex(max(0, idx))
        if idx >= 0:
            self._wanted_base = None   # found: from now on the combo's choice is kept
        self.base_combo.blockSignals(False)

    def base_index(self, data: tuple[str, str]) -> int:
        """The row of ``("arch", name)`` or ``("model", name)``, -1 if absent (QComboBox's
        findData compares Python objects by identity, so an equal tuple is not found)."""
        return next((i for i in range(self.base_combo.count())
                     if self.base_combo.itemData(i) == data), -1)

    def _forget_wanted_base(self) -> None:
        self._wanted_base = None   # the user's pick beats the remembered one

    # config ----------------------------------------------------------------------------
    def time_limit_minutes(self) -> float | None:
        """The time limit for ``run.max_minutes`` (None: no limit)."""
        minutes = self.time_limit_spin.value()
        return float(minutes) if minutes else None

    def build_config(self, runs_dir: Path) -> Any:
        """A ``trainer.config.TrainConfig`` for the form, its run folder under ``runs_dir``."""
        from trainer.config import PIXEL_LOSS_KEYS, TrainConfig
        kind, value = self.base_combo.currentData() or ("arch", "fsrcnn_ps")
        scale = int(self.scale_spin.currentData())
        cfg = TrainConfig()
        if kind == "model":
            info = next(m for m in self._models if m.name == value)
            cfg.model.arch = info.arch
            cfg.model.config = dict(info.metadata.get("config") or {})
            cfg.model.init_from = str(info.path)
            scale = info.scale
        else:
            cfg.model.arch = value
        cfg.model.scale = scale
        stamp = time.strftime("%Y%m%d-%H%M%S")
        name = self.name_edit.text().strip() or f"{cfg.model.arch}_x{scale}_{stamp}"
        cfg.model.name = name
        hr = str(Path(self.hr_edit.text().strip()).expanduser().resolve())
        cfg.data.hr_dirs = [hr]
        lr = self.lr_edit.text().strip()
        cfg.data.lr_dirs = [str(Path(lr).expanduser().resolve())] if lr else None
        val = self.val_edit.text().strip()
        cfg.data.val_dir = str(Path(val).expanduser().resolve()) if val else hr
        cfg.data.val_max_images = None if val else 2
        if not lr:
            for key, value in DEGRADATIONS[self.degradation_combo.currentIndex()][1].items():
                setattr(cfg.data.degradation, key, value)
        cfg.data.patch_size = self.patch_spin.value()
        cfg.data.batch_size = self.batch_spin.value()
        cfg.data.load_threads = 1
        weights = dict(LOSSES[self.loss_combo.currentIndex()][1])
        for key in PIXEL_LOSS_KEYS:
            setattr(cfg.loss, key, float(weights.get(key, 0.0)))
        cfg.optim.lr = float(self.lr_spin.value())
        steps = self.steps_spin.value()
        cfg.run.steps = steps
        cfg.run.max_minutes = self.time_limit_minutes()
        cfg.run.val_every = self.val_every_spin.value()
        cfg.run.ckpt_every = max(1000, cfg.run.val_every)
        cfg.run.log_every = max(1, min(50, steps // 50 or 1))
        cfg.run.out_dir = str(runs_dir / name)
        cfg.recipe = name
        return cfg

    # persistence -------------------------------------------------------------------------
    def load(self, store: SettingsStore) -> None:
        """Fill the form from ``train/*`` keys (defaults where a key is missing)."""
        self.hr_edit.setText(store.get_str("train/hr_dir", self.hr_edit.text()))
        self.lr_edit.setText(store.get_str("train/lr_dir", self.lr_edit.text()))
        self.val_edit.setText(store.get_str("train/val_dir", self.val_edit.text()))
        kind, _, value = store.get_str("train/base", "").partition(":")
        if value:   # a model to fine-tune may only be listed once the models have loaded
            self._wanted_base = (kind, value)
            self._fill_base()
        idx = self.scale_spin.findData(store.get_int("train/scale", self.scale_spin.currentData()))
        self.scale_spin.setCurrentIndex(max(0, idx))
        for key, spin in (("train/patch", self.patch_spin), ("train/batch", self.batch_spin),
                          ("train/steps", self.steps_spin),
                          ("train/time_limit_min", self.time_limit_spin),
                          ("train/val_every", self.val_every_spin)):
            spin.setValue(store.get_int(key, spin.value()))
        self.degradation_combo.setCurrentIndex(
            min(max(0, store.get_int("train/degradation", 0)), len(DEGRADATIONS) - 1))
        self.loss_combo.setCurrentIndex(max(0, self.loss_combo.findText(
            store.get_str("train/loss", self.loss_combo.currentText()))))
        try:
            self.lr_spin.setValue(float(store.get_str("train/lr", str(self.lr_spin.value()))))
        except ValueError:
            pass

    def save(self, store: SettingsStore) -> None:
        """Remember the form under ``train/*`` keys."""
        store.set("train/hr_dir", self.hr_edit.text().strip())
        store.set("train/lr_dir", self.lr_edit.text().strip())
        store.set("train/val_dir", self.val_edit.text().strip())
        base = self._wanted_base or self.base_combo.currentData()
        store.set("train/base", f"{base[0]}:{base[1]}" if base else "")
        store.set("train/scale", int(self.scale_spin.currentData()))
        store.set("train/patch", self.patch_spin.value())
        store.set("train/batch", self.batch_spin.value())
        store.set("train/steps", self.steps_spin.value())
        store.set("train/time_limit_min", self.time_limit_spin.value())
        store.set("train/val_every", self.val_every_spin.value())
        store.set("train/degradation", self.degradation_combo.currentIndex())
        store.set("train/loss", self.loss_combo.currentText())
        store.set("train/lr", repr(float(self.lr_spin.value())))
