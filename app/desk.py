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

    def act_as(self, actor: Actor) -> Desk:
        return Desk(self.database, actor, self.home)

    def close(self) -> None:
        self.database.optimize()
        self.database.dispose()
