"""What the queue says: the file dialogs' filters, the status line when rows are queued or
a run ends, and the log line of each finished or cancelled row.

Kept apart from the controller, which decides when each is said.  Every text keeps the
translation context it had as the controller's ``self.tr`` ('QueueController'), spelled
out in a ``QCore.translate`` call: pyside6-lupdate reads only literal arguments, and reads
a ``tr = QCoreApplication.translate`` alias as ``tr(source)``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication as QCore

from app.gui.queue_state import QueueItem, Status
from app.gui.queue_view import rate_text

IMAGE_PATTERNS = "*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp"
IMAGE_FILTER = f"Images ({IMAGE_PATTERNS})"


def video_extensions() -> frozenset[str]:
    """engine.video.files.VIDEO_EXTENSIONS (a torch-free module)."""
    from engine.video.files import VIDEO_EXTENSIONS
    return VIDEO_EXTENSIONS


def open_filters() -> str:
    """File dialog filters: images and videos together first, then each kind, then all."""
    videos = " ".join(f"*{e}" for e in sorted(video_extensions()))
    return ";;".join((f"Images and videos ({IMAGE_PATTERNS} {videos})",
                      IMAGE_FILTER, f"Videos ({videos})", "All files (*)"))


def _english_number(n: int, one: str, many: str) -> str:
    """The English source's singular or plural; a translation's own plural forms (``%n``,
    numerus in the .ts) then apply.  Both sources are translated first."""
    return one if n == 1 else many


def queued_text(images: int, videos: int) -> str:
    """'Queued 2 images', 'Queued 1 video', 'Queued 1 image and 2 videos': only what was."""
    parts = []
    if images:
        parts.append(_english_number(
            images, QCore.translate("QueueController", "%n image", None, images),
            QCore.translate("QueueController", "%n images", None, images)))
    if videos:
        parts.append(_english_number(
            videos, QCore.translate("QueueController", "%n video", None, videos),
            QCore.translate("QueueController", "%n videos", None, videos)))
    what = "".join(parts) if len(parts) < 2 else QCore.translate(
        "QueueController", "{images} and {videos}").format(images=parts[0], videos=parts[1])
    return QCore.translate("QueueController", "Queued {what}").format(what=what)


def finished_text(statuses: list[Status]) -> str:
    """The status line when a run ends: what became of its rows ('Cancelled', not
    'Finished: 0 done, 0 failed')."""
    done, failed = statuses.count(Status.DONE), statuses.count(Status.ERROR)
    cancelled, skipped = statuses.count(Status.CANCELLED), statuses.count(Status.SKIPPED)
    if cancelled and not done and not failed:
        return _english_number(
            cancelled, QCore.translate("QueueController", "Cancelled (%n job)", None, cancelled),
            QCore.translate("QueueController", "Cancelled (%n jobs)", None, cancelled))
    parts = [QCore.translate("QueueController", "%n done", None, done)]
    if failed:
        parts.append(QCore.translate("QueueController", "%n failed", None, failed))
    if cancelled:
        parts.append(QCore.translate("QueueController", "%n cancelled", None, cancelled))
    if skipped:
        parts.append(QCore.translate("QueueController", "%n skipped", None, skipped))
    sep = QCore.translate("QueueController", ", ", "separator of a list")
    return QCore.translate("QueueController", "Finished: {parts}").format(parts=sep.join(parts))


def done_line(it: QueueItem, res: Any) -> str:
    """The log line of a finished row: where its output went, how long it took."""
    colorized = QCore.translate("QueueController", "; colorized") if res.colorized else ""
    if not it.video:
        return QCore.translate("QueueController", "{name} → {out} ({sec:.1f} s, tile {tile})"
                               ).format(name=it.path.name, out=res.output, sec=res.seconds,
                                        tile=res.tile) + colorized
    resumed = getattr(res, "resumed_frames", 0)
    return (QCore.translate("QueueController",
                            "{name} → {out} ({n} frames, {fps}, {sec:.1f} s, {enc})").format(
        name=it.path.name, out=res.output, n=it.frames,
        fps=rate_text(getattr(res, "fps", 0.0) or 0.0, "frame"), sec=res.seconds,
        enc=getattr(res, "encoder", "") or "?")
        + (QCore.translate("QueueController", "; resumed after frame {f}").format(f=resumed)
           if resumed else "") + colorized)


def cancelled_line(name: str, resumable: bool) -> str:
    """The log line of a cancelled row (a video's finished parts are kept for a re-run)."""
    if resumable:
        return QCore.translate("QueueController", "{name}: cancelled; finished parts are "
                               "kept, run it again to resume").format(name=name)
    return QCore.translate("QueueController", "{name}: cancelled").format(name=name)
