"""Entry point: `outlet-desk` and `python -m app`.

This is the composition root and the one declared exception to the layering: with no subcommand it starts the
GUI from `ui/`; every subcommand runs through the Qt-free command line in `app.cli`.
"""

from __future__ import annotations

import sys

from app import cli


def main(argv: list[str] | None = None) -> int:
    args = cli.parse(argv)
    if args.command is None:
        from ui.main import run_gui

        return run_gui(args)
    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
