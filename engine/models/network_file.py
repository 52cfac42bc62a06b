"""The torch network inside a model file, whoever wrote it: what an ONNX export traces.

Our weight files build their architecture from the header
(:meth:`LoadedModel.from_file`); a spandrel file (``.pth``, ``.pt``, ``.ckpt``, another
project's ``.safetensors``) is detected by :mod:`engine.models.spandrel_source` with its
cached facts.  ONNX and ncnn files hold no torch network, so they say so instead of
failing later with a header error.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine.errors import UnsupportedModelError
from engine.models.descriptor import LoadedModel
from engine.models.sources import facts, file_format


def load_network(path: str | os.PathLike[str]) -> LoadedModel:
    """The :class:`LoadedModel` of a PyTorch model file, ours or a third party's."""
    path = Path(path)
    fmt = file_format(path)
    if fmt == "srstudio":
        return LoadedModel.from_file(path)
    if fmt == "spandrel":
        from engine.models.spandrel_source import load_spandrel
        return load_spandrel(path, facts(path))
    raise UnsupportedModelError(f"{path.name} is an {fmt} model, not a PyTorch one: it has "
                                "no network to export (it already runs as it is)")
