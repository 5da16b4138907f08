<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArbitrationTab</name>
    <message>
        <source>&amp;Undecided only</source>
        <translation>只看未裁决(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Arbitrations</source>
        <translation>仲裁(&amp;A)</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Other party</source>
        <translation>对方</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>提起时间</translation>
    </message>
    <message>
        <source>Reply by</source>
        <translation>答复截止</translation>
    </message>
    <message>
        <source>Claim / fine</source>
        <translation>理赔 / 罚款</translation>
    </message>
    <message>
        <source>Our share</source>
        <translation>我方比例</translation>
    </message>
    <message>
        <source>Ours to pay</source>
        <translation>我方承担</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>裁决</translation>
    </message>
    <message>
        <source>&amp;File an arbitration…</source>
        <translation>提起仲裁(&amp;F)…</translation>
    </message>
    <message>
        <source>Our re&amp;ply…</source>
        <translation>我方答复(&amp;P)…</translation>
    </message>
    <message>
        <source>Deci&amp;sion…</source>
        <translation>裁决结果(&amp;S)…</translation>
    </message>
    <message>
        <source>File an arbitration</source>
        <translation>提起仲裁</translation>
    </message>
    <message>
        <source>Waybill:</source>
        <translation>运单号：</translation>
    </message>
    <message>
        <source>The other party (outlet):</source>
        <translation>对方（网点）：</translation>
    </message>
    <message>
        <source>Our reply</source>
        <translation>我方答复</translation>
    </message>
    <message>
        <source>What we answered or sent:</source>
        <translation>答复或提交的材料：</translation>
    </message>
    <message>
        <source>The decision, as written:</source>
        <translation>裁决内容（照原文）：</translation>
    </message>
    <message>
        <source>Our share (%):</source>
        <translation>我方承担比例（%）：</translation>
    </message>
    <message>
        <source>Amount decided (yuan, may stay empty):</source>
        <translation>裁决金额（元，可不填）：</translation>
    </message>
</context>
<context>
    <name>AreaDialog</name>
    <message>
        <source>New area</source>
        <translation>新建片区</translation>
    </message>
    <message>
        <source>Edit area</source>
        <translation>编辑片区</translation>
    </message>
    <message>
        <source>Address words of this area, separated by 、 e.g. 红星路、兴华里</source>
        <translation>本片区的地址关键词，用“、”分隔，如 红星路、兴华里</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation>关键词(&amp;K)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Replace the database with the selected backup (needs a manager)</source>
        <translation>用选中的备份替换数据库（需站长）</translation>
    </message>
    <message>
        <source>Automatic backups on this PC</source>
        <translation>本机自动备份</translation>
    </message>
    <message>
        <source>Back up every (minutes)</source>
        <translation>备份间隔（分钟）</translation>
    </message>
    <message>
        <source>Keep the newest</source>
        <translation>保留最近的份数</translation>
    </message>
    <message>
        <source>Then one a day, for days</source>
        <translation>之后每天保留一份，天数</translation>
    </message>
    <message>
        <source>Then one a week, for weeks</source>
        <translation>之后每周保留一份，周数</translation>
    </message>
    <message>
        <source>Then one a month, for months</source>
        <translation>之后每月保留一份，月数</translation>
    </message>
    <message>
        <source>None (e.g. a USB stick)</source>
        <translation>无（例如 U 盘）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Second folder</source>
        <translation>第二个文件夹</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>Kept at a restore</source>
        <translation>恢复时保留的原库</translation>
    </message>
    <message>
        <source>Damaged, kept</source>
        <translation>已损坏的原库</translation>
    </message>
    <message>
        <source>Backups: {count}.</source>
        <translation>共 {count} 份备份。</translation>
    </message>
    <message>
        <source>No backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <source>A backup is already running.</source>
        <translation>已有备份正在进行。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Second folder for backups</source>
        <translation>备份的第二个文件夹</translation>
    </message>
    <message>
        <source>Backup settings saved.</source>
        <translation>备份设置已保存。</translation>
    </message>
    <message>
        <source>Replace the database with the backup {name}? The current database is kept in the backups folder, and automatic backups pause until Outlet Desk restarts.</source>
        <translation>用备份 {name} 替换数据库？当前数据库会保存在备份文件夹中，自动备份将暂停到网点客服台重新启动。</translation>
    </message>
    <message>
        <source>Restoring a backup needs a manager&apos;s PIN.</source>
        <translation>恢复备份需要站长 PIN。</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>Restored. The previous database was kept as {aside}. Please restart Outlet Desk now.</source>
        <translation>已恢复。原数据库已保存为 {aside}。请现在重新启动网点客服台。</translation>
    </message>
</context>
<context>
    <name>BulkActions</name>
    <message>
        <source>Change &amp;status…</source>
        <translation>更改状态(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Assign to…</source>
        <translation>指派给(&amp;A)…</translation>
    </message>
    <message>
        <source>Put on s&amp;helf…</source>
        <translation>放上货架(&amp;H)…</translation>
    </message>
    <message>
        <source>Add the same &amp;follow-up…</source>
        <translation>批量添加跟进(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Undo bulk change</source>
        <translation>撤销批量更改(&amp;U)</translation>
    </message>
    <message>
        <source>Bulk</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>Select the parcels to change first.</source>
        <translation>请先选择要更改的件。</translation>
    </message>
    <message>
        <source>New status for {count} parcels:</source>
        <translation>{count} 件的新状态：</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>更改状态</translation>
    </message>
    <message>
        <source>Change {count} parcels to “{status}”?</source>
        <translation>将 {count} 件改为“{status}”？</translation>
    </message>
    <message>
        <source>Closing many parcels at once needs a manager&apos;s PIN.</source>
        <translation>一次关闭多件需要站长 PIN 码。</translation>
    </message>
    <message>
        <source>No operator to assign to.</source>
        <translation>没有可指派的操作员。</translation>
    </message>
    <message>
        <source>Handler for {count} parcels:</source>
        <translation>{count} 件的处理人：</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>指派</translation>
    </message>
    <message>
        <source>Assign {count} parcels to {name}?</source>
        <translation>将 {count} 件指派给{name}？</translation>
    </message>
    <message>
        <source>Shelf for {count} parcels (empty: off the shelf):</source>
        <translation>{count} 件的货架（留空：下架）：</translation>
    </message>
    <message>
        <source>Put on shelf</source>
        <translation>放上货架</translation>
    </message>
    <message>
        <source>Put {count} parcels on shelf “{shelf}”?</source>
        <translation>将 {count} 件放到货架“{shelf}”？</translation>
    </message>
    <message>
        <source>Take {count} parcels off their shelf?</source>
        <translation>将 {count} 件从货架取下？</translation>
    </message>
    <message>
        <source>Follow-up for {count} parcels:</source>
        <translation>{count} 件的跟进内容：</translation>
    </message>
    <message>
        <source>Add follow-up</source>
        <translation>添加跟进</translation>
    </message>
    <message>
        <source>Add “{text}” to {count} parcels?</source>
        <translation>给 {count} 件添加“{text}”？</translation>
    </message>
    <message>
        <source>Changing {count} parcels</source>
        <translation>正在更改 {count} 件</translation>
    </message>
    <message>
        <source>Changed {changed}, skipped {skipped}.</source>
        <translation>已更改 {changed} 件，跳过 {skipped} 件。</translation>
    </message>
    <message>
        <source>Undo the last bulk change?</source>
        <translation>撤销上一次批量更改？</translation>
    </message>
    <message>
        <source>Undoing the bulk change</source>
        <translation>正在撤销批量更改</translation>
    </message>
    <message>
        <source>Undone for {changed}; {skipped} left as they are.</source>
        <translation>已撤销 {changed} 件；{skipped} 件保持不变。</translation>
    </message>
    <message>
        <source>{waybill}: {reason}</source>
        <translation>{waybill}：{reason}</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……另有 {count} 件</translation>
    </message>
</context>
<context>
    <name>CallbackPicker</name>
    <message>
        <source>&amp;No callback</source>
        <translation>不回电(&amp;N)</translation>
    </message>
    <message>
        <source>+&amp;30 min</source>
        <translation>30 分钟后(&amp;3)</translation>
    </message>
    <message>
        <source>+&amp;1 h</source>
        <translation>1 小时后(&amp;1)</translation>
    </message>
    <message>
        <source>+&amp;2 h</source>
        <translation>2 小时后(&amp;2)</translation>
    </message>
    <message>
        <source>Tomorrow &amp;morning</source>
        <translation>明天上午(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Other time:</source>
        <translation>其他时间(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <source>Scan or type the waybill</source>
        <translation>扫描或输入运单号</translation>
    </message>
    <message>
        <source>Whole, masked (138****5678) or virtual with extension</source>
        <translation>完整号码、隐藏号码（138****5678）或虚拟号加分机号</translation>
    </message>
    <message>
        <source>Give the waybill number.</source>
        <translation>请填写运单号。</translation>
    </message>
    <message>
        <source>This is not a phone number.</source>
        <translation>这不是有效的电话号码。</translation>
    </message>
    <message>
        <source>The callback time has already passed.</source>
        <translation>约定的回电时间已经过去了。</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>&amp;Promise callback</source>
        <translation>约定回电(&amp;P)</translation>
    </message>
    <message>
        <source>Callback &amp;made…</source>
        <translation>已回电(&amp;M)…</translation>
    </message>
    <message>
        <source>Quick follow-up: what was said or done</source>
        <translation>快速跟进：说了什么或做了什么</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>P&amp;hrases…</source>
        <translation>话术(&amp;H)…</translation>
    </message>
    <message>
        <source>Make it a &amp;stuck case</source>
        <translation>转为疑难件(&amp;S)</translation>
    </message>
    <message>
        <source>Make it a com&amp;plaint…</source>
        <translation>转为投诉(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Escalate…</source>
        <translation>升级(&amp;E)…</translation>
    </message>
    <message>
        <source>What the customer said on the return visit</source>
        <translation>回访时客户的反馈</translation>
    </message>
    <message>
        <source>Record return &amp;visit</source>
        <translation>记录回访(&amp;V)</translation>
    </message>
    <message>
        <source>Sa&amp;tisfaction (1–5):</source>
        <translation>满意度（1–5）(&amp;T)：</translation>
    </message>
    <message>
        <source>Callback:</source>
        <translation>回电：</translation>
    </message>
    <message>
        <source>{kind} {number}</source>
        <translation>{kind} {number}</translation>
    </message>
    <message>
        <source>carrier unknown</source>
        <translation>快递公司未知</translation>
    </message>
    <message>
        <source>Repeat: {count} earlier chase(s) or complaint(s) in {days} days before this one.</source>
        <translation>重复来电：此前 {days} 天内已有 {count} 次催单或投诉。</translation>
    </message>
    <message>
        <source>Someone else saved this case: it now shows their version.</source>
        <translation>其他人保存了这个案件：现在显示的是对方保存的版本。</translation>
    </message>
    <message>
        <source>Move this case to “{status}”? It ends the case.</source>
        <translation>将案件改为“{status}”？这将结束该案件。</translation>
    </message>
    <message>
        <source>Interception failed</source>
        <translation>拦截失败</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Details (may stay empty):</source>
        <translation>详情（可不填）：</translation>
    </message>
    <message>
        <source>New address:</source>
        <translation>新地址：</translation>
    </message>
    <message>
        <source>New waybill (may stay empty):</source>
        <translation>新单号（可不填）：</translation>
    </message>
    <message>
        <source>Callback made</source>
        <translation>已回电</translation>
    </message>
    <message>
        <source>What was said (may stay empty):</source>
        <translation>沟通内容（可不填）：</translation>
    </message>
    <message>
        <source>Make this chase a stuck case? The chase is closed as converted.</source>
        <translation>把这条催单转为疑难件？催单将以“已转”完结。</translation>
    </message>
    <message>
        <source>Make it a complaint</source>
        <translation>转为投诉</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>投诉渠道：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>投诉类别：</translation>
    </message>
    <message>
        <source>Converted: the new case is #{number} (under Linked cases).</source>
        <translation>已转换：新案件为 #{number}（见关联案件）。</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>升级投诉</translation>
    </message>
    <message>
        <source>Why it goes up a level:</source>
        <translation>升级原因：</translation>
    </message>
</context>
<context>
    <name>CaseFacts</name>
    <message>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>约定回电</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>{days} day(s)</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation>最后扫描</translation>
    </message>
    <message>
        <source>Last node</source>
        <translation>最后节点</translation>
    </message>
    <message>
        <source>Not moved for</source>
        <translation>停滞</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>未到</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>已到件</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递员</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Ticket number</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>First response due</source>
        <translation>首次响应期限</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <source>Resolve by</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <source>12305 risk from</source>
        <translation>12305 风险起始</translation>
    </message>
    <message>
        <source>Escalation level</source>
        <translation>升级级别</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>回访时间</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
</context>
<context>
    <name>CaseNotebook</name>
    <message>
        <source>Work &amp;note…</source>
        <translation>工作笔记(&amp;N)…</translation>
    </message>
    <message>
        <source>A note in the work notebook, shown on this case&apos;s timeline</source>
        <translation>写一条工作笔记，会显示在此案件的时间线上</translation>
    </message>
</context>
<context>
    <name>CaseOpener</name>
    <message>
        <source>This part of Outlet Desk is not installed.</source>
        <translation>网点客服台的这一部分尚未安装。</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Stuck parcels</source>
        <translation>疑难件</translation>
    </message>
    <message>
        <source>Chases</source>
        <translation>催单</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Interceptions</source>
        <translation>拦截</translation>
    </message>
    <message>
        <source>&amp;Open only</source>
        <translation>仅未结案(&amp;O)</translation>
    </message>
    <message>
        <source>Waybill, phone last 4 or caller name</source>
        <translation>运单号、电话后4位或来电人姓名</translation>
    </message>
    <message>
        <source>&amp;Any date</source>
        <translation>全部日期(&amp;A)</translation>
    </message>
    <message>
        <source>Show cases opened on any date</source>
        <translation>显示任何日期登记的案件</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Opened: {span}</source>
        <translation>登记于：{span}</translation>
    </message>
</context>
<context>
    <name>ChaseDialog</name>
    <message>
        <source>New outbound chase</source>
        <translation>新建发出件催单</translation>
    </message>
    <message>
        <source>New inbound chase</source>
        <translation>新建派送件催单</translation>
    </message>
    <message>
        <source>What the caller wants, e.g. where is it, deliver today</source>
        <translation>客户诉求，例如：查件在哪、要求今天派送</translation>
    </message>
    <message>
        <source>&amp;Waybill:</source>
        <translation>运单号(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Caller:</source>
        <translation>来电人(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Request:</source>
        <translation>诉求(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Known</source>
        <translation>已知(&amp;K)</translation>
    </message>
    <message>
        <source>Transit centre or outlet of the last scan</source>
        <translation>最后一次扫描所在的分拨中心或网点</translation>
    </message>
    <message>
        <source>Last &amp;scan:</source>
        <translation>最后扫描(&amp;S)：</translation>
    </message>
    <message>
        <source>Last no&amp;de:</source>
        <translation>最后节点(&amp;D)：</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>不清楚</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>已到</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>未到</translation>
    </message>
    <message>
        <source>Time window, self-pickup or a new address</source>
        <translation>时间段、自取或新地址</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Where it goes: suggests the courier covering it today</source>
        <translation>派送地址：自动推荐今天负责的快递员</translation>
    </message>
    <message>
        <source>&amp;Arrived:</source>
        <translation>是否到件(&amp;A)：</translation>
    </message>
    <message>
        <source>Appo&amp;intment:</source>
        <translation>预约(&amp;I)：</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>地址(&amp;D)：</translation>
    </message>
    <message>
        <source>Co&amp;urier:</source>
        <translation>快递员(&amp;U)：</translation>
    </message>
    <message>
        <source>Call &amp;back:</source>
        <translation>回电(&amp;B)：</translation>
    </message>
    <message>
        <source>No&amp;te:</source>
        <translation>备注(&amp;T)：</translation>
    </message>
    <message>
        <source>The last scan cannot be in the future.</source>
        <translation>最后扫描时间不能晚于现在。</translation>
    </message>
</context>
<context>
    <name>ChasesPage</name>
    <message>
        <source>Both directions</source>
        <translation>全部方向</translation>
    </message>
    <message>
        <source>&amp;Open only</source>
        <translation>仅未结案(&amp;O)</translation>
    </message>
    <message>
        <source>Re&amp;peats only</source>
        <translation>仅重复来电(&amp;P)</translation>
    </message>
    <message>
        <source>Waybill, phone last 4 or caller name</source>
        <translation>运单号、电话后4位或来电人姓名</translation>
    </message>
    <message>
        <source>New outbound chase</source>
        <translation>新建发出件催单</translation>
    </message>
    <message>
        <source>A parcel we sent (Ctrl+N)</source>
        <translation>本网点发出的快件（Ctrl+N）</translation>
    </message>
    <message>
        <source>New inbound chase</source>
        <translation>新建派送件催单</translation>
    </message>
    <message>
        <source>A parcel for delivery here (Ctrl+Shift+N)</source>
        <translation>本网点派送的快件（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>方向(&amp;D)：</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Dry run</source>
        <translation>试导入</translation>
    </message>
    <message>
        <source>Nothing is written yet: these are the counts the import would give.</source>
        <translation>还没有写入任何数据：下面是正式导入后会得到的结果。</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <source>Press Import to write these rows, or Back to change the columns.</source>
        <translation>按“导入”写入这些行，或按“上一步”修改列的对应。</translation>
    </message>
    <message>
        <source>The dry run was stopped. Press Back, then Next to run it again.</source>
        <translation>试导入已停止。按“上一步”再按“下一步”可以重新试导入。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
<context>
    <name>ClaimDialog</name>
    <message>
        <source>&amp;Waybill:</source>
        <translation>运单号(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Work out from the form</source>
        <translation>按表单计算(&amp;W)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Note for the status change (a rejection needs the reason)</source>
        <translation>状态变更备注（驳回须写明原因）</translation>
    </message>
    <message>
        <source>&amp;Facts</source>
        <translation>理赔资料(&amp;F)</translation>
    </message>
    <message>
        <source>E&amp;vidence and photos</source>
        <translation>材料与照片(&amp;V)</translation>
    </message>
    <message>
        <source>C&amp;ompensation</source>
        <translation>赔偿计算(&amp;O)</translation>
    </message>
    <message>
        <source>Pro&amp;gress</source>
        <translation>进度(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Claim &amp;form…</source>
        <translation>理赔申请表(&amp;F)…</translation>
    </message>
    <message>
        <source>Open the &amp;case</source>
        <translation>打开来源案件(&amp;C)</translation>
    </message>
    <message>
        <source>New claim</source>
        <translation>新建理赔</translation>
    </message>
    <message>
        <source>New claim from case #{case}</source>
        <translation>由案件 #{case} 转理赔</translation>
    </message>
    <message>
        <source>&amp;Register claim</source>
        <translation>登记理赔(&amp;R)</translation>
    </message>
    <message>
        <source>Claim {number}</source>
        <translation>理赔 {number}</translation>
    </message>
    <message>
        <source>carrier unknown</source>
        <translation>快递公司未知</translation>
    </message>
    <message>
        <source> (optional)</source>
        <translation>（可选）</translation>
    </message>
    <message>
        <source>Missing {count}: {items}</source>
        <translation>缺 {count} 项：{items}</translation>
    </message>
    <message>
        <source>Every needed item is in.</source>
        <translation>所需材料已齐全。</translation>
    </message>
    <message>
        <source>Someone else saved this claim: it now shows their version.</source>
        <translation>他人刚保存了此理赔，现显示其版本。</translation>
    </message>
    <message>
        <source>Scan or type the waybill number.</source>
        <translation>请扫描或输入运单号。</translation>
    </message>
    <message>
        <source>Move this claim to “{status}”? It ends the claim.</source>
        <translation>确定将此理赔改为“{status}”？理赔将就此结束。</translation>
    </message>
    <message>
        <source>Remove this photo from the claim?</source>
        <translation>从理赔中删除这张照片？</translation>
    </message>
    <message>
        <source>Removing evidence from a claim needs a manager&apos;s PIN.</source>
        <translation>从理赔中移除证据需要站长 PIN 码。</translation>
    </message>
</context>
<context>
    <name>ClaimFactsForm</name>
    <message>
        <source>Insured (保价)</source>
        <translation>已保价</translation>
    </message>
    <message>
        <source>Freight collect (到付)</source>
        <translation>运费到付</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Paid first by the outlet (先行赔付)</source>
        <translation>网点先行赔付</translation>
    </message>
    <message>
        <source>Claimant</source>
        <translation>索赔人</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Re&amp;lation:</source>
        <translation>与快件关系(&amp;L)：</translation>
    </message>
    <message>
        <source>A&amp;uthorisation:</source>
        <translation>授权书(&amp;U)：</translation>
    </message>
    <message>
        <source>Pa&amp;yee:</source>
        <translation>收款人(&amp;Y)：</translation>
    </message>
    <message>
        <source>Parcel and loss</source>
        <translation>快件与损失</translation>
    </message>
    <message>
        <source>&amp;Loss:</source>
        <translation>损失类型(&amp;L)：</translation>
    </message>
    <message>
        <source>E&amp;xtent:</source>
        <translation>损失程度(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Item:</source>
        <translation>物品(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation>件数(&amp;Q)：</translation>
    </message>
    <message>
        <source>Items s&amp;hort:</source>
        <translation>短少件数(&amp;H)：</translation>
    </message>
    <message>
        <source>Weight at collection:</source>
        <translation>揽收重量：</translation>
    </message>
    <message>
        <source>Weight on arrival:</source>
        <translation>到达重量：</translation>
    </message>
    <message>
        <source>Pac&amp;kaging:</source>
        <translation>包装(&amp;K)：</translation>
    </message>
    <message>
        <source>Inspected at si&amp;gning:</source>
        <translation>签收时验视(&amp;G)：</translation>
    </message>
    <message>
        <source>What &amp;happened:</source>
        <translation>损失经过(&amp;H)：</translation>
    </message>
    <message>
        <source>Value and freight</source>
        <translation>价值与运费</translation>
    </message>
    <message>
        <source>&amp;Declared value:</source>
        <translation>申报价值(&amp;D)：</translation>
    </message>
    <message>
        <source>Proof of &amp;value:</source>
        <translation>价值证明(&amp;V)：</translation>
    </message>
    <message>
        <source>Ac&amp;tual loss:</source>
        <translation>实际损失(&amp;T)：</translation>
    </message>
    <message>
        <source>Insured v&amp;alue:</source>
        <translation>保价金额(&amp;A)：</translation>
    </message>
    <message>
        <source>Insurance &amp;fee:</source>
        <translation>保价费(&amp;F)：</translation>
    </message>
    <message>
        <source>F&amp;reight:</source>
        <translation>运费(&amp;R)：</translation>
    </message>
    <message>
        <source>Amounts and responsibility</source>
        <translation>金额与责任</translation>
    </message>
    <message>
        <source>&amp;Claimed:</source>
        <translation>索赔金额(&amp;C)：</translation>
    </message>
    <message>
        <source>Appr&amp;oved:</source>
        <translation>核定金额(&amp;O)：</translation>
    </message>
    <message>
        <source>Responsible &amp;party:</source>
        <translation>责任方(&amp;P)：</translation>
    </message>
    <message>
        <source>Responsible &amp;unit:</source>
        <translation>责任单位(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Share %:</source>
        <translation>责任比例 %(&amp;S)：</translation>
    </message>
    <message>
        <source>Reco&amp;vered:</source>
        <translation>已追回(&amp;V)：</translation>
    </message>
    <message>
        <source>Sal&amp;vage:</source>
        <translation>残值处理(&amp;V)：</translation>
    </message>
</context>
<context>
    <name>ClaimPreviewDialog</name>
    <message>
        <source>Claim form</source>
        <translation>理赔申请表</translation>
    </message>
    <message>
        <source>Preparing the form…</source>
        <translation>正在生成申请表…</translation>
    </message>
    <message>
        <source>Full &amp;phones and addresses (recorded)</source>
        <translation>显示完整电话和地址（将记录）(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save a copy…</source>
        <translation>另存一份(&amp;S)…</translation>
    </message>
    <message>
        <source>Open in the &amp;viewer</source>
        <translation>用系统查看器打开(&amp;V)</translation>
    </message>
    <message>
        <source>{pages} page(s)</source>
        <translation>共 {pages} 页</translation>
    </message>
    <message>
        <source>Full phones and addresses need a manager&apos;s PIN.</source>
        <translation>显示完整电话和地址需要店长 PIN 码。</translation>
    </message>
    <message>
        <source>Save the claim form</source>
        <translation>保存理赔申请表</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>The file cannot be written: {reason}</source>
        <translation>无法写入文件：{reason}</translation>
    </message>
</context>
<context>
    <name>ClaimsPage</name>
    <message>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Part of the waybill number</source>
        <translation>运单号的一部分</translation>
    </message>
    <message>
        <source>&amp;Claims</source>
        <translation>理赔(&amp;C)</translation>
    </message>
    <message>
        <source>Claim no.</source>
        <translation>理赔编号</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Claimant</source>
        <translation>索赔人</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>索赔金额</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>核定金额</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>&amp;New claim…</source>
        <translation>新建理赔(&amp;N)…</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>状态(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Waybill:</source>
        <translation>运单号(&amp;W)：</translation>
    </message>
</context>
<context>
    <name>ColumnChooser</name>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reset columns</source>
        <translation>恢复默认列</translation>
    </message>
</context>
<context>
    <name>ColumnMapping</name>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>示例内容</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>(column {number})</source>
        <translation>（第 {number} 列）</translation>
    </message>
    <message>
        <source>Do not import</source>
        <translation>不导入</translation>
    </message>
    <message>
        <source>{label} (required)</source>
        <translation>{label}（必填）</translation>
    </message>
</context>
<context>
    <name>CompensationView</name>
    <message>
        <source>Used</source>
        <translation>采用</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>How</source>
        <translation>算法</translation>
    </message>
    <message>
        <source>Compensation due: ¥{amount}</source>
        <translation>应赔金额：¥{amount}</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>投诉渠道(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Ticket number:</source>
        <translation>工单号(&amp;T)：</translation>
    </message>
    <message>
        <source>C&amp;ategory:</source>
        <translation>投诉类别(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Waybill:</source>
        <translation>运单号(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Parcel:</source>
        <translation>快件(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Complainant:</source>
        <translation>投诉人(&amp;C)：</translation>
    </message>
    <message>
        <source>Phon&amp;e:</source>
        <translation>电话(&amp;E)：</translation>
    </message>
    <message>
        <source>What happene&amp;d:</source>
        <translation>投诉内容(&amp;D)：</translation>
    </message>
    <message>
        <source>Call &amp;back:</source>
        <translation>回电(&amp;B)：</translation>
    </message>
    <message>
        <source>This channel gives a ticket number: copy it here.</source>
        <translation>这个渠道有工单号，请复制到这里。</translation>
    </message>
    <message>
        <source>The channel&apos;s ticket number</source>
        <translation>渠道的工单号</translation>
    </message>
    <message>
        <source>Optional for a direct call</source>
        <translation>直接来电可不填</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>Every channel</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>&amp;Open only</source>
        <translation>仅未结案(&amp;O)</translation>
    </message>
    <message>
        <source>Re&amp;peats only</source>
        <translation>仅重复投诉(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Escalated only</source>
        <translation>仅已升级(&amp;E)</translation>
    </message>
    <message>
        <source>Waybill, phone last 4 or caller name</source>
        <translation>运单号、电话后4位或来电人姓名</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>渠道(&amp;H)：</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>New contact</source>
        <translation>新建联系人</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>编辑联系人</translation>
    </message>
    <message>
        <source>What they handle, separated by 、 e.g. {examples}</source>
        <translation>负责事项，用“、”分隔，如 {examples}</translation>
    </message>
    <message>
        <source>Still re&amp;achable</source>
        <translation>仍可联系(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Handles:</source>
        <translation>负责事项(&amp;H)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>CourierDialog</name>
    <message>
        <source>New courier</source>
        <translation>新建快递员</translation>
    </message>
    <message>
        <source>Edit courier</source>
        <translation>编辑快递员</translation>
    </message>
    <message>
        <source>Still deli&amp;vering for us</source>
        <translation>仍在本网点派件(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Staff no.:</source>
        <translation>工号(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>至</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>至(&amp;U)</translation>
    </message>
    <message>
        <source>A&amp;dd area</source>
        <translation>添加片区(&amp;D)</translation>
    </message>
    <message>
        <source>Re&amp;move area</source>
        <translation>移除片区(&amp;M)</translation>
    </message>
    <message>
        <source>Areas &amp;covered (an open end runs on):</source>
        <translation>负责片区(&amp;C)（不填结束日期即长期有效）：</translation>
    </message>
    <message>
        <source>A&amp;rea:</source>
        <translation>片区(&amp;R)：</translation>
    </message>
    <message>
        <source>Stand-in</source>
        <translation>替班</translation>
    </message>
    <message>
        <source>&amp;Add stand-in</source>
        <translation>添加替班(&amp;A)</translation>
    </message>
    <message>
        <source>R&amp;emove stand-in</source>
        <translation>移除替班(&amp;E)</translation>
    </message>
    <message>
        <source>Stand-ins for t&amp;his courier (替班):</source>
        <translation>替此快递员班的人(&amp;H)（替班）：</translation>
    </message>
    <message>
        <source>Stand-in &amp;by:</source>
        <translation>替班人(&amp;B)：</translation>
    </message>
    <message>
        <source>Fr&amp;om:</source>
        <translation>从(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>CourierSuggester</name>
    <message>
        <source>No area matches this address.</source>
        <translation>此地址没有匹配的片区。</translation>
    </message>
    <message>
        <source>: no courier today</source>
        <translation>：今天无人负责</translation>
    </message>
    <message>
        <source>{name} (standing in for {regular})</source>
        <translation>{name}（替 {regular}）</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>Something went wrong inside Outlet Desk. Your saved work is safe. The details were written to {path}; please send this file to whoever looks after the program.</source>
        <translation>网点客服台内部出错了。已保存的数据不受影响。详细信息已写入 {path}，请把这个文件发给负责维护软件的人。</translation>
    </message>
</context>
<context>
    <name>DirectoryExporter</name>
    <message>
        <source>Export the directory</source>
        <translation>导出区域概况</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting the directory</source>
        <translation>正在导出区域概况</translation>
    </message>
    <message>
        <source>Directory saved: {path} ({rows} rows)</source>
        <translation>区域概况已保存：{path}（{rows} 行）</translation>
    </message>
    <message>
        <source>Directory export cancelled.</source>
        <translation>已取消导出区域概况。</translation>
    </message>
</context>
<context>
    <name>DirectoryPage</name>
    <message>
        <source>Name, address, pinyin initials (hxl), phone tail or staff no. (Ctrl+F)</source>
        <translation>名称、地址、拼音首字母（hxl）、电话尾号或工号（Ctrl+F）</translation>
    </message>
    <message>
        <source>Areas and places</source>
        <translation>片区与地点</translation>
    </message>
    <message>
        <source>Couriers</source>
        <translation>快递员</translation>
    </message>
    <message>
        <source>Outlets and transit</source>
        <translation>网点与中转</translation>
    </message>
    <message>
        <source>Internal contacts</source>
        <translation>内部联系人</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel…</source>
        <translation>导出到 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Every area, place, courier, outlet and contact, in a file that imports back</source>
        <translation>全部片区、地点、快递员、网点和联系人，导出的文件可再导入</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Areas</source>
        <translation>片区(&amp;A)</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Address keywords</source>
        <translation>地址关键词</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add a&amp;rea…</source>
        <translation>添加片区(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Places</source>
        <translation>地点(&amp;P)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Add pla&amp;ce…</source>
        <translation>添加地点(&amp;C)…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Delete the area “{name}”?</source>
        <translation>删除片区“{name}”？</translation>
    </message>
    <message>
        <source>Delete the place “{name}”?</source>
        <translation>删除地点“{name}”？</translation>
    </message>
    <message>
        <source>&amp;Couriers</source>
        <translation>快递员(&amp;C)</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Stand-ins</source>
        <translation>替班</translation>
    </message>
    <message>
        <source>Add co&amp;urier…</source>
        <translation>添加快递员(&amp;U)…</translation>
    </message>
    <message>
        <source>Show &amp;former couriers</source>
        <translation>显示已离职快递员(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Outlets, transit centres and upstream companies</source>
        <translation>网点、转运中心和上级公司(&amp;O)</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>A&amp;dd outlet…</source>
        <translation>添加网点(&amp;D)…</translation>
    </message>
    <message>
        <source>All carriers</source>
        <translation>全部快递公司</translation>
    </message>
    <message>
        <source>K&amp;ind:</source>
        <translation>类型(&amp;I)：</translation>
    </message>
    <message>
        <source>Ca&amp;rrier:</source>
        <translation>快递公司(&amp;R)：</translation>
    </message>
    <message>
        <source>Carrier &amp;hotlines</source>
        <translation>快递公司客服热线(&amp;H)</translation>
    </message>
    <message>
        <source>Internal &amp;contacts</source>
        <translation>内部联系人(&amp;C)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Handles</source>
        <translation>负责事项</translation>
    </message>
    <message>
        <source>A&amp;dd contact…</source>
        <translation>添加联系人(&amp;D)…</translation>
    </message>
    <message>
        <source>Deleting from the directory needs a manager&apos;s PIN.</source>
        <translation>从区域概况中删除需要站长 PIN。</translation>
    </message>
    <message>
        <source>{name} stands in {start}–{end}</source>
        <translation>{name} 替班 {start}–{end}</translation>
    </message>
    <message>
        <source>for {name} {start}–{end}</source>
        <translation>替 {name} {start}–{end}</translation>
    </message>
</context>
<context>
    <name>EvidenceExporter</name>
    <message>
        <source>Evidence pack</source>
        <translation>证据包</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Building the evidence pack</source>
        <translation>正在生成证据包</translation>
    </message>
    <message>
        <source>Evidence pack saved: {path} ({pages} pages, {files} files in the zip)</source>
        <translation>证据包已保存：{path}（{pages} 页，压缩包内 {files} 个文件）</translation>
    </message>
</context>
<context>
    <name>FineDialog</name>
    <message>
        <source>Record a fine</source>
        <translation>登记罚款</translation>
    </message>
    <message>
        <source>the carrier gives a date</source>
        <translation>快递公司给了日期</translation>
    </message>
    <message>
        <source>&amp;Waybill:</source>
        <translation>运单号(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>罚款原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>金额(&amp;A)：</translation>
    </message>
    <message>
        <source>A&amp;ppeal by:</source>
        <translation>申诉截止(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Notice / evidence:</source>
        <translation>通知 / 证据(&amp;N)：</translation>
    </message>
    <message>
        <source>Give the waybill number.</source>
        <translation>请填写运单号。</translation>
    </message>
    <message>
        <source>Give the amount.</source>
        <translation>请填写金额。</translation>
    </message>
</context>
<context>
    <name>FinesTab</name>
    <message>
        <source>&amp;Open only</source>
        <translation>只看未结(&amp;O)</translation>
    </message>
    <message>
        <source>Waybill number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>&amp;Fines</source>
        <translation>罚款(&amp;F)</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开具时间</translation>
    </message>
    <message>
        <source>Appeal by</source>
        <translation>申诉截止</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>已追回</translation>
    </message>
    <message>
        <source>&amp;Record a fine…</source>
        <translation>登记罚款(&amp;R)…</translation>
    </message>
    <message>
        <source>A&amp;ppeal</source>
        <translation>申诉(&amp;P)</translation>
    </message>
    <message>
        <source>Accep&amp;ted</source>
        <translation>认罚(&amp;T)</translation>
    </message>
    <message>
        <source>Cance&amp;lled</source>
        <translation>已撤销(&amp;L)</translation>
    </message>
    <message>
        <source>Re&amp;duced…</source>
        <translation>已减免(&amp;D)…</translation>
    </message>
    <message>
        <source>A manager may still approve it.</source>
        <translation>店长仍可批准。</translation>
    </message>
    <message>
        <source>Reduced</source>
        <translation>已减免</translation>
    </message>
    <message>
        <source>The amount after the reduction (yuan):</source>
        <translation>减免后的金额（元）：</translation>
    </message>
</context>
<context>
    <name>FlagDialog</name>
    <message>
        <source>Flag a recipient</source>
        <translation>标记收件人</translation>
    </message>
    <message>
        <source>Whole, masked (138****5678) or the last 4 digits</source>
        <translation>完整号码、打码号码（138****5678）或后 4 位</translation>
    </message>
    <message>
        <source>e.g. call before 18:00, the guard keeps parcels</source>
        <translation>如：18:00 前打电话，门卫代收</translation>
    </message>
    <message>
        <source>&amp;Flag:</source>
        <translation>标记(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>Gui</name>
    <message>
        <source>Loading demo data…</source>
        <translation>正在载入演示数据…</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Open &amp;data folder</source>
        <translation>打开数据文件夹(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;About Outlet Desk</source>
        <translation>关于网点客服台(&amp;A)</translation>
    </message>
    <message>
        <source>The data folder could not be opened: {path}</source>
        <translation>无法打开数据文件夹：{path}</translation>
    </message>
    <message>
        <source>Outlet Desk {version}
Data folder: {path}
Database: {database}</source>
        <translation>网点客服台 {version}
数据文件夹：{path}
数据库：{database}</translation>
    </message>
</context>
<context>
    <name>HotlineTable</name>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>热线</translation>
    </message>
    <message>
        <source>Click to copy; F2 or a double click edits</source>
        <translation>单击复制；F2 或双击编辑</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>That is not your PIN.</source>
        <translation>PIN 码不对。</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <source>Rows read</source>
        <translation>读取行数</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>拒收行数</translation>
    </message>
    <message>
        <source>Repeated in the file</source>
        <translation>文件内重复</translation>
    </message>
    <message>
        <source>New beside a closed case</source>
        <translation>已结件另开新件</translation>
    </message>
    <message>
        <source>New ({count})</source>
        <translation>新增（{count}）</translation>
    </message>
    <message>
        <source>Changed ({count})</source>
        <translation>有变化（{count}）</translation>
    </message>
    <message>
        <source>Replied ({count})</source>
        <translation>收到回复（{count}）</translation>
    </message>
    <message>
        <source>Gone from the carrier&apos;s list ({count})</source>
        <translation>已从快递清单消失（{count}）</translation>
    </message>
    <message>
        <source>Not registered with the carrier ({count})</source>
        <translation>未在快递系统登记（{count}）</translation>
    </message>
    <message>
        <source>Parcels this list opened as new cases.</source>
        <translation>这份清单新建的问题件。</translation>
    </message>
    <message>
        <source>Open cases whose details this list changed.</source>
        <translation>这份清单改动了内容的未结件。</translation>
    </message>
    <message>
        <source>Our messages the other outlet has answered.</source>
        <translation>对方网点已回复的我方留言。</translation>
    </message>
    <message>
        <source>Parcels the previous list had and this one has not.</source>
        <translation>上一份清单有、这一份没有的运单。</translation>
    </message>
    <message>
        <source>Our open stuck parcels not registered in the carrier system yet: register them today.</source>
        <translation>我方登记但还没有在快递系统登记的未结问题件：请今天登记，以免被罚款。</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Save rejected rows…</source>
        <translation>保存拒收行(&amp;S)…</translation>
    </message>
    <message>
        <source>Rejected ({count})</source>
        <translation>拒收（{count}）</translation>
    </message>
    <message>
        <source>{text} ({count} rows)</source>
        <translation>{text}（{count} 行）</translation>
    </message>
    <message>
        <source>{field} not in the catalogue, the text was kept: {values}</source>
        <translation>{field}不在目录中，已保留原文：{values}</translation>
    </message>
    <message>
        <source>{shown} of {total} listed</source>
        <translation>共 {total} 条，只列出 {shown} 条</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import a table</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Reading the table</source>
        <translation>正在读取表格</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>试导入</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Save the rejected rows</source>
        <translation>保存拒收行</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saving the rejected rows</source>
        <translation>正在保存拒收行</translation>
    </message>
    <message>
        <source>Saved {count} rows to {path}</source>
        <translation>已把 {count} 行保存到 {path}</translation>
    </message>
</context>
<context>
    <name>InterceptDialog</name>
    <message>
        <source>New interception</source>
        <translation>新建拦截</translation>
    </message>
    <message>
        <source>&amp;Waybill:</source>
        <translation>运单号(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Request:</source>
        <translation>拦截要求(&amp;R)：</translation>
    </message>
    <message>
        <source>Requested &amp;by:</source>
        <translation>申请人(&amp;B)：</translation>
    </message>
    <message>
        <source>New &amp;address:</source>
        <translation>新地址(&amp;A)：</translation>
    </message>
    <message>
        <source>New wa&amp;ybill:</source>
        <translation>新单号(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>联系人(&amp;C)：</translation>
    </message>
    <message>
        <source>Phon&amp;e:</source>
        <translation>电话(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Give the new address.</source>
        <translation>请填写新地址。</translation>
    </message>
</context>
<context>
    <name>LinkedCases</name>
    <message>
        <source>Made from</source>
        <translation>转自</translation>
    </message>
    <message>
        <source>Became</source>
        <translation>已转为</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Enter or double click opens it</source>
        <translation>按回车或双击打开</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <source>Locked: {name} stepped away.</source>
        <translation>已锁定：{name} 暂时离开。</translation>
    </message>
    <message>
        <source>Your PIN (Enter when you have none)</source>
        <translation>你的 PIN 码（没有设置时直接按回车）</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>继续(&amp;C)</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>留言</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>理赔</translation>
    </message>
    <message>
        <source>Fine</source>
        <translation>罚款</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Stuck parcel</source>
        <translation>疑难件</translation>
    </message>
    <message>
        <source>Chase</source>
        <translation>催单</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Interception</source>
        <translation>拦截</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>片区</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递员</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>网点</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Type a waybill number (or part of it), the last 4 digits of a phone or a name into the search box (Ctrl+K) and press Enter.</source>
        <translation>在上方搜索框（Ctrl+K）输入运单号（或其中一段）、电话后4位或姓名，然后按回车。</translation>
    </message>
    <message>
        <source>Waybill / record</source>
        <translation>运单号 / 记录</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Searching for “{query}”…</source>
        <translation>正在查询“{query}”…</translation>
    </message>
    <message>
        <source>No results for “{query}”</source>
        <translation>没有找到“{query}”</translation>
    </message>
    <message>
        <source>Nothing is recorded for “{query}”. Check the number, or try the last 4 digits of the phone or the name.</source>
        <translation>没有与“{query}”有关的记录。请核对单号，或改用电话后4位、姓名查询。</translation>
    </message>
    <message>
        <source>Parcels matching “{query}”: {count}</source>
        <translation>“{query}”的查询结果：{count} 个运单</translation>
    </message>
    <message>
        <source>No parcel matches “{query}”; directory entries do.</source>
        <translation>没有包裹匹配“{query}”，但有区域概况条目匹配。</translation>
    </message>
    <message>
        <source>records: {count}</source>
        <translation>{count} 条记录</translation>
    </message>
    <message>
        <source>Double-click or Enter opens the case</source>
        <translation>双击或按回车打开此案件</translation>
    </message>
    <message>
        <source>Directory: {count}</source>
        <translation>区域概况：{count}</translation>
    </message>
    <message>
        <source>Click to copy the phone</source>
        <translation>单击复制电话</translation>
    </message>
    <message>
        <source>Remove this flag?</source>
        <translation>移除此标记？</translation>
    </message>
    <message>
        <source>Only the first {count} parcels are shown. Type more of the number to narrow the search.</source>
        <translation>只显示前 {count} 个运单。请多输入几位单号以缩小范围。</translation>
    </message>
    <message>
        <source>Click to copy the waybill number</source>
        <translation>单击复制运单号</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Outlet Desk</source>
        <translation>网点客服台</translation>
    </message>
    <message>
        <source>Waybill, phone last 4 digits or name (Ctrl+K)</source>
        <translation>运单号、电话后4位或姓名（Ctrl+K）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Backup and restore…</source>
        <translation>备份与恢复…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a carrier export or a pasted table (Ctrl+I)</source>
        <translation>导入快递系统导出的表格或粘贴的表格（Ctrl+I）</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Recycle &amp;bin…</source>
        <translation>回收站(&amp;B)…</translation>
    </message>
    <message>
        <source>Deleted notes, fines, places… and putting one back</source>
        <translation>已删除的笔记、罚款、地点等，可还原</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Lookup</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Stuck parcels</source>
        <translation>疑难件</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Chases</source>
        <translation>催单</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>提醒中心</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>理赔</translation>
    </message>
    <message>
        <source>Money at risk</source>
        <translation>资金风险</translation>
    </message>
    <message>
        <source>Notebook</source>
        <translation>工作笔记</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>区域概况</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>站长</translation>
    </message>
    <message>
        <source>clerk</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Operator: {name} ({role})</source>
        <translation>操作员：{name}（{role}）</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Reminders ({count})</source>
        <translation>提醒中心（{count}）</translation>
    </message>
    <message>
        <source>Money at risk ({count})</source>
        <translation>资金风险 ({count})</translation>
    </message>
    <message>
        <source>This part of Outlet Desk is not installed.</source>
        <translation>网点客服台的这一部分尚未安装。</translation>
    </message>
    <message>
        <source>Open cases: {count}</source>
        <translation>未结案件：{count}</translation>
    </message>
    <message>
        <source>{outlet} — Outlet Desk</source>
        <translation>{outlet} — 网点客服台</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <source>Parcels found: {count}.</source>
        <translation>找到 {count} 个运单。</translation>
    </message>
    <message>
        <source>Rows copied: {count}.</source>
        <translation>已复制 {count} 行。</translation>
    </message>
    <message>
        <source>Copied {number}.</source>
        <translation>已复制 {number}。</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>对应各列</translation>
    </message>
    <message>
        <source>Check what each column holds. Columns set to “Do not import” are left out.</source>
        <translation>请核对每一列的内容。设为“不导入”的列不会导入。</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>工作表(&amp;S)：</translation>
    </message>
    <message>
        <source>Column &amp;mapping:</source>
        <translation>列对应(&amp;M)：</translation>
    </message>
    <message>
        <source>Save as a &amp;profile named:</source>
        <translation>保存为导入方案(&amp;P)，名称：</translation>
    </message>
    <message>
        <source>Header found on row {row}; {count} data rows.</source>
        <translation>表头在第 {row} 行，共 {count} 行数据。</translation>
    </message>
    <message>
        <source>Left out as blank or total rows: {rows}.</source>
        <translation>作为空行或合计行略去：第 {rows} 行。</translation>
    </message>
    <message>
        <source>Columns matched by the saved profile “{name}”.</source>
        <translation>已按导入方案“{name}”对应各列。</translation>
    </message>
    <message>
        <source>Columns matched by their header words: check each one.</source>
        <translation>已按表头文字自动对应，请逐列核对。</translation>
    </message>
    <message>
        <source>Required, but no column is matched to it: {fields}</source>
        <translation>以下必填项还没有对应的列：{fields}</translation>
    </message>
    <message>
        <source>{field} is matched to more than one column: {columns}</source>
        <translation>“{field}”对应了不止一列：{columns}</translation>
    </message>
    <message>
        <source>Give the profile a name.</source>
        <translation>请填写导入方案的名称。</translation>
    </message>
</context>
<context>
    <name>MessageThread</name>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>留言时间</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>留言</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Answer due</source>
        <translation>回复期限</translation>
    </message>
    <message>
        <source>A new message (ours, or theirs as they wrote it)</source>
        <translation>新留言（我方留言，或照录对方留言）</translation>
    </message>
    <message>
        <source>&amp;Post ours</source>
        <translation>我方留言(&amp;P)</translation>
    </message>
    <message>
        <source>Record th&amp;eirs</source>
        <translation>录入对方留言(&amp;E)</translation>
    </message>
    <message>
        <source>As&amp;ks for the return</source>
        <translation>要求退回(&amp;K)</translation>
    </message>
    <message>
        <source>Record the rep&amp;ly</source>
        <translation>记录回复(&amp;L)</translation>
    </message>
    <message>
        <source>Reply:</source>
        <translation>回复：</translation>
    </message>
    <message>
        <source>Us</source>
        <translation>我方</translation>
    </message>
    <message>
        <source>Them</source>
        <translation>对方</translation>
    </message>
    <message>
        <source>We owe them an answer</source>
        <translation>我方待回复</translation>
    </message>
    <message>
        <source>Answers owed: {count}</source>
        <translation>待我方回复：{count} 条</translation>
    </message>
    <message>
        <source>Their reply:</source>
        <translation>对方回复：</translation>
    </message>
    <message>
        <source>Our reply:</source>
        <translation>我方回复：</translation>
    </message>
</context>
<context>
    <name>MoneyPage</name>
    <message>
        <source>Money at risk</source>
        <translation>资金风险</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>New &amp;interception…</source>
        <translation>新建拦截(&amp;I)…</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Costs (¥)</source>
        <translation>损失金额（元）</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>显示(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Deadlines</source>
        <translation>期限队列(&amp;D)</translation>
    </message>
    <message>
        <source>Fi&amp;nes</source>
        <translation>罚款(&amp;N)</translation>
    </message>
    <message>
        <source>Re&amp;turns</source>
        <translation>退件(&amp;T)</translation>
    </message>
    <message>
        <source>Arbitrati&amp;on</source>
        <translation>仲裁(&amp;O)</translation>
    </message>
    <message>
        <source>Late or due today: {pressing} (¥{money_today}). Late: {late} (¥{money_late}). All open: {total} (¥{money_total}).</source>
        <translation>已逾期或今日到期：{pressing} 项（¥{money_today}）。已逾期：{late} 项（¥{money_late}）。全部未了结：{total} 项（¥{money_total}）。</translation>
    </message>
    <message>
        <source>{days} d {hours} h</source>
        <translation>{days} 天 {hours} 小时</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分</translation>
    </message>
    <message>
        <source>late {time}</source>
        <translation>逾期 {time}</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>New note</source>
        <translation>新建笔记</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑笔记</translation>
    </message>
    <message>
        <source>Markdown: **bold**, - lists. Waybill numbers and phones become links.</source>
        <translation>支持 Markdown：**加粗**、- 列表。运单号和电话会变成链接。</translation>
    </message>
    <message>
        <source>Separated by 、 e.g. 交接、丰巢</source>
        <translation>用“、”分隔，如 交接、丰巢</translation>
    </message>
    <message>
        <source>&amp;Pinned (shown first every day)</source>
        <translation>置顶(&amp;P)（每天都排在最前）</translation>
    </message>
    <message>
        <source>Shift &amp;handover</source>
        <translation>交接班(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>内容(&amp;B)：</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>标签(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
</context>
<context>
    <name>NotebookPage</name>
    <message>
        <source>Search notes, todos and phrases: any words, 单号 or phone (Ctrl+F)</source>
        <translation>搜索笔记、待办和话术：任意文字、单号或电话（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>笔记(&amp;N)</translation>
    </message>
    <message>
        <source>T&amp;odos</source>
        <translation>待办(&amp;O)</translation>
    </message>
    <message>
        <source>P&amp;hrases</source>
        <translation>话术(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>NotesExporter</name>
    <message>
        <source>Export notes</source>
        <translation>导出笔记</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;PDF for printing (*.pdf)</source>
        <translation>Excel 工作簿 (*.xlsx);;打印用 PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Exporting notes</source>
        <translation>正在导出笔记</translation>
    </message>
    <message>
        <source>Notes saved: {path} ({count} notes)</source>
        <translation>笔记已保存：{path}（{count} 条）</translation>
    </message>
    <message>
        <source>Notes export cancelled.</source>
        <translation>已取消导出笔记。</translation>
    </message>
</context>
<context>
    <name>NotesTab</name>
    <message>
        <source>&amp;Previous day</source>
        <translation>前一天(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>今天(&amp;T)</translation>
    </message>
    <message>
        <source>Ne&amp;xt day</source>
        <translation>后一天(&amp;X)</translation>
    </message>
    <message>
        <source>Expo&amp;rt…</source>
        <translation>导出(&amp;R)…</translation>
    </message>
    <message>
        <source>The notes of a range of days, to Excel or to a PDF for printing</source>
        <translation>导出一段日期内的笔记，存为 Excel 或打印用 PDF</translation>
    </message>
    <message>
        <source>Notes of the &amp;day</source>
        <translation>当天笔记(&amp;D)</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>By</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <source>Ne&amp;w note…</source>
        <translation>新建笔记(&amp;W)…</translation>
    </message>
    <message>
        <source>D&amp;ate:</source>
        <translation>日期(&amp;A)：</translation>
    </message>
    <message>
        <source>Delete the note “{title}”?</source>
        <translation>删除笔记“{title}”？</translation>
    </message>
    <message>
        <source>Deleting a note needs a manager&apos;s PIN.</source>
        <translation>删除笔记需要站长 PIN 码。</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>No notes on this day.</source>
        <translation>这一天没有笔记。</translation>
    </message>
</context>
<context>
    <name>OperatorDialog</name>
    <message>
        <source>Who is at the desk?</source>
        <translation>谁在值班？</translation>
    </message>
    <message>
        <source>&amp;I am:</source>
        <translation>我是(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Add me as a new operator</source>
        <translation>添加我为新操作员(&amp;A)</translation>
    </message>
    <message>
        <source>Welcome! Nobody works at this desk yet: add yourself to begin.</source>
        <translation>欢迎使用！这里还没有操作员，请先添加您自己。</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>站长</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>Manager &amp;PIN:</source>
        <translation>站长 PIN 码(&amp;P)：</translation>
    </message>
    <message>
        <source>PIN a&amp;gain:</source>
        <translation>再输一次(&amp;G)：</translation>
    </message>
    <message>
        <source>{name} (manager)</source>
        <translation>{name}（站长）</translation>
    </message>
    <message>
        <source>Choose your name from the list.</source>
        <translation>请在列表中选择您的名字。</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <source>A PIN is at least {n} digits.</source>
        <translation>PIN 码至少 {n} 位数字。</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>两次输入的 PIN 码不一致。</translation>
    </message>
</context>
<context>
    <name>OutletDialog</name>
    <message>
        <source>New outlet</source>
        <translation>新建网点</translation>
    </message>
    <message>
        <source>Edit outlet</source>
        <translation>编辑网点</translation>
    </message>
    <message>
        <source>no carrier</source>
        <translation>无快递公司</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Carrier:</source>
        <translation>快递公司(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Co&amp;de:</source>
        <translation>编码(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Con&amp;tact person:</source>
        <translation>联系人(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>地区(&amp;R)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>PagedListPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation>复制所选行</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>已显示 {shown} / 共 {total} 条</translation>
    </message>
</context>
<context>
    <name>ParcelPanel</name>
    <message>
        <source>&amp;Flags</source>
        <translation>标记(&amp;F)</translation>
    </message>
    <message>
        <source>Add fla&amp;g…</source>
        <translation>添加标记(&amp;G)…</translation>
    </message>
    <message>
        <source>Remo&amp;ve flag</source>
        <translation>移除标记(&amp;V)</translation>
    </message>
    <message>
        <source>E&amp;vidence pack…</source>
        <translation>证据包(&amp;V)…</translation>
    </message>
    <message>
        <source>Everything on this parcel as a PDF and a zip, for an arbitration or an appeal</source>
        <translation>把这件快递的全部记录生成 PDF 和压缩包，用于仲裁或申诉</translation>
    </message>
    <message>
        <source>&amp;Who to call</source>
        <translation>联系谁(&amp;W)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Click a phone (or press Enter) to copy it</source>
        <translation>单击电话（或按回车）复制</translation>
    </message>
    <message>
        <source>Select a parcel to see its flags and whom to call.</source>
        <translation>选择一个包裹，查看其标记和应联系的人。</translation>
    </message>
    <message>
        <source>Type more of the number to see this parcel&apos;s flags and contacts.</source>
        <translation>多输入几位单号，即可查看此包裹的标记和联系人。</translation>
    </message>
    <message>
        <source>No flags.</source>
        <translation>无标记。</translation>
    </message>
    <message>
        <source>Set by a complaint</source>
        <translation>由投诉自动设置</translation>
    </message>
</context>
<context>
    <name>PasteDialog</name>
    <message>
        <source>Log stuck parcels from pasted text</source>
        <translation>从粘贴内容登记疑难件</translation>
    </message>
    <message>
        <source>Paste an Excel column, a WeChat message or a table: every waybill number in it is found.</source>
        <translation>粘贴一列 Excel、一条微信消息或一个表格：其中所有运单号都会被找出。</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Inbound (we deliver)</source>
        <translation>派送件（我方派送）</translation>
    </message>
    <message>
        <source>Outbound (we sent)</source>
        <translation>发出件（我方发出）</translation>
    </message>
    <message>
        <source>&amp;Log ticked numbers</source>
        <translation>登记已勾选的单号(&amp;L)</translation>
    </message>
    <message>
        <source>Problem &amp;type:</source>
        <translation>问题类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>方向(&amp;D)：</translation>
    </message>
    <message>
        <source>carrier unknown</source>
        <translation>快递公司未知</translation>
    </message>
    <message>
        <source>{number}  {carrier}  already open (case #{id})</source>
        <translation>{number}  {carrier}  已在处理中（案件 #{id}）</translation>
    </message>
    <message>
        <source>Numbers found: {count}, ticked: {ticked}</source>
        <translation>找到单号：{count} 个，已勾选：{ticked} 个</translation>
    </message>
    <message>
        <source>Logged {created} new stuck parcels; {open} were already open.</source>
        <translation>新登记疑难件 {created} 件；{open} 件已在处理中。</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Drop photos here, paste a screenshot (Ctrl+V) or add files.</source>
        <translation>可将照片拖到这里、粘贴截图（Ctrl+V）或添加文件。</translation>
    </message>
    <message>
        <source>Add &amp;photo…</source>
        <translation>添加照片(&amp;P)…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>The clipboard holds no picture and no picture file.</source>
        <translation>剪贴板里没有图片或图片文件。</translation>
    </message>
    <message>
        <source>Add a photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Pictures ({patterns})</source>
        <translation>图片 ({patterns})</translation>
    </message>
    <message>
        <source>The file cannot be read: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
</context>
<context>
    <name>PhraseDialog</name>
    <message>
        <source>New phrase</source>
        <translation>新建话术</translation>
    </message>
    <message>
        <source>Edit phrase</source>
        <translation>编辑话术</translation>
    </message>
    <message>
        <source>Insert {token} at the cursor: filled in from the case</source>
        <translation>在光标处插入 {token}：使用时按案件自动填写</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>内容(&amp;X)：</translation>
    </message>
    <message>
        <source>Insert:</source>
        <translation>插入：</translation>
    </message>
</context>
<context>
    <name>PhrasePicker</name>
    <message>
        <source>Phrases</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Pinyin initials of the title (dk), or words of the text</source>
        <translation>标题拼音首字母（如 dk），或内容中的文字</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>No phrase matches.</source>
        <translation>没有匹配的话术。</translation>
    </message>
</context>
<context>
    <name>PhrasesTab</name>
    <message>
        <source>Phrase te&amp;mplates</source>
        <translation>话术模板(&amp;M)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>使用次数</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Ne&amp;w phrase…</source>
        <translation>新建话术(&amp;W)…</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Co&amp;py</source>
        <translation>复制(&amp;P)</translation>
    </message>
    <message>
        <source>Put the text on the clipboard; its placeholders stay for you to fill in</source>
        <translation>复制到剪贴板；占位符保留，需自行填写</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <source>Delete the phrase “{title}”?</source>
        <translation>删除话术“{title}”？</translation>
    </message>
</context>
<context>
    <name>PlaceDialog</name>
    <message>
        <source>New place</source>
        <translation>新建地点</translation>
    </message>
    <message>
        <source>Edit place</source>
        <translation>编辑地点</translation>
    </message>
    <message>
        <source>no area</source>
        <translation>无片区</translation>
    </message>
    <message>
        <source>Other words for it, separated by 、</source>
        <translation>其他叫法，用“、”分隔</translation>
    </message>
    <message>
        <source>Gate rules, reception hours, leave with the guard…</source>
        <translation>门禁规定、收件时间、可放门卫…</translation>
    </message>
    <message>
        <source>K&amp;ind:</source>
        <translation>类型(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>片区(&amp;A)：</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>地址(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation>关键词(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>电话(&amp;P)：</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>ProblemTypesDialog</name>
    <message>
        <source>Problem types</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>&amp;In use</source>
        <translation>启用(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Only for &amp;carriers:</source>
        <translation>仅限快递公司(&amp;C)：</translation>
    </message>
    <message>
        <source>Earliest return on &amp;day:</source>
        <translation>最早退回日（第几天）(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Answer messages within:</source>
        <translation>留言回复时限(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;New type</source>
        <translation>新建类型(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>outlet rule</source>
        <translation>按网点规则</translation>
    </message>
    <message>
        <source>{name} (not in use)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>Changing a problem type&apos;s limits needs a manager&apos;s PIN.</source>
        <translation>修改问题类型的时限需要站长 PIN 码。</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Working</source>
        <translation>正在处理</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>Prompt</name>
    <message>
        <source>Manager approval</source>
        <translation>站长确认</translation>
    </message>
    <message>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <source>Outlet Desk</source>
        <translation>网点客服台</translation>
    </message>
</context>
<context>
    <name>RangeDialog</name>
    <message>
        <source>Export notes</source>
        <translation>导出笔记</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Enter or a double click</source>
        <translation>回车或双击</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>Click to copy the phone number</source>
        <translation>单击复制电话号码</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>The newest sound backup is from {time} ({name}). Restore it now? The damaged file is kept in the backups folder as it is.</source>
        <translation>最新的完好备份是 {time} 的（{name}）。现在恢复吗？已损坏的文件会原样保存在备份文件夹中。</translation>
    </message>
    <message>
        <source>Restoring a backup needs a manager&apos;s PIN.</source>
        <translation>恢复备份需要站长 PIN。</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>Restored. The damaged database was kept as {aside}. Please restart Outlet Desk now.</source>
        <translation>已恢复。已损坏的数据库已保存为 {aside}。请现在重新启动网点客服台。</translation>
    </message>
</context>
<context>
    <name>RecycleBinDialog</name>
    <message>
        <source>Recycle bin</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>删除人</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>{count} deleted records. Restoring one needs a manager.</source>
        <translation>共 {count} 条已删除记录。恢复需要站长确认。</translation>
    </message>
    <message>
        <source>The recycle bin is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <source>Put back the {what} “{name}”?</source>
        <translation>恢复{what}“{name}”？</translation>
    </message>
    <message>
        <source>Restoring a deleted record needs a manager&apos;s PIN.</source>
        <translation>恢复已删除的记录需要站长 PIN 码。</translation>
    </message>
</context>
<context>
    <name>ReminderCentre</name>
    <message>
        <source>Callback promised</source>
        <translation>约定回电</translation>
    </message>
    <message>
        <source>Case deadline</source>
        <translation>案件期限</translation>
    </message>
    <message>
        <source>Reply owed to a message</source>
        <translation>留言待回复</translation>
    </message>
    <message>
        <source>Complaint first response</source>
        <translation>投诉首次响应</translation>
    </message>
    <message>
        <source>12305 risk</source>
        <translation>12305 风险</translation>
    </message>
    <message>
        <source>To-do</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>To-do: {title}</source>
        <translation>待办：{title}</translation>
    </message>
    <message>
        <source>Due now: {what}</source>
        <translation>到期提醒：{what}</translation>
    </message>
    <message>
        <source>Waybill {number} (case #{case}).</source>
        <translation>运单 {number}（案件 #{case}）。</translation>
    </message>
    <message>
        <source>{count} promises due</source>
        <translation>{count} 项提醒已到期</translation>
    </message>
    <message>
        <source>Open the reminder centre to see them.</source>
        <translation>请打开提醒中心查看。</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due now</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Later today</source>
        <translation>今天稍后</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Case deadlines</source>
        <translation>案件期限</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>约定回电</translation>
    </message>
    <message>
        <source>Replies owed</source>
        <translation>留言待回复</translation>
    </message>
    <message>
        <source>Complaint clocks</source>
        <translation>投诉时限</translation>
    </message>
    <message>
        <source>To-dos</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Done…</source>
        <translation>已完成(&amp;D)…</translation>
    </message>
    <message>
        <source>Snooze 15 min</source>
        <translation>推迟 15 分钟</translation>
    </message>
    <message>
        <source>Snooze 1 h</source>
        <translation>推迟 1 小时</translation>
    </message>
    <message>
        <source>Until 9:00 tomorrow</source>
        <translation>推迟到明早 9:00</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>显示(&amp;H)：</translation>
    </message>
    <message>
        <source>Overdue {overdue} · due now {now} · later today {today}</source>
        <translation>已逾期 {overdue} · 即将到期 {now} · 今天稍后 {today}</translation>
    </message>
    <message>
        <source>Money at risk: {count} deadlines late or due today, ¥{money} if missed.</source>
        <translation>资金风险：{count} 项期限已逾期或今日到期，错过将损失 ¥{money}。</translation>
    </message>
    <message>
        <source>To-do: {title}</source>
        <translation>待办：{title}</translation>
    </message>
    <message>
        <source>Callback made</source>
        <translation>已回电</translation>
    </message>
    <message>
        <source>What was said (may stay empty):</source>
        <translation>沟通内容（可不填）：</translation>
    </message>
</context>
<context>
    <name>RepeatBanner</name>
    <message>
        <source>Repeat: {count} chase(s) or complaint(s) in the last {days} days ({waybill} on this waybill, {phone} from this phone).</source>
        <translation>重复来电！近 {days} 天内已有 {count} 次催单或投诉（同运单 {waybill} 次，同号码 {phone} 次）。</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
    <message>
        <source>◀ Earlier</source>
        <translation>◀ 上一期</translation>
    </message>
    <message>
        <source>Later ▶</source>
        <translation>下一期 ▶</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Export to &amp;PDF…</source>
        <translation>导出 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>This range</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>上期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化（百分点）</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>测量项</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>已测</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>90th percentile</source>
        <translation>P90</translation>
    </message>
    <message>
        <source>Within target</source>
        <translation>目标内</translation>
    </message>
    <message>
        <source>Within SLA</source>
        <translation>时限内</translation>
    </message>
    <message>
        <source>Unanswered</source>
        <translation>未响应</translation>
    </message>
    <message>
        <source>Problem type</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>快递员</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>到件</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>派件</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Signed rate</source>
        <translation>签收率</translation>
    </message>
    <message>
        <source>Problem parcels</source>
        <translation>问题件</translation>
    </message>
    <message>
        <source>Problem rate</source>
        <translation>问题件率</translation>
    </message>
    <message>
        <source>Fines</source>
        <translation>罚款</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>已追回</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>理赔</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>索赔金额</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>核定金额</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>分组方式(&amp;G)：</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Couriers</source>
        <translation>快递员</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>资金</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>周期(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Reading {range}…</source>
        <translation>正在统计 {range}…</translation>
    </message>
    <message>
        <source>{range}: {opened} opened, {closed} closed</source>
        <translation>{range}：新增 {opened}，结案 {closed}</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Opened and closed per day</source>
        <translation>每日新增与结案</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>办结用时</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <source>{h:.1f} h</source>
        <translation>{h:.1f} 小时</translation>
    </message>
    <message>
        <source>{d:.1f} days</source>
        <translation>{d:.1f} 天</translation>
    </message>
    <message>
        <source>No problem type</source>
        <translation>未填问题类型</translation>
    </message>
    <message>
        <source>No courier</source>
        <translation>未指定快递员</translation>
    </message>
    <message>
        <source>Unknown carrier</source>
        <translation>未知快递公司</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>Exporting the report</source>
        <translation>正在导出报表</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>报表已保存：{path}</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Imported</source>
        <translation>导入完成</translation>
    </message>
</context>
<context>
    <name>ReturnsTab</name>
    <message>
        <source>&amp;Early returns to report only</source>
        <translation>只看待上报的提前退回(&amp;E)</translation>
    </message>
    <message>
        <source>Ret&amp;urns</source>
        <translation>退件(&amp;U)</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Return waybill</source>
        <translation>退回单号</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>寄出时间</translation>
    </message>
    <message>
        <source>Earliest allowed</source>
        <translation>最早可退日期</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回时间</translation>
    </message>
    <message>
        <source>Report by</source>
        <translation>上报截止</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Returned early by &amp;another outlet…</source>
        <translation>登记被提前退回(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>已返回(&amp;B)</translation>
    </message>
    <message>
        <source>Re&amp;ported</source>
        <translation>已上报(&amp;P)</translation>
    </message>
    <message>
        <source>Returned early</source>
        <translation>被提前退回</translation>
    </message>
    <message>
        <source>Our parcel&apos;s waybill, sent back before its earliest day:</source>
        <translation>我们的件被对方提前退回，运单号：</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>Courier&apos;s round: pieces brought back</source>
        <translation>快递员频次：带回的件</translation>
    </message>
    <message>
        <source>Scan each piece brought back</source>
        <translation>逐件扫描带回的件</translation>
    </message>
    <message>
        <source>Reason: number, pinyin initials or name; Enter takes it</source>
        <translation>原因：编号、拼音首字母或名称；回车确认</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Re&amp;move selected</source>
        <translation>移除所选(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Report the round</source>
        <translation>提交本频次(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Courier:</source>
        <translation>快递员(&amp;C)：</translation>
    </message>
    <message>
        <source>R&amp;ound:</source>
        <translation>频次(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Scan:</source>
        <translation>扫描(&amp;S)：</translation>
    </message>
    <message>
        <source>Reaso&amp;n:</source>
        <translation>原因(&amp;N)：</translation>
    </message>
    <message>
        <source>No courier is recorded yet: add the couriers first.</source>
        <translation>还没有登记快递员：请先添加快递员。</translation>
    </message>
    <message>
        <source>{number} is already in this round.</source>
        <translation>{number} 已在本频次中。</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Discard the {count} pieces not reported yet?</source>
        <translation>放弃尚未提交的 {count} 件？</translation>
    </message>
    <message>
        <source>{courier}, round {round}: {created} logged, {open} already open.</source>
        <translation>{courier}，第 {round} 频次：已登记 {created} 件，{open} 件已在处理中。</translation>
    </message>
</context>
<context>
    <name>SavedViewsBar</name>
    <message>
        <source>&amp;Views:</source>
        <translation>视图(&amp;V)：</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>保存视图…</translation>
    </message>
    <message>
        <source>Save view for everyone…</source>
        <translation>保存为公共视图…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <source>(no saved view)</source>
        <translation>（无已保存视图）</translation>
    </message>
    <message>
        <source>{name} (everyone)</source>
        <translation>{name}（公共）</translation>
    </message>
    <message>
        <source>Save view for everyone</source>
        <translation>保存为公共视图</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>视图名称：</translation>
    </message>
    <message>
        <source>Delete the view “{name}”?</source>
        <translation>删除视图“{name}”？</translation>
    </message>
</context>
<context>
    <name>ScanBar</name>
    <message>
        <source>Scan or type a waybill number</source>
        <translation>扫描或输入运单号</translation>
    </message>
    <message>
        <source>no round</source>
        <translation>无频次</translation>
    </message>
    <message>
        <source>round </source>
        <translation>频次 </translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>派送件</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>发出件</translation>
    </message>
    <message>
        <source>Parcels we deliver (inbound) or parcels we sent (outbound)</source>
        <translation>我方派送的件（派送件）或我方发出的件（发出件）</translation>
    </message>
    <message>
        <source>By us</source>
        <translation>我方登记</translation>
    </message>
    <message>
        <source>By them</source>
        <translation>对方登记</translation>
    </message>
    <message>
        <source>Who registered the problem in the carrier&apos;s system</source>
        <translation>由谁在快递公司系统登记问题件</translation>
    </message>
    <message>
        <source>Address (suggests the courier)</source>
        <translation>地址（推荐快递员）</translation>
    </message>
    <message>
        <source>The recipient&apos;s address: the courier covering it today is picked</source>
        <translation>收件地址：自动选中今天负责该地址的快递员</translation>
    </message>
    <message>
        <source>The key the barcode scanner sends after each number (this PC)</source>
        <translation>扫码枪在每个单号后发送的按键（本机设置）</translation>
    </message>
    <message>
        <source>Scanner: Enter</source>
        <translation>扫码枪：回车</translation>
    </message>
    <message>
        <source>Scanner: Tab</source>
        <translation>扫码枪：Tab</translation>
    </message>
    <message>
        <source>&amp;Scan:</source>
        <translation>扫描(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Deliver&amp;y address:</source>
        <translation>派送地址(&amp;Y)：</translation>
    </message>
    <message>
        <source>no courier</source>
        <translation>无快递员</translation>
    </message>
    <message>
        <source>{number} is already open (case #{id}): opening it.</source>
        <translation>{number} 已在处理中（案件 #{id}）：正在打开。</translation>
    </message>
    <message>
        <source>carrier unknown</source>
        <translation>快递公司未知</translation>
    </message>
    <message>
        <source>{carrier}?</source>
        <translation>{carrier}？</translation>
    </message>
    <message>
        <source>{number}: pick its problem type.</source>
        <translation>{number}：请选择问题类型。</translation>
    </message>
    <message>
        <source>no type</source>
        <translation>未选类型</translation>
    </message>
    <message>
        <source>Logged {number} ({type}), case #{id}.</source>
        <translation>已登记 {number}（{type}），案件 #{id}。</translation>
    </message>
</context>
<context>
    <name>SearchHits</name>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Todo</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Phrase</source>
        <translation>话术</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>网点</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>网点名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>网点编码(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>网点电话(&amp;P)：</translation>
    </message>
    <message>
        <source>Deadline rules (changes need a manager&apos;s PIN)</source>
        <translation>时限规则（修改需站长 PIN 码）</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>时区(&amp;T)：</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Reply to another outlet&apos;s message within:</source>
        <translation>回复对方网点留言时限：</translation>
    </message>
    <message>
        <source>Earliest return day, no clear reply:</source>
        <translation>最早退回日（无明确回复）：</translation>
    </message>
    <message>
        <source>Earliest return day, recipient unreachable:</source>
        <translation>最早退回日（联系不上收件人）：</translation>
    </message>
    <message>
        <source>Close a complaint within:</source>
        <translation>投诉办结时限：</translation>
    </message>
    <message>
        <source>12305 risk clock:</source>
        <translation>12305 风险时限：</translation>
    </message>
    <message>
        <source>A chase is stalled after:</source>
        <translation>催单停滞判定：</translation>
    </message>
    <message>
        <source>Repeat complaints counted within:</source>
        <translation>重复投诉统计期：</translation>
    </message>
    <message>
        <source>Extra days in peak windows:</source>
        <translation>高峰期延长天数：</translation>
    </message>
    <message>
        <source>&amp;Peak windows:</source>
        <translation>高峰期(&amp;W)：</translation>
    </message>
    <message>
        <source>Claims and personal data (changes need a manager&apos;s PIN)</source>
        <translation>理赔与个人信息（修改需店长 PIN 码）</translation>
    </message>
    <message>
        <source> × freight</source>
        <translation> 倍运费</translation>
    </message>
    <message>
        <source>&amp;Uninsured cap (carrier terms):</source>
        <translation>未保价赔偿上限（承运条款）(&amp;U)：</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>keep for ever</source>
        <translation>永久保留</translation>
    </message>
    <message>
        <source>Customers&apos; phones, names and addresses of parcels closed longer ago are masked by &apos;anonymise&apos;</source>
        <translation>结案超过这个期限的快件，客户电话、姓名和地址会在执行“匿名化”时被遮蔽</translation>
    </message>
    <message>
        <source>Keep personal data &amp;for:</source>
        <translation>个人信息保留(&amp;F)：</translation>
    </message>
    <message>
        <source>This PC</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>&amp;Language (after a restart):</source>
        <translation>界面语言（重启后生效）(&amp;L)：</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>不锁定</translation>
    </message>
    <message>
        <source>Cover the window after this long without a key or a click</source>
        <translation>这么久没有按键或点击时遮住窗口</translation>
    </message>
    <message>
        <source>Lock when &amp;idle:</source>
        <translation>空闲锁定(&amp;I)：</translation>
    </message>
    <message>
        <source>Choose a time zone from the list, e.g. Asia/Shanghai.</source>
        <translation>请从列表中选择时区，例如 Asia/Shanghai。</translation>
    </message>
    <message>
        <source>Write the windows like 11-11~11-20, 12-12~12-15.</source>
        <translation>请按 11-11~11-20, 12-12~12-15 的格式填写。</translation>
    </message>
    <message>
        <source>These rules do not fit together: {reason}</source>
        <translation>规则数值有误：{reason}</translation>
    </message>
</context>
<context>
    <name>SettingsEditor</name>
    <message>
        <source>Changing the deadline and claim rules needs a manager&apos;s PIN.</source>
        <translation>修改时限规则和理赔规则需要店长 PIN 码。</translation>
    </message>
</context>
<context>
    <name>ShelfCountDialog</name>
    <message>
        <source>Shelf count</source>
        <translation>留仓盘点</translation>
    </message>
    <message>
        <source>Scan every parcel on the shelves</source>
        <translation>扫描货架上的每一件</translation>
    </message>
    <message>
        <source>Re&amp;move selected</source>
        <translation>移除所选(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Finish the count</source>
        <translation>完成盘点(&amp;F)</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Problem type</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Should have left</source>
        <translation>应已离开</translation>
    </message>
    <message>
        <source>Not scanned</source>
        <translation>未扫到</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Flag the not-scanned as suspected lost…</source>
        <translation>将未扫到的标记为疑似遗失…</translation>
    </message>
    <message>
        <source>Scanned: {count}</source>
        <translation>已扫描：{count} 件</translation>
    </message>
    <message>
        <source>“{number}” is not a waybill number.</source>
        <translation>“{number}”不是运单号。</translation>
    </message>
    <message>
        <source>{number} was already scanned.</source>
        <translation>{number} 已经扫过了。</translation>
    </message>
    <message>
        <source>Discard the {count} numbers scanned so far?</source>
        <translation>放弃已扫描的 {count} 个单号？</translation>
    </message>
    <message>
        <source>Count #{id}: {scanned} scanned, {ok} on the shelf as expected, {closed} should have left, {missing} not scanned, {unknown} unknown.</source>
        <translation>盘点 #{id}：扫描 {scanned} 件，{ok} 件在架正常，{closed} 件应已离开，{missing} 件未扫到，{unknown} 件未知。</translation>
    </message>
    <message>
        <source>Mark the {count} parcels that were not scanned as suspected lost?</source>
        <translation>将未扫到的 {count} 件标记为疑似遗失？</translation>
    </message>
    <message>
        <source>Marked as suspected lost: {count}.</source>
        <translation>已标记为疑似遗失：{count} 件。</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Everywhere</source>
        <translation>任何页面</translation>
    </message>
    <message>
        <source>Today (the start page)</source>
        <translation>今日（首页）</translation>
    </message>
    <message>
        <source>The pages in the navigation, top to bottom</source>
        <translation>左侧导航的各页，自上而下</translation>
    </message>
    <message>
        <source>Search a waybill, phone tail or name</source>
        <translation>查单号、电话尾号或姓名</translation>
    </message>
    <message>
        <source>Import a carrier export or a pasted table</source>
        <translation>导入快递系统导出表或粘贴的表格</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Backups and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>This shortcut sheet</source>
        <translation>本快捷键表</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>New record (chase, complaint, claim, interception)</source>
        <translation>新建（催件、投诉、理赔、拦截）</translation>
    </message>
    <message>
        <source>New inbound chase</source>
        <translation>新建来电催件</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Filter or find</source>
        <translation>筛选或查找</translation>
    </message>
    <message>
        <source>Copy the selected rows</source>
        <translation>复制选中的行</translation>
    </message>
    <message>
        <source>Save the current view</source>
        <translation>保存当前视图</translation>
    </message>
    <message>
        <source>Delete the selected record</source>
        <translation>删除选中的记录</translation>
    </message>
    <message>
        <source>Earlier / later (reports, notes)</source>
        <translation>上一段 / 下一段（报表、笔记）</translation>
    </message>
    <message>
        <source>Stuck parcels</source>
        <translation>问题件</translation>
    </message>
    <message>
        <source>Scan box</source>
        <translation>扫描框</translation>
    </message>
    <message>
        <source>Change status of the selected parcels</source>
        <translation>更改选中件的状态</translation>
    </message>
    <message>
        <source>Assign the selected parcels</source>
        <translation>指派选中件</translation>
    </message>
    <message>
        <source>Put the selected parcels on a shelf</source>
        <translation>选中件上架</translation>
    </message>
    <message>
        <source>Add the same follow-up to the selected parcels</source>
        <translation>给选中件添加同一跟进</translation>
    </message>
    <message>
        <source>Undo the last bulk change</source>
        <translation>撤销上一次批量修改</translation>
    </message>
    <message>
        <source>Paste a list of waybills</source>
        <translation>粘贴单号列表</translation>
    </message>
    <message>
        <source>Courier round</source>
        <translation>快递员频次上报</translation>
    </message>
    <message>
        <source>Evening shelf count</source>
        <translation>晚间盘点货架</translation>
    </message>
    <message>
        <source>Unlabelled parcels</source>
        <translation>无面单件</translation>
    </message>
    <message>
        <source>Copy for WeChat</source>
        <translation>复制到微信</translation>
    </message>
    <message>
        <source>Problem types</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Daily exception sheet</source>
        <translation>每日异常表</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Mark the reminder done</source>
        <translation>提醒标为已办</translation>
    </message>
    <message>
        <source>Snooze 15 minutes / 1 hour / until tomorrow 9:00</source>
        <translation>稍后 15 分钟 / 1 小时 / 明早 9:00 再提醒</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Export to PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>Dialogs</source>
        <translation>对话框</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Claim form (in a claim)</source>
        <translation>理赔申请表（理赔单中）</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>关闭，不保存</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>Problem parcels</source>
        <translation>问题件</translation>
    </message>
    <message>
        <source>Chases on parcels we sent</source>
        <translation>催件（我方寄出）</translation>
    </message>
    <message>
        <source>Chases on parcels we deliver</source>
        <translation>催件（我方派送）</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉工单</translation>
    </message>
    <message>
        <source>Interceptions</source>
        <translation>拦截件</translation>
    </message>
    <message>
        <source>Waybill list</source>
        <translation>底单（运单清单）</translation>
    </message>
    <message>
        <source>Courier daily counts</source>
        <translation>快递员派件统计</translation>
    </message>
    <message>
        <source>Fines</source>
        <translation>罚款</translation>
    </message>
    <message>
        <source>Couriers</source>
        <translation>快递员</translation>
    </message>
    <message>
        <source>Areas and places</source>
        <translation>片区与地点</translation>
    </message>
    <message>
        <source>Outlets and transit centres</source>
        <translation>网点与转运中心</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Choose the table</source>
        <translation>选择表格</translation>
    </message>
    <message>
        <source>A carrier export (.xlsx, .xls, .csv) or a table copied from Excel or a web page.</source>
        <translation>快递系统导出的文件（.xlsx、.xls、.csv），或从 Excel、网页复制的表格。</translation>
    </message>
    <message>
        <source>From a fil&amp;e:</source>
        <translation>从文件导入(&amp;E)：</translation>
    </message>
    <message>
        <source>Choose a file, or drop one on the main window</source>
        <translation>选择文件，或把文件拖到主窗口上</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Paste a table copied from Excel or a web page:</source>
        <translation>粘贴从 Excel 或网页复制的表格(&amp;P)：</translation>
    </message>
    <message>
        <source>Copy the rows with their header, click here and press Ctrl+V.</source>
        <translation>连同表头一起复制，点这里按 Ctrl+V 粘贴。</translation>
    </message>
    <message>
        <source>Import &amp;kind:</source>
        <translation>导入类型(&amp;K)：</translation>
    </message>
    <message>
        <source>Paste a table</source>
        <translation>粘贴表格</translation>
    </message>
    <message>
        <source>Choose a table to import</source>
        <translation>选择要导入的表格</translation>
    </message>
    <message>
        <source>Tables ({patterns})</source>
        <translation>表格 ({patterns})</translation>
    </message>
</context>
<context>
    <name>StuckCaseDialog</name>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Virtual-number call</source>
        <translation>虚拟号通话</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <source>Work note</source>
        <translation>工作笔记</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Us</source>
        <translation>我方</translation>
    </message>
    <message>
        <source>Them</source>
        <translation>对方</translation>
    </message>
    <message>
        <source>Registered in the carrier&apos;s system</source>
        <translation>已在快递公司系统登记</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>保存修改(&amp;S)</translation>
    </message>
    <message>
        <source>Problem &amp;type:</source>
        <translation>问题类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Detail:</source>
        <translation>详情(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Courier:</source>
        <translation>快递员(&amp;C)：</translation>
    </message>
    <message>
        <source>R&amp;ound:</source>
        <translation>频次(&amp;O)：</translation>
    </message>
    <message>
        <source>S&amp;helf:</source>
        <translation>货架(&amp;H)：</translation>
    </message>
    <message>
        <source>Registered &amp;by:</source>
        <translation>登记方(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>留言(&amp;M)</translation>
    </message>
    <message>
        <source>T&amp;imeline</source>
        <translation>跟进记录(&amp;I)</translation>
    </message>
    <message>
        <source>New waybill of the return</source>
        <translation>退回的新运单号</translation>
    </message>
    <message>
        <source>&amp;Return…</source>
        <translation>退回(&amp;R)…</translation>
    </message>
    <message>
        <source>Return waybill:</source>
        <translation>退回单号：</translation>
    </message>
    <message>
        <source>Quick follow-up: what was said or done</source>
        <translation>快速跟进：说了什么或做了什么</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Phrase &amp;wording…</source>
        <translation>话术(&amp;W)…</translation>
    </message>
    <message>
        <source>inbound</source>
        <translation>派送件</translation>
    </message>
    <message>
        <source>outbound</source>
        <translation>发出件</translation>
    </message>
    <message>
        <source>Stuck parcel {number}</source>
        <translation>疑难件 {number}</translation>
    </message>
    <message>
        <source>Opened {opened} by {handler}. Earliest return: {date}.</source>
        <translation>{opened} 由{handler}登记。最早退回日期：{date}。</translation>
    </message>
    <message>
        <source>The other outlet asked for the return.</source>
        <translation>对方网点已要求退回。</translation>
    </message>
    <message>
        <source>Last found on the shelf: {time}.</source>
        <translation>最近一次盘点在架：{time}。</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Someone else saved this case: it now shows their version.</source>
        <translation>其他人保存了这个案件：现在显示的是对方保存的版本。</translation>
    </message>
    <message>
        <source>Move this case to “{status}”? It ends the case.</source>
        <translation>将案件改为“{status}”？这将结束该案件。</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Scan or type the waybill the parcel goes back on:</source>
        <translation>请扫描或输入退回所用的运单号：</translation>
    </message>
</context>
<context>
    <name>StuckFilterBar</name>
    <message>
        <source>Waybill or part of it, phone last 4, or name (Ctrl+F)</source>
        <translation>运单号或其一部分、电话后4位或姓名（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;Overdue</source>
        <translation>已超期(&amp;O)</translation>
    </message>
    <message>
        <source>Awa&amp;iting their reply</source>
        <translation>等待对方回复(&amp;I)</translation>
    </message>
    <message>
        <source>We o&amp;we a reply</source>
        <translation>我方待回复(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Not in carrier system</source>
        <translation>未在快递系统登记(&amp;N)</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>清除筛选(&amp;L)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结案</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All problems</source>
        <translation>全部问题</translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation>全部方向</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>派送件</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>发出件</translation>
    </message>
    <message>
        <source>All carriers</source>
        <translation>全部快递公司</translation>
    </message>
    <message>
        <source>All couriers</source>
        <translation>全部快递员</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近7天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近30天</translation>
    </message>
    <message>
        <source>From … to …</source>
        <translation>从……到……</translation>
    </message>
    <message>
        <source>St&amp;atus:</source>
        <translation>状态(&amp;A)：</translation>
    </message>
    <message>
        <source>Co&amp;urier:</source>
        <translation>快递员(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Problem:</source>
        <translation>问题(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Direction:</source>
        <translation>方向(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Carrier:</source>
        <translation>快递公司(&amp;C)：</translation>
    </message>
    <message>
        <source>R&amp;eported:</source>
        <translation>登记时间(&amp;E)：</translation>
    </message>
</context>
<context>
    <name>StuckPage</name>
    <message>
        <source>Colu&amp;mns</source>
        <translation>列(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Bulk</source>
        <translation>批量(&amp;B)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation>复制行</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>已显示 {shown} / 共 {total} 件</translation>
    </message>
    <message>
        <source>View “{name}” saved.</source>
        <translation>视图“{name}”已保存。</translation>
    </message>
    <message>
        <source>Rows copied: {count}.</source>
        <translation>已复制 {count} 行。</translation>
    </message>
</context>
<context>
    <name>StuckTableModel</name>
    <message>
        <source>Recipient: {who}</source>
        <translation>收件人：{who}</translation>
    </message>
    <message>
        <source>We wrote at {at}:</source>
        <translation>我方于 {at} 留言：</translation>
    </message>
    <message>
        <source>They wrote at {at}:</source>
        <translation>对方于 {at} 留言：</translation>
    </message>
    <message>
        <source>They replied at {at}:</source>
        <translation>对方于 {at} 回复：</translation>
    </message>
    <message>
        <source>We replied at {at}:</source>
        <translation>我方于 {at} 回复：</translation>
    </message>
</context>
<context>
    <name>StuckTools</name>
    <message>
        <source>Paste list…</source>
        <translation>粘贴单号…</translation>
    </message>
    <message>
        <source>Courier round…</source>
        <translation>快递员频次…</translation>
    </message>
    <message>
        <source>Shelf count…</source>
        <translation>留仓盘点…</translation>
    </message>
    <message>
        <source>Unlabelled…</source>
        <translation>无头件…</translation>
    </message>
    <message>
        <source>Copy for WeChat</source>
        <translation>复制到微信</translation>
    </message>
    <message>
        <source>Daily sheet…</source>
        <translation>每日问题件日报…</translation>
    </message>
    <message>
        <source>Problem types…</source>
        <translation>问题类型…</translation>
    </message>
    <message>
        <source>This part of Outlet Desk is not installed.</source>
        <translation>网点客服台的这一部分尚未安装。</translation>
    </message>
    <message>
        <source>Copied {count} parcels for WeChat.</source>
        <translation>已复制 {count} 件，可粘贴到微信。</translation>
    </message>
    <message>
        <source>Export the daily sheet</source>
        <translation>导出每日问题件日报</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting the daily sheet</source>
        <translation>正在导出每日问题件日报</translation>
    </message>
    <message>
        <source>Daily sheet saved: {path}</source>
        <translation>日报已保存：{path}</translation>
    </message>
    <message>
        <source>Daily sheet export cancelled.</source>
        <translation>日报导出已取消。</translation>
    </message>
</context>
<context>
    <name>TimelineTree</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>&amp;Today</source>
        <translation>今日概况(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
</context>
<context>
    <name>TodayTiles</name>
    <message>
        <source>New today</source>
        <translation>今日新增</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>未结案件</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Callbacks due</source>
        <translation>待回电</translation>
    </message>
    <message>
        <source>Replies owed</source>
        <translation>待回复留言</translation>
    </message>
    <message>
        <source>Complaint clocks</source>
        <translation>投诉时限</translation>
    </message>
    <message>
        <source>Interceptions to pull</source>
        <translation>待拦截</translation>
    </message>
    <message>
        <source>Claims missing evidence</source>
        <translation>理赔缺证据</translation>
    </message>
    <message>
        <source>Money at risk</source>
        <translation>资金风险</translation>
    </message>
    <message>
        <source>Cases of every kind opened since midnight</source>
        <translation>今天零点以来新建的各类案件</translation>
    </message>
    <message>
        <source>Cases of every kind not closed yet</source>
        <translation>尚未结案的各类案件</translation>
    </message>
    <message>
        <source>Promises already late: deadlines, callbacks, replies, to-dos</source>
        <translation>已经逾期的承诺：时限、回电、回复、待办</translation>
    </message>
    <message>
        <source>Case deadlines falling due before the end of the day</source>
        <translation>今天结束前到期的案件时限</translation>
    </message>
    <message>
        <source>Callbacks promised for today, late ones included</source>
        <translation>答应今天回电的（含已逾期）</translation>
    </message>
    <message>
        <source>Stuck parcels whose other outlet wrote and waits for our reply</source>
        <translation>对方网点已留言、等我方回复的疑难件</translation>
    </message>
    <message>
        <source>Complaints whose first response or 12305 clock runs out today</source>
        <translation>首次响应或 12305 时限今天到期的投诉</translation>
    </message>
    <message>
        <source>Interceptions to pull out of delivery before the next round</source>
        <translation>下一频次派送前要拦下的件</translation>
    </message>
    <message>
        <source>Claims waiting for the customer&apos;s evidence</source>
        <translation>等客户补充证据的理赔</translation>
    </message>
    <message>
        <source>Deadlines late or due today that cost money when missed</source>
        <translation>已逾期或今天到期、错过会罚款或赔钱的时限</translation>
    </message>
    <message>
        <source>{count} · ¥{money}</source>
        <translation>{count} 项 · ¥{money}</translation>
    </message>
</context>
<context>
    <name>TodoDialog</name>
    <message>
        <source>New todo</source>
        <translation>新建待办</translation>
    </message>
    <message>
        <source>Edit todo</source>
        <translation>编辑待办</translation>
    </message>
    <message>
        <source>D&amp;ue:</source>
        <translation>截止(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Details:</source>
        <translation>详情(&amp;D)：</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>优先级(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>TodosTab</name>
    <message>
        <source>&amp;Todos</source>
        <translation>待办(&amp;T)</translation>
    </message>
    <message>
        <source>Todo</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>By</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Ne&amp;w todo…</source>
        <translation>新建待办(&amp;W)…</translation>
    </message>
    <message>
        <source>A click in the box or Space marks a todo done</source>
        <translation>点击复选框或按空格键标记待办为已完成</translation>
    </message>
    <message>
        <source>Show &amp;done</source>
        <translation>显示已完成(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the todo “{title}”?</source>
        <translation>删除待办“{title}”？</translation>
    </message>
</context>
<context>
    <name>TypePicker</name>
    <message>
        <source>Number, pinyin initials or name; Enter takes it, Esc skips</source>
        <translation>编号、拼音首字母或名称；回车确认，Esc 跳过</translation>
    </message>
    <message>
        <source>Scan a waybill, then pick its problem type by number, pinyin initials or name.</source>
        <translation>扫描运单号，然后按编号、拼音首字母或名称选择问题类型。</translation>
    </message>
    <message>
        <source>No type matches “{typed}”</source>
        <translation>没有与“{typed}”匹配的类型</translation>
    </message>
</context>
<context>
    <name>UnlabelledDialog</name>
    <message>
        <source>Stuck parcel</source>
        <translation>疑难件</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>理赔</translation>
    </message>
    <message>
        <source>Unlabelled parcels</source>
        <translation>无头件</translation>
    </message>
    <message>
        <source>What it looks like: box, colour, size, contents seen</source>
        <translation>外观：包装、颜色、大小、可见的内件</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Optional: path of a photo file</source>
        <translation>可选：照片文件的路径</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>登记(&amp;R)</translation>
    </message>
    <message>
        <source>Register a parcel without a label</source>
        <translation>登记无头件</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Carrier:</source>
        <translation>快递公司(&amp;C)：</translation>
    </message>
    <message>
        <source>Found &amp;where:</source>
        <translation>发现地点(&amp;W)：</translation>
    </message>
    <message>
        <source>Found &amp;at:</source>
        <translation>发现时间(&amp;A)：</translation>
    </message>
    <message>
        <source>S&amp;helf:</source>
        <translation>货架(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Photo:</source>
        <translation>照片(&amp;P)：</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>匹配度</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>&amp;Match to this record…</source>
        <translation>匹配到此记录(&amp;M)…</translation>
    </message>
    <message>
        <source>Open unlabelled parcels and the records they may be</source>
        <translation>未处理的无头件及可能对应的记录</translation>
    </message>
    <message>
        <source>Possible matches:</source>
        <translation>可能的匹配：</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.bmp *.webp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.bmp *.webp)</translation>
    </message>
    <message>
        <source>Describe the parcel.</source>
        <translation>请描述这件包裹。</translation>
    </message>
    <message>
        <source>Registered unlabelled parcel #{id}.</source>
        <translation>已登记无头件 #{id}。</translation>
    </message>
    <message>
        <source>Unlabelled parcel #{id} is the parcel of {waybill}? Its record will be told.</source>
        <translation>无头件 #{id} 就是 {waybill} 吗？确认后会通知对应记录。</translation>
    </message>
    <message>
        <source>Unlabelled parcel #{id} matched to {waybill}.</source>
        <translation>无头件 #{id} 已与 {waybill} 匹配。</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to Outlet Desk</source>
        <translation>欢迎使用网点客服台</translation>
    </message>
    <message>
        <source>Your outlet</source>
        <translation>您的网点</translation>
    </message>
    <message>
        <source>A few questions before the first day. Everything can be changed later in Settings.</source>
        <translation>开始之前先回答几个问题。以后都可以在“设置”里修改。</translation>
    </message>
    <message>
        <source>Outlet &amp;name:</source>
        <translation>网点名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Outlet &amp;code:</source>
        <translation>网点编号(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Carriers you work for:</source>
        <translation>合作的快递公司(&amp;R)：</translation>
    </message>
    <message>
        <source>One name a line</source>
        <translation>每行一个姓名</translation>
    </message>
    <message>
        <source>Who works here</source>
        <translation>网点人员</translation>
    </message>
    <message>
        <source>Station &amp;manager:</source>
        <translation>站长(&amp;M)：</translation>
    </message>
    <message>
        <source>Manager &amp;PIN:</source>
        <translation>站长 PIN 码(&amp;P)：</translation>
    </message>
    <message>
        <source>PIN a&amp;gain:</source>
        <translation>再输一次 PIN 码(&amp;G)：</translation>
    </message>
    <message>
        <source>C&amp;lerks:</source>
        <translation>客服(&amp;L)：</translation>
    </message>
    <message>
        <source>The PIN confirms deleting, unmasking, restoring and rule changes.</source>
        <translation>删除、查看完整个人信息、恢复备份和修改规则时需要输入站长 PIN 码。</translation>
    </message>
    <message>
        <source>&amp;Open data folder</source>
        <translation>打开数据文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Load demo data to try things out (a made-up outlet; not for real work)</source>
        <translation>载入演示数据试用(&amp;L)（虚构的网点，不要用于实际工作）</translation>
    </message>
    <message>
        <source>Where your data is kept</source>
        <translation>数据存放位置</translation>
    </message>
    <message>
        <source>Data and settings:</source>
        <translation>数据和设置：</translation>
    </message>
    <message>
        <source>Automatic backups:</source>
        <translation>自动备份：</translation>
    </message>
    <message>
        <source>Enter the outlet&apos;s name.</source>
        <translation>请填写网点名称。</translation>
    </message>
    <message>
        <source>Tick at least one carrier.</source>
        <translation>请至少勾选一家快递公司。</translation>
    </message>
    <message>
        <source>Enter the station manager&apos;s name.</source>
        <translation>请填写站长姓名。</translation>
    </message>
    <message>
        <source>A PIN is at least {n} digits.</source>
        <translation>PIN 码至少 {n} 位数字。</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>两次输入的 PIN 码不一致。</translation>
    </message>
</context>
</TS>
