"""``python -m scorecard``: the ``scorecard`` command."""

import sys

from scorecard.cli import main

sys.exit(main())
