"""Third-party models: spandrel architectures, foreign ONNX graphs, ncnn pairs, bad files.

Every network is built here from spandrel's own classes in a small configuration, with
random weights, and saved by the test (nothing is downloaded).  For each: detected, the
right output size and channels, tiled equal to whole (convolutional nets within 1e-3;
window-attention and global ones at least 50 dB), fp16 where the descriptor allows.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from engine.errors import ModelFileError, SRStudioError, UnsupportedModelError
from tests.conftest import REPO, photo_like

spandrel = pytest.importorskip("spandrel")


def _nets() -> dict:
    from spandrel.architectures.Compact import Compact
    from spandrel.architectures.DAT import DAT
    from spandrel.architectures.ESRGAN import ESRGAN
    from spandrel.architectures.HAT import HAT
    from spandrel.architectures.OmniSR import OmniSR
    from spandrel.architectures.RealCUGAN import UpCunet2x
    from spandrel.architectures.SPAN import SPAN
    from spandrel.architectures.SwinIR import SwinIR
    return {
        "ESRGAN": lambda: ESRGAN(in_nc=3, out_nc=3, num_filters=16, num_blocks=1, scale=2),
        "ESRGAN-1x": lambda: ESRGAN(in_nc=3, out_nc=3, num_filters=16, num_blocks=1, scale=1),
        "Compact": lambda: Compact(num_in_ch=3, num_out_ch=3, num_feat=16, num_conv=4,
                                   upscale=4),
        "SPAN": lambda: SPAN(num_in_ch=3, num_out_ch=3, feature_channels=16, upscale=2),
        "SwinIR": lambda: SwinIR(in_chans=3, embed_dim=12, depths=[2], num_heads=[2],
                                 window_size=4, upscale=2, upsampler="pixelshuffle",
                                 img_size=16, mlp_ratio=2.0),
        "HAT": lambda: HAT(in_chans=3, embed_dim=12, depths=[2], num_heads=[2], window_size=4,
                           upscale=2, img_size=16, num_feat=16, compress_ratio=3,
                           squeeze_factor=4, mlp_ratio=2.0),
        "DAT": lambda: DAT(in_chans=3, embed_dim=16, split_size=[2, 4], depth=[2],
                           num_heads=[2], upscale=2, img_size=16, expansion_factor=2.0),
        "OmniSR": lambda: OmniSR(num_in_ch=3, num_out_ch=3, num_feat=16, block_num=1,
                                 window_size=4, res_num=1, up_scale=2),
        "RealCUGAN": lambda: UpCunet2x(in_channels=3, out_channels=3),
    }


EXPECTED = {"ESRGAN": ("ESRGAN", 2), "ESRGAN-1x": ("ESRGAN", 1), "Compact": ("Compact", 4),
            "SPAN": ("SPAN", 2), "SwinIR": ("SwinIR", 2), "HAT": ("HAT", 2),
            "DAT": ("DAT", 2), "OmniSR": ("OmniSR", 2), "RealCUGAN": ("RealCUGAN", 2)}
CONVOLUTIONAL = {"ESRGAN", "ESRGAN-1x", "Compact", "SPAN"}


@pytest.fixture
def iso(tmp_path, monkeypatch, model_dirs):
    """Model folders and the facts/ONNX cache in tmp; one torch thread (a busy CI box)."""
    monkeypatch.setenv("SRSTUDIO_CACHE_DIR", str(tmp_path / "cache"))
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield tmp_path
    torch.set_num_threads(threads)


def save_net(folder: Path, key: str, suffix: str = ".pth", seed: int = 0) -> Path:
    """A randomly initialised spandrel network written as .pth or .safetensors."""
    torch.manual_seed(seed)
    net = _nets()[key]()
    path = folder / f"{key.lower()}{suffix}"
    state = {k: v.contiguous() for k, v in net.state_dict().items()}
    if suffix == ".safetensors":
        from safetensors.torch import save_file
        save_file(state, str(path), metadata={"modelspec.author": "Test Author",
                                              "modelspec.license": "CC0-1.0"})
    else:
        torch.save(state, path)
    return path


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(((a.astype(np.float64) - b) ** 2).mean())
    return float("inf") if mse == 0 else 10 * np.log10(1.0 / mse)


@pytest.mark.parametrize("key", list(EXPECTED))
def test_spandrel_architecture_detected_sized_and_tiles_seamlessly(iso, key):
    from engine.inference.factory import make_upscaler
    from engine.inference.pipeline import upscale_image
    from engine.models.registry import resolve_model
    arch, scale = EXPECTED[key]
    pth = save_net(iso, key, ".pth")
    st = save_net(iso, key, ".safetensors")
    info = resolve_model(str(pth), None)
    info_st = resolve_model(str(st), None)
    assert (info.arch, info.scale) == (arch, scale) == (info_st.arch, info_st.scale)
    assert info_st.metadata["author"] == "Test Author"
    assert info.metadata["model_format"] == "spandrel" and info.params > 0
    up = make_upscaler(info, "cpu", "fp32", backend="torch")
    img = photo_like(72, 64).astype(np.float32) / 255.0
    whole = upscale_image(up, img, tile=None).pixels
    tiled = upscale_image(up, img, tile=24).pixels
    assert whole.shape == (72 * scale, 64 * scale, 3)
    diff = float(np.abs(tiled - whole).max())
    if key in CONVOLUTIONAL:
        assert info.metadata["context_exact"], info.metadata
        assert diff < 1e-3, diff
    else:
        assert psnr(tiled, whole) >= 50.0, (diff, psnr(tiled, whole))
    gray = photo_like(20, 18, channels=1)
    out = upscale_image(up, gray, tile=None).pixels
    assert out.shape == (20 * scale, 18 * scale, 1) and out.dtype == np.uint8
    if info.metadata["supports_half"]:
        from engine.models.spandrel_source import load_spandrel
        model = load_spandrel(pth, info.metadata)
        x = torch.from_numpy(img[:24, :24].transpose(2, 0, 1).copy())[None]
        with torch.inference_mode():
            ref = model.module(x).clamp(0, 1)
            try:
                half = model.module.half()(x.half()).float().clamp(0, 1)
            except (RuntimeError, NotImplementedError) as e:   # an fp16 op missing on CPU
                pytest.skip(f"fp16 not available on this CPU build: {e}")
        assert float((half - ref).abs().max()) < 0.05


def test_probe_radius_is_the_true_receptive_field(iso):
    """Changing the input just outside the measured radius leaves the centre unchanged."""
    from engine.models.spandrel_source import load_spandrel
    model = load_spandrel(save_net(iso, "Compact"))
    r, s = model.context, model.scale
    x = torch.rand(1, 3, 2 * r + 9, 2 * r + 9)
    c = r + 4
    with torch.no_grad():
        base = model.module(x)[..., c * s, c * s]
        far, near = x.clone(), x.clone()
        far[..., c, c + r + 1] += 0.5
        near[..., c, c + r - 1] += 0.5
        assert torch.equal(model.module(far)[..., c * s, c * s], base)
        assert not torch.equal(model.module(near)[..., c * s, c * s], base)


def test_facts_are_cached_by_file_hash(iso, monkeypatch):
    from engine.models import sources
    pth = save_net(iso, "Compact")
    first = sources.facts(pth)
    copy = iso / "renamed.pth"
    copy.write_bytes(pth.read_bytes())

    def boom(*_a):
        raise AssertionError("measured again")
    monkeypatch.setattr(sources, "measure_facts", boom)
    assert sources.facts(copy)["context"] == first["context"]


def test_malicious_pickle_is_refused_and_runs_nothing(iso):
    from engine.models.registry import resolve_model
    marker = iso / "MARKER"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))
    bad = iso / "evil.pth"
    torch.save({"params": Evil()}, bad)
    with pytest.raises(ModelFileError) as e:
        resolve_model(str(bad), None)
    assert "refused" in str(e.value) and "\n" not in str(e.value)
    assert not marker.exists()


def test_bad_model_files_get_one_clear_line(iso):
    from engine.models.registry import resolve_model
    good = save_net(iso, "Compact")
    cases = {}
    (iso / "zero.pth").write_bytes(b"")
    cases["zero.pth"] = "empty"
    (iso / "trunc.pth").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    cases["trunc.pth"] = "truncated"
    (iso / "image.pth").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    cases["image.pth"] = "PNG image"
    torch.save({"encoder.foo.weight": torch.zeros(3, 3), "bar.bias": torch.zeros(3)},
               iso / "unknown.pth")
    cases["unknown.pth"] = "'encoder.foo.weight'"
    header = b'{"w":{"dtype":"F32","shape":[1000000,1000000],"data_offsets":[0,4000000000000]}}'
    (iso / "absurd.safetensors").write_bytes(len(header).to_bytes(8, "little") + header
                                             + b"\0" * 16)
    cases["absurd.safetensors"] = "declares"
    (iso / "lonely.param").write_text("7767517\n1 1\nInput data 0 1 data\n")
    cases["lonely.param"] = "lonely.bin"
    (iso / "junk.onnx").write_bytes(b"this is not a protobuf at all")
    cases["junk.onnx"] = "junk.onnx"
    for name, words in cases.items():
        with pytest.raises(SRStudioError) as e:
            resolve_model(str(iso / name), None)
        msg = str(e.value)
        assert words in msg and "\n" not in msg, (name, msg)


def test_face_and_inpainting_purposes_are_refused():
    from engine.models.spandrel_source import check_purpose
    check_purpose("SR", "ESRGAN", "x.pth")
    check_purpose("Restoration", "SCUNet", "x.pth")
    with pytest.raises(UnsupportedModelError, match="face-restoration"):
        check_purpose("FaceSR", "GFPGAN", "face.pth")
    with pytest.raises(UnsupportedModelError, match="inpainting"):
        check_purpose("Inpainting", "LaMa", "lama.pth")


def _compact_module(scale: int = 2):
    from spandrel.architectures.Compact import Compact
    torch.manual_seed(0)
    return Compact(num_in_ch=3, num_out_ch=3, num_feat=16, num_conv=4, upscale=scale).eval()


def export_foreign_onnx(path: Path, fixed: int | None = None) -> Path:
    net = _compact_module()
    side = fixed or 32
    dyn = None if fixed else {"image": {0: "n", 2: "h", 3: "w"}, "out": {0: "n", 2: "h", 3: "w"}}
    torch.onnx.export(net, (torch.rand(1, 3, side, side),), str(path), dynamo=False,
                      opset_version=17, input_names=["image"], output_names=["out"],
                      dynamic_axes=dyn)
    return path


def _torch_reference(img: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        y = _compact_module()(torch.from_numpy(img.transpose(2, 0, 1).copy())[None])
    return y.clamp(0, 1)[0].numpy().transpose(1, 2, 0)


@pytest.mark.parametrize("fixed", [None, 64])
def test_foreign_onnx_dynamic_and_fixed_size(iso, fixed):
    pytest.importorskip("onnxruntime")
    from engine.inference.factory import make_upscaler
    from engine.inference.pipeline import upscale_image
    from engine.models.registry import resolve_model
    path = export_foreign_onnx(iso / f"compact_{fixed}.onnx", fixed)
    info = resolve_model(str(path), None)
    assert info.scale == 2 and info.metadata["model_format"] == "onnx"
    assert info.metadata["fixed_size"] == ([fixed, fixed] if fixed else None)
    img = photo_like(72, 64).astype(np.float32) / 255.0
    out = upscale_image(make_upscaler(info, "cpu"), img, tile=24).pixels
    ref = _torch_reference(img)
    assert out.shape == ref.shape
    if fixed is None:
        assert float(np.abs(out - ref).max()) < 1e-3
    else:   # tiles are padded to the fixed size: equal away from the image's far edges
        m = 2 * info.metadata["context"] * 2
        assert float(np.abs(out - ref)[:-m, :-m].max()) < 1e-3
        assert psnr(out, ref) > 30


def test_onnx_of_unknown_layout_is_refused(iso):
    pytest.importorskip("onnxruntime")
    from engine.models.registry import resolve_model
    net = torch.nn.Conv2d(7, 7, 3, padding=1)
    path = iso / "seven.onnx"
    torch.onnx.export(net, (torch.rand(1, 7, 16, 16),), str(path), dynamo=False,
                      opset_version=17, input_names=["x"], output_names=["y"])
    with pytest.raises(SRStudioError, match="no 1- or 3-channel axis"):
        resolve_model(str(path), None)


def make_ncnn_pair(folder: Path) -> Path:
    pnnx = pytest.importorskip("pnnx")
    pytest.importorskip("ncnn")
    work = folder / "pnnx_work"
    work.mkdir()
    param = folder / "compact_ncnn.param"
    pnnx.export(_compact_module(), str(work / "c.pt"), (torch.rand(1, 3, 32, 32),),
                inputs2=(torch.rand(1, 3, 40, 48),), ncnnparam=str(param),
                ncnnbin=str(param.with_suffix(".bin")), pnnxparam=str(work / "p.param"),
                pnnxbin=str(work / "p.bin"), pnnxpy=str(work / "p.py"),
                pnnxonnx=str(work / "p.onnx"), ncnnpy=str(work / "n.py"), fp16=False)
    return param


def test_ncnn_pair_runs_and_tiles(iso):
    from engine.inference.factory import make_upscaler
    from engine.inference.pipeline import upscale_image
    from engine.models.registry import resolve_model
    param = make_ncnn_pair(iso)
    info = resolve_model(str(param), None)
    assert info.scale == 2 and info.metadata["model_format"] == "ncnn"
    img = photo_like(72, 64).astype(np.float32) / 255.0
    out = upscale_image(make_upscaler(info, "cpu"), img, tile=24).pixels
    assert float(np.abs(out - _torch_reference(img)).max()) < 1e-3


LEAN = """
import sys
import numpy as np
from engine.inference.factory import make_upscaler
from engine.models.registry import resolve_model
from engine.inference.pipeline import upscale_image
for path in sys.argv[1:]:
    up = make_upscaler(resolve_model(path, None), "cpu")
    out = upscale_image(up, np.full((20, 24, 3), 128, np.uint8), tile=16).pixels
    assert out.shape == (40, 48, 3), out.shape
assert "torch" not in sys.modules, "torch was imported"
print("lean ok")
"""


def test_onnx_and_ncnn_paths_import_no_torch(iso):
    pytest.importorskip("onnxruntime")
    paths = [str(export_foreign_onnx(iso / "lean.onnx"))]
    try:
        paths.append(str(make_ncnn_pair(iso)))
    except pytest.skip.Exception:
        pass
    r = subprocess.run([sys.executable, "-c", LEAN, *paths], cwd=REPO, capture_output=True,
                       text=True, timeout=120, env={**os.environ})
    assert r.returncode == 0 and "lean ok" in r.stdout, r.stderr[-2000:]


def test_library_import_list_and_remove(iso, model_dirs):
    from engine.models.library import import_files, remove_model
    from engine.models.registry import list_models
    _, user = model_dirs
    src = iso / "downloads"
    src.mkdir()
    save_net(src, "Compact", ".safetensors")
    save_net(src, "ESRGAN-1x", ".pth")
    (src / "broken.pth").write_bytes(b"")
    done, errors = import_files([src])
    assert sorted(m.name for m in done) == ["compact", "esrgan-1x"]
    assert len(errors) == 1 and "broken.pth" in errors[0]
    listed = {m.name: m.as_dict() for m in list_models()}
    c = listed["compact"]
    assert (c["architecture"], c["scale"], c["format"]) == ("Compact", 4, "spandrel")
    assert c["author"] == "Test Author" and c["license"] == "CC0-1.0" and c["sha256"]
    assert "torch" in c["backends"] and c["parameters"] > 0
    assert c["architecture_known"] is True
    # an ONNX graph made elsewhere names no architecture, and the listing says so
    export_foreign_onnx(user / "graph_x4.onnx")
    g = {m.name: m.as_dict() for m in list_models()}["graph_x4"]
    assert g["format"] == "onnx" and g["architecture_known"] is False
    assert (user / "compact.safetensors").is_file()
    from engine.models.registry import import_model
    with pytest.raises(SRStudioError, match="already exists"):
        import_model(src / "compact.safetensors")
    remove_model("compact")
    assert not (user / "compact.safetensors").exists()
    assert "compact" not in {m.name for m in list_models()}
