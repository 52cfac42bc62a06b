"""The main window's widget tree: settings | viewer over queue | metrics on the Upscale tab,
the Train tab, the log dock and the status bar's permanent labels.

Built apart from :class:`~app.gui.main_window.MainWindow` so the window only creates the
parts and wires their signals; the returned splitters are what the window saves and restores.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.gui.fitted_scroll import FittedScrollArea


@dataclass(frozen=True)
class MainLayout:
    """The containers the window keeps: tests and scripts reach them through the window."""

    tabs: QTabWidget
    main_split: QSplitter
    center_split: QSplitter
    log_dock: QDockWidget
    device_label: QLabel
    counts_label: QLabel


RIGHT_MIN_WIDTH = 280


def build_main_layout(win: QMainWindow, *, settings_panel: QWidget, compare: QWidget,
                      queue_view: QWidget, metrics: QWidget, trainer: QWidget,
                      log: QWidget, run_bar: QWidget | None = None,
                      run_on: QWidget | None = None) -> MainLayout:
    """Lay the parts out in ``win`` (central tabs, bottom log dock, status bar labels).

    Sized to fit a 1280x720 screen: the settings scroll, with ``run_on`` (where the jobs
    run) and ``run_bar`` (Start, Cancel all) pinned below them so they never scroll out
    of view."""
    # as wide as the settings need beside their scroll bar: narrower clipped the browse
    # and Import buttons and the spin boxes' arrows (there is no horizontal scrolling)
    scroll = FittedScrollArea(settings_panel)
    left = QWidget()   # its minimum is the scroll area's (the settings' own width)
    left_lay = QVBoxLayout(left)
    left_lay.setContentsMargins(0, 0, 0, 0)
    left_lay.addWidget(scroll, 1)
    if run_on is not None:
        left_lay.addWidget(run_on)
    if run_bar is not None:
        left_lay.addWidget(run_bar)
    # no scroll area on the right: its wrapped text would make the area use the
    # preferred (not minimum) height and scroll the chart out of view
    right = metrics
    right.setMinimumWidth(RIGHT_MIN_WIDTH)

    center_split = QSplitter(Qt.Orientation.Vertical)
    center_split.addWidget(compare)
    center_split.addWidget(queue_view)
    center_split.setStretchFactor(0, 3)
    center_split.setStretchFactor(1, 1)
    center_split.setSizes([620, 220])
    main_split = QSplitter(Qt.Orientation.Horizontal)
    main_split.addWidget(left)
    main_split.addWidget(center_split)
    main_split.addWidget(right)
    main_split.setStretchFactor(1, 1)
    main_split.setSizes([320, 900, 340])

    upscale = QWidget()
    ul = QVBoxLayout(upscale)
    ul.setContentsMargins(6, 6, 6, 6)
    ul.addWidget(main_split)
    tabs = QTabWidget()
    tabs.addTab(upscale, win.tr("Upscale"))
    tabs.addTab(trainer, win.tr("Train"))
    win.setCentralWidget(tabs)

    log_dock = QDockWidget(win.tr("Log"), win)
    log_dock.setObjectName("logDock")
    log_dock.setWidget(log)
    win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, log_dock)
    win.resizeDocks([log_dock], [110], Qt.Orientation.Vertical)
    device_label = QLabel("")
    counts_label = QLabel("")
    win.statusBar().addPermanentWidget(counts_label)
    win.statusBar().addPermanentWidget(device_label)
    return MainLayout(tabs=tabs, main_split=main_split, center_split=center_split,
                      log_dock=log_dock, device_label=device_label, counts_label=counts_label)
