"""The evidence pack (证据包): everything the outlet knows about one parcel, as a PDF to upload to an arbitration or
a fine appeal, and a zip of that PDF with every original picture.

Two steps like the claim form: `evidence_data` reads the parcel, its cases with their timelines and 留言 threads,
its claims (with the compensation rule), fines, the notes naming it and every picture attached to any of them
(bytes included) in one session; `render_evidence_pack` lays it out (app.export.evidence_layout) with no
database, on a worker thread if need be. `write_evidence_pack` does both for the command line and records the
audit line an unmasked pack leaves.

Pictures are numbered once for the whole pack (附图 1, 2, …): the sections say which numbers are theirs, the PDF
prints them downscaled at the end (app.export.pdf_photos), and the zip holds each original under `附件/` as
"NN_name.ext" — the number keeps names apart, the name is the cleaned display name (never a path from user data)
and the extension is the one of the format the content really is. The same content attached twice is one picture.

Personal data is printed as exports print it: phones masked, addresses shortened, phones typed into free text
masked, unless `unmasked`. The pictures themselves cannot be masked: a label photographed shows what it shows.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app import settings
from app.actor import Actor
from app.attachments.names import clean_name, extension
from app.attachments.store import attachment_data, list_attachments
from app.cases import CaseView, TimelineEntry, get_case, timeline
from app.claims import records
from app.claims.records import ClaimView
from app.columns import TIME_FORMAT, Format, local_time
from app.errors import NotFoundError, UserError
from app.export.files import approve_unmasked, atomic_output, check_target, record_unmasked
from app.notebook.notes import NoteView, get_note
from app.stuck_messages import MessageView, thread
from app.waybills import normalise_waybill
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
    return f"{FOLDER}/{picture.number:02d}_{stem}.{extension(picture.mime)}"


def render_evidence_pack(
    data: EvidenceData, pdf_path: Path, *, zip_path: Path | None = None, unmasked: bool = False
) -> EvidencePack:
    """Write the PDF at `pdf_path` and, given `zip_path`, the zip of the PDF and every original picture. Each is
    written to a temporary file renamed into place, so a failure leaves neither half-written; the zip (which holds
    the PDF) is renamed first."""
    from app.export.evidence_layout import evidence_story
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
        pages = write_pdf(temp, evidence_story(data, unmasked=unmasked, printed_at=printed_at), page)
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
    manager_pin: str | None = None,
) -> EvidencePack:
    """Read, render and (unmasked) record who took the personal data and which manager allowed it: the command
    line's and the GUI's one call. Unmasked, a clerk needs `manager_pin`; a refusal writes nothing."""
    with database.read() as session:
        manager = approve_unmasked(session, actor, manager_pin) if unmasked else None
        data = evidence_data(session, waybill_no)
    pack = render_evidence_pack(data, pdf_path, zip_path=zip_path, unmasked=unmasked)
    if manager is not None:
        with database.write() as session:
            record_unmasked_pack(session, pack, actor=actor, approved_by=manager)
    return pack


def record_unmasked_pack(session: Session, pack: EvidencePack, *, actor: Actor, approved_by: Actor) -> None:
    """The audit lines of an unmasked pack, one per file written."""
    for path in filter(None, (pack.path, pack.zip_path)):
        what = f"evidence_pack {pack.waybill_no}"
        record_unmasked(session, actor, what=what, path=path, rows=1, approved_by=approved_by)
