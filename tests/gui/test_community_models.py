"""Community models in the app, the way a user gets them there: a .pth dropped on the
window joins the model box and upscales a queued picture; bad files dropped are one line
each and run nothing; an ONNX file and an Upscayl ncnn folder dropped with a picture
import while the picture queues; Models ▸ Manage models… lists, renames and removes.

Every network is a random-initialised spandrel one saved by the test (nothing is
downloaded); the ncnn pair is converted from one by pnnx, as the engine tests do.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMenu, QMessageBox

from app.gui.model_combo import NameRole
from app.gui.queue_state import Status
from tests.conftest import save_tiny_model
from tests.gui.conftest import save_png, wait_finished
from tests.gui.user_actions import (
    answer_next_dialog,
    choose_in_combo,
    click,
    click_row,
    drop_files,
)

spandrel = pytest.importorskip("spandrel")
# a change ends with an fsync, which a disk shared with big writes has kept for over 60 s
SLOW = 180000


@pytest.fixture(autouse=True)
def own_cache(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The measured facts and ONNX exports of these files stay in the test's folder."""
    monkeypatch.setenv("SRSTUDIO_CACHE_DIR", str(isolated / "cache"))


def compact(folder: Path, name: str, scale: int = 2, suffix: str = ".pth") -> Path:
    """A small Real-ESRGAN Compact (SRVGGNet) with random weights, as a .pth or an
    OpenModelDB-style .safetensors carrying an author, a licence and a description."""
    from spandrel.architectures.Compact import Compact
    torch.manual_seed(0)
    net = Compact(num_in_ch=3, num_out_ch=3, num_feat=8, num_conv=2, upscale=scale)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}{suffix}"
    state = {k: v.contiguous() for k, v in net.state_dict().items()}
    if suffix == ".safetensors":
        from safetensors.torch import save_file
        save_file(state, str(path), metadata={"modelspec.author": "Test Author",
                                              "modelspec.license": "CC0-1.0",
                                              "modelspec.description": "A tiny test net"})
    else:
        torch.save(state, path)
    return path


def combo_row(window, name: str) -> int:
    combo = window.settings_panel.model_combo
    return combo.findData(name, NameRole)


def wait_listed(qtbot, window, name: str, timeout: int = 120000) -> None:
    qtbot.waitUntil(lambda: name in window.settings_panel.model_names(), timeout=timeout)


def message_box(qtbot, window, name: str) -> QMessageBox:
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox, name)),
                    timeout=120000)
    return next(b for b in window.findChildren(QMessageBox, name) if b.isVisible())


def test_a_dropped_pth_joins_the_model_box_and_upscales(qtbot, window, tmp_path: Path) -> None:
    sp = window.settings_panel
    pth = compact(tmp_path / "downloads", "2x_TinyCompact")
    assert drop_files(window, [pth])
    assert len(window.queue) == 0          # a model is imported, not queued
    wait_listed(qtbot, window, "2x_TinyCompact")
    from engine.models.registry import user_dir
    assert (user_dir() / pth.name).is_file()
    label = sp.model_combo.itemText(combo_row(window, "2x_TinyCompact"))
    assert "×2" in label and "imported" in label
    # the user picks another model, then the imported one from the list
    choose_in_combo(sp.model_combo, combo_row(window, "bicubic"))
    assert sp.model_name() == "bicubic"
    choose_in_combo(sp.model_combo, combo_row(window, "2x_TinyCompact"))
    assert sp.model_name() == "2x_TinyCompact" and sp.job_settings().scale == 2
    out = tmp_path / "out"
    sp.out_edit.setText(str(out))
    assert drop_files(window, [save_png(tmp_path / "in" / "photo.png", 40, 32)])
    click(sp.start_button)
    wait_finished(qtbot, window, timeout=120000)
    (item,) = window.queue.items
    assert item.status == Status.DONE, item.message
    assert item.output is not None and item.output.is_file()
    assert "2x_TinyCompact" in item.output.name
    assert Image.open(item.output).size == (80, 64)
    assert window.log.messages and not any(
        lvl == "error" for lvl, _m in window.log.messages), window.log.messages


def test_bad_model_files_are_one_line_each_and_run_nothing(qtbot, window,
                                                           tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    marker = tmp_path / "MARKER"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))
    torch.save({"params": Evil()}, bad / "evil.pth")
    good = compact(tmp_path, "good")
    (bad / "half.pth").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    (bad / "picture.safetensors").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (bad / "lonely.param").write_text("7767517\n1 1\nInput data 0 1 data\n")
    before = window.settings_panel.model_names()
    png = save_png(tmp_path / "in" / "p.png", 16, 16)
    assert drop_files(window, [bad / "evil.pth", bad / "half.pth",
                               bad / "picture.safetensors", bad / "lonely.param", png])
    assert [it.path for it in window.queue.items] == [png]   # the picture still queues
    box = message_box(qtbot, window, "importProblem")
    lines = box.text().splitlines()
    assert len(lines) == 4, lines
    words = {"evil.pth": "refused", "half.pth": "truncated", "picture.safetensors": "PNG",
             "lonely.param": "lonely.bin"}
    for line, (name, word) in zip(lines, words.items()):
        assert name in line and word in line, (name, line)
    errors = [m for lvl, m in window.log.messages if lvl == "error"]
    assert len(errors) == 4 and all("\n" not in m for m in errors)
    assert not marker.exists()
    click(box.button(QMessageBox.StandardButton.Ok))
    assert window.settings_panel.model_names() == before
    from engine.models.registry import user_dir
    assert not user_dir().exists() or not any(user_dir().iterdir())


def test_onnx_and_an_upscayl_folder_dropped_with_a_picture(qtbot, window,
                                                           tmp_path: Path) -> None:
    """One drop: a picture, a third-party .onnx and an Upscayl custom-models folder (an
    ncnn .param/.bin pair).  The picture queues at once, both models import; each then
    upscales a picture picked in the model box."""
    pytest.importorskip("onnxruntime")
    from tests.engine.test_third_party_models import export_foreign_onnx, make_ncnn_pair
    onnx_file = export_foreign_onnx(tmp_path / "2x_compact_dynamic.onnx")
    pair = make_ncnn_pair(tmp_path)                  # skips without pnnx / ncnn
    upscayl = tmp_path / "custom-models"
    upscayl.mkdir()
    for suffix in (".param", ".bin"):
        shutil.copy(pair.with_suffix(suffix), upscayl / f"realesr-tiny-x2{suffix}")
    sp = window.settings_panel
    out = tmp_path / "out"
    sp.out_edit.setText(str(out))
    first = save_png(tmp_path / "in" / "first.png", 40, 32, seed=1)
    assert drop_files(window, [first, onnx_file, upscayl])
    assert [it.path for it in window.queue.items] == [first]
    wait_listed(qtbot, window, "2x_compact_dynamic")
    wait_listed(qtbot, window, "realesr-tiny-x2")
    from engine.models.registry import user_dir
    assert sorted(p.name for p in user_dir().iterdir()) == \
        ["2x_compact_dynamic.onnx", "realesr-tiny-x2.bin", "realesr-tiny-x2.param"]
    for name, picture in (("2x_compact_dynamic", first), ("realesr-tiny-x2", None)):
        if picture is None:
            picture = save_png(tmp_path / "in" / "second.png", 36, 28, seed=2)
            assert drop_files(window, [picture])
        choose_in_combo(sp.model_combo, combo_row(window, name))
        assert sp.model_name() == name
        click(sp.start_button)
        wait_finished(qtbot, window, timeout=120000)
        item = next(it for it in window.queue.items if it.path == picture)
        assert item.status == Status.DONE, item.message
        assert name in item.output.name
        w, h = Image.open(picture).size
        result = np.asarray(Image.open(item.output))
        assert result.shape == (2 * h, 2 * w, 3) and result.std() > 1


def models_action(window) -> QAction:
    """Models ▸ Manage models…, found in the menu bar as a user finds it."""
    bar = window.menuBar()
    menu = next(a.menu() for a in bar.actions() if a.text().replace("&", "") == "Models")
    assert isinstance(menu, QMenu)
    return next(a for a in menu.actions() if a.text().replace("&", "") == "Manage models…")


def rename_with_the_dialog(qtbot, dialog, new: str) -> None:
    click(dialog.rename_button)
    qtbot.waitUntil(lambda: any(b.isVisible() for b in dialog.findChildren(QInputDialog)))
    box = next(b for b in dialog.findChildren(QInputDialog) if b.isVisible())
    edit = box.findChild(QLineEdit)
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(edit, new)
    QTest.keyClick(edit, Qt.Key.Key_Return)


def test_models_view_lists_renames_and_removes(qtbot, isolated: Path) -> None:
    from app.gui.main_window import MainWindow
    from app.gui.settings_store import SettingsStore
    user = isolated / "user_models"
    compact(user, "4x_OpenModel", scale=4, suffix=".safetensors")
    save_tiny_model(user, "my_trained_x2")
    w = MainWindow(SettingsStore())
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    qtbot.waitUntil(lambda: w.catalog.models_loaded, timeout=SLOW)
    sp = w.settings_panel
    assert sp.select_model("4x_OpenModel")
    models_action(w).trigger()
    dialog = w.catalog.models_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: "4x_OpenModel" in dialog.names() and not dialog.listing(),
                    timeout=SLOW)
    assert set(dialog.names()) == {"tiny_x2", "4x_OpenModel", "my_trained_x2"}
    table = dialog.table
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())}
    name, source, arch, scale, params, fmt, runs_on, sha = rows["4x_OpenModel"]
    assert (source, arch, scale, fmt) == ("Imported", "Compact", "×4", "PyTorch (.safetensors)")
    assert runs_on == "PyTorch, ONNX Runtime" and len(sha) == 16 and int(params.replace(",", ""))
    assert rows["tiny_x2"][1] == "Shipped" and rows["tiny_x2"][5] == "SR Studio (.safetensors)"
    assert len(rows["tiny_x2"][7]) == 16                     # our own files get a hash too
    # a shipped model cannot be renamed or removed
    click_row(table, dialog.names().index("tiny_x2"))
    assert not dialog.rename_button.isEnabled() and not dialog.remove_button.isEnabled()
    click_row(table, dialog.names().index("4x_OpenModel"))
    assert dialog.rename_button.isEnabled()
    text = dialog.details.text()
    assert "Test Author" in text and "CC0-1.0" in text and "A tiny test net" in text
    # rename: a name the engine refuses is one line, then a good one
    rename_with_the_dialog(qtbot, dialog, "bicubic")
    qtbot.waitUntil(lambda: "Not changed" in dialog.status.text(), timeout=30000)
    assert "resizer" in dialog.status.text()
    rename_with_the_dialog(qtbot, dialog, "4x_Renamed")
    qtbot.waitUntil(lambda: "4x_Renamed" in dialog.names() and not dialog.listing(),
                    timeout=SLOW)
    assert "4x_OpenModel" not in dialog.names() and dialog.selected_name() == "4x_Renamed"
    assert (user / "4x_Renamed.safetensors").is_file()
    assert not (user / "4x_OpenModel.safetensors").exists()
    assert "4x_Renamed" in sp.model_names() and "4x_OpenModel" not in sp.model_names()
    assert sp.model_name() == "4x_Renamed"               # the selection followed the name
    # our own weight file's name lives in its header: renamed there too
    click_row(table, dialog.names().index("my_trained_x2"))
    rename_with_the_dialog(qtbot, dialog, "sharp_x2")
    qtbot.waitUntil(lambda: "sharp_x2" in sp.model_names() and "sharp_x2" in dialog.names()
                    and not dialog.listing(), timeout=SLOW)
    from engine.models.header import read_metadata
    assert read_metadata(user / "sharp_x2.safetensors")["name"] == "sharp_x2"
    # remove: asked first, then gone from the folder, the view and the model box
    click_row(table, dialog.names().index("4x_Renamed"))
    seen: list[str] = []
    answer_next_dialog("Remove", seen)
    click(dialog.remove_button)
    qtbot.waitUntil(lambda: "4x_Renamed" not in dialog.names() and not dialog.listing(),
                    timeout=SLOW)
    assert seen and "4x_Renamed" in seen[0]
    assert not (user / "4x_Renamed.safetensors").exists()
    assert "4x_Renamed" not in sp.model_names()
    assert set(dialog.names()) == {"tiny_x2", "sharp_x2"}
    click(dialog.close_button)
    assert not dialog.isVisible()
    QApplication.processEvents()
    w.close()
