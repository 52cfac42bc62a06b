"""GUI test fixtures: offscreen Qt, isolated settings, model folders and a tiny model."""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from tests.conftest import FakeUpscalerBase, save_tiny_model  # noqa: E402


def make_tiny_model(folder: Path, name: str = "tiny_x2", scale: int = 2) -> Path:
    """A 748-parameter fsrcnn_ps weight file (random weights: only plumbing is tested)."""
    return save_tiny_model(folder, name, scale, metrics={"Set5": {"psnr_y": 30.5}})


def photo(width: int, height: int, seed: int = 0) -> np.ndarray:
    """A smooth, photo-like RGB test image (gradients + blobs + a little noise)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    img = np.stack([x / max(1, width - 1), y / max(1, height - 1),
                    0.5 + 0.5 * np.sin(x / 5.0) * np.cos(y / 7.0)], axis=-1)
    for _ in range(4):
        cx, cy, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(4, 12)
        img += 0.4 * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))[..., None]
    img += rng.normal(0, 0.02, img.shape)
    return (np.clip(img / img.max(), 0, 1) * 255).astype(np.uint8)


def save_png(path: Path, width: int = 40, height: int = 32, seed: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(photo(width, height, seed)).save(path)
    return path


class SlowUpscaler(FakeUpscalerBase):
    """Nearest-neighbour upscaler that sleeps per tile, so a job can be cancelled midway."""

    def __init__(self, scale: int) -> None:
        from engine.inference import ClassicalUpscaler
        self._inner = ClassicalUpscaler("nearest", scale)
        self.name, self.scale = "slow", scale
        self.context, self.size_multiple, self.batch_size = 1, 1, 1

    def __call__(self, tiles: np.ndarray) -> np.ndarray:
        time.sleep(0.03)
        return self._inner(tiles)


@pytest.fixture(scope="session")
def shipped_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shipped_models")
    make_tiny_model(folder)
    return folder


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped_models: Path) -> Path:
    """Every test gets its own settings file, user-model folder and data folder."""
    monkeypatch.setenv("SRSTUDIO_MODELS_DIR", str(shipped_models))
    monkeypatch.setenv("SRSTUDIO_USER_MODELS_DIR", str(tmp_path / "user_models"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg_data"))
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    return tmp_path


@pytest.fixture
def window(qtbot, isolated: Path):
    from app.gui.main_window import MainWindow
    from app.gui.settings_store import SettingsStore
    w = MainWindow(SettingsStore())
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitUntil(lambda: w.catalog.models_loaded, timeout=30000)
    yield w
    w.close()


def wait_finished(qtbot, window, timeout: int = 30000) -> None:
    from app.gui.queue_state import FINISHED
    qtbot.waitUntil(lambda: all(it.status in FINISHED for it in window.queue.items)
                    and window.queue_ctl.upscale_worker is None, timeout=timeout)
