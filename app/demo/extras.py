"""The notebook of a chunk: notes, todos and unlabelled parcels pointing at its cases, from their own stream."""

from __future__ import annotations

import random
from datetime import timedelta

from app.demo import data as D
from app.demo import territory as T
from app.demo.dice import Row, _Dice, _local_at, _local_date
from app.demo.ids import _Ids
from app.demo.people import _Parcel
from app.demo.plan import _Generator
from db.base import Base
from db.models import Note, NoteWaybill, Todo, UnlabelledParcel


class _Extras:
    """The notebook, todos and unlabelled parcels of one chunk, pointing at that chunk's cases."""

    def __init__(
        self, gen: _Generator, ids: _Ids, out: dict[type[Base], list[Row]], built: list[tuple[Row, _Parcel]]
    ) -> None:
        self.g, self.ids, self.out, self.built = gen, ids, out, built
        # seeded by the chunk's first case, so the case stream and the other chunks do not depend on it
        self.d = _Dice(random.Random(gen.notebook_seed ^ built[0][0]["id"] if built else 0), gen.now)

    def build(self) -> None:
        if not self.built:
            return
        n = len(self.built)
        for _ in range(max(1, n // 25)):
            self._note()
        for _ in range(max(1, n // 40)):
            self._todo()
        for _ in range(n // 400):
            self._unlabelled()

    def _note(self) -> None:
        g, d = self.g, self.d
        assert g.ref is not None
        picked = [d.pick(self.built) for _ in range(d.between(1, 3))]
        case, parcel = picked[0]
        title_t, body_t, tags = d.pick(D.NOTE_TEMPLATES)
        area = T.AREAS[parcel.area]
        numbers = list(dict.fromkeys(p.row["waybill_no"] for _, p in picked))
        values = {
            "waybills": "、".join(numbers),
            "outlet": d.pick(g.ref.counterparts.get(parcel.carrier) or [(0, "对方网点", "")])[1],
            "courier": g.ref.couriers.get(case["courier_id"], "快递员"),
            "place": d.pick(area.places).name,
            "count": len(numbers),
        }
        day = min(_local_date(case["opened_at"]) + timedelta(days=d.between(0, 1)), g.today)
        created = min(_local_at(day, 17 + 3 * d.random()), g.now)
        note_id = self.ids.take(Note)
        linked = "{waybills}" in body_t
        self.out[Note].append(
            {
                "id": note_id,
                "day": day,
                "title": title_t.format_map(values),
                "body": body_t.format_map(values),
                "tags": list(tags),
                "pinned": d.chance(0.02),
                "handover": title_t == "交接班记录",
                "operator_id": case["handler_id"],
                "case_id": case["id"] if linked and d.chance(0.5) else None,
                "created_at": created,
                "version": 1,
            }
        )
        if linked:
            self.out[NoteWaybill].extend({"note_id": note_id, "waybill_no": no} for no in numbers)

    def _todo(self) -> None:
        g, d = self.g, self.d
        assert g.ref is not None
        case, parcel = d.pick(self.built)
        values = {
            "customer": case["caller_name"] or parcel.recipient.name,
            "outlet": d.pick(g.ref.counterparts.get(parcel.carrier) or [(0, "对方网点", "")])[1],
            "waybill": parcel.row["waybill_no"],
            "courier": g.ref.couriers.get(case["courier_id"], "快递员"),
        }
        due = d.hours_after(case["opened_at"], 2, 72, cap=g.now + timedelta(days=3))
        done = d.hours_after(case["opened_at"], 1, 70) if due < g.now - timedelta(days=1) and d.chance(0.9) else None
        self.out[Todo].append(
            {
                "id": self.ids.take(Todo),
                "title": d.pick(D.TODO_TITLES).format_map(values),
                "body": case["detail"],
                "due_at": due,
                "priority": case["priority"],
                "done_at": done,
                "operator_id": case["handler_id"],
                "case_id": case["id"],
                "created_at": case["created_at"],
                "version": 1,
                "updated_at": done,
            }
        )

    def _unlabelled(self) -> None:
        g, d = self.g, self.d
        assert g.ref is not None
        case, parcel = d.pick(self.built)
        found = case["opened_at"]
        resolved = d.hours_after(found, 24, 240) if found < g.now - timedelta(days=10) else None
        matched = case["id"] if case["kind"] == "stuck" and resolved and d.chance(0.5) else None
        self.out[UnlabelledParcel].append(
            {
                "id": self.ids.take(UnlabelledParcel),
                "description": f"{d.pick(('黑色塑料袋', '纸箱', '编织袋', '白色快递袋'))}包裹约"
                f"{d.between(1, 8)}kg，内似{parcel.row['item']}",
                "carrier_id": parcel.row["carrier_id"],
                "found_at": found,
                "found_where": d.pick(("分拣线", "派件车", "网点门口", "货架底层")),
                "shelf": f"W-{d.between(1, 9):02d}",
                "photo_id": None,
                "matched_case_id": matched,
                "matched_claim_id": None,
                "resolved_at": resolved,
                "created_at": found,
            }
        )
