"""Workers that find out what this machine has: models and devices, video encoders; and
the one that adds an imported model to it.

Listing models is where torch is first imported, so it never happens on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal

from app.gui.workers import Worker


class ModelsWorker(Worker):
    """Lists models and devices off the GUI thread (this is where torch first gets imported)."""

    loaded = Signal(list, list, str)   # ModelInfo list, device names, device description
    colorizers = Signal(list)          # ModelInfo list of the colorize models (before loaded)
    autoBackend = Signal(str)          # what Backend 'Auto' runs here: 'torch' or 'onnx'

    def work(self) -> None:
        from engine.models.builds import torch_available
        from engine.models.registry import list_models
        # colorizers are not upscalers: they get their own entry point, not the model list
        everything = list_models()
        models = [m for m in everything if m.role != "colorize"]
        if torch_available():
            from engine.devices import available_devices, describe_device, select_device
            devices, about = available_devices(), describe_device(select_device("auto"))
        else:   # the lean build: ONNX Runtime's devices
            from engine.models.onnx_graph import onnx_devices
            devices, about = onnx_devices()
        self.colorizers.emit([m for m in everything if m.role == "colorize"])
        from engine.inference.factory import resolve_backend
        self.autoBackend.emit(resolve_backend("auto"))
        self.loaded.emit(models, devices, about)


class EncodersWorker(Worker):
    """Asks FFmpeg which video encoders it has (hardware ones are test-opened: ~0.1-2 s)."""

    loaded = Signal(list)   # engine.video.encoders.EncoderInfo list

    def work(self) -> None:
        from engine.video.encoders import available_encoders
        self.loaded.emit(available_encoders(check=True))


class ImportWorker(Worker):
    """Checks (by building it) and copies a weight file into the user's model folder."""

    imported = Signal(object)   # ModelInfo

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def work(self) -> None:
        from engine.models.registry import import_model
        self.imported.emit(import_model(self.path))
