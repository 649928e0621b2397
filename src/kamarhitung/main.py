"""The ``kamarhitung`` program: a subcommand runs the command line, none starts the GUI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from kamarhitung import depwarnings

    depwarnings.install()
    if args[:1] == ["--smoke"]:  # does this installation work? (installer/README.md)
        from kamarhitung.smoke import main as smoke_main

        return smoke_main(args[1:])
    from kamarhitung.cli import SUBCOMMANDS

    if any(a in SUBCOMMANDS for a in args[:1]) or any(
        a in ("-h", "--help", "--version") for a in args
    ):
        from kamarhitung.cli import main as cli_main

        return cli_main(args)
    from kamarhitung.qt.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
