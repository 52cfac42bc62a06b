"""Tiled inference: even grids, raised-cosine seams, band assembly, OOM splitting."""

from engine.tiling.grid import even_split
from engine.tiling.tiler import TileReport, auto_tile_size, band_bytes, run_tiled

__all__ = ["TileReport", "auto_tile_size", "band_bytes", "even_split", "run_tiled"]
