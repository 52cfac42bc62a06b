"""The frozen builds' one entry point: the desktop app, or the CLI when the executable is
called ``srstudio`` (``srstudio.exe``).

Both executables of a build carry the same Python code, so they are one PyInstaller
analysis; on Linux the CLI is a symbolic link to the app's executable (one 10 MB copy of
the bundled code instead of two), on Windows and macOS a second executable (a console one
on Windows).  Each installs the crash log of app/crash_log.py.
"""

from __future__ import annotations

import sys

CLI_NAME = "srstudio"


def is_cli(argv0: str) -> bool:
    """True when the program was started under the CLI's name ('srstudio', 'srstudio.exe'),
    False for the app's ('SR Studio', 'SR Studio Pro')."""
    name = argv0.replace("\\", "/").rsplit("/", 1)[-1].lower()   # a Windows path anywhere
    return name == CLI_NAME or name.startswith(CLI_NAME + ".")


def main() -> int:
    """Run the CLI or the desktop app, as :func:`is_cli` says (the crash log first, so
    that even an import error is logged)."""
    from app.crash_log import install
    if is_cli(sys.argv[0]):
        install("cli")
        from app.cli.main import main as cli_main
        return cli_main()
    install("gui")                   # app.gui.main replaces it with one that shows a box
    from app.gui.main import main as gui_main
    return gui_main()


if __name__ == "__main__":
    sys.exit(main())
