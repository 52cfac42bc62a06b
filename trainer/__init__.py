"""SR Studio trainer: train and fine-tune registered architectures on image folders.

A library (no Qt): the ``srstudio train`` CLI and the GUI's trainer tab both call
:func:`train` with a :class:`TrainConfig` and a progress callback.  Names are imported
lazily, so ``import trainer.cli`` (done by the main CLI's parser) does not load torch.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "TrainConfig": "trainer.config", "apply_override": "trainer.config_files",
    "config_schema": "trainer.config", "from_dict": "trainer.config",
    "load_config": "trainer.config", "to_dict": "trainer.config",
    "CheckpointSaved": "trainer.events", "StepLogged": "trainer.events",
    "TrainingDiverged": "trainer.events", "TrainResult": "trainer.events",
    "Validated": "trainer.events", "export_weights": "trainer.export", "train": "trainer.loop",
    "validate_config": "trainer.validate",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'trainer' has no attribute {name!r}")
