"""Training images: find them, decode them once, and cut random aligned LR/HR patches.

Bad inputs never stop a run: non-images, unreadable files and images smaller than the
patch are skipped with a :class:`~engine.events.Warning_` event.  Images are kept in RAM
as uint8 when they fit; otherwise they are read again for every patch (with the bicubic
LR computed from a window, which gives the same pixels).  All randomness comes from one
``numpy.random.Generator`` whose state is saved in checkpoints, and batches are built in
the calling thread, so a resumed run sees exactly the batches it would have seen.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from engine.color import rgb_to_y
from engine.devices import available_ram_bytes
from engine.errors import ImageReadError
from engine.events import Progress, ProgressCallback, Started, Warning_, emit
from engine.io import from_float32, iter_image_files, probe_image, read_image, to_float32
from engine.io.formats import is_supported_image
from engine.resize import modcrop
from trainer.config import DataConfig
from trainer.degrade import bicubic_lr, bicubic_lr_patch, degrade, random_warp
from trainer.real_degrade import degrade_real


@dataclass
class Source:
    """One training image: its HR file, its paired LR file (if any) and LR-grid size."""

    hr_path: Path
    lr_path: Path | None
    lr_h: int
    lr_w: int


def to_rgb8(pixels: np.ndarray) -> np.ndarray:
    """(H, W, 1|3) uint8/uint16 -> (H, W, 3) uint8 (gray is repeated, 16-bit rounded)."""
    if pixels.dtype != np.uint8:
        pixels = from_float32(to_float32(pixels), np.uint8)
    if pixels.ndim == 2:
        pixels = pixels[..., None]
    if pixels.shape[-1] == 1:
        pixels = np.repeat(pixels, 3, axis=-1)
    return np.ascontiguousarray(pixels[..., :3])


def read_rgb8(path: Path) -> np.ndarray:
    return to_rgb8(read_image(path).pixels)


# --- finding images ---------------------------------------------------------------------
def _list_file(path: str) -> list[Path]:
    """Lines of an images list; relative lines are relative to the list's folder."""
    base = Path(path).parent
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            p = Path(line).expanduser()
            out.append(p if p.is_absolute() else base / p)
    return out


def _other_files(dirs: list[str]) -> list[Path]:
    """Visible files under ``dirs`` that are not images (to tell the user they are ignored)."""
    out = []
    for d in dirs:
        for root, sub, files in os.walk(d):
            sub[:] = [s for s in sub if not s.startswith(".")]
            out += [Path(root, f) for f in files
                    if not f.startswith(".") and not is_supported_image(f)]
    return out


def _paired(hr_dir: str, lr_dir: str, scale: int, warn: Callable[[str], None]
            ) -> list[tuple[Path, Path]]:
    suffix = re.compile(rf"(?i)x{scale}$")
    lr_by_stem: dict[str, Path] = {}
    for p in iter_image_files([lr_dir]):
        lr_by_stem.setdefault(suffix.sub("", p.stem), p)
    pairs, missing = [], []
    for p in iter_image_files([hr_dir]):
        lr = lr_by_stem.get(p.stem) or lr_by_stem.get(suffix.sub("", p.stem))
        (pairs.append((p, lr)) if lr else missing.append(p.name))
    if missing:
        warn(f"{len(missing)} HR image(s) in {hr_dir} have no LR partner in {lr_dir} and are "
             f"skipped (e.g. {missing[0]})")
    return pairs


def find_sources(cfg: DataConfig, scale: int, progress: ProgressCallback | None = None
                 ) -> list[Source]:
    """Every usable training image with its LR-grid size, read from file headers only."""
    def warn(msg: str) -> None:
        emit(progress, Warning_(msg))

    others = _other_files(cfg.hr_dirs)
    if others:
        warn(f"skipped {len(others)} non-image file(s) in the training folders "
             f"(e.g. {others[0].name})")
    if cfg.lr_dirs is not None:
        pairs: list[tuple[Path, Path | None]] = []
        for hr_dir, lr_dir in zip(cfg.hr_dirs, cfg.lr_dirs, strict=True):
            pairs += _paired(hr_dir, lr_dir, scale, warn)
    else:
        paths = list(iter_image_files(cfg.hr_dirs, recursive=True))
        if cfg.images_list is not None:
            paths += _list_file(cfg.images_list)
        pairs = [(p, None) for p in paths]
    lr_patch = cfg.patch_size // scale
    sources, small = [], []
    for hr_path, lr_path in pairs:
        if cfg.max_images is not None and len(sources) >= cfg.max_images:
            break
        try:
            w, h, _ = probe_image(hr_path)
            lh, lw = h // scale, w // scale
            if lr_path is not None:
                lw2, lh2, _ = probe_image(lr_path)
                if lh2 > lh or lw2 > lw:
                    warn(f"skipped {lr_path.name}: LR {lw2}x{lh2} is larger than "
                         f"{hr_path.name} / {scale}")
                    continue
                lh, lw = lh2, lw2
        except ImageReadError as e:
            warn(f"skipped {hr_path.name}: {e}")
            continue
        if lh < lr_patch or lw < lr_patch:
            small.append(hr_path.name)
            continue
        sources.append(Source(hr_path, lr_path, lh, lw))
    if small:
        warn(f"skipped {len(small)} image(s) smaller than the {cfg.patch_size} px patch "
             f"(e.g. {small[0]})")
    return sources


# --- the image store ----------------------------------------------------------------------
class ImageStore:
    """Decoded images (uint8 RGB) with their LR, in RAM or read on demand."""

    def __init__(self, sources: list[Source], scale: int, make_lr: bool, cached: bool) -> None:
        self.sources = sources
        self.scale = scale
        self.make_lr = make_lr  # False for the on-the-fly pipeline (no LR stored)
        self.cached = cached
        self.hr: list[np.ndarray | None] = [None] * len(sources)
        self.lr: list[np.ndarray | None] = [None] * len(sources)

    def decode(self, i: int) -> tuple[np.ndarray, np.ndarray | None]:
        """(HR cropped to LR-grid * s, LR or None); raises ImageReadError."""
        src, s = self.sources[i], self.scale
        hr = read_rgb8(src.hr_path)
        if src.lr_path is not None:
            lr = read_rgb8(src.lr_path)
            return np.ascontiguousarray(hr[:lr.shape[0] * s, :lr.shape[1] * s]), lr
        hr = np.ascontiguousarray(modcrop(hr, s))
        return hr, (bicubic_lr(hr, s) if self.make_lr and self.cached else None)

    def load_all(self, threads: int, progress: ProgressCallback | None) -> list[int]:
        """Decode every image (ordered, in ``threads`` threads); returns indices that failed."""
        emit(progress, Started("load images", len(self.sources)))
        failed = []

        def one(i: int) -> tuple[int, Any]:
            try:
                return i, self.decode(i)
            except ImageReadError as e:
                return i, e

        with ThreadPoolExecutor(max_workers=threads) as pool:
            for done, (i, res) in enumerate(pool.map(one, range(len(self.sources))), 1):
                if isinstance(res, ImageReadError):
                    emit(progress, Warning_(f"skipped {self.sources[i].hr_path.name}: {res}"))
                    failed.append(i)
                else:
                    self.hr[i], self.lr[i] = res
                emit(progress, Progress(done, len(self.sources), detail="loading images"))
        return failed

    def patch(self, i: int, y: int, x: int, size: int) -> tuple[np.ndarray | None, np.ndarray]:
        """(LR patch or None, HR patch) with the LR patch at (y, x) on the LR grid."""
        s = self.scale
        if self.cached:
            hr, lr = self.hr[i], self.lr[i]
        else:
            hr, lr = self.decode(i)
            if lr is None and self.make_lr:
                return bicubic_lr_patch(hr, s, y, x, size)
        hr_p = hr[y * s:(y + size) * s, x * s:(x + size) * s]
        return (None if lr is None else lr[y:y + size, x:x + size]), hr_p

    def hr_window(self, i: int, cy: int, cx: int, size: int) -> np.ndarray:
        """An HR window of side ``size`` around (cy, cx), clipped to the image."""
        hr = self.hr[i] if self.cached else self.decode(i)[0]
        y0 = max(0, min(cy - size // 2, hr.shape[0] - size))
        x0 = max(0, min(cx - size // 2, hr.shape[1] - size))
        return hr[y0:y0 + size, x0:x0 + size]


def estimate_bytes(sources: list[Source], scale: int, with_lr: bool) -> int:
    hr = sum(s.lr_h * s.lr_w * scale * scale * 3 for s in sources)
    return hr + (hr // (scale * scale) if with_lr else 0)


def should_cache(cfg: DataConfig, nbytes: int) -> bool:
    if cfg.cache_in_ram != "auto":
        return bool(cfg.cache_in_ram)
    return nbytes < cfg.cache_limit_gb * 1e9 and nbytes < 0.5 * available_ram_bytes()


# --- batches ------------------------------------------------------------------------------
class _Unreadable(Exception):
    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.message, self.index = message, index


class PatchSampler:
    """Yields (lr, hr) float batches (N, C, h, w) in [0, 1]; C = 1 gives BT.601 Y as
    inference computes it.  Images are drawn with probability proportional to pixel count."""

    def __init__(self, store: ImageStore, cfg: DataConfig, num_channels: int, seed: int,
                 progress: ProgressCallback | None = None) -> None:
        self.store, self.cfg = store, cfg
        self.num_channels = num_channels
        self.lr_patch = cfg.patch_size // store.scale
        self.rng = np.random.default_rng(seed)
        self.dropped: set[int] = set()
        self.progress = progress
        self._update_weights()

    def _update_weights(self) -> None:
        area = np.array([s.lr_h * s.lr_w for s in self.store.sources], dtype=np.float64)
        area[list(self.dropped)] = 0
        if area.sum() <= 0:
            raise ImageReadError("no readable training image is left")
        self.weights = area / area.sum()

    def drop(self, indices: list[int]) -> None:
        self.dropped.update(indices)
        self._update_weights()

    def state_dict(self) -> dict[str, Any]:
        return {"rng": self.rng.bit_generator.state, "dropped": sorted(self.dropped)}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.rng.bit_generator.state = state["rng"]
        self.dropped = set(state.get("dropped", []))
        self._update_weights()

    def __iter__(self) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        while True:
            yield self.next_batch()

    def next_batch(self) -> tuple[torch.Tensor, torch.Tensor]:
        while True:
            try:
                lr, hr = self._draw()
                break
            except _Unreadable as e:  # streaming mode: a file went bad mid-run
                emit(self.progress, Warning_(e.message))
                self.drop([e.index])
        return self._to_tensor(lr), self._to_tensor(hr)

    def _draw(self) -> tuple[np.ndarray, np.ndarray]:
        cfg, rng, s, lp = self.cfg, self.rng, self.store.scale, self.lr_patch
        n = cfg.batch_size
        idx = rng.choice(len(self.weights), size=n, p=self.weights)
        uy, ux = rng.random(n), rng.random(n)
        flips = rng.random((n, 3)) < 0.5
        flips &= np.array([cfg.augment.vflip, cfg.augment.hflip, cfg.augment.rot90])
        lr_b = np.empty((n, lp, lp, 3), np.uint8)
        hr_b = np.empty((n, lp * s, lp * s, 3), np.uint8)
        pipeline = cfg.degradation.kind in ("pipeline", "real")
        real = cfg.degradation.kind == "real"
        # 'real': one seed per patch, so its pictures do not depend on the stages drawn
        patch_seeds = rng.integers(0, 2**63 - 1, size=n) if real else None
        for k in range(n):
            i = int(idx[k])
            src = self.store.sources[i]
            y = int(uy[k] * (src.lr_h - lp + 1))
            x = int(ux[k] * (src.lr_w - lp + 1))
            try:
                if pipeline and cfg.augment.affine:
                    hr = self._warped(i, y, x)
                    lr = None
                else:
                    lr, hr = self.store.patch(i, y, x, lp)
            except ImageReadError as e:
                raise _Unreadable(f"skipped {src.hr_path.name} (unreadable now): {e}", i) from e
            hr = _dihedral(hr, flips[k])
            if real:
                lr = degrade_real(np.ascontiguousarray(hr), s, cfg.degradation.real,
                                  np.random.default_rng(int(patch_seeds[k])))  # type: ignore[index]
            elif pipeline:
                lr = degrade(np.ascontiguousarray(hr), s, cfg.degradation, rng)
            else:
                lr = _dihedral(lr, flips[k])
            lr_b[k], hr_b[k] = lr, hr
        return lr_b, hr_b

    def _warped(self, i: int, y: int, x: int) -> np.ndarray:
        a, s, size = self.cfg.augment, self.store.scale, self.cfg.patch_size
        win = int(np.ceil(size * 1.6 * (1 + 2 * a.perspective) / min(a.affine_scale)))
        c = (y * s + size // 2, x * s + size // 2)
        window = self.store.hr_window(i, c[0], c[1], win)
        return random_warp(window, size, a.affine_degrees, a.affine_scale, a.perspective,
                           self.rng)

    def _to_tensor(self, batch: np.ndarray) -> torch.Tensor:
        """(N, h, w, 3) uint8 -> (N, C, h, w) float32, in numpy: tiny torch ops would start
        the OpenMP thread pool, which costs more than it saves at this size."""
        x = to_float32(batch)
        if self.num_channels == 1:
            return torch.from_numpy(rgb_to_y(x)[:, None])
        return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))


def _dihedral(img: np.ndarray, f: np.ndarray) -> np.ndarray:
    """Flip rows / columns / transpose (a view); the three together give all 8 symmetries."""
    if f[0]:
        img = img[::-1]
    if f[1]:
        img = img[:, ::-1]
    if f[2]:
        img = img.transpose(1, 0, 2)
    return img


def build_sampler(cfg: DataConfig, scale: int, num_channels: int, seed: int,
                  progress: ProgressCallback | None = None) -> PatchSampler:
    """Scan, (maybe) cache and wrap the training images; raises ImageReadError if none."""
    sources = find_sources(cfg, scale, progress)
    if not sources:
        raise ImageReadError(f"no usable training images in {', '.join(cfg.hr_dirs)}")
    pipeline = cfg.degradation.kind in ("pipeline", "real")
    nbytes = estimate_bytes(sources, scale, with_lr=not pipeline)
    cached = should_cache(cfg, nbytes)
    store = ImageStore(sources, scale, make_lr=not pipeline, cached=cached)
    if cached:
        failed = store.load_all(cfg.load_threads, progress)
    else:
        emit(progress, Warning_(f"training images (~{nbytes / 1e9:.1f} GB) are read from disk "
                                "for every patch; set data.cache_in_ram = true to cache"))
        failed = []
    sampler = PatchSampler(store, cfg, num_channels, seed, progress)
    if failed:
        sampler.drop(failed)
    return sampler
