"""The release's GUI parts, headless: the app icon on the window, the About box's licence
list, and the crash box that names the crash log when a slot raises."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.gui.app_icon import ICON_SIZES, app_icon, draw_icon


def test_the_icon_is_drawn_at_every_size(qapp) -> None:
    img = draw_icon(64)
    assert (img.width(), img.height()) == (64, 64)
    assert img.pixelColor(0, 0).alpha() == 0            # transparent corner
    assert img.pixelColor(32, 32).alpha() == 255
    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert sizes == {(n, n) for n in ICON_SIZES}


def test_the_window_shows_the_app_icon(window, qtbot) -> None:
    from app.gui.main import create_app
    app = create_app()
    assert not app.windowIcon().isNull()
    window.show()
    qtbot.waitExposed(window)
    icon = window.windowIcon()
    assert not icon.isNull()
    assert icon.pixmap(48).toImage() == app_icon().pixmap(48).toImage()


def test_icon_files_for_the_executables(tmp_path: Path) -> None:
    from PIL import Image

    from app.gui.app_icon import write_icon_files
    files = write_icon_files(tmp_path)
    with Image.open(files["ico"]) as ico:
        assert (256, 256) in ico.info["sizes"] and (16, 16) in ico.info["sizes"]
    with Image.open(files["icns"]) as icns:
        assert icns.format == "ICNS"
    with Image.open(files["png"]) as png:
        assert png.size == (512, 512)


def test_about_box_lists_the_third_party_licences(qtbot) -> None:
    from app.gui.about import show_about
    box = show_about(None, "CPU")
    qtbot.addWidget(box)
    details = box.detailedText()
    lines = details.splitlines()
    assert any(ln.startswith("numpy ") and "BSD" in ln for ln in lines)
    assert any(ln.startswith("PySide6_Essentials ") and "LGPL" in ln for ln in lines)
    assert any(ln.startswith("Python ") for ln in lines)
    assert "==== numpy" in details                     # the licence texts follow
    box.close()


@pytest.mark.qt_no_exception_capture     # the exception is the test's: our hook takes it
@pytest.mark.parametrize(("lang", "words"), [("en", "unexpected error"),
                                             ("de", "unerwarteten Fehler")])
def test_a_slot_that_raises_writes_a_log_and_says_where(tmp_path: Path, qtbot,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        lang: str, words: str) -> None:
    from PySide6.QtCore import QCoreApplication

    from app.crash_log import install
    from app.gui.main import show_crash
    from app.gui.translations import I18N_DIR, _Translator
    translator = _Translator()
    if lang != "en":
        assert translator.load(str(I18N_DIR / f"srstudio_{lang}.qm"))
        QCoreApplication.installTranslator(translator)
    monkeypatch.setenv("SRSTUDIO_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr("app.gui.main.HEADLESS_PLATFORMS", ())   # show it, offscreen too
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)     # restored afterwards
    import threading
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.close()
        else:
            QTimer.singleShot(20, close_box)

    install("gui", notify=show_crash)

    def slot() -> None:
        raise ValueError("bad pixel")

    QTimer.singleShot(20, close_box)
    QTimer.singleShot(0, slot)
    try:
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    finally:
        QCoreApplication.removeTranslator(translator)
    [log] = (tmp_path / "logs").glob("crash-*.log")
    assert "ValueError: bad pixel" in log.read_text(encoding="utf-8")
    assert str(log) in shown[0] and "bad pixel" in shown[0] and words in shown[0]


def test_the_crash_box_and_the_crash_line_say_the_same() -> None:
    from app.crash_log import CRASH_TEMPLATE
    from app.gui.main import CRASH_TEXT
    assert CRASH_TEXT == CRASH_TEMPLATE   # lupdate needs the literal twice
