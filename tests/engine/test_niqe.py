"""NIQE (engine/metrics/niqe.py) against BasicSR's reference implementation.

The expected values are BasicSR 1.4.2's ``calculate_niqe(img, crop_border, input_order,
convert_to='y')`` on the images of :mod:`tests.engine.niqe_images` (made here from fixed
seeds) and on Set5's HR images, computed once with

    pip download basicsr==1.4.2 --no-deps --no-binary :all: --no-build-isolation -d /tmp/b
    tar xzf /tmp/b/basicsr-1.4.2.tar.gz -C /tmp/b
    .venv/bin/python bench/niqe_reference.py --basicsr /tmp/b/basicsr-1.4.2 \
        --set5 ../shared/data/benchmark/Set5/HR

(BasicSR's own niqe.py and the three files it imports, run from the unpacked sdist; nothing
installed).  Ours agree within 0.003 (the most on 'blurred': BasicSR halves the image in
float32, whose rounding gives flat areas tiny random coefficients); the tests allow 0.01.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine.metrics import niqe
from engine.metrics.niqe import _PARAMS, gaussian_window, niqe_min_size, niqe_y
from tests.conftest import SHARED, load_pixels, needs_shared
from tests.engine.niqe_images import niqe_test_images, synth_photo

# BasicSR 1.4.2 calculate_niqe (see the module docstring for the command)
REFERENCE = {
    "clean": 9.917674167620707,
    "blurred": 10.38033500765856,
    "noisy": 13.720451647168225,
    "gray": 9.685013558634695,
}
REFERENCE_CLEAN_CROP4 = 9.792354385283721
REFERENCE_SET5 = {
    "baby": 3.265488574996172,
    "bird": 4.362078438448211,
    "butterfly": 5.154898254953524,
    "head": 8.350490648900644,
    "woman": 4.389002811847953,
}
TOL = 0.01


@pytest.fixture(scope="module")
def images() -> dict[str, np.ndarray]:
    return niqe_test_images()


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_matches_basicsr_reference(images: dict[str, np.ndarray], name: str) -> None:
    assert niqe(images[name]) == pytest.approx(REFERENCE[name], abs=TOL)


def test_crop_border_matches_reference(images: dict[str, np.ndarray]) -> None:
    assert niqe(images["clean"], crop_border=4) == pytest.approx(REFERENCE_CLEAN_CROP4, abs=TOL)


@needs_shared
@pytest.mark.parametrize("stem", sorted(REFERENCE_SET5))
def test_set5_matches_basicsr_reference(stem: str) -> None:
    img = load_pixels(SHARED / "benchmark" / "Set5" / "HR" / f"{stem}.png")
    assert niqe(img) == pytest.approx(REFERENCE_SET5[stem], abs=TOL)


def test_degradations_score_worse(images: dict[str, np.ndarray]) -> None:
    clean = niqe(images["clean"])
    assert niqe(images["blurred"]) > clean
    assert niqe(synth_photo(1, 288, 384, noise=14.0)) > clean


def test_window_is_the_pristine_models() -> None:
    with np.load(_PARAMS) as d:
        assert d["mu_pris_param"].shape == (1, 36)
        assert d["cov_pris_param"].shape == (36, 36)
        np.testing.assert_allclose(d["gaussian_window"], gaussian_window(), atol=1e-15)


def test_bands_do_not_change_the_result() -> None:
    img = synth_photo(4, 400, 300)          # 4 block rows, odd half-size edges
    whole = niqe(img, band_blocks=100)
    assert niqe(img, band_blocks=1) == whole
    assert niqe(img, band_blocks=3) == whole


def test_gray_forms_and_16_bit_agree(images: dict[str, np.ndarray]) -> None:
    g = images["gray"]
    v = niqe(g)
    assert niqe(g[..., None]) == v
    assert niqe(g.astype(np.uint16) * 257) == pytest.approx(v, abs=1e-12)
    assert niqe_y(g.astype(np.float64)) == v


def test_size_limits() -> None:
    mh, mw = niqe_min_size()
    assert np.isfinite(niqe(synth_photo(5, mh, mw)))
    assert np.isfinite(niqe(synth_photo(5, mw, mh)))
    with pytest.raises(ValueError, match="two 96x96 blocks"):
        niqe(synth_photo(5, 150, 150))
    with pytest.raises(ValueError, match="two 96x96 blocks"):
        niqe(synth_photo(5, mh, mw), crop_border=1)


def test_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        niqe(np.zeros((200, 200, 3), np.float32))
    with pytest.raises(ValueError):
        niqe(np.zeros((200, 200, 4), np.uint8))
