"""What the settings panel offers: the scales, backends, precisions, tiles, output formats
and colorize modes it lists, and the tooltips that explain them.

Plain tuples and strings, apart from the widgets, so the lists read in one place.  Labels
and tips keep the 'SettingsPanel' translation context: they are translated where they are
shown (the panel's ``self.tr``), and ``QT_TRANSLATE_NOOP`` marks them for pyside6-lupdate,
which reads only literal tr() arguments.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

SCALES = (2, 3, 4, 8)
BACKENDS = (("Auto", "auto"), ("PyTorch", "torch"), ("ONNX Runtime", "onnx"))
BACKEND_TIP = QT_TRANSLATE_NOOP(
    "SettingsPanel", "PyTorch: CUDA, Apple MPS or CPU, any precision. ONNX Runtime: DirectML "
    "(Windows GPUs of any make), CUDA, CoreML or CPU, fp32. The model is converted on its "
    "first run and kept. Auto: whichever of the two ran faster when timed once on this "
    "computer (the log says which ran).")
ONNX_PRECISION_TIP = QT_TRANSLATE_NOOP("SettingsPanel", "ONNX Runtime runs fp32")
PRECISIONS = (("Auto", "auto"), ("FP32", "fp32"), ("FP16", "fp16"), ("BF16", "bf16"))
TILES = ("Auto", "Off", "64", "128", "192", "256", "384", "512", "768", "1024")
FORMATS = ((QT_TRANSLATE_NOOP("SettingsPanel", "Same as input"), None), ("PNG", "png"),
           ("JPEG", "jpg"), ("WebP", "webp"), ("TIFF", "tif"))
# (label, UpscaleOptions.colorize): colour black-and-white inputs before or after upscaling
COLORIZE = ((QT_TRANSLATE_NOOP("SettingsPanel", "Off"), None),
            (QT_TRANSLATE_NOOP("SettingsPanel", "Gray inputs, before upscaling"), "before"),
            (QT_TRANSLATE_NOOP("SettingsPanel", "Gray inputs, after upscaling"), "after"))
ENSEMBLE_TIP = QT_TRANSLATE_NOOP(
    "SettingsPanel", "Upscale each image in its 8 flips and rotations and average the results: "
    "a little sharper (about +0.1 to +0.2 dB PSNR), 8 times slower.")
COLORIZE_TIP = QT_TRANSLATE_NOOP(
    "SettingsPanel", "Colour black-and-white images and videos with the colorize model "
    "(Zhang et al. colorization), before or after upscaling. Colour inputs are "
    "left as they are.")
NO_COLORIZER_TIP = QT_TRANSLATE_NOOP("SettingsPanel", "no colorize model installed")
STRENGTH_TIP = QT_TRANSLATE_NOOP(
    "SettingsPanel", "How much of the colorizer's predicted colour to use: 0 % keeps the "
    "image gray, 100 % takes the prediction as it is. The colorizer can be badly wrong "
    "(red clouds, a yellow sky), so it starts low.")
DEFAULT_STRENGTH = 0.3   # engine.colorize.strength.DEFAULT_STRENGTH (no torch at start-up)
