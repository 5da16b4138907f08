"""Messages of the import run: targets, profiles, upserts, the morning reconcile and the command line; and the
directory's Excel round trip (its export line and the reasons a directory row is rejected)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "import_bad_target": (
        "不认识的导入类型“{target}”，可用的有：{targets}。",
        "Unknown import kind “{target}”; use one of: {targets}.",
    ),
    "import_field_twice": (
        "“{field}”对应了两列，请只保留一列。",
        "“{field}” is assigned to two columns; keep only one.",
    ),
    "import_cancelled": ("已取消导入，数据库没有任何改动。", "Import cancelled; the database was not changed."),
    "import_courier_unknown": (
        "快递员“{name}”不在快递员名录里，请先在区域概况中添加后再导入这一行。",
        "Courier “{name}” is not in the courier directory; add them first, then import this row again.",
    ),
    "import_done": (
        "已读取 {rows} 行：新建 {created}，更新 {updated}，未变 {unchanged}，拒收 {rejected}。",
        "Read {rows} rows: {created} new, {updated} updated, {unchanged} unchanged, {rejected} rejected.",
    ),
    "import_dry_run_done": (
        "试导入（未写入）{rows} 行：将新建 {created}，更新 {updated}，未变 {unchanged}，拒收 {rejected}。",
        "Dry run (nothing written), {rows} rows: {created} new, {updated} updated, {unchanged} unchanged, "
        "{rejected} rejected.",
    ),
    "import_errors_written": (
        "被拒收的 {count} 行已写入 {path}，改好后可以直接重新导入。",
        "The {count} rejected rows were written to {path}; fix them and import that file again.",
    ),
    "import_unknown_types": (
        "有 {count} 种问题类型不在目录中（已保留原文在问题描述里）：{names}。",
        "{count} problem types are not in the catalogue (their text is kept in the description): {names}.",
    ),
    "import_rejected_title": (
        "{name} 中被拒收的行：按“错误原因”改好后可以直接重新导入",
        "Rejected rows of {name}: fix them as the last column says, then import this file again",
    ),
    "import_reconcile_line": (
        "晨间核对：新增 {new}，有变化 {changed}，收到回复 {replied}，已从快递系统清单消失 {vanished}，"
        "我方未在快递系统登记的未结件 {unregistered}。",
        "Morning reconcile: {new} new, {changed} changed, {replied} replied, {vanished} vanished from the "
        "carrier's list, {unregistered} of our open cases not registered in the carrier system.",
    ),
    # the directory's round trip (app/export/directory.py, app/imports/directory_rows.py)
    "directory_export_done": (
        "已导出区域概况：片区 {areas}，地点 {places}，快递员 {couriers}，网点 {outlets}，联系人 {contacts}：{path}",
        "Exported the directory: {areas} areas, {places} places, {couriers} couriers, {outlets} outlets, "
        "{contacts} contacts: {path}",
    ),
    "import_areas_cell_bad": (
        "“{item}”看不懂：负责片区写成 红星片区(2026-01-01~2026-12-31)，日期可空，多个用“；”隔开。",
        "“{item}” cannot be read: write areas as 红星片区(2026-01-01~2026-12-31), dates optional, joined with “；”.",
    ),
    "import_stand_ins_cell_bad": (
        "“{item}”看不懂：替班写成 替 李四 2026-11-20~2026-11-25，多条用“；”隔开。",
        "“{item}” cannot be read: write stand-ins as 替 李四 2026-11-20~2026-11-25, joined with “；”.",
    ),
    "import_cell_date_bad": (
        "“{item}”里的“{value}”不是日期，请写成 2026-01-01 这样。",
        "“{value}” in “{item}” is not a date; write it like 2026-01-01.",
    ),
    "import_cell_dates_reversed": (
        "“{item}”的结束日期早于开始日期。",
        "In “{item}” the end date is before the start date.",
    ),
    "import_area_unknown": (
        "片区“{name}”不在区域概况里，请先导入片区表（或在本文件里列出这个片区）。",
        "Area “{name}” is not in the directory; import the areas first (or list the area in this file).",
    ),
    "import_stand_in_unknown": (
        "替班里的快递员“{name}”不在快递员名录里，也不在这个文件里。",
        "The courier “{name}” named in the stand-ins is neither in the directory nor in this file.",
    ),
    "import_courier_shared": (
        "有几位快递员都叫“{name}”，请写工号说明是哪一位。",
        "Several couriers are called “{name}”; give the staff number to say which one.",
    ),
    "import_contact_shared": (
        "有几位联系人都叫“{name}”，请写电话说明是哪一位。",
        "Several contacts are called “{name}”; give the phone to say which one.",
    ),
    "import_kind_unknown": (
        "类型“{value}”不认识，可用的有：{kinds}。",
        "Unknown kind “{value}”; use one of: {kinds}.",
    ),
    "import_carrier_unknown": (
        "快递公司“{value}”不认识，请写快递公司名称（如 圆通）或代码（如 YTO）。",
        "Unknown carrier “{value}”; give the carrier's name (such as 圆通) or code (such as YTO).",
    ),
    "import_place_kind_missing": (
        "新地点要写类型（{kinds}）。",
        "A new place needs its kind ({kinds}).",
    ),
}
