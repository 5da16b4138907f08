"""The directory's Excel round trip (issue 6): export every sheet, import it into an empty database and find every
record again field by field; the same file twice changes nothing; a changed cell is one update; bad cells reject
their rows with the spreadsheet's row number; a courier file without a name column is refused by the CLI."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from app.actor import Actor
from app.directory.couriers import CourierForm, add_stand_in, assign_area, list_courier_views, save_courier
from app.directory.outlets import ContactForm, OutletForm, list_contacts, list_outlets, save_contact, save_outlet
from app.directory.places import AreaForm, PlaceForm, list_areas, list_places, save_area, save_place
from app.export.directory import SHEETS, stand_in_names, write_directory
from app.imports.directory_cells import AreaSpan, StandInSpan, format_areas, parse_areas, parse_stand_ins
from app.imports.mapping import guess, header_hint, missing_required
from app.imports.readers import read_file
from app.imports.run import ImportResult
from app.imports.table import Table
from app.imports.values import ValueProblem
from app.operators import create_operator
from app.startup import open_database
from db.engine import Database
from db.models import Area, Contact, Courier, CourierArea, Outlet, Place, StandIn
from tests import import_files as files
from tests.conftest import drop_pg_database, make_pg_database
from tests.import_pipeline import run
from tests.test_cli import err, out
from tests.test_cli import run as cli

D = date
SHEET_TARGETS = [
    ("片区", "areas"),
    ("地点", "areas"),
    ("快递员", "couriers"),
    ("网点", "outlets"),
    ("联系人", "contacts"),
]
DIRECTORY_TABLES = (Area, Place, Courier, CourierArea, StandIn, Outlet, Contact)


def build_directory(database: Database, actor: Actor) -> None:
    """Every kind of record: areas with keywords, places of several kinds (one outside every area), couriers with
    two dated areas and a stand-in (one former courier), outlets of the three kinds, contacts with handles."""
    with database.write() as s:
        red = save_area(s, AreaForm("红星片区", ("红星路", "红星花园"), "门卫代收，18点后不收"), actor=actor).id
        east = save_area(s, AreaForm("东风片区", ("东风路",)), actor=actor).id
        save_area(s, AreaForm("兴华片区", (), "=1+1 不是公式"), actor=actor)
        save_place(s, PlaceForm("compound", "红星花园", red, "红星路88号", ("红星花园", "红星"), "0571-88886666",
                                "东门进", ("只送门卫",)), actor=actor)  # fmt: skip
        save_place(s, PlaceForm("school", "红星小学", red, "红星路1号"), actor=actor)
        save_place(s, PlaceForm("station", "东风驿站", east, phone="13700001111", keywords=("东风",)), actor=actor)
        save_place(s, PlaceForm("locker", "丰巢快递柜", None, "兴华路口", notes="-2层"), actor=actor)
        zhang = save_courier(s, CourierForm("张三", "0011", "13800000001"), actor=actor).id
        li = save_courier(s, CourierForm("李四", "0012", "13800000002"), actor=actor).id
        save_courier(s, CourierForm("王五", None, None, active=False), actor=actor)
        assign_area(s, zhang, red, valid_from=D(2026, 1, 1), valid_to=D(2026, 12, 31), actor=actor)
        assign_area(s, zhang, east, valid_from=D(2026, 3, 1), actor=actor)
        assign_area(s, li, east, actor=actor)
        add_stand_in(s, zhang, li, D(2026, 11, 20), D(2026, 11, 25), actor=actor)
        save_outlet(s, OutletForm("counterpart", "西湖网点", "YTO", "571001", "0571-87654321", "赵六", "杭州西湖",
                                  "只收上午的留言"), actor=actor)  # fmt: skip
        save_outlet(s, OutletForm("transit_centre", "杭州转运中心", "ZTO", phone="0571-86000000"), actor=actor)
        save_outlet(s, OutletForm("upstream", "韵达浙江公司", "YUNDA", region="浙江"), actor=actor)
        save_contact(s, ContactForm("陈经理", "站长", "13900000000", ("理赔", "仲裁"), "周末找他"), actor=actor)
        save_contact(s, ContactForm("刘师傅", "司机", "13900000001", ("车辆",), active=False), actor=actor)


def read(path: Path, target: str, sheet: str | None = None) -> Table:
    return read_file(path, sheet=sheet, header_hint=header_hint(target))


def _plain(value: Any) -> Any:
    """A view as comparable data: ids and versions (which differ between databases) left out."""
    if dataclasses.is_dataclass(value):
        value = dataclasses.asdict(value)  # type: ignore[arg-type]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not (k == "id" or k.endswith("_id") or k == "version")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def directory(database: Database) -> dict[str, Any]:
    with database.read() as s:
        return {
            "areas": _plain(list_areas(s)),
            "places": _plain(list_places(s)),
            "couriers": _plain(list_courier_views(s, include_inactive=True)),
            "outlets": _plain(list_outlets(s)),
            "contacts": _plain(list_contacts(s)),
        }


def rows_of(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    with database.read() as s:
        return {
            m.__tablename__: sorted((tuple(r) for r in s.execute(select(m.__table__))), key=repr)
            for m in DIRECTORY_TABLES
        }


def import_all(database: Database, actor: Actor, path: Path) -> list[ImportResult]:
    return [run(database, actor, read(path, target, sheet), target) for sheet, target in SHEET_TARGETS]


def counts(result: ImportResult) -> tuple[int, int, int, int]:
    return result.created, result.updated, result.unchanged, result.rejected_rows


@pytest.fixture
def empty(db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    """A second migrated database on the same engine as `database`, with nothing in its directory."""
    home = tmp_path / "empty-home"
    home.mkdir()
    name = None
    if db_url.startswith("postgresql"):
        name, url = make_pg_database(request.getfixturevalue("pg_template"))
    else:
        url = str(home / "outlet-desk.db")
    database = open_database(url, home)
    yield database
    database.dispose()
    if name is not None:
        drop_pg_database(name)


@pytest.fixture
def exported(database: Database, clerk: Actor, tmp_path: Path) -> Path:
    build_directory(database, clerk)
    with database.read() as s:
        report = write_directory(s, tmp_path / "区域概况.xlsx")
    assert report.counts == {"片区": 3, "地点": 4, "快递员": 3, "网点": 3, "联系人": 2}
    return report.path


def test_export_then_import_into_an_empty_database_finds_every_record(
    database: Database, empty: Database, exported: Path
) -> None:
    book = openpyxl.load_workbook(exported)
    assert book.sheetnames == list(SHEETS)
    couriers = book["快递员"]
    assert [c.value for c in couriers[2]] == ["姓名", "工号", "电话", "在职", "负责片区", "替班"]
    zhang = next(row for row in couriers.iter_rows(min_row=3, values_only=True) if row[0] == "张三")
    assert zhang[4] == "红星片区(2026-01-01~2026-12-31)；东风片区(2026-03-01~)"
    assert zhang[5] == "替 李四 2026-11-20~2026-11-25"
    formula_like = next(c for c in book["片区"]["C"] if c.value == "=1+1 不是公式")
    assert formula_like.data_type == "s"  # text, never a formula

    with empty.write() as s:
        actor = create_operator(s, "王芳", role="clerk")
    assert directory(empty) == {k: [] for k in ("areas", "places", "couriers", "outlets", "contacts")}
    first = import_all(empty, actor, exported)
    assert [counts(r) for r in first] == [(3, 0, 0, 0), (4, 0, 0, 0), (3, 0, 0, 0), (3, 0, 0, 0), (2, 0, 0, 0)]
    assert directory(empty) == directory(database)

    before = rows_of(empty)
    second = import_all(empty, actor, exported)
    assert [counts(r) for r in second] == [(0, 0, 3, 0), (0, 0, 4, 0), (0, 0, 3, 0), (0, 0, 3, 0), (0, 0, 2, 0)]
    assert rows_of(empty) == before


def test_the_export_imported_into_its_own_database_changes_nothing(
    database: Database, clerk: Actor, exported: Path
) -> None:
    before = rows_of(database)
    results = import_all(database, clerk, exported)
    assert all(r.created == r.updated == 0 and not r.rejected for r in results)
    assert rows_of(database) == before


def _edit(path: Path, sheet: str, name: str, changes: dict[str, Any]) -> Path:
    """Change cells of the row whose first column is `name`, by header text, as a clerk would in Excel."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    headers = [c.value for c in ws[2]]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == name)
    for header, value in changes.items():
        row[headers.index(header)].value = value
    edited = path.with_name(f"改过的{path.name}")
    book.save(edited)
    return edited


def test_a_changed_cell_is_one_update_and_a_blank_cell_erases_nothing(
    database: Database, clerk: Actor, exported: Path
) -> None:
    edited = _edit(
        exported,
        "快递员",
        "张三",
        {"电话": "13811112222", "负责片区": "红星片区(2026-01-01~2026-06-30)；东风片区(2026-03-01~)"},
    )
    edited = _edit(edited, "快递员", "李四", {"电话": None, "替班": None})
    result = run(database, clerk, read(edited, "couriers", "快递员"), "couriers")
    assert counts(result) == (0, 1, 2, 0)
    with database.read() as s:
        views = {c.name: c for c in list_courier_views(s, include_inactive=True)}
    assert views["张三"].phone == "13811112222"
    assert [(a.area_name, a.valid_from, a.valid_to) for a in views["张三"].areas] == [
        ("红星片区", D(2026, 1, 1), D(2026, 6, 30)),
        ("东风片区", D(2026, 3, 1), None),
    ]  # the end date changed in place: no second assignment beside the old one
    assert views["李四"].phone == "13800000002"  # the blank cell kept it
    assert [s.for_courier_name for s in views["张三"].stand_ins] == ["李四"]

    contacts = _edit(exported, "联系人", "陈经理", {"负责事项": "理赔、仲裁、财务"})
    assert counts(run(database, clerk, read(contacts, "contacts", "联系人"), "contacts")) == (0, 1, 1, 0)
    with database.read() as s:
        assert next(c for c in list_contacts(s) if c.name == "陈经理").handles == ["理赔", "仲裁", "财务"]


COURIERS = ["姓名", "工号", "电话", "负责片区", "替班"]


def test_bad_cells_reject_their_rows_with_row_number_header_and_reason(
    database: Database, clerk: Actor, exported: Path, tmp_path: Path
) -> None:
    before = rows_of(database)
    path = files.carrier_xlsx(
        tmp_path / "快递员.xlsx",
        COURIERS,
        [
            ["赵七", "0020", None, "火星片区", None],  # row 3: an area the directory does not have
            ["钱八", "0021", None, "红星片区(2026-12-31~2026-01-01)", None],  # row 4: dates reversed
            ["孙九", "0022", None, None, "替 李四 下周"],  # row 5: not a stand-in
            ["周十", "0023", None, "东风片区", "替 吴十一 2026-12-01~2026-12-02"],  # row 6: unknown courier
            ["吴十二", "0024", None, "东风片区(2026-01-01~)", "替 钱八 2026-12-01~2026-12-02"],  # row 7: on row 4
            ["郑十三", "0025", None, "兴华片区", "替 张三 2026-12-01~2026-12-02"],  # row 8: fine
        ],
    )
    result = run(database, clerk, read(path, "couriers"), "couriers")
    assert counts(result) == (1, 0, 0, 5)
    rejected = {(r.row, r.column): r.reason for r in result.rejected}
    assert set(rejected) == {(3, "负责片区"), (4, "负责片区"), (5, "替班"), (6, "替班"), (7, "替班")}
    assert "火星片区" in rejected[(3, "负责片区")]
    assert "结束日期早于开始日期" in rejected[(4, "负责片区")]
    assert "替 李四 2026-11-20~2026-11-25" in rejected[(5, "替班")]
    assert "吴十一" in rejected[(6, "替班")] and "钱八" in rejected[(7, "替班")]
    after = rows_of(database)
    assert len(after["couriers"]) == len(before["couriers"]) + 1  # only 郑十三; the refused rows left nothing
    assert len(after["courier_areas"]) == len(before["courier_areas"]) + 1

    places = files.carrier_xlsx(
        tmp_path / "地点.xlsx",
        ["片区", "类型", "地点", "地址"],
        [
            ["红星片区", "城堡", "红星城堡", None],  # row 3: unknown kind
            ["火星片区", "小区", "火星小区", None],  # row 4: unknown area
            ["东风片区", None, "东风新村", None],  # row 5: a new place needs its kind
            [None, "快递柜", "兴华快递柜", "兴华路2号"],  # row 6: fine, outside every area
            [None, "小区", None, "兴华路3号"],  # row 7: neither an area nor a place
        ],
    )
    result = run(database, clerk, read(places, "areas"), "areas")
    assert counts(result) == (1, 0, 0, 4)
    assert [(r.row, r.column) for r in result.rejected] == [(3, "类型"), (4, "片区"), (5, "类型"), (7, None)]
    assert "城堡" in result.rejected[0].reason and "火星片区" in result.rejected[1].reason


def test_directory_headers_clerks_type_map_to_their_fields() -> None:
    assert guess(["快递员", "员工编号", "手机", "区域", "替班"], "couriers") == {
        0: "name", 1: "staff_no", 2: "phone", 3: "areas", 4: "stand_ins"
    }  # fmt: skip
    assert guess(["业务员", "工号", "联系电话"], "couriers") == {0: "name", 1: "staff_no", 2: "phone"}
    assert guess(["区域", "类别", "名称", "地址", "关键字", "备注"], "areas") == {
        0: "area", 1: "kind", 2: "place", 3: "address", 4: "keywords", 5: "notes"
    }  # fmt: skip
    assert guess(["品牌", "网点", "编码", "类型", "联系人", "地区"], "outlets") == {
        0: "carrier", 1: "name", 2: "code", 3: "kind", 4: "contact", 5: "region"
    }  # fmt: skip
    assert guess(["联系人", "角色", "电话", "负责"], "contacts") == {0: "name", 1: "role", 2: "phone", 3: "handles"}
    assert [f.label for f in missing_required({0: "phone"}, "couriers")] == ["姓名"]
    assert [f.label for f in missing_required({0: "keywords"}, "areas")] == ["片区"]
    assert missing_required({0: "place"}, "areas") == () and missing_required({0: "area"}, "areas") == ()


def test_outlet_rows_name_their_carrier_and_kind(
    database: Database, clerk: Actor, exported: Path, tmp_path: Path
) -> None:
    with database.write() as s:  # a second 西湖网点 of 圆通, as a transit centre
        save_outlet(s, OutletForm("transit_centre", "西湖网点", "YTO"), actor=clerk)
    path = files.carrier_xlsx(
        tmp_path / "网点.xlsx",
        ["品牌", "网点", "类别", "电话"],
        [
            ["顺风快递", "杭州网点", "对方网点", None],  # row 3: no such carrier
            ["中通", "杭州转运中心", "仓库", None],  # row 4: no such kind
            ["圆通", "西湖网点", None, "0571-80000000"],  # row 5: two kinds of that name, the row says neither
            ["中通快递", "杭州转运中心", None, "0571-86000000"],  # row 6: the one of that name, unchanged
            ["韵达", "韵达浙江公司", "上级公司", "0571-85000000"],  # row 7: a new phone
        ],
    )
    result = run(database, clerk, read(path, "outlets"), "outlets")
    assert counts(result) == (0, 1, 1, 3)
    assert [(r.row, r.column) for r in result.rejected] == [(3, "品牌"), (4, "类别"), (5, "类别")]
    with database.read() as s:
        assert next(o for o in list_outlets(s) if o.name == "韵达浙江公司").phone == "0571-85000000"


def test_a_stand_in_names_a_shared_name_by_staff_number_and_reads_back(
    database: Database, clerk: Actor, exported: Path, tmp_path: Path
) -> None:
    with database.write() as s:
        other = save_courier(s, CourierForm("李四", "0099"), actor=clerk).id
        zhang = next(c.id for c in list_courier_views(s) if c.name == "张三")
        add_stand_in(s, zhang, other, D(2026, 12, 1), D(2026, 12, 3), actor=clerk)
        names = stand_in_names(list_courier_views(s, include_inactive=True))
        report = write_directory(s, tmp_path / "两个李四.xlsx")
    assert sorted(names.values()) == ["0012", "0099", "张三", "王五"]
    row = next(r for r in openpyxl.load_workbook(report.path)["快递员"].iter_rows(values_only=True) if r[0] == "张三")
    assert row[5] == "替 0012 2026-11-20~2026-11-25；替 0099 2026-12-01~2026-12-03"
    result = run(database, clerk, read(report.path, "couriers", "快递员"), "couriers")
    assert counts(result) == (0, 0, 4, 0)


def test_cell_formats_read_back_strictly() -> None:
    spans = (AreaSpan("红星片区", D(2026, 1, 1), D(2026, 12, 31)), AreaSpan("东风片区", D(2026, 3, 1), None))
    assert parse_areas(format_areas(spans)) == spans
    assert parse_areas("红星片区（2026-01-01～）;兴华片区") == (
        AreaSpan("红星片区", D(2026, 1, 1), None),
        AreaSpan("兴华片区", None, None),
    )
    assert parse_stand_ins("替 李四 2026-11-20~2026-11-25；替 0012 2026-12-01~2026-12-03") == (
        StandInSpan("李四", D(2026, 11, 20), D(2026, 11, 25)),
        StandInSpan("0012", D(2026, 12, 1), D(2026, 12, 3)),
    )
    for bad, code in [
        ("红星片区(2026-1-1~)", "import_cell_date_bad"),
        ("红星片区(2026-02-30~)", "import_cell_date_bad"),
        ("红星片区(2026-01-01)", "import_areas_cell_bad"),
        ("红星片区(2026-03-01~2026-01-01)", "import_cell_dates_reversed"),
    ]:
        with pytest.raises(ValueProblem) as problem:
            parse_areas(bad)
        assert problem.value.code == code, bad
    for bad in ("李四 2026-11-20~2026-11-25", "替 李四 2026-11-20~", "替 李四"):
        with pytest.raises(ValueProblem):
            parse_stand_ins(bad)


def _home_with_directory(home: Path) -> None:
    database = open_database(str(home / "outlet-desk.db"), home)
    with database.write() as s:
        actor = create_operator(s, "王芳", role="clerk")
    build_directory(database, actor)
    database.dispose()


def test_cli_exports_the_directory_and_imports_every_sheet_into_an_empty_home(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    source.mkdir()
    target.mkdir()
    _home_with_directory(source)
    path = tmp_path / "区域概况.xlsx"
    exported = cli(source, "export", "directory", "-o", str(path))
    assert exported.returncode == 0, err(exported)
    assert "快递员 3" in out(exported) and path.exists()
    for sheet, kind in SHEET_TARGETS:
        done = cli(target, "import", str(path), "--as", kind, "--sheet", sheet, "--json")
        assert done.returncode == 0, err(done)
        assert json.loads(out(done))["rejected"] == []
    source_db = open_database(str(source / "outlet-desk.db"), source)
    target_db = open_database(str(target / "outlet-desk.db"), target)
    try:
        assert directory(target_db) == directory(source_db)
    finally:
        source_db.dispose()
        target_db.dispose()
    assert cli(source, "export", "directory", "-o", str(tmp_path / "d.csv")).returncode == 2


def test_cli_refuses_a_courier_file_without_a_name_column(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _home_with_directory(home)
    database = open_database(str(home / "outlet-desk.db"), home)
    before = rows_of(database)
    path = files.carrier_xlsx(
        tmp_path / "快递员.xlsx", ["工号", "电话", "负责片区"], [["0030", "13800000030", "红星片区"]]
    )
    result = cli(home, "import", str(path), "--as", "couriers")
    assert result.returncode == 1
    lines = err(result).strip().splitlines()
    assert len(lines) == 1 and "姓名" in lines[0] and "Traceback" not in err(result)
    assert rows_of(database) == before
    database.dispose()
