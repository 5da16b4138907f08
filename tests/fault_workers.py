"""Child processes for tests/test_faults.py: `python -m tests.fault_workers JOB ARGS...`.

edit TARGET HOME CASE_ID START
                              edit one case in a loop (detail and priority), the edits numbered from START,
                              printing `edited N` after each commit
backup TARGET HOME OUT        print `starting`, then make one backup to OUT and print `done`
writer TARGET HOME SECONDS TAG
                              open and edit cases for SECONDS, then print `done CASES EDITS LOCKED` where LOCKED
                              counts the "database is locked" faults met (the test wants 0)
export TARGET HOME OUT LIMIT  export every case to OUT (.xlsx or .csv) with files limited to LIMIT bytes
                              (RLIMIT_FSIZE: a disk that fills up), printing `refused <sentence>` or `written`
dbwrite TARGET HOME CASES     log CASES problem parcels in one transaction with files limited to the size of
                              the write-ahead log plus 64 KB (the write fills the log; the database file itself
                              is only written at a checkpoint, after a commit), printing `refused <sentence>` or
                              `written`

Every job opens the database as the app does (`open_database`), so the engine's pragmas and BEGIN IMMEDIATE are
the ones under test.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

OPERATOR = "王芳"


def edit_text(n: int) -> str:
    """What the N-th edit writes into the case's detail; the test reads N back from it."""
    return f"第{n}次修改"


def _edit(target: str, home: str, case_id: str, start: str) -> None:
    from app.cases import get_case, update_case
    from app.operators import find_operator
    from app.startup import open_database

    database = open_database(target, Path(home))
    with database.read() as session:
        actor = find_operator(session, OPERATOR)
        version = get_case(session, int(case_id)).version
    n = int(start) - 1
    while True:
        n += 1
        with database.write() as session:
            version = update_case(
                session,
                int(case_id),
                {"detail": edit_text(n), "priority": n % 3},
                expected_version=version,
                actor=actor,
            ).version
        print(f"edited {n}", flush=True)


def _backup(target: str, home: str, out: str) -> None:
    from app.maintenance import make_backup
    from app.startup import open_database

    database = open_database(target, Path(home))
    print("starting", flush=True)
    make_backup(database, Path(home), Path(out))
    print("done", flush=True)
    database.dispose()


def _writer(target: str, home: str, seconds: str, tag: str) -> None:
    from app import stuck
    from app.cases import update_case
    from app.operators import find_operator
    from app.startup import open_database
    from db.errors import StorageFault

    database = open_database(target, Path(home))
    with database.read() as session:
        actor = find_operator(session, OPERATOR)
    end = time.monotonic() + float(seconds)
    cases = edits = locked = 0
    while time.monotonic() < end:
        try:
            with database.write() as session:
                number = f"YT{tag}{cases:012d}"
                captured = stuck.capture(session, number, actor=actor, problem_type="refused")
                case_id = captured.case.id
                version = captured.case.version
            cases += 1
            with database.write() as session:
                update_case(session, case_id, {"detail": f"{tag} 跟进"}, expected_version=version, actor=actor)
            edits += 1
        except StorageFault as exc:
            if exc.code != "db_locked":
                raise
            locked += 1
    print(f"done {cases} {edits} {locked}", flush=True)
    database.dispose()


def _limit_files(size: int) -> None:
    """From now on no file of this process may grow past `size` bytes; Python ignores SIGXFSZ, so a write past
    the limit fails with EFBIG as a write to a full disk fails with ENOSPC."""
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))


def _refused(exc: BaseException) -> None:
    from app.errors import user_message

    sentence = user_message(exc)
    if sentence is None:
        raise exc
    print(f"refused {sentence}", flush=True)


def _export(target: str, home: str, out: str, limit: str) -> None:
    from app.case_query import CaseFilter
    from app.export.cases import export_cases
    from app.startup import open_database

    database = open_database(target, Path(home))
    with database.read() as session:
        _limit_files(int(limit))
        try:
            export_cases(session, CaseFilter(), Path(out))
        except Exception as exc:  # user_message tells an expected error from a bug
            _refused(exc)
            return
    print("written", flush=True)


def _dbwrite(target: str, home: str, cases: str) -> None:
    from app import stuck
    from app.operators import find_operator
    from app.startup import open_database

    database = open_database(target, Path(home))
    with database.read() as session:
        actor = find_operator(session, OPERATOR)
    log = Path(f"{target}-wal")
    _limit_files((log.stat().st_size if log.exists() else 0) + 65536)
    try:
        with database.write() as session:
            for n in range(int(cases)):
                stuck.capture(session, f"YT9{n:012d}", actor=actor, problem_type="refused", detail="满" * 200)
    except Exception as exc:  # user_message tells an expected error from a bug
        _refused(exc)
        return
    print("written", flush=True)


JOBS = {"edit": _edit, "backup": _backup, "writer": _writer, "export": _export, "dbwrite": _dbwrite}

if __name__ == "__main__":
    JOBS[sys.argv[1]](*sys.argv[2:])
