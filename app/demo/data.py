"""Source material for the demo generator: the wording clerks really use for problem parcels, 留言, chases,
complaints, interceptions, follow-ups, claims, fines, notes and todos (the outlet's territory and people are in
app/demo/territory.py). Data only, so the generator stays readable and the text can be reviewed on its own.
"""

from __future__ import annotations

# Followed by a reason: what the courier reports per stuck problem type (ProblemType.code).
PROBLEM_DETAILS: dict[str, tuple[str, ...]] = {
    "power_off": ("电话关机，派前联系3次", "收件人电话一直关机", "关机，已发短信未回"),
    "suspended": ("电话停机，无法联系", "收件人号码已停机"),
    "empty_number": ("电话空号，面单号码有误", "拨打提示空号，需寄件人提供新号码"),
    "no_answer": ("电话无人接听，上午下午各打一次", "多次拨打无人接听，已发短信", "虚拟号转接无人接听"),
    "wrong_address": ("地址错误，查无此人", "地址写的是老门牌，现场找不到", "小区名对，楼栋号不存在"),
    "vague_address": ("地址不详，只写到街道", "缺少楼栋单元门牌号", "只写了学校名没写宿舍楼"),
    "self_pickup": ("客户要求到网点自取", "客户来电说下班后自己来拿"),
    "later_date": ("客户要求改天派送", "客户出差，要求下周一再送", "客户要求周末送货"),
    "holiday": ("单位放假无人签收", "学校放假，宿舍无人", "节假日公司不收件"),
    "refused": ("客户拒收，称未购买", "客户拒收，外包装破损", "到付件客户拒付运费"),
    "out_of_area": ("超区件，不在派送范围", "地址属于邻区，需转派"),
    "damaged": ("外包装破损，内物待确认", "到件时箱子压扁，内物可能损坏", "液体渗漏"),
    "short": ("多件少一件，一票二件只到一件", "重量不符，疑似内物短少"),
    "missorted": ("错分件，应为隔壁网点", "分拨错发到本网点"),
    "no_label": ("面单脱落，无法识别", "面单模糊，单号看不清"),
    "prohibited": ("疑似违禁品，已扣件上报", "内有液体锂电池，按规定扣件"),
    "suspected_lost": ("系统显示到件，实物未找到", "扫描到件后无派件记录，实物缺失"),
}
UNREACHABLE_TYPES = frozenset({"power_off", "suspended", "empty_number", "no_answer"})

# 留言: what we post to the sending outlet, what they post to us, and the replies.
MESSAGES_SENT: tuple[str, ...] = (
    "收件人电话{reason}，请联系寄件人提供正确电话，谢谢",
    "{reason}，请核实收件信息后回复，超时将按退回处理",
    "{reason}，请尽快联系寄件人确认是否退回",
    "此件{reason}，麻烦提供新地址或新号码",
)
MESSAGES_RECEIVED: tuple[str, ...] = (
    "贵网点发出的件在我处{reason}，请联系寄件人提供正确信息",
    "此件{reason}，请贵网点联系寄件人，24小时内不回复将退回",
    "收件人反映{reason}，请核实",
    "{reason}，请贵网点确认是退回还是转寄",
)
REPLIES_THEM: tuple[str, ...] = (
    "已联系寄件人，新号码{phone}，请再派",
    "寄件人要求退回",
    "已更正地址，请按新地址派送",
    "寄件人同意放驿站",
    "寄件人未接电话，请再留仓两天",
)
REPLIES_US: tuple[str, ...] = (
    "已联系寄件人，提供新号码{phone}，请再派，谢谢",
    "寄件人同意退回，请安排退件",
    "已与收件人约好明天下午派送",
    "寄件人要求改址，新地址已在系统登记",
    "寄件人暂未联系上，请再保留两天",
)

CHASE_REQUESTS: dict[str, tuple[str, ...]] = {
    "inbound": (
        "客户催件，物流显示已到网点两天未派",
        "客户问什么时候能送到，着急用",
        "客户要求今天下午送货上门",
        "客户称显示已签收但没收到",
        "客户要求放驿站，不要放快递柜",
        "客户要求改送到单位",
        "客户问为什么放了驿站没打电话",
        "客户明天不在家，要求后天再送",
    ),
    "outbound": (
        "寄件人催件，物流三天没更新",
        "寄件人反映收件人说没收到",
        "寄件人问件到哪了，对方急用",
        "寄件人要求核实是否已签收",
        "物流停在转运中心不动，寄件人催促",
        "寄件人称对方网点不派送，要求催派",
    ),
}
LAST_NODES: tuple[str, ...] = (
    "江州转运中心 已发出",
    "江州转运中心 已到达",
    "临江滨江分部 派件中",
    "临江滨江分部 已到件",
    "{region}转运中心 已发出",
    "{region}分部 已揽收",
    "运输中",
)
APPOINTMENTS: tuple[str, ...] = (
    "今天下午3点后送货上门",
    "明天上午送到单位前台",
    "放{station}",
    "客户晚上7点后自取",
    "周六上午送货上门",
    "放门卫室",
)

COMPLAINT_CATEGORIES: dict[str, tuple[str, ...]] = {
    "延误": (
        "物流四天没更新，客户很着急，要求给个说法",
        "承诺次日达，三天了还没送到",
        "包裹在网点放了两天才派送",
        "生鲜件延误导致变质，要求赔偿",
    ),
    "破损": (
        "收到时箱子破了，里面的杯子碎了",
        "外包装完好但内物损坏，要求赔偿",
        "快递被压扁，鞋盒变形",
        "液体洒漏，污染了其他物品",
    ),
    "丢失": (
        "显示已签收但没收到，门卫和驿站都说没有",
        "物流一周没更新，客户怀疑丢件",
        "一票两件只收到一件",
    ),
    "服务态度": (
        "快递员电话里态度很差，还挂电话",
        "客户说快递员骂人",
        "打网点电话一直没人接，接了也说不清楚",
    ),
    "虚假签收": (
        "没有收到快递，系统显示本人签收",
        "快递员未经同意代签，包裹不知去向",
        "显示已签收，实际放在驿站没有通知",
    ),
    "不告而投": (
        "没打电话就直接放了快递柜，超时被收费",
        "未经同意放驿站，客户行动不便无法去取",
        "包裹直接放在门口，没有任何通知",
    ),
    "未送货上门": (
        "客户付了钱却要自己去驿站取，要求送货上门",
        "快递员只送到小区门口，不肯上楼",
        "大件要求送上楼，快递员让客户自己下楼搬",
    ),
    "到付/收费": (
        "快递员多收了到付运费",
        "驿站取件要收费，客户不认可",
        "寄件时说好的价格，到付时多了10元",
    ),
}
COMPLAINT_SOURCES: tuple[tuple[str, int], ...] = (
    ("call", 35),
    ("carrier_ticket", 30),
    ("platform", 20),
    ("12345", 10),
    ("12305", 5),
)
SOURCE_TICKET_PREFIX = {"carrier_ticket": "GD", "platform": "PT", "12345": "RX", "12305": "SS"}

INTERCEPT_REQUESTS: dict[str, tuple[str, ...]] = {
    "stop": ("寄件人要求拦截，买家已取消订单", "平台通知拦截，订单已退款", "寄件人发错货，要求拦截"),
    "readdress": ("收件人搬家，要求改址", "寄件人要求改到收件人单位", "地址写错了，要求改成新地址"),
    "forward": ("收件人出差，要求转寄到外地", "要求转寄到收件人老家"),
    "return": ("买家拒收，寄件人要求原路退回", "寄件人要求退回重新发货"),
}
INTERCEPT_FAILED = {"already_signed": "拦截时已签收", "not_found": "网点未找到实物，拦截失败"}

FOLLOWUPS: dict[str, tuple[str, ...]] = {
    "stuck": (
        "已电话联系收件人，{outcome}",
        "已发短信通知收件人",
        "已在系统上报问题件",
        "已联系{courier}再次派送",
        "已催促对方网点回复留言",
        "件已放{shelf}货架",
        "已与寄件人确认，{outcome}",
    ),
    "chase": (
        "已联系{courier}，{outcome}",
        "已致电客户说明情况，{outcome}",
        "已联系对方网点，对方答复今天派送",
        "已查件，物流在{node}",
        "已答应客户{time}前回电",
        "客户表示理解",
    ),
    "complaint": (
        "已致电客户致歉并说明情况",
        "已联系{courier}核实，{outcome}",
        "已在工单系统回复处理意见",
        "客户要求赔偿，已转理赔流程",
        "已回访客户，客户表示满意",
        "客户情绪激动，已安抚并承诺{time}前回复",
    ),
    "intercept": (
        "已在系统提交拦截申请",
        "已通知{courier}找件",
        "已找到实物，贴拦截标签",
        "已与寄件人确认拦截结果",
        "已联系对方网点协助拦截",
    ),
}
OUTCOMES: tuple[str, ...] = (
    "客户同意明天派送",
    "客户要求放驿站",
    "客户暂未接听",
    "客户同意自取",
    "已约定下午送达",
    "对方称已安排派送",
)
CHANNEL_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("phone", 50),
    ("virtual_call", 12),
    ("wechat", 15),
    ("sms", 8),
    ("system", 12),
    ("in_person", 3),
)
RESOLUTIONS: dict[str, tuple[str, ...]] = {  # by closing status code of app.workflows
    "signed": ("已再派签收", "客户自取签收", "按新地址派送签收"),
    "returned": ("已退回寄件人", "联系不上收件人，按规定退回", "寄件人要求退回"),
    "forwarded": ("已转寄新地址",),
    "intercepted": ("寄件人要求拦截，已拦截",),
    "to_claim": ("内物损坏，转理赔处理", "实物遗失，转理赔处理"),
    "closed": ("重复登记，关闭", "客户已自行处理", "对方网点已处理完毕"),
    "done": ("已派送签收，客户满意", "已告知客户物流情况", "已安排次日派送并回复客户", "客户已自取"),
    "resolved": ("已致歉并补偿10元，客户满意", "核实为快递员问题，已处罚", "已赔偿，客户撤诉", "解释清楚，客户接受"),
    "readdressed": ("已按新地址改派",),
    "failed": ("拦截失败，已告知寄件人",),
}
REPLY_RETURN = 1  # index of the reply in REPLIES_THEM / REPLIES_US that says: return it

CLAIM_SALVAGE = ("残值归客户，抵扣赔款20%", "残值回收，由网点处理", "无残值")

FINE_REASONS: tuple[tuple[str, str, int, int], ...] = (  # the wording, its catalogue code, low, high amount (yuan)
    ("虚假签收", "fake_signing", 50, 200),
    ("超时未回复留言", "message_late", 5, 20),
    ("早退", "early_return", 10, 50),
    ("有责投诉", "complaint", 50, 200),
    ("派送延误", "late", 5, 20),
    ("问题件未上报", "other", 10, 30),
    ("遗失", "lost", 100, 500),
    ("12305申诉", "complaint", 200, 500),
)
FINE_RESULTS: tuple[tuple[str, int], ...] = (
    ("open", 5),  # the appeal window has passed: most have a result
    ("accepted", 40),
    ("appealed", 15),
    ("cancelled", 10),
    ("reduced", 15),
)

NOTE_TEMPLATES: tuple[tuple[str, str, tuple[str, ...]], ...] = (  # title, body, tags
    ("交接班记录", "今日未结问题件：{waybills}。明早第一件事先回复{outlet}的留言。", ("交接",)),
    ("与{outlet}沟通", "对方答应今天内回复 {waybills}，联系人电话见通讯录。", ("留言", "对方网点")),
    ("{courier}反映", "{courier}说{place}门卫不让进，以后件放门卫室。相关单号：{waybills}", ("片区",)),
    ("客户投诉跟进", "{waybills} 客户情绪较大，已安抚，明天上午10点前回电。", ("投诉",)),
    ("理赔材料", "{waybills} 需补价值证明和内物照片，已微信通知客户。", ("理赔",)),
    ("罚款申诉", "{waybills} 被考核虚假签收，有签收照片，已提交申诉。", ("罚款", "申诉")),
    ("盘点差异", "留仓盘点差 {count} 件：{waybills}，明天找{courier}核实。", ("盘点",)),
    ("拦截提醒", "{waybills} 寄件人要求拦截，已贴标签，注意别派出去。", ("拦截",)),
    ("站长交代", "双十一期间问题件当天必须上报，留言2小时内回复。", ("通知",)),
    ("培训记录", "话术更新：催件先安抚再查件，承诺回电时间要写进系统。", ("培训",)),
)
TODO_TITLES: tuple[str, ...] = (
    "回电客户 {customer}",
    "催{outlet}回复留言",
    "提交理赔材料 {waybill}",
    "罚款申诉截止 {waybill}",
    "确认退件 {waybill} 是否到达",
    "找{courier}核实签收",
    "整理本周问题件日报",
    "更新片区快递员排班",
)
