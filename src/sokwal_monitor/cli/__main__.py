"""``python -m sokwal_monitor.cli``."""

import sys

from . import main

sys.exit(main())
