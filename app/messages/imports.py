"""Messages of the import run: targets, profiles, upserts, the morning reconcile and the command line."""

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
}
