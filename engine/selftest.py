"""``srstudio selftest``: does this install work?  Every shipped model on every backend and
device found, every image format round-tripped, a short video with audio.

Each check runs the product's own paths (a :class:`~engine.jobs.request.Request` through
``plan_job`` / ``run_plan``, the image reader and writer, the video job), on generated
inputs in a temporary folder, so a frozen build can run it where it is installed.  The
result is a list of :class:`Check` rows; the caller prints them and exits non-zero when
any failed.
"""

from __future__ import annotations

import importlib.util
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.errors import SRStudioError
from engine.events import CancelToken
from engine.io import read_image, write_image
from engine.io.image import ImageData

SANITY_PSNR_DB = 20.0
"""An upscaled test card must be within this much of its bicubic upscale: a network that
runs but outputs garbage (NaN weights, a broken export) falls far below it."""


@dataclass(frozen=True)
class Check:
    area: str          # 'model', 'format', 'video'
    name: str          # what was checked, e.g. 'fast_x2 torch cpu'
    ok: bool
    detail: str        # the output size and time, or the one-line error
    seconds: float


def test_card(h: int = 48, w: int = 64) -> np.ndarray:
    """A deterministic RGB picture with gradients, edges and fine stripes."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.stack([xx / (w - 1) * 255, yy / (h - 1) * 255,
                    128 + 100 * np.sin(xx / 3.0) * np.cos(yy / 5.0)], axis=-1)
    img[h // 4: h // 2, w // 4: w // 2] = (230, 40, 40)
    return np.clip(img + 0.5, 0, 255).astype(np.uint8)


def backends() -> list[str]:
    """The inference backends this install has."""
    from engine.models.builds import torch_available
    found = []
    if torch_available():   # not in the lean build
        found.append("torch")
    if importlib.util.find_spec("onnxruntime") is not None:
        found.append("onnx")
    return found


def devices() -> list[str]:
    try:
        from engine.devices import available_devices
    except ImportError:        # a lean build without torch: ONNX Runtime picks its own
        return ["auto"]
    return available_devices()


@contextmanager
def _timed(rows: list[Check], area: str, name: str) -> Iterator[list[str]]:
    """Run a block as one check: it appends its detail to the yielded list; an error
    (one line) or an AssertionError makes the row a failure."""
    detail: list[str] = []
    t0 = time.perf_counter()
    try:
        yield detail
        rows.append(Check(area, name, True, ", ".join(detail), time.perf_counter() - t0))
    except (SRStudioError, OSError, AssertionError, ValueError, RuntimeError) as e:
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        rows.append(Check(area, name, False, msg, time.perf_counter() - t0))


def _psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return 99.0 if mse == 0 else 10 * np.log10(255.0 ** 2 / mse)


def check_models(work: Path, rows: list[Check], cancel: CancelToken | None) -> None:
    from engine.jobs.plan import plan_job
    from engine.jobs.request import Request
    from engine.jobs.run import run_plan
    from engine.models.registry import list_models
    from engine.resize import imresize
    card = test_card()
    src = work / "card.png"
    write_image(src, ImageData(card), overwrite=True)
    models = [m for m in list_models(include_user=False) if m.role != "colorize"]
    for m in models:
        for backend in backends():
            for device in devices():
                if cancel is not None and cancel.cancelled:
                    return
                if backend == "onnx" and device not in ("cpu", "auto"):
                    continue   # ONNX Runtime chooses its GPU provider itself
                name = f"{m.name} {backend} {device}"
                with _timed(rows, "model", name) as detail:
                    out = work / "models" / f"{m.name}_{backend}_{device.replace(':', '')}"
                    req = Request(model=str(m.path), scale=m.scale, backend=backend,
                                  device=device, precision="fp32" if backend == "onnx"
                                  else "auto", output=str(out), overwrite=True)
                    batch = run_plan(plan_job([src], req), cancel=cancel)
                    (r,) = batch.files
                    if not r.ok:
                        raise AssertionError(r.error)
                    assert r.output is not None
                    sr = read_image(r.output).pixels
                    ref = imresize(card, float(m.scale))
                    assert sr.shape == ref.shape, f"output {sr.shape}, expected {ref.shape}"
                    p = _psnr(sr, ref)
                    assert p >= SANITY_PSNR_DB, f"output is {p:.1f} dB from bicubic (garbage?)"
                    detail.append(f"{sr.shape[1]}x{sr.shape[0]}, {p:.1f} dB vs bicubic")


FORMATS: tuple[tuple[str, str, bool], ...] = (
    # (suffix, label, lossless)
    (".png", "PNG 8-bit", True), (".png", "PNG 16-bit", True), (".png", "PNG + alpha", True),
    (".jpg", "JPEG", False), (".webp", "WebP", False), (".tif", "TIFF 8-bit", True),
    (".tif", "TIFF 16-bit", True), (".bmp", "BMP", True),
)


def check_formats(work: Path, rows: list[Check]) -> None:
    card = test_card()
    for suffix, label, lossless in FORMATS:
        with _timed(rows, "format", label) as detail:
            pixels: np.ndarray = card
            alpha = None
            if "16-bit" in label:
                pixels = card.astype(np.uint16) * 257
            if "alpha" in label:
                alpha = np.tile(np.linspace(0, 255, card.shape[1], dtype=np.uint8),
                                (card.shape[0], 1))
            path = work / "formats" / f"{label.replace(' ', '_').replace('+', '')}{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_image(path, ImageData(pixels, alpha), quality=95, overwrite=True)
            back = read_image(path)
            assert back.pixels.shape == pixels.shape, f"read back {back.pixels.shape}"
            assert back.pixels.dtype == pixels.dtype, f"read back {back.pixels.dtype}"
            if lossless:
                assert np.array_equal(back.pixels, pixels), "pixels changed"
                if alpha is not None:
                    assert back.alpha is not None and np.array_equal(back.alpha, alpha), \
                        "alpha changed"
                detail.append("identical")
            else:
                p = _psnr(back.pixels, pixels)
                assert p > 30, f"{p:.1f} dB after a quality-95 round trip"
                detail.append(f"{p:.1f} dB")


def check_video(work: Path, rows: list[Check], cancel: CancelToken | None) -> None:
    with _timed(rows, "video", "10 frames + audio, bicubic x2 (H.264)") as detail:
        from engine.jobs.plan import plan_job
        from engine.jobs.request import Request
        from engine.jobs.run import run_plan
        from engine.video.probe import probe_video
        from engine.video.synthetic import make_test_clip
        clip = make_test_clip(work / "clip.mp4", frames=10, width=64, height=48, audio=True)
        req = Request(model="bicubic", scale=2, output=str(work / "video"), overwrite=True)
        (r,) = run_plan(plan_job([clip], req), cancel=cancel).files
        if not r.ok:
            raise AssertionError(r.error)
        assert r.output is not None
        info = probe_video(r.output, scan=True)
        assert (info.width, info.height) == (128, 96), f"{info.width}x{info.height}"
        assert info.frames == 10, f"{info.frames} frames"
        assert info.audio, "the audio track was lost"
        detail.append(f"{info.width}x{info.height}, {info.frames} frames, audio kept")


def run_selftest(*, models: bool = True, formats: bool = True, video: bool = True,
                 cancel: CancelToken | None = None,
                 on_check: Callable[[Check], None] | None = None) -> list[Check]:
    """Run the checks in a temporary folder (removed after); ``on_check`` sees each row
    as it is done."""
    rows: list[Check] = []

    class _Rows(list[Check]):
        def append(self, item: Check) -> None:
            super().append(item)
            if on_check is not None:
                on_check(item)

    live = _Rows()
    with tempfile.TemporaryDirectory(prefix="srstudio-selftest-") as tmp:
        work = Path(tmp)
        if formats:
            check_formats(work, live)
        if models:
            check_models(work, live, cancel)
        if video:
            check_video(work, live, cancel)
    rows.extend(live)
    return rows
