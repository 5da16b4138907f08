"""The command line (DESIGN.md §5). Each subcommand lives in its own module with `register(subparsers)`.

Errors the user can act on print one sentence on stderr with the documented exit code; anything else is a bug:
it is logged to the data folder's crash log and summarised in one sentence too.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from app import __version__
from app.cli import (
    cases_cmd,
    claim_cmd,
    demo_cmd,
    evidence_cmd,
    export_cmd,
    import_cmd,
    lookup_cmd,
    maintenance_cmd,
    retention_cmd,
)
from app.errors import UsageError, user_message

COMMAND_MODULES = (
    demo_cmd,
    cases_cmd,
    lookup_cmd,
    maintenance_cmd,
    export_cmd,
    import_cmd,
    claim_cmd,
    evidence_cmd,
    retention_cmd,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError("usage", detail=f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="outlet-desk", description="网点客服台 Outlet Desk")
    parser.add_argument("--db", metavar="URL_OR_PATH", help="SQLAlchemy URL or SQLite file (env OUTLET_DESK_DB)")
    parser.add_argument("--home", metavar="DIR", help="data folder (env OUTLET_DESK_HOME)")
    parser.add_argument("--operator", metavar="NAME", help="who changes are attributed to")
    parser.add_argument("--version", action="version", version=f"outlet-desk {__version__}")
    parser.add_argument(
        "--selftest", action="store_true", help="open the main window offscreen, visit every page, exit 0 (GUI only)"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="interface language for this run (GUI only)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    _utf8_streams()
    try:
        return build_parser().parse_args(argv)
    except UsageError as exc:
        print(exc.message(), file=sys.stderr)
        raise SystemExit(2) from None


def run(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        print(user_message_text("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `outlet-desk list | head`: the reader left; say nothing and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        message = user_message(exc)
        if message is None:
            from app.crashlog import write_crash_log

            log = write_crash_log(exc, home=getattr(args, "home", None))
            message = user_message_text("unexpected", log=str(log))
            print(message, file=sys.stderr)
            return 3
        print(message, file=sys.stderr)
        return int(getattr(exc, "exit_code", 1))


def user_message_text(code: str, **params: Any) -> str:
    from app.messages import text

    return text(code, **params)


def _utf8_streams() -> None:
    """UTF-8 output on every platform (a Windows console defaults to GBK and would garble or crash)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
