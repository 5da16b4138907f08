"""Messages every area shares: input errors, conflicts, storage, operators, settings, the command line."""

MESSAGES: dict[str, tuple[str, str]] = {
    # general
    "invalid_input": ("输入有误，请检查标红的字段。", "Some values are invalid; check the marked fields."),
    "required": ("必填。", "Required."),
    "not_found": ("找不到{what}：{key}。", "No {what} found for {key}."),
    "stale_edit": (
        "这条记录已被{who}在{at}修改，请查看对方的版本后再保存。",
        "{who} changed this record at {at}; review their version before saving.",
    ),
    "no_callback_due": ("这个案件没有约定回电。", "This case has no callback promised."),
    "not_a_chase": ("这不是催单，不能做这一步。", "This is not a chase; this step does not apply."),
    "chase_closed": ("这条催单已经完结，不能再转。", "This chase is already closed and cannot be converted."),
    "callback_in_past": ("约定回电时间不能早于来电时间。", "The promised callback cannot be before the call."),
    "not_a_complaint": ("这不是投诉案件，不能做这一步。", "This is not a complaint case; this step does not apply."),
    "bad_transition": (
        "不能从“{from_label}”改为“{to_label}”。",
        "Cannot change status from “{from_label}” to “{to_label}”.",
    ),
    "unknown_status": ("未知状态：{status}。", "Unknown status: {status}."),
    "early_return": (
        "最早退回日期是{date}，现在退回属于早退，会被考核。",
        "The earliest return date is {date}; returning now is an early return and is penalised.",
    ),
    "case_closed": ("案件已结束，不能再修改。", "The case is closed and can no longer be changed."),
    "bad_waybill": ("“{value}”不是有效的运单号。", "“{value}” is not a valid waybill number."),
    "bad_kind": ("未知的案件类型：{kind}。", "Unknown case kind: {kind}."),
    "bad_direction": ("未知的方向：{direction}。", "Unknown direction: {direction}."),
    "bad_date": ("日期格式应为 YYYY-MM-DD：{value}。", "Dates are written YYYY-MM-DD: {value}."),
    "bad_setting": ("设置“{key}”的值无效：{reason}", "Invalid value for setting “{key}”: {reason}"),
    # operators and roles
    "manager_required": ("此操作需要站长权限。", "This action needs a manager."),
    "wrong_pin": ("PIN 码不正确。", "Wrong PIN."),
    "operator_exists": ("已有名为“{name}”的操作员。", "An operator named “{name}” already exists."),
    "operator_inactive": ("操作员“{name}”已停用。", "Operator “{name}” is inactive."),
    # storage
    "db_unreachable": ("无法连接数据库：{target}。", "Cannot reach the database: {target}."),
    "not_a_database": (
        "“{path}”不是本软件的数据库文件，已保持原样。",
        "“{path}” is not an Outlet Desk database; it was left as it was.",
    ),
    "db_newer": (
        "数据库由更新版本的网点客服台创建（版本 {revision}），请升级软件后再打开。",
        "The database was created by a newer version of Outlet Desk (revision {revision}); upgrade first.",
    ),
    "db_locked": (
        "数据库正被其他程序占用，请稍后再试。",
        "The database is busy in another program; try again.",
    ),
    "db_readonly": (
        "数据库或数据文件夹是只读的：{path}。",
        "The database or data folder is read-only: {path}.",
    ),
    "disk_full": ("磁盘已满，未保存任何更改。", "The disk is full; nothing was changed."),
    "disk_write_failed": (
        "写入磁盘失败（磁盘已满、文件超出大小限制或磁盘故障），未保存这次更改：{path}。",
        "Writing to the disk failed (disk full, file size limit or a failing disk); this change was not saved: {path}.",
    ),
    "network_share": (
        "数据库文件在网络共享上（{path}），多台电脑共用请改用 PostgreSQL 服务器。",
        "The database file is on a network share ({path}); use a PostgreSQL server to share between PCs.",
    ),
    "home_not_writable": ("数据文件夹不可写：{path}。", "The data folder is not writable: {path}."),
    "db_damaged": (
        "数据库已损坏（{detail}），未做任何写入。请从最新的备份恢复。",
        "The database is damaged ({detail}); nothing was written. Restore the newest backup.",
    ),
    "pg_backup": (
        "PostgreSQL 数据库的备份与恢复由服务器负责，请使用 pg_dump / pg_restore。",
        "Backups of a PostgreSQL database are the server's job: use pg_dump / pg_restore.",
    ),
    "backup_missing": ("找不到备份文件：{path}。", "Backup file not found: {path}."),
    "file_exists": ("文件已存在：{path}。", "The file already exists: {path}."),
    # command line
    "demo_not_empty": (
        "数据库中已有 {count} 个案件；如要追加演示数据请加 --append。",
        "The database already holds {count} cases; add --append to add demo data to it.",
    ),
    "usage": ("命令用法有误：{detail}", "Wrong usage: {detail}"),
    "backup_done": ("已备份到 {path}。", "Backed up to {path}."),
    "restore_done": (
        "已恢复；原数据库已保存为 {aside}。",
        "Restored; the previous database was kept as {aside}.",
    ),
    "check_ok": ("数据库完好。", "The database is sound."),
    "demo_done": ("已生成 {cases} 个演示案件。", "Created {cases} demo cases."),
    "interrupted": ("已取消。", "Cancelled."),
    "unexpected": (
        "出现意外错误，详情已写入 {log}。",
        "An unexpected error occurred; details were written to {log}.",
    ),
}
