"""End-to-end tests of the ``srstudio`` subcommands on generated files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from app.cli.main import main
from engine.resize import imresize
from tests.conftest import REPO, photo_like


def save(path: Path, arr: np.ndarray) -> Path:
    Image.fromarray(arr[..., 0] if arr.ndim == 3 and arr.shape[-1] == 1 else arr).save(path)
    return path


@pytest.fixture
def tiny_model(model_dirs):
    """A small fsrcnn_ps x2 weight file in the (temporary) shipped folder, role fast."""
    from engine.archs import build, count_params
    from engine.models.weights import save_weights

    shipped, _ = model_dirs
    torch.manual_seed(0)
    cfg = {"d": 8, "s": 4, "m": 1}
    net = build("fsrcnn_ps", 2, **cfg)
    meta = {"arch": "fsrcnn_ps", "scale": 2, "config": cfg, "num_channels": 1,
            "name": "tiny_x2", "role": "fast", "params": count_params(net),
            "metrics": {"Set5": {"psnr_y": 30.0}}}
    return save_weights(shipped / "tiny_x2.safetensors", net.state_dict(), meta)


def test_upscale_writes_good_files_and_reports_each_bad_one(tmp_path, capsys, model_dirs):
    src = tmp_path / "in"
    src.mkdir()
    good = save(src / "photo.png", photo_like(24, 31))
    one = save(src / "one.png", np.array([[[200, 10, 30]]], np.uint8))
    big = save(src / "big.png", photo_like(64, 64))
    png = (src / "photo.png").read_bytes()
    (src / "truncated.png").write_bytes(png[: len(png) // 2])
    (src / "empty.png").write_bytes(b"")
    (src / "notes.jpg").write_text("this is not a JPEG\n")
    out = tmp_path / "out"
    code = main(["upscale", str(src), "-o", str(out), "--model", "bicubic", "--scale", "2",
                 "--max-pixels", "2000", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    errors = [ln for ln in err.splitlines() if ln.startswith("error")]
    assert len(errors) == 4, err
    for name in ("truncated.png", "empty.png", "notes.jpg", "big.png"):
        assert sum(name in ln for ln in errors) == 1, (name, err)
    written = sorted(p.name for p in out.iterdir())
    assert written == ["one_x2_bicubic.png", "photo_x2_bicubic.png"]
    one_up = np.asarray(Image.open(out / "one_x2_bicubic.png"))
    assert one_up.shape == (2, 2, 3) and (one_up == [200, 10, 30]).all()
    photo_up = np.asarray(Image.open(out / "photo_x2_bicubic.png"))
    assert np.array_equal(photo_up, imresize(np.asarray(Image.open(good)), 2.0))
    assert not list(out.glob(".*")), "temporary files left behind"
    _ = (one, big)


def test_upscale_names_the_folder_images_it_cannot_read(tmp_path, capsys, model_dirs):
    src = tmp_path / "in"
    src.mkdir()
    save(src / "a.png", photo_like(8, 8))
    (src / "anim.gif").write_bytes(b"GIF89a")
    assert main(["upscale", str(src), "--model", "bicubic", "--scale", "2", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "warning skipped 1 GIF file(s) that SR Studio does not read (anim.gif)" in err
    assert (src / "a_x2_bicubic.png").is_file()


def test_upscale_never_overwrites_without_asking(tmp_path, capsys, model_dirs):
    p = save(tmp_path / "a.png", photo_like(10, 10))
    target = tmp_path / "a_x2_nearest.png"
    target.write_bytes(b"keep me")
    assert main(["upscale", str(p), "--model", "nearest", "--scale", "2", "--quiet"]) == 2
    assert target.read_bytes() == b"keep me"
    assert main(["upscale", str(p), "--model", "nearest", "--scale", "2", "--quiet",
                 "--overwrite"]) == 0
    assert target.read_bytes() != b"keep me"
    # an output path equal to the input is refused unless the user explicitly asks
    before = p.read_bytes()
    assert main(["upscale", str(p), "-o", str(p), "--model", "nearest", "--scale", "2",
                 "--quiet"]) == 2
    assert p.read_bytes() == before


def test_upscale_with_a_learned_model_tiled_equals_untiled(tmp_path, tiny_model):
    p = save(tmp_path / "x.png", photo_like(40, 52))
    assert main(["upscale", str(p), "-o", str(tmp_path / "t.png"), "--model", "fast",
                 "--scale", "2", "--tile", "16", "--quiet"]) == 0
    assert main(["upscale", str(p), "-o", str(tmp_path / "w.png"), "--model", "tiny_x2",
                 "--scale", "2", "--tile", "off", "--quiet"]) == 0
    t = np.asarray(Image.open(tmp_path / "t.png")).astype(int)
    w = np.asarray(Image.open(tmp_path / "w.png")).astype(int)
    assert t.shape == (80, 104, 3) and np.abs(t - w).max() <= 1


def test_upscale_without_scale_takes_the_models_own(tmp_path, tiny_model, capsys):
    """A x2 weight file (or model name) given without --scale runs at x2, as the GUI fixes
    the scale for such models; roles and resizers keep the default x4."""
    p = save(tmp_path / "x.png", photo_like(12, 16))
    copy = tmp_path / "mine.safetensors"
    copy.write_bytes(tiny_model.read_bytes())
    for model, out in ((str(copy), "f.png"), ("tiny_x2", "n.png"), ("bicubic", "b.png")):
        assert main(["upscale", str(p), "-o", str(tmp_path / out), "--model", model,
                     "--quiet"]) == 0, capsys.readouterr().err
    assert np.asarray(Image.open(tmp_path / "f.png")).shape == (24, 32, 3)
    assert np.asarray(Image.open(tmp_path / "n.png")).shape == (24, 32, 3)
    assert np.asarray(Image.open(tmp_path / "b.png")).shape == (48, 64, 3)
    # the role has only a x2 model: without --scale it is still asked for x4, which is
    # that model run twice; x3 it cannot make, and says so
    assert main(["upscale", str(p), "--model", "fast", "--quiet", "-o",
                 str(tmp_path / "r")]) == 0
    (twice,) = (tmp_path / "r").iterdir()
    assert twice.name == "x_x4_tiny_x2+tiny_x2.png"
    assert np.asarray(Image.open(twice)).shape == (48, 64, 3)
    assert main(["upscale", str(p), "--model", "fast", "-s", "3", "--quiet"]) == 1
    assert "no 'fast' model for x3 (available: x2)" in capsys.readouterr().err
    # an unreadable file is still reported by name, not hidden by the scale lookup
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"nope")
    assert main(["upscale", str(p), "--model", str(bad), "--quiet"]) == 1
    assert "bad.safetensors" in capsys.readouterr().err


def test_models_json_lists_weights_and_architectures(tiny_model, capsys):
    assert main(["models", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    m = {x["name"]: x for x in data["models"]}["tiny_x2"]
    assert m["role"] == "fast" and m["scale"] == 2 and m["parameters"] > 0
    assert m["metrics"]["Set5"]["psnr_y"] == 30.0
    names = {a["name"] for a in data["architectures"]}
    assert {"srcnn", "fsrcnn", "espcn", "vdsr", "drrn", "lapsrn", "edsr", "mdsr", "srresnet",
            "btsrn", "span", "srgan_discriminator"} <= names


def test_unknown_role_scale_is_a_clear_error(tiny_model, tmp_path, capsys):
    p = save(tmp_path / "x.png", photo_like(8, 8))
    assert main(["upscale", str(p), "--model", "fast", "--scale", "3", "--quiet"]) == 1
    assert "no 'fast' model for x3 (available: x2)" in capsys.readouterr().err
    # a role with no model at all says what there is instead
    assert main(["upscale", str(p), "--model", "quality", "--scale", "2", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "no 'quality' model is installed (installed: 'fast' models)" in err
    assert "--model auto" in err


def test_eval_json_on_a_generated_dataset(tmp_path, capsys, tiny_model):
    hr = tmp_path / "Mini" / "HR"
    hr.mkdir(parents=True)
    for i in range(2):
        save(hr / f"im{i}.png", photo_like(33, 41, seed=i))
    save(hr / "gray.png", photo_like(30, 30, channels=1, seed=5))
    mini = str(tmp_path / "Mini")
    assert main(["eval", "--model", "bicubic", "--scale", "2", "--json", mini]) == 0
    rep = json.loads(capsys.readouterr().out)
    d = rep["datasets"]["Mini"]
    assert rep["model"] == "bicubic" and rep["scale"] == 2 and d["images"] == 3
    assert 20 < d["psnr_y"] < 60 and 0 < d["ssim_y"] <= 1 and "psnr_rgb" in d
    assert main(["eval", "--model", "fast", "--scale", "2", "--json", str(tmp_path / "Mini")]) == 0
    rep2 = json.loads(capsys.readouterr().out)
    assert rep2["model"] == "tiny_x2" and rep2["bicubic"]["Mini"]["psnr_y"] == d["psnr_y"]


def test_console_script_runs_as_a_module():
    r = subprocess.run([sys.executable, "-m", "app.cli", "--help"], cwd=REPO,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "upscale" in r.stdout


def test_upscale_a_video_keeps_frames_and_audio(tmp_path, model_dirs):
    import av

    from engine.video.synthetic import make_test_clip

    clip = make_test_clip(tmp_path / "clip.mp4", frames=24, width=64, height=48, fps=24)
    out = tmp_path / "out.mp4"
    assert main(["upscale", str(clip), "-o", str(out), "--model", "bicubic", "--scale", "2",
                 "--quiet", "--preset", "ultrafast"]) == 0
    with av.open(str(out)) as c:
        v = c.streams.video[0]
        assert (v.codec_context.width, v.codec_context.height) == (128, 96)
        assert sum(1 for _ in c.decode(video=0)) == 24
    with av.open(str(out)) as c:
        assert len(c.streams.audio) == 1


def test_unknown_model_name_lists_what_is_known(tiny_model, tmp_path, capsys):
    p = save(tmp_path / "x.png", photo_like(8, 8))
    assert main(["upscale", str(p), "--model", "nosuchmodel", "--scale", "2", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "unknown model 'nosuchmodel'" in err and "tiny_x2" in err and "bicubic" in err


def test_models_are_listed_by_role_then_scale(model_dirs, capsys):
    """Quality and fast models come before the literature's reference models, in the CLI
    and in the GUI's model list alike (both read engine.models.list_models)."""
    from engine.archs import build, count_params
    from engine.models import list_models
    from engine.models.weights import save_weights

    shipped, user = model_dirs
    net = build("fsrcnn_ps", 2, d=8, s=4, m=1)
    for folder, name, role, scale in ((shipped, "aaa_ref", "reference", 2),
                                      (shipped, "fast_x4", "fast", 4),
                                      (shipped, "fast_x2", "fast", 2),
                                      (shipped, "zzz_quality", "quality", 2),
                                      (user, "mine", None, 2)):
        meta = {"arch": "fsrcnn_ps", "scale": scale, "config": {"d": 8, "s": 4, "m": 1},
                "num_channels": 1, "name": name, "role": role, "params": count_params(net)}
        save_weights(folder / f"{name}.safetensors",
                     build("fsrcnn_ps", scale, d=8, s=4, m=1).state_dict(),
                     {k: v for k, v in meta.items() if v is not None})
    assert [m.name for m in list_models()] == ["zzz_quality", "fast_x2", "fast_x4", "aaa_ref",
                                               "mine"]
    assert main(["models", "--json"]) == 0
    names = [m["name"] for m in json.loads(capsys.readouterr().out)["models"]]
    assert names == ["zzz_quality", "fast_x2", "fast_x4", "aaa_ref", "mine"]
