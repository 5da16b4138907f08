"""Runtime hook: the windowed exe starts without stdout/stderr on Windows (they are None); give them a sink so
`--version`, argparse errors and warnings do not raise inside a program that has nowhere to show them."""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the process)
