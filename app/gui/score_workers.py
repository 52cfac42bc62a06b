"""Workers that score outputs (PSNR / SSIM): the self-check of one image with heat maps,
and an output scored against a reference the user supplies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal

from app.gui.workers import Worker


class SelfCheckWorker(Worker):
    """Self-check of one image: engine.selfcheck.self_check + a heat map per model."""

    done = Signal(object, dict)          # SelfCheckResult, {model: TiledImage heat map}
    progressed = Signal(int, int, str)   # done, total, model

    def __init__(self, path: Path, scale: int, models: list[str], device: str) -> None:
        super().__init__()
        self.path, self.scale, self.models, self.device = path, scale, models, device

    def work(self) -> None:
        from app.gui.viewer.tile_cache import TiledImage
        from engine.events import Progress
        from engine.io import read_image
        from engine.selfcheck import self_check

        def progress(ev: Any) -> None:
            if isinstance(ev, Progress):
                self.progressed.emit(ev.done, ev.total, ev.detail)

        pixels = read_image(self.path).pixels
        res = self_check(pixels, self.scale, self.models, name=self.path.stem,
                         device=self.device, progress=progress, cancel=self.cancel_token)
        heat = {e.name: TiledImage(res.heatmap(e.name), name=e.name) for e in res.entries}
        self.done.emit(res, heat)


class ReferenceWorker(Worker):
    """Scores an output (and bicubic of its input) against a user-supplied reference."""

    done = Signal(object)   # engine.selfcheck.ReferenceScores

    def __init__(self, output: Path, reference: Path, input_path: Path, scale: int) -> None:
        super().__init__()
        self.output, self.reference, self.input, self.scale = output, reference, input_path, scale

    def work(self) -> None:
        from engine.io import read_image
        from engine.selfcheck import reference_scores
        out = read_image(self.output).pixels
        ref = read_image(self.reference).pixels
        inp = read_image(self.input).pixels
        self.done.emit(reference_scores(out, ref, self.scale, inp))
