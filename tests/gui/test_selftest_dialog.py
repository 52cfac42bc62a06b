"""Help ▸ Self-test: the real menu action runs engine.selftest in a worker, the dialog's
table fills as the checks end and a pass/fail line closes it; closing the dialog cancels
a run still going.  Only the quick areas run here (image formats; the video check where
a failure is wanted), as ``srstudio selftest --skip`` would."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

import engine.selftest as selftest


def help_action(window, text: str) -> QAction:
    """The Help menu's entry whose text (without '&') is ``text``, as a user finds it."""
    bar = window.menuBar()
    help_menu = next(a.menu() for a in bar.actions() if a.text().replace("&", "") == "Help")
    assert isinstance(help_menu, QMenu)
    for act in help_menu.actions():
        if act.text().replace("&", "") == text:
            return act
    raise AssertionError(f"no Help ▸ {text}")


def test_help_self_test_shows_the_rows_and_passes(qtbot, window) -> None:
    window.menus.selftest_areas = ("formats",)
    help_action(window, "Self-test…").trigger()
    dialog = window.menus.selftest_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.running()   # the menu returned while the checks run in a worker
    qtbot.waitUntil(lambda: dialog.passed is not None, timeout=30000)
    labels = [label for _, label, _ in selftest.FORMATS]
    table = dialog.table
    assert table.rowCount() == len(labels)
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == \
        ["passed"] * len(labels)
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == \
        [f"Image format: {label}" for label in labels]
    assert dialog.passed is True
    assert dialog.verdict.text() == f"Self-test passed: {len(labels)} of {len(labels)} " \
        "checks succeeded."
    qtbot.waitUntil(lambda: not dialog.running() and not window.host.busy(), timeout=10000)
    dialog.close()


def test_a_failed_check_makes_the_run_fail(qtbot, window,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_video(work, rows, cancel) -> None:
        with selftest._timed(rows, "video", "10 frames + audio") as _:
            raise AssertionError("the audio track was lost")

    monkeypatch.setattr(selftest, "check_video", broken_video)
    window.menus.selftest_areas = ("video",)
    help_action(window, "Self-test…").trigger()
    dialog = window.menus.selftest_dialog
    qtbot.waitUntil(lambda: dialog.passed is not None, timeout=30000)
    assert dialog.passed is False
    assert dialog.table.item(0, 0).text() == "FAILED"
    assert dialog.table.item(0, 2).text() == "the audio track was lost"
    assert dialog.verdict.text() == "Self-test failed: 1 of 1 checks failed."
    dialog.close()


def test_closing_the_dialog_cancels_the_run(qtbot, window,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    started, seen_cancel = threading.Event(), threading.Event()

    def quick_formats(work, rows) -> None:
        started.set()

    def slow_models(work, rows, cancel) -> None:   # a long model check, checking cancel
        for _ in range(600):
            if cancel is not None and cancel.cancelled:
                seen_cancel.set()
                return
            threading.Event().wait(0.05)

    monkeypatch.setattr(selftest, "check_formats", quick_formats)
    monkeypatch.setattr(selftest, "check_models", slow_models)
    window.menus.selftest_areas = ("formats", "models")
    help_action(window, "Self-test…").trigger()
    dialog = window.menus.selftest_dialog
    qtbot.waitUntil(started.is_set, timeout=10000)
    dialog.close()   # as the title bar's close button does
    qtbot.waitUntil(lambda: not window.host.busy(), timeout=10000)
    assert seen_cancel.is_set()
    assert dialog.passed is None   # a cancelled run has no verdict
