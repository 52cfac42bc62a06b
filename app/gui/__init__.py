"""SR Studio's desktop app (PySide6): a thin Qt layer over the engine's plain-Python API.

Nothing in this package does numerical work on images; it converts arrays to QImages for
display and runs every long engine call in a worker thread (see :mod:`app.gui.workers`).
"""
