"""The questions a Start may ask: what to do with an output that exists, and whether to
start a long video now.

Plain functions of the dialog's parent, so the controller only asks; their texts keep the
translation context they had as the controller's ``self.tr`` ('QueueController').
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication as QCore
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget


def ask_conflict(parent: QWidget, target: Path) -> tuple[str, bool]:
    """('overwrite' | 'skip' | 'rename', apply to all) for an existing output file."""
    box = QMessageBox(QMessageBox.Icon.Question, QCore.translate("QueueController",
                                                                 "Output exists"),
                      QCore.translate("QueueController", "{name} already exists in {folder}."
                                      ).format(name=target.name, folder=target.parent),
                      parent=parent)
    over = box.addButton(QCore.translate("QueueController", "Overwrite"),
                         QMessageBox.ButtonRole.DestructiveRole)
    rename = box.addButton(QCore.translate("QueueController", "Rename"),
                           QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCore.translate("QueueController", "Skip"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(rename)
    all_box = QCheckBox(QCore.translate("QueueController", "Do this for every existing file"))
    box.setCheckBox(all_box)
    box.exec()
    clicked = box.clickedButton()
    choice = "overwrite" if clicked is over else "rename" if clicked is rename else "skip"
    return choice, all_box.isChecked()


def confirm_long_video(parent: QWidget, text: str) -> bool:
    """Start a video whose estimate (``text``) is long? (Not now: it stays queued.)"""
    box = QMessageBox(QMessageBox.Icon.Question, QCore.translate("QueueController",
                                                                 "Long video"),
                      QCore.translate("QueueController", "{text}. Start it?").format(text=text),
                      parent=parent)
    box.setObjectName("videoCost")
    go = box.addButton(QCore.translate("QueueController", "Start"),
                       QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCore.translate("QueueController", "Not now"),
                  QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go)
    box.exec()
    return box.clickedButton() is go
