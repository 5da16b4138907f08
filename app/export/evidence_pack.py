"""The evidence pack (证据包): everything the outlet knows about one parcel, as a PDF to upload to an arbitration or
a fine appeal, and a zip of that PDF with every original picture.

Two steps like the claim form: `evidence_data` reads the parcel, its cases with their timelines and 留言 threads,
its claims (with the compensation rule), fines, the notes naming it and every picture attached to any of them
(bytes included) in one session; `render_evidence_pack` lays it out with no database, on a worker thread if need
be. `write_evidence_pack` does both for the command line and records the audit line an unmasked pack leaves.

Pictures are numbered once for the whole pack (附图 1, 2, …): the sections say which numbers are theirs, the PDF
prints them downscaled at the end (the claim form's decoder), and the zip holds each original under `附件/` as
"NN_name.ext" — the number keeps names apart, the name is the cleaned display name (never a path from user data)
and the extension is the one of the format the content really is. The same content attached twice is one picture.

Personal data is printed as exports print it: phones masked, addresses shortened, phones typed into free text
masked, unless `unmasked`. The pictures themselves cannot be masked: a label photographed shows what it shows.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app import settings
from app.actor import Actor
from app.attachments.names import clean_name
from app.attachments.store import _EXTENSIONS, attachment_data, list_attachments
from app.cases import CaseView, TimelineEntry, get_case, timeline
from app.claims import records
from app.claims.records import ClaimView
from app.columns import PRIORITY_LABELS, REGISTERED_BY_LABELS, TIME_FORMAT, YES_NO, Format, local_time
from app.complaints import SOURCE_LABELS
from app.errors import NotFoundError, UserError
from app.export.daily import short_address
from app.export.files import atomic_output, check_target, record_unmasked
from app.export.notes import mask_note_phones
from app.intercepts import FAILURES, REQUESTS
from app.notebook.notes import NoteView, get_note
from app.phones import mask_phone
from app.stuck_messages import MessageView, thread
from app.waybills import normalise_waybill
from app.workflows import DIRECTION_LABELS, KIND_LABELS
from db.models import (
    AttachmentLink,
    Carrier,
    Case,
    Claim,
    Courier,
    Fine,
    Followup,
    Note,
    NoteWaybill,
    UnlabelledParcel,
    Waybill,
)

if TYPE_CHECKING:
    from db.engine import Database

TITLE = "快件证据包"
FOLDER = "附件"  # the pictures' folder inside the zip
CHANNELS = {
    "phone": "电话",
    "sms": "短信",
    "virtual_call": "虚拟号通话",
    "wechat": "微信",
    "system": "系统",
    "in_person": "当面",
    "note": "工作笔记",
}
SIGNED_HOW = {"self": "本人签收", "proxy": "他人代收", "guard": "门卫代收", "station": "驿站代收", "locker": "快递柜"}
FINE_RESULTS = {
    "open": "待处理",
    "accepted": "已认罚",
    "appealed": "已申诉",
    "cancelled": "已撤销",
    "reduced": "已减免",
}
SAID = {"sent": ("我方留言", "对方回复"), "received": ("对方留言", "我方回复")}  # message, its reply
PICTURE_COLUMNS = 2
PICTURE_HEIGHT_MM = 88  # two rows a page: a phone's screenshot stays legible
MAX_CELL_TEXT = 300  # characters of a one-line fact kept in a table cell (a row must fit on a page)
SHADE = "#F6F8FA"
RULE = "#8A96A3"
WARN = "#B00020"
RULES: tuple[tuple[Any, ...], ...] = (
    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
)


# --- what the pack holds ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parcel:
    """The waybill's facts (fields named as on db.models.Waybill), with its carrier."""

    waybill_no: str
    carrier: str | None
    carrier_name: str | None
    item: str | None
    quantity: int | None
    declared_value: Decimal | None
    insured_value: Decimal | None
    freight: Decimal | None
    cod: bool
    platform: str | None
    sender_name: str | None
    sender_phone: str | None
    sender_address: str | None
    recipient_name: str | None
    recipient_phone: str | None
    recipient_address: str | None
    collecting_outlet: str | None
    delivering_outlet: str | None
    weight_collected_kg: Decimal | None
    weight_arrived_kg: Decimal | None
    sent_at: datetime | None
    signed_at: datetime | None
    signed_how: str | None  # self | proxy | guard | station | locker
    signed_by: str | None


@dataclass(frozen=True)
class Picture:
    number: int  # 附图 n, and the n of its file in the zip
    attachment_id: int
    name: str  # the display name app.attachments cleaned
    label: str | None
    mime: str
    size: int
    width: int | None
    height: int | None
    attached_at: datetime
    data: bytes
    sources: list[str] = field(default_factory=list)  # what it is attached to, as printed ("理赔 LP…")


@dataclass(frozen=True)
class EvidenceCase:
    case: CaseView
    timeline: tuple[TimelineEntry, ...]  # follow-ups (calls, SMS, WeChat, system steps) and notes, oldest first
    messages: tuple[MessageView, ...]  # 留言 of a stuck case with their replies, oldest first
    pictures: tuple[int, ...]  # numbers of the pictures on the case, its follow-ups and its notes


@dataclass(frozen=True)
class EvidenceClaim:
    claim: ClaimView
    timeline: tuple[records.TimelineEntry, ...]
    pictures: tuple[int, ...]


@dataclass(frozen=True)
class EvidenceFine:
    """One fine (fields named as on db.models.Fine)."""

    id: int
    reason: str
    amount: Decimal
    issued_at: datetime
    appeal_due_at: datetime | None
    appealed_at: datetime | None
    result: str  # open | accepted | appealed | cancelled | reduced
    amount_recovered: Decimal | None
    evidence: str | None
    courier_charged: str | None
    pictures: tuple[int, ...]


@dataclass(frozen=True)
class EvidenceNote:
    note: NoteView
    pictures: tuple[int, ...]


@dataclass(frozen=True)
class EvidenceData:
    """Everything the pack prints and zips, read in one go; rendering needs nothing else."""

    parcel: Parcel
    outlet_name: str
    outlet_code: str
    outlet_phone: str
    zone: tzinfo  # the outlet's: times print in it
    cases: tuple[EvidenceCase, ...]
    claims: tuple[EvidenceClaim, ...]
    fines: tuple[EvidenceFine, ...]
    notes: tuple[EvidenceNote, ...]  # notes naming the waybill that are not on one of its cases
    pictures: tuple[Picture, ...]  # every picture, in number order


@dataclass(frozen=True)
class EvidencePack:
    path: Path
    zip_path: Path | None
    waybill_no: str
    pages: int
    pictures: int
    files: tuple[str, ...]  # the zip's entries, the PDF first (empty without a zip)


# --- reading -----------------------------------------------------------------------------------------------------


def evidence_data(session: Session, waybill_no: str) -> EvidenceData:
    """The parcel with everything hanging off it (NotFoundError for a waybill the desk does not know)."""
    number = normalise_waybill(waybill_no or "")
    waybill = session.scalar(select(Waybill).where(Waybill.waybill_no == number)) if number else None
    if waybill is None:
        raise NotFoundError("not_found", what="运单", key=(waybill_no or "").strip() or "（空）")
    zone = settings.deadline_rules(session).tz()
    carrier = session.get(Carrier, waybill.carrier_id) if waybill.carrier_id else None
    live = (Case.waybill_id == waybill.id, Case.deleted_at.is_(None))
    case_ids = session.scalars(select(Case.id).where(*live).order_by(Case.opened_at, Case.id)).all()
    followups = session.execute(
        select(Followup.id, Followup.case_id, Followup.at)
        .where(Followup.case_id.in_(case_ids))
        .order_by(Followup.at, Followup.id)
    ).all()
    claim_ids = session.scalars(
        select(Claim.id).where(Claim.waybill_id == waybill.id, Claim.deleted_at.is_(None)).order_by(Claim.created_at)
    ).all()
    fines = session.execute(
        select(Fine, Courier.name)
        .outerjoin(Courier, Courier.id == Fine.courier_charged_id)
        .where(Fine.waybill_id == waybill.id, Fine.deleted_at.is_(None))
        .order_by(Fine.issued_at, Fine.id)
    ).all()
    note_ids = session.scalars(
        select(Note.id)
        .join(NoteWaybill, NoteWaybill.note_id == Note.id)
        .where(NoteWaybill.waybill_no == number, Note.deleted_at.is_(None))
        .where(or_(Note.case_id.is_(None), Note.case_id.not_in(case_ids)))
        .order_by(Note.created_at, Note.id)
    ).all()
    unlabelled = session.scalars(
        select(UnlabelledParcel.id).where(
            or_(UnlabelledParcel.matched_case_id.in_(case_ids), UnlabelledParcel.matched_claim_id.in_(claim_ids))
        )
    ).all()
    timelines = {case_id: tuple(timeline(session, case_id)) for case_id in case_ids}
    case_notes = {
        case_id: [int(str(e.data["note_id"])) for e in entries if e.channel == "note" and e.data]
        for case_id, entries in timelines.items()
    }
    pictures = _Pictures(session, local=Format(zone))
    pictures.find_owners(
        case=case_ids,
        followup=[f.id for f in followups],
        note=[n for ids in case_notes.values() for n in ids] + list(note_ids),
        claim=claim_ids,
        fine=[fine.id for fine, _name in fines],
        unlabelled=unlabelled,
    )
    cases = []
    for case_id in case_ids:
        case = get_case(session, case_id)
        mine = pictures.add("case", case_id, f"案件 #{case_id}")
        for followup_id, _case, at in (f for f in followups if f.case_id == case_id):
            mine += pictures.add("followup", followup_id, f"案件 #{case_id} {pictures.when(at)} 的跟进")
        for note_id in case_notes[case_id]:
            mine += pictures.add("note", note_id, f"案件 #{case_id} 的笔记")
        messages = sorted(thread(session, case_id), key=lambda m: (m.at, m.id)) if case.kind == "stuck" else []
        cases.append(EvidenceCase(case, timelines[case_id], tuple(messages), tuple(mine)))
    claims = []
    for claim_id in claim_ids:
        claim = records.get_claim(session, claim_id)
        mine = pictures.add("claim", claim_id, f"理赔 {claim.claim_no}")
        claims.append(EvidenceClaim(claim, tuple(records.timeline(session, claim_id)), tuple(mine)))
    fine_views = [
        EvidenceFine(
            **{name: getattr(fine, name) for name in _FINE_FIELDS},
            courier_charged=courier,
            pictures=tuple(pictures.add("fine", fine.id, f"罚款 #{fine.id}")),
        )
        for fine, courier in fines
    ]
    for parcel_id in unlabelled:
        pictures.add("unlabelled", parcel_id, f"无头件 #{parcel_id}")
    notes = [EvidenceNote(get_note(session, n), tuple(pictures.add("note", n, "工作笔记"))) for n in note_ids]
    return EvidenceData(
        parcel=Parcel(
            **{name: getattr(waybill, name) for name in _PARCEL_FIELDS},
            carrier=carrier.code if carrier else None,
            carrier_name=carrier.name if carrier else None,
        ),
        outlet_name=settings.get(session, "outlet.name") or "",
        outlet_code=settings.get(session, "outlet.code") or "",
        outlet_phone=settings.get(session, "outlet.phone") or "",
        zone=zone,
        cases=tuple(cases),
        claims=tuple(claims),
        fines=tuple(fine_views),
        notes=tuple(notes),
        pictures=tuple(pictures.found.values()),
    )


_PARCEL_FIELDS = tuple(f.name for f in fields(Parcel) if f.name not in ("carrier", "carrier_name"))
_FINE_FIELDS = tuple(f.name for f in fields(EvidenceFine) if f.name not in ("courier_charged", "pictures"))


class _Pictures:
    """The pack's pictures as they are found, numbered in order; the same content twice is one picture with two
    sources. Owners without any picture cost no query: one query first finds which owners have some."""

    def __init__(self, session: Session, local: Format) -> None:
        self.session, self.local = session, local
        self.owners: set[tuple[str, int]] = set()
        self.found: dict[int, Picture] = {}  # by attachment id, in number order

    def when(self, value: datetime) -> str:
        return local_time(value, self.local)

    def find_owners(self, **wanted: Sequence[int]) -> None:
        which = [and_(AttachmentLink.owner_type == k, AttachmentLink.owner_id.in_(ids)) for k, ids in wanted.items()]
        rows = self.session.execute(select(AttachmentLink.owner_type, AttachmentLink.owner_id).where(or_(*which)))
        self.owners = {(kind, owner_id) for kind, owner_id in rows}

    def add(self, owner_type: str, owner_id: int, source: str) -> list[int]:
        """The numbers of the owner's pictures (those not seen yet read with their bytes)."""
        if (owner_type, owner_id) not in self.owners:
            return []
        numbers = []
        for link in list_attachments(self.session, owner_type, owner_id):
            picture = self.found.get(link.attachment_id)
            if picture is None:
                data, mime = attachment_data(self.session, link.attachment_id)
                picture = self.found[link.attachment_id] = Picture(
                    len(self.found) + 1, link.attachment_id, link.name, link.label, mime, link.size, link.width,
                    link.height, link.created_at, data,
                )  # fmt: skip
            if source not in picture.sources:
                picture.sources.append(source)
            if picture.number not in numbers:
                numbers.append(picture.number)
        return numbers


# --- writing -----------------------------------------------------------------------------------------------------


def pdf_name(waybill_no: str) -> str:
    """The PDF's name inside the zip."""
    return clean_name(f"证据包_{waybill_no}.pdf") or "证据包.pdf"


def file_name(picture: Picture) -> str:
    """The picture's file in the zip: `附件/NN_name.ext` — numbered so no two collide, the cleaned display name
    without its own extension, and the extension of the format the bytes are."""
    name = clean_name(picture.name)
    stem, dot, _ext = name.rpartition(".")
    stem = (stem if dot else name).rstrip(" .") or "图片"
    return f"{FOLDER}/{picture.number:02d}_{stem}.{_EXTENSIONS.get(picture.mime, 'bin')}"


def render_evidence_pack(
    data: EvidenceData, pdf_path: Path, *, zip_path: Path | None = None, unmasked: bool = False
) -> EvidencePack:
    """Write the PDF at `pdf_path` and, given `zip_path`, the zip of the PDF and every original picture. Each is
    written to a temporary file renamed into place, so a failure leaves neither half-written; the zip (which holds
    the PDF) is renamed first."""
    from app.export.pdf import Page, write_pdf

    pdf_path = Path(pdf_path)
    printed_at = datetime.now(UTC).astimezone(data.zone).strftime(TIME_FORMAT)
    page = Page(f"{TITLE} {data.parcel.waybill_no}", printed_at)
    if zip_path is not None:
        zip_path = Path(zip_path)
        if zip_path.resolve() == pdf_path.resolve():
            raise UserError("evidence_same_target", path=str(zip_path))
        check_target(zip_path)  # a typo in the zip's folder costs no work either
    files: tuple[str, ...] = ()
    with atomic_output(pdf_path) as temp:
        pages = write_pdf(temp, _Pack(data, unmasked, printed_at).story(), page)
        if zip_path is not None:
            with atomic_output(zip_path) as temp_zip:
                files = _write_zip(temp_zip, temp, data)
    return EvidencePack(
        path=pdf_path.resolve(),
        zip_path=zip_path.resolve() if zip_path is not None else None,
        waybill_no=data.parcel.waybill_no,
        pages=pages,
        pictures=len(data.pictures),
        files=files,
    )


def _write_zip(path: Path, pdf: Path, data: EvidenceData) -> tuple[str, ...]:
    """The PDF and every original picture, byte for byte (pictures are compressed already: stored as they are)."""
    names = [pdf_name(data.parcel.waybill_no)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(pdf, names[0])
        for picture in data.pictures:
            name = file_name(picture)
            entry = zipfile.ZipInfo(name, date_time=_zip_time(picture.attached_at, data.zone))
            entry.compress_type = zipfile.ZIP_DEFLATED if picture.mime == "image/bmp" else zipfile.ZIP_STORED
            archive.writestr(entry, picture.data)
            names.append(name)
    return tuple(names)


def _zip_time(value: datetime, zone: tzinfo) -> tuple[int, int, int, int, int, int]:
    local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(zone)
    if local.year < 1980:  # the zip format's epoch
        return (1980, 1, 1, 0, 0, 0)
    return (local.year, local.month, local.day, local.hour, local.minute, local.second)


def write_evidence_pack(
    database: Database,
    waybill_no: str,
    pdf_path: Path,
    *,
    zip_path: Path | None = None,
    unmasked: bool = False,
    actor: Actor,
) -> EvidencePack:
    """Read, render and (unmasked) record who took the personal data: the command line's one call."""
    with database.read() as session:
        data = evidence_data(session, waybill_no)
    pack = render_evidence_pack(data, pdf_path, zip_path=zip_path, unmasked=unmasked)
    if unmasked:
        with database.write() as session:
            record_unmasked_pack(session, pack, actor=actor)
    return pack


def record_unmasked_pack(session: Session, pack: EvidencePack, *, actor: Actor) -> None:
    """The audit lines of an unmasked pack, one per file written (call it in a write after rendering)."""
    for path in filter(None, (pack.path, pack.zip_path)):
        record_unmasked(session, actor, what=f"evidence_pack {pack.waybill_no}", path=path, rows=1)


# --- the PDF -----------------------------------------------------------------------------------------------------


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f} 元"


def _number(value: Decimal | None, unit: str) -> str:
    return "" if value is None else f"{value.normalize():f}{unit}"


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL_TEXT else text[: MAX_CELL_TEXT - 1] + "…"


def _label(labels: Mapping[Any, str], code: Any) -> str:
    return "" if code is None else labels.get(code, str(code))


Pairs = list[tuple[str, str]]


class _Kept(list[Any]):
    """Flowables to keep on one page; the story turns each into one KeepTogether at the end."""


class _Pack:
    """The story of one pack: title and summary, the parcel, each case with its 留言 and timeline, claims, fines,
    notes, the list of files and the pictures."""

    def __init__(self, data: EvidenceData, unmasked: bool, printed_at: str) -> None:
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import mm

        from app.export.claim_form import FRAME_PADDING
        from app.export.pdf import A4, MARGIN, styles

        self.data, self.unmasked, self.printed_at = data, unmasked, printed_at
        self.fmt = Format(data.zone, unmasked)
        self.mm = mm
        self.width = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING  # the frame's: tables line up with the paragraphs
        st = self.st = styles()

        def style(name: str, parent: ParagraphStyle, **extra: Any) -> ParagraphStyle:
            return ParagraphStyle(name, parent=parent, **extra)

        self.value = style("ev-value", st.body, fontSize=9.5, leading=13, leftIndent=0)
        self.label = style("ev-label", self.value, fontSize=8.5, leading=11, textColor=st.meta.textColor)
        self.caption = style("ev-caption", self.label, fontSize=8, leading=10.5, alignment=TA_CENTER)
        self.block = style("ev-block", st.item, fontSize=11.5, spaceBefore=5 * mm, spaceAfter=1.5 * mm)
        self.sub = style("ev-sub", self.value, fontSize=10, spaceBefore=3 * mm, spaceAfter=0.5 * mm)
        self.head = style("ev-head", st.meta, spaceBefore=1.5 * mm, spaceAfter=0.3 * mm, leftIndent=2 * mm)
        self.said = style("ev-said", st.body, fontSize=9.5, leading=13.5, leftIndent=6 * mm)

    # --- small pieces ---------------------------------------------------------------------------------------

    def text(self, text: str | None, *, free: bool = False) -> str:
        """User text as paragraph markup: phones masked in free text, printable in the font, escaped."""
        from app.export.pdf import markup, printable

        text = text or ""
        if free and not self.unmasked:
            text = mask_note_phones(text)
        return markup(printable(text))

    def para(self, text: str | None, style: Any = None, *, free: bool = False) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(self.text(_clip(text or ""), free=free), style or self.value)

    def lines(self, text: str | None, *, free: bool = True) -> list[Any]:
        """Free text of any length, a paragraph per line so it breaks across pages; phones masked."""
        from app.export.pdf import printable, text_paragraphs

        text = text or ""
        if free and not self.unmasked:
            text = mask_note_phones(text)
        return text_paragraphs(printable(text), self.said)

    def when(self, value: datetime | None) -> str:
        return "" if value is None else local_time(value, self.fmt)

    def phone(self, value: str | None) -> str:
        return "" if not value else value if self.unmasked else mask_phone(value)

    def address(self, value: str | None) -> str:
        return "" if not value else value if self.unmasked else short_address(value)

    def heading(self, text: str, style: Any = None) -> list[Any]:
        """A section's title over a rule; with a style, a title of that style alone."""
        from reportlab.platypus import HRFlowable, Paragraph

        if style is not None:
            return [Paragraph(self.text(text), style)]
        rule = HRFlowable(width="100%", thickness=0.6, color="#888888", spaceBefore=0, spaceAfter=1.5 * self.mm)
        return [Paragraph(self.text(text), self.st.heading), rule]

    def titled(self, text: str, body: list[Any], style: Any = None) -> list[Any]:
        """A title kept on one page with the first flowable under it: a title never ends a page."""
        return self.keep(self.heading(text, style), body)

    def grid(self, pairs: Pairs) -> Any:
        """Label/value pairs, three to a row, empty pairs left out; the last value of a short row runs to the edge.
        Values are clipped: free text of any length goes in `said` paragraphs instead."""
        from app.export.pdf import table

        pairs = [(label, value) for label, value in pairs if value]
        label_w = 21 * self.mm
        value_w = (self.width - 3 * label_w) / 3
        cells: list[list[Any]] = []
        commands: list[tuple[Any, ...]] = []
        for r, start in enumerate(range(0, len(pairs), 3)):
            row = pairs[start : start + 3]
            line: list[Any] = []
            for i, (label, value) in enumerate(row):
                line += [self.para(label, self.label), self.para(value, free=True)]
                commands.append(("BACKGROUND", (2 * i, r), (2 * i, r), SHADE))
            if len(row) < 3:
                commands.append(("SPAN", (len(line) - 1, r), (-1, r)))
                line += [""] * (6 - len(line))
            cells.append(line)
        return table(cells or [[self.para("（无记录）", self.label)]], [label_w, value_w] * 3, [*RULES, *commands])

    def columns(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Any:
        """A table with a shaded header row repeated on every page it runs to; the last column takes the rest."""
        from app.export.pdf import table

        cells = [[self.para(h, self.label) for h in header], *([self.para(v) for v in row] for row in rows)]
        sizes = [w * self.mm for w in widths] + [self.width - sum(widths) * self.mm]
        return table(cells, sizes, [*RULES, ("BACKGROUND", (0, 0), (-1, 0), SHADE)], repeatRows=1)

    def entry(self, *head: str | None, said: str | None) -> list[Any]:
        """One entry of a timeline: its grey line (time, who, how) kept with the first line of what was said."""
        from reportlab.platypus import Paragraph

        top = Paragraph("　".join(self.text(part) for part in head if part), self.head)
        return self.keep([top], self.lines(said))

    @staticmethod
    def keep(head: list[Any], body: list[Any]) -> list[Any]:
        """`head` and the first of `body` as one group kept on a page (merged with a group that starts `body`:
        reportlab's KeepTogether cannot nest, an inner one measures as endless and forces a page break)."""
        first = body[0] if body and isinstance(body[0], _Kept) else body[:1]
        return [_Kept([*head, *first]), *body[1:]]

    def free(self, label: str, text: str | None, *, masked: bool = True) -> list[Any]:
        """A labelled free text (a case's detail, a claim's loss note), whole, a paragraph per line."""
        from reportlab.platypus import Paragraph

        if not (text or "").strip():
            return []
        return self.keep([Paragraph(label, self.sub)], self.lines(text, free=masked))

    def refs(self, numbers: Sequence[int]) -> list[Any]:
        from reportlab.platypus import Paragraph

        if not numbers:
            return []
        return [Paragraph(f"图片：附图 {'、'.join(map(str, numbers))}（见文末）", self.label)]

    # --- the sections ---------------------------------------------------------------------------------------

    def story(self) -> list[Any]:
        from reportlab.platypus import KeepTogether

        parts = [self.header, self.parcel, self.cases, self.claims, self.fines, self.notes, self.files, self.pictures]
        flow = [flowable for part in parts for flowable in part()]
        return [KeepTogether(list(f)) if isinstance(f, _Kept) else f for f in flow]

    def header(self) -> list[Any]:
        from reportlab.platypus import Paragraph

        data, st = self.data, self.st
        outlet = [data.outlet_name, data.outlet_code and f"网点编号：{data.outlet_code}"]
        outlet.append(data.outlet_phone and f"电话：{data.outlet_phone}")
        fined = f"（{_money(sum((f.amount for f in data.fines), Decimal(0)))}）" if data.fines else ""
        counts = (
            f"案件 {len(data.cases)} 件，跟进 {sum(len(c.timeline) for c in data.cases)} 条，"
            f"留言 {sum(len(c.messages) for c in data.cases)} 条，理赔 {len(data.claims)} 件，"
            f"罚款 {len(data.fines)} 笔{fined}，图片 {len(data.pictures)} 张"
        )
        privacy = (
            f'<font color="{WARN}">本件含完整的电话和地址，仅限仲裁、申诉使用。</font>'
            if self.unmasked
            else "电话只显示前三位和后四位，地址只显示到路名和楼栋；图片为原样。"
        )
        subtitle = f"运单号 {data.parcel.waybill_no}　{data.parcel.carrier_name or ''}"
        return [
            Paragraph(TITLE, st.title),
            Paragraph(self.text(subtitle), st.subtitle),
            Paragraph(self.text("　".join(filter(None, outlet))), self.value),
            Paragraph(f"内容：{counts}", self.value),
            Paragraph(f"生成时间：{self.printed_at}　{privacy}", self.label),
        ]

    def parcel(self) -> list[Any]:
        from reportlab.platypus import Spacer

        p = self.data.parcel
        weights = [_number(p.weight_collected_kg, " kg"), _number(p.weight_arrived_kg, " kg")]
        pairs = [
            ("运单号", p.waybill_no),
            ("快递公司", p.carrier_name or p.carrier or ""),
            ("电商平台", p.platform or ""),
            ("物品", p.item or ""),
            ("件数", "" if p.quantity is None else f"{p.quantity} 件"),
            ("申报价值", _money(p.declared_value)),
            ("保价金额", _money(p.insured_value)),
            ("运费", _money(p.freight) + ("（到付）" if p.cod else "")),
            ("揽收/到达重量", " / ".join(w or "—" for w in weights) if any(weights) else ""),
            ("揽收网点", p.collecting_outlet or ""),
            ("派送网点", p.delivering_outlet or ""),
            ("寄件时间", self.when(p.sent_at)),
            ("签收时间", self.when(p.signed_at)),
            ("签收方式", _label(SIGNED_HOW, p.signed_how)),
            ("签收人", p.signed_by or ""),
        ]
        people = [
            ("寄件人", p.sender_name or "", self.phone(p.sender_phone), self.address(p.sender_address)),
            ("收件人", p.recipient_name or "", self.phone(p.recipient_phone), self.address(p.recipient_address)),
        ]
        table = self.columns(("", "姓名", "电话", "地址"), people, (16, 30, 36))
        return self.titled("一、快件信息", [self.grid(pairs), Spacer(1, 2 * self.mm), table])

    def cases(self) -> list[Any]:
        from reportlab.platypus import Paragraph

        body = [flowable for item in self.data.cases for flowable in self.case(item)]
        return self.titled("二、案件、留言与跟进记录", body or [Paragraph("这个运单没有登记案件。", self.value)])

    def case(self, item: EvidenceCase) -> list[Any]:
        from reportlab.platypus import Paragraph

        case = item.case
        kind = f"{_label(KIND_LABELS, case.kind)}（{_label(DIRECTION_LABELS, case.direction)}）"
        pairs = [
            ("问题类型", case.problem_type_name or ""),
            ("登记时间", self.when(case.opened_at)),
            ("经办人", case.handler or ""),
            ("快递员", case.courier or ""),
            ("期限", self.when(case.due_at)),
            ("结案时间", self.when(case.closed_at)),
            ("优先级", _label(PRIORITY_LABELS, case.priority) if case.priority else ""),
            ("来电人", case.caller_name or ""),
            ("来电电话", self.phone(case.caller_phone)),
            *self.kind_pairs(case),
        ]
        out = [self.grid(pairs), *self.refs(item.pictures)]
        out += self.free("说明", case.detail) + self.free("处理结果", case.resolution)
        if item.messages:
            said = [flowable for message in item.messages for flowable in self.message(message)]
            out += self.titled(f"留言与回复（{len(item.messages)} 条）", said, self.sub)
        timeline = [
            flowable
            for e in item.timeline
            for flowable in self.entry(self.when(e.at), e.operator, _label(CHANNELS, e.channel), said=e.text)
        ]
        out += self.titled(
            f"跟进记录（{len(item.timeline)} 条）", timeline or [Paragraph("（无）", self.label)], self.sub
        )
        return self.titled(f"案件 #{case.id}　{kind}　{case.status_label}", out, self.block)

    def kind_pairs(self, case: CaseView) -> Pairs:
        d = case.details
        if case.kind == "stuck":
            earliest = d.get("earliest_return_on")
            return [
                ("登记方", _label(REGISTERED_BY_LABELS, d.get("registered_by"))),
                ("已录系统", YES_NO[bool(d.get("in_carrier_system"))]),
                ("频次", str(d.get("round_no") or "")),
                ("货架", d.get("shelf") or ""),
                ("最早可退日", earliest.isoformat() if earliest else ""),
            ]
        if case.kind == "complaint":
            satisfaction = d.get("satisfaction")
            return [
                ("投诉渠道", _label(SOURCE_LABELS, d.get("source"))),
                ("工单号", d.get("external_ticket_no") or ""),
                ("投诉类别", d.get("category") or ""),
                ("首次响应", self.when(d.get("first_response_at"))),
                ("回访时间", self.when(d.get("return_visit_at"))),
                ("满意度", f"{satisfaction} 分" if satisfaction else ""),
                ("12305 风险日", self.when(d.get("appeal_risk_at"))),
                ("升级级别", str(d.get("escalation_level") or "")),
            ]
        if case.kind == "intercept":
            outcome = d.get("outcome")
            return [
                ("拦截要求", _label(REQUESTS, d.get("request"))),
                ("申请方", d.get("requested_by") or ""),
                ("新单号", d.get("new_waybill_no") or ""),
                ("新地址", self.address(d.get("new_address"))),
                ("拦下时间", self.when(d.get("pulled_at"))),
                ("结果", "成功" if outcome == "done" else _label(FAILURES, outcome)),
            ]
        arrived = d.get("arrived")
        return [
            ("最后扫描", self.when(d.get("last_scan_at"))),
            ("最后节点", d.get("last_node") or ""),
            ("已到件", "" if arrived is None else YES_NO[bool(arrived)]),
            ("客户诉求", d.get("request") or ""),
            ("预约", d.get("appointment") or ""),
        ]

    def message(self, message: MessageView) -> list[Any]:
        from reportlab.platypus import Paragraph

        said, answer = SAID.get(message.direction, ("留言", "回复"))
        out = self.entry(self.when(message.at), said, message.operator, said=message.text)
        if message.reply_at is not None:
            return out + self.entry(self.when(message.reply_at), answer, said=message.reply_text)
        due = f"，回复期限 {self.when(message.reply_due_at)}" if message.reply_due_at else ""
        return [*out, Paragraph(f'<font color="{WARN}">尚未回复{due}</font>', self.head)]

    def claims(self) -> list[Any]:
        body: list[Any] = []
        for item in self.data.claims:
            claim, facts = item.claim, item.claim.facts
            pairs = [
                ("理赔编号", claim.claim_no),
                ("状态", claim.status_label),
                ("登记时间", self.when(claim.created_at)),
                ("损失类型", claim.label("loss_type")),
                ("损失程度", claim.label("loss_extent")),
                ("物品", facts.item or ""),
                ("索赔金额", _money(facts.claimed_amount)),
                ("应赔金额", _money(claim.computed_amount)),
                ("核定金额", _money(facts.approved_amount)),
                ("责任方", claim.label("responsible_party")),
                ("责任单位", facts.responsible_name or ""),
                ("责任比例", _number(facts.responsible_share_pct, "%")),
                ("先行赔付", YES_NO[facts.paid_first]),
                ("已追偿", _money(facts.amount_recovered)),
                ("索赔人", facts.claimant_name or ""),
            ]
            worked = claim.compensation.rule_text if claim.compensation else claim.compensation_problem
            out = [self.grid(pairs), *self.refs(item.pictures)]
            out += self.free("赔偿计算", claim.rule_text or worked or "（尚不能计算）", masked=False)
            out += self.free("损失说明", facts.loss_note)
            steps = [f for e in item.timeline for f in self.entry(self.when(e.at), e.operator, said=e.text)]
            out += self.titled(f"理赔经过（{len(item.timeline)} 条）", steps, self.sub) if steps else []
            body += self.titled(f"理赔 {claim.claim_no}　{claim.status_label}", out, self.block)
        return self.titled("三、理赔", body) if body else []

    def fines(self) -> list[Any]:
        if not self.data.fines:
            return []
        rows = [
            (
                f"#{f.id}",
                f.reason,
                _money(f.amount),
                self.when(f.issued_at),
                self.when(f.appeal_due_at),
                _label(FINE_RESULTS, f.result) + (f"（{self.when(f.appealed_at)} 申诉）" if f.appealed_at else ""),
                _money(f.amount_recovered),
                f.courier_charged or "",
            )
            for f in self.data.fines
        ]
        header = ("编号", "原因", "金额", "开具时间", "申诉期限", "结果", "已追回", "扣快递员")
        body = [self.columns(header, rows, (11, 22, 20, 30, 30, 18, 18))]
        for fine in self.data.fines:
            body += self.free(f"罚款 #{fine.id} 的申诉证据", fine.evidence) + self.refs(fine.pictures)
        return self.titled("四、罚款", body)

    def notes(self) -> list[Any]:
        body: list[Any] = []
        for item in self.data.notes:
            note = item.note
            body += self.entry(self.when(note.created_at), note.operator_name, note.title, said=note.body)
            body += self.refs(item.pictures)
        return self.titled("五、工作笔记", body) if body else []

    def files(self) -> list[Any]:
        from reportlab.platypus import Paragraph

        if not self.data.pictures:
            return []
        rows = [
            (
                str(p.number),
                file_name(p),
                "；".join(p.sources),
                p.label or p.name,
                f"{p.width}×{p.height}" if p.width and p.height else "",
                f"{p.size / 1024:,.0f} KB",
            )
            for p in self.data.pictures
        ]
        note = Paragraph(f"原图按原样保存在压缩包的“{FOLDER}”文件夹中，文件名前的编号就是附图编号。", self.label)
        header = ("图", "压缩包内的文件", "来源", "名称 / 说明", "像素", "大小")
        return self.titled("附件清单", [note, self.columns(header, rows, (9, 50, 44, 30, 20))])

    def pictures(self) -> list[Any]:
        """Every picture downscaled (the claim form's decoder), two to a row, captioned with its number."""
        from reportlab.platypus import Image, Paragraph

        from app.export.claim_form import _photo_jpegs
        from app.export.pdf import table

        pictures, mm = self.data.pictures, self.mm
        if not pictures:
            return []
        cell_w = self.width / PICTURE_COLUMNS
        box_w, box_h = cell_w - 6 * mm, PICTURE_HEIGHT_MM * mm
        cells: list[Any] = []
        for picture, decoded in zip(pictures, _photo_jpegs([p.data for p in pictures]), strict=True):
            sources = "；".join(picture.sources)
            caption = self.para(f"附图 {picture.number}　{sources}　{picture.label or picture.name}", self.caption)
            if decoded is None:
                cells.append([self.para("（这张图片无法显示，原件见压缩包）", self.caption), caption])
                continue
            jpeg, width, height = decoded
            scale = min(box_w / width, box_h / height)
            cells.append([Image(io.BytesIO(jpeg), width=width * scale, height=height * scale), caption])
        cells += [""] * (-len(cells) % PICTURE_COLUMNS)
        rows = [cells[i : i + PICTURE_COLUMNS] for i in range(0, len(cells), PICTURE_COLUMNS)]
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),  # the captions of a row on one line
            ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
        ]
        count = Paragraph(f"共 {len(pictures)} 张，按附图编号排列（缩小显示，原图见压缩包）。", self.label)
        return self.titled("附图", [count, table(rows, [cell_w] * PICTURE_COLUMNS, commands)])
