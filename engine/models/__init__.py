"""Weight files, loaded-model descriptors and the registry of available models."""

from engine.models.descriptor import LoadedModel
from engine.models.registry import (
                                    ClassicalModel,
                                    ModelInfo,
                                    import_model,
                                    list_models,
                                    make_upscaler,
                                    resolve_model,
)
from engine.models.weights import load_weights, read_metadata, save_weights

__all__ = ["ClassicalModel", "LoadedModel", "ModelInfo", "import_model", "list_models",
           "load_weights", "make_upscaler", "read_metadata", "resolve_model", "save_weights"]
