"""The checking's shortcuts (plain waybills, plain mobiles, zones without clock changes) against the full parsers."""

from __future__ import annotations


def test_the_fast_paths_agree_with_the_full_parsers() -> None:
    """Plain waybills, plain mobiles and zone arithmetic take shortcuts; they must say what the slow path says."""
    import random
    from datetime import UTC as _UTC
    from datetime import datetime as _datetime
    from datetime import timedelta as _timedelta
    from zoneinfo import ZoneInfo as _ZoneInfo

    from app.imports import values as v
    from app.phones import parse_phone
    from app.waybills import normalise_waybill

    dice = random.Random(7)
    for number in ["YT7730123456789", "773012345678901", "JT5261988016578", "7E1234567890", "1234567890E12"]:
        try:
            slow = normalise_waybill(number)
            expected = None if v._SCIENTIFIC.fullmatch(slow) else slow
        except ValueError:
            expected = None
        try:
            got = v.waybill_text(number)
        except v.ValueProblem:
            got = None
        assert got == expected, number
    for _ in range(300):
        digits = f"1{dice.randint(3, 9)}{dice.randint(0, 9)}{dice.randint(0, 9999):04d}{dice.randint(0, 9999):04d}"
        for text in (digits, digits[:3] + "****" + digits[-4:]):
            info = parse_phone(text)
            assert info is not None and v.phone(text) == v.PhoneValue(text, info.tail, info.ext)
    for zone in ("Asia/Shanghai", "America/New_York", "Australia/Sydney"):
        tz = _ZoneInfo(zone)
        for _ in range(400):
            moment = _datetime(2026, 1, 1) + _timedelta(minutes=dice.randint(0, 366 * 24 * 60))
            assert v._to_utc(moment, tz, moment) == moment.replace(tzinfo=tz).astimezone(_UTC), (zone, moment)
