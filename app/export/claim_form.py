"""The claim form (理赔申请表): one claim on A4 pages for the claimant, the clerk and the manager to sign.

Two steps, so the GUI holds the database only briefly: `claim_form_data` reads everything in one session (the
claim worked out, the outlet's header, the first photos' bytes) and `render_claim_form` lays it out with no
database at all, on a worker thread if need be. `write_claim_form` does both for the command line and the GUI:
an unmasked form needs a manager (checked before anything is written) and leaves an audit line naming them.

Personal data is printed as exports print it: phones masked (138****5678), addresses shortened to the road and
building, phones typed into the free texts masked too, unless `unmasked` (a manager's printout, audited); the
grids, the masking and the photo grid are the evidence pack's too (app.export.pdf_story, app.export.pdf_photos).
The font (resources/fonts) has no ☑ / ☐, so the check boxes are drawn; every character of user text the font
lacks is printed as 〓 (app.export.pdf.printable).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from app import settings
from app.actor import Actor
from app.claims import records
from app.claims.records import ClaimView
from app.columns import TIME_FORMAT
from app.export.files import approve_unmasked, atomic_output, record_unmasked
from app.export.pdf_photos import PHOTO_PIXELS as PHOTO_PIXELS  # the form's photos' size, named here too
from app.export.pdf_photos import PHOTO_SLACK as PHOTO_SLACK
from app.export.pdf_photos import photo_grid
from app.export.pdf_story import LABEL_SHADE, RULE, FactSheet, Pairs, as_money, as_number, ruled

if TYPE_CHECKING:
    from db.engine import Database

TITLE = "理赔申请表"
MAX_PHOTOS = 6
PHOTO_COLUMNS = 3
DECLARATION = (
    "申明：以上所填内容真实、完整，所附照片和材料均为本次快件的真实情况；如有虚报、隐瞒，本人愿承担相应责任。"
    "本人同意快递公司及网点为处理本次理赔核实上述信息，并按核定结果办理赔付。"
)
SIGNERS = ("索赔人（签字）", "经办人（签字）", "网点负责人（签字）")
DATE_LINE = "日期：{0}{0}年{0}月{0}日".format("&nbsp;" * 5)  # markup: room to write the date in
YES_NO = {True: "是", False: "否"}
SHADE = "#E9EEF4"
ROW_TOP = 2.5  # points above a grid row's text
MISSING = "#B00020"
CHOSEN = "#FFF4CC"
GAP = "&nbsp;" * 4  # paragraphs collapse runs of spaces, the ideographic one too
PADDINGS = ("TOPPADDING", "BOTTOMPADDING", "LEFTPADDING", "RIGHTPADDING")


@dataclass(frozen=True)
class FormPhoto:
    name: str
    label: str | None
    data: bytes


@dataclass(frozen=True)
class ClaimFormData:
    """Everything the form prints, read in one go; rendering needs nothing else."""

    claim: ClaimView
    outlet_name: str
    outlet_code: str
    outlet_phone: str
    zone: tzinfo  # the outlet's: dates and times print in it
    photos: tuple[FormPhoto, ...]  # the first MAX_PHOTOS attachments
    photos_attached: int  # all of them


@dataclass(frozen=True)
class ClaimForm:
    path: Path
    claim_no: str
    pages: int
    photos: int  # printed


def claim_form_data(session: Session, claim_id: int) -> ClaimFormData:
    """The claim, the outlet's header and the first photos' bytes (NotFoundError for an unknown claim)."""
    claim = records.get_claim(session, claim_id)
    attached = len(records.attachments(session, claim_id))
    photos = tuple(FormPhoto(a.name, a.label, data) for a, data in records.photos(session, claim_id, MAX_PHOTOS))
    return ClaimFormData(
        claim=claim,
        outlet_name=settings.get(session, "outlet.name") or "",
        outlet_code=settings.get(session, "outlet.code") or "",
        outlet_phone=settings.get(session, "outlet.phone") or "",
        zone=settings.deadline_rules(session).tz(),
        photos=photos,
        photos_attached=attached,
    )


def render_claim_form(data: ClaimFormData, path: Path, *, unmasked: bool = False) -> int:
    """Write the form as a PDF at `path` (a temporary file renamed into place); returns the number of pages."""
    from app.export.pdf import Page, write_pdf

    path = Path(path)
    printed_at = datetime.now(UTC).astimezone(data.zone).strftime(TIME_FORMAT)
    page = Page(f"{TITLE} {data.claim.claim_no}", printed_at)
    with atomic_output(path) as temp:
        story = _Form(data, unmasked).story()
        return write_pdf(temp, story, page)


def write_claim_form(
    database: Database,
    claim_id: int,
    path: Path,
    *,
    unmasked: bool = False,
    actor: Actor,
    manager_pin: str | None = None,
) -> ClaimForm:
    """Read, render and (unmasked) record who took the personal data and which manager allowed it: the one call
    of the command line and the GUI. Unmasked, a clerk needs `manager_pin`; a refusal writes nothing."""
    with database.read() as session:
        manager = approve_unmasked(session, actor, manager_pin) if unmasked else None
        data = claim_form_data(session, claim_id)
    path = Path(path)
    pages = render_claim_form(data, path, unmasked=unmasked)
    form = ClaimForm(path.resolve(), data.claim.claim_no, pages, len(data.photos))
    if manager is not None:
        with database.write() as session:
            record_unmasked_form(session, form, actor=actor, approved_by=manager)
    return form


def record_unmasked_form(session: Session, form: ClaimForm, *, actor: Actor, approved_by: Actor) -> None:
    """The audit line of an unmasked claim form."""
    what = f"claim_form {form.claim_no}"
    record_unmasked(session, actor, what=what, path=form.path, rows=1, approved_by=approved_by)


# --- values as printed -----------------------------------------------------------------------------------------


def _yes_no(value: bool | None) -> str:
    return "" if value is None else YES_NO[value]


def _count(value: int | None, unit: str = " 件") -> str:
    return "" if value is None else f"{value}{unit}"


class _Form(FactSheet):
    """The story of one form: the header with the barcode, sections of label/value grids, the checklist, the
    compensation, the declaration with signatures and stamp, and the photo grid."""

    def __init__(self, data: ClaimFormData, unmasked: bool) -> None:
        from reportlab.lib.enums import TA_CENTER, TA_RIGHT

        super().__init__(data.zone, unmasked)
        self.data, self.claim = data, data.claim
        mm, st, style = self.mm, self.st, self.style
        grey = st.meta.textColor
        self.label_right = style("label-right", self.label, alignment=TA_RIGHT)
        self.small = style("small", self.value, fontSize=8, leading=10.5, textColor=grey)
        self.caption = style("caption", self.small, alignment=TA_CENTER)
        self.centre = style("centre", self.value, alignment=TA_CENTER)
        self.right = style("right", self.value, alignment=TA_RIGHT)
        self.section = style("section", self.value, fontSize=10.5, leading=14)
        self.outlet = style("outlet", self.value, fontSize=13, leading=17)
        self.tick = style("tick", self.value, fontSize=9, leading=7.5, alignment=TA_CENTER)
        self.title = style("form-title", st.title, fontSize=20, leading=26, spaceAfter=1 * mm)

    # --- small pieces ---------------------------------------------------------------------------------------

    def heading(self, text: str) -> Any:
        from reportlab.platypus import Paragraph

        cells = [[Paragraph(text, self.section)]]
        box = [("BACKGROUND", (0, 0), (-1, -1), SHADE), ("BOX", (0, 0), (-1, -1), 0.6, RULE)]
        table = self.table(cells, [self.width], [*box, ("TOPPADDING", (0, 0), (-1, -1), 2)])
        table.spaceBefore = 3 * self.mm
        table.keepWithNext = True
        return table

    def grid(self, rows: Sequence[Pairs], *, free: Collection[str] = ()) -> Any:
        """Label/value pairs, three to a row; the values of the labels in `free` are free text."""
        return self.label_grid(rows, 23 * self.mm, ruled(ROW_TOP), free=free)

    def box(self, ticked: bool) -> Any:
        """A check box: a drawn square with a √ (打√, as on paper forms) when ticked; the font has no ☑ / ☐."""
        size = 3.6 * self.mm
        cells = [[self.para("√" if ticked else "", self.tick)]]
        frame = [("BOX", (0, 0), (-1, -1), 0.7, "#222222"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        no_padding = [(side, (0, 0), (-1, -1), 0) for side in PADDINGS]
        return self.table(cells, [size], [*frame, *no_padding], rowHeights=[size])

    # --- the sections ---------------------------------------------------------------------------------------

    def story(self) -> list[Any]:
        return [
            *self.header(),
            *self.parcel(),
            *self.people(),
            *self.loss(),
            *self.evidence(),
            *self.compensation(),
            *self.money(),
            *self.signatures(),
            *self.photos(),
        ]

    def header(self) -> list[Any]:
        """The outlet (left) and the waybill's barcode (right) over the title and the claim's number and date."""
        from reportlab.platypus import Paragraph

        data, claim, mm = self.data, self.claim, self.mm
        contact = [
            f"网点编号：{self.text(data.outlet_code)}" if data.outlet_code else "",
            f"电话：{self.text(data.outlet_phone)}" if data.outlet_phone else "",
        ]
        outlet = [
            Paragraph(self.text(data.outlet_name) or "网点", self.outlet),
            Paragraph(GAP.join(part for part in contact if part), self.small),
        ]
        layout = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (1, 0), (1, 0), "CENTER"),
            *[(side, (0, 0), (-1, -1), 0) for side in PADDINGS],
        ]
        top = self.table([[outlet, self.barcode()]], [self.width - 78 * mm, 78 * mm], layout)
        facts = (
            f"理赔编号：{self.text(claim.claim_no)}{GAP}登记日期：{self.when(claim.created_at, day_only=True)}"
            f"{GAP}状态：{self.text(claim.status_label)}"
        )
        return [top, Paragraph(TITLE, self.title), Paragraph(facts, self.centre)]

    def barcode(self) -> list[Any]:
        """A Code 128 of the waybill number with the number printed under it (in the embedded font: the
        barcode's own human-readable line would be in Helvetica, not embedded)."""
        from reportlab.graphics.barcode.code128 import Code128Auto

        mm = self.mm
        number = self.claim.waybill_no
        shown = self.para(f"运单号 {number}", self.centre)
        if not (number and number.isascii() and number.isprintable()):
            return [shown]
        widest = 72 * mm
        modules = Code128Auto(number, barWidth=1, humanReadable=False, quiet=False).width
        bar = min(0.33 * mm, widest / max(modules, 1))
        code = Code128Auto(number, barWidth=bar, barHeight=13 * mm, humanReadable=False, quiet=False)
        code.hAlign = "CENTER"
        return [code, shown]

    def parcel(self) -> list[Any]:
        claim = self.claim
        rows = [
            [
                ("运单号", claim.waybill_no),
                ("快递公司", claim.carrier_name or claim.carrier or ""),
                ("寄件时间", self.when(claim.sent_at)),
            ],
            [
                ("揽收网点", claim.collecting_outlet or ""),
                ("派送网点", claim.delivering_outlet or ""),
                ("签收时间", self.when(claim.signed_at)),
            ],
        ]
        return [self.heading("一、快件信息"), self.grid(rows)]

    def people(self) -> list[Any]:
        claim, facts, mm = self.claim, self.claim.facts, self.mm
        claimant = f"与快件关系：{claim.label('claimant_relation')}；授权书：{claim.label('authorisation')}"
        rows = [
            ("寄件人", claim.sender_name, self.phone(claim.sender_phone), self.address(claim.sender_address)),
            ("收件人", claim.recipient_name, self.phone(claim.recipient_phone), self.address(claim.recipient_address)),
            ("索赔人", facts.claimant_name, self.phone(facts.claimant_phone), claimant),
        ]
        cells = [[self.para(t, self.label) for t in ("", "姓名", "电话", "地址 / 与快件关系")]]
        cells += [[self.para(role, self.label), *map(self.para, values)] for role, *values in rows]
        widths = [23 * mm, 32 * mm, 36 * mm, self.width - 91 * mm]
        commands = [*ruled(ROW_TOP, shade_header=True), ("BACKGROUND", (0, 0), (0, -1), LABEL_SHADE)]
        return [self.heading("二、寄件人、收件人与索赔人"), self.table(cells, widths, commands)]

    def loss(self) -> list[Any]:
        from reportlab.platypus import Paragraph

        claim, facts = self.claim, self.claim.facts
        collected, arrived = claim.weight_collected_kg, claim.weight_arrived_kg
        difference = "" if collected is None or arrived is None else as_number(arrived - collected, " kg")
        rows = [
            [
                ("损失类型", claim.label("loss_type")),
                ("损失程度", claim.label("loss_extent")),
                ("物品", facts.item or ""),
            ],
            [
                ("件数", _count(facts.quantity)),
                ("短少件数", _count(facts.quantity_short)),
                ("包装", claim.label("packaging")),
            ],
            [("申报价值", as_money(facts.declared_value)), ("价值证明", facts.value_proof or "")],
            [("实际损失", as_money(facts.actual_loss)), ("签收时验视", _yes_no(facts.inspected_at_signing))],
            [
                ("是否保价", _yes_no(facts.insured)),
                ("保价金额", as_money(facts.insured_value)),
                ("保价费", as_money(facts.insurance_fee)),
            ],
            [("运费", as_money(facts.freight)), ("运费到付", _yes_no(facts.freight_cod))],
            [
                ("揽收重量", as_number(collected, " kg")),
                ("到达重量", as_number(arrived, " kg")),
                ("重量差", difference),
            ],
        ]
        note = facts.loss_note or ""
        return [
            self.heading("三、货物与损失"),
            self.grid(rows, free=("价值证明",)),
            Paragraph("损失说明：" + ("" if note.strip() else "（未填写）"), self.label),
            *self.note_lines(note),
        ]

    def note_lines(self, note: str) -> list[Any]:
        """The loss note as one paragraph per line, outside any table: a long note must break across pages."""
        from reportlab.platypus import Paragraph

        lines = note.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return [Paragraph(self.text(line, free=True), self.value) for line in lines if line.strip()]

    def evidence(self) -> list[Any]:
        from reportlab.platypus import Paragraph

        mm = self.mm
        items = self.claim.evidence
        cells: list[list[Any]] = []
        for start in range(0, len(items), 2):
            line: list[Any] = []
            for item in items[start : start + 2]:
                if item.missing:
                    state = f'<font color="{MISSING}">必需·待补</font>'
                elif item.needed:
                    state = "必需·已收"
                else:
                    state = "已收" if item.ticked else "本案不需要"
                line += [self.box(item.ticked), self.para(item.label), Paragraph(state, self.small)]
            line += [""] * (6 - len(line))
            cells.append(line)
        half = self.width / 2
        commands = [
            ("BOX", (0, 0), (-1, -1), 0.4, RULE),
            ("LINEAFTER", (2, 0), (2, -1), 0.4, RULE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ]
        table = self.table(cells, [7 * mm, half - 30 * mm, 23 * mm] * 2, commands)
        return [self.heading("四、理赔材料（√ 为已收到）"), table]

    def compensation(self) -> list[Any]:
        mm = self.mm
        heading = self.heading("五、赔偿计算")
        worked = self.claim.compensation
        widths = [14 * mm, 38 * mm, self.width - 80 * mm, 28 * mm]
        if worked is None:
            cells = [[self.para(f"尚不能计算赔偿：{self.claim.compensation_problem or ''}"), "", "", ""]]
            return [heading, self.table(cells, widths, [*ruled(ROW_TOP), ("SPAN", (0, 0), (-1, 0))])]
        cells = [[self.para(t, self.label) for t in ("", "规则", "计算")] + [self.para("金额", self.label_right)]]
        for option in worked.options:
            mark = self.para("采用" if option.chosen else "参考", self.centre if option.chosen else self.small)
            amount = self.para(as_money(option.amount), self.right)
            cells.append([mark, self.para(option.label), self.para(option.text), amount])
        cells.append([self.para("应赔金额（采用的规则合计）"), "", "", self.para(as_money(worked.amount), self.right)])
        total = len(cells) - 1
        commands = [
            *ruled(ROW_TOP, shade_header=True),
            ("SPAN", (0, total), (2, total)),
            ("BACKGROUND", (0, total), (-1, total), SHADE),
            *[("BACKGROUND", (0, r), (0, r), CHOSEN) for r, o in enumerate(worked.options, 1) if o.chosen],
        ]
        return [heading, self.table(cells, widths, commands)]

    def money(self) -> list[Any]:
        facts = self.claim.facts
        rows = [
            [
                ("索赔金额", as_money(facts.claimed_amount)),
                ("核定金额", as_money(facts.approved_amount)),
                ("先行赔付", _yes_no(facts.paid_first)),
            ],
            [
                ("责任方", self.claim.label("responsible_party")),
                ("责任单位", facts.responsible_name or ""),
                ("责任比例", as_number(facts.responsible_share_pct, "%")),
            ],
            [("已追偿", as_money(facts.amount_recovered)), ("收款人", facts.payee or "")],
            [("残值处理", facts.salvage or "")],
        ]
        return [self.heading("六、金额与责任"), self.grid(rows, free=("收款人", "残值处理"))]

    def signatures(self) -> list[Any]:
        from reportlab.platypus import KeepTogether, Paragraph, Spacer

        mm = self.mm
        stamp_w = 44 * mm
        signer_w = (self.width - stamp_w) / 3
        cells = [
            [*(self.para(s, self.label) for s in SIGNERS), self.para("网点盖章", self.label)],
            ["", "", "", ""],
            [*(Paragraph(DATE_LINE, self.small) for _ in SIGNERS), ""],
        ]
        commands = [
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("LINEAFTER", (0, 0), (2, -1), 0.4, RULE),
            ("SPAN", (3, 1), (3, 2)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ]
        table = self.table(cells, [signer_w] * 3 + [stamp_w], commands, rowHeights=[None, 20 * mm, None])
        block = [self.heading("七、申明与签字"), Spacer(1, 1.5 * mm), Paragraph(DECLARATION, self.value)]
        return [KeepTogether([*block, Spacer(1, 2 * mm), table])]

    def photos(self) -> list[Any]:
        from reportlab.platypus import KeepTogether, Paragraph

        mm = self.mm
        data = self.data
        shown = len(data.photos)
        if not shown:
            return [self.heading("附：照片"), Paragraph("未附照片。", self.value)]
        count = f"共 {data.photos_attached} 张" + (f"，印出前 {shown} 张" if data.photos_attached > shown else "")
        photos = [
            (photo.data, self.para(f"{n}. {photo.label or photo.name}", self.caption))
            for n, photo in enumerate(data.photos, 1)
        ]
        table = photo_grid(
            photos,
            lambda: self.para("（这张照片无法读取）", self.caption),
            width=self.width,
            columns=PHOTO_COLUMNS,
            height=44 * mm,
            room=4 * mm,
        )
        return [KeepTogether([self.heading(f"附：照片（{count}）"), table])]
