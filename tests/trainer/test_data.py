"""The patch sampler: bad files are skipped with warnings, LR/HR are aligned exactly as the
benchmark LR is made, and batches are a pure function of the RNG state."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from engine.events import Warning_
from engine.resize import imresize, modcrop
from tests.trainer.conftest import synth_image, write_png
from trainer.config import DataConfig
from trainer.data import build_sampler
from trainer.degrade import bicubic_lr_patch, degrade
from trainer.degrade_config import DegradationConfig


def _cfg(dirs, **kw) -> DataConfig:
    kw = {"patch_size": 16, "batch_size": 4, **kw}
    return DataConfig(hr_dirs=[str(d) for d in dirs], **kw)


def test_bad_files_are_skipped_with_warnings(tmp_path):
    d = tmp_path / "hr"
    write_png(d / "good.png", synth_image(40, 40, 0))
    write_png(d / "sub" / "gray.png", synth_image(40, 40, 1)[..., 0])  # recursive, gray
    write_png(d / "tiny.png", synth_image(10, 12, 2))                   # smaller than patch
    write_png(d / "deep.png", synth_image(40, 40, 3).astype(np.uint16) * 257)  # 16-bit
    (d / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really a png")
    (d / "empty.jpg").write_bytes(b"")
    (d / "notes.txt").write_text("not an image")
    events = []
    sampler = build_sampler(_cfg([d]), 2, 3, seed=0, progress=events.append)
    warnings = " | ".join(e.message for e in events if isinstance(e, Warning_))
    assert "1 non-image file" in warnings and "notes.txt" in warnings
    assert "broken.png" in warnings and "empty.jpg" in warnings
    assert "smaller than the 16 px patch" in warnings and "tiny.png" in warnings
    names = sorted(s.hr_path.name for s in sampler.store.sources)
    assert names == ["deep.png", "good.png", "gray.png"]
    deep = [s.hr_path.name for s in sampler.store.sources].index("deep.png")
    np.testing.assert_array_equal(sampler.store.hr[deep], synth_image(40, 40, 3))
    lr, hr = sampler.next_batch()
    assert lr.shape == (4, 3, 8, 8) and hr.shape == (4, 3, 16, 16)
    assert lr.dtype == torch.float32 and 0 <= float(lr.min()) and float(hr.max()) <= 1


def test_no_usable_image_is_a_clear_error(tmp_path):
    d = tmp_path / "hr"
    write_png(d / "tiny.png", synth_image(8, 8, 0))
    with pytest.raises(Exception, match="no usable training images"):
        build_sampler(_cfg([d]), 2, 3, seed=0)


def test_patches_are_crops_of_the_whole_image_bicubic(tmp_path):
    hr = synth_image(45, 51, 3)  # odd size: modcrop matters
    write_png(tmp_path / "a" / "a.png", hr)
    sampler = build_sampler(_cfg([tmp_path / "a"], batch_size=1, patch_size=15), 3, 3,
                            seed=5)
    whole_lr = imresize(modcrop(hr, 3), 1 / 3)
    hr_c = modcrop(hr, 3)
    for _ in range(5):
        state = sampler.rng.bit_generator.state
        lr_t, hr_t = sampler.next_batch()
        lr = np.round(lr_t[0].permute(1, 2, 0).numpy() * 255).astype(np.uint8)
        hrp = np.round(hr_t[0].permute(1, 2, 0).numpy() * 255).astype(np.uint8)
        sampler.rng.bit_generator.state = state  # recompute where the crop was
        sampler.rng.choice(1, size=1, p=sampler.weights)
        uy, ux = sampler.rng.random(1), sampler.rng.random(1)
        f = sampler.rng.random((1, 3)) < 0.5
        y, x = int(uy[0] * (15 - 5 + 1)), int(ux[0] * (17 - 5 + 1))
        exp_lr, exp_hr = whole_lr[y:y + 5, x:x + 5], hr_c[3 * y:3 * y + 15, 3 * x:3 * x + 15]
        if f[0, 0]:
            exp_lr, exp_hr = exp_lr[::-1], exp_hr[::-1]
        if f[0, 1]:
            exp_lr, exp_hr = exp_lr[:, ::-1], exp_hr[:, ::-1]
        if f[0, 2]:
            exp_lr, exp_hr = exp_lr.transpose(1, 0, 2), exp_hr.transpose(1, 0, 2)
        np.testing.assert_array_equal(lr, exp_lr)
        np.testing.assert_array_equal(hrp, exp_hr)
        sampler.next_batch()


@pytest.mark.parametrize("scale", [2, 3, 4])
def test_window_bicubic_equals_whole_image(scale):
    hr = modcrop(synth_image(70, 66, scale), scale)
    whole = imresize(hr, 1 / scale)
    size = 6
    lh, lw = whole.shape[:2]
    for y, x in [(0, 0), (lh - size, lw - size), (3, lw // 2), (lh // 2, 1)]:
        lr, hr_p = bicubic_lr_patch(hr, scale, y, x, size)
        np.testing.assert_array_equal(lr, whole[y:y + size, x:x + size])
        assert hr_p.shape == (size * scale, size * scale, 3)


def test_streaming_equals_cached_and_resume_state(data_dirs):
    a = build_sampler(_cfg([data_dirs["train"]], cache_in_ram=True), 2, 1, seed=3)
    b = build_sampler(_cfg([data_dirs["train"]], cache_in_ram=False), 2, 1, seed=3)
    for _ in range(3):
        (la, ha), (lb, hb) = a.next_batch(), b.next_batch()
        assert torch.equal(la, lb) and torch.equal(ha, hb)
    assert la.shape == (4, 1, 8, 8)  # Y channel
    state = a.state_dict()
    want = [a.next_batch() for _ in range(2)]
    c = build_sampler(_cfg([data_dirs["train"]]), 2, 1, seed=99)
    c.load_state_dict(state)
    for (lw, hw) in want:
        lc, hc = c.next_batch()
        assert torch.equal(lw, lc) and torch.equal(hw, hc)


def test_sampling_is_proportional_to_pixels(tmp_path):
    write_png(tmp_path / "d" / "big.png", synth_image(64, 64, 0))
    write_png(tmp_path / "d" / "small.png", synth_image(32, 32, 1))
    s = build_sampler(_cfg([tmp_path / "d"]), 2, 3, seed=0)
    np.testing.assert_allclose(s.weights, [0.8, 0.2])


def test_paired_folders_match_by_stem_with_scale_suffix(tmp_path):
    hr = synth_image(40, 40, 4)
    write_png(tmp_path / "HR" / "baby.png", hr)
    write_png(tmp_path / "HR" / "alone.png", hr)
    lr = np.full((20, 20, 3), 7, np.uint8)  # deliberately not bicubic: must be used as is
    write_png(tmp_path / "LR" / "babyx2.png", lr)
    events = []
    cfg = _cfg([tmp_path / "HR"], lr_dirs=[str(tmp_path / "LR")])
    s = build_sampler(cfg, 2, 3, seed=0, progress=events.append)
    assert any("no LR partner" in e.message for e in events if isinstance(e, Warning_))
    lr_t, hr_t = s.next_batch()
    assert torch.all(lr_t == 7 / 255)


def test_pipeline_degradation_and_affine(data_dirs):
    rng = np.random.default_rng(0)
    cfg = DegradationConfig(kind="pipeline")
    lr = degrade(synth_image(32, 32, 0), 2, cfg, rng)
    assert lr.shape == (16, 16, 3) and lr.dtype == np.uint8
    data = _cfg([data_dirs["train"]], degradation=cfg)
    data.augment.affine = True
    s = build_sampler(data, 2, 3, seed=0)
    lr_t, hr_t = s.next_batch()
    assert lr_t.shape == (4, 3, 8, 8) and hr_t.shape == (4, 3, 16, 16)


def test_images_list_and_max_images(tmp_path):
    for i in range(3):
        write_png(tmp_path / "pool" / f"p{i}.png", synth_image(32, 32, i))
    lst = tmp_path / "list.txt"
    lst.write_text("# chosen images\npool/p2.png\npool/p0.png\n")
    s = build_sampler(DataConfig(images_list=str(lst), patch_size=16), 2, 3, seed=0)
    assert [x.hr_path.name for x in s.store.sources] == ["p2.png", "p0.png"]
    s = build_sampler(_cfg([tmp_path / "pool"], max_images=2), 2, 3, seed=0)
    assert [x.hr_path.name for x in s.store.sources] == ["p0.png", "p1.png"]
