"""``auto`` by content: JPEG quality, blocks and noise decide between photo and clean models."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine.content import assess_content, assess_pixels, jpeg_quality
from engine.jobs.plan import describe_choice, plan_job
from engine.jobs.request import Request, RequestError
from tests.conftest import photo_like, save_tiny_model


def _jpeg_bytes(arr: np.ndarray, q: int) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "JPEG", quality=q)
    return buf.getvalue()


def _scene(h: int = 192, w: int = 256) -> np.ndarray:
    """Smooth shading with a few hard edges, like a clean photo of large objects."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.stack([120 + 60 * np.sin(xx / 23 + c) * np.cos(yy / 31 - c) + 0.2 * yy
                    for c in range(3)], axis=-1)
    img[h // 3:h // 2, w // 4:w // 2] = (200, 60, 40)
    img[h // 2:, w // 2 + 10:w // 2 + 14] = 30
    return np.clip(img + 0.5, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("q", [30, 55, 75, 90, 97])
def test_jpeg_quality_is_estimated_from_the_tables(tmp_path: Path, q: int):
    p = tmp_path / "a.jpg"
    p.write_bytes(_jpeg_bytes(_scene(), q))
    assert abs(jpeg_quality(p) - q) <= 2
    assert jpeg_quality(tmp_path / "missing.jpg") is None


def test_clean_noisy_and_blocky_pictures_are_told_apart(tmp_path: Path):
    clean = _scene()
    assert not assess_pixels(clean).degraded
    rng = np.random.default_rng(0)
    noisy = np.clip(clean + rng.normal(0, 8, clean.shape), 0, 255).astype(np.uint8)
    r = assess_pixels(noisy)
    assert r.degraded and "noise" in r.reason
    # a PNG screenshot of a low-quality JPEG: no JPEG header, but the 8x8 grid shows
    blocky = np.asarray(Image.open(io.BytesIO(_jpeg_bytes(clean, 15))))
    r = assess_pixels(blocky)
    assert r.degraded and r.blockiness > 1.25, r
    p = tmp_path / "web.jpg"
    p.write_bytes(_jpeg_bytes(clean, 60))
    r = assess_content(p)
    assert r.degraded and r.reason.startswith("JPEG, quality ≈ 6")
    p2 = tmp_path / "camera.jpg"
    p2.write_bytes(_jpeg_bytes(clean, 98))
    assert not assess_content(p2).degraded


@pytest.fixture
def two_models(model_dirs):
    shipped, _ = model_dirs
    save_tiny_model(shipped, "q_x2", role="quality")
    save_tiny_model(shipped, "photo_x2", role="photo", seed=1)
    return shipped


def test_auto_picks_photo_for_jpegs_and_quality_for_clean_pictures(tmp_path, two_models):
    clean = tmp_path / "clean.png"
    Image.fromarray(_scene()).save(clean)
    web = tmp_path / "web.jpg"
    web.write_bytes(_jpeg_bytes(_scene(), 50))
    plan = plan_job([clean, web], Request(scale=2))
    by_name = {i.input.name: i for i in plan.items}
    assert by_name["clean.png"].model_name == "q_x2"
    assert by_name["web.jpg"].model_name == "photo_x2"
    assert describe_choice(by_name["web.jpg"]).startswith("Auto → photo_x2 (JPEG, quality ≈ 5")
    assert by_name["web.jpg"].output.name == "web_x2_photo_x2.jpg"
    # a named model is used as named, with no reason
    plan = plan_job([web], Request(model="q_x2", scale=2))
    assert plan.items[0].model_name == "q_x2" and plan.items[0].model_reason == ""


def test_plan_runs_each_input_once_and_names_collisions(tmp_path, model_dirs):
    d = tmp_path / "in"
    d.mkdir()
    Image.fromarray(photo_like(16, 16)).save(d / "a.png")
    Image.fromarray(photo_like(16, 16)).save(d / "a.bmp")
    plan = plan_job([d, d / "a.png", d / "a.png"], Request(model="nearest", scale=2,
                                                         output_format="png"))
    assert [i.input.name for i in plan.items] == ["a.bmp", "a.png"]
    assert "more than once" in plan.notes[0]
    assert plan.items[0].skip is None and plan.items[1].skip.startswith("same output as a.bmp")


def test_bad_options_are_one_line(model_dirs):
    with pytest.raises(RequestError, match="quality must be 1-100"):
        Request(quality=0).validate()
    with pytest.raises(RequestError, match="name pattern"):
        Request(name_pattern="{stem}_{nope}").validate()
    with pytest.raises(RequestError, match="exclude"):
        Request(overwrite=True, skip_existing=True).validate()


def test_request_and_plan_import_without_torch():
    import subprocess
    import sys
    code = ("import sys; import engine.jobs.request, engine.jobs.plan, engine.content; "
            "bad = [m for m in ('torch', 'PySide6', 'av') if m in sys.modules]; "
            "sys.exit(f'imported {bad}' if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       cwd=Path(__file__).resolve().parents[2])
    assert r.returncode == 0, r.stderr


def test_auto_prefers_the_cheaper_model_unless_the_costlier_is_measurably_better(model_dirs):
    from engine.models.registry import list_models, pick_auto
    shipped, _ = model_dirs
    scores = lambda v: {"Set5": {"psnr_y": v}, "Set14": {"psnr_y": v - 3}}  # noqa: E731
    save_tiny_model(shipped, "f_x2", role="fast", metrics=scores(37.41))
    save_tiny_model(shipped, "q_x2", role="quality", metrics=scores(37.40))
    assert pick_auto(list_models(), 2).name == "f_x2"      # same score: the fast one
    save_tiny_model(shipped, "q_x2", role="quality", metrics=scores(37.60))
    assert pick_auto(list_models(), 2).name == "q_x2"      # +0.19 dB: worth its cost
    save_tiny_model(shipped, "f_x2", role="fast", metrics={})
    assert pick_auto(list_models(), 2).name == "q_x2"      # nothing to compare: quality
