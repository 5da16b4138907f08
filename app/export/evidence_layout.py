"""The evidence pack's PDF (证据包): the story `render_evidence_pack` (app.export.evidence_pack) writes from an
EvidenceData, with no database.

In order: the title with what the pack holds and how personal data is printed, the parcel's facts, each case with
its facts, 留言 and replies and its timeline, the claims with their compensation worked out and their steps, the
fines, the notes naming the waybill, the list of files in the zip and every picture downscaled. A section says
which pictures (附图 n) are its own; a title is kept on a page with what follows it. Masking, grids and photos are
the claim form's (app.export.pdf_story, app.export.pdf_photos).

Imported when a pack is rendered, so reportlab is loaded then and not at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, Spacer

from app.cases import CaseView
from app.columns import PRIORITY_LABELS, REGISTERED_BY_LABELS, YES_NO
from app.complaints import SOURCE_LABELS
from app.export.evidence_pack import FOLDER, TITLE, EvidenceCase, EvidenceData, file_name
from app.export.pdf import printable, text_paragraphs
from app.export.pdf_photos import photo_grid
from app.export.pdf_story import FactSheet, Pairs, as_money, as_number, ruled
from app.intercepts import FAILURES, REQUESTS
from app.stuck_messages import MessageView
from app.workflows import DIRECTION_LABELS, KIND_LABELS

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
ROW_TOP = 2  # points above a table row's text
WARN = "#B00020"


def evidence_story(data: EvidenceData, *, unmasked: bool, printed_at: str) -> list[Any]:
    """The flowables of the pack's PDF, for app.export.pdf.write_pdf."""
    return _Pack(data, unmasked, printed_at).story()


def _label(labels: Mapping[Any, str], code: Any) -> str:
    return "" if code is None else labels.get(code, str(code))


class _Kept(list[Any]):
    """Flowables to keep on one page; the story turns each into one KeepTogether at the end."""


class _Pack(FactSheet):
    """The story of one pack: title and summary, the parcel, each case with its 留言 and timeline, claims, fines,
    notes, the list of files and the pictures."""

    def __init__(self, data: EvidenceData, unmasked: bool, printed_at: str) -> None:
        super().__init__(data.zone, unmasked)
        self.data, self.printed_at = data, printed_at
        mm, st, style = self.mm, self.st, self.style
        self.caption = style("ev-caption", self.label, fontSize=8, leading=10.5, alignment=TA_CENTER)
        self.block = style("ev-block", st.item, fontSize=11.5, spaceBefore=5 * mm, spaceAfter=1.5 * mm)
        self.sub = style("ev-sub", self.value, fontSize=10, spaceBefore=3 * mm, spaceAfter=0.5 * mm)
        self.head = style("ev-head", st.meta, spaceBefore=1.5 * mm, spaceAfter=0.3 * mm, leftIndent=2 * mm)
        self.said = style("ev-said", st.body, fontSize=9.5, leading=13.5, leftIndent=6 * mm)

    # --- small pieces ---------------------------------------------------------------------------------------

    def lines(self, text: str | None, *, free: bool = True) -> list[Any]:
        """Free text of any length, a paragraph per line so it breaks across pages; phones masked."""
        return text_paragraphs(printable(self.masked(text) if free else text or ""), self.said)

    def heading(self, text: str, style: Any = None) -> list[Any]:
        """A section's title over a rule; with a style, a title of that style alone."""
        if style is not None:
            return [Paragraph(self.text(text), style)]
        rule = HRFlowable(width="100%", thickness=0.6, color="#888888", spaceBefore=0, spaceAfter=1.5 * self.mm)
        return [Paragraph(self.text(text), self.st.heading), rule]

    def titled(self, text: str, body: list[Any], style: Any = None) -> list[Any]:
        """A title kept on one page with the first flowable under it: a title never ends a page."""
        return self.keep(self.heading(text, style), body)

    def grid(self, pairs: Pairs) -> Any:
        """Label/value pairs, three to a row, empty pairs left out; every value is free text."""
        shown = [(label, value) for label, value in pairs if value]
        rows = [shown[start : start + 3] for start in range(0, len(shown), 3)]
        return self.label_grid(rows, 21 * self.mm, ruled(ROW_TOP), free=True)

    def columns(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Any:
        """A table with a shaded header row repeated on every page it runs to; the last column takes the rest."""
        cells = [[self.para(h, self.label) for h in header], *([self.para(v) for v in row] for row in rows)]
        sizes = [w * self.mm for w in widths] + [self.width - sum(widths) * self.mm]
        return self.table(cells, sizes, ruled(ROW_TOP, shade_header=True), repeatRows=1)

    def entry(self, *head: str | None, said: str | None) -> list[Any]:
        """One entry of a timeline: its grey line (time, who, how) kept with the first line of what was said."""
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
        if not (text or "").strip():
            return []
        return self.keep([Paragraph(label, self.sub)], self.lines(text, free=masked))

    def refs(self, numbers: Sequence[int]) -> list[Any]:
        if not numbers:
            return []
        return [Paragraph(f"图片：附图 {'、'.join(map(str, numbers))}（见文末）", self.label)]

    # --- the sections ---------------------------------------------------------------------------------------

    def story(self) -> list[Any]:
        parts = [self.header, self.parcel, self.cases, self.claims, self.fines, self.notes, self.files, self.pictures]
        flow = [flowable for part in parts for flowable in part()]
        return [KeepTogether(list(f)) if isinstance(f, _Kept) else f for f in flow]

    def header(self) -> list[Any]:
        data, st = self.data, self.st
        outlet = [data.outlet_name, data.outlet_code and f"网点编号：{data.outlet_code}"]
        outlet.append(data.outlet_phone and f"电话：{data.outlet_phone}")
        fined = f"（{as_money(sum((f.amount for f in data.fines), Decimal(0)))}）" if data.fines else ""
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
        p = self.data.parcel
        weights = [as_number(p.weight_collected_kg, " kg"), as_number(p.weight_arrived_kg, " kg")]
        pairs = [
            ("运单号", p.waybill_no),
            ("快递公司", p.carrier_name or p.carrier or ""),
            ("电商平台", p.platform or ""),
            ("物品", p.item or ""),
            ("件数", "" if p.quantity is None else f"{p.quantity} 件"),
            ("申报价值", as_money(p.declared_value)),
            ("保价金额", as_money(p.insured_value)),
            ("运费", as_money(p.freight) + ("（到付）" if p.cod else "")),
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
        body = [flowable for item in self.data.cases for flowable in self.case(item)]
        return self.titled("二、案件、留言与跟进记录", body or [Paragraph("这个运单没有登记案件。", self.value)])

    def case(self, item: EvidenceCase) -> list[Any]:
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
                ("索赔金额", as_money(facts.claimed_amount)),
                ("应赔金额", as_money(claim.computed_amount)),
                ("核定金额", as_money(facts.approved_amount)),
                ("责任方", claim.label("responsible_party")),
                ("责任单位", facts.responsible_name or ""),
                ("责任比例", as_number(facts.responsible_share_pct, "%")),
                ("先行赔付", YES_NO[facts.paid_first]),
                ("已追偿", as_money(facts.amount_recovered)),
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
                as_money(f.amount),
                self.when(f.issued_at),
                self.when(f.appeal_due_at),
                _label(FINE_RESULTS, f.result) + (f"（{self.when(f.appealed_at)} 申诉）" if f.appealed_at else ""),
                as_money(f.amount_recovered),
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
        """Every picture downscaled, two to a row, captioned with its number (the originals are in the zip)."""
        pictures, mm = self.data.pictures, self.mm
        if not pictures:
            return []
        captioned = [
            (p.data, self.para(f"附图 {p.number}　{'；'.join(p.sources)}　{p.label or p.name}", self.caption))
            for p in pictures
        ]
        grid = photo_grid(
            captioned,
            lambda: self.para("（这张图片无法显示，原件见压缩包）", self.caption),
            width=self.width,
            columns=PICTURE_COLUMNS,
            height=PICTURE_HEIGHT_MM * mm,
            room=6 * mm,
        )
        count = Paragraph(f"共 {len(pictures)} 张，按附图编号排列（缩小显示，原图见压缩包）。", self.label)
        return self.titled("附图", [count, grid])
