"""Messages of exports: the daily exception sheet, case lists, export profiles, notes and printable PDFs (the
claim form among them)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # writing the file
    "export_done": ("已导出 {rows} 行：{path}", "Exported {rows} rows: {path}"),
    "export_cancelled": ("已取消导出，没有留下文件。", "Export cancelled; no file was left behind."),
    "export_folder_missing": (
        "保存位置的文件夹不存在：{folder}。",
        "The folder to save in does not exist: {folder}.",
    ),
    "export_folder_not_writable": (
        "不能在这个文件夹里保存文件：{folder}。",
        "Files cannot be saved in this folder: {folder}.",
    ),
    "export_target_locked": (
        "文件“{path}”正被其他程序（如 Excel）打开，请先关闭它再导出。",
        "The file “{path}” is open in another program (such as Excel); close it and export again.",
    ),
    "export_target_is_folder": (
        "“{path}”是一个文件夹，请输入文件名。",
        "“{path}” is a folder; give a file name.",
    ),
    "export_write_failed": ("无法写入“{path}”：{reason}。", "Cannot write “{path}”: {reason}."),
    "export_bad_suffix": (
        "只能导出为 {allowed} 文件（现在是“{suffix}”）。",
        "This export is written as {allowed} (not “{suffix}”).",
    ),
    "unmask_needs_manager": (
        "显示完整的电话和地址需要站长同意：请站长输入 PIN（命令行：--manager-pin）。",
        "Full phones and addresses need a manager's approval: a manager's PIN (command line: --manager-pin).",
    ),
    # export profiles
    "export_unknown_columns": ("没有这些列：{keys}。", "No such columns: {keys}."),
    "export_duplicate_columns": ("这些列选了两次：{keys}。", "These columns are chosen twice: {keys}."),
    "export_no_columns": ("请至少选择一列。", "Choose at least one column."),
    "export_name_too_long": ("方案名称最多 {limit} 个字。", "A profile name has at most {limit} characters."),
    "export_header_too_long": ("列标题最多 {limit} 个字。", "A column header has at most {limit} characters."),
    "export_bad_target": ("未知的导出内容：{target}。", "Unknown export target: {target}."),
    "export_profile_exists": ("已有名为“{name}”的导出方案。", "An export profile named “{name}” already exists."),
    "export_profile_target": (
        "导出方案“{name}”是用于{target}的，不能用在这里。",
        "The export profile “{name}” is for another export ({target}) and cannot be used here.",
    ),
    # the work notebook's notes and printable PDFs
    "notes_export_reversed": (
        "开始日期 {first} 晚于结束日期 {last}，请调换。",
        "The start date {first} is after the end date {last}; swap them.",
    ),
    "notes_export_too_long": (
        "一次最多导出 {limit} 天的笔记（现在是 {days} 天），请缩短日期范围。",
        "Notes of at most {limit} days can be exported at once (this range has {days}); shorten it.",
    ),
    "notes_export_done": (
        "已导出 {days} 天的 {notes} 条笔记：{path}",
        "Exported {notes} notes of {days} days: {path}",
    ),
    # the report (客服报表)
    "report_range_mixed": (
        "--from/--to 已给出自定义范围，不能再与 --range 或 --date 同用。",
        "--from/--to give a custom range and cannot be combined with --range or --date.",
    ),
    "report_range_half": ("--from 和 --to 要一起给出。", "Give both --from and --to."),
    "report_range_reversed": (
        "开始日期 {first} 晚于结束日期 {last}，请调换。",
        "The start date {first} is after the end date {last}; swap them.",
    ),
    "report_range_too_long": (
        "报表范围最多 {limit} 天（现在是 {days} 天），请缩短日期范围。",
        "A report covers at most {limit} days (this range has {days}); shorten it.",
    ),
    "report_export_done": ("已导出报表 {range}：{path}", "Exported the report of {range}: {path}"),
    "claim_form_done": (
        "已生成理赔申请表 {claim_no}（{pages} 页，照片 {photos} 张）：{path}",
        "Wrote the claim form {claim_no} ({pages} pages, {photos} photos): {path}",
    ),
    "evidence_pack_done": (
        "已生成运单 {waybill_no} 的证据包（{pages} 页，图片 {pictures} 张）：{path}",
        "Wrote the evidence pack of waybill {waybill_no} ({pages} pages, {pictures} pictures): {path}",
    ),
    "evidence_zip_done": (
        "压缩包（证据包和 {pictures} 个原图文件）：{path}",
        "Zip (the pack and {pictures} original pictures): {path}",
    ),
    "evidence_same_target": (
        "PDF 和压缩包不能保存为同一个文件：{path}。",
        "The PDF and the zip cannot be the same file: {path}.",
    ),
    "pdf_no_cjk_font": (
        "找不到可用于 PDF 的中文字体：请安装文泉驿微米黑（fonts-wqy-microhei）或微软雅黑，"
        "或把一个 TrueType 中文字体放进程序的 resources/fonts 文件夹。",
        "No Chinese font usable for PDF was found: install WenQuanYi Micro Hei (fonts-wqy-microhei) or Microsoft "
        "YaHei, or put a TrueType Chinese font into the program's resources/fonts folder.",
    ),
}
