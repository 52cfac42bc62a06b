"""A zoomable, pannable view of one image, or of two with a draggable split-wipe divider.

Coordinates: the *view space* is the output image's pixel grid.  Each layer says how
many view units one of its pixels covers (``factor``: 1 for the output, the scale for
the input, which is how the input is shown "upsampled" to the output size purely by
QPainter scaling).  The view state is (zoom = screen px per view unit, centre in view
units), so two views with the same state show exactly the same region.

Painting asks the layer's :class:`TiledImage` for the tiles that intersect the viewport
at the pyramid level nearest the screen resolution; nothing proportional to the image
size happens per repaint.  Zoomed in (one image pixel covering one screen pixel or
more) tiles are drawn with nearest-neighbour so pixels are exact, unless the layer asks
for smooth scaling (the "bicubic-looking" display of the input).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.gui.viewer.tile_cache import TILE, TiledImage

MIN_ZOOM, MAX_ZOOM = 1 / 64, 64.0
DIVIDER_GRAB_PX = 8


@dataclass
class Layer:
    image: TiledImage
    factor: float = 1.0      # view units per image pixel
    smooth: bool = False     # bilinear magnification (input shown like an interpolation)
    label: str = ""


class ImageView(QWidget):
    """Draws up to two layers; emits ``viewChanged`` when the *user* changes the view."""

    viewChanged = Signal(float, float, float)   # zoom, centre x, centre y
    dividerMoved = Signal(float)                # 0..1 of the width

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.left: Layer | None = None
        self.right: Layer | None = None
        self.wipe = False
        self.divider = 0.5
        self.zoom = 1.0
        self.cx = 0.0
        self.cy = 0.0
        self.fit_mode = True
        self.placeholder = ""
        self._drag: str | None = None
        self._last = QPointF()
        self.tiles_drawn = 0        # per paint, for tests and benchmarks

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    # layers ----------------------------------------------------------------------------
    def set_layers(self, left: Layer | None, right: Layer | None = None) -> None:
        had = self.content_size()
        self.left, self.right = left, right
        if self.fit_mode or had == (0.0, 0.0):
            self.fit(emit=False)
        self.update()

    def content_size(self) -> tuple[float, float]:
        sizes = [(ly.image.width * ly.factor, ly.image.height * ly.factor)
                 for ly in (self.left, self.right) if ly is not None]
        if not sizes:
            return 0.0, 0.0
        return max(s[0] for s in sizes), max(s[1] for s in sizes)

    # view state ------------------------------------------------------------------------
    def set_view(self, zoom: float, cx: float, cy: float, *, fit_mode: bool = False) -> None:
        """Apply a view state from elsewhere (sync); does not emit ``viewChanged``."""
        self.zoom, self.cx, self.cy = zoom, cx, cy
        self.fit_mode = fit_mode
        self.update()

    def _changed(self) -> None:
        self.update()
        self.viewChanged.emit(self.zoom, self.cx, self.cy)

    def fit_zoom(self) -> float:
        cw, ch = self.content_size()
        if cw <= 0 or ch <= 0 or self.width() <= 0 or self.height() <= 0:
            return 1.0
        return max(MIN_ZOOM, min(MAX_ZOOM, min(self.width() / cw, self.height() / ch)))

    def fit(self, emit: bool = True) -> None:
        cw, ch = self.content_size()
        self.zoom = self.fit_zoom()
        self.cx, self.cy = cw / 2, ch / 2
        self.fit_mode = True
        if emit:
            self._changed()
        else:
            self.update()

    def set_zoom(self, zoom: float, anchor: QPointF | None = None, emit: bool = True) -> None:
        """Zoom keeping the view point under ``anchor`` (default: the centre) in place."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if anchor is not None:
            ax = anchor.x() - self.width() / 2
            ay = anchor.y() - self.height() / 2
            vx, vy = ax / self.zoom + self.cx, ay / self.zoom + self.cy
            self.cx, self.cy = vx - ax / zoom, vy - ay / zoom
        self.zoom = zoom
        self.fit_mode = False
        self._clamp()
        if emit:
            self._changed()

    def pan_by(self, dx_screen: float, dy_screen: float, emit: bool = True) -> None:
        self.cx -= dx_screen / self.zoom
        self.cy -= dy_screen / self.zoom
        self.fit_mode = False
        self._clamp()
        if emit:
            self._changed()

    def _clamp(self) -> None:
        cw, ch = self.content_size()
        self.cx = min(max(self.cx, 0.0), cw)
        self.cy = min(max(self.cy, 0.0), ch)

    def view_to_screen(self, vx: float, vy: float) -> QPointF:
        return QPointF((vx - self.cx) * self.zoom + self.width() / 2,
                       (vy - self.cy) * self.zoom + self.height() / 2)

    def screen_to_view(self, p: QPointF) -> tuple[float, float]:
        return ((p.x() - self.width() / 2) / self.zoom + self.cx,
                (p.y() - self.height() / 2) / self.zoom + self.cy)

    def visible_rect(self) -> QRectF:
        """The region of view space on screen."""
        x0, y0 = self.screen_to_view(QPointF(0, 0))
        x1, y1 = self.screen_to_view(QPointF(self.width(), self.height()))
        return QRectF(x0, y0, x1 - x0, y1 - y0)

    # events ----------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.fit_mode:
            self.fit(emit=False)
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.pixelDelta().y()
        if not delta:
            return
        self.set_zoom(self.zoom * (1.0015 ** delta), event.position())
        event.accept()

    def _divider_x(self) -> float:
        return self.width() * self.divider

    def _near_divider(self, x: float) -> bool:
        return self.wipe and self.right is not None and \
            abs(x - self._divider_x()) <= DIVIDER_GRAB_PX

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = "divider" if self._near_divider(event.position().x()) else "pan"
            self._last = event.position()
            if self._drag == "pan":
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._drag == "divider":
            self.set_divider(pos.x() / max(1, self.width()))
            self.dividerMoved.emit(self.divider)
        elif self._drag == "pan":
            d = pos - self._last
            self._last = pos
            self.pan_by(d.x(), d.y())
        else:
            self.setCursor(Qt.CursorShape.SplitHCursor if self._near_divider(pos.x())
                           else Qt.CursorShape.OpenHandCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.fit_mode:
            self.set_zoom(1.0, event.position())
        else:
            self.fit()

    def set_divider(self, fraction: float) -> None:
        self.divider = min(max(fraction, 0.0), 1.0)
        self.update()

    # painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(24, 25, 27))
        self.tiles_drawn = 0
        if self.left is None and self.right is None:
            if self.placeholder:
                p.setPen(QColor(150, 150, 150))
                p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
            return
        full = self.rect()
        if self.wipe and self.right is not None and self.left is not None:
            dx = int(round(self._divider_x()))
            self._draw_layer(p, self.left, QRect(0, 0, dx, full.height()))
            self._draw_layer(p, self.right, QRect(dx, 0, full.width() - dx, full.height()))
            self._draw_divider(p, dx)
            self._draw_label(p, self.left.label, left=True)
            self._draw_label(p, self.right.label, left=False)
        else:
            layer = self.left or self.right
            assert layer is not None
            self._draw_layer(p, layer, full)
            self._draw_label(p, layer.label, left=True)
        self._draw_zoom(p)

    def _draw_layer(self, p: QPainter, layer: Layer, clip: QRect) -> None:
        if clip.width() <= 0 or clip.height() <= 0:
            return
        img = layer.image
        eff = self.zoom * layer.factor            # screen px per image pixel
        level = img.level_for(eff)
        lw, lh = img.level_size(level)
        if lw <= 0 or lh <= 0:
            return
        # view units per level pixel
        ux, uy = layer.factor * img.width / lw, layer.factor * img.height / lh
        half_w, half_h = self.width() / 2, self.height() / 2
        u0 = max(0, math.floor(((clip.left() - half_w) / self.zoom + self.cx) / ux))
        u1 = min(lw, math.ceil(((clip.right() + 1 - half_w) / self.zoom + self.cx) / ux))
        v0 = max(0, math.floor(((clip.top() - half_h) / self.zoom + self.cy) / uy))
        v1 = min(lh, math.ceil(((clip.bottom() + 1 - half_h) / self.zoom + self.cy) / uy))
        if u1 <= u0 or v1 <= v0:
            return
        p.save()
        p.setClipRect(clip)
        smooth = layer.smooth or self.zoom * ux < 1.0
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)

        def sx(u: float) -> int:
            return int(round((u * ux - self.cx) * self.zoom + half_w))

        def sy(v: float) -> int:
            return int(round((v * uy - self.cy) * self.zoom + half_h))

        for ty in range(v0 // TILE, (v1 - 1) // TILE + 1):
            for tx in range(u0 // TILE, (u1 - 1) // TILE + 1):
                tw = min(TILE, lw - tx * TILE)
                th = min(TILE, lh - ty * TILE)
                x0, y0 = sx(tx * TILE), sy(ty * TILE)
                x1, y1 = sx(tx * TILE + tw), sy(ty * TILE + th)
                p.drawImage(QRect(x0, y0, x1 - x0, y1 - y0), img.tile(level, tx, ty))
                self.tiles_drawn += 1
        p.restore()

    def _draw_divider(self, p: QPainter, x: int) -> None:
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(QColor(255, 255, 255, 220), 2))
        p.drawLine(x, 0, x, self.height())
        cy = self.height() / 2
        p.setBrush(QColor(40, 40, 40, 200))
        p.drawEllipse(QPointF(x, cy), 11, 11)
        p.setPen(QPen(QColor(255, 255, 255), 2))
        p.drawLine(QPointF(x - 5, cy), QPointF(x - 2, cy - 3))
        p.drawLine(QPointF(x - 5, cy), QPointF(x - 2, cy + 3))
        p.drawLine(QPointF(x + 5, cy), QPointF(x + 2, cy - 3))
        p.drawLine(QPointF(x + 5, cy), QPointF(x + 2, cy + 3))
        p.restore()

    def _badge(self, p: QPainter, text: str, rect: QRect, align: Qt.AlignmentFlag) -> None:
        if not text:
            return
        p.save()
        f = QFont(self.font())
        f.setBold(True)
        p.setFont(f)
        br = p.fontMetrics().boundingRect(text).adjusted(-7, -4, 7, 4)
        if align & Qt.AlignmentFlag.AlignRight:
            br.moveTopRight(rect.topRight())
        elif align & Qt.AlignmentFlag.AlignBottom:
            br.moveBottomLeft(rect.bottomLeft())
        else:
            br.moveTopLeft(rect.topLeft())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 160))
        p.drawRoundedRect(br, 4, 4)
        p.setPen(QColor(240, 240, 240))
        p.drawText(br, Qt.AlignmentFlag.AlignCenter, text)
        p.restore()

    def _draw_label(self, p: QPainter, text: str, left: bool) -> None:
        r = self.rect().adjusted(8, 8, -8, -8)
        self._badge(p, text, r, Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignRight)

    def _draw_zoom(self, p: QPainter) -> None:
        r = self.rect().adjusted(8, 8, -8, -8)
        self._badge(p, f"{self.zoom * 100:.0f}%", r, Qt.AlignmentFlag.AlignBottom)
