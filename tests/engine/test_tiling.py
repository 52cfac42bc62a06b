"""Tiled inference equals whole-image inference; OOM halving, cancel and progress work."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from engine.errors import CancelledError, DeviceOutOfMemoryError
from engine.events import CancelToken, Progress, TileDone
from engine.inference import ClassicalUpscaler, TorchUpscaler, upscale_image
from engine.tiling import TileReport, auto_tile_size, even_split, run_tiled
from engine.tiling.blend import axis_weights
from tests.conftest import photo_like


def nearest(s):
    return lambda x: np.repeat(np.repeat(x, s, axis=1), s, axis=2)


def box_blur_then_nearest(s):
    """A fake 'network' with a receptive radius of 2 and zero padding at the image edge."""

    def fn(x):
        t = torch.from_numpy(x).permute(0, 3, 1, 2)
        k = torch.ones(t.shape[1], 1, 5, 5) / 25
        y = torch.nn.functional.conv2d(t, k, padding=2, groups=t.shape[1])
        return nearest(s)(y.permute(0, 2, 3, 1).numpy())

    return fn


def test_even_split_gives_equal_tiles():
    b = even_split(0, 1000, 384)
    assert b == [0, 333, 666, 1000]
    assert even_split(0, 5, 16) == [0, 5]


@pytest.mark.parametrize("r", [1, 3, 8])
def test_seam_weights_are_a_partition_of_unity(r):
    lo = axis_weights(0, 60, None, 30, r)
    hi = axis_weights(30 - r, 100, 30, 70, r)
    total = np.zeros(100)
    total[:60] += lo
    total[30 - r:] += hi
    last = axis_weights(70 - r, 100, 70, None, r)
    total[70 - r:] += last
    assert np.allclose(total, 1.0)


@pytest.mark.parametrize("tile", [16, 19, 40])
@pytest.mark.parametrize("shape", [(37, 53, 3), (64, 17, 1), (20, 90, 4)])
def test_tiled_equals_whole_for_a_local_operator(tile, shape):
    img = photo_like(shape[0], shape[1], shape[2])
    fn = box_blur_then_nearest(3)
    whole = run_tiled(img, fn, scale=3, context=0, tile=None)
    tiled = run_tiled(img, fn, scale=3, context=2, tile=tile)
    assert np.array_equal(whole, tiled)


def test_too_little_context_shows_and_blending_hides_it():
    img = photo_like(48, 48)
    fn = box_blur_then_nearest(2)
    whole = run_tiled(img, fn, scale=2, context=0, tile=None).astype(int)
    hard = run_tiled(img, fn, scale=2, context=0, tile=16, blend_radius=0).astype(int)
    soft = run_tiled(img, fn, scale=2, context=0, tile=16, blend_radius=4).astype(int)
    assert np.abs(whole - hard).max() > 0          # the test can fail: seams are real
    assert np.abs(whole - soft).max() < np.abs(whole - hard).max()


def test_progress_tile_done_and_report():
    img = photo_like(50, 70)
    events = []
    rep = TileReport(tile=0, overlap=0)
    run_tiled(img, nearest(2), scale=2, context=1, tile=20, progress=events.append, report=rep)
    prog = [e for e in events if isinstance(e, Progress)]
    assert prog[-1].done == prog[-1].total == rep.tiles_done == 12
    rows = sorted((e.rect[1], e.rect[3]) for e in events if isinstance(e, TileDone))
    covered = sum(h for _, h in rows)
    assert rows[0][0] == 0 and covered == 100


def test_cancel_between_tiles():
    token = CancelToken()
    calls = []

    def fn(x):
        calls.append(1)
        token.cancel()
        return nearest(2)(x)

    with pytest.raises(CancelledError):
        run_tiled(photo_like(64, 64), fn, scale=2, context=0, tile=16, cancel=token)
    assert len(calls) == 1


def test_out_of_memory_halves_the_tile_and_finishes():
    img = photo_like(80, 96)
    base = box_blur_then_nearest(2)

    class FakeOOM(RuntimeError):
        pass

    def fn(x):
        if x.shape[1] * x.shape[2] > 40 * 40:
            raise FakeOOM("CUDA out of memory (fake)")
        return base(x)

    rep = TileReport(tile=0, overlap=0)
    out = run_tiled(img, fn, scale=2, context=2, tile=64, report=rep,
                    is_oom=lambda e: isinstance(e, FakeOOM))
    assert rep.oom_retries >= 1 and rep.tile < 64
    assert np.array_equal(out, run_tiled(img, base, scale=2, context=0, tile=None))


def test_out_of_memory_at_the_smallest_tile_is_a_clear_error():
    def fn(x):
        raise MemoryError

    with pytest.raises(DeviceOutOfMemoryError, match="out of memory"):
        run_tiled(photo_like(40, 40), fn, scale=2, context=0, tile=32, is_oom=lambda e: True)


def test_auto_tile_respects_band_budget_and_memory():
    t = auto_tile_size(width=6000, height=4000, channels=3, scale=4, overlap=10,
                       device_bytes_free=16 << 30, bytes_per_pixel=3000)
    assert 16 <= t <= 512 and t % 8 == 0
    assert (t + 20) * 4 * 6000 * 4 * 3 * 4 <= 256 << 20
    small = auto_tile_size(width=500, height=500, channels=3, scale=2, overlap=10,
                           device_bytes_free=50 << 20, bytes_per_pixel=3000)
    assert small < t or small == 16


def test_auto_tile_counts_the_band_in_its_own_dtype_on_wide_images():
    """A uint8 band is a quarter of the float rows the floor rule counts: on a very wide
    picture the tile grows until that band plus the tile's working set fill the budget;
    it never shrinks below the float rule's, and never grows as the picture widens."""
    args = dict(height=16000, channels=3, scale=4, overlap=25, device_bytes_free=16 << 30,
                bytes_per_pixel=3968)
    floor = auto_tile_size(width=16000, **args)
    grown = auto_tile_size(width=16000, itemsize=1, **args)
    assert floor == 32 and grown >= 2 * floor
    u = grown + 50
    assert u * 4 * 16000 * 4 * 3 + 3968 * u * u <= 176 << 20
    for width in (1920, 6000):
        plain = auto_tile_size(width=width, **args)
        assert auto_tile_size(width=width, itemsize=1, **args) >= plain
    assert auto_tile_size(width=1920, itemsize=1, **args) == 512
    # no cliff: a wider picture never gets a larger tile
    sizes = [auto_tile_size(width=w, itemsize=1, **args) for w in range(2000, 20001, 250)]
    assert sizes == sorted(sizes, reverse=True)


def test_16bit_and_alpha_pass_through_the_pipeline():
    up = ClassicalUpscaler("nearest", 2)
    px = (photo_like(20, 30).astype(np.uint16) * 257)
    alpha = np.full((20, 30), 40000, np.uint16)
    out = upscale_image(up, px, alpha, tile=16)
    assert out.pixels.dtype == np.uint16 and out.pixels.shape == (40, 60, 3)
    assert np.array_equal(out.pixels[::2, ::2], px)
    assert out.alpha.shape == (40, 60) and int(out.alpha.min()) == 40000


# --- every architecture: tiled == whole (fp32, max abs diff <= 1e-4) ----------------------
SMALL = {  # keep heavy defaults fast on 2 cores; same code paths
    "edsr": {"preset": "full", "num_blocks": 2, "num_feats": 16},
    "mdsr": {"num_blocks": 2, "num_feats": 16},
    "srresnet": {"num_blocks": 2, "num_feats": 16},
    "vdsr": {"depth": 5},
    "drrn": {"num_units": 3},
    "btsrn": {"num_feats": 16},
    "span": {"num_feats": 16},
    "span_fast": {"num_feats": 16, "num_blocks": 2, "fast_d": 16, "fast_s": 8, "fast_m": 2},
    "lapsrn": {"depth": 3},
}


def _arch_cases():
    from engine.archs import list_archs
    return [(spec.name, s) for spec in list_archs() for s in spec.scales]


@pytest.mark.parametrize("arch,scale", _arch_cases())
def test_tiled_equals_whole_for_every_architecture(arch, scale):
    from engine.archs import build
    from engine.models import LoadedModel

    torch.manual_seed(0)
    cfg = dict(SMALL.get(arch, {}))
    try:
        net = build(arch, scale, **cfg)
    except TypeError:  # the small override does not apply to this architecture's config
        cfg = {}
        net = build(arch, scale)
    net.eval()
    model = LoadedModel.from_module(net, arch=arch, scale=scale, config=cfg)
    up = TorchUpscaler(model, "cpu", "fp32")
    img = photo_like(34, 29, seed=scale)
    whole = up(img[None].astype(np.float32) / 255)[0]
    tiled_u8 = upscale_image(up, img, tile=16).pixels
    # compare in float: run the tiler on float input so rounding does not hide differences
    f = img.astype(np.float32) / 255
    tiled = run_tiled(f, up, scale=scale, context=up.context, tile=16)
    assert tiled.shape == whole.shape
    assert np.abs(tiled - whole).max() <= 1e-4, f"{arch} x{scale}"
    assert tiled_u8.shape == (34 * scale, 29 * scale, 3)
