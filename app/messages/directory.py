"""Messages of the directory (区域概况): areas and places, couriers and stand-ins, outlets, contacts, hotlines."""

MESSAGES: dict[str, tuple[str, str]] = {
    # field messages (no parameters: shown next to the field)
    "text_too_long": ("内容太长。", "Too long."),
    "phone_unreadable": ("看不出是电话号码。", "This does not read as a phone number."),
    "area_name_taken": ("已有同名片区。", "An area with this name exists."),
    "place_kind_unknown": ("未知的地点类型。", "Unknown kind of place."),
    "outlet_kind_unknown": ("未知的网点类型。", "Unknown kind of outlet."),
    "carrier_unknown": ("未知的快递公司。", "Unknown carrier."),
    "outlet_code_taken": ("这家快递公司已有同样编码的网点。", "This carrier already has an outlet with this code."),
    "staff_no_taken": ("工号已被其他快递员使用。", "Another courier has this staff number."),
    "date_order": ("结束日期不能早于开始日期。", "The end date cannot be before the start date."),
    "stand_in_self": ("替班人不能是本人。", "A courier cannot stand in for themselves."),
    "stand_in_overlap": (
        "这段时间已有人替这位快递员的班。",
        "Someone already stands in for this courier in these days.",
    ),
    "assignment_overlap": (
        "这位快递员在这段时间已负责这个片区。",
        "This courier already covers this area in these days.",
    ),
    "hotline_invalid": ("客服电话只能包含数字和“-”（3–20位）。", "A hotline holds only digits and “-” (3–20)."),
    # whole-form messages
    "area_has_places": (
        "片区“{name}”下还有{count}个地点，请先移到其他片区或删除。",
        "Area “{name}” still holds {count} places; move or delete them first.",
    ),
}
