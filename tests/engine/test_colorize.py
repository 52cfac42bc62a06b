"""Colorization: Lab, Zhang et al.'s quantisation, metrics, the colorizer, training, CLI.

Generated images only (no ../shared); tiny networks; one torch thread.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from engine.colorize import FrameColorizer, colorize_image, is_grayscale
from engine.colorize.archs import KIND
from engine.colorize.colorizer import gray_of, load_colorizer
from engine.colorize.lab import (
    lab_to_rgb,
    rgb_to_l,
    rgb_to_lab,
    torch_lab_to_rgb,
    torch_rgb_to_lab,
)
from engine.colorize.metrics import (
    AucAccumulator,
    auc,
    auc_rebalanced,
    colourfulness,
    lab_of,
    psnr,
)
from engine.colorize.quantize import (
    annealed_mean,
    bin_index,
    count_bins,
    displayable,
    empirical_distribution,
    gamut_bins,
    rebalance_weights,
    smooth_distribution,
    soft_encode,
    soft_encode_dense,
)

TINY = {"c1": 4, "c2": 8, "c3": 8}


@pytest.fixture(autouse=True)
def _one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def colourful(h: int = 64, w: int = 80, seed: int = 0) -> np.ndarray:
    """Smooth saturated colour fields (uint8 RGB)."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.empty((h, w, 3), np.float32)
    for c in range(3):
        f = rng.uniform(0.03, 0.12, 2)
        img[..., c] = 0.5 + 0.5 * np.sin(xx * f[0] + yy * f[1] + 2.1 * c)
    return (img * 255 + 0.5).astype(np.uint8)


def tiny_model(arch: str = "colorizer_cls") -> torch.nn.Module:
    from engine.archs import build
    torch.manual_seed(0)
    return build(arch, 1, **TINY).eval()


# --- Lab ------------------------------------------------------------------------------
def test_lab_round_trip_matches_skimage():
    from skimage.color import lab2rgb, rgb2lab
    rng = np.random.default_rng(0)
    rgb = rng.random((32, 32, 3))
    rgb[0, :8] = [[0, 0, 0], [1, 1, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0],
                  [0.5, 0.5, 0.5], [0.01, 0.02, 0.03]]
    lab = rgb_to_lab(rgb)
    assert np.abs(lab - rgb2lab(rgb)).max() < 1e-3
    assert np.abs(lab_to_rgb(lab) - rgb).max() < 1e-4
    assert np.abs(lab_to_rgb(lab) - lab2rgb(rgb2lab(rgb))).max() < 1e-4
    assert np.abs(rgb_to_l(rgb) - lab[..., 0]).max() < 1e-3
    t = torch.from_numpy(rgb).permute(2, 0, 1)[None]
    tl = torch_rgb_to_lab(t)
    assert (tl[0].permute(1, 2, 0).numpy() - lab).__abs__().max() < 1e-3
    assert (torch_lab_to_rgb(tl) - t).abs().max() < 1e-4


# --- quantisation ---------------------------------------------------------------------
def test_gamut_has_about_313_displayable_bins():
    bins = gamut_bins()
    assert 250 <= len(bins) <= 350
    assert displayable(bins).all()
    assert (bin_index(bins) == np.arange(len(bins))).all()
    # every sRGB colour lands in a bin whose value is close to it
    rgb = np.random.default_rng(1).random((2000, 3))
    ab = rgb_to_lab(rgb)[:, 1:]
    assert np.linalg.norm(bins[bin_index(ab)] - ab, axis=1).max() < 10.0


def test_soft_encoding_sums_to_one():
    bins = torch.from_numpy(gamut_bins())
    ab = torch.from_numpy(rgb_to_lab(np.random.default_rng(2).random((500, 3)))[:, 1:])
    idx, w = soft_encode(ab, bins)
    assert idx.shape == w.shape == (500, 5)
    assert torch.allclose(w.sum(1), torch.ones(500), atol=1e-5)
    assert (w >= 0).all() and (w[:, 0] >= w[:, 1]).all()   # nearest bin first
    dense = soft_encode_dense(ab, bins)
    assert dense.shape == (500, len(bins))
    assert torch.allclose(dense.sum(1), torch.ones(500), atol=1e-5)
    assert ((dense > 0).sum(1) == 5).all()
    nearest = torch.cdist(ab, bins).argmin(1)
    assert (idx[:, 0] == nearest).all()


def test_rebalancing_weights_have_expected_value_one():
    rng = np.random.default_rng(3)
    counts = count_bins(rgb_to_lab(rng.random((4000, 3)) ** 3)[:, 1:])
    p = empirical_distribution(counts)
    w = rebalance_weights(p)
    smooth = smooth_distribution(p)
    assert len(w) == len(gamut_bins()) and (w > 0).all()
    assert float((smooth * w).sum()) == pytest.approx(1.0, abs=1e-5)
    assert abs(smooth.sum() - 1) < 1e-9
    # rare colours weigh more than common ones
    assert w[np.argmin(smooth)] > w[np.argmax(smooth)]
    # lambda = 1: uniform weights
    assert np.allclose(rebalance_weights(p, lam=1.0), 1.0, atol=1e-5)


def test_annealed_mean_limits():
    bins = torch.from_numpy(gamut_bins())
    logits = torch.randn(2, len(bins), 3, 4, generator=torch.Generator().manual_seed(0)) * 3
    probs = torch.softmax(logits, dim=1)
    mean = torch.einsum("nqhw,qc->nchw", probs, bins)
    assert torch.allclose(annealed_mean(logits, bins, 1.0), mean, atol=1e-3)
    mode = bins[logits.argmax(1)].permute(0, 3, 1, 2)
    assert torch.allclose(annealed_mean(logits, bins, 1e-4), mode, atol=1e-3)
    assert torch.equal(annealed_mean(logits, bins, 0.0), mode)
    # from probabilities (log p as logits) it is the same
    assert torch.allclose(annealed_mean(probs.log(), bins, 0.38),
                          annealed_mean(logits, bins, 0.38), atol=1e-3)


# --- metrics --------------------------------------------------------------------------
def test_auc_perfect_gray_and_known_value():
    img = colourful()
    ab = lab_of(img)[..., 1:]
    assert auc(ab, ab) == pytest.approx(1.0)
    assert auc_rebalanced(ab, ab) == pytest.approx(1.0)
    gray_plain, gray_rb = auc(np.zeros_like(ab), ab), auc_rebalanced(np.zeros_like(ab), ab)
    assert gray_plain < 0.9 and gray_rb < 0.9
    # every pixel off by exactly 10 -> the CDF is 0 below t = 10 and 1 from there: 141/151
    shifted = ab + np.array([6.0, 8.0], np.float32)
    assert auc(shifted, ab) == pytest.approx(141 / 151, abs=1e-6)
    acc = AucAccumulator()
    acc.add_images(gray_of(img), img)
    assert acc.auc() == pytest.approx(gray_plain, abs=0.01)


def test_colourfulness_and_psnr():
    g = np.repeat(colourful()[..., :1], 3, axis=2)
    assert colourfulness(g) == 0.0
    assert colourfulness(g[..., :1]) == 0.0
    assert colourfulness(colourful()) > 30
    # Hasler-Suesstrunk on two pixels: rg = (255, 0), yb = (127.5, 0)
    two = np.array([[[255, 0, 0], [0, 0, 0]]], np.uint8)
    expect = np.hypot(127.5, 63.75) + 0.3 * np.hypot(127.5, 63.75)
    assert colourfulness(two) == pytest.approx(expect)
    assert psnr(g, g) == float("inf")
    assert psnr(g, g // 2) < 20


def test_is_grayscale():
    c = colourful()
    gray = c[..., :1]
    assert is_grayscale(gray)
    assert is_grayscale(gray[..., 0])
    rgb_equal = np.repeat(gray, 3, axis=2)
    assert is_grayscale(rgb_equal)
    noisy = rgb_equal.copy()
    noisy[..., 0] = np.clip(noisy[..., 0].astype(int) + 2, 0, 255)   # within tolerance
    assert is_grayscale(noisy)
    assert not is_grayscale(c)
    assert not is_grayscale(c, tol=0) and is_grayscale(rgb_equal, tol=0)
    assert is_grayscale(rgb_equal.astype(np.uint16) * 257)


# --- the colorizer --------------------------------------------------------------------
def test_colorize_gray_keeps_l_and_size():
    model = tiny_model()
    gray = colourful(50, 70)[..., 1:2]
    out = colorize_image(model, gray)
    assert out.shape == (50, 70, 3) and out.dtype == np.uint8
    l_in = lab_of(gray)[..., 0]
    assert np.abs(lab_of(out)[..., 0] - l_in).max() <= 1.0
    # RGB with equal channels and a 2-D array are gray too
    assert colorize_image(model, np.repeat(gray, 3, 2)).shape == (50, 70, 3)
    assert colorize_image(model, gray[..., 0]).shape == (50, 70, 3)
    # regression model too; 16-bit in, 16-bit out
    out16 = colorize_image(tiny_model("colorizer_reg"), gray.astype(np.uint16) * 257)
    assert out16.dtype == np.uint16 and out16.shape == (50, 70, 3)


def test_colour_input_needs_recolor():
    model = tiny_model()
    c = colourful(40, 48)
    assert np.array_equal(colorize_image(model, c), c)
    again = colorize_image(model, c, recolor=True)
    assert again.shape == c.shape and not np.array_equal(again, c)
    assert np.abs(lab_of(again)[..., 0] - lab_of(c)[..., 0]).max() <= 1.0


def test_frame_colorizer():
    fn = FrameColorizer(tiny_model())
    frame = np.repeat(colourful(36, 64)[..., :1], 3, axis=2)
    out = fn(frame)
    assert out.shape == frame.shape and out.dtype == np.uint8
    assert not is_grayscale(out)
    assert fn.identity and fn.identity != FrameColorizer(tiny_model(), recolor=False).identity


def test_archs_are_registered_as_colorizers():
    from engine.archs import get_arch, list_archs
    for name in ("colorizer_cls", "colorizer_reg"):
        spec = get_arch(name)
        assert spec.kind == KIND and spec.scales == (1,)
    assert not any(s.kind == KIND for s in list_archs())
    assert {"colorizer_cls", "colorizer_reg"} <= {s.name for s in list_archs(KIND)}


# --- training -------------------------------------------------------------------------
def test_training_steps_reduce_the_classification_loss():
    from engine.colorize.quantize import rebalance_weights as rw
    from trainer.colorize.loop import colorize_loss
    model = tiny_model().train()
    batch = torch.from_numpy(np.stack([colourful(32, 32, s) for s in range(4)])
                             ).permute(0, 3, 1, 2).float() / 255
    p = empirical_distribution(count_bins(lab_of(colourful())[..., 1:]))
    weights = torch.from_numpy(rw(p))
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    losses = []
    for _ in range(25):
        loss = colorize_loss(model, batch, class_weights=weights)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(float(loss.detach()))
    assert losses[-1] < 0.8 * losses[0]


def _write_photos(folder, n: int, size: int = 96) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        Image.fromarray(colourful(size, size + 16, seed=i)).save(folder / f"p{i}.png")


def test_train_colorizer_exports_and_resumes(tmp_path):
    from engine.models.weights import read_metadata
    from trainer.colorize.config import load_colorize_config
    from trainer.colorize.loop import train_colorizer
    _write_photos(tmp_path / "train", 3)
    _write_photos(tmp_path / "val", 1)
    recipe = tmp_path / "r.toml"
    recipe.write_text(
        '[model]\narch = "colorizer_cls"\nconfig = {c1 = 4, c2 = 8, c3 = 8}\n'
        '[data]\ntrain_dirs = ["train"]\nval_dir = "val"\nshort_side = 96\n'
        'crop_min = 32\ncrop_max = 48\nbatch_size = 2\n'
        '[run]\nsteps = 3\nval_every = 0\nlog_every = 1\nckpt_every = 2\nthreads = 1\n')
    cfg = load_colorize_config(recipe, [f"run.out_dir={tmp_path / 'run'}"])
    res = train_colorizer(cfg)
    assert res.steps == 3 and res.final_weights is not None and res.best_weights is not None
    meta = read_metadata(res.final_weights)
    assert meta["role"] == "colorize" and meta["arch"] == "colorizer_cls"
    assert "auc_rebalanced" in meta["metrics"]["val"]
    model = load_colorizer(res.final_weights, "cpu")
    assert float(model.module.prior.sum()) == pytest.approx(1.0, abs=1e-4)
    cfg2 = load_colorize_config(recipe, [f"run.out_dir={tmp_path / 'run'}", "run.steps=4"])
    assert train_colorizer(cfg2, resume=True).steps == 4


# --- CLI ------------------------------------------------------------------------------
def _weights(tmp_path) -> str:
    from trainer.export import export_weights
    path = tmp_path / "tiny_colorize.safetensors"
    export_weights(tiny_model(), path, arch="colorizer_cls", scale=1,
                   config={**TINY, "num_channels": 1}, name="tiny", role="colorize")
    return str(path)


def test_cli_colorize_batch_with_a_corrupt_file(tmp_path, model_dirs):
    from app.cli.main import main
    weights = _weights(tmp_path)
    Image.fromarray(colourful(40, 56)[..., 0]).save(tmp_path / "gray.png")
    Image.fromarray(colourful(40, 56)).save(tmp_path / "colour.png")
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    out = tmp_path / "out"
    rc = main(["colorize", str(tmp_path / "gray.png"), str(tmp_path / "broken.png"),
               str(tmp_path / "colour.png"), "-o", str(out), "-m", weights])
    assert rc == 2
    written = np.asarray(Image.open(out / "gray_color.png"))
    assert written.shape == (40, 56, 3)
    assert not (out / "colour_color.png").exists()
    assert main(["colorize", str(tmp_path / "colour.png"), "-o", str(out), "-m", weights,
                 "--recolor"]) == 0
    assert (out / "colour_color.png").exists()
    # no colorize model installed: a setup error
    assert main(["colorize", str(tmp_path / "gray.png"), "-o", str(out)]) == 1


def test_cli_upscale_colorize(tmp_path, model_dirs):
    from app.cli.main import main
    weights = _weights(tmp_path)
    Image.fromarray(colourful(24, 32)[..., 0]).save(tmp_path / "g.png")
    for when in ("before", "after"):
        rc = main(["upscale", "--colorize", when, str(tmp_path / "g.png"), "-m", "bicubic",
                   "-s", "2", "--colorize-model", weights, "--quiet",
                   "--name", "{stem}_" + when])
        assert rc == 0
        assert np.asarray(Image.open(tmp_path / f"g_{when}.png")).shape == (48, 64, 3)
    # the default name says the output was colorized: a plain run beside it never collides
    rc = main(["upscale", "--colorize", str(tmp_path / "g.png"), "-m", "bicubic", "-s", "2",
               "--colorize-model", weights, "--quiet"])
    assert rc == 0 and (tmp_path / "g_x2_bicubic_color.png").exists()
    assert not (tmp_path / "g_x2_bicubic.png").exists()
    rc = main(["upscale", str(tmp_path / "g.png"), "-m", "bicubic", "-s", "2", "--quiet"])
    assert rc == 0 and (tmp_path / "g_x2_bicubic.png").exists()
    assert is_grayscale(np.asarray(Image.open(tmp_path / "g_x2_bicubic.png")))


def test_colorized_runs_get_their_own_default_name(tmp_path):
    from engine.jobs import UpscaleOptions, output_path_for
    from engine.jobs.video import VideoOptions, video_output_path
    src = tmp_path / "g.png"
    plain = UpscaleOptions(scale=2)
    assert output_path_for(src, None, None, plain, "m").name == "g_x2_m.png"
    for when in ("before", "after"):
        opts = UpscaleOptions(scale=2, colorize=when)
        assert output_path_for(src, None, None, opts, "m").name == "g_x2_m_color.png"
        assert video_output_path(tmp_path / "v.mp4", None, opts, VideoOptions(),
                                 "m").name == "v_x2_m_color.mp4"
    # the video job also colours when only its VideoOptions ask for it
    assert video_output_path(tmp_path / "v.mp4", None, plain, VideoOptions(colorize="after"),
                             "m").name == "v_x2_m_color.mp4"
    assert video_output_path(tmp_path / "v.mp4", None, plain, VideoOptions(),
                             "m").name == "v_x2_m.mp4"
    # a pattern of the user's own is used as it is
    mine = UpscaleOptions(scale=2, colorize="after", name_pattern="{stem}_{model}")
    assert output_path_for(src, None, None, mine, "m").name == "g_m.png"


def test_train_colorize_printer_lines():
    import io

    from engine.events import Warning_
    from trainer.colorize.cli import _Printer
    from trainer.colorize.loop import ColorizeValidated
    out = io.StringIO()
    p = _Printer(out, quiet=False)
    p(ColorizeValidated(step=5, dataset="val", auc=0.8, auc_rebalanced=0.6, gray_auc=0.85,
                        gray_auc_rebalanced=0.55, psnr=21.5, colourfulness=30.0,
                        is_best=True, best_auc_rebalanced=0.6))
    p(Warning_("careful"))
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("val  step 5 val: AuC 80.00 rebalanced 60.00") and \
        lines[0].endswith(" *")
    assert lines[1] == "warning: careful"
