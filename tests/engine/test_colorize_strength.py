"""Colour strength: the predicted chroma scaled between gray (0) and as predicted (1)."""

from __future__ import annotations

import numpy as np
import pytest

from engine.colorize import FrameColorizer, colorize_image
from engine.colorize.colorizer import predict_ab
from engine.colorize.strength import StrengthColorizer, with_strength
from tests.conftest import photo_like
from tests.engine.test_colorize import tiny_model


def _gray(h: int = 40, w: int = 48) -> np.ndarray:
    return photo_like(h, w, 1, seed=3)[..., 0]


def test_strength_scales_the_predicted_chroma() -> None:
    net = tiny_model()
    img = _gray()
    full = predict_ab(net, img)
    half = predict_ab(with_strength(net, 0.5), img)
    assert np.abs(full).max() > 0
    np.testing.assert_allclose(half, 0.5 * full, rtol=1e-6, atol=1e-6)
    assert with_strength(net, 1.0) is net


def test_zero_strength_keeps_the_image_gray_and_one_is_unchanged() -> None:
    net = tiny_model()
    img = _gray()
    out0 = colorize_image(with_strength(net, 0.0), img).astype(int)
    assert np.abs(out0[..., 0] - out0[..., 1]).max() <= 1
    assert np.abs(out0[..., 1] - out0[..., 2]).max() <= 1
    np.testing.assert_array_equal(colorize_image(StrengthColorizer(net, 1.0), img),
                                  colorize_image(net, img))


def test_video_frames_use_the_strength_and_name_it() -> None:
    net = tiny_model()
    frame = np.repeat(_gray()[..., None], 3, axis=2)
    soft = FrameColorizer(with_strength(net, 0.25))
    assert soft(frame).tolist() == colorize_image(net, frame, recolor=True,
                                                  strength=0.25).tolist()
    assert soft.identity != FrameColorizer(net).identity   # a resume never mixes them


def test_strength_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError):
        with_strength(tiny_model(), 1.5)
