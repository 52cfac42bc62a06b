"""The ONNX Runtime backend: every architecture exports (RGB in, RGB out, any size) and
ONNX Runtime reproduces the torch backend; the cache, errors and the CLI around it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from engine.archs import build, get_arch
from engine.errors import ModelFileError, UnsupportedModelError
from engine.inference import TorchUpscaler, upscale_image
from engine.inference.factory import make_upscaler
from engine.inference.onnx_export import cached_onnx, export_onnx, read_onnx_metadata
from engine.inference.onnx_upscaler import OnnxUpscaler, onnx_providers
from engine.models.descriptor import LoadedModel
from engine.models.registry import ClassicalModel, resolve_model
from tests.conftest import photo_like, save_tiny_model
from tests.engine.test_archs import GENERATORS, SMALL

ort = pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")

# one scale per architecture (the largest it has: the widest upsampler path), small configs
CASES = [pytest.param(name, max(get_arch(name).scales), SMALL.get(name, {}), id=name)
         for name in GENERATORS]


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SRSTUDIO_CACHE_DIR", str(tmp_path / "cache"))


def _loaded(name: str, scale: int, cfg: dict, seed: int = 0) -> LoadedModel:
    torch.manual_seed(seed)
    module = build(name, scale, **cfg).eval()
    return LoadedModel.from_module(module, arch=name, scale=scale, config=cfg,
                                   name=f"{name}_x{scale}", metadata={"role": "fast"})


def _weight_file(folder: Path, seed: int = 0) -> Path:
    return save_tiny_model(folder, "tiny_fsrcnn_ps_x2", 2, seed=seed)


@pytest.mark.parametrize(("name", "scale", "cfg"), CASES)
def test_every_architecture_runs_the_same_on_onnx_runtime(tmp_path, name, scale, cfg) -> None:
    """Exported at one size, run at another (odd, batch of 2): within float rounding."""
    lm = _loaded(name, scale, cfg)
    path = export_onnx(lm, tmp_path / f"{name}.onnx")
    m = lm.size_multiple
    h, w = 2 * m * (-(-19 // m)), m * (-(-23 // m))   # sizes the trace never saw
    tiles = np.random.default_rng(0).random((2, h, w, 3), dtype=np.float32)
    onnx_up = OnnxUpscaler(path, "cpu")
    torch_up = TorchUpscaler(lm, "cpu", "fp32")
    a, b = onnx_up(tiles), torch_up(tiles)
    assert a.shape == b.shape == (2, h * scale, w * scale, 3)
    assert np.abs(a - b).max() <= 1e-4
    assert (onnx_up.scale, onnx_up.context, onnx_up.size_multiple) == \
        (torch_up.scale, torch_up.context, torch_up.size_multiple)


def test_tiled_onnx_upscale_equals_the_torch_backend(tmp_path) -> None:
    lm = _loaded("span_fast", 3, SMALL["span_fast"])
    img = photo_like(37, 29)
    path = export_onnx(lm, tmp_path / "sf.onnx")
    a = upscale_image(OnnxUpscaler(path, "cpu"), img, tile=16).pixels
    b = upscale_image(TorchUpscaler(lm, "cpu", "fp32"), img, tile=16).pixels
    assert a.shape == b.shape == (111, 87, 3)
    assert np.abs(a.astype(int) - b.astype(int)).max() <= 1


def test_the_exported_file_is_a_plain_rgb_model_with_srstudio_metadata(tmp_path) -> None:
    lm = _loaded("espcn", 4, {})
    path = export_onnx(lm, tmp_path / "e.onnx")
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (inp,), (out,) = sess.get_inputs(), sess.get_outputs()
    assert inp.shape[1] == 3 and out.shape[1] == 3 and inp.type == "tensor(float)"
    (y,) = sess.run(None, {inp.name: np.zeros((1, 3, 10, 12), np.float32)})
    assert y.shape == (1, 3, 40, 48)
    meta = read_onnx_metadata(path)
    assert (meta["scale"], meta["arch"], meta["io"], meta["name"]) == (4, "espcn", "rgb",
                                                                        "espcn_x4")
    assert meta["params"] == lm.params


def test_cache_reuses_the_export_until_the_weights_change(tmp_path) -> None:
    w = _weight_file(tmp_path / "m")
    first = cached_onnx(w)
    stamp = first.stat().st_mtime_ns
    assert cached_onnx(w) == first and first.stat().st_mtime_ns == stamp
    _weight_file(tmp_path / "m", seed=1)          # same name, new tensors
    second = cached_onnx(w)
    assert second != first and second.is_file()
    assert not first.exists()                     # one export per weight file
    other = _weight_file(tmp_path / "elsewhere")  # same name, another folder: its own
    assert cached_onnx(other) != second and second.is_file()
    assert not list(second.parent.glob("*.tmp*"))  # written atomically, nothing left over


def test_onnx_errors_are_one_line_and_name_the_problem(tmp_path) -> None:
    garbage = tmp_path / "bad.onnx"
    garbage.write_bytes(b"not a protobuf at all")
    with pytest.raises(ModelFileError, match="bad.onnx: not a readable ONNX file"):
        read_onnx_metadata(garbage)
    import onnx
    from onnx import TensorProto, helper
    graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "g",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])])
    foreign = tmp_path / "foreign.onnx"
    onnx.save(helper.make_model(graph), str(foreign))
    with pytest.raises(ModelFileError, match="not exported by SR Studio"):
        read_onnx_metadata(foreign)
    w = _weight_file(tmp_path / "m")
    ref = resolve_model(str(w), 2)
    with pytest.raises(UnsupportedModelError, match="runs fp32, not fp16"):
        make_upscaler(ref, "cpu", "fp16", backend="onnx")
    with pytest.raises(UnsupportedModelError, match="unknown backend"):
        make_upscaler(ref, "cpu", backend="tensorrt")
    if "CUDAExecutionProvider" not in ort.get_available_providers():
        with pytest.raises(UnsupportedModelError, match="no CUDA provider"):
            onnx_providers("cuda")
    assert onnx_providers("cpu") == ["CPUExecutionProvider"]
    assert onnx_providers("auto")[-1] == "CPUExecutionProvider"
    # resizers are the same on both backends
    assert make_upscaler(ClassicalModel("bicubic", 2), backend="onnx").name == "bicubic"


def test_cli_export_upscale_and_eval_on_the_onnx_backend(tmp_path, model_dirs) -> None:
    from PIL import Image

    from app.cli.main import main
    shipped, _user = model_dirs
    _weight_file(shipped)
    onnx_file = tmp_path / "out" / "tiny.onnx"
    assert main(["export-onnx", "fast", "-s", "2", "-o", str(onnx_file)]) == 0
    assert read_onnx_metadata(onnx_file)["scale"] == 2
    assert main(["export-onnx", "fast", "-s", "2", "-o", str(onnx_file)]) == 1  # exists
    assert main(["export-onnx", "bicubic", "-s", "2", "-o", str(tmp_path / "b.onnx")]) == 1

    src = tmp_path / "in.png"
    Image.fromarray(photo_like(30, 26)).save(src)
    for backend in ("torch", "onnx"):
        assert main(["upscale", str(src), "-m", "fast", "-s", "2", "--backend", backend,
                     "-o", str(tmp_path / f"{backend}.png"), "--quiet"]) == 0
    a = np.asarray(Image.open(tmp_path / "torch.png")).astype(int)
    b = np.asarray(Image.open(tmp_path / "onnx.png")).astype(int)
    assert a.shape == b.shape == (60, 52, 3) and np.abs(a - b).max() <= 1

    bench = tmp_path / "Bench" / "HR"
    bench.mkdir(parents=True)
    Image.fromarray(photo_like(40, 36, seed=2)).save(bench / "a.png")
    scores = {}
    for backend in ("torch", "onnx"):
        import contextlib
        import io
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            assert main(["eval", "-m", "fast", "-s", "2", "--json", "--backend", backend,
                         str(bench.parent)]) == 0
        scores[backend] = json.loads(buf.getvalue())["datasets"]["Bench"]["psnr_y"]
    assert abs(scores["torch"] - scores["onnx"]) < 0.01


def test_auto_backend_is_torch_unless_only_onnx_runtime_has_a_gpu(monkeypatch) -> None:
    """A Windows machine with an AMD or Intel GPU: PyTorch sees only the CPU, ONNX Runtime
    has DirectML, so 'auto' takes ONNX Runtime; a device or precision the user chose, or a
    GPU PyTorch can use, keeps PyTorch."""
    import engine.devices
    from engine.inference.factory import resolve_backend
    assert resolve_backend("torch") == "torch" and resolve_backend("onnx") == "onnx"
    with pytest.raises(UnsupportedModelError, match="unknown backend"):
        resolve_backend("tensorrt")
    monkeypatch.setattr(engine.devices, "available_devices", lambda: ["cpu"])
    monkeypatch.setattr(ort, "get_available_providers",
                        lambda: ["DmlExecutionProvider", "CPUExecutionProvider"])
    assert resolve_backend("auto") == "onnx"
    assert resolve_backend(None) == "onnx"
    assert resolve_backend("auto", device="cpu") == "torch"
    assert resolve_backend("auto", precision="fp16") == "torch"
    monkeypatch.setattr(engine.devices, "available_devices", lambda: ["cpu", "cuda:0"])
    assert resolve_backend("auto") == "torch"
    monkeypatch.setattr(engine.devices, "available_devices", lambda: ["cpu"])
    monkeypatch.setattr(ort, "get_available_providers", lambda: ["CPUExecutionProvider"])
    assert resolve_backend("auto") == "torch"       # this machine: no GPU anywhere
