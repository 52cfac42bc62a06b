"""``python -m app.cli`` and the frozen ``srstudio`` executable: the CLI, with a crash log
(app/crash_log.py) for an exception that escapes it."""

import sys

from app.crash_log import install

install("cli")

from app.cli.main import main  # noqa: E402 - the hook first, so an import error is logged

sys.exit(main())
