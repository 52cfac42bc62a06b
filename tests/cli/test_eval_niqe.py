"""``srstudio eval``'s NIQE: beside PSNR/SSIM on benchmark folders, and alone on folders
of images without HR (``--no-reference``), run through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.cli.main import main
from engine.metrics import niqe
from engine.resize import imresize
from tests.conftest import photo_like
from tests.engine.niqe_images import synth_photo


def save(path: Path, arr: np.ndarray) -> Path:
    Image.fromarray(arr).save(path)
    return path


@pytest.fixture
def bench(tmp_path: Path) -> tuple[Path, list[np.ndarray]]:
    """A benchmark folder: two 200x200 HR images (NIQE defined after the x2 shave) and a
    60x60 one (too small for NIQE)."""
    hr = tmp_path / "Mini" / "HR"
    hr.mkdir(parents=True)
    ims = [synth_photo(1, 200, 200), synth_photo(2, 200, 200)]
    for i, im in enumerate(ims):
        save(hr / f"im{i}.png", im)
    save(hr / "small.png", photo_like(60, 60, seed=3))
    return tmp_path / "Mini", ims


def test_eval_reports_niqe_beside_psnr(bench, capsys, model_dirs) -> None:
    folder, ims = bench
    assert main(["eval", "-m", "bicubic", "-s", "2", "--json", str(folder)]) == 0
    d = json.loads(capsys.readouterr().out)["datasets"]["Mini"]
    assert d["images"] == 3 and 20 < d["psnr_y"] < 60
    # the mean over the images NIQE is defined for, shaved by the scale like PSNR
    sr = [imresize(imresize(im, 0.5), 2.0) for im in ims]
    assert d["niqe"] == pytest.approx(np.mean([niqe(s, crop_border=2) for s in sr]), abs=1e-4)
    assert d["niqe_hr"] == pytest.approx(np.mean([niqe(im, crop_border=2) for im in ims]),
                                         abs=1e-4)

    assert main(["eval", "-m", "bicubic", "-s", "2", str(folder)]) == 0
    out = capsys.readouterr().out
    head, row = out.splitlines()[1:3]
    assert head.split()[:7] == ["dataset", "images", "PSNR-Y", "SSIM-Y", "PSNR-RGB",
                                "SSIM-RGB", "NIQE"]
    assert "HR NIQE" in head and "bicubic NIQE" in head
    assert f"{d['niqe']:.2f}" in row.split() and f"{d['niqe_hr']:.2f}" in row.split()

    assert main(["eval", "-m", "bicubic", "-s", "2", "--json", "--no-niqe", str(folder)]) == 0
    assert "niqe" not in json.loads(capsys.readouterr().out)["datasets"]["Mini"]


def test_eval_of_images_too_small_for_niqe_says_so(tmp_path, capsys, model_dirs) -> None:
    hr = tmp_path / "Tiny" / "HR"
    hr.mkdir(parents=True)
    save(hr / "a.png", photo_like(40, 50))
    assert main(["eval", "-m", "bicubic", "-s", "2", "--json", str(tmp_path / "Tiny")]) == 0
    d = json.loads(capsys.readouterr().out)["datasets"]["Tiny"]
    assert d["niqe"] is None and d["niqe_hr"] is None and d["psnr_y"] > 20
    assert main(["eval", "-m", "bicubic", "-s", "2", str(tmp_path / "Tiny")]) == 0
    assert "smaller than two 96x96 blocks" in capsys.readouterr().out


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    """A plain folder of images without HR: two 200x200 and one 110x110 (too small for NIQE
    itself; its x2 output is not)."""
    d = tmp_path / "photos"
    d.mkdir()
    save(d / "a.png", synth_photo(4, 200, 200))
    save(d / "b.png", synth_photo(5, 200, 200))
    save(d / "c.png", synth_photo(6, 110, 110))
    return d


def test_no_reference_with_a_model_scores_input_and_output(photos, capsys, model_dirs) -> None:
    assert main(["eval", "--no-reference", "-m", "bicubic", "-s", "2", "--json",
                 str(photos)]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["no_reference"] is True and rep["model"] == "bicubic" and rep["scale"] == 2
    d = rep["datasets"]["photos"]
    per = d["per_image"]
    assert d["images"] == 3 and sorted(per) == ["a.png", "b.png", "c.png"]
    for name in ("a.png", "b.png", "c.png"):
        im = np.asarray(Image.open(photos / name))
        want = niqe(imresize(im, 2.0), crop_border=2)
        assert per[name]["niqe_output"] == pytest.approx(want, abs=1e-4)
    assert per["a.png"]["niqe_input"] == pytest.approx(
        niqe(np.asarray(Image.open(photos / "a.png"))), abs=1e-4)
    assert per["c.png"]["niqe_input"] is None            # 110x110: under two blocks
    assert d["niqe_input"] == pytest.approx(
        (per["a.png"]["niqe_input"] + per["b.png"]["niqe_input"]) / 2, abs=2e-4)
    assert d["niqe_output"] == pytest.approx(
        np.mean([p["niqe_output"] for p in per.values()]), abs=2e-4)

    assert main(["eval", "--no-reference", "-m", "bicubic", "-s", "2", str(photos)]) == 0
    out = capsys.readouterr().out
    assert "input NIQE" in out and "output NIQE" in out
    c_row = next(ln for ln in out.splitlines() if ln.strip().startswith("c.png"))
    assert c_row.split()[1] == "-"
    assert "smaller than two 96x96 blocks" in out


def test_no_reference_with_a_learned_model(photos, capsys, model_dirs) -> None:
    from tests.conftest import save_tiny_model
    save_tiny_model(model_dirs[0])
    assert main(["eval", "--no-reference", "-m", "tiny_x2", "--json", str(photos)]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["model"] == "tiny_x2" and rep["scale"] == 2   # its own scale without -s
    assert main(["eval", "--no-reference", "-m", "fast", "--json", str(photos)]) == 0
    rep4 = json.loads(capsys.readouterr().out)                # a role: x4 (x2 twice here)
    assert rep4["model"] == "tiny_x2+tiny_x2" and rep4["scale"] == 4
    for r in (rep, rep4):
        assert all(np.isfinite(p["niqe_output"])
                   for p in r["datasets"]["photos"]["per_image"].values())


def test_no_reference_without_a_model_scores_the_images(photos, capsys, model_dirs) -> None:
    assert main(["eval", "--no-reference", "--json", str(photos)]) == 0
    rep = json.loads(capsys.readouterr().out)
    d = rep["datasets"]["photos"]
    assert rep["model"] is None and rep["scale"] is None
    assert all("niqe_output" not in p for p in d["per_image"].values())
    assert "niqe_output" not in d
    assert main(["eval", "--no-reference", "-m", "none", "--json", str(photos)]) == 0
    assert json.loads(capsys.readouterr().out) == rep
    assert main(["eval", "--no-reference", str(photos)]) == 0
    out = capsys.readouterr().out
    assert "the images as they are" in out and "output NIQE" not in out


def test_eval_argument_errors(photos, capsys, model_dirs) -> None:
    assert main(["eval", str(photos)]) == 1              # no model, no --no-reference
    assert "--no-reference" in capsys.readouterr().err
    assert main(["eval", "-m", "bicubic", str(photos)]) == 1
    assert "--scale" in capsys.readouterr().err
    assert main(["eval", "--no-reference", "-s", "2", str(photos)]) == 1
    assert "--scale needs a --model" in capsys.readouterr().err
    empty = photos.parent / "empty"
    empty.mkdir()
    assert main(["eval", "--no-reference", str(empty)]) == 1
    assert "no images" in capsys.readouterr().err
