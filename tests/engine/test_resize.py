"""Tests of engine.resize: the MATLAB imresize port and the classical upscalers."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import SRStudioError
from engine.resize import (
    CLASSICAL_METHODS,
    _separable,
    context_pixels,
    imresize,
    modcrop,
    resize,
)
from engine.resize.classical import UnknownMethodError
from engine.resize.matlab import contributions, cubic
from tests.conftest import SHARED, load_pixels, needs_shared

# --- the kernel and the weights ---------------------------------------------------------

def test_cubic_kernel_values() -> None:
    x = np.array([0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5])
    expected = [1, 0.8671875, 0.5625, 0.2265625, 0, -0.0703125, -0.0625, -0.0234375, 0, 0]
    np.testing.assert_array_equal(cubic(x), expected)
    np.testing.assert_array_equal(cubic(-x), expected)


def test_contributions_upscale_x2_phases() -> None:
    w, idx = contributions(4, 8, 2.0, True)
    # output 5 (1-based) samples u = 5/2 + 1/4 = 2.75: taps 1..4 (1-based), phase 0.75/0.25
    row = dict(zip(idx[4].tolist(), w[4].tolist(), strict=True))
    assert row == {0: -0.0234375, 1: 0.2265625, 2: 0.8671875, 3: -0.0703125}
    # output 1 samples u = 0.75: taps -1..2 (1-based) clamp to 0-based 0, 0, 0, 1
    np.testing.assert_array_equal(idx[0], [0, 0, 0, 1])
    np.testing.assert_array_equal(w[0], [-0.0234375, 0.2265625, 0.8671875, -0.0703125])
    assert np.allclose(w.sum(axis=1), 1)
    assert idx.min() == 0 and idx.max() == 3


def test_contributions_downscale_x2_weights() -> None:
    w, idx = contributions(16, 8, 0.5, True)
    expected = np.array([-0.01171875, -0.03515625, 0.11328125, 0.43359375,
                         0.43359375, 0.11328125, -0.03515625, -0.01171875])
    np.testing.assert_array_equal(w[3], expected)
    # output 4 (1-based) samples u = 2 * 4 - 0.5 = 7.5: taps 4..11 (1-based)
    np.testing.assert_array_equal(idx[3], np.arange(3, 11))
    # without antialiasing the kernel keeps width 4
    w2, _ = contributions(16, 8, 0.5, False)
    assert w2.shape[1] <= 6


def test_contributions_rational_is_periodic() -> None:
    w, idx = contributions(300, 900, 3.0, True)
    np.testing.assert_array_equal(w[3:-3], np.tile(w[3:6], (298, 1))[: len(w) - 6])
    w, idx = contributions(900, 300, 1 / 3, True)
    np.testing.assert_array_equal(w[5:-5], np.tile(w[5:6], (290, 1)))


# --- hand-checked small cases -----------------------------------------------------------

def test_ramp_downscale_x2_hand_computed() -> None:
    ramp = (np.arange(16, dtype=np.float64) * 10)[None, :]
    # interior: the symmetric kernel reproduces the line, 10 * (u - 1) with u = 2x - 0.5;
    # the two pixels at each end see clamped (replicated) taps
    expected = [5.078125, 24.8828125, 45, 65, 85, 105, 125.1171875, 144.921875]
    out = imresize(ramp, output_shape=(1, 8))
    np.testing.assert_allclose(out[0], expected, rtol=0, atol=1e-12)
    out8 = imresize(ramp.astype(np.uint8), output_shape=(1, 8))
    assert out8.dtype == np.uint8
    np.testing.assert_array_equal(out8[0], [5, 25, 45, 65, 85, 105, 125, 145])
    # scale= gives the same as output_shape=
    np.testing.assert_array_equal(imresize(np.repeat(ramp.astype(np.uint8), 2, 0), 0.5)[0],
                                  out8[0])


def _upscale_matrix_2_to_4() -> np.ndarray:
    # rows: output pixels, columns: the 2 input pixels, clamped taps folded in by hand
    return np.array([
        [-0.0234375 + 0.2265625 + 0.8671875, -0.0703125],   # u = 0.75
        [-0.0703125 + 0.8671875, 0.2265625 - 0.0234375],    # u = 1.25
        [0.2265625 - 0.0234375, -0.0703125 + 0.8671875],    # u = 1.75
        [-0.0703125, -0.0234375 + 0.2265625 + 0.8671875],   # u = 2.25
    ])


def test_upscale_2x2_x2_hand_computed() -> None:
    m = _upscale_matrix_2_to_4()
    x = np.array([[0.0, 100.0], [50.0, 200.0]])
    np.testing.assert_allclose(imresize(x, 2), m @ x @ m.T, rtol=0, atol=1e-12)
    # uint8: rows pass, round, columns pass, round (half away from zero), clip
    x8 = x.astype(np.uint8)
    mid = np.clip(np.floor(m @ x + 0.5), 0, 255)
    expected = np.clip(np.floor(mid @ m.T + 0.5), 0, 255).astype(np.uint8)
    np.testing.assert_array_equal(imresize(x8, 2), expected)


def test_ties_round_away_from_zero() -> None:
    row = np.array([[0, 32]], dtype=np.uint8)
    # exact values: -2.25, 6.5, 25.5, 34.25 -> 0 (clipped), 7, 26, 34 (np.round gives 6, 26)
    np.testing.assert_array_equal(imresize(row, output_shape=(1, 4))[0], [0, 7, 26, 34])
    np.testing.assert_allclose(imresize(row.astype(np.float32), output_shape=(1, 4))[0],
                               [-2.25, 6.5, 25.5, 34.25])


def test_constant_image_stays_constant() -> None:
    for dtype, value in ((np.uint8, 173), (np.uint16, 40000), (np.float32, 0.3)):
        img = np.full((23, 17, 3), value, dtype=dtype)
        for scale in (2, 3, 4, 0.5, 1 / 3, 0.25, 0.37, 2.5, math.pi):
            out = imresize(img, scale)
            assert out.dtype == dtype
            if np.issubdtype(dtype, np.integer):
                assert np.all(out == value), scale
            else:
                np.testing.assert_allclose(out, value, rtol=1e-6)


def test_float_is_not_rounded_or_clipped() -> None:
    step = np.zeros((4, 8), dtype=np.float64)
    step[:, 4:] = 1.0
    out = imresize(step, 2)
    assert out.dtype == np.float64
    assert out.min() < 0 and out.max() > 1            # bicubic ringing survives
    out8 = imresize((step * 255).astype(np.uint8), 2)
    assert out8.min() == 0 and out8.max() == 255     # saturated for uint8


def test_shapes_odd_sizes_and_1x1() -> None:
    img = np.arange(7 * 9 * 3, dtype=np.uint8).reshape(7, 9, 3)
    assert imresize(img, 0.5).shape == (4, 5, 3)        # ceil, as MATLAB
    assert imresize(img, 2).shape == (14, 18, 3)
    assert imresize(img, 3).shape == (21, 27, 3)
    assert imresize(img[:, :, 0], 1 / 3).shape == (3, 3)
    assert imresize(np.zeros((321, 481), np.uint8), 1 / 3).shape == (107, 161)
    assert imresize(img, output_shape=(5, 11)).shape == (5, 11, 3)
    np.testing.assert_array_equal(imresize(img, 1), img)
    one = np.array([[[10, 20, 30]]], dtype=np.uint8)
    np.testing.assert_array_equal(imresize(one, 4), np.broadcast_to(one, (4, 4, 3)))
    np.testing.assert_array_equal(imresize(one, 0.5), one)
    assert imresize(np.array([[5.0]]), 3).shape == (3, 3)
    with pytest.raises(ValueError):
        imresize(img)
    with pytest.raises(ValueError):
        imresize(img, -1)
    with pytest.raises(ValueError):
        imresize(np.zeros((2, 2, 2, 2)), 2)


def test_channels_are_independent_and_dtypes() -> None:
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, (13, 11, 5), dtype=np.uint8)
    out = imresize(img, 1 / 3)
    for c in range(5):
        np.testing.assert_array_equal(out[:, :, c], imresize(img[:, :, c], 1 / 3))
    np.testing.assert_array_equal(imresize(img[:, :, :1], 2)[:, :, 0], imresize(img[:, :, 0], 2))
    yy, xx = np.mgrid[0:9, 0:10]
    img16 = (10000 + 1000 * yy + 3000 * xx).astype(np.uint16)  # smooth: no clipping
    out16 = imresize(img16, 2)
    assert out16.dtype == np.uint16
    ref = imresize(img16.astype(np.float64), 2)
    assert np.abs(out16.astype(np.float64) - ref).max() <= 1.1  # two roundings
    assert imresize(np.full((3, 3), 65535, np.uint16), 2).max() == 65535


def test_round_each_pass_false_rounds_once() -> None:
    rng = np.random.default_rng(1)
    img = rng.integers(0, 256, (20, 30, 3), dtype=np.uint8)
    once = imresize(img, 0.5, round_each_pass=False)
    f = imresize(img.astype(np.float64), 0.5)
    np.testing.assert_array_equal(once, np.clip(np.floor(f + 0.5), 0, 255).astype(np.uint8))


def test_smaller_scale_axis_goes_first() -> None:
    rng = np.random.default_rng(2)
    img = rng.integers(0, 256, (30, 40), dtype=np.uint8)
    # columns shrink more (20/40 < 24/30): MATLAB resizes columns first
    cols_first = imresize(imresize(img, output_shape=(30, 20)), output_shape=(24, 20))
    np.testing.assert_array_equal(imresize(img, output_shape=(24, 20)), cols_first)
    rows_first = imresize(imresize(img, output_shape=(15, 40)), output_shape=(15, 32))
    np.testing.assert_array_equal(imresize(img, output_shape=(15, 32)), rows_first)


def test_chunking_does_not_change_results(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    img = rng.integers(0, 256, (67, 45, 3), dtype=np.uint8)
    cases = [(img, 1 / 3), (img, 2), (img.astype(np.float32), 0.25)]
    whole = [imresize(a, s) for a, s in cases]
    monkeypatch.setattr(_separable, "_CHUNK_BYTES", 2000)
    for (a, s), ref in zip(cases, whole, strict=True):
        np.testing.assert_array_equal(imresize(a, s), ref)


@settings(max_examples=30, deadline=None, database=None)
@given(h=st.integers(1, 40), w=st.integers(1, 40), c=st.sampled_from([0, 1, 3]),
       scale=st.sampled_from([0.25, 1 / 3, 0.5, 0.75, 1.5, 2.0, 3.0, 4.0]),
       value=st.integers(0, 255))
def test_property_shape_and_constant(h: int, w: int, c: int, scale: float, value: int) -> None:
    shape = (h, w) if c == 0 else (h, w, c)
    out = imresize(np.full(shape, value, dtype=np.uint8), scale)
    expected = (max(1, math.ceil(round(h * scale, 9))), max(1, math.ceil(round(w * scale, 9))))
    assert out.shape[:2] == expected and out.shape[2:] == shape[2:]
    assert out.dtype == np.uint8 and np.all(out == value)


def test_modcrop() -> None:
    img = np.zeros((13, 10, 3))
    assert modcrop(img, 4).shape == (12, 8, 3)
    assert modcrop(img[:, :, 0], 3).shape == (12, 9)
    assert modcrop(img, 1).shape == img.shape
    with pytest.raises(ValueError):
        modcrop(img, 0)


# --- torch version ----------------------------------------------------------------------

@pytest.mark.parametrize("scale", [2, 3, 4])
def test_torch_upsample_matches_imresize(scale: int) -> None:
    torch = pytest.importorskip("torch")
    from engine.resize import upsample_bicubic

    rng = np.random.default_rng(scale)
    for h, w in ((1, 1), (2, 3), (17, 12)):
        x = rng.random((h, w, 3))
        ref = imresize(x, scale)
        t = torch.from_numpy(x.astype(np.float32)).permute(2, 0, 1)[None]
        out = upsample_bicubic(t, scale)[0].permute(1, 2, 0).numpy()
        assert out.shape == ref.shape
        np.testing.assert_allclose(out, ref, rtol=0, atol=1e-5)


@pytest.mark.parametrize("scale", [2, 3, 4])
def test_bicubic_phases_interleaved_are_the_same_upscale(scale: int) -> None:
    """The per-phase LR-size form the fast models' output uses equals imresize too."""
    torch = pytest.importorskip("torch")
    from engine.resize.torch_bicubic import bicubic_phases, interleave_phases

    rng = np.random.default_rng(10 + scale)
    for h, w in ((1, 1), (2, 3), (17, 12)):
        x = rng.random((h, w, 3))
        t = torch.from_numpy(x.astype(np.float32)).permute(2, 0, 1)[None]
        phases = bicubic_phases(t, scale)
        assert phases.shape == (1, 3, scale, scale, h, w)
        out = interleave_phases(phases, scale)[0].permute(1, 2, 0).numpy()
        np.testing.assert_allclose(out, imresize(x, scale), rtol=0, atol=1e-5)


# --- bit-exact reproduction of the benchmark LR files ----------------------------------

def _lr_cases() -> list[tuple[str, str, int]]:
    if SHARED is None:
        return []
    cases = []
    for name, every in (("Set5", 1), ("Set14", 1), ("BSD100", 7)):
        stems = sorted(p.stem for p in (SHARED / "benchmark" / name / "HR").glob("*.png"))
        cases += [(name, s, k) for s in stems[::every] for k in (2, 3, 4)]
    return cases


@needs_shared
def test_reproduces_benchmark_lr_bit_exactly() -> None:
    cases = _lr_cases()
    assert len(cases) >= 15 + 42 + 30
    bad = []
    for name, stem, k in cases:
        bench = SHARED / "benchmark" / name
        hr = load_pixels(bench / "HR" / f"{stem}.png")
        lr = load_pixels(bench / "LR_bicubic" / f"X{k}" / f"{stem}x{k}.png")
        out = imresize(modcrop(hr, k), 1 / k)
        if out.shape != lr.shape or not np.array_equal(out, lr):
            bad.append(f"{name}/{stem} x{k}")
    assert not bad, bad


# --- classical upscalers ----------------------------------------------------------------

def test_method_table_and_context() -> None:
    assert set(CLASSICAL_METHODS) == {"nearest", "bilinear", "bicubic", "bicubic-opencv",
                                      "lanczos", "area"}
    assert all(isinstance(v, str) and v for v in CLASSICAL_METHODS.values())
    expected = {"nearest": 0, "area": 0, "bilinear": 1, "bicubic": 2, "bicubic-opencv": 2,
                "lanczos": 4}
    assert {m: context_pixels(m) for m in CLASSICAL_METHODS} == expected
    with pytest.raises(UnknownMethodError):
        context_pixels("magic")
    with pytest.raises(SRStudioError):
        resize(np.zeros((4, 4), np.uint8), 2, "magic")
    with pytest.raises(ValueError):
        resize(np.zeros((4, 4), np.uint8), 2, "magic")
    with pytest.raises(ValueError):
        resize(np.zeros((4, 4), np.uint8), 1.5, "nearest")  # type: ignore[arg-type]


@pytest.mark.parametrize("method", list(CLASSICAL_METHODS))
def test_classical_shapes_dtypes_channels(method: str) -> None:
    rng = np.random.default_rng(4)
    for dtype, top in ((np.uint8, 256), (np.uint16, 65536), (np.float32, 1), (np.float64, 1),
                       (np.int32, 1000), (np.float16, 1)):
        for shape in ((9, 7), (9, 7, 1), (9, 7, 3), (9, 7, 4), (9, 7, 6)):
            img = (rng.random(shape) * top).astype(dtype)
            for scale in (2, 3):
                out = resize(img, scale, method)
                assert out.dtype == dtype
                assert out.shape == (9 * scale, 7 * scale, *shape[2:]), (method, shape)
            if shape == (9, 7, 6):
                for c in range(6):
                    np.testing.assert_array_equal(out[:, :, c], resize(img[:, :, c], 3, method))
    np.testing.assert_array_equal(resize(img, 1, method), img)


@pytest.mark.parametrize("method", list(CLASSICAL_METHODS))
def test_classical_constant_stays_constant(method: str) -> None:
    img = np.full((10, 12, 3), 77, np.uint8)
    for scale in (2, 3, 4):
        assert np.all(resize(img, scale, method) == 77)


def test_classical_reference_equalities() -> None:
    rng = np.random.default_rng(5)
    img = rng.integers(0, 256, (21, 33, 3), dtype=np.uint8)
    for s in (2, 3, 4):
        np.testing.assert_array_equal(resize(img, s, "bicubic"), imresize(img, s))
        rep = np.repeat(np.repeat(img, s, 0), s, 1)
        np.testing.assert_array_equal(resize(img, s, "nearest"), rep)
        np.testing.assert_array_equal(resize(img, s, "area"), rep)
        size = (33 * s, 21 * s)
        np.testing.assert_array_equal(
            rep, cv2.resize(img, size, interpolation=cv2.INTER_AREA))
        for method, flag in (("bilinear", cv2.INTER_LINEAR),
                             ("bicubic-opencv", cv2.INTER_CUBIC),
                             ("lanczos", cv2.INTER_LANCZOS4)):
            ref = cv2.resize(img, size, interpolation=flag)
            out = resize(img, s, method)
            if s in (2, 4):   # cv2 itself at power-of-two scales
                np.testing.assert_array_equal(out, ref)
            else:             # exact-phase numpy version of the same kernel
                assert np.abs(out.astype(int) - ref).max() <= 1, method
            f = img.astype(np.float32) / 255
            ref_f = cv2.resize(f, size, interpolation=flag)
            np.testing.assert_allclose(resize(f, s, method), ref_f, rtol=0, atol=1e-4)


def _tile_equals_whole(img: np.ndarray, scale: int, method: str) -> None:
    full = resize(img, scale, method)
    c = context_pixels(method)
    h, w = img.shape[:2]
    for y0, y1, x0, x1 in ((0, 7, 0, 13), (5, 19, 301, 333), (11, h, 857, w), (3, 4, 600, 601)):
        py0, px0, py1, px1 = max(0, y0 - c), max(0, x0 - c), min(h, y1 + c), min(w, x1 + c)
        tile = resize(img[py0:py1, px0:px1], scale, method)
        tile = tile[(y0 - py0) * scale:(y1 - py0) * scale, (x0 - px0) * scale:(x1 - px0) * scale]
        np.testing.assert_array_equal(tile, full[y0 * scale:y1 * scale, x0 * scale:x1 * scale],
                                      err_msg=f"{method} x{scale} {img.dtype} tile {y0, x0}")


@pytest.mark.parametrize("method", list(CLASSICAL_METHODS))
def test_tiled_equals_whole_with_context(method: str) -> None:
    rng = np.random.default_rng(6)
    img8 = rng.integers(0, 256, (24, 1000, 3), dtype=np.uint8)
    for scale in (2, 3, 4):
        _tile_equals_whole(img8, scale, method)
    _tile_equals_whole(rng.random((24, 1000)).astype(np.float32), 3, method)
    _tile_equals_whole(rng.integers(0, 65536, (24, 1000), dtype=np.uint16), 3, method)
