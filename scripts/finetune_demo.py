#!/usr/bin/env python3
"""Fine-tuning demonstration for docs/MODELS.md (issue: trainer).

Takes the first 20 images of ../shared/data/train/BSD200 (or --source, sorted by name),
holds out the last 5, fine-tunes the shipped fast x2 model on the other 15 with
`srstudio train recipes/finetune_fast_x2.toml`, and prints the held-out Y-PSNR before and
after (both measured by `srstudio eval --json`, the after on the run's final weights) and
the wall time of the training run.  The shipped fast x2 recipe leaves these 20 BSD200
images out of its training data (recipes/lists/bsd200_minus_demo.txt), so the model has
never seen them.

``--degradation camera`` is the case fine-tuning is for: the user's pictures are not clean
bicubic downscales but softer, slightly noisy JPEGs ("phone camera": Gaussian blur sigma
0.6-1.2 HR px, noise sigma 1-4 levels, JPEG quality 70-90).  The run fine-tunes with the
trainer's degradation pipeline set to that profile, and the held-out LR images are made
once by the same pipeline (seeded per image) and scored as a paired HR/LR folder.

``--degradation real`` is the same with the ``real`` preset (the photo models' second-order
blur/resize/noise/JPEG chain); its held-out LR images come from ``trainer.degraded_set``
(seed 0), as the photo models' validation sets do.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TRAIN = REPO.parent / "shared" / "data" / "train"


CAMERA = {"blur_sigma": [0.6, 1.2], "noise_sigma": [1.0, 4.0], "jpeg_quality": [70, 90]}


def camera_overrides() -> list[str]:
    """``srstudio train --set`` items selecting the CAMERA degradation profile."""
    out = ["--set", "data.degradation.kind=pipeline"]
    for key, value in CAMERA.items():
        out += ["--set", f"data.degradation.{key}={json.dumps(value)}"]
    return out


def write_camera_holdout(files: list[Path], folder: Path) -> None:
    """``folder/HR`` (the modcropped originals) and ``folder/LR_bicubic/X2`` (one seeded
    CAMERA draw each): the paired layout `srstudio eval` scores as it is."""
    sys.path.insert(0, str(REPO))
    import numpy as np
    from PIL import Image

    from engine.resize import modcrop
    from trainer.data import read_rgb8
    from trainer.degrade import degrade
    from trainer.degrade_config import DegradationConfig
    cfg = DegradationConfig(kind="pipeline", **CAMERA)
    (folder / "HR").mkdir(parents=True)
    (folder / "LR_bicubic" / "X2").mkdir(parents=True)
    for i, f in enumerate(files):
        hr = modcrop(read_rgb8(f), 2)
        Image.fromarray(hr).save(folder / "HR" / f"{f.stem}.png")
        lr = degrade(hr, 2, cfg, np.random.default_rng(1000 + i))
        Image.fromarray(lr).save(folder / "LR_bicubic" / "X2" / f"{f.stem}x2.png")


def write_real_holdout(files: list[Path], folder: Path) -> None:
    """``folder/HR`` + ``folder/LR_real/X2``: the ``real`` preset, seed 0 per image."""
    sys.path.insert(0, str(REPO))
    from trainer.degraded_set import make_degraded_set
    src = folder.parent / "holdout_src"
    src.mkdir(parents=True)
    for f in files:
        (src / f.name).symlink_to(f)
    make_degraded_set(src, folder, 2, seed=0)


def cli(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=REPO, check=True,
                          capture_output=True, text=True).stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--source", default="BSD200", help="folder under ../shared/data/train")
    ap.add_argument("--lr", default=None, help="override optim.lr of the recipe")
    ap.add_argument("--base", default="fast",
                    help="weights to fine-tune (default: the shipped fast x2); a file to try "
                         "a candidate before shipping it")
    ap.add_argument("--threads", type=int, default=None, help="override run.threads")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="further recipe overrides, passed to srstudio train")
    ap.add_argument("--degradation", choices=("bicubic", "camera", "real"), default="bicubic",
                    help="how the LR images are made (see above)")
    ap.add_argument("--tag", default=None,
                    help="suffix of the run folder and the JSON file (default: the "
                         "degradation, none for bicubic)")
    args = ap.parse_args()
    if args.tag is None:
        args.tag = "" if args.degradation == "bicubic" else args.degradation
    suffix = f"_{args.tag}" if args.tag else ""
    WORK = REPO / "runs" / f"finetune_demo{suffix}"
    files = sorted(p for p in (TRAIN / args.source).iterdir()
                   if p.suffix.lower() in (".png", ".jpg"))[:20]
    if len(files) < 20:
        sys.exit(f"needs 20 images in ../shared/data/train/{args.source}")
    shutil.rmtree(WORK, ignore_errors=True)
    train_dir = WORK / "data" / "train"
    train_dir.mkdir(parents=True)
    for f in files[:15]:
        (train_dir / f.name).symlink_to(f)
    if args.degradation == "camera":
        write_camera_holdout(files[15:], WORK / "data" / "holdout")
    elif args.degradation == "real":
        write_real_holdout(files[15:], WORK / "data" / "holdout")
    else:
        (WORK / "data" / "holdout").mkdir(parents=True)
        for f in files[15:]:
            (WORK / "data" / "holdout" / f.name).symlink_to(f)
    holdout = str(WORK / "data" / "holdout")
    before = json.loads(cli("eval", "--model", args.base, "--scale", "2", "--json", holdout))
    t0 = time.perf_counter()
    extra = ["--set", f"optim.lr={args.lr}"] if args.lr else []
    extra += ["--set", f'data.hr_dirs=["{train_dir}"]', "--set", f"data.val_dir={train_dir}"]
    if args.degradation == "camera":
        extra += camera_overrides()
    elif args.degradation == "real":
        extra += ["--set", "data.degradation.kind=real"]
    if args.base != "fast":
        extra += ["--set", f"model.init_from={Path(args.base).resolve()}"]
    if args.threads:
        extra += ["--set", f"run.threads={args.threads}"]
    for item in args.set:
        extra += ["--set", item]
    subprocess.run([sys.executable, "-m", "app.cli", "train", "recipes/finetune_fast_x2.toml",
                    "--out", str(WORK / "run"), "--quiet", *extra], cwd=REPO, check=True)
    wall = time.perf_counter() - t0
    # the final weights, not the run's "best": best is chosen on the validation folder,
    # and picking by the held-out images would flatter the result
    after = json.loads(cli("eval", "--model", str(WORK / "run" / "final.safetensors"),
                           "--scale", "2", "--json", holdout))
    b, a = before["datasets"]["holdout"], after["datasets"]["holdout"]
    result = {"source": args.source, "lr": args.lr or "2e-4", "base": args.base,
              "overrides": args.set, "degradation": args.degradation,
              "train_images": [f.name for f in files[:15]],
              "holdout_images": [f.name for f in files[15:]],
              "before": b, "after": a, "bicubic": before["bicubic"]["holdout"],
              "gain_db": round(a["psnr_y"] - b["psnr_y"], 3), "wall_s": round(wall, 1)}
    text = json.dumps(result, indent=1)
    (REPO / "docs" / f"finetune_demo_{args.source}{suffix}.json").write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
