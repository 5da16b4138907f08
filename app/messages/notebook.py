"""Messages of the work notebook (工作笔记): notes, todos, phrase templates (话术)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # field messages (no parameters: shown next to the field)
    "note_case_missing": ("找不到这个案件，可能已被删除。", "No such case; it may have been deleted."),
    "note_tag_too_long": ("每个标签最多20个字。", "A tag has at most 20 characters."),
    "note_too_many_tags": ("最多10个标签。", "At most 10 tags."),
    "todo_priority_unknown": ("未知的优先级。", "Unknown priority."),
    "todo_due_naive": ("截止时间缺少时区。", "The due time has no time zone."),
    "phrase_category_unknown": ("未知的话术分类。", "Unknown phrase category."),
}
