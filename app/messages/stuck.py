"""Messages of the stuck-parcel log (capture, 留言, returns, bulk changes, shelf counts, unlabelled parcels) and of
interceptions, which stop parcels on the same shelves."""

MESSAGES: dict[str, tuple[str, str]] = {
    # shelf count, unlabelled, handover, views
    "shelf_scan_empty": ("没有扫到任何单号，盘点未保存。", "No waybill was scanned; the count was not saved."),
    "shelf_not_in_count": (
        "案件 #{case_id} 不在这次盘点的“未扫到”清单里。",
        "Case #{case_id} is not on this count's not-scanned list.",
    ),
    "unlabelled_too_long": ("内容太长。", "Too long."),
    "unlabelled_photo_unreadable": ("照片无法读取：{path}。", "Cannot read the photo: {path}."),
    "unlabelled_resolved": ("这件无头件已经处理过了。", "This unlabelled parcel has already been resolved."),
    "unlabelled_match_required": (
        "请选择这件无头件对应的案件或理赔。",
        "Choose the case or claim this unlabelled parcel belongs to.",
    ),
    "unlabelled_same_carrier": ("同一快递公司", "Same carrier"),
    "unlabelled_days_apart": ("登记与发现相差{days}天", "Opened {days} days from the find"),
    "unlabelled_shared_words": ("描述相近：{words}", "Similar description: {words}"),
    "view_name_too_long": ("视图名称最多{limit}个字。", "A view name has at most {limit} characters."),
    "view_state_invalid": (
        "视图设置含有无法保存的值（{path}）。",
        "The view settings hold a value that cannot be saved ({path}).",
    ),
    "view_not_yours": (
        "只能修改自己的视图；共享视图由创建人或站长修改。",
        "You can change only your own views; a shared view is changed by its creator or a manager.",
    ),
    # capture, messages, bulk changes
    "problem_type_code": (
        "代码用小写字母开头，只含小写字母、数字和下划线（2–32位）。",
        "Codes start with a lower-case letter and hold only a–z, 0–9 and _ (2–32 characters).",
    ),
    "problem_type_taken": ("已有同样代码或名称的问题类型。", "A problem type with this code or name exists."),
    "problem_type_code_fixed": ("代码不能修改，旧案件靠它识别类型。", "The code cannot change; old cases use it."),
    "message_answered": ("这条留言已经回复过了。", "This message has already been answered."),
    "reply_before_message": ("回复时间不能早于留言时间。", "A reply cannot be earlier than the message."),
    "bulk_empty": ("请先选择要批量处理的件。", "Select the parcels to change first."),
    "bulk_too_many": ("一次最多批量处理{limit}件。", "At most {limit} parcels can be changed at once."),
    "bulk_already": ("已经是“{status}”。", "Already “{status}”."),
    "bulk_undone": ("这次批量操作已经撤销过了。", "This bulk change has already been undone."),
    "bulk_changed_since": ("之后又被修改过，未撤销。", "Changed again since; left as it is."),
    # interceptions
    "intercept_request_bad": (
        "拦截要求应为拦截停派、改址、转寄或退回。",
        "The request must be stop, re-address, forward or return.",
    ),
    "intercept_address_needed": ("改址需要填写新地址。", "A re-address needs the new address."),
    "intercept_waybill_needed": ("转寄需要填写新单号。", "Forwarding needs the new waybill number."),
    "intercept_ending_bad": (
        "拦截结果应为已退回、已改址或已转寄。",
        "The outcome must be returned, re-addressed or forwarded.",
    ),
    "intercept_failure_bad": ("失败原因应为已签收或找不到件。", "The reason must be already signed or not found."),
    # returns
    "return_back_already": ("这件退件已经登记返回了。", "This return is already recorded as back."),
    "return_not_early": ("这不是被提前退回的件，无需上报。", "This return was not early: there is nothing to report."),
    "return_reported_already": ("这件提前退回已经上报过了。", "This early return has already been reported."),
}
