"""Make a degraded evaluation set: ``OUT/HR`` (modcropped) + ``OUT/LR_<preset>/X{s}``.

    python -m trainer.degraded_set SRC OUT --scale 4 --seed 0 [--preset real]

Each image is degraded whole with its own generator, seeded by ``(seed, crc32(stem))``, so
a set is reproducible image by image whatever else is in the folder.  ``srstudio eval OUT``
and a recipe's ``data.val_dir = OUT`` read the degraded LR files (see
engine.evaluation.benchmark_lr_dir).  Used for the photo models' validation set (held-out
training photos) and for the degraded Set14/BSD100 numbers in docs/MODELS.md.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from pathlib import Path

import numpy as np

from engine.io import iter_image_files, read_image
from engine.io.image import ImageData
from engine.io.writer import write_image
from engine.resize import modcrop
from trainer.data import to_rgb8
from trainer.degrade_config import DegradationConfig
from trainer.real_degrade import degrade_real

PRESETS = ("real",)


def make_degraded_set(src: Path, out: Path, scale: int, seed: int = 0,
                      preset: str = "real", limit: int | None = None) -> int:
    """Write the set; returns the number of images.  HR comes from ``src/HR`` if present."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r} (known: {', '.join(PRESETS)})")
    hr_src = src / "HR" if (src / "HR").is_dir() else src
    cfg = DegradationConfig(kind=preset).real
    hr_out, lr_out = out / "HR", out / f"LR_{preset}" / f"X{scale}"
    hr_out.mkdir(parents=True, exist_ok=True)
    lr_out.mkdir(parents=True, exist_ok=True)
    n = 0
    for path in sorted(iter_image_files([hr_src], recursive=False)):
        hr = modcrop(to_rgb8(read_image(path).pixels), scale)
        rng = np.random.default_rng([seed, zlib.crc32(path.stem.encode())])
        lr = degrade_real(np.ascontiguousarray(hr), scale, cfg, rng)
        write_image(hr_out / f"{path.stem}.png", ImageData(hr), overwrite=True)
        write_image(lr_out / f"{path.stem}x{scale}.png", ImageData(lr), overwrite=True)
        n += 1
        if limit is not None and n >= limit:
            break
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m trainer.degraded_set", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", type=Path, help="a folder of HR images (or a benchmark's root)")
    ap.add_argument("out", type=Path)
    ap.add_argument("--scale", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--preset", default="real", choices=PRESETS)
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args(argv)
    n = make_degraded_set(a.src, a.out, a.scale, a.seed, a.preset, a.limit)
    print(f"wrote {n} image(s) to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
