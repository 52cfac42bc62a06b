"""x8 self-ensemble: the average over the 8 orientations, turned back correctly, tiled
exactly like the plain upscaler, reachable from make_upscaler, the jobs and the CLI."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from engine.archs import build
from engine.inference import SelfEnsemble, TorchUpscaler, upscale_image
from engine.inference.self_ensemble import TRANSFORMS
from engine.models.descriptor import LoadedModel
from engine.tiling import run_tiled
from tests.conftest import FakeUpscalerBase, photo_like


class RampUpscaler(FakeUpscalerBase):
    """Nearest-neighbour x2 plus a left-to-right ramp: not orientation-equivariant, so the
    ensemble's result is known exactly (every ramp meets its mirror image)."""

    name, scale, context, size_multiple, batch_size = "ramp", 2, 0, 1, 1

    def __init__(self) -> None:
        self.shapes: list[tuple[int, ...]] = []

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        self.shapes.append(tiles.shape)
        up = tiles.repeat(2, axis=1).repeat(2, axis=2)
        w = up.shape[2]
        return up + 0.1 * np.linspace(0, 1, w, dtype=np.float32)[None, None, :, None]


def test_the_eight_orientations_are_distinct_and_undone():
    x = np.arange(2 * 3 * 5 * 3, dtype=np.float32).reshape(2, 3, 5, 3)
    from engine.inference.self_ensemble import _forward, _inverse
    seen = {_forward(x, k, f).tobytes() for k, f in TRANSFORMS}
    assert len(TRANSFORMS) == len(seen) == 8
    for k, f in TRANSFORMS:
        np.testing.assert_array_equal(_inverse(_forward(x, k, f), k, f), x)


def test_ensemble_averages_out_what_depends_on_orientation():
    inner = RampUpscaler()
    ens = SelfEnsemble(inner)
    tiles = np.random.default_rng(0).random((2, 6, 9, 3), dtype=np.float32)
    out = ens(tiles)
    near = tiles.repeat(2, axis=1).repeat(2, axis=2)
    np.testing.assert_allclose(out, near + 0.05, atol=1e-6)   # 0.1 x ramps averaging 0.5
    assert len(inner.shapes) == 8 and {(2, 9, 6, 3), (2, 6, 9, 3)} == set(inner.shapes)
    assert (ens.scale, ens.context, ens.size_multiple) == (2, 0, 1)
    assert "self-ensemble" in ens.name


@pytest.fixture()
def tiny_net() -> LoadedModel:
    torch.manual_seed(0)
    net = build("fsrcnn_ps", 2, d=8, s=4, m=1)
    with torch.no_grad():
        for p in net.parameters():
            p.add_(0.05 * torch.randn_like(p))
    return LoadedModel.from_module(net.eval(), arch="fsrcnn_ps", scale=2,
                                   config={"d": 8, "s": 4, "m": 1})


def test_ensemble_of_a_network_is_the_mean_of_its_turned_outputs(tiny_net):
    up = TorchUpscaler(tiny_net, "cpu", "fp32")
    img = photo_like(23, 30, seed=1).astype(np.float32)[None] / 255
    outs = []
    for k in range(4):
        for mirror in (False, True):
            x = np.rot90(img, k, axes=(1, 2))
            x = x[:, :, ::-1] if mirror else x
            y = up(np.ascontiguousarray(x))
            y = y[:, :, ::-1] if mirror else y
            outs.append(np.rot90(y, -k, axes=(1, 2)))
    ref = np.mean(outs, axis=0)
    out = SelfEnsemble(up)(img)
    np.testing.assert_allclose(out, ref, atol=1e-6)
    assert np.abs(out - up(img)).max() > 1e-3     # it does change the result


def test_tiled_ensemble_equals_the_whole_image(tiny_net):
    ens = SelfEnsemble(TorchUpscaler(tiny_net, "cpu", "fp32"))
    img = photo_like(37, 29, seed=2).astype(np.float32) / 255
    whole = ens(img[None])[0]
    tiled = run_tiled(img, ens, scale=2, context=ens.context, tile=16)
    assert np.abs(tiled - whole).max() <= 1e-4
    u8 = upscale_image(ens, (img * 255).astype(np.uint8), tile=16).pixels
    assert u8.shape == (74, 58, 3)


def test_cli_eval_and_upscale_take_self_ensemble(tmp_path, capsys, model_dirs):
    from app.cli.main import main
    from engine.archs import count_params
    from engine.models.weights import save_weights
    from tests.cli.test_cli import save

    shipped, _ = model_dirs
    torch.manual_seed(0)
    cfg = {"d": 8, "s": 4, "m": 1}
    net = build("fsrcnn_ps", 2, **cfg)
    save_weights(shipped / "tiny_x2.safetensors", net.state_dict(),
                 {"arch": "fsrcnn_ps", "scale": 2, "config": cfg, "num_channels": 1,
                  "name": "tiny_x2", "role": "fast", "params": count_params(net)})
    hr = tmp_path / "Mini" / "HR"
    hr.mkdir(parents=True)
    save(hr / "a.png", photo_like(34, 40, seed=3))
    scores = []
    for extra in ([], ["--self-ensemble"]):
        assert main(["eval", "-m", "fast", "-s", "2", "--json", str(tmp_path / "Mini"),
                     *extra]) == 0
        rep = json.loads(capsys.readouterr().out)
        assert rep.get("self_ensemble", False) is bool(extra)
        scores.append(rep["datasets"]["Mini"]["psnr_y"])
    assert scores[0] != scores[1]
    src = save(tmp_path / "x.png", photo_like(20, 24, seed=4))
    assert main(["upscale", str(src), "-o", str(tmp_path / "o.png"), "-m", "fast", "-s", "2",
                 "--self-ensemble", "--quiet"]) == 0
    assert (tmp_path / "o.png").is_file()
