<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
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
    <name>CrashHandler</name>
    <message>
        <source>Something went wrong inside Outlet Desk. Your saved work is safe. The details were written to {path}; please send this file to whoever looks after the program.</source>
        <translation>网点客服台内部出错了。已保存的数据不受影响。详细信息已写入 {path}，请把这个文件发给负责维护软件的人。</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>Case</source>
        <translation>案件</translation>
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
        <source>records: {count}</source>
        <translation>{count} 条记录</translation>
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
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Lookup</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
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
        <source>This PC</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>&amp;Language (after a restart):</source>
        <translation>界面语言（重启后生效）(&amp;L)：</translation>
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
        <source>Changing the deadline rules needs a manager&apos;s PIN.</source>
        <translation>修改时限规则需要站长输入 PIN 码。</translation>
    </message>
</context>
</TS>
