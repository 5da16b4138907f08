"""The running desk: one database and the operator at it. The GUI and the CLI call services through it.

`read(fn, ...)` and `write(fn, ...)` run one service call in one unit of work, so no caller ever holds a Session;
write calls receive the acting operator as `actor`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy.orm import Session

from app.actor import Actor
from db.engine import Database

P = ParamSpec("P")
T = TypeVar("T")


class Desk:
    def __init__(self, database: Database, actor: Actor, home: Path) -> None:
        self.database = database
        self.actor = actor
        self.home = home

    def read(self, fn: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        with self.database.read() as session:
            return fn(session, *args, **kwargs)

    def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.database.write() as session:
            return fn(session, *args, actor=self.actor, **kwargs)

    def write_signed_out(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A write before anybody has signed in (registering oneself): the service attributes it itself."""
        with self.database.write() as session:
            return fn(session, *args, **kwargs)

    def run_import(self, *args: Any, **kwargs: Any) -> Any:
        """`app.imports.run.run_import` as this operator: it checks first and then owns its one write transaction.
        Imported when first used: the import machinery is not part of start-up."""
        from app.imports.run import run_import

        return run_import(self.database, self.actor, *args, **kwargs)

    def check(self, *, quick: bool) -> list[str]:
        """The database's integrity check (`quick`: the fast one the window runs after it first paints)."""
        from app.maintenance import check

        return check(self.database, quick=quick)

    @property
    def location(self) -> tuple[str, str]:
        """Where the data is, short (the file name) and in full (path or URL without password)."""
        database = self.database
        return (database.path.name if database.path else database.display_name), database.display_name

    def act_as(self, actor: Actor) -> Desk:
        return Desk(self.database, actor, self.home)

    def close(self, *, optimize: bool = True) -> None:
        """Let go of the database; `optimize` refreshes the planner's statistics first (a write: never on a
        database found damaged)."""
        if optimize:
            self.database.optimize()
        self.database.dispose()
