"""`demo [--cases N] [--seed S] [--append]`: fill a database with demo data (DESIGN.md §5).

Refuses a database that already holds cases unless --append, so demo rows never mix into real work by accident.
"""

from __future__ import annotations

import argparse
import sys

from app import demo
from app.cli.context import open_desk
from app.errors import UserError
from app.messages import text


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {number}")
    return number


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="fill the database with demo data")
    p.add_argument("--cases", type=_count, default=2000, help="number of cases (default 2000)")
    p.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same data")
    p.add_argument("--append", action="store_true", help="add to a database that already holds cases")
    p.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.database.read() as session:
            existing = demo.count_cases(session)
        if existing and not args.append:
            raise UserError("demo_not_empty", count=existing)
        progress = _progress_line if sys.stderr.isatty() else None
        report = demo.generate(desk.database, cases=args.cases, seed=args.seed, progress=progress, actor=desk.actor)
    finally:
        desk.close()
    if progress is not None:
        print(file=sys.stderr)
    print(text("demo_done", cases=report.cases))
    return 0


def _progress_line(done: int, total: int) -> None:
    """Numbers only, rewritten in place: it needs no translation and leaves no trail in a terminal."""
    print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)
