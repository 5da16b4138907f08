"""What the claim form and the evidence pack lay out alike: values as printed (money, numbers, a cell's clipped
text), ruled tables, and `FactSheet`, the base of their stories.

A fact sheet prints a record's facts as label/value grids, with personal data printed as exports print it: phones
masked (138****5678), addresses shortened to the road and building, phones typed into free text masked too, unless
`unmasked` (a manager's printout, audited by the caller). Every character of user text the font lacks prints as 〓
(app.export.pdf.printable). reportlab is imported inside the methods: importing this module costs start-up nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.columns import Format, local_time
from app.export.daily import short_address
from app.export.notes import mask_note_phones
from app.phones import mask_phone

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle

MAX_CELL_TEXT = 300  # characters of a one-line fact kept in a table cell (a table row must fit on a page)
LABEL_SHADE = "#F6F8FA"
RULE = "#8A96A3"
NOTHING = "（无记录）"  # a grid with no pair to show

Pairs = Sequence[tuple[str, str]]  # (label, value)
Commands = list[tuple[Any, ...]]  # a reportlab TableStyle's


def as_money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f} 元"


def as_number(value: Decimal | None, unit: str) -> str:
    return "" if value is None else f"{value.normalize():f}{unit}"


def clipped(text: str) -> str:
    return text if len(text) <= MAX_CELL_TEXT else text[: MAX_CELL_TEXT - 1] + "…"


def ruled(top_padding: float, *, shade_header: bool = False) -> Commands:
    """A table's grid lines and cell paddings, its header row shaded if asked."""
    return [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), top_padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *([("BACKGROUND", (0, 0), (-1, 0), LABEL_SHADE)] if shade_header else []),
    ]


class FactSheet:
    """The base of a story: the frame's width, the value and label styles, user text made printable (and masked),
    times in the outlet's zone, and label/value grids."""

    def __init__(self, zone: tzinfo, unmasked: bool) -> None:
        from reportlab.lib.units import mm

        from app.export.pdf import A4, FRAME_PADDING, MARGIN, styles

        self.unmasked = unmasked
        self.fmt = Format(zone, unmasked)
        self.mm = mm
        self.width = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING  # the frame's: tables line up with the paragraphs
        st = self.st = styles()
        self.value = self.style("value", st.body, fontSize=9.5, leading=13, leftIndent=0)
        self.label = self.style("label", self.value, fontSize=8.5, leading=11, textColor=st.meta.textColor)

    @staticmethod
    def style(name: str, parent: ParagraphStyle, **extra: Any) -> ParagraphStyle:
        from reportlab.lib.styles import ParagraphStyle

        return ParagraphStyle(name, parent=parent, **extra)

    @staticmethod
    def table(cells: list[list[Any]], widths: Sequence[float], commands: Commands, **kw: Any) -> Any:
        """`app.export.pdf.table`: a table whose cells name the embedded font."""
        from app.export.pdf import table

        return table(cells, widths, commands, **kw)

    def text(self, text: str | None, *, free: bool = False) -> str:
        """User text as paragraph markup: phones masked in free text, printable in the font, escaped."""
        from app.export.pdf import markup, printable

        return markup(printable(self.masked(text) if free else text or ""))

    def masked(self, text: str | None) -> str:
        """Free text with the phones typed into it masked (as typed when unmasked)."""
        text = text or ""
        return text if self.unmasked else mask_note_phones(text)

    def para(self, text: str | None, style: Any = None, *, free: bool = False) -> Any:
        """A paragraph of one fact, clipped to fit a table cell."""
        from reportlab.platypus import Paragraph

        return Paragraph(self.text(clipped(text or ""), free=free), style or self.value)

    def when(self, value: Any, *, day_only: bool = False) -> str:
        """A stored time in the outlet's zone (naive values are UTC: SQLite hands them back so)."""
        if value is None:
            return ""
        if not day_only:
            return local_time(value, self.fmt)
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(self.fmt.zone).date().isoformat()

    def phone(self, value: str | None) -> str:
        return "" if not value else value if self.unmasked else mask_phone(value)

    def address(self, value: str | None) -> str:
        return "" if not value else value if self.unmasked else short_address(value)

    def label_grid(
        self, rows: Sequence[Pairs], label_width: float, commands: Commands, *, free: bool | Collection[str]
    ) -> Any:
        """Label/value pairs, up to three to a row; a row with fewer lets its last value run to the edge. Values
        are clipped (free text of any length goes in paragraphs outside tables); those of the labels in `free`, or
        all with `free=True`, are free text with phones masked."""
        value_width = (self.width - 3 * label_width) / 3
        cells: list[list[Any]] = []
        shading: Commands = []
        for r, row in enumerate(rows):
            line: list[Any] = []
            for i, (label, value) in enumerate(row):
                typed = free if isinstance(free, bool) else label in free
                line += [self.para(label, self.label), self.para(value, free=typed)]
                shading.append(("BACKGROUND", (2 * i, r), (2 * i, r), LABEL_SHADE))
            if len(row) < 3:
                shading.append(("SPAN", (len(line) - 1, r), (-1, r)))
                line += [""] * (6 - len(line))
            cells.append(line)
        cells = cells or [[self.para(NOTHING, self.label)]]
        return self.table(cells, [label_width, value_width] * 3, [*commands, *shading])
