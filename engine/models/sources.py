"""Model sources: one place that turns a model file into facts.

=========  ==========================================  =====================================
format     files                                       runs on
=========  ==========================================  =====================================
srstudio   ``.safetensors`` with our ``srstudio`` header  torch, onnx (our export)
spandrel   ``.pth .pt .ckpt``, other ``.safetensors``  torch, onnx (exported on first use)
onnx       ``.onnx`` (ours, or any RGB/gray image net)  onnx (ONNX Runtime)
ncnn       ``.param`` with its ``.bin`` beside it       ncnn (Vulkan or CPU)
=========  ==========================================  =====================================

The registry asks :func:`file_format` which source a path is and :func:`foreign_info` for
the facts it lists (architecture, scale, parameters, context...);
:func:`engine.inference.factory.make_upscaler` builds the runnable thing.  Facts of a
foreign file cost a load and a probe run (:mod:`engine.models.spandrel_source`,
:mod:`engine.models.onnx_graph`, :mod:`engine.models.ncnn_net`), so they are cached by the
file's hash (``model_facts`` in the user cache folder).  This module imports neither torch
nor onnxruntime; each source imports its own runtime when it is measured, so an ONNX or
ncnn model is listed and runs in a build without torch.
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path
from typing import Any

from engine.errors import ModelFileError, UnsupportedModelError
from engine.models.foreign_files import MAX_HEADER_BYTES, file_digest, require_nonempty
from engine.models.header import METADATA_KEY

TORCH_SUFFIXES = (".pth", ".pt", ".ckpt", ".safetensors")
ONNX_SUFFIXES = (".onnx",)
NCNN_SUFFIXES = (".param",)
MODEL_SUFFIXES = TORCH_SUFFIXES + ONNX_SUFFIXES + NCNN_SUFFIXES
FOREIGN_FORMATS = ("spandrel", "onnx", "ncnn")
BACKENDS_OF = {"srstudio": ["torch", "onnx"], "spandrel": ["torch", "onnx"],
               "onnx": ["onnx"], "ncnn": ["ncnn"]}
FACTS_VERSION = 2      # bump when a fact's meaning or measurement changes
_DIGESTS: dict[tuple[str, int, int], str] = {}


def file_format(path: str | os.PathLike[str]) -> str:
    """'srstudio', 'spandrel', 'onnx' or 'ncnn' for a model path (by extension, and for
    ``.safetensors`` by whether the header is ours); a clear error for anything else."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".safetensors":
        if not p.is_file():
            raise ModelFileError(f"model file not found: {p}")
        return "srstudio" if _has_our_header(p) else "spandrel"
    if suffix in TORCH_SUFFIXES:
        return "spandrel"
    if suffix in ONNX_SUFFIXES:
        return "onnx"
    if suffix in NCNN_SUFFIXES:
        return "ncnn"
    if suffix == ".bin" and p.with_suffix(".param").is_file():
        return "ncnn"
    raise UnsupportedModelError(f"{p.name}: not a model file SR Studio reads (it reads "
                                f"{', '.join(MODEL_SUFFIXES)})")


def _has_our_header(path: Path) -> bool:
    """Whether a safetensors file carries an ``srstudio`` header.  A header we cannot even
    parse counts as ours, so the weight-file reader (engine.models.header) reports it."""
    try:
        with path.open("rb") as f:
            (n,) = struct.unpack("<Q", f.read(8))
            if n > MAX_HEADER_BYTES:
                return True
            header = json.loads(f.read(n))
        return METADATA_KEY in (header.get("__metadata__") or {})
    except (OSError, ValueError, struct.error, AttributeError, UnicodeDecodeError):
        return True


def is_foreign(path: str | os.PathLike[str]) -> bool:
    """True for a model file that is not one of SR Studio's own weight files."""
    return Path(path).suffix.lower() in MODEL_SUFFIXES and file_format(path) != "srstudio"


def model_files(folder: Path) -> list[Path]:
    """The model files in a folder (an ncnn pair counts once, by its ``.param``)."""
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in MODEL_SUFFIXES
                  and not p.name.startswith("."))


def ncnn_bin(param: Path) -> Path:
    """The ``.bin`` weights of an ncnn ``.param`` file; an error naming it when absent."""
    param = param.with_suffix(".param") if param.suffix.lower() == ".bin" else param
    weights = param.with_suffix(".bin")
    if not weights.is_file():
        raise ModelFileError(f"{param.name}: its weights {weights.name} are not beside it "
                             "(an ncnn model is a .param and a .bin of the same name)")
    return weights


def digest(path: Path) -> str:
    """The file's hash, remembered per (path, size, mtime) within this process."""
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _DIGESTS:
        _DIGESTS[key] = file_digest(path)
    return _DIGESTS[key]


def cache_dir(kind: str) -> Path:
    """A folder of the user cache (``SRSTUDIO_CACHE_DIR`` overrides its root)."""
    env = os.environ.get("SRSTUDIO_CACHE_DIR")
    if env:
        return Path(env) / kind
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("SR Studio", "SR Studio")) / kind


def _facts_path(path: Path, fmt: str) -> Path:
    key = digest(path)
    if fmt == "ncnn":
        key += "-" + digest(ncnn_bin(path))[:8]
    return cache_dir("model_facts") / f"{key}-{fmt}-v{FACTS_VERSION}.json"


def measure_facts(path: Path, fmt: str) -> dict[str, Any]:
    """Load the model once and record what the tiler and the library need."""
    if fmt == "spandrel":
        from engine.models.builds import require_torch
        require_torch(f"{path.name} (a PyTorch model)")
        from engine.models.spandrel_source import load_spandrel
        return dict(load_spandrel(path).metadata)
    if fmt == "onnx":
        from engine.models.onnx_graph import onnx_facts
        return onnx_facts(path)
    if fmt == "ncnn":
        from engine.models.ncnn_net import ncnn_facts
        return ncnn_facts(path, ncnn_bin(path))
    raise UnsupportedModelError(f"{path.name}: no foreign loader for {fmt}")


def facts(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The cached facts of a foreign model file (measured on first use)."""
    path = Path(path)
    require_nonempty(path)
    fmt = file_format(path)
    if fmt == "ncnn":
        path = path.with_suffix(".param")
        require_nonempty(ncnn_bin(path))
    where = _facts_path(path, fmt)
    if where.is_file():
        try:
            return json.loads(where.read_text())
        except ValueError:
            pass   # a damaged cache entry: measure again
    found = {**measure_facts(path, fmt), "model_format": fmt, "sha256": digest(path),
             "backends": BACKENDS_OF[fmt], "file_bytes": path.stat().st_size}
    where.parent.mkdir(parents=True, exist_ok=True)
    tmp = where.with_name(f".{where.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(found, default=str))
    os.replace(tmp, where)
    return found


def foreign_info(path: str | os.PathLike[str], source: str) -> Any:
    """A :class:`~engine.models.registry.ModelInfo` for a foreign model file."""
    from engine.models.registry import ModelInfo
    path = Path(path)
    if path.suffix.lower() == ".bin":
        path = path.with_suffix(".param")
    try:
        f = facts(path)
    except UnsupportedModelError as e:   # listing skips ModelFileErrors; say it the same way
        raise ModelFileError(str(e)) from None
    ours = bool(f.get("srstudio_export"))   # our own export keeps its name, role, scores
    return ModelInfo(name=str(f.get("name") or path.stem) if ours else path.stem, path=path,
                     arch=str(f.get("arch") or f["model_format"]), scale=int(f["scale"]),
                     params=f.get("params"), role=f.get("role") if ours else None,
                     num_channels=int(f.get("in_channels", 3)), source=source,
                     metrics=dict(f.get("metrics") or {}) if ours else {}, metadata=f)


LIBRARY_KEYS = ("backends", "sha256", "author", "license", "description",
                "title", "purpose", "context", "size_multiple", "window_attention")


def library_fields(metadata: dict[str, Any]) -> dict[str, Any]:
    """What ``models --json`` shows of a model beyond name, architecture and scale."""
    fmt = str(metadata.get("model_format") or "srstudio")
    out = {"format": fmt, **{k: metadata[k] for k in LIBRARY_KEYS if k in metadata},
           # a graph file made elsewhere (ONNX, ncnn) names no architecture: its facts then
           # carry the format as one, and this says so instead of leaving callers to guess
           "architecture_known": str(metadata.get("arch") or fmt).lower() != fmt}
    out.setdefault("backends", BACKENDS_OF.get(fmt, ["torch"]))
    return out
