"""Shared fixtures: generated images (tests never need ../shared), isolated model folders."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# backend 'auto' by the listing rule, not by a timing a loaded CI machine would make
# (tests/engine/test_backend_probe.py measures it on purpose)
os.environ.setdefault("SRSTUDIO_BACKEND_PROBE", "off")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SRSTUDIO_SHARED_DATA", REPO.parent / "shared" / "data"))
needs_shared = pytest.mark.skipif(not (SHARED / "benchmark").is_dir(),
                                  reason="shared benchmark data not present")


def load_pixels(path: Path) -> np.ndarray:
    """An image file as uint8 (H, W) or (H, W, 3), exactly as stored (no colour management)."""
    from PIL import Image

    with Image.open(path) as im:
        if im.mode not in ("L", "RGB"):
            im = im.convert("RGB")
        return np.asarray(im).copy()


def photo_like(h: int, w: int, channels: int = 3, seed: int = 0) -> np.ndarray:
    """A smooth image with edges and texture, uint8 (H, W, C), deterministic."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.zeros((h, w, channels), np.float32)
    for c in range(channels):
        f = rng.uniform(0.02, 0.3, size=4)
        img[..., c] = (0.5 + 0.2 * np.sin(xx * f[0] + yy * f[1] + c)
                       + 0.15 * np.cos(xx * f[2] - yy * f[3])
                       + 0.15 * ((xx + 2 * yy + 7 * c) % 23 < 11))
    img += rng.normal(0, 0.02, img.shape).astype(np.float32)
    return (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)


TINY_FSRCNN = {"d": 8, "s": 4, "m": 1, "num_channels": 1}   # 748 parameters


def save_tiny_model(folder: Path, name: str = "tiny_x2", scale: int = 2, *,
                    arch: str = "fsrcnn_ps", config: dict | None = None, seed: int = 0,
                    role: str | None = "fast", metrics: dict | None = None) -> Path:
    """A weight file of a small randomly initialised network (tests check plumbing, not
    quality), with the header the registry reads."""
    import torch

    from engine.archs import build
    from engine.archs.registry import count_params, get_arch
    from engine.models.weights import save_weights
    cfg = dict(TINY_FSRCNN if config is None else config)
    torch.manual_seed(seed)
    module = build(arch, scale, **cfg)
    channels = int({**get_arch(arch).default_config, **cfg}.get("num_channels", 3))
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"arch": arch, "scale": scale, "config": cfg, "num_channels": channels,
            "name": name, "role": role, "params": count_params(module),
            "metrics": metrics or {}}
    return save_weights(folder / f"{name}.safetensors", module.state_dict(),
                        {k: v for k, v in meta.items() if v is not None})


@pytest.fixture
def shared_data() -> Path:
    if not (SHARED / "benchmark").is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED


@pytest.fixture
def model_dirs(tmp_path, monkeypatch):
    """Empty shipped and user model folders, so tests never depend on shipped weights."""
    shipped, user = tmp_path / "shipped", tmp_path / "user"
    shipped.mkdir()
    user.mkdir()
    monkeypatch.setenv("SRSTUDIO_MODELS_DIR", str(shipped))
    monkeypatch.setenv("SRSTUDIO_USER_MODELS_DIR", str(user))
    return shipped, user


class FakeUpscalerBase:
    """The memory side of the Upscaler protocol for test doubles: plenty of memory, no
    out-of-memory errors; subclasses set the attributes and define ``__call__``."""

    def bytes_per_input_pixel(self) -> float:
        return 64.0

    def free_memory(self) -> int:
        return 1 << 30

    def release_memory(self) -> None:
        pass

    def is_oom(self, err: BaseException) -> bool:
        return False
