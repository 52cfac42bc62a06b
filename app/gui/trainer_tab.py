"""The Train tab: pick folders and a base model, train with live curves, keep the result.

:class:`~app.gui.train_form.TrainForm` builds the ``trainer.config.TrainConfig``; the
training controller (:mod:`app.gui.training_controller`) runs it in a
:class:`~app.gui.train_worker.TrainWorker` and hands the worker to
:meth:`TrainerTab.attach`; :class:`~app.gui.train_curves.TrainCurves` draws the run.  When
a run ends (its steps done, its time limit reached, or stopped after a validation) its
best (else final) weights are imported with ``engine.models.registry.import_model`` under
a unique name, so the model joins the model list; *Save as…* copies that file anywhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.gui.fitted_scroll import FittedScrollArea
from app.gui.lean_notice import needs_full_build_label
from app.gui.queue_model import format_eta
from app.gui.settings_store import SettingsStore
from app.gui.train_curves import TrainCurves
from app.gui.train_form import TrainForm
from app.gui.train_worker import TrainWorker


class TrainerTab(QWidget):
    """Form + controls + curves; the catalog supplies models and receives new ones."""

    startRequested = Signal(object)      # TrainConfig
    modelTrained = Signal(str)           # path of the imported weight file
    onnxExportRequested = Signal(str, str)   # weight file, target .onnx (exported elsewhere)

    def __init__(self, runs_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainerTab")
        self.runs_dir = runs_dir
        self.worker: TrainWorker | None = None
        self.trained_path: Path | None = None
        self.result: Any = None
        self.limit_s: float | None = None  # the running config's run.max_minutes, in s

        self.form = TrainForm()
        self.curves = TrainCurves()
        # the fields and images that tests and scripts/screenshots.py fill in and read
        f = self.form
        self.hr_edit, self.lr_edit, self.val_edit = f.hr_edit, f.lr_edit, f.val_edit
        self.base_combo, self.name_edit, self.scale_spin = f.base_combo, f.name_edit, \
            f.scale_spin
        self.patch_spin, self.batch_spin, self.steps_spin = f.patch_spin, f.batch_spin, \
            f.steps_spin
        self.time_limit_spin, self.val_every_spin = f.time_limit_spin, f.val_every_spin
        self.sample_labels = self.curves.sample_labels

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setObjectName("trainStart")
        self.pause_button = QPushButton(self.tr("Pause"))
        self.resume_button = QPushButton(self.tr("Resume"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setToolTip(self.tr("Save the trained model as a .safetensors file "
                                            "(SR Studio) or an .onnx file (other tools)"))
        self.start_button.clicked.connect(self._start)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        self.save_button.clicked.connect(self._save_as)
        # a stopped run's model is kept only when the user asks (it is half-trained)
        self.keep_button = QPushButton(self.tr("Add to model list"))
        self.keep_button.setObjectName("trainKeep")
        self.keep_button.setToolTip(self.tr("Use the stopped run's best weights as a model"))
        self.keep_button.clicked.connect(self.keep_stopped)
        self._stopped_weights: Path | None = None
        self._planned = 0
        self._run_name = ""
        grid = QGridLayout()
        grid.addWidget(self.start_button, 0, 0)
        grid.addWidget(self.pause_button, 0, 1)
        grid.addWidget(self.resume_button, 1, 0)
        grid.addWidget(self.stop_button, 1, 1)
        grid.addWidget(self.save_button, 2, 0)
        grid.addWidget(self.keep_button, 2, 1)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.status = QLabel(self.tr("Idle"))
        self.status.setWordWrap(True)

        # the form scrolls (never clipped sideways); the run controls stay in view below it
        scroll = FittedScrollArea(self.form)
        column = QWidget()
        cl = QVBoxLayout(column)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(scroll, 1)
        cl.addLayout(grid)
        cl.addWidget(self.progress)
        cl.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(column)
        split.addWidget(self.curves)
        split.setStretchFactor(1, 1)
        split.setSizes([360, 900])
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        self._update_buttons()
        self.full_build_notice = needs_full_build_label(lay, split)   # lean build: no torch

    # form --------------------------------------------------------------------------------
    def set_models(self, models: list[Any]) -> None:
        self.form.set_models(models)

    def load_form(self, store: SettingsStore) -> None:
        """Restore the form from the last session."""
        self.form.load(store)

    def save_form(self, store: SettingsStore) -> None:
        """Remember the form for the next session."""
        self.form.save(store)

    def _start(self) -> None:
        if not self.hr_edit.text().strip():
            self.status.setText(self.tr("Choose an HR folder first."))
            return
        try:
            cfg = self.form.build_config(self.runs_dir)
        except Exception as e:  # a bad field shows here, not in a console
            self.status.setText(str(e))
            return
        self.startRequested.emit(cfg)

    # run state ---------------------------------------------------------------------------
    def attach(self, worker: TrainWorker) -> None:
        """Connect a worker the training controller is about to start."""
        self.worker = worker
        self.result = None
        self.trained_path = None
        self._stopped_weights = None
        self._planned = int(worker.config.run.steps)
        self._run_name = str(worker.config.model.name)
        minutes = getattr(worker.config.run, "max_minutes", None)
        self.limit_s = None if minutes is None else 60.0 * float(minutes)
        self.curves.reset()
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
        self.keep_button.setEnabled(self._stopped_weights is not None and not run)

    def _on_begun(self, total: int, detail: str) -> None:
        self.progress.setRange(0, total)
        self.status.setText(self.tr("Training {detail}").format(detail=detail))

    def _on_step(self, step: int, loss: float, lr: float) -> None:
        self.curves.add_loss(step, loss)

    def _on_validated(self, step: int, psnr: float, best: float, bicubic: Any,
                      sample: Any) -> None:
        self.curves.add_validation(step, psnr, bicubic, sample)

    def _on_progress(self, step: int, total: int, eta: Any, rate: Any,
                     fraction: Any = None) -> None:
        # a time-limited run: the trainer says how far along it is (steps or clock,
        # whichever ends the run first) and its ETA is already the time left
        step_shown = step if fraction is None else max(step, round(fraction * total))
        self.progress.setRange(0, total)
        self.progress.setValue(step_shown)
        if self.worker is not None and not self.worker.pause_event.is_set():
            parts = [self.tr("Step {s} / {t}").format(s=step, t=total)]
            if rate:
                parts.append(f"{rate:.1f} steps/s")
            if eta is not None:
                parts.append(f"ETA {format_eta(eta)}")
            if self.limit_s is not None:
                parts.append(self.tr("time limit {m}").format(m=format_eta(self.limit_s)))
            psnr = self.curves.last_psnr()
            if psnr is not None:
                parts.append(f"val {psnr:.2f} dB")
            self.status.setText(" · ".join(parts))

    def _on_done(self, result: Any) -> None:
        self.result = result
        if not result.cancelled:   # steps done or time limit reached: the run is complete
            self.progress.setValue(self.progress.maximum())
        weights = result.best_weights or result.final_weights
        if weights is None:
            self.status.setText(self.tr("Stopped at step {s}; the checkpoint is in {d}")
                                .format(s=result.steps, d=result.out_dir))
            return
        if result.cancelled:   # stopped by the user: not "Done", and not added unasked
            self._stopped_weights = Path(weights)
            self.status.setText(self.tr(
                "Stopped at step {s} of {t}. Its weights are in {d}; 'Add to model list' "
                "makes it a model.").format(s=result.steps, t=self._planned,
                                            d=result.out_dir))
            return
        self._add_model(Path(weights), result)

    def keep_stopped(self) -> None:
        """'Add to model list' after a stopped run: import its best weights now."""
        if self._stopped_weights is not None and self.result is not None:
            weights, self._stopped_weights = self._stopped_weights, None
            self._add_model(weights, self.result)
            self._update_buttons()

    def _add_model(self, weights: Path, result: Any) -> None:
        try:
            self.trained_path = self._import(weights, result)
        except Exception as e:  # shown in the tab
            self.status.setText(self.tr("Training finished but import failed: {e}").format(e=e))
            return
        best = f"{result.best_psnr_y:.2f} dB" if result.best_psnr_y is not None else "–"
        text = self.tr("Done: {name} (best validation PSNR-Y {best}) is now in the model "
                       "list.").format(name=self.trained_path.stem, best=best)
        planned = self._planned
        if not result.cancelled and result.steps < planned:
            text = self.tr("Time limit reached at step {s} of {t}.").format(
                s=result.steps, t=planned) + " " + text
        self.status.setText(text)
        self.modelTrained.emit(str(self.trained_path))

    def _import(self, weights: Path, result: Any) -> Path:
        """Copy the weights under the run's (unique) name and import them."""
        from engine.models.registry import import_model, user_dir
        name = self._run_name or weights.stem
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
        onnx_filter = self.tr("ONNX model, RGB in and out (*.onnx)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save model as"), str(Path.home() / self.trained_path.name),
            ";;".join([self.tr("SR Studio model (*.safetensors)"), onnx_filter]))
        if path:
            onnx = chosen == onnx_filter or path.lower().endswith(".onnx")
            self.export_to(Path(path), onnx=onnx)

    def export_to(self, path: Path, onnx: bool = False) -> Path:
        """Copy the weight file to ``path``, or (``onnx``) ask for an export to ONNX in a
        worker (``onnxExportRequested``); returns the path the file gets."""
        assert self.trained_path is not None
        suffix = ".onnx" if onnx else ".safetensors"
        if path.suffix != suffix:
            path = path.with_suffix(suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        if onnx:
            self.status.setText(self.tr("Exporting {name} to ONNX…").format(name=path.name))
            self.onnxExportRequested.emit(str(self.trained_path), str(path))
        else:
            shutil.copyfile(self.trained_path, path)
        return path

    def onnx_exported(self, path: str) -> None:
        self.status.setText(self.tr("Saved {path} (ONNX: float32 RGB in and out)").format(
            path=path))

    def onnx_export_failed(self, message: str) -> None:
        self.status.setText(self.tr("ONNX export failed: {m}").format(m=message))

    def curve_points(self) -> tuple[int, int]:
        """(loss points, PSNR points) drawn so far (tests)."""
        return self.curves.curve_points()
