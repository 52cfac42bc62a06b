"""Run an exported network with ONNX Runtime: DirectML on Windows, CUDA, CoreML, or CPU.

The same tiles in and out as :class:`~engine.inference.upscalers.TorchUpscaler`: the
exported graph is the torch backend's :class:`~engine.inference.rgb_network.RgbNetwork`
(see :mod:`engine.models.onnx_export`), so the two agree to float rounding.  On this
project's 2-core x86 CPU it is level with torch for the fast models and 1.06-1.41x faster
for the quality and SRCNN ones (``bench/backend_speed.py``); its reason to exist is the
GPUs torch does not reach (DirectML on Windows, CoreML).  It runs fp32 only.

It also runs ONNX files made elsewhere (chaiNNer, OpenModelDB, other converters): their
input layout (NCHW or NHWC), channels (1 or 3), element type (fp32 or fp16) and fixed or
dynamic height and width are read from the graph; scale and receptive radius are found by
an impulse probe (:func:`onnx_facts`: one run, then one more with a single input pixel
changed: the output pixels that move are that pixel's footprint).  A fixed-size model gets
tiles of exactly its size, padded at the image edges.  Nothing here imports torch.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import ModelFileError, UnsupportedModelError
from engine.inference.memory import available_ram_bytes, network_bytes_per_pixel
from engine.models.onnx_export import INPUT, META_KEY, srstudio_metadata

# the GPU providers 'auto' tries, best first; the CPU provider is always there
GPU_PROVIDERS = ("CUDAExecutionProvider", "DmlExecutionProvider", "CoreMLExecutionProvider")
DEVICE_PROVIDERS = {"cuda": "CUDAExecutionProvider", "dml": "DmlExecutionProvider",
                    "directml": "DmlExecutionProvider", "mps": "CoreMLExecutionProvider",
                    "coreml": "CoreMLExecutionProvider", "cpu": "CPUExecutionProvider"}
FALLBACK_GPU_BYTES = 2 << 30   # free memory assumed where a provider cannot be asked


def gpu_providers() -> list[str]:
    """The GPU execution providers this ONNX Runtime build has, best first."""
    import onnxruntime as ort
    have = ort.get_available_providers()
    return [p for p in GPU_PROVIDERS if p in have]


def onnx_providers(device: str | None) -> list[str | tuple[str, dict]]:
    """The execution providers for a device choice (auto, cpu, cuda[:N], mps/coreml, dml)."""
    import onnxruntime as ort
    have = ort.get_available_providers()
    pref = (device or "auto").lower()
    if pref == "auto":
        return gpu_providers()[:1] + ["CPUExecutionProvider"]
    kind, _, index = pref.partition(":")
    provider = DEVICE_PROVIDERS.get(kind)
    if provider is None:
        raise UnsupportedModelError(f"unknown device {device!r} for ONNX Runtime "
                                    "(auto, cpu, cuda, dml, mps)")
    if provider not in have:
        raise UnsupportedModelError(
            f"this ONNX Runtime build has no {provider.removesuffix('ExecutionProvider')} "
            f"provider for {device!r} (it has: {', '.join(have)}); use the torch backend")
    if provider == "CPUExecutionProvider":
        return [provider]
    options = {"device_id": int(index)} if index.isdigit() else {}
    return [(provider, options), "CPUExecutionProvider"]


class OnnxUpscaler:
    """An :class:`~engine.inference.upscalers.Upscaler` over an exported ``.onnx`` file."""

    def __init__(self, path: str | os.PathLike[str], device: str | None = "auto",
                 threads: int | None = None, batch_size: int | None = None,
                 facts: dict[str, Any] | None = None) -> None:
        self.path = Path(path)
        self.session = open_session(self.path, device, threads)
        self.provider = self.session.get_providers()[0]
        props = self.session.get_modelmeta().custom_metadata_map
        self.foreign: ForeignGraph | None = None
        if META_KEY not in props:
            self.foreign = ForeignGraph(self.session, self.path, facts)
            self._init_foreign(self.foreign, batch_size)
            return
        meta = srstudio_metadata(self.path, props)
        self.name = str(meta.get("name") or self.path.stem)
        self.scale = int(meta["scale"])
        self.context = int(meta["context"])
        self.size_multiple = int(meta.get("size_multiple", 1))
        self.config = dict(meta.get("config") or {})
        on_gpu = self.provider != "CPUExecutionProvider"
        self.batch_size = batch_size or (4 if on_gpu else 1)

    def _init_foreign(self, g: ForeignGraph, batch_size: int | None) -> None:
        self.name = self.path.stem
        self.scale, self.context = g.scale, g.context
        self.size_multiple = 1
        self.config = {"num_feats": 64}
        on_gpu = self.provider != "CPUExecutionProvider"
        self.batch_size = 1 if (g.fixed_batch or g.fixed) else batch_size or (4 if on_gpu else 1)

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        if self.foreign is not None:
            return self.foreign.run(tiles)
        x = np.ascontiguousarray(tiles.transpose(0, 3, 1, 2), dtype=np.float32)
        (out,) = self.session.run(None, {INPUT: x})
        return np.ascontiguousarray(out.transpose(0, 2, 3, 1))

    def bytes_per_input_pixel(self) -> float:
        # fp32, and ONNX Runtime's arena keeps a second set of buffers around
        return 2.0 * network_bytes_per_pixel(self.config, self.scale, 4)

    def free_memory(self) -> int:
        if self.provider == "CPUExecutionProvider":
            return available_ram_bytes()
        if self.provider == "CUDAExecutionProvider" and "torch" in sys.modules:
            import torch
            if torch.cuda.is_available():
                return int(torch.cuda.mem_get_info()[0])
        return FALLBACK_GPU_BYTES

    def release_memory(self) -> None:
        return None

    def is_oom(self, err: BaseException) -> bool:
        text = str(err).lower()
        return isinstance(err, MemoryError) or "failed to allocate" in text \
            or "out of memory" in text


def open_session(path: Path, device: str | None, threads: int | None = None) -> Any:
    """An ONNX Runtime session on the providers for ``device``; one line if it fails."""
    try:
        import onnxruntime as ort
    except ImportError:
        raise UnsupportedModelError("ONNX Runtime is not installed here (pip install "
                                    "onnxruntime); use the torch backend") from None
    from engine.models.foreign_files import describe_start, require_nonempty
    require_nonempty(path)
    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    if threads is None:   # the thread count the rest of the run was given (--threads)
        threads = (sys.modules["torch"].get_num_threads() if "torch" in sys.modules
                   else min(8, os.cpu_count() or 1))
    opts.intra_op_num_threads = max(1, int(threads))
    try:
        return ort.InferenceSession(str(path), opts, providers=onnx_providers(device))
    except UnsupportedModelError:
        raise
    except Exception as e:   # onnxruntime's own exception types
        first = (str(e).splitlines() or ["?"])[0][:160]
        if "protobuf" in first.lower() or "parsing" in first.lower():
            start = path.read_bytes()[:16]
            raise ModelFileError(f"{path.name}: not a readable ONNX file (it looks like "
                                 f"{describe_start(start)}; {first})") from None
        raise UnsupportedModelError(f"ONNX Runtime cannot run {path.name}: {first}") from None


class ForeignGraph:
    """How to feed an ONNX image model made elsewhere: layout, channels, dtype, size."""

    def __init__(self, session: Any, path: Path, facts: dict[str, Any] | None = None) -> None:
        self.session, self.path = session, path
        inputs = session.get_inputs()
        if len(inputs) != 1:
            names = ", ".join(i.name for i in inputs)
            raise UnsupportedModelError(f"{path.name}: the graph takes {len(inputs)} inputs "
                                        f"({names}); SR Studio runs one-image models")
        inp = inputs[0]
        self.input_name = inp.name
        self.layout, self.channels, self.fixed = graph_layout(path.name, inp.shape)
        self.fixed_batch = isinstance(inp.shape[0], int)
        if inp.type not in ("tensor(float)", "tensor(float16)"):
            raise UnsupportedModelError(f"{path.name}: input {inp.name!r} is {inp.type}; "
                                        "SR Studio feeds float32 or float16 images in [0, 1]")
        self.dtype = np.float16 if inp.type == "tensor(float16)" else np.float32
        f = facts or probe_graph(self)
        self.scale, self.context = int(f["scale"]), int(f["context"])
        self.out_channels = int(f["out_channels"])

    def feed(self, x: np.ndarray) -> np.ndarray:
        """Run (N, h, w, C) float32 tiles of the model's own channel count; (N, H, W, C')."""
        a = x if self.layout == "nhwc" else x.transpose(0, 3, 1, 2)
        (out,) = self.session.run(None, {self.input_name:
                                         np.ascontiguousarray(a, dtype=self.dtype)})
        out = np.asarray(out, dtype=np.float32)
        return out if self.layout == "nhwc" else out.transpose(0, 2, 3, 1)

    def run(self, tiles: np.ndarray) -> np.ndarray:
        """RGB tiles in, RGB tiles out, each through the graph at its own size (padded to
        the fixed size when the graph has one)."""
        x = tiles if self.channels == 3 else luma(tiles)
        outs = [self._one(t) for t in x] if (self.fixed or self.fixed_batch) else [None]
        y = np.stack(outs) if outs[0] is not None else self.feed(x)
        if y.shape[-1] == 1:
            y = np.repeat(y, 3, axis=-1)
        return np.ascontiguousarray(np.clip(y[..., :3], 0.0, 1.0))

    def _one(self, t: np.ndarray) -> np.ndarray:
        h, w = t.shape[:2]
        if self.fixed is None:
            return self.feed(t[None])[0]
        fh, fw = self.fixed
        if h <= fh and w <= fw:
            padded = np.pad(t, ((0, fh - h), (0, fw - w), (0, 0)), mode="edge")
            return self.feed(padded[None])[0, : h * self.scale, : w * self.scale]
        # a tile larger than the graph's size: tile it again at exactly that size
        from engine.tiling import run_tiled
        from engine.tiling.tiler import MIN_TILE
        inner = min(fh, fw) - 2 * (self.context + 4)
        if inner < MIN_TILE:
            raise UnsupportedModelError(f"{self.path.name}: its fixed {fw}x{fh} input leaves "
                                        f"no room for {self.context} pixels of context")
        return run_tiled(t, lambda b: np.stack([self._fits(i) for i in b]), scale=self.scale,
                         context=self.context, tile=inner, out=np.empty(
                             (h * self.scale, w * self.scale, t.shape[-1]), np.float32))

    def _fits(self, t: np.ndarray) -> np.ndarray:
        assert self.fixed is not None and t.shape[0] <= self.fixed[0] \
            and t.shape[1] <= self.fixed[1], "inner tile larger than the fixed size"
        return self._one(t)


def luma(tiles: np.ndarray) -> np.ndarray:
    """BT.601 luma of RGB tiles, for gray models (N, h, w, 1)."""
    return (tiles @ np.array([0.299, 0.587, 0.114], np.float32))[..., None]


def graph_layout(name: str, shape: list[Any]) -> tuple[str, int, tuple[int, int] | None]:
    """('nchw' or 'nhwc', channels, fixed (H, W) or None) from an input's shape, or one
    line saying the layout is not an image one."""
    dims = list(shape)
    if len(dims) != 4:
        raise UnsupportedModelError(f"{name}: input shape {dims} is not an image batch "
                                    "(N, C, H, W or N, H, W, C)")

    def chan(d: Any) -> bool:
        return isinstance(d, int) and d in (1, 3)

    if chan(dims[1]) and not chan(dims[3]):
        layout, c, hw = "nchw", dims[1], dims[2:4]
    elif chan(dims[3]) and not chan(dims[1]):
        layout, c, hw = "nhwc", dims[3], dims[1:3]
    elif chan(dims[1]):
        layout, c, hw = "nchw", dims[1], dims[2:4]
    elif not isinstance(dims[1], int):   # channels left dynamic: NCHW RGB is the norm
        layout, c, hw = "nchw", 3, dims[2:4]
    else:
        raise UnsupportedModelError(
            f"{name}: input shape {dims} has no 1- or 3-channel axis; SR Studio runs RGB or "
            "gray image models laid out NCHW or NHWC")
    fixed = tuple(hw) if all(isinstance(d, int) and d > 0 for d in hw) else None
    return layout, int(c), fixed   # type: ignore[return-value]


PROBE_SIDE = 48


def probe_graph(g: ForeignGraph) -> dict[str, Any]:
    """Scale, output channels and receptive radius of a foreign graph, by two runs."""
    from engine.inference.impulse import impulse_probe
    fh, fw = g.fixed or (PROBE_SIDE, PROBE_SIDE)
    p = impulse_probe(g.feed, g.path.name, g.channels, fh, fw,
                      tol=1e-3 if g.dtype == np.float16 else 1e-6)
    return {"arch": "onnx", "scale": p.scale, "in_channels": g.channels,
            "out_channels": p.out_channels, "layout": g.layout,
            "fixed_size": list(g.fixed) if g.fixed else None,
            "dtype": "fp16" if g.dtype == np.float16 else "fp32",
            "context": p.context, "context_exact": p.exact, "input_name": g.input_name}


def onnx_facts(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The library facts of any ONNX file: ours from its metadata, others by probing."""
    path = Path(path)
    session = open_session(path, "cpu")
    props = session.get_modelmeta().custom_metadata_map
    if META_KEY in props:
        meta = srstudio_metadata(path, props)
        return {"arch": meta.get("arch", "onnx"), "scale": int(meta["scale"]),
                "in_channels": 3, "out_channels": 3, "context": int(meta["context"]),
                "params": meta.get("params"), "layout": "nchw", "srstudio_export": True}
    g = ForeignGraph(session, path)
    return {**probe_graph(g), "params": _onnx_params(path)}


def _onnx_params(path: Path) -> int | None:
    """Weights in the graph's initializers (None where the onnx package is absent)."""
    try:
        import onnx
    except ImportError:
        return None
    graph = onnx.load(str(path), load_external_data=False).graph
    return int(sum(int(np.prod(t.dims)) for t in graph.initializer))
