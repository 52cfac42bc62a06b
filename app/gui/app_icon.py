"""SR Studio's icon, drawn here (no image file, nothing downloaded): a disc that is coarse
pixels on its left half and smooth on its right, on a blue-violet rounded square, which is
what the app does.  The window uses :func:`app_icon`; ``scripts/build.py`` writes the
same drawing as the PNG, ICO and ICNS files the executables and the macOS bundle carry
(:func:`write_icon_files`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QLinearGradient, QPainter, QPixmap

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
TOP, BOTTOM = QColor(37, 99, 235), QColor(124, 58, 237)
INK = QColor(255, 255, 255)


def draw_icon(size: int = 256) -> QImage:
    """The icon at ``size`` x ``size`` pixels (transparent corners)."""
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    s = float(size)
    tile = QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92)
    grad = QLinearGradient(tile.topLeft(), tile.bottomRight())
    grad.setColorAt(0.0, TOP)
    grad.setColorAt(1.0, BOTTOM)
    p.setBrush(grad)
    p.drawRoundedRect(tile, s * 0.2, s * 0.2)
    cx = cy = s / 2
    radius = s * 0.3
    p.setBrush(INK)
    cells = 6                                   # the pixelated half: 3 x 6 blocks
    cell = 2 * radius / cells
    gap = max(s * 0.008, 0.5)
    for i in range(cells // 2):
        for j in range(cells):
            x, y = cx - radius + i * cell, cy - radius + j * cell
            if (x + cell / 2 - cx) ** 2 + (y + cell / 2 - cy) ** 2 <= radius ** 2:
                p.drawRect(QRectF(x + gap, y + gap, cell - 2 * gap, cell - 2 * gap))
    p.setClipRect(QRectF(cx + gap, 0, s, s))    # the smooth half
    p.drawEllipse(QPointF(cx, cy), radius, radius)
    p.end()
    return img


def app_icon() -> QIcon:
    """The window icon, with a pixmap drawn at each common size (crisp, not scaled)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(QPixmap.fromImage(draw_icon(size)))
    return icon


def write_icon_files(out: Path) -> dict[str, Path]:
    """Write ``srstudio.png`` (512 px), ``srstudio.ico`` (Windows, 16-256 px) and
    ``srstudio.icns`` (macOS) into ``out``; by suffix, the files written."""
    from PIL import Image
    out.mkdir(parents=True, exist_ok=True)
    png = out / "srstudio.png"
    if not draw_icon(1024).save(str(png)):
        raise OSError(f"could not write {png}")
    big = Image.open(png)
    big.load()
    files = {"png": png, "ico": out / "srstudio.ico", "icns": out / "srstudio.icns"}
    big.save(files["ico"], sizes=[(n, n) for n in ICON_SIZES if n <= 256])
    big.save(files["icns"])
    big.resize((512, 512), Image.Resampling.LANCZOS).save(png)
    return files


if __name__ == "__main__":
    import sys
    for path in write_icon_files(Path(sys.argv[1] if len(sys.argv) > 1 else ".")).values():
        print(path)
