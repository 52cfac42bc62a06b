"""``python -m app.gui`` starts the desktop app."""

import sys

from app.gui.main import main

sys.exit(main())
