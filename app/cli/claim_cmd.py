"""`claim-form CLAIM -o F.pdf [--unmasked]` (DESIGN.md §5): one claim's form, 理赔申请表, as a printable PDF.

CLAIM is the claim number (LP…) or the numeric id. Phones are masked and addresses shortened unless `--unmasked`,
which needs a manager (`--manager-pin PIN`, env OUTLET_DESK_MANAGER_PIN, unless `--operator` is one) and leaves a
line in the audit log naming them. Exit codes: 0 the form was written; 1 no such claim, unmasking refused (nothing
written), a target that cannot be written (missing folder, a folder, a file held open) or no Chinese font; 2 usage
(no `-o`, not a .pdf); 3 a bug (logged to the crash log).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import add_unmasked, open_desk
from app.errors import UsageError
from app.messages import text

SUFFIX = ".pdf"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("claim-form", help="a claim's form, 理赔申请表, as a printable PDF")
    p.add_argument("claim", metavar="CLAIM", help="the claim number (LP…) or its numeric id")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="the PDF to write")
    add_unmasked(p)
    p.set_defaults(handler=_claim_form)


def _claim_form(args: argparse.Namespace) -> int:
    from app.claims.records import find_claim
    from app.export.claim_form import write_claim_form
    from app.export.files import check_target

    if args.output.suffix.lower() != SUFFIX:
        raise UsageError("export_bad_suffix", suffix=args.output.suffix or "（无）", allowed=SUFFIX)
    check_target(args.output)  # a typo in the folder costs no work
    desk = open_desk(args)
    try:
        claim_id = desk.read(find_claim, args.claim)
        form = write_claim_form(
            desk.database,
            claim_id,
            args.output,
            unmasked=args.unmasked,
            actor=desk.actor,
            manager_pin=args.manager_pin,
        )
    finally:
        desk.close()
    print(text("claim_form_done", claim_no=form.claim_no, pages=form.pages, photos=form.photos, path=str(form.path)))
    return 0
