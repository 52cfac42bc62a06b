"""Workers that find out what this machine has: models and devices, video encoders, the
model library; and the ones that change the library: import, rename, remove.

Listing models is where torch is first imported, and importing a model builds and probes
it (seconds), so none of it happens on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal

from app.gui.workers import Worker


class ModelsWorker(Worker):
    """Lists models and devices off the GUI thread (this is where torch first gets imported)."""

    loaded = Signal(list, list, str)   # ModelInfo list, device names, device description
    colorizers = Signal(list)          # ModelInfo list of the colorize models (before loaded)
    autoBackend = Signal(str, str)     # what Backend 'Auto' runs here: its name ('PyTorch',
    #                                    'ONNX Runtime CPU') and why ('..., 1.2x PyTorch CPU')

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
        from engine.inference.backend_probe import probe
        from engine.inference.factory import resolve_backend
        backend = resolve_backend("auto")   # measures once per machine (a few seconds)
        measured = probe()                  # then cached
        if measured is not None:
            self.autoBackend.emit(measured.fastest.label, measured.describe())
        else:   # probing off: the listing rule's backend
            self.autoBackend.emit(backend, "")
        self.loaded.emit(models, devices, about)


class EncodersWorker(Worker):
    """Asks FFmpeg which video encoders it has (hardware ones are test-opened: ~0.1-2 s)."""

    loaded = Signal(list)   # engine.video.encoders.EncoderInfo list

    def work(self) -> None:
        from engine.video.encoders import available_encoders
        self.loaded.emit(available_encoders(check=True))


class ImportWorker(Worker):
    """Imports model files and folders (an Upscayl custom-models folder) through
    ``engine.models.library.import_files``: each is loaded, probed and copied into the
    user's model folder; a bad file is one line in ``rejected``, nothing of it runs."""

    imported = Signal(list)   # ModelInfo of each model imported
    rejected = Signal(list)   # one line per file that could not be imported

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = list(paths)

    def work(self) -> None:
        from engine.models.library import import_files
        done, errors = import_files(list(self.paths))
        if done:
            self.imported.emit(done)
        if errors:
            self.rejected.emit(errors)


class LibraryWorker(Worker):
    """What the Models view lists: every model with its facts and file hash (hashing our
    own weight files reads them: not on the GUI thread)."""

    listed = Signal(list)   # dicts of engine.models.library.library_entry

    def work(self) -> None:
        from engine.models.library import library_entry
        from engine.models.registry import list_models
        self.listed.emit([library_entry(m) for m in list_models()])


class LibraryChangeWorker(Worker):
    """Renames (``new`` given) or removes a user model; ``changed`` gives (old, new name),
    new being '' for a removal.  A refused change is the base class's ``failed`` line."""

    changed = Signal(str, str)

    def __init__(self, name: str, new: str | None = None) -> None:
        super().__init__()
        self.name, self.new = name, new

    def work(self) -> None:
        from engine.models.library import remove_model, rename_model
        if self.new is None:
            remove_model(self.name)
            self.changed.emit(self.name, "")
        else:
            self.changed.emit(self.name, rename_model(self.name, self.new).name)
