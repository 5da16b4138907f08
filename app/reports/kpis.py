"""The outlet plan's targets as numbers with a trend: what the report page, the report workbook and the one-page
PDF all show, computed once from a `Report` (and the one before it for the trend).

Targets. The plan (DESIGN.md §1) sets four: a complaint answered within 3 minutes, a complaint's cycle within 24
hours, repeat complaints under 5 %, satisfaction at least 90 %. The first two are time limits; as shares we read
them as "at least 95 % of complaints" (a plan promise rather than a law of nature: the odd complaint at closing
time slips). The others are our own choice, said here so nobody mistakes them for the plan's:
- complaints closed within their channel's SLA (12305, platform, …; app.settings.complaint_slas): at least 95 %,
  as the two plan limits;
- repeat chases: under 10 % (a chase is cheaper than a complaint, but a second one means the first answer failed);
- one-contact resolution has no target: it is shown with its trend only (`target` None, `met` None).
A "higher is better" target is met at or above it; a "lower is better" one only below it (the plan says "under").

Shares are None when there is nothing to measure (no complaint in the range), never 0 %. A complaint nobody has
answered yet counts against the 3-minute share: it was not answered within 3 minutes.

Also here: the Chinese words the exports print for kinds, fine results, claim statuses and unrecorded breakdown
keys, taken from app.workflows rather than copied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.reports.durations import PLAN_CYCLE_SECONDS, PLAN_FIRST_RESPONSE_SECONDS
from app.reports.figures import KINDS, Rate
from app.reports.ranges import ReportRange
from app.reports.report import Report
from app.workflows import CLAIM, FINE, KIND_LABELS, Workflow

NO_VALUE = "—"
PLAN_RESPONSE_SHARE = 0.95  # our reading of "within 3 minutes" / "within 24 h" as a share (see above)
PLAN_SLA_SHARE = 0.95
PLAN_REPEAT_COMPLAINTS = 0.05  # the plan: under 5 %
PLAN_REPEAT_CHASES = 0.10  # ours
PLAN_SATISFACTION = 0.90  # the plan: at least 90 %

RANGE_KIND_LABELS = {"day": "日报", "week": "周报", "month": "月报", "custom": "自定义"}
UNRECORDED = {"problem_type": "未填问题类型", "courier": "未指定快递员", "carrier": "未知快递公司"}
OTHERS = "其他"
TOTAL = "合计"
MET_WORDS = {True: "达标", False: "未达标", None: NO_VALUE}


@dataclass(frozen=True)
class Kpi:
    """One plan figure. `value` and `previous` are shares 0..1 (None: nothing to measure); `delta` is the change
    since the previous range in shares (None unless both are known); `basis` is how many cases were measured."""

    code: str
    label: str
    value: float | None
    target: float | None
    higher_is_better: bool
    met: bool | None
    previous: float | None
    delta: float | None
    basis: int

    def text(self) -> str:
        """ "92.5 %", or "—" when there is nothing to measure."""
        return percent(self.value)

    def previous_text(self) -> str:
        return percent(self.previous)

    def target_text(self) -> str:
        """ "≥ 95 %" or "< 5 %"; "—" without a target."""
        if self.target is None:
            return NO_VALUE
        return f"{'≥' if self.higher_is_better else '<'} {percent(self.target, digits=0)}"

    def met_text(self) -> str:
        return MET_WORDS[self.met]

    def delta_text(self) -> str:
        """The change in percentage points, signed: "+2.5", "-1.0", "0.0"; "—" without both values."""
        if self.delta is None:
            return NO_VALUE
        points = round(self.delta * 100, 1)
        return f"{points:+.1f}" if points else "0.0"

    @property
    def improved(self) -> bool | None:
        """Whether the change went the good way (None: no change to judge)."""
        if self.delta is None or round(self.delta * 100, 1) == 0:
            return None
        return (self.delta > 0) == self.higher_is_better


@dataclass(frozen=True)
class _Definition:
    code: str
    label: str
    target: float | None
    higher_is_better: bool


DEFINITIONS = (
    _Definition(
        "first_response_3min", f"投诉 {PLAN_FIRST_RESPONSE_SECONDS // 60} 分钟内首次响应", PLAN_RESPONSE_SHARE, True
    ),
    _Definition("complaint_cycle_24h", f"投诉 {PLAN_CYCLE_SECONDS // 3600} 小时内办结", PLAN_RESPONSE_SHARE, True),
    _Definition("complaint_within_sla", "投诉在渠道时限内办结", PLAN_SLA_SHARE, True),
    _Definition("repeat_complaints", "重复投诉率", PLAN_REPEAT_COMPLAINTS, False),
    _Definition("repeat_chases", "重复催单率", PLAN_REPEAT_CHASES, False),
    _Definition("satisfaction", "回访满意率", PLAN_SATISFACTION, True),
    _Definition("one_contact", "一次联系解决率", None, True),
)


def _rates(report: Report) -> dict[str, Rate]:
    """Each KPI as part of whole, from the report's figures."""
    first = report.first_response["complaint"]
    cycle = report.resolution["complaint"]
    return {
        "first_response_3min": Rate(first.within_target, first.count + first.unanswered),
        "complaint_cycle_24h": Rate(cycle.within_target, cycle.count),
        "complaint_within_sla": Rate(cycle.within_sla or 0, cycle.count if cycle.within_sla is not None else 0),
        "repeat_complaints": report.repeats["complaint"],
        "repeat_chases": report.repeats["chase"],
        "satisfaction": report.satisfaction,
        "one_contact": Rate(
            sum(report.one_contact[k].part for k in KINDS), sum(report.one_contact[k].whole for k in KINDS)
        ),
    }


def kpis(report: Report, previous: Report | None = None) -> list[Kpi]:
    """The plan's figures of `report`, in a fixed order, each with the trend against `previous` when given."""
    now = _rates(report)
    before = _rates(previous) if previous is not None else {}
    out = []
    for d in DEFINITIONS:
        value = now[d.code].share
        prior = before[d.code].share if d.code in before else None
        met = None
        if value is not None and d.target is not None:
            met = value >= d.target if d.higher_is_better else value < d.target
        delta = value - prior if value is not None and prior is not None else None
        out.append(Kpi(d.code, d.label, value, d.target, d.higher_is_better, met, prior, delta, now[d.code].whole))
    return out


def percent(share: float | None, *, digits: int = 1) -> str:
    """A share as "92.5 %"; "—" for None."""
    return NO_VALUE if share is None else f"{share * 100:.{digits}f} %"


def range_text(rng: ReportRange) -> str:
    """ "2026-11-16 至 2026-11-22（周报）"; one day: "2026-11-20（日报）"."""
    return f"{_span(rng.first, rng.last)}（{RANGE_KIND_LABELS[rng.kind]}）"


def _span(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def _status_label(workflow: Workflow, code: str) -> str:
    return next((s.label for s in workflow.states if s.code == code), code)


def fine_result_label(result: str) -> str:
    return _status_label(FINE, result)


def claim_status_label(status: str) -> str:
    return _status_label(CLAIM, status)


@dataclass(frozen=True)
class MoneyLine:
    """One row of a money table, the total last: fines (amount, recovered) or claims (claimed, approved)."""

    label: str
    count: int
    amount: Decimal
    other: Decimal


def fine_lines(report: Report) -> list[MoneyLine]:
    """Fines issued in the range by result, then the total: amount and what was recovered from others."""
    lines = [MoneyLine(fine_result_label(f.result), f.count, f.amount, f.recovered) for f in report.fines]
    return _with_total(lines)


def claim_lines(report: Report) -> list[MoneyLine]:
    """Claims registered in the range by status, then the total: claimed and approved."""
    lines = [MoneyLine(claim_status_label(c.status), c.count, c.claimed, c.approved) for c in report.claims]
    return _with_total(lines)


def _with_total(lines: list[MoneyLine]) -> list[MoneyLine]:
    zero = Decimal("0.00")
    total = MoneyLine(
        TOTAL,
        sum(line.count for line in lines),
        sum((line.amount for line in lines), zero),
        sum((line.other for line in lines), zero),
    )
    return [*lines, total]


def tally_label(label: str | None, breakdown: str) -> str:
    """A breakdown row's name, or what was not recorded ("未指定快递员"); `breakdown` is a key of UNRECORDED."""
    return label if label else UNRECORDED[breakdown]
