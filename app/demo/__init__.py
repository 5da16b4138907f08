"""Demo data: a plausible outlet with two years of cases, to try the desk on and to measure it at scale.

A plain job (STYLE.md "Long work"): reports `progress(done, total)` and stops when `cancelled()` says so. On a fresh
database, which cases exist, their kind, status, age and waybill number depend on the seed alone; the rest on the
seed and `now`.

Rows are built as plain dicts and written with Core inserts (ORM objects would be 7× slower, FACTS.md), one write
transaction per chunk of cases. Ids are assigned here, counted on from max(id) + 1, so detail rows reference their
case without round trips; inside the write transaction a chunk's ids are moved past any rows another clerk wrote
meanwhile, and on PostgreSQL the id sequences are moved past ours.

Cancelling takes effect between chunks: every committed chunk is complete (each case with its details, messages,
follow-ups, claims, fines, notes …) and nothing of the chunk being built is written. An exception inside a chunk
rolls that chunk back the same way.
"""

from app.demo.writer import DemoReport, count_cases, generate

__all__ = ["DemoReport", "count_cases", "generate"]
