"""Side-by-side and split-wipe comparison of any two sources, zoom and pan kept in sync.

Sources are named layers (the input shown smooth or nearest, each finished result of the
selected item, a live preview, a heat map); the user picks one for each side.  All three
:class:`ImageView` widgets share one view state: a change in one is copied to the others.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.gui.viewer.image_view import ImageView, Layer

SIDE, WIPE = "side", "wipe"


class CompareView(QWidget):
    modeChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.sources: dict[str, Layer] = {}
        self.left_view = ImageView()
        self.right_view = ImageView()
        self.wipe_view = ImageView()
        self.left_view.placeholder = self.tr(
            "Drop images, videos or folders here\n(or File ▸ Open, Ctrl+O)")
        self.right_view.placeholder = self.tr("The result appears here")
        self.wipe_view.placeholder = self.left_view.placeholder
        self.wipe_view.wipe = True
        self._syncing = False
        for v in self.views():
            v.viewChanged.connect(self._on_view_changed)

        self.mode_combo = QComboBox()
        self.mode_combo.addItem(self.tr("Side by side"), SIDE)
        self.mode_combo.addItem(self.tr("Split wipe"), WIPE)
        self.left_combo = QComboBox()
        self.right_combo = QComboBox()
        for c in (self.left_combo, self.right_combo):
            # long captions ('Heat map · quality_x4') must not widen the window's minimum;
            # 5 characters, not 8: each view names its image in its own caption, and the
            # row's longer words in other languages ('Nebeneinander', 'Einpassen') left
            # the self-check table too narrow for its numbers at 1280 pixels
            c.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            c.setMinimumContentsLength(5)
        self.zoom_label = QLabel("100%")
        self.zoom_label.setMinimumWidth(48)
        self.fit_button = QToolButton()
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Fit to window (F, Ctrl+0)"))
        self.one_button = QToolButton()
        self.one_button.setText("1:1")
        self.one_button.setToolTip(self.tr("Actual pixels (1)"))
        self.fit_button.clicked.connect(self.fit)
        self.one_button.clicked.connect(lambda: self.zoom_to(1.0))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.mode_combo)
        bar.addSpacing(8)
        bar.addWidget(QLabel(self.tr("Left:")))
        bar.addWidget(self.left_combo, 1)   # they take the room there is, down to 8 chars
        bar.addWidget(QLabel(self.tr("Right:")))
        bar.addWidget(self.right_combo, 1)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.one_button)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left_view)
        self.splitter.addWidget(self.right_view)
        self.splitter.setChildrenCollapsible(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.wipe_view)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addLayout(bar)
        lay.addWidget(self.stack, 1)

        self.mode_combo.currentIndexChanged.connect(self._on_mode)
        self.left_combo.currentIndexChanged.connect(self._apply_layers)
        self.right_combo.currentIndexChanged.connect(self._apply_layers)

    # helpers ---------------------------------------------------------------------------
    def views(self) -> tuple[ImageView, ImageView, ImageView]:
        return self.left_view, self.right_view, self.wipe_view

    def active_views(self) -> list[ImageView]:
        return [self.wipe_view] if self.mode == WIPE else [self.left_view, self.right_view]

    @property
    def mode(self) -> str:
        return str(self.mode_combo.currentData())

    def set_mode(self, mode: str) -> None:
        self.mode_combo.setCurrentIndex(0 if mode == SIDE else 1)

    def view_state(self) -> tuple[float, float, float]:
        v = self.active_views()[0]
        return v.zoom, v.cx, v.cy

    # sources ---------------------------------------------------------------------------
    def set_sources(self, sources: dict[str, Layer], left: str | None = None,
                    right: str | None = None) -> None:
        """Replace the selectable sources; keep the current picks when they still exist."""
        old_left, old_right = self.left_combo.currentText(), self.right_combo.currentText()
        self.sources = dict(sources)
        for layer_name, layer in self.sources.items():
            layer.label = layer.label or layer_name
        names = list(self.sources)
        left = left if left in self.sources else (old_left if old_left in self.sources else
                                                   (names[0] if names else None))
        right = right if right in self.sources else (
            old_right if old_right in self.sources else (names[-1] if names else None))
        for combo, pick in ((self.left_combo, left), (self.right_combo, right)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(names)
            if pick is not None:
                combo.setCurrentText(pick)
            combo.blockSignals(False)
        self._apply_layers()

    def select(self, left: str | None = None, right: str | None = None) -> None:
        if left is not None and left in self.sources:
            self.left_combo.setCurrentText(left)
        if right is not None and right in self.sources:
            self.right_combo.setCurrentText(right)

    def update_source(self, name: str, layer: Layer, show_right: bool = False) -> None:
        """Add or replace one source (e.g. the live preview) without touching the others."""
        layer.label = layer.label or name
        new = name not in self.sources
        self.sources[name] = layer
        if new:
            for combo in (self.left_combo, self.right_combo):
                combo.blockSignals(True)
                combo.addItem(name)
                combo.blockSignals(False)
        if show_right:
            self.right_combo.blockSignals(True)
            self.right_combo.setCurrentText(name)
            self.right_combo.blockSignals(False)
        self._apply_layers()

    def layer(self, side: str) -> Layer | None:
        combo = self.left_combo if side == "left" else self.right_combo
        return self.sources.get(combo.currentText())

    def _apply_layers(self) -> None:
        left, right = self.layer("left"), self.layer("right")
        first = all(v.left is None and v.right is None for v in self.views())
        self.left_view.set_layers(left)
        self.right_view.set_layers(right)
        self.wipe_view.set_layers(left, right)
        if first:
            self.fit()
        else:  # keep the three in step (content size may have changed)
            zoom, cx, cy = self.view_state()
            fit = self.active_views()[0].fit_mode
            for v in self.views():
                if fit:
                    v.fit(emit=False)
                else:
                    v.set_view(zoom, cx, cy)
        self._update_zoom_label()

    def refresh(self) -> None:
        for v in self.active_views():
            v.update()

    # view sync -------------------------------------------------------------------------
    def _on_view_changed(self, zoom: float, cx: float, cy: float) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            for v in self.views():
                if v is not self.sender():
                    v.set_view(zoom, cx, cy)
        finally:
            self._syncing = False
        self._update_zoom_label()

    def _on_mode(self) -> None:
        src = self.wipe_view if self.mode == SIDE else self.left_view
        zoom, cx, cy = src.zoom, src.cx, src.cy
        for v in self.active_views():
            v.set_view(zoom, cx, cy, fit_mode=src.fit_mode)
            if src.fit_mode:
                v.fit(emit=False)
        self.stack.setCurrentIndex(0 if self.mode == SIDE else 1)
        self.modeChanged.emit(self.mode)

    def _update_zoom_label(self) -> None:
        self.zoom_label.setText(f"{self.view_state()[0] * 100:.0f}%")

    def fit(self) -> None:
        for v in self.views():
            v.fit(emit=False)
        self._update_zoom_label()

    def zoom_to(self, zoom: float) -> None:
        """Set an absolute zoom (1.0 = 100 %) about the current centre, in every view."""
        v = self.active_views()[0]
        v.set_zoom(zoom)  # emits -> the others follow

    def set_divider(self, fraction: float) -> None:
        self.wipe_view.set_divider(fraction)
