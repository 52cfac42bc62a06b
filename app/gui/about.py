"""The About dialog: versions and the device in use, for bug reports, and (under Qt's own
*Show Details...* button) the third-party software the app carries with its licences
(app/licences.py: collected at build time in a frozen build)."""

from __future__ import annotations

import sys
from importlib import metadata

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget


def package_version(name: str, fallback: str = "not installed") -> str:
    """Version from the installed metadata, without importing the package (torch is slow)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return fallback


def about_text(device: str) -> str:
    # QCoreApplication.translate spelled out each time: pyside6-lupdate reads a
    # ``tr = QCoreApplication.translate`` alias as tr(source, comment) and loses the strings
    rows = [
        ("SR Studio", package_version("srstudio", "0.1.0")),
        ("PyTorch", package_version("torch")),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("Python", sys.version.split()[0]),
        (QCoreApplication.translate("About", "Device"),
         device or QCoreApplication.translate("About", "not probed yet")),
    ]
    body = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
    intro = QCoreApplication.translate(
        "About", "Single-image and video super-resolution, with a built-in trainer.")
    return f"<h3>SR Studio</h3><p>{intro}</p><table>{body}</table>" \
           "<p>Apache-2.0 licence.</p>"


def show_about(parent: QWidget | None, device: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("About", "About SR Studio"))
    box.setText(about_text(device))
    from app.licences import load, summary
    box.setDetailedText(summary(load()))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.open()
    return box
