"""Scales no single model has: two models in a row (x8 = x2, then x4), tiled exactly."""

from __future__ import annotations

import numpy as np
import pytest

from engine.errors import UnsupportedModelError
from engine.inference import TorchUpscaler, upscale_image
from engine.inference.chain import ChainedUpscaler
from engine.inference.factory import make_upscaler
from engine.models.descriptor import LoadedModel
from engine.models.registry import ChainedModel, pick_role, resolve_model
from tests.conftest import photo_like, save_tiny_model


def _save(folder, name: str, scale: int, role: str = "fast", seed: int = 0):
    return save_tiny_model(folder, name, scale, role=role, seed=seed)


def test_tiled_chain_equals_the_two_models_run_on_the_whole_image(model_dirs) -> None:
    shipped, _ = model_dirs
    a = LoadedModel.from_file(_save(shipped, "f2", 2, seed=1))
    b = LoadedModel.from_file(_save(shipped, "f4", 4, seed=2))
    img = photo_like(29, 23)
    chain = ChainedUpscaler(TorchUpscaler(a, "cpu", "fp32"), TorchUpscaler(b, "cpu", "fp32"))
    assert chain.scale == 8 and chain.name == "f2+f4"
    whole = upscale_image(TorchUpscaler(b, "cpu", "fp32"),
                          upscale_image(TorchUpscaler(a, "cpu", "fp32"), img,
                                        tile=None).pixels, tile=None).pixels
    tiled = upscale_image(chain, img, tile=12).pixels
    assert tiled.shape == whole.shape == (232, 184, 3)
    # the intermediate is rounded to 8 bits in 'whole' and not in the chain: one level
    assert np.abs(tiled.astype(int) - whole.astype(int)).max() <= 1
    # and the chain tiled as finely as that equals the chain on the whole image
    assert np.array_equal(tiled, upscale_image(chain, img, tile=None).pixels)


def test_roles_and_auto_chain_for_x8_with_the_smaller_scale_first(model_dirs) -> None:
    shipped, _ = model_dirs
    _save(shipped, "fast_x2", 2)
    _save(shipped, "fast_x4", 4)
    _save(shipped, "quality_x4", 4, role="quality")
    ref = resolve_model("fast", 8)
    assert isinstance(ref, ChainedModel) and ref.name == "fast_x2+fast_x4" and ref.scale == 8
    # quality has no x2 to chain with, so auto falls back to fast's chain
    assert resolve_model("auto", 8).name == "fast_x2+fast_x4"
    assert resolve_model("auto", 4).name == "quality_x4"        # a direct model comes first
    with pytest.raises(UnsupportedModelError, match="no 'quality' model for x8"):
        resolve_model("quality", 8)
    with pytest.raises(UnsupportedModelError):
        resolve_model("fast", 3)                                 # 3 is no product of 2 and 4
    assert pick_role([], "auto", 8) is None
    up = make_upscaler(ref, "cpu", "fp32", self_ensemble=True)
    out = upscale_image(up, photo_like(9, 7)).pixels
    assert out.shape == (72, 56, 3)


def test_cli_upscales_x8_through_the_chain(model_dirs, tmp_path) -> None:
    from PIL import Image

    from app.cli.main import main
    shipped, _ = model_dirs
    _save(shipped, "fast_x2", 2)
    _save(shipped, "fast_x4", 4)
    src = tmp_path / "s.png"
    Image.fromarray(photo_like(12, 10)).save(src)
    assert main(["upscale", str(src), "-m", "fast", "-s", "8", "-o", str(tmp_path / "o"),
                 "--quiet"]) == 0
    (out,) = (tmp_path / "o").iterdir()
    assert out.name == "s_x8_fast_x2+fast_x4.png"
    with Image.open(out) as im:
        assert im.size == (80, 96)
    assert main(["export-onnx", "fast", "-s", "8", "-o", str(tmp_path / "c.onnx")]) == 1
