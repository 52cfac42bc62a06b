"""ONNX files without torch: their metadata, ONNX Runtime sessions, and foreign graphs' facts.

An ONNX file is a model format like a weight file: this module opens one (a session on the
execution providers for a device), reads SR Studio's ``srstudio`` metadata of our own
exports (:mod:`engine.inference.onnx_export` writes it), and describes a graph made
elsewhere (chaiNNer, OpenModelDB, other converters): its input layout (NCHW or NHWC),
channels (1 or 3), element type (fp32 or fp16) and fixed or dynamic height and width are
read from the graph; scale and receptive radius are found by an impulse probe
(:func:`onnx_facts`: one run, then one more with a single input pixel changed: the output
pixels that move are that pixel's footprint).  A fixed-size model gets tiles of exactly its
size, padded at the image edges.  The upscaler over a session is
:class:`engine.inference.onnx_upscaler.OnnxUpscaler`.  Nothing here imports torch.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import ModelFileError, UnsupportedModelError

META_KEY = "srstudio"
INPUT, OUTPUT = "input", "output"

# the GPU providers 'auto' tries, best first; the CPU provider is always there
GPU_PROVIDERS = ("CUDAExecutionProvider", "DmlExecutionProvider", "CoreMLExecutionProvider")
DEVICE_PROVIDERS = {"cuda": "CUDAExecutionProvider", "dml": "DmlExecutionProvider",
                    "directml": "DmlExecutionProvider", "mps": "CoreMLExecutionProvider",
                    "coreml": "CoreMLExecutionProvider", "cpu": "CPUExecutionProvider"}


def gpu_providers() -> list[str]:
    """The GPU execution providers this ONNX Runtime build has, best first."""
    import onnxruntime as ort
    have = ort.get_available_providers()
    return [p for p in GPU_PROVIDERS if p in have]


PROVIDER_DEVICES = {"CUDAExecutionProvider": "cuda", "DmlExecutionProvider": "dml",
                    "CoreMLExecutionProvider": "coreml"}


def onnx_devices() -> tuple[list[str], str]:
    """The devices ONNX Runtime reaches here (CPU first, as engine.devices lists torch's)
    and a one-line description of what 'auto' runs on: the lean build has no torch to
    ask, so the app's device list comes from here."""
    gpus = gpu_providers()
    names = ["cpu", *(PROVIDER_DEVICES[p] for p in gpus)]
    best = gpus[0].removesuffix("ExecutionProvider") if gpus else f"CPU ({os.cpu_count()} threads)"
    return names, f"ONNX Runtime, {best}"


def onnx_providers(device: str | None) -> list[str | tuple[str, dict[str, Any]]]:
    """The execution providers for a device choice (auto, cpu, cuda[:N], mps/coreml, dml)."""
    import onnxruntime as ort
    have = ort.get_available_providers()
    pref = (device or "auto").lower()
    if pref == "auto":
        return [*gpu_providers()[:1], "CPUExecutionProvider"]
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


def read_onnx_metadata(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The ``srstudio`` metadata of an exported file; a clear error for any other ONNX file."""
    import onnxruntime as ort
    path = Path(path)
    try:
        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        props = sess.get_modelmeta().custom_metadata_map
    except Exception as e:   # onnxruntime's own exception types (InvalidProtobuf, Fail...)
        raise ModelFileError(f"{path.name}: not a readable ONNX file "
                             f"({(str(e).splitlines() or ['?'])[0][:120]})") from None
    return srstudio_metadata(path, props)


def srstudio_metadata(path: Path, props: dict[str, str]) -> dict[str, Any]:
    """Our metadata among an ONNX file's ``metadata_props``; a clear error when absent."""
    if META_KEY not in props:
        raise ModelFileError(f"{path.name}: an ONNX file not exported by SR Studio (its scale "
                             "and tiling needs are unknown)")
    return json.loads(props[META_KEY])


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
        from engine.threads import run_threads
        threads = run_threads()
    opts.intra_op_num_threads = max(1, int(threads))
    # no busy-waiting between runs: ORT's idle workers spin by default, and whatever ran
    # next on the CPU paid for it (a torch pass right after an ORT one: 28.5 -> 17.6 MP/s,
    # lite fast x4, 2 threads; the tiler's rounding and a video's encoder threads run
    # between ORT runs too); ORT itself lost 3% (26.9 -> 26.0 MP/s)
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
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
    fixed = (hw[0], hw[1]) if all(isinstance(d, int) and d > 0 for d in hw) else None
    return layout, int(c), fixed


PROBE_SIDE = 48


def probe_graph(g: ForeignGraph) -> dict[str, Any]:
    """Scale, output channels and receptive radius of a foreign graph, by two runs."""
    from engine.models.impulse import impulse_probe
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
                "params": meta.get("params"), "layout": "nchw", "srstudio_export": True,
                "name": meta.get("name"), "role": meta.get("role"),
                "metrics": meta.get("metrics") or {}}
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


def copy_export_renamed(src: Path, dst: Path, name: str) -> None:
    """Copy one of our ONNX exports to ``dst`` with the name in its ``srstudio`` metadata
    changed: that name, not the file's, is the one listed (a renamed file alone would
    keep showing the old name)."""
    try:
        import onnx
    except ImportError:
        raise UnsupportedModelError(f"renaming {src.name} needs the 'onnx' package "
                                    "(pip install onnx)") from None
    from engine.io.atomic import atomic_output
    proto = onnx.load(str(src))
    for prop in proto.metadata_props:
        if prop.key == META_KEY:
            prop.value = json.dumps({**json.loads(prop.value), "name": name}, default=str)
    with atomic_output(dst, exclusive=True) as tmp:
        onnx.save(proto, str(tmp))
