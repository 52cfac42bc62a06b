"""The comparison viewer: tiled images, a zoom/pan view and the two-source compare widget."""

from app.gui.viewer.compare_view import SIDE, WIPE, CompareView
from app.gui.viewer.image_view import ImageView, Layer
from app.gui.viewer.tile_cache import TiledImage, array_to_qimage

__all__ = ["SIDE", "WIPE", "CompareView", "ImageView", "Layer", "TiledImage",
           "array_to_qimage"]
