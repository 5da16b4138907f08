"""The work notebook's notes (工作笔记) of a date range, to .xlsx or to a printable PDF.

Both carry every note of the range (by day, then time): the .xlsx one row per note under `NOTE_COLUMNS`, the PDF
one section per day with each note's time, title, tags and text. A note's text is Markdown as the clerk typed it;
the PDF keeps it readable as plain paragraphs with its line breaks rather than rendering it. Phone numbers the
notebook recognises in a title or text are masked unless `unmasked` (a manager's export, audited by the caller).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from app import settings
from app.columns import Column, Format, local_day, local_time, plain, yes_no
from app.errors import ValidationError
from app.export.files import approve_unmasked, atomic_output, ticker
from app.export.table import choose, row_cells
from app.phones import mask_phone
from app.progress import Cancelled, Progress, Ticker

if TYPE_CHECKING:
    from app.actor import Actor
    from app.notebook.notes import NoteView

FORMATS = (".xlsx", ".pdf")
MAX_DAYS = 366  # a year, leap years included
SHEET = "工作笔记"
TIME_COLOUR = "#1F4E79"
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(frozen=True)
class NotesExport:
    path: Path
    notes: int
    days: int  # days of the range that have notes
    format: str  # "xlsx" | "pdf"
    pages: int | None = None  # the PDF's
    approved_by: Actor | None = None  # the manager who allowed an unmasked export


def mask_note_phones(text: str) -> str:
    """The text with every phone the notebook recognises in it masked as exports mask phones."""
    from app.notebook.recognise import recognise

    phones = [span for span in recognise(text) if span.kind == "phone"]
    for span in sorted(phones, key=attrgetter("start"), reverse=True):
        text = text[: span.start] + mask_phone(span.text) + text[span.end :]
    return text


def note_text(value: Any, fmt: Format) -> str:
    text = plain(value, fmt)
    return text if fmt.unmasked else mask_note_phones(text)


def clock(value: Any, fmt: Format) -> str:
    """The time of day of a stored time, in the outlet's zone."""
    return local_time(value, fmt)[-5:] if isinstance(value, datetime) else plain(value, fmt)


def tag_list(value: Any, fmt: Format) -> str:
    return "、".join(value) if isinstance(value, list | tuple) else plain(value, fmt)


NOTE_COLUMNS: tuple[Column, ...] = (
    Column("day", "日期", "Date", 11, local_day),
    Column("created_at", "时间", "Time", 6, clock),
    Column("title", "标题", "Title", 24, note_text),
    Column("body", "内容", "Text", 60, note_text),
    Column("tags", "标签", "Tags", 14, tag_list),
    Column("pinned", "置顶", "Pinned", 5, yes_no),
    Column("handover", "交接班", "Handover", 7, yes_no),
    Column("operator_name", "记录人", "By", 8),
    Column("case_id", "关联案件", "Case", 8),
)


def check_range(first: date, last: date) -> None:
    """One clear sentence for a reversed range or one longer than a year."""
    if first > last:
        raise ValidationError(
            "notes_export_reversed", fields={"first": "notes_export_reversed"}, first=first, last=last
        )
    days = (last - first).days + 1
    if days > MAX_DAYS:
        raise ValidationError(
            "notes_export_too_long", fields={"last": "notes_export_too_long"}, limit=MAX_DAYS, days=days
        )


def range_title(first: date, last: date) -> str:
    span = first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"
    return f"工作笔记 {span}"


def _notes(session: Session, first: date, last: date) -> list[NoteView]:
    from app.notebook.notes import notes_between

    check_range(first, last)
    return notes_between(session, first, last)


def _format(session: Session, unmasked: bool) -> Format:
    return Format(zone=settings.deadline_rules(session).tz(), unmasked=unmasked)


def _day_count(notes: Sequence[NoteView]) -> int:
    return len({note.day for note in notes})


def write_notes_xlsx(
    session: Session,
    first: date,
    last: date,
    path: Path,
    *,
    unmasked: bool = False,
    actor: Actor | None = None,
    manager_pin: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> NotesExport:
    """Every note of the days `first`..`last` (inclusive), one row each, to an .xlsx at `path`. `unmasked` needs a
    manager, checked before anything is written (see `write_daily_sheet`)."""
    from app.export.xlsx import Book, SheetColumn

    path = Path(path)
    notes = _notes(session, first, last)
    approved_by = approve_unmasked(session, actor, manager_pin) if unmasked else None
    fmt = _format(session, unmasked)
    outlet = settings.get(session, "outlet.name") or ""
    title = f"{outlet} {range_title(first, last)} 导出于 {local_time(datetime.now(UTC), fmt)}".strip()
    columns = choose(NOTE_COLUMNS)
    with atomic_output(path) as temp:
        ticks = ticker(len(notes), progress, cancelled)
        book = Book()
        try:
            sheet = book.sheet(SHEET, title, [SheetColumn(c.header, c.column.width) for c in columns])
            cells = row_cells(columns, fmt)
            for done, note in enumerate(notes, 1):
                sheet.append(cells(note))
                ticks.tick(done)
            ticks.report(len(notes))
            book.save(temp)
        except BaseException:
            book.discard()
            raise
    return NotesExport(path=path, notes=len(notes), days=_day_count(notes), format="xlsx", approved_by=approved_by)


def write_notes_pdf(
    session: Session,
    first: date,
    last: date,
    path: Path,
    *,
    unmasked: bool = False,
    actor: Actor | None = None,
    manager_pin: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> NotesExport:
    """Every note of the days `first`..`last` (inclusive) as a printable A4 PDF at `path`. `unmasked` needs a
    manager, checked before anything is written."""
    from app.export.pdf import Page, write_pdf

    path = Path(path)
    notes = _notes(session, first, last)
    approved_by = approve_unmasked(session, actor, manager_pin) if unmasked else None
    fmt = _format(session, unmasked)
    page = Page(range_title(first, last), local_time(datetime.now(UTC), fmt))
    outlet = settings.get(session, "outlet.name") or ""
    story = _story(notes, page.title, outlet, fmt, ticker(len(notes), progress, cancelled))
    with atomic_output(path) as temp:
        pages = write_pdf(temp, story, page)
    days = _day_count(notes)
    return NotesExport(path=path, notes=len(notes), days=days, format="pdf", pages=pages, approved_by=approved_by)


def _meta(note: NoteView) -> str:
    """The grey line under a note's title: its tags, marks, author and case."""
    from app.export.pdf import markup

    parts = []
    if note.tags:
        parts.append("标签：" + "、".join(note.tags))
    if note.pinned:
        parts.append("置顶")
    if note.handover:
        parts.append("交接班")
    if note.operator_name:
        parts.append(f"记录人：{note.operator_name}")
    if note.case_id is not None:
        parts.append(f"关联案件 #{note.case_id}")
    return markup("　·　".join(parts))


def _story(notes: Sequence[NoteView], title: str, outlet: str, fmt: Format, ticks: Ticker) -> list[Any]:
    from reportlab.platypus import HRFlowable, KeepTogether, Paragraph

    from app.export.pdf import markup, styles, text_paragraphs

    st = styles()
    count = f"共 {len(notes)} 条笔记"
    story: list[Any] = [
        Paragraph(markup(title), st.title),
        Paragraph(markup(f"{outlet}　{count}" if outlet else count), st.subtitle),
    ]
    if not notes:
        story.append(Paragraph("这段时间没有笔记。", st.body))
    done = 0
    for day, group in groupby(notes, key=attrgetter("day")):
        day_notes = list(group)
        heading: list[Any] = [
            Paragraph(markup(f"{day.isoformat()}　{WEEKDAYS[day.weekday()]}（{len(day_notes)} 条）"), st.heading),
            HRFlowable(width="100%", thickness=0.6, color="#888888", spaceAfter=1, spaceBefore=0),
        ]
        for note in day_notes:
            when = f'<font color="{TIME_COLOUR}">{markup(clock(note.created_at, fmt))}</font>'
            head = [*heading, Paragraph(f"{when}　{markup(note_text(note.title, fmt))}", st.item)]
            meta = _meta(note)
            if meta:
                head.append(Paragraph(meta, st.meta))
            lines = text_paragraphs(note_text(note.body, fmt), st.body)
            story.append(KeepTogether(head + lines[:2]))  # neither a day's heading nor a title ends a page alone
            story.extend(lines[2:])
            heading = []
            done += 1
            ticks.tick(done)
    ticks.report(done)
    return story
