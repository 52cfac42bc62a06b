"""`srstudio upscale` through the engine's request/plan/run: auto by content, resume, dedupe."""

from __future__ import annotations

import numpy as np
from PIL import Image

from app.cli.main import main
from tests.conftest import save_tiny_model
from tests.engine.test_content_auto import _jpeg_bytes, _scene


def test_auto_says_which_model_each_picture_gets_and_why(tmp_path, capsys, model_dirs):
    shipped, _ = model_dirs
    save_tiny_model(shipped, "q_x2", role="quality")
    save_tiny_model(shipped, "photo_x2", role="photo", seed=1)
    Image.fromarray(_scene()).save(tmp_path / "clean.png")
    (tmp_path / "web.jpg").write_bytes(_jpeg_bytes(_scene(), 50))
    out = tmp_path / "out"
    code = main(["upscale", str(tmp_path / "clean.png"), str(tmp_path / "web.jpg"), "-o",
                 str(out), "-s", "2"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["clean_x2_q_x2.png", "web_x2_photo_x2.jpg"]
    line = next(ln for ln in err.splitlines() if "web.jpg" in ln and ln.startswith("ok"))
    assert "Auto → photo_x2 (JPEG, quality ≈ 5" in line
    line = next(ln for ln in err.splitlines() if "clean.png" in ln and ln.startswith("ok"))
    assert "Auto → q_x2 (clean)" in line
    assert Image.open(out / "web_x2_photo_x2.jpg").size == (512, 384)


def test_an_interrupted_batch_continues_with_skip_existing(tmp_path, capsys, model_dirs):
    src = tmp_path / "in"
    src.mkdir()
    for k in range(3):
        Image.fromarray(np.full((8, 8, 3), 40 * k, np.uint8)).save(src / f"{k}.png")
    out = tmp_path / "out"
    assert main(["upscale", str(src / "0.png"), "-o", str(out), "-m", "nearest", "-s", "2",
                 "--quiet"]) == 0
    capsys.readouterr()
    # without the flag, the finished file is refused (and nothing is replaced)
    assert main(["upscale", str(src), "-o", str(out), "-m", "nearest", "-s", "2",
                 "--quiet"]) == 2
    assert "already exists" in capsys.readouterr().err
    (out / "1_x2_nearest.png").unlink()
    (out / "2_x2_nearest.png").unlink()
    before = (out / "0_x2_nearest.png").stat().st_mtime_ns
    assert main(["upscale", str(src), "-o", str(out), "-m", "nearest", "-s", "2",
                 "--skip-existing"]) == 0
    err = capsys.readouterr().err
    assert "skip" in err and "already done" in err and "2 written, 0 failed, 1 skipped" in err
    assert (out / "0_x2_nearest.png").stat().st_mtime_ns == before
    assert sorted(p.name for p in out.iterdir()) == [f"{k}_x2_nearest.png" for k in range(3)]


def test_the_same_file_given_twice_runs_once(tmp_path, capsys, model_dirs):
    p = tmp_path / "a.png"
    Image.fromarray(np.zeros((8, 8, 3), np.uint8)).save(p)
    code = main(["upscale", str(p), str(tmp_path), str(p), "-m", "nearest", "-s", "2",
                 "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "given more than once" in err and "1 written, 0 failed" in err
    assert [q.name for q in (tmp_path / "o").iterdir()] == ["a_x2_nearest.png"]
