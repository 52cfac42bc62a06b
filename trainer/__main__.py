"""``python -m trainer CONFIG [...]``: the same as ``srstudio train``."""

import sys

from trainer.cli import main

sys.exit(main())
