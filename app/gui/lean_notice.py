"""The lean build (no PyTorch) in the app: the Train tab says in one line that training
needs the full build, and its form is disabled, instead of failing when Start is clicked."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QBoxLayout, QLabel, QWidget


def needs_full_build_label(layout: QBoxLayout, body: QWidget) -> QLabel | None:
    """In a build without torch: put the one-line notice above ``body`` (in ``layout``)
    and disable ``body``; None (and nothing changed) in the full build."""
    from engine.models.builds import FULL_BUILD, torch_available
    if torch_available():
        return None
    label = QLabel(QCoreApplication.translate(
        "LeanBuild", "Training needs PyTorch, which this build leaves out: use {full}, "
        "the full build.").format(full=FULL_BUILD))
    label.setObjectName("needsFullBuild")
    label.setWordWrap(True)
    layout.insertWidget(0, label)
    body.setEnabled(False)
    return label
