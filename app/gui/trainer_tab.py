"""The Train tab: pick folders and a base model, train with live curves, keep the result.

The form builds a ``trainer.config.TrainConfig`` in code; :class:`TrainWorker` runs
``trainer.loop.train`` in a thread (pause = a ``threading.Event`` the loop waits on, stop =
the cancel token).  When a run ends its best (else final) weights are imported with
``engine.models.registry.import_model`` under a unique name, so the model joins the
model list; *Save as…* copies that file anywhere.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.palette import is_dark
from app.gui.queue_model import format_eta
from app.gui.viewer.tile_cache import array_to_qimage
from app.gui.workers import Worker

LOSSES = (("L1", {"l1": 1.0}), ("MSE (L2)", {"mse": 1.0}),
          ("Charbonnier", {"charbonnier": 1.0}))
DEFAULT_ARCHS = ("fsrcnn_ps", "espcn", "fsrcnn", "srcnn", "vdsr", "srresnet", "edsr", "span")


class TrainWorker(Worker):
    """Runs ``trainer.loop.train`` and re-emits its events."""

    begun = Signal(int, str)                          # total steps, description
    stepLogged = Signal(int, float, float)            # step, loss, lr
    validated = Signal(int, float, float, object, object)  # step, psnr_y, best, bicubic, sample
    progressed = Signal(int, int, object, object)     # step, total, eta_s, rate
    checkpointSaved = Signal(str, int)
    done = Signal(object)                             # trainer.events.TrainResult

    def __init__(self, config: Any) -> None:
        super().__init__()
        self.config = config
        self.pause_event = threading.Event()

    def work(self) -> None:
        from engine.events import Progress, Started, Warning_
        from trainer.events import CheckpointSaved, StepLogged, Validated
        from trainer.loop import train

        def progress(ev: Any) -> None:
            if isinstance(ev, StepLogged):
                self.stepLogged.emit(ev.step, ev.loss, ev.lr)
            elif isinstance(ev, Validated):
                self.validated.emit(ev.step, ev.psnr_y, ev.best_psnr_y, ev.bicubic_psnr_y,
                                    tuple(a.copy() for a in ev.sample))
            elif isinstance(ev, Progress):
                self.progressed.emit(ev.done, ev.total, ev.eta_s, ev.rate)
            elif isinstance(ev, CheckpointSaved):
                self.checkpointSaved.emit(str(ev.path), ev.step)
            elif isinstance(ev, Started) and ev.what == "train":
                self.begun.emit(ev.total, ev.detail)
            elif isinstance(ev, Warning_):
                self.message.emit(ev.message, "warning")

        self.done.emit(train(self.config, progress=progress, cancel=self.cancel_token,
                             pause=self.pause_event))


def _folder_row(edit: QLineEdit, parent: QWidget, title: str) -> QHBoxLayout:
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


class TrainerTab(QWidget):
    """Form + controls + curves; the main window supplies models and receives new ones."""

    startRequested = Signal(object)      # TrainConfig
    modelTrained = Signal(str)           # path of the imported weight file

    def __init__(self, runs_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainerTab")
        self.runs_dir = runs_dir
        self.worker: TrainWorker | None = None
        self.loss_points: list[tuple[int, float]] = []
        self.psnr_points: list[tuple[int, float]] = []
        self.bicubic_psnr: float | None = None
        self.trained_path: Path | None = None
        self.result: Any = None
        self._models: list[Any] = []
        self._plots: Any = None

        self.hr_edit = QLineEdit()
        self.hr_edit.setPlaceholderText(self.tr("Folder of high-resolution images"))
        self.lr_edit = QLineEdit()
        self.lr_edit.setPlaceholderText(self.tr("Optional: paired LR images (same names)"))
        self.val_edit = QLineEdit()
        self.val_edit.setPlaceholderText(self.tr("Optional: default = 2 training images"))
        self.base_combo = QComboBox()
        self.base_combo.setObjectName("baseModelCombo")
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
        self.val_every_spin = QSpinBox()
        self.val_every_spin.setRange(0, 1_000_000)
        self.val_every_spin.setValue(500)
        self.loss_combo = QComboBox()
        for label, _ in LOSSES:
            self.loss_combo.addItem(label)
        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setDecimals(6)
        self.lr_spin.setRange(1e-6, 1.0)
        self.lr_spin.setSingleStep(1e-4)
        self.lr_spin.setValue(1e-3)
        self.set_architectures(list(DEFAULT_ARCHS))

        form = QFormLayout()
        form.addRow(self.tr("HR folder"), _folder_row(self.hr_edit, self, self.tr("HR folder")))
        form.addRow(self.tr("LR folder"), _folder_row(self.lr_edit, self, self.tr("LR folder")))
        form.addRow(self.tr("Validation"), _folder_row(self.val_edit, self,
                                                       self.tr("Validation folder")))
        form.addRow(self.tr("Base model"), self.base_combo)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Scale"), self.scale_spin)
        form.addRow(self.tr("Patch (HR px)"), self.patch_spin)
        form.addRow(self.tr("Batch"), self.batch_spin)
        form.addRow(self.tr("Steps"), self.steps_spin)
        form.addRow(self.tr("Validate every"), self.val_every_spin)
        form.addRow(self.tr("Loss"), self.loss_combo)
        form.addRow(self.tr("Learning rate"), self.lr_spin)
        fbox = QGroupBox(self.tr("Training run"))
        fbox.setLayout(form)

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setObjectName("trainStart")
        self.pause_button = QPushButton(self.tr("Pause"))
        self.resume_button = QPushButton(self.tr("Resume"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setToolTip(self.tr("Export the trained model to a .safetensors file"))
        self.start_button.clicked.connect(self._start)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        self.save_button.clicked.connect(self._save_as)
        grid = QGridLayout()
        grid.addWidget(self.start_button, 0, 0)
        grid.addWidget(self.pause_button, 0, 1)
        grid.addWidget(self.resume_button, 1, 0)
        grid.addWidget(self.stop_button, 1, 1)
        grid.addWidget(self.save_button, 2, 0, 1, 2)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.status = QLabel(self.tr("Idle"))
        self.status.setWordWrap(True)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(fbox)
        ll.addLayout(grid)
        ll.addWidget(self.progress)
        ll.addWidget(self.status)
        ll.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(330)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        # right: curves + sample
        self.curves_box = QVBoxLayout()
        self.curves_placeholder = QLabel(self.tr("Loss and validation curves appear here."))
        self.curves_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.curves_placeholder.setEnabled(False)
        self.curves_box.addWidget(self.curves_placeholder)
        self.sample_labels = [QLabel() for _ in range(3)]
        sample_row = QHBoxLayout()
        for lab, title in zip(self.sample_labels,
                              (self.tr("Bicubic"), self.tr("Model"), self.tr("Ground truth"))):
            col = QVBoxLayout()
            lab.setMinimumSize(160, 160)
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lab.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            lab.setStyleSheet("background: rgba(0,0,0,40);")
            cap = QLabel(title)
            cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
            col.addWidget(lab, 1)
            col.addWidget(cap)
            sample_row.addLayout(col)
        sbox = QGroupBox(self.tr("Validation sample"))
        sbox.setLayout(sample_row)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(self.curves_box, 3)
        rl.addWidget(sbox, 2)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([360, 900])
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        self._update_buttons()

    # models --------------------------------------------------------------------------
    def set_architectures(self, archs: list[str]) -> None:
        self._archs = [a for a in archs]
        self._fill_base()

    def set_models(self, models: list[Any]) -> None:
        self._models = list(models)
        self._fill_base()

    def _fill_base(self) -> None:
        current = self.base_combo.currentData()
        self.base_combo.blockSignals(True)
        self.base_combo.clear()
        for a in getattr(self, "_archs", []):
            self.base_combo.addItem(self.tr("New {arch} (from scratch)").format(arch=a),
                                    ("arch", a))
        for m in self._models:
            self.base_combo.addItem(self.tr("Fine-tune {name} (×{scale})").format(
                name=m.name, scale=m.scale), ("model", m.name))
        idx = self.base_combo.findData(current) if current else 0
        self.base_combo.setCurrentIndex(max(0, idx))
        self.base_combo.blockSignals(False)

    # config ----------------------------------------------------------------------------
    def build_config(self) -> Any:
        from trainer.config import TrainConfig
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
        cfg.data.patch_size = self.patch_spin.value()
        cfg.data.batch_size = self.batch_spin.value()
        cfg.data.load_threads = 1
        weights = dict(LOSSES[self.loss_combo.currentIndex()][1])
        for key in ("l1", "mse", "charbonnier"):
            setattr(cfg.loss, key, float(weights.get(key, 0.0)))
        cfg.optim.lr = float(self.lr_spin.value())
        steps = self.steps_spin.value()
        cfg.run.steps = steps
        cfg.run.val_every = self.val_every_spin.value()
        cfg.run.ckpt_every = max(1000, cfg.run.val_every)
        cfg.run.log_every = max(1, min(50, steps // 50 or 1))
        cfg.run.out_dir = str(self.runs_dir / name)
        cfg.recipe = name
        return cfg

    def _start(self) -> None:
        if not self.hr_edit.text().strip():
            self.status.setText(self.tr("Choose an HR folder first."))
            return
        try:
            cfg = self.build_config()
        except Exception as e:  # a bad field shows here, not in a console
            self.status.setText(str(e))
            return
        self.startRequested.emit(cfg)

    # run state ---------------------------------------------------------------------------
    def attach(self, worker: TrainWorker) -> None:
        """Connect a worker the main window is about to start."""
        self.worker = worker
        self.result = None
        self.trained_path = None
        self.loss_points.clear()
        self.psnr_points.clear()
        self.bicubic_psnr = None
        self._ensure_plots()
        self._redraw()
        worker.begun.connect(self._on_begun)
        worker.stepLogged.connect(self._on_step)
        worker.validated.connect(self._on_validated)
        worker.progressed.connect(self._on_progress)
        worker.done.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        self.status.setText(self.tr("Preparing data…"))
        self.progress.setValue(0)
        self._update_buttons()

    def running(self) -> bool:
        return self.worker is not None

    def pause(self) -> None:
        if self.worker is not None:
            self.worker.pause_event.set()
            self.status.setText(self.tr("Paused"))
            self._update_buttons()

    def resume(self) -> None:
        if self.worker is not None:
            self.worker.pause_event.clear()
            self.status.setText(self.tr("Training…"))
            self._update_buttons()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.worker.pause_event.clear()
            self.status.setText(self.tr("Stopping after this step…"))

    def _update_buttons(self) -> None:
        run = self.worker is not None
        paused = run and self.worker.pause_event.is_set()
        self.start_button.setEnabled(not run)
        self.pause_button.setEnabled(run and not paused)
        self.resume_button.setEnabled(run and paused)
        self.stop_button.setEnabled(run)
        self.save_button.setEnabled(self.trained_path is not None)

    def _on_begun(self, total: int, detail: str) -> None:
        self.progress.setRange(0, total)
        self.status.setText(self.tr("Training {detail}").format(detail=detail))

    def _on_step(self, step: int, loss: float, lr: float) -> None:
        self.loss_points.append((step, loss))
        self._redraw()

    def _on_validated(self, step: int, psnr: float, best: float, bicubic: Any,
                      sample: Any) -> None:
        self.psnr_points.append((step, psnr))
        self.bicubic_psnr = bicubic
        self._redraw()
        for lab, arr in zip(self.sample_labels, sample):
            pm = array_to_qimage(arr)
            side = max(64, min(lab.width(), lab.height()) - 4)
            lab.setPixmap(_scaled(pm, side))

    def _on_progress(self, step: int, total: int, eta: Any, rate: Any) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(step)
        if self.worker is not None and not self.worker.pause_event.is_set():
            parts = [self.tr("Step {s} / {t}").format(s=step, t=total)]
            if rate:
                parts.append(f"{rate:.1f} steps/s")
            if eta is not None:
                parts.append(f"ETA {format_eta(eta)}")
            if self.psnr_points:
                parts.append(f"val {self.psnr_points[-1][1]:.2f} dB")
            self.status.setText(" · ".join(parts))

    def _on_done(self, result: Any) -> None:
        self.result = result
        weights = result.best_weights or result.final_weights
        if weights is None:
            self.status.setText(self.tr("Stopped at step {s}; the checkpoint is in {d}")
                                .format(s=result.steps, d=result.out_dir))
            return
        try:
            self.trained_path = self._import(Path(weights), result)
        except Exception as e:  # shown in the tab
            self.status.setText(self.tr("Training finished but import failed: {e}").format(e=e))
            return
        best = f"{result.best_psnr_y:.2f} dB" if result.best_psnr_y is not None else "–"
        self.status.setText(self.tr("Done: {name} (best validation PSNR-Y {best}) "
                                    "is now in the model list.")
                            .format(name=self.trained_path.stem, best=best))
        self.modelTrained.emit(str(self.trained_path))

    def _import(self, weights: Path, result: Any) -> Path:
        """Copy the weights under the run's (unique) name and import them."""
        from engine.models.registry import import_model, user_dir
        name = self.worker.config.model.name if self.worker else weights.stem
        target = weights.with_name(f"{name}.safetensors")
        n = 2
        while (user_dir() / target.name).exists():
            target = weights.with_name(f"{name}_{n}.safetensors")
            n += 1
        if target != weights:
            shutil.copyfile(weights, target)
        return import_model(target).path

    def _on_failed(self, message: str) -> None:
        self.status.setText(self.tr("Training failed: {m}").format(m=message))

    def _on_finished(self) -> None:
        self.worker = None
        self._update_buttons()

    def _save_as(self) -> None:
        if self.trained_path is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save model as"),
                                              str(Path.home() / self.trained_path.name),
                                              self.tr("SR Studio model (*.safetensors)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Path:
        assert self.trained_path is not None
        if path.suffix != ".safetensors":
            path = path.with_suffix(".safetensors")
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.trained_path, path)
        return path

    # plots ------------------------------------------------------------------------------
    def _ensure_plots(self) -> None:
        if self._plots is not None:
            return
        import pyqtgraph as pg
        bg = self.palette().color(self.backgroundRole())
        fg = (220, 220, 220) if is_dark() else (40, 40, 40)
        loss = pg.PlotWidget(background=bg)
        loss.setObjectName("lossPlot")
        loss.setLogMode(False, True)
        loss.getAxis("left").enableAutoSIPrefix(False)
        loss.setLabel("left", self.tr("loss"))
        loss.setLabel("bottom", self.tr("step"))
        loss.showGrid(x=True, y=True, alpha=0.2)
        psnr = pg.PlotWidget(background=bg)
        psnr.setObjectName("psnrPlot")
        psnr.setLabel("left", self.tr("validation PSNR-Y"), units="dB")
        psnr.setLabel("bottom", self.tr("step"))
        psnr.showGrid(x=True, y=True, alpha=0.2)
        psnr.addLegend(offset=(-10, 10))
        for w in (loss, psnr):
            w.setMenuEnabled(False)
            for axis in ("left", "bottom"):
                w.getAxis(axis).setTextPen(pg.mkPen(fg))
                w.getAxis(axis).setPen(pg.mkPen(fg))
        self.loss_curve = loss.plot([], [], pen=pg.mkPen((64, 138, 230), width=2))
        self.psnr_curve = psnr.plot([], [], pen=pg.mkPen((230, 120, 50), width=2),
                                    symbol="o", symbolSize=6, symbolBrush=(230, 120, 50),
                                    name=self.tr("model"))
        self.bicubic_line = psnr.plot([], [], pen=pg.mkPen((150, 150, 150), width=1,
                                                           style=Qt.PenStyle.DashLine),
                                      name=self.tr("bicubic"))
        self.curves_placeholder.hide()
        self.curves_box.addWidget(loss, 1)
        self.curves_box.addWidget(psnr, 1)
        self._plots = (loss, psnr)

    def _redraw(self) -> None:
        if self._plots is None:
            return
        self.loss_curve.setData([s for s, _ in self.loss_points],
                                [max(v, 1e-12) for _, v in self.loss_points])
        self.psnr_curve.setData([s for s, _ in self.psnr_points],
                                [v for _, v in self.psnr_points])
        if self.bicubic_psnr is not None and self.psnr_points:
            x0 = 0
            x1 = max(self.psnr_points[-1][0], 1)
            self.bicubic_line.setData([x0, x1], [self.bicubic_psnr, self.bicubic_psnr])

    def curve_points(self) -> tuple[int, int]:
        """(loss points, PSNR points) drawn so far (tests)."""
        return len(self.loss_curve.xData if self.loss_curve.xData is not None else []), \
            len(self.psnr_curve.xData if self.psnr_curve.xData is not None else [])


def _scaled(img: Any, side: int) -> Any:
    from PySide6.QtGui import QPixmap
    pm = QPixmap.fromImage(img)
    return pm.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                     Qt.TransformationMode.FastTransformation)
