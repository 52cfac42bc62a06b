import sys

from trainer.colorize.cli import main

sys.exit(main())
