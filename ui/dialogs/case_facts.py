"""What the case dialog reads and shows about a chase or a complaint: one read job, and the facts as label/value
lines in the outlet's zone, kind by kind."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject

from app import settings
from app.case_links import LinkedCase, linked_cases
from app.cases import CaseView, TimelineEntry, get_case, timeline
from app.chases import is_stalled, stalled_days
from app.complaints import SOURCE_LABELS
from app.workflows import DIRECTION_LABELS, KIND_LABELS
from ui.widgets.common import Clock


@dataclass(frozen=True)
class CaseData:
    case: CaseView
    now: datetime  # when it was read: what has passed by then is shown loud
    timeline: list[TimelineEntry]
    links: list[LinkedCase]
    zone: str
    repeat_window_days: int
    stalled_days: int | None  # an outbound chase: whole days since the last scan
    stalled: bool


def read_case(session: Any, case_id: int, now: datetime) -> CaseData:
    case = get_case(session, case_id)
    rules = settings.deadline_rules(session)
    scanned = case.details.get("last_scan_at") if case.kind == "chase" and case.direction == "outbound" else None
    return CaseData(
        case=case,
        now=now,
        timeline=timeline(session, case_id),
        links=linked_cases(session, case_id),
        zone=rules.zone,
        repeat_window_days=rules.repeat_window_days,
        stalled_days=stalled_days(scanned, now, rules),
        stalled=case.is_open and is_stalled(scanned, now, rules),
    )


def kind_text(case: CaseView) -> str:
    kind = KIND_LABELS.get(case.kind, case.kind)
    return f"{DIRECTION_LABELS.get(case.direction, '')}{kind}" if case.kind == "chase" else kind


class CaseFacts(QObject):
    """The lines of facts a case shows, translated (a QObject only for `tr`)."""

    def lines(self, data: CaseData, clock: Clock) -> list[tuple[str, str, bool]]:
        """(label, value, loud) lines, empty values left out; loud ones are shown in red."""
        case, details = data.case, data.case.details

        def passed(at: datetime | None) -> bool:
            return case.is_open and at is not None and at <= data.now

        lines: list[tuple[str, str, bool]] = [
            (self.tr("Complainant") if case.kind == "complaint" else self.tr("Caller"), case.caller_name or "", False),
            (self.tr("Phone"), case.caller_phone or "", False),
            (self.tr("Opened"), clock.text(case.opened_at), False),
            (self.tr("Handler"), case.handler or "", False),
            (self.tr("Callback"), clock.text(case.callback_at), passed(case.callback_at)),
        ]
        if case.kind == "chase":
            lines.append((self.tr("Request"), details.get("request") or "", False))
            if case.direction == "outbound":
                days = "" if data.stalled_days is None else self.tr("{days} day(s)").format(days=data.stalled_days)
                lines += [
                    (self.tr("Last scan"), clock.text(details.get("last_scan_at")), False),
                    (self.tr("Last node"), details.get("last_node") or "", False),
                    (self.tr("Not moved for"), days, data.stalled),
                ]
            else:
                came = details.get("arrived")
                arrived = "" if came is None else self.tr("Yes") if came else self.tr("Not yet")
                lines += [
                    (self.tr("Arrived"), arrived, False),
                    (self.tr("Appointment"), details.get("appointment") or "", False),
                    (self.tr("Courier"), case.courier or "", False),
                ]
        if case.kind == "complaint":
            first_due, first_at = details.get("first_response_due_at"), details.get("first_response_at")
            level, score = details.get("escalation_level") or 0, details.get("satisfaction")
            lines += [
                (
                    self.tr("Channel"),
                    SOURCE_LABELS.get(details.get("source") or "", details.get("source") or ""),
                    False,
                ),
                (self.tr("Ticket number"), details.get("external_ticket_no") or "", False),
                (self.tr("Category"), details.get("category") or "", False),
                (self.tr("First response due"), clock.text(first_due), first_at is None and passed(first_due)),
                (self.tr("First response"), clock.text(first_at), False),
                (self.tr("Resolve by"), clock.text(case.due_at), passed(case.due_at)),
                (
                    self.tr("12305 risk from"),
                    clock.text(details.get("appeal_risk_at")),
                    passed(details.get("appeal_risk_at")),
                ),
                (self.tr("Escalation level"), str(level) if level else "", bool(level) and case.is_open),
                (self.tr("Return visit"), clock.text(details.get("return_visit_at")), False),
                (self.tr("Satisfaction"), f"{score} / 5" if score else "", False),
            ]
        elif case.due_at is not None:
            lines.append((self.tr("Due"), clock.text(case.due_at), passed(case.due_at)))
        lines += [(self.tr("Detail"), case.detail or "", False), (self.tr("Resolution"), case.resolution or "", False)]
        return [line for line in lines if line[1]]


def facts_html(lines: list[tuple[str, str, bool]]) -> str:
    rows = "".join(
        f'<tr><td style="color:#5b6577; padding-right:12px">{html.escape(label)}</td>'
        + (f'<td style="color:#b42318"><b>{html.escape(value)}</b></td>' if loud else f"<td>{html.escape(value)}</td>")
        + "</tr>"
        for label, value, loud in lines
    )
    return f"<table>{rows}</table>"
