"""Image I/O of the engine: read files into :class:`ImageData`, write them back safely.

* ``reader``: decode PNG/JPEG/WebP/TIFF/BMP (8/16-bit) upright, with ICC and EXIF; its
  steps: ``read_checks`` (file, header, pixel limit, errors), ``pixel_decode`` (modes to
  arrays), ``pillow_exif`` (orientation, carried EXIF), ``float_tiff``.
* ``writer``: encode by suffix, atomically, never over an input.
* ``png_stream``: PNG encoder with O(band) memory for huge and 16-bit outputs.
* ``tiff_stream``, ``band_writer``: PNG/TIFF written from the tiler's bands as they come.
* ``png_rows``: a PNG's rows decoded on demand, a window at a time (huge inputs).
* ``atomic``: temp-file-and-rename writing with disk-full detection.
* ``files``: expand dropped folders into input files.
"""

from engine.io.atomic import atomic_output
from engine.io.files import iter_image_files, unread_images_note
from engine.io.formats import SUPPORTED_EXTENSIONS, is_supported_image
from engine.io.image import ImageData, from_float32, to_float32
from engine.io.png_stream import write_png_streaming
from engine.io.read_checks import DEFAULT_MAX_PIXELS
from engine.io.reader import probe_image, read_image
from engine.io.writer import write_image

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "SUPPORTED_EXTENSIONS",
    "ImageData",
    "atomic_output",
    "from_float32",
    "is_supported_image",
    "iter_image_files",
    "unread_images_note",
    "probe_image",
    "read_image",
    "to_float32",
    "write_image",
    "write_png_streaming",
]
