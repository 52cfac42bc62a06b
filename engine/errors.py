"""Typed errors of the engine.

Every error carries a one-line message a user can act on; the CLI prints ``str(err)``
and the GUI shows it in the queue row, so messages never contain newlines or tracebacks.
"""

from __future__ import annotations


class SRStudioError(Exception):
    """Base class of every error the engine raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


# --- reading images -------------------------------------------------------------------
class ImageReadError(SRStudioError):
    """An input image could not be read."""


class EmptyFileError(ImageReadError):
    """The file has zero bytes."""


class UnsupportedFormatError(ImageReadError):
    """The file is not an image format we read (or not an image at all)."""


class CorruptImageError(ImageReadError):
    """The file claims to be an image but its data is broken."""


class TruncatedImageError(CorruptImageError):
    """The image data ends early (an interrupted download or copy)."""


class ImageTooLargeError(ImageReadError):
    """The image has more pixels than the configured limit (decompression-bomb guard)."""


# --- writing --------------------------------------------------------------------------
class ImageWriteError(SRStudioError):
    """An output could not be written; nothing partial is left behind."""


class DiskFullError(ImageWriteError):
    """The disk filled up while writing an output."""


class OutputExistsError(ImageWriteError):
    """The output path exists and overwriting was not asked for."""


# --- models ---------------------------------------------------------------------------
class UnsupportedModelError(SRStudioError):
    """The model name, file or architecture is unknown or cannot run as asked."""


class ModelFileError(SRStudioError):
    """A weight file is missing, corrupt, or its metadata does not describe it."""


# --- running --------------------------------------------------------------------------
class CancelledError(SRStudioError):
    """The user cancelled the job; partial outputs were removed."""


class DeviceOutOfMemoryError(SRStudioError):
    """The device ran out of memory even at the smallest tile size."""


class ConfigError(SRStudioError):
    """A configuration file or option is invalid."""


class VideoError(SRStudioError):
    """A video could not be decoded or encoded."""
