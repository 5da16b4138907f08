"""Who is acting: a plain value the services receive instead of an ORM object."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    id: int
    name: str
    role: str = "clerk"  # clerk | manager

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"
