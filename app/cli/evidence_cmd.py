"""`evidence-pack WAYBILL -o F.pdf [--zip F.zip] [--unmasked]`: everything known about one parcel, 证据包, as a PDF to
upload to an arbitration or a fine appeal, and with `--zip` a zip of that PDF and every original picture.

Phones are masked and addresses shortened unless `--unmasked`, which needs a manager (`--manager-pin PIN`, env
OUTLET_DESK_MANAGER_PIN, unless `--operator` is one) and leaves a line in the audit log per file naming them. Exit
codes: 0 written; 1 no such waybill, unmasking refused (nothing written), a target that cannot be written (missing
folder, a folder, a file held open) or no Chinese font; 2 usage (no `-o`, not a .pdf / .zip); 3 a bug (logged to the
crash log).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import add_unmasked, open_desk
from app.errors import UsageError
from app.messages import text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evidence-pack", help="a waybill's evidence pack, 证据包: a PDF and a zip of the originals")
    p.add_argument("waybill", metavar="WAYBILL", help="the waybill number")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="the PDF to write")
    p.add_argument("--zip", type=Path, metavar="FILE", help="also a zip of the PDF and every original picture")
    add_unmasked(p)
    p.set_defaults(handler=_evidence_pack)


def _evidence_pack(args: argparse.Namespace) -> int:
    from app.export.evidence_pack import write_evidence_pack
    from app.export.files import check_target

    targets = [(args.output, ".pdf"), *([(args.zip, ".zip")] if args.zip is not None else [])]
    for target, suffix in targets:
        if target.suffix.lower() != suffix:
            raise UsageError("export_bad_suffix", suffix=target.suffix or "（无）", allowed=suffix)
    for target, _suffix in targets:
        check_target(target)  # a typo in a folder costs no work
    desk = open_desk(args)
    try:
        pack = write_evidence_pack(
            desk.database,
            args.waybill,
            args.output,
            zip_path=args.zip,
            unmasked=args.unmasked,
            actor=desk.actor,
            manager_pin=args.manager_pin,
        )
    finally:
        desk.close()
    done = text(
        "evidence_pack_done", waybill_no=pack.waybill_no, pages=pack.pages, pictures=pack.pictures, path=str(pack.path)
    )
    print(done)
    if pack.zip_path is not None:
        print(text("evidence_zip_done", pictures=len(pack.files) - 1, path=str(pack.zip_path)))
    return 0
