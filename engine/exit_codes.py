"""The one table of process exit codes of every ``srstudio`` command (upscale, eval,
colorize, models, export-onnx, train, train-colorize) and of ``python -m trainer``.

====  =================  ==================================================================
code  name               meaning
====  =================  ==================================================================
0     EXIT_OK            done
1     EXIT_ERROR         usage or setup error, nothing was processed: bad arguments, a bad
                         recipe/config, an unknown or broken model, a device that is missing
2     EXIT_INPUT_FAILED  some input failed (each got one line); every good one was written
130   EXIT_CANCELLED     cancelled (Ctrl-C or SIGTERM); partial outputs were removed (a
                         training run keeps ``last.pt``; continue with ``--resume``)
====  =================  ==================================================================

It lives in the engine, the lowest layer, because both the app's CLI and the trainer's
commands return these codes and the trainer may not import the app.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INPUT_FAILED = 2
EXIT_CANCELLED = 130

EXIT_CODES: dict[int, str] = {
    EXIT_OK: "done",
    EXIT_ERROR: "usage or setup error (bad arguments or config, unknown or broken model); "
                "nothing was processed",
    EXIT_INPUT_FAILED: "some input failed; every good one was written",
    EXIT_CANCELLED: "cancelled (Ctrl-C or SIGTERM); partial outputs were removed",
}
