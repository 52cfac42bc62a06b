"""Tiled inference: even grids, raised-cosine seams, band assembly, OOM splitting."""

from engine.tiling.grid import even_split
from engine.tiling.rows import ArrayRows, RowSource
from engine.tiling.tiler import TileReport, auto_tile_size, band_bytes, iter_tiled, run_tiled

__all__ = ["ArrayRows", "RowSource", "TileReport", "auto_tile_size", "band_bytes",
           "even_split", "iter_tiled", "run_tiled"]
