"""SR Studio application layer: the CLI (``app.cli``) and the Qt desktop app (``app.gui``)."""

__version__ = "0.1.0"
