"""The Train tab's runs: a training run and an ONNX export, each in a worker.

The tab (:class:`~app.gui.trainer_tab.TrainerTab`) builds the config and shows the run;
this object starts the workers, hands them to the tab and reports to the log.  Its two
log lines keep the translation context they had in the window ('MainWindow'), so the
translations stay valid.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from app.gui.export_worker import OnnxExportWorker
from app.gui.feedback import Feedback
from app.gui.settings_store import SettingsStore
from app.gui.train_worker import TrainWorker
from app.gui.trainer_tab import TrainerTab
from app.gui.workers import WorkerHost


class TrainingController(QObject):
    """The tab's *Start* and *Save as… (.onnx)* → workers; ``runningChanged`` when a run
    starts or ends (the window's counts and Cancel all follow it)."""

    runningChanged = Signal()

    def __init__(self, *, trainer: TrainerTab, store: SettingsStore, host: WorkerHost,
                 feedback: Feedback, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.trainer, self.store, self.host, self.feedback = trainer, store, host, feedback
        self._stopping = False   # the window is closing: start nothing new

    def running(self) -> bool:
        return self.trainer.running()

    @Slot(object)
    def start_training(self, config: Any) -> None:
        if self.trainer.running() or self._stopping:
            return
        self.trainer.save_form(self.store)
        w = TrainWorker(config)
        w.message.connect(self.feedback.log)
        w.failed.connect(self._on_train_failed)
        self.trainer.attach(w)
        w.finished.connect(self.runningChanged)
        self.host.start(w)
        self.feedback.log(QCoreApplication.translate(
            "MainWindow", "Training {n} for {s} steps → {o}").format(
            n=config.model.name, s=config.run.steps, o=config.run.out_dir))
        self.runningChanged.emit()

    @Slot(str, str)
    def export_onnx(self, weights: str, target: str) -> None:
        """The tab's 'Save as… (*.onnx)': export in a worker, report in the tab."""
        w = OnnxExportWorker(weights, target)
        w.done.connect(self.trainer.onnx_exported)
        w.failed.connect(self.trainer.onnx_export_failed)
        w.message.connect(self.feedback.log)
        self.host.start(w)

    @Slot(str)
    def _on_train_failed(self, message: str) -> None:
        self.feedback.log(QCoreApplication.translate(
            "MainWindow", "Training failed: {m}").format(m=message), "error")

    def stop(self) -> None:
        """Stop the running run, if any (Cancel all on the Train tab)."""
        if self.trainer.running():
            self.trainer.stop()

    def shut_down(self) -> None:
        """The window is closing: stop the run and start no other."""
        self._stopping = True
        self.stop()
