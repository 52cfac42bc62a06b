"""Video-codec artefacts of the 'real' degradation: real H.264/HEVC, reproducible, sized."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import photo_like
from trainer.video_degrade import codec_available, pan_frames, video_compress

CODECS = [c for c in ("libx264", "libx265") if codec_available(c)]


def test_pan_ends_on_the_patch_and_moves_before_it():
    u8 = photo_like(24, 30)
    clip = pan_frames(u8, 5, (0.0, 2.0))
    assert len(clip) == 5 and clip[0].shape == (64, 64, 3)
    assert np.array_equal(clip[-1][:24, :30], u8)
    # two frames before the end the picture sits 4 pixels further right
    assert np.array_equal(clip[-3][:24, 4:30], u8[:, :26]) or \
        np.array_equal(clip[-3][:24, :26], u8[:, 4:])


@pytest.mark.parametrize("codec", CODECS)
@pytest.mark.parametrize("side", [17, 24, 48])
def test_round_trip_is_sized_reproducible_and_lossy_by_crf(codec: str, side: int):
    # gray: 4:2:0 chroma subsampling alone would blur a colour patch at any CRF
    x = np.repeat(photo_like(side, side + 6, 1), 3, axis=2).astype(np.float32) / 255.0
    a = video_compress(x, np.random.default_rng(3), [codec], [36, 36], 5, 2.0)
    b = video_compress(x, np.random.default_rng(3), [codec], [36, 36], 5, 2.0)
    fine = video_compress(x, np.random.default_rng(3), [codec], [10, 10], 5, 2.0)
    assert a.shape == x.shape and a.dtype == np.float32
    assert np.array_equal(a, b)
    err, err_fine = float(np.abs(a - x).mean()), float(np.abs(fine - x).mean())
    assert err > 2 * err_fine > 0     # a higher CRF loses more


def test_unknown_codec_is_not_available():
    assert not codec_available("no-such-codec")
    assert "libx264" in CODECS   # the FFmpeg PyAV ships always has it
