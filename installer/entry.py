"""The frozen program's entry point (``installer/kamarhitung.spec``): the ``kamarhitung`` command.

``multiprocessing.freeze_support()`` comes first: the image service renders form photos in a
``spawn`` process pool, whose workers start this same executable with ``--multiprocessing-fork``;
freeze_support turns such a start into a worker instead of a second application.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from kamarhitung.main import main

    sys.exit(main())
