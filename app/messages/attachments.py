"""Messages of attachments: photos and screenshots checked before they are stored."""

MESSAGES: dict[str, tuple[str, str]] = {
    "attachment_empty": ("文件是空的。", "The file is empty."),
    "attachment_too_large": (
        "文件太大：最多{limit_mb}MB。",
        "The file is too large: at most {limit_mb} MB.",
    ),
    "attachment_not_image": (
        "这不是图片文件；只能添加 JPEG、PNG、WEBP、GIF 或 BMP 图片。",
        "This is not an image; only JPEG, PNG, WEBP, GIF or BMP pictures can be added.",
    ),
    "attachment_format": (
        "不支持{format}格式；只能添加 JPEG、PNG、WEBP、GIF 或 BMP 图片。",
        "{format} pictures are not supported; only JPEG, PNG, WEBP, GIF or BMP can be added.",
    ),
    "attachment_too_many_pixels": (
        "图片尺寸太大：最多{limit_mp}百万像素。",
        "The picture is too large: at most {limit_mp} megapixels.",
    ),
    "attachment_corrupt": (
        "图片已损坏或不完整，无法打开。",
        "The picture is damaged or incomplete and cannot be opened.",
    ),
    "attachment_owner_invalid": ("附件所属的记录无效。", "The record this attachment belongs to is invalid."),
    "attachment_label_too_long": ("附件说明最多{limit}个字。", "An attachment label has at most {limit} characters."),
}
