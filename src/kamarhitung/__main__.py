"""Run kamarhitung with ``python -m kamarhitung``."""

import sys

from kamarhitung.main import main

sys.exit(main())
