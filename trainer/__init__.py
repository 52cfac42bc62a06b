"""SR Studio trainer: train and fine-tune registered architectures on image folders.

A library (no Qt): the ``srstudio train`` CLI and the GUI's trainer tab both call
:func:`train` with a :class:`TrainConfig` and a progress callback.
"""

from trainer.config import TrainConfig, apply_override, from_dict, load_config, to_dict
from trainer.events import CheckpointSaved, StepLogged, TrainingDiverged, TrainResult, Validated
from trainer.export import export_weights
from trainer.loop import train
from trainer.validate import validate_config

__all__ = [
    "CheckpointSaved",
    "StepLogged",
    "TrainConfig",
    "TrainResult",
    "TrainingDiverged",
    "Validated",
    "apply_override",
    "export_weights",
    "from_dict",
    "load_config",
    "to_dict",
    "train",
    "validate_config",
]
