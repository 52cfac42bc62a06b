"""Videos in the queue: drop with images, frame progress, cancel/resume, bad files, settings."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import av
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.gui.queue_state import QueueItem, Status
from app.gui.queue_view import progress_text
from app.gui.settings_store import SettingsStore
from engine.video.synthetic import make_test_clip
from tests.gui.conftest import SlowUpscaler, save_png, wait_finished
from tests.gui.user_actions import choose_from_context_menu


def _use(window, model: str = "bicubic", scale: int = 2, out: Path | None = None) -> None:
    sp = window.settings_panel
    assert sp.select_model(model)
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(scale))
    sp.tile_combo.setCurrentText("Off")
    sp.out_edit.setText(str(out) if out else "")


def _clip(path: Path, frames: int = 12, fps: int = 24) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return make_test_clip(path, frames=frames, width=32, height=24, fps=fps, audio=False)


def _frames(path: Path) -> tuple[int, int, int]:
    """(decoded frame count, width, height) with PyAV."""
    with av.open(str(path)) as c:
        vs = c.streams.video[0]
        n = sum(1 for _ in c.decode(vs))
        return n, vs.codec_context.width, vs.codec_context.height


class VerySlowUpscaler(SlowUpscaler):
    """Nearest neighbour, 60 ms a frame: a 24-frame clip takes about 1.5 s."""

    def __call__(self, tiles):
        time.sleep(0.03)
        return super().__call__(tiles)


def _slow(monkeypatch) -> None:
    import engine.inference.factory as factory
    monkeypatch.setattr(factory, "make_upscaler",
                        lambda ref, *a, **k: VerySlowUpscaler(ref.scale))


def test_drop_video_and_image_runs_both(qtbot, window, tmp_path: Path) -> None:
    clip = _clip(tmp_path / "drop" / "clip.mp4")
    img = save_png(tmp_path / "drop" / "pic.png", 30, 20)
    out = tmp_path / "out"
    _use(window, "bicubic", 2, out)
    window.menus.autostart_action.setChecked(True)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(clip)), QUrl.fromLocalFile(str(img))])
    pos = QPointF(QPoint(200, 200))
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    items = window.queue.items
    assert [(it.path.name, it.video) for it in items] == [("clip.mp4", True),
                                                          ("pic.png", False)]
    wait_finished(qtbot, window)
    video, image = window.queue.items
    assert video.status == Status.DONE and image.status == Status.DONE, video.message
    target = out / "clip_x2_bicubic.mp4"
    assert video.output == target and target.is_file()
    assert _frames(target) == (12, 64, 48)
    assert (out / "pic_x2_bicubic.png").is_file()
    # the probe ran in a worker: the row shows the size and the frame count
    assert video.input_size == (32, 24) and video.frames == 12
    shown = window.queue_model.index(window.queue.row_of(video.id),
                                     window.queue_model.COL_SIZE).data()
    assert shown == "32×24 · 12 frames"
    assert progress_text(video).startswith("12 frames")
    assert not list(out.glob(".*")), "no work folder left behind"
    # the viewer compares the middle frame of input and output
    window.queue_view.select_id(video.id)
    qtbot.waitUntil(lambda: window.compare.right_combo.currentText() == "bicubic ×2"
                    and window.compare.layer("right") is not None
                    and window.compare.layer("left") is not None, timeout=10000)
    right, left = window.compare.layer("right"), window.compare.layer("left")
    assert (right.image.width, right.image.height) == (64, 48)
    assert left.image.width == 32 and left.factor == 2.0


def test_cancelled_video_leaves_no_output(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    _slow(monkeypatch)
    clip = _clip(tmp_path / "in" / "long.mp4", frames=24)
    out = tmp_path / "out"
    _use(window, "nearest", 2, out)
    (item,) = window.queue_ctl.add_paths([clip])
    qtbot.waitUntil(lambda: window.queue.by_id(item.id).frames == 24, timeout=10000)
    assert window.queue_ctl.start() == 1
    qtbot.waitUntil(lambda: window.queue.by_id(item.id).done >= 3, timeout=15000)
    row = window.queue.by_id(item.id)
    assert row.status == Status.RUNNING and row.total == 24
    assert "/24 frames" in progress_text(row) and "fps" in progress_text(row)
    # the live preview shows the latest upscaled frame (throttled) on the right
    qtbot.waitUntil(lambda: item.id in window.viewer_ctl.previews, timeout=10000)
    live = window.viewer_ctl.previews[item.id]
    assert (live.width, live.height) == (64, 48) and live.pixels.max() > 0
    assert window.compare.right_combo.currentText() == "Live · nearest"
    window.menus.cancel_all_action.trigger()
    wait_finished(qtbot, window)
    row = window.queue.by_id(item.id)
    assert row.status == Status.CANCELLED and not row.resumable
    leftovers = list(out.rglob("*")) if out.exists() else []
    assert leftovers == [], leftovers       # no output, no work folder (one segment only)


def test_cancelled_video_can_resume(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    from app.gui.settings_panel import SettingsPanel
    from engine.jobs.video import has_unfinished_parts
    from engine.video.segments import work_dir_for
    _slow(monkeypatch)
    plain = SettingsPanel.job_settings
    # segments of 6 frames, so that a cancel keeps finished parts to resume from
    monkeypatch.setattr(SettingsPanel, "job_settings",
                        lambda self: replace(plain(self), video_segment_seconds=0.25))
    clip = _clip(tmp_path / "in" / "res.mp4", frames=24)
    out = tmp_path / "out"
    _use(window, "nearest", 2, out)
    (item,) = window.queue_ctl.add_paths([clip])
    window.queue_ctl.start()
    target = out / "res_x2_nearest.mp4"
    work = work_dir_for(target)
    # cancel once a segment is finished (its file is in the job's work folder)
    qtbot.waitUntil(lambda: window.queue.by_id(item.id).done >= 12
                    and (work / "seg00000.mkv").is_file(), timeout=20000)
    assert window.queue.by_id(item.id).status == Status.RUNNING
    choose_from_context_menu(window.queue_view, window.queue.row_of(item.id), "Cancel")
    wait_finished(qtbot, window)
    row = window.queue.by_id(item.id)
    assert row.status == Status.CANCELLED and row.resumable
    assert not target.exists() and has_unfinished_parts(target)
    shown = window.queue_model.index(window.queue.row_of(item.id),
                                     window.queue_model.COL_STATUS).data()
    assert shown == "cancelled — can resume"
    choose_from_context_menu(window.queue_view, window.queue.row_of(item.id),
                             "Run again with current settings")
    wait_finished(qtbot, window)
    row = window.queue.by_id(item.id)
    assert row.status == Status.DONE and not row.resumable, row.message
    assert _frames(target) == (24, 64, 48)
    assert not has_unfinished_parts(target)
    assert any("resumed after frame" in text for _lvl, text in window.log.messages)


def test_fake_video_gives_error_row_others_finish(qtbot, window, tmp_path: Path) -> None:
    src = tmp_path / "mixed"
    save_png(src / "1_good.png", 20, 16)
    (src / "2_fake.mp4").write_text("this is not a video\n" * 10)
    _clip(src / "3_clip.mp4")
    out = tmp_path / "out"
    _use(window, "bicubic", 2, out)
    window.queue_ctl.add_paths([src])
    by_name = {it.path.name: it for it in window.queue.items}
    assert set(by_name) == {"1_good.png", "2_fake.mp4", "3_clip.mp4"}
    window.queue_ctl.start()
    wait_finished(qtbot, window)
    by_name = {it.path.name: it for it in window.queue.items}
    assert by_name["1_good.png"].status == Status.DONE
    assert by_name["3_clip.mp4"].status == Status.DONE
    fake = by_name["2_fake.mp4"]
    assert fake.status == Status.ERROR and fake.message
    shown = window.queue_model.index(window.queue.row_of(fake.id),
                                     window.queue_model.COL_STATUS).data()
    assert shown.startswith("error")
    assert any(level == "error" and "2_fake.mp4" in text for level, text in window.log.messages)
    assert sorted(p.name for p in out.iterdir()) == ["1_good_x2_bicubic.png",
                                                     "3_clip_x2_bicubic.mp4"]


def test_video_settings_persist(qtbot, window, tmp_path: Path) -> None:
    from app.gui.main_window import MainWindow
    sp = window.settings_panel
    # the worker's list of encoders arrives: the software codecs at least
    qtbot.waitUntil(lambda: sp.codec_combo.findData("ffv1|") >= 0, timeout=10000)
    s = sp.job_settings()
    assert (s.video_codec, s.video_hw, s.video_crf, s.video_bitrate, s.video_preset) == \
        ("h264", None, 18, None, "medium")
    assert sp.video_name_label.text().endswith("{stem}_x{scale}_{model}.mp4")
    sp.codec_combo.setCurrentIndex(sp.codec_combo.findData("ffv1|"))
    assert sp.video_name_label.text().endswith(".mkv")
    assert not sp.crf_spin.isEnabled()            # lossless: no quality setting
    sp.codec_combo.setCurrentIndex(sp.codec_combo.findData("h265|"))
    sp.rate_combo.setCurrentIndex(sp.rate_combo.findData("bitrate"))
    sp.bitrate_edit.setText("3M")
    sp.preset_combo.setCurrentText("slow")
    vo = sp.job_settings().request().video
    assert (vo.codec, vo.bitrate, vo.preset) == ("h265", "3M", "slow")
    window.close()
    other = MainWindow(SettingsStore())
    qtbot.addWidget(other)
    s = other.settings_panel.job_settings()
    assert (s.video_codec, s.video_bitrate, s.video_preset) == ("h265", "3M", "slow")
    other.settings_panel.rate_combo.setCurrentIndex(0)
    other.settings_panel.crf_spin.setValue(23)
    s = other.settings_panel.job_settings()
    assert (s.video_bitrate, s.video_crf) == (None, 23)
    other.close()


@pytest.mark.parametrize("status,expected", [
    (Status.RUNNING, "41% · 5/12 frames · ETA 0:03 · 2.5 fps"),
    (Status.CANCELLED, "5/12 frames"),
])
def test_video_progress_text(status: Status, expected: str) -> None:
    it = QueueItem(id=1, path=Path("a.mp4"), status=status, done=5, total=12, eta_s=3.0,
                   rate=2.5, video=True)
    assert progress_text(it) == expected
