"""Model files on the workers: the driver's file by its path where a worker sees that very
file, else the driver's bytes through Ray's object store, written once per node.

Why both: on one machine or a shared file system the path costs nothing.  But the model
folders (the user's library, ``SRSTUDIO_MODELS_DIR``) are usually each machine's own, and
a node may have no such file or another one under the same name; so the driver puts each
model file the plan uses in the object store once per job (``ray.put`` of its bytes), and a
worker whose path is missing or differs (size or mtime) fetches them and keeps them in its
node's cache folder by content hash: once per node, however many workers and jobs.
Nothing is downloaded from anywhere else.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.io.files import file_identity
from engine.jobs.plan import Plan
from engine.models.registry import ChainedModel, ModelInfo, ModelRef
from engine.models.sources import cache_dir, file_format


@dataclass(frozen=True)
class ShippedFile:
    """One model file of the driver, in the object store."""

    path: str          # on the driver
    size: int
    mtime_ns: int
    digest: str        # sha256 of the bytes (the node cache's key)
    identity: str      # engine.io.files.file_identity on the driver (video resume hash)
    data: Any          # the ObjectRef of the bytes


#: the plan's model files by their path on the driver
Shipment = dict[str, ShippedFile]


def model_files(ref: ModelRef) -> list[Path]:
    """The files a model reference loads (an ncnn model is its .param and its .bin)."""
    if isinstance(ref, ChainedModel):
        return model_files(ref.first) + model_files(ref.second)
    if not isinstance(ref, ModelInfo):
        return []                                   # a resizer: no file
    p = Path(ref.path)
    if p.suffix.lower() in (".param", ".bin") and file_format(p) == "ncnn":
        return [p.with_suffix(".param"), p.with_suffix(".bin")]
    return [p]


def ship_models(plan: Plan, put: Callable[[bytes], Any]) -> Shipment:
    """On the driver: every model file the plan's runnable items use, ``put`` once."""
    out: Shipment = {}
    for ref in plan.models():
        for f in model_files(ref):
            if str(f) in out:
                continue
            data = f.read_bytes()
            st = f.stat()
            out[str(f)] = ShippedFile(str(f), st.st_size, st.st_mtime_ns,
                                      hashlib.sha256(data).hexdigest(), file_identity(f),
                                      put(data))
    return out


def _same(path: Path, shipped: ShippedFile | None) -> bool:
    """True when this node's ``path`` is the driver's file (or nothing was shipped)."""
    if shipped is None:
        return True
    try:
        st = path.stat()
    except OSError:
        return False
    return st.st_size == shipped.size and st.st_mtime_ns == shipped.mtime_ns


class NodeModels:
    """On a worker: model references pointed at files this node can read."""

    def __init__(self, fetch: Callable[[Any], bytes]) -> None:
        self.fetch = fetch
        self.fetched = 0                       # files this worker took from the object store
        self._identity: dict[str, str] = {}    # a local copy's identity -> the driver's

    def localize(self, ref: ModelRef, shipment: Shipment) -> ModelRef:
        """``ref`` itself where this node sees the driver's files, else the same model
        read from copies of the shipped bytes in this node's cache."""
        if isinstance(ref, ChainedModel):
            return dataclasses.replace(ref, first=self._info(ref.first, shipment),
                                       second=self._info(ref.second, shipment))
        return self._info(ref, shipment) if isinstance(ref, ModelInfo) else ref

    def _info(self, ref: ModelInfo, shipment: Shipment) -> ModelInfo:
        files = model_files(ref)
        if all(_same(f, shipment.get(str(f))) for f in files):
            return ref
        shipped = [shipment[str(f)] for f in files]
        folder = cache_dir("cluster-models") / "-".join(s.digest[:16] for s in shipped)
        local = [self._materialize(s, folder) for s in shipped]
        for s, p in zip(shipped, local, strict=True):
            self._identity[file_identity(p)] = s.identity
        return dataclasses.replace(ref, path=local[0])

    def driver_identity(self, identity: str) -> str:
        """The driver's identity for a local copy's (the video work folder's hash must
        not depend on where a worker read the weights from)."""
        return self._identity.get(identity, identity)

    def _materialize(self, shipped: ShippedFile, folder: Path) -> Path:
        dest = folder / Path(shipped.path).name
        try:
            if dest.stat().st_size == shipped.size:
                return dest                    # another worker of this node wrote it
        except OSError:
            pass
        data = self.fetch(shipped.data)
        if hashlib.sha256(data).hexdigest() != shipped.digest:
            raise OSError(f"the shipped bytes of {dest.name} do not match the driver's file")
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{dest.name}.{secrets.token_hex(4)}.{os.getpid()}.part"
        tmp.write_bytes(data)
        os.replace(tmp, dest)
        self.fetched += 1
        return dest
