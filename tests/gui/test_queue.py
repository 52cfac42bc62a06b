"""Queue: drop/add files, run, cancel, errors, overwrite questions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.gui.queue_state import Status
from tests.gui.conftest import SlowUpscaler, save_png, wait_finished


def _use(window, model: str = "bicubic", scale: int = 2, out: Path | None = None,
         tile: str = "Off") -> None:
    sp = window.settings_panel
    assert sp.select_model(model)
    sp.scale_combo.setCurrentIndex(sp.scale_combo.findData(scale))
    sp.tile_combo.setCurrentText(tile)
    sp.out_edit.setText(str(out) if out else "")


def test_add_paths_runs_job_and_shows_output(qtbot, window, tmp_path: Path) -> None:
    src = tmp_path / "in"
    save_png(src / "a.png", 40, 32)
    save_png(src / "sub" / "b.png", 24, 20, seed=1)
    out = tmp_path / "out"
    _use(window, "tiny_x2", 2, out)
    new = window.queue_ctl.add_paths([src])
    assert [it.path.name for it in new] == ["a.png", "b.png"]
    assert window.queue_ctl.start() == 2
    wait_finished(qtbot, window)
    assert [it.status for it in window.queue.items] == [Status.DONE, Status.DONE]
    a_out = out / "a_x2_tiny_x2.png"
    b_out = out / "sub" / "b_x2_tiny_x2.png"     # sub-folders are mirrored
    assert a_out.is_file() and b_out.is_file()
    # the first row is selected: the viewer shows its output on the right
    window.queue_view.select_id(new[0].id)
    qtbot.waitUntil(lambda: window.compare.right_combo.currentText() == "tiny_x2 ×2",
                    timeout=10000)
    layer = window.compare.layer("right")
    assert layer is not None and (layer.image.width, layer.image.height) == (80, 64)
    left = window.compare.layer("left")
    assert left is not None and left.factor == 2.0 and left.image.width == 40


def test_adding_a_folder_names_the_images_it_cannot_read(window, tmp_path: Path) -> None:
    src = tmp_path / "in"
    save_png(src / "a.png", 20, 16)
    (src / "IMG_0001.HEIC").write_bytes(b"x")
    new = window.queue_ctl.add_paths([src])
    assert [it.path.name for it in new] == ["a.png"]
    warnings = [m for level, m in window.log.messages if level == "warning"]
    assert warnings == ["Skipped 1 HEIC file(s) that SR Studio does not read (IMG_0001.HEIC); "
                        "convert them to PNG, JPEG, WebP, TIFF or BMP to include them"]


def test_real_drop_event_runs_job(qtbot, window, tmp_path: Path) -> None:
    img = save_png(tmp_path / "drop" / "c.png", 30, 20)
    out = tmp_path / "out"
    _use(window, "bicubic", 2, out)
    window.menus.autostart_action.setChecked(True)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(img))])
    pos = QPoint(200, 200)
    enter = QDragEnterEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert len(window.queue.items) == 1
    wait_finished(qtbot, window)
    assert (out / "c_x2_bicubic.png").is_file()
    qtbot.waitUntil(lambda: window.compare.right_combo.currentText() == "bicubic ×2",
                    timeout=10000)
    assert window.store.recent_files()[0] == str(img)


def test_cancel_mid_job_leaves_no_partial_file(qtbot, window, tmp_path: Path,
                                               monkeypatch) -> None:
    import engine.inference.factory as factory
    monkeypatch.setattr(factory, "make_upscaler", lambda ref, *a, **k: SlowUpscaler(ref.scale))
    img = save_png(tmp_path / "big" / "slow.png", 160, 160)
    out = tmp_path / "out"
    _use(window, "nearest", 2, out)
    window.queue_ctl.add_paths([img])
    # 16 px tiles: 100 slow tiles, plenty of time to cancel in the middle
    from app.gui import settings_panel
    monkeypatch.setattr(settings_panel.SettingsPanel, "tile_setting", lambda self: 16)
    assert window.queue_ctl.start() == 1
    item = window.queue.items[0]
    qtbot.waitUntil(lambda: window.queue.by_id(item.id).done >= 3, timeout=15000)
    assert window.queue.by_id(item.id).status == Status.RUNNING
    window.menus.cancel_all_action.trigger()          # Esc / "Cancel all"
    wait_finished(qtbot, window)
    assert window.queue.by_id(item.id).status == Status.CANCELLED
    leftovers = list(out.rglob("*")) if out.exists() else []
    assert leftovers == [], leftovers           # no output, no hidden .part file


def test_corrupt_file_shows_error_row_others_finish(qtbot, window, tmp_path: Path) -> None:
    src = tmp_path / "mixed"
    save_png(src / "1_good.png", 20, 16)
    (src / "2_bad.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20)
    save_png(src / "3_good.png", 18, 14, seed=2)
    out = tmp_path / "out"
    _use(window, "bicubic", 2, out)
    window.queue_ctl.add_paths([src])
    window.queue_ctl.start()
    wait_finished(qtbot, window)
    statuses = {it.path.name: it for it in window.queue.items}
    assert statuses["1_good.png"].status == Status.DONE
    assert statuses["3_good.png"].status == Status.DONE
    bad = statuses["2_bad.png"]
    assert bad.status == Status.ERROR and bad.message
    row = window.queue.row_of(bad.id)
    shown = window.queue_model.index(row, window.queue_model.COL_STATUS).data()
    assert shown.startswith("error")
    assert any(level == "error" and "2_bad.png" in text for level, text in window.log.messages)
    assert sorted(p.name for p in out.iterdir()) == ["1_good_x2_bicubic.png",
                                                     "3_good_x2_bicubic.png"]


def test_existing_output_is_never_overwritten_silently(qtbot, window, tmp_path: Path) -> None:
    img = save_png(tmp_path / "in" / "d.png", 20, 16)
    out = tmp_path / "out"
    out.mkdir()
    existing = out / "d_x2_bicubic.png"
    existing.write_bytes(b"keep me")
    _use(window, "bicubic", 2, out)
    asked: list[Path] = []
    window.queue_ctl.conflict_resolver = lambda p: (asked.append(p), ("skip", False))[1]
    window.queue_ctl.add_paths([img])
    window.queue_ctl.start()
    wait_finished(qtbot, window)
    assert asked == [existing]
    assert window.queue.items[0].status == Status.SKIPPED
    assert existing.read_bytes() == b"keep me"
    # run again (the row's context menu), now choosing rename
    from tests.gui.user_actions import choose_from_context_menu
    window.queue_ctl.conflict_resolver = lambda p: ("rename", False)
    choose_from_context_menu(window.queue_view, 0, "Run again with current settings")
    wait_finished(qtbot, window)
    assert existing.read_bytes() == b"keep me"
    assert (out / "d_x2_bicubic_2.png").is_file()
    # and overwrite replaces it
    window.queue_ctl.conflict_resolver = lambda p: ("overwrite", True)
    choose_from_context_menu(window.queue_view, 0, "Run again with current settings")
    wait_finished(qtbot, window)
    assert existing.read_bytes() != b"keep me"


def _answer_boxes(answers: dict[str, str], seen: list[str], tick_all: bool = False) -> list:
    """Answer each real "Output exists" box as it opens: the button named for the file in
    its text (a user's click), optionally ticking "Do this for every existing file".
    Polls until every file was asked about or the returned list gets an item (stop)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    left, stop = [1000], []

    def poll() -> None:
        if stop:
            return
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            name = next((n for n in answers if box.text().startswith(n)), None)
            if name is not None:
                seen.append(name)
                if tick_all:
                    box.checkBox().click()
                button = next(b for b in box.buttons() if b.text() == answers[name])
                button.click()
        left[0] -= 1
        if left[0] > 0 and len(seen) < len(answers):
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return stop


def test_the_output_exists_box_skips_renames_or_overwrites(qtbot, window,
                                                           tmp_path: Path) -> None:
    """The real question box, answered by clicking its buttons, for three files."""
    from tests.gui.user_actions import click, drop_files

    src, out = tmp_path / "in", tmp_path / "out"
    out.mkdir()
    for stem in ("a", "b", "c"):
        save_png(src / f"{stem}.png", 20, 16)
        (out / f"{stem}_x2_bicubic.png").write_bytes(b"keep me")
    _use(window, "bicubic", 2, out)
    seen: list[str] = []
    _answer_boxes({"a_x2_bicubic.png": "Skip", "b_x2_bicubic.png": "Rename",
                   "c_x2_bicubic.png": "Overwrite"}, seen)
    assert drop_files(window, sorted(src.iterdir()))
    click(window.settings_panel.start_button)
    wait_finished(qtbot, window)
    assert sorted(seen) == ["a_x2_bicubic.png", "b_x2_bicubic.png", "c_x2_bicubic.png"]
    by_name = {it.path.name: it.status for it in window.queue.items}
    assert by_name == {"a.png": Status.SKIPPED, "b.png": Status.DONE, "c.png": Status.DONE}
    assert (out / "a_x2_bicubic.png").read_bytes() == b"keep me"
    assert (out / "b_x2_bicubic.png").read_bytes() == b"keep me"
    assert (out / "b_x2_bicubic_2.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "c_x2_bicubic.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_output_exists_box_can_answer_for_every_file(qtbot, window,
                                                         tmp_path: Path) -> None:
    from tests.gui.user_actions import click, drop_files

    src, out = tmp_path / "in", tmp_path / "out"
    out.mkdir()
    for stem in ("d", "e"):
        save_png(src / f"{stem}.png", 20, 16)
        (out / f"{stem}_x2_bicubic.png").write_bytes(b"keep me")
    _use(window, "bicubic", 2, out)
    seen: list[str] = []
    stop = _answer_boxes({"d_x2_bicubic.png": "Overwrite", "e_x2_bicubic.png": "Overwrite"},
                         seen, tick_all=True)
    assert drop_files(window, sorted(src.iterdir()))
    click(window.settings_panel.start_button)
    wait_finished(qtbot, window)
    stop.append(True)
    assert seen == ["d_x2_bicubic.png"]   # asked once, the tick answered for e as well
    assert [it.status for it in window.queue.items] == [Status.DONE, Status.DONE]
    for stem in ("d", "e"):
        assert (out / f"{stem}_x2_bicubic.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
