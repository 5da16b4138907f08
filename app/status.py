"""What the main window's status bar shows: open cases and the outlet's name, in one read."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app import case_query, settings
from app.case_query import CaseFilter


def status_facts(session: Session) -> tuple[int, str]:
    return case_query.count(session, CaseFilter(open_only=True)), settings.get(session, "outlet.name")
