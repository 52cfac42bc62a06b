"""Export a weight file (ours or a spandrel one) to ONNX off the GUI thread (tracing takes
a second or more for bigger networks, and app/ does no numerical work on the GUI thread)."""

from __future__ import annotations

from PySide6.QtCore import Signal

from app.gui.workers import Worker


class OnnxExportWorker(Worker):
    """``engine.inference.onnx_export.export_onnx`` of one weight file; ``done`` gives the path."""

    done = Signal(str)

    def __init__(self, weights: str, target: str) -> None:
        super().__init__()
        self.weights, self.target = weights, target

    def work(self) -> None:
        from engine.inference.onnx_export import export_onnx
        from engine.models.network_file import load_network
        path = export_onnx(load_network(self.weights), self.target)
        self.done.emit(str(path))
