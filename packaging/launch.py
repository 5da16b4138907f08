"""The bundle's entry script: the same `main` as the `outlet-desk` command (GUI without a subcommand)."""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
