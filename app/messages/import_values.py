"""Messages of checking imported values and mapping columns: waybills, dates, phones, numbers, fields."""

MESSAGES: dict[str, tuple[str, str]] = {
    # waybill numbers
    "import_waybill_missing": ("运单号为空。", "The waybill number is empty."),
    "import_waybill_bad": (
        "“{value}”不像运单号（应为 10–30 位字母或数字）。",
        "“{value}” does not look like a waybill number (10–30 letters or digits).",
    ),
    "import_waybill_not_whole": (
        "运单号“{value}”带小数，说明这一列被存成了数字。请在快递系统或 Excel 中把运单号列设为“文本”格式后重新导出。",
        "Waybill number “{value}” has decimals, so the column was stored as numbers. Set the waybill column "
        "to Text in the carrier system or Excel and export again.",
    ),
    "import_waybill_scientific": (
        "运单号“{value}”是科学计数法，Excel 已经丢掉了后几位数字。"
        "请在快递系统或 Excel 中把运单号列设为“文本”格式后重新导出。",
        "Waybill number “{value}” is in scientific notation: Excel has already dropped its last digits. Set "
        "the waybill column to Text in the carrier system or Excel and export again.",
    ),
    "import_waybill_inexact": (
        "运单号 {value} 被存成了数字，Excel 只保留 {digits} 位有效数字，末尾几位可能已被改掉。"
        "请在快递系统或 Excel 中把运单号列设为“文本”格式后重新导出。",
        "Waybill number {value} was stored as a number; Excel keeps only {digits} significant digits, so the "
        "last ones may be wrong. Set the waybill column to Text in the carrier system or Excel and export again.",
    ),
    # dates and times
    "import_when_missing": ("时间为空。", "The date or time is empty."),
    "import_when_bad": (
        "“{value}”不是能识别的日期或时间，请写成 2026-11-21 09:30 这样的格式。",
        "“{value}” is not a date or time this program understands; write it like 2026-11-21 09:30.",
    ),
    "import_when_range": (
        "“{value}”不在 2000–2100 年之间，可能选错了列。",
        "“{value}” is not between the years 2000 and 2100; the column may be the wrong one.",
    ),
    # phones
    "import_phone_bad": ("“{value}”不是电话号码。", "“{value}” is not a phone number."),
    # numbers
    "import_int_bad": ("“{value}”不是整数。", "“{value}” is not a whole number."),
    "import_int_range": (
        "{value} 应在 {minimum} 到 {maximum} 之间。",
        "{value} must be between {minimum} and {maximum}.",
    ),
    "import_money_bad": (
        "“{value}”不是金额，请写成 12.50、¥12.5 或 12.50元。",
        "“{value}” is not an amount of money; write it like 12.50, ¥12.5 or 12.50元.",
    ),
    "import_money_negative": ("金额不能为负数：{value}。", "The amount cannot be negative: {value}."),
    "import_money_too_big": ("金额 {value} 太大，请检查这一列。", "The amount {value} is too large; check the column."),
    "import_kg_bad": (
        "“{value}”不是重量，请写成 1.2、1.2kg 或 500g。",
        "“{value}” is not a weight; write it like 1.2, 1.2kg or 500g.",
    ),
    "import_kg_range": (
        "重量 {value} 不在 0 到 100000 公斤之间。",
        "The weight {value} is not between 0 and 100,000 kg.",
    ),
    # yes / no
    "import_flag_bad": (
        "“{value}”看不出是“是”还是“否”，请用 是/否、Y/N 或 √/×。",
        "“{value}” is neither yes nor no; use 是/否, Y/N or √/×.",
    ),
    # text and odd cells
    "import_text_too_long": (
        "内容有 {length} 个字，最多 {limit} 个字。",
        "The text has {length} characters; at most {limit} are allowed.",
    ),
    "import_value_bad": ("单元格的值“{value}”无法识别。", "The cell value “{value}” cannot be read."),
    "import_value_type": ("单元格的内容无法读取（{kind}）。", "The cell's content cannot be read ({kind})."),
    # columns
    "import_required_missing": ("必填项“{field}”为空。", "The required field “{field}” is empty."),
    "import_columns_missing": (
        "文件里找不到必需的列：{fields}。请在列对应中指定。",
        "The file has no column for the required field(s) {fields}; assign them in the column mapping.",
    ),
}
