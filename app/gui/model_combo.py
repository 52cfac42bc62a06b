"""The model list of the upscale settings: role entries, trained models, resizers.

*Auto*, *Quality* and *Fast* come first and follow the scale chosen beside the list (as
``srstudio upscale -m quality -s N``), each labelled with the file it runs at that scale
(*Quality → quality_x3*); a trained model below them fixes the scale; the resizers
(bicubic ...) take any scale.  The choice is a name ``engine.models.registry.resolve_model``
understands, so the CLI and the app resolve it the same way.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

from app.gui.model_labels import model_label

# labels and tips are translated where they are shown (self.tr); QT_TRANSLATE_NOOP marks
# them for pyside6-lupdate, which reads only literal tr() arguments
RESIZERS = (("bicubic", QT_TRANSLATE_NOOP("ModelCombo", "MATLAB imresize, the SR baseline")),
            ("lanczos", "Lanczos 8×8"),
            ("bilinear", QT_TRANSLATE_NOOP("ModelCombo", "bilinear")),
            ("nearest", QT_TRANSLATE_NOOP("ModelCombo", "pixel replication")))
AUTO = "auto"   # the remembered model on a first run: the best shipped one, once listed
# entries that follow the scale combo: (name for resolve_model, label, tooltip)
ROLE_ENTRIES = (
    (AUTO, QT_TRANSLATE_NOOP("ModelCombo", "Auto"),
     QT_TRANSLATE_NOOP("ModelCombo",
                       "Chosen per input for the chosen scale: the photo model for JPEG-"
                       "compressed or noisy pictures and for videos, else quality (or fast "
                       "where it scores as well); the log says which and why")),
    ("quality", QT_TRANSLATE_NOOP("ModelCombo", "Quality"),
     QT_TRANSLATE_NOOP("ModelCombo", "The quality model for the chosen scale (sharper, slower)")),
    ("fast", QT_TRANSLATE_NOOP("ModelCombo", "Fast"),
     QT_TRANSLATE_NOOP("ModelCombo", "The fast model for the chosen scale")))

NameRole = Qt.ItemDataRole.UserRole + 1
ScaleRole = Qt.ItemDataRole.UserRole + 2     # the scale a trained model fixes, else None
NetworkRole = Qt.ItemDataRole.UserRole + 3   # True for trained networks and role entries


class ModelCombo(QComboBox):
    """A combo box of model names; :meth:`set_scale` keeps the role entries' labels true."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelCombo")
        self._items = QStandardItemModel(self)
        self.setModel(self._items)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self._models: list[Any] = []
        self._scale = 4

    def fill(self, models: list[Any]) -> None:
        """Role entries (for the roles installed), trained models, then resizers.  Emits no
        index change: the caller selects what it wants afterwards."""
        self._models = list(models)
        self.blockSignals(True)
        self._items.clear()
        roles = {m.role for m in models}
        for name, label, tip in ROLE_ENTRIES:
            if name in roles or (name == AUTO and roles & {"quality", "fast"}):
                self._add(self.tr(label), name, None, True, self.tr(tip))
        if self._items.rowCount():
            self._add_separator()
        for info in models:
            self._add(model_label(info), info.name, int(info.scale), True,
                      f"{info.arch} · {info.path}")
        if models:
            self._add_separator()
        for name, desc in RESIZERS:
            self._add(f"{name} · {self.tr(desc)}", name, None, False)
        self._label_role_entries()
        self.blockSignals(False)

    def _add(self, text: str, name: str, scale: int | None, network: bool,
             tip: str | None = None) -> None:
        it = QStandardItem(text)
        it.setData(name, NameRole)
        it.setData(scale, ScaleRole)
        it.setData(network, NetworkRole)
        if tip:
            it.setToolTip(tip)
        self._items.appendRow(it)

    def _add_separator(self) -> None:
        sep = QStandardItem("──────────")
        sep.setEnabled(False)
        sep.setData(None, NameRole)
        self._items.appendRow(sep)

    # the role entries ----------------------------------------------------------------
    def set_scale(self, scale: int) -> None:
        self._scale = int(scale)
        self._label_role_entries()

    def role_target(self, role: str, scale: int | None | str = "current") -> Any:
        """The model a role entry runs at ``scale`` (default: the current one), or None;
        the same choice as ``engine.models.registry.resolve_model``."""
        if not self._models:
            return None
        from engine.models.registry import pick_role  # the models worker imported it
        return pick_role(self._models, role, self._scale if scale == "current" else scale)

    def _auto_text(self) -> str | None:
        """What Auto runs: 'quality / photo' (the roles for clean / for compressed or noisy
        input, the choice engine.jobs.plan.auto_chooser makes per file; role names keep
        the entry readable in the narrow panel, the log names each file's model), one
        model's name, or None."""
        from engine.models.registry import auto_candidates
        if not self._models:
            return None
        clean, photo = auto_candidates(self._models, self._scale)
        if clean is not None and photo is not None and clean.name != photo.name:
            return f"{getattr(clean, 'role', None) or clean.name} / photo"
        found = clean or photo
        return found.name if found is not None else None

    def _label_role_entries(self) -> None:
        """'Quality → quality_x4', 'Auto → quality / photo', or 'Quality → none at
        ×8': what each entry runs now."""
        labels = {name: label for name, label, _ in ROLE_ENTRIES}
        for i in range(self._items.rowCount()):
            it = self._items.item(i)
            name = it.data(NameRole)
            if name not in labels or it.data(NetworkRole) is not True \
                    or it.data(ScaleRole) is not None:
                continue
            target = self.role_target(name)
            found = self._auto_text() if name == AUTO else (
                target.name if target is not None else None)
            what = found or self.tr("none at ×{s}").format(s=self._scale)
            it.setText(f"{self.tr(labels[name])} → {what}")

    # selection -----------------------------------------------------------------------
    def names(self) -> list[str]:
        return [n for i in range(self._items.rowCount())
                if (n := self._items.item(i).data(NameRole))]

    def select(self, name: str) -> bool:
        for i in range(self._items.rowCount()):
            if self._items.item(i).data(NameRole) == name:
                self.setCurrentIndex(i)
                return True
        return False

    def name(self) -> str:
        i = self.currentIndex()
        return (self._items.item(i).data(NameRole) or "") if i >= 0 else ""

    def fixed_scale(self) -> int | None:
        """The scale the selected model fixes (a trained file), else None."""
        i = self.currentIndex()
        return self._items.item(i).data(ScaleRole) if i >= 0 else None

    def is_network(self) -> bool:
        """True for trained networks and role entries, False for the resizers."""
        i = self.currentIndex()
        return bool(self._items.item(i).data(NetworkRole)) if i >= 0 else False
