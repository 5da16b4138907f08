"""Messages of the stuck-parcel log: capture, 留言, returns, bulk changes, shelf counts, unlabelled parcels."""

MESSAGES: dict[str, tuple[str, str]] = {
    # capture, messages, bulk changes
    "message_answered": ("这条留言已经回复过了。", "This message has already been answered."),
    "reply_before_message": ("回复时间不能早于留言时间。", "A reply cannot be earlier than the message."),
    "bulk_empty": ("请先选择要批量处理的件。", "Select the parcels to change first."),
    "bulk_too_many": ("一次最多批量处理{limit}件。", "At most {limit} parcels can be changed at once."),
    "bulk_already": ("已经是“{status}”。", "Already “{status}”."),
    "bulk_undone": ("这次批量操作已经撤销过了。", "This bulk change has already been undone."),
    "bulk_changed_since": ("之后又被修改过，未撤销。", "Changed again since; left as it is."),
}
