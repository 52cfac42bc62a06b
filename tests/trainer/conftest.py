"""Generated training data and tiny configs: every trainer test runs on the CPU in seconds."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

TINY_NET = "{d = 8, s = 4, m = 1}"  # fsrcnn_ps with ~1K parameters


def synth_image(h: int, w: int, seed: int) -> np.ndarray:
    """(h, w, 3) uint8: band-limited waves (which bicubic blurs and a small filter restores)
    over a flat colour, plus a soft edge."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.zeros((h, w, 3), np.float32) + rng.uniform(0.35, 0.65, 3)
    for _ in range(6):
        a, f, ph = rng.uniform(0, np.pi), rng.uniform(0.4, 1.1), rng.uniform(0, 6.3)
        wave = np.sin(f * (np.cos(a) * xx + np.sin(a) * yy) + ph)
        img += rng.uniform(0.02, 0.07) * wave[..., None] * rng.uniform(0.5, 1, 3)
    a = rng.uniform(0, np.pi)
    d = np.cos(a) * (xx - w / 2) + np.sin(a) * (yy - h / 2)
    img += 0.2 * np.tanh(d / 1.5)[..., None] * rng.uniform(-1, 1, 3)
    return (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)


def write_png(path: Path, rgb: np.ndarray) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    bgr = rgb[..., ::-1] if rgb.ndim == 3 else rgb
    assert cv2.imwrite(str(path), np.ascontiguousarray(bgr))
    return path


@pytest.fixture(scope="session")
def data_dirs(tmp_path_factory) -> dict[str, Path]:
    """train/ (6 HR images 64x64) and val/HR (2 images 48x48), shared by the session."""
    root = tmp_path_factory.mktemp("trainer_data")
    for i in range(6):
        write_png(root / "train" / f"img{i}.png", synth_image(64, 64, seed=i))
    for i in range(2):
        write_png(root / "val" / "HR" / f"v{i}.png", synth_image(48, 48, seed=100 + i))
    return {"train": root / "train", "val": root / "val"}


def tiny_overrides(data: dict[str, Path], out: Path, **extra: object) -> list[str]:
    """--set items for a fast CPU run of a tiny fsrcnn_ps at x2."""
    items = {
        "model.arch": "fsrcnn_ps", "model.scale": 2, "model.config": TINY_NET,
        "data.hr_dirs": str(data["train"]), "data.val_dir": str(data["val"]),
        "data.patch_size": 32, "data.batch_size": 8,
        "optim.lr": 3e-3, "optim.schedule": "constant",
        "run.steps": 40, "run.val_every": 20, "run.ckpt_every": 20, "run.log_every": 10,
        "run.threads": 1, "run.device": "cpu", "run.out_dir": str(out), "run.seed": 1,
    }
    items.update({k.replace("__", "."): v for k, v in extra.items()})
    return [f"{k}={v}" for k, v in items.items()]
