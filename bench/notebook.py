"""The notebook search over 50,000 notes (issue 7): `app.notebook.search.search` for a 3-character Chinese query,
against the same main SELECT on the notes (captured) through the raw driver. Target: under 50 ms (median).

The notes are written by raw INSERTs into a fresh database (the search index follows through its triggers on
SQLite, its trigram index on PostgreSQL), a clerk's year of shift notes: Chinese sentences with waybill numbers,
phones and tags; about one in fifty mentions the query's words.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import text

from app.notebook.search import search
from bench.common import Result, Target, captured, result, timed_pair
from db.engine import Database

NOTES = 50_000
SEARCH_TARGET = 0.050
QUERY = "改派到"
_PHRASES = (
    "客户来电催件，已联系快递员今天派送",
    "对方网点留言未回复，明天再催",
    "收件人要求放驿站，已同意",
    "电话关机，短信通知客户自取",
    "外包装破损，已拍照留证，等客户确认",
    "拦截成功，已退回寄件人",
    "交接班：货架A区还有12件未派",
    "上级通知本周末加班，注意排班",
)
_TAGS = ("交接", "催件", "破损", "拦截", "投诉", "排班")


def add_notes(database: Database, target: Target, count: int = NOTES) -> int:
    """`count` notes over the past year, in batches of 5,000 (one transaction)."""
    rng = random.Random(7)
    today = date(2026, 11, 23)
    with database.write() as session:
        operator = session.scalar(text("SELECT id FROM operators ORDER BY id LIMIT 1"))
        rows = []
        for n in range(count):
            day = today - timedelta(days=rng.randint(0, 364))
            said = "；".join(rng.sample(_PHRASES, 2))
            body = f"{said}。单号 YT{7730_0000_0000 + n:013d}，电话 1{rng.randint(3, 9)}{n:09d}"
            if n % 50 == 0:
                body += "，客户要求改派到菜鸟驿站"
            at = datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59), tzinfo=UTC)
            rows.append(
                {
                    "day": day,
                    "title": f"{rng.choice(_TAGS)}记录 {n}",
                    "body": body,
                    "tags": json.dumps(rng.sample(_TAGS, 2), ensure_ascii=False),
                    "pinned": False,
                    "handover": n % 7 == 0,
                    "operator_id": operator,
                    "created_at": target.stamp(at),
                    "version": 1,
                }
            )
        for start in range(0, len(rows), 5_000):
            session.execute(
                text(
                    "INSERT INTO notes (day, title, body, tags, pinned, handover, operator_id, created_at, version) "
                    "VALUES (:day, :title, :body, :tags, :pinned, :handover, :operator_id, :created_at, :version)"
                ),
                rows[start : start + 5_000],
            )
    database.analyze()
    return count


def bench_search(target: Target, runs: int) -> Result:
    with target.fresh() as (database, where):
        add_notes(database, target)

        def app_call() -> Any:
            with database.read() as session:
                return search(session, QUERY)

        found = app_call()  # warm: pages in memory
        assert found and all(hit.type == "note" or QUERY in hit.snippet for hit in found), found[:3]
        with captured(database) as seen:
            app_call()
        selects = [(s, p) for s, p in seen if s.lstrip().upper().startswith("SELECT")]
        statement, parameters = next((s, p) for s, p in selects if "notes" in s)
        raw = target.raw_query(where)

        def raw_call() -> None:
            raw(statement, parameters)

        samples, base = timed_pair(app_call, raw_call, runs)
    return result(
        f"notebook search “{QUERY}” ({len(found)} hits shown)",
        target.engine,
        NOTES,
        samples,
        "its SELECT on the notes through the raw driver",
        base,
        SEARCH_TARGET,
    )
