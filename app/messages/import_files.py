"""Messages of reading import files and pasted tables: encodings, sheets, headers and refused files."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the file itself
    "import_file_missing": ("找不到文件“{name}”。", "The file “{name}” does not exist."),
    "import_file_is_folder": (
        "“{name}”是一个文件夹，请选择要导入的文件。",
        "“{name}” is a folder; choose the file to import.",
    ),
    "import_file_unreadable": (
        "无法打开文件“{name}”，可能正被其他程序占用或没有读取权限。",
        "The file “{name}” cannot be opened; another program may hold it, or it may not be readable.",
    ),
    "import_file_empty": (
        "文件“{name}”是空的，没有可导入的内容。",
        "The file “{name}” is empty; there is nothing to import.",
    ),
    "import_file_too_big": (
        "文件“{name}”超过 {limit_mb} MB，请分成几个较小的文件导入。",
        "The file “{name}” is larger than {limit_mb} MB; split it into smaller files.",
    ),
    "import_bad_suffix": (
        "不能导入“{suffix}”文件，请选择 {allowed} 文件。",
        "“{suffix}” files cannot be imported; choose a {allowed} file.",
    ),
    "import_suffix_mismatch": (
        "文件“{name}”其实是 {actual} 格式，请把扩展名改为 {actual} 后再导入。",
        "The file “{name}” is really a {actual} file; rename it to end in {actual} and import it again.",
    ),
    "import_not_workbook": (
        "文件“{name}”不是有效的 {kind} 工作簿，可能已损坏，或只是改了扩展名。",
        "The file “{name}” is not a valid {kind} workbook; it may be damaged or merely renamed.",
    ),
    "import_workbook_is_text": (
        "文件“{name}”其实是网页或文本，不是真正的 Excel 文件，请用 Excel 打开后另存为 .xlsx 再导入。",
        "The file “{name}” is really a web page or text, not an Excel file; open it in Excel, save it as .xlsx "
        "and import that.",
    ),
    "import_workbook_damaged": (
        "无法读取工作簿“{name}”，文件已损坏或格式不受支持。",
        "The workbook “{name}” cannot be read; it is damaged or in a format that is not supported.",
    ),
    "import_encrypted": (
        "工作簿“{name}”设置了打开密码，请在 Excel 中取消密码、保存后再导入。",
        "The workbook “{name}” is protected by a password; remove the password in Excel, save and import again.",
    ),
    # hostile files
    "import_unpacked_too_big": (
        "文件“{name}”解压后过大，可能是恶意构造的文件，已拒绝导入。",
        "The file “{name}” unpacks to far too much data and may be hostile; it was refused.",
    ),
    "import_xml_entities": (
        "文件“{name}”含有不安全的 XML 定义（DOCTYPE 或 ENTITY），已拒绝导入。",
        "The file “{name}” holds unsafe XML definitions (DOCTYPE or ENTITY); it was refused.",
    ),
    "import_too_many_rows": (
        "表格超过 {limit} 行，请分成几个文件导入。",
        "The table has more than {limit} rows; split it into several files.",
    ),
    "import_too_many_columns": (
        "表格超过 {limit} 列，请删去多余的列后再导入。",
        "The table has more than {limit} columns; delete the columns that are not needed and import again.",
    ),
    "import_too_many_cells": (
        "表格太大（{rows} 行 × {columns} 列），请分成几个文件导入。",
        "The table is too large ({rows} rows × {columns} columns); split it into several files.",
    ),
    # sheets
    "import_unknown_sheet": (
        "工作簿里没有名为“{sheet}”的工作表，可选的有：{sheets}。",
        "The workbook has no sheet named “{sheet}”; its sheets are: {sheets}.",
    ),
    "import_sheet_empty": ("工作表“{sheet}”里没有数据。", "The sheet “{sheet}” holds no data."),
    "import_no_data_sheet": (
        "工作簿“{name}”里没有含数据的可见工作表。",
        "The workbook “{name}” has no visible sheet with data.",
    ),
    # text files and pasted tables
    "import_text_binary": (
        "文件“{name}”不是文本文件，不能按 CSV 或文本表格导入。",
        "The file “{name}” is not a text file and cannot be imported as CSV or a text table.",
    ),
    "import_text_encoding": (
        "无法识别文件“{name}”的文字编码，请在 Excel 中另存为“CSV UTF-8”后再导入。",
        "The character encoding of “{name}” is not recognised; save it from Excel as “CSV UTF-8” and import again.",
    ),
    "import_text_malformed": (
        "文件“{name}”第 {line} 行附近格式有误（可能引号不成对），无法读取。",
        "The file “{name}” is malformed near line {line} (perhaps an unmatched quote) and cannot be read.",
    ),
    "import_no_data": ("“{name}”里没有可导入的内容。", "“{name}” holds nothing to import."),
    "import_pasted_empty": ("粘贴的内容里没有表格。", "The pasted text holds no table."),
    "import_pasted_name": ("粘贴的表格", "pasted table"),
}
