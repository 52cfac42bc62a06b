"""ncnn model files without torch: load a ``.param`` + ``.bin`` pair and measure its facts.

An ncnn file says nothing about scale or how far the network looks, so both come from an
impulse probe (:mod:`engine.models.impulse`).  The network takes one CHW image in [0, 1]
(the convention of Upscayl's and realesrgan-ncnn-vulkan's models) per extractor run.  ncnn
reads the memory of every ``ncnn.Mat`` in place, so the Mat and the numpy array behind it
are kept alive until the extractor has produced its output.  The upscaler over a net is
:class:`engine.inference.ncnn_upscaler.NcnnUpscaler`.  Nothing here imports torch.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import ModelFileError, UnsupportedModelError
from engine.threads import run_threads

NCNN_PROBE_SIDE = 48


def _import_ncnn() -> Any:
    try:
        import ncnn
    except ImportError:
        raise UnsupportedModelError("ncnn models need the ncnn package (pip install "
                                    "ncnn)") from None
    return ncnn


@functools.cache
def vulkan_gpu_count() -> int:
    """GPUs ncnn can use through Vulkan (0 without a Vulkan driver).  ncnn prints its
    driver search to the C stderr; that noise is kept off the user's terminal."""
    ncnn = _import_ncnn()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
            return int(ncnn.get_gpu_count())
    except Exception:   # a broken driver: run on the CPU
        return 0
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class NcnnNet:
    """One loaded ncnn network and how to feed it (input and output blob names)."""

    def __init__(self, param: Path, weights: Path, use_gpu: bool,
                 threads: int | None = None) -> None:
        from engine.models.foreign_files import describe_start, require_nonempty
        ncnn = _import_ncnn()
        self.param, self.weights = param, weights
        require_nonempty(param)
        require_nonempty(weights)
        with param.open("rb") as f:
            start = f.read(16)
        if not start.startswith(b"7767517"):
            raise ModelFileError(f"{param.name}: not an ncnn .param file (it looks like "
                                 f"{describe_start(start)})")
        self.net = ncnn.Net()
        self.net.opt.use_vulkan_compute = bool(use_gpu)
        self.net.opt.num_threads = max(1, int(threads or _threads()))
        if self.net.load_param(str(param)) != 0:
            raise ModelFileError(f"{param.name}: ncnn cannot parse this .param file")
        if self.net.load_model(str(weights)) != 0:
            raise ModelFileError(f"{weights.name}: ncnn cannot read these weights (truncated, "
                                 f"or not the .bin of {param.name})")
        ins, outs = list(self.net.input_names()), list(self.net.output_names())
        if len(ins) != 1 or not outs:
            raise UnsupportedModelError(f"{param.name}: {len(ins)} inputs and {len(outs)} "
                                        "outputs; SR Studio runs one-image models")
        self.input_name, self.output_name = ins[0], outs[0]

    def feed(self, x: np.ndarray) -> np.ndarray:
        """(N, h, w, C) float32 -> (N, H, W, C') float32, one extractor run per image."""
        ncnn = _import_ncnn()
        outs = []
        for img in x:
            chw = np.ascontiguousarray(img.transpose(2, 0, 1), dtype=np.float32)
            mat_in = ncnn.Mat(chw)          # reads chw's memory: both live until extract
            ex = self.net.create_extractor()
            ex.input(self.input_name, mat_in)
            ret, mat_out = ex.extract(self.output_name)
            if ret != 0:
                raise UnsupportedModelError(f"{self.param.name}: ncnn failed on a "
                                            f"{chw.shape[2]}x{chw.shape[1]} tile (code {ret})")
            out = np.array(mat_out, dtype=np.float32, copy=True)
            del ex, mat_in, chw, mat_out
            if out.ndim == 2:
                out = out[None]
            outs.append(out.transpose(1, 2, 0))
        return np.stack(outs)


def _threads() -> int:
    return run_threads()   # the thread count the rest of the run was given


def ncnn_facts(param: str | os.PathLike[str], weights: str | os.PathLike[str]
               ) -> dict[str, Any]:
    """Scale, channels and receptive radius of an ncnn pair, probed on the CPU."""
    from engine.models.impulse import impulse_probe
    net = NcnnNet(Path(param), Path(weights), use_gpu=False)
    last: UnsupportedModelError | None = None
    for channels in (3, 1):
        try:
            p = impulse_probe(net.feed, Path(param).name, channels, NCNN_PROBE_SIDE,
                              NCNN_PROBE_SIDE, tol=1e-5)
        except UnsupportedModelError as e:
            last = e
            continue
        return {"arch": "ncnn", "scale": p.scale, "in_channels": channels,
                "out_channels": p.out_channels, "context": p.context,
                "context_exact": p.exact, "input_name": net.input_name,
                "output_name": net.output_name}
    assert last is not None
    raise last
