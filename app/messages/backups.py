"""Messages of the automatic backups, the backup window and recovery from a damaged database."""

MESSAGES: dict[str, tuple[str, str]] = {
    "backup_disk_full": (
        "备份所在的磁盘已满（{path}），这次备份没有完成；数据库本身完好，没有丢失任何数据。",
        "The disk holding the backups is full ({path}); this backup was not made, and the database itself is intact.",
    ),
    "backup_folder_readonly": (
        "备份文件夹不可写（{path}），这次备份没有完成；数据库本身完好，没有丢失任何数据。",
        "The backup folder cannot be written ({path}); this backup was not made, and the database itself is intact.",
    ),
    "backup_write_failed": (
        "无法写入备份（{path}），可能磁盘已满、超出文件大小限制或 U 盘已拔出；这次备份没有完成，数据库本身完好。",
        "The backup could not be written ({path}): the disk may be full or the stick pulled out; this backup was not "
        "made, and the database itself is intact.",
    ),
    "backup_copy_failed": (
        "备份已完成，但没能复制到第二个文件夹（{path}），请检查 U 盘是否插好。",
        "The backup was made but could not be copied to the second folder ({path}); check that the USB stick is in.",
    ),
    "restore_file_in_use": (
        "数据库文件正被另一个程序使用（{path}），无法替换：请先关闭其他电脑或窗口里打开它的网点客服台，再恢复；"
        "当前数据库没有改动。",
        "The database file is in use by another program ({path}) and cannot be replaced: close Outlet Desk wherever "
        "else it is open, then restore again; the current database is unchanged.",
    ),
    "backups_paused": (
        "刚刚恢复过数据库，自动备份已暂停到下次启动，以免旧的好备份被轮换删除。",
        "The database was just restored: automatic backups are paused until the next start so good backups are kept.",
    ),
    "restore_needs_manager": (
        "恢复备份需要站长 PIN，且该站长须在所选备份中。",
        "Restoring a backup needs the PIN of a manager recorded in that backup.",
    ),
    "damaged_no_backup": (
        "数据库已损坏（{detail}），且没有找到完好的备份；程序未做任何写入，请联系技术支持。",
        "The database is damaged ({detail}) and no sound backup was found; nothing was written. Call for support.",
    ),
    "bad_backup_policy": ("备份设置无效：{reason}", "Invalid backup settings: {reason}"),
    # retention (app.retention, `outlet-desk anonymise`)
    "retention_off": (
        "没有设置个人信息保留期限（retention_months 为 0，永久保留），没有改动任何数据。",
        "No retention period is set (retention_months is 0: kept for ever); nothing was changed.",
    ),
    "retention_done": (
        "已匿名化 {cutoff} 之前（{months} 个月前）办结的个人信息：运单 {waybills} 条、案件 {cases} 条、"
        "理赔 {claims} 条。",
        "Anonymised the personal data closed before {cutoff} ({months} months ago): {waybills} waybills, {cases} "
        "cases, {claims} claims.",
    ),
    "retention_dry_run": (
        "试运行：将匿名化 {cutoff} 之前（{months} 个月前）办结的个人信息：运单 {waybills} 条、案件 {cases} 条、"
        "理赔 {claims} 条；没有改动任何数据。",
        "Dry run: would anonymise the personal data closed before {cutoff} ({months} months ago): {waybills} "
        "waybills, {cases} cases, {claims} claims; nothing was changed.",
    ),
    "retention_backups": (
        "以下 {count} 个较早的备份仍含有这些个人信息，请确认后删除或妥善保管：",
        "These {count} earlier backups still hold that personal data; delete them or keep them safe knowingly:",
    ),
    "retention_no_backups": ("没有较早的备份含有这些个人信息。", "No earlier backup holds that personal data."),
}
