"""The input tables of inputs.md as data: column keys, aliases, types, required columns.

Everything that recognises or checks a sheet reads from :data:`TABLES`, so adding an alias
is a one-line change here. Types name a parser in :mod:`processor.parse`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the Chinese header written by `template` and shown in messages
    # id, text, date, time, datetime, date_or_datetime, day, time_or_datetime, yesno, number, score,
    # satisfaction, duration, enum
    type: str
    required: bool = False
    aliases: tuple[str, ...] = ()  # in order of preference: two of them in one header row keep the first
    enum: str = ""  # name of a code list in CODES, for type "enum"
    blank_default: object = None  # value taken for a blank cell (None = missing)
    other: str = ""  # enum: the code of a word not in the list ("" = an input error; "*" = keep the text)
    placeholders: bool = False  # datetime: the exports' "no time" values (1970-01-01 …, -1, 0) are blank
    template: bool = True  # written by `opscore template` (not a column that stands in for another)


@dataclass(frozen=True)
class Table:
    key: str
    label: str
    columns: tuple[Column, ...]
    optional: bool = False  # the month may lack this table
    id_columns: tuple[str, ...] = field(default=())  # columns holding employee ids (checked against the roster)
    # a required column a sheet may give instead as another column (created_at as a date + a time column)
    alternatives: dict[str, str] = field(default_factory=dict)
    footers: bool = False  # exported reports end in totals / notice lines (Grand Totals, 合计): skipped

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def C(key: str, label: str, type_: str = "text", *aliases: str, required: bool = False,
      enum: str = "", blank_default: object = None, other: str = "", placeholders: bool = False) -> Column:
    return Column(key, label, type_, required, (label, key, *aliases), enum, blank_default, other, placeholders)


def R(key: str, label: str, type_: str = "text", *aliases: str, enum: str = "") -> Column:
    return C(key, label, type_, *aliases, required=True, enum=enum)


def T(key: str, label: str, *aliases: str) -> Column:
    """A ticket moment an export may fill with a placeholder for "no time"."""
    return C(key, label, "datetime", *aliases, placeholders=True)


# Coded values: canonical code → accepted spellings (Chinese first: the label shown).
CODES: dict[str, dict[str, tuple[str, ...]]] = {
    "shift": {
        "morning": ("早班", "morning"), "middle": ("中班", "middle", "mid"),
        "evening": ("晚班", "evening"), "night": ("夜班", "night", "大夜班"),
        "day": ("白班", "day", "正常班", "常白班"), "rest": ("休息", "rest", "休", "off", "休息日"),
    },
    "leave_type": {
        "personal": ("事假", "personal"), "special_personal": ("特殊事假", "special personal", "special_personal"),
        "sick": ("病假", "sick"), "annual": ("年假", "annual", "年休假"), "marriage": ("婚假", "marriage"),
        "bereavement": ("丧假", "bereavement"), "maternity": ("产假", "maternity"),
        "compensatory": ("调休", "compensatory", "time off in lieu"),
    },
    # The helpdesks' and call systems' own words (七鱼 来源, Udesk 渠道, Zendesk Via, Freshdesk
    # Source, Salesforce Case Origin); any other word is "other" (chat's response limit).
    "channel": {
        "phone": ("电话", "phone", "热线", "call", "呼入", "呼出", "voice", "phone call", "phone call (inbound)",
                  "phone call (outbound)", "inbound", "outbound", "来电", "去电", "语音", "电话呼入", "电话呼出", "ivr",
                  "呼叫中心", "热线电话", "外呼", "自动外呼", "预测外呼", "voicemail"),
        "chat": ("在线", "chat", "online", "在线客服", "即时聊天", "网页", "微信", "app", "webim", "im", "web",
                 "web widget", "网页咨询", "微信公众号", "企业微信", "小程序", "微信小程序", "messaging", "live chat",
                 "whatsapp", "sdk", "h5", "微博", "在线咨询", "在线会话", "pc", "pc端", "移动端", "移动网站", "wap",
                 "网站", "公众号"),
        "email": ("邮件", "email", "e-mail", "电子邮件", "mail", "outbound email", "邮箱"),
        "walkin": ("现场", "walk-in", "walkin", "柜台", "到访", "营业厅", "walkup", "walk-up"),
        "other": ("其他", "other", "portal", "web form", "api", "feedback widget", "工单", "表单", "客户自助"),
    },
    # Ticket types are free text: known words get a code, a complaint is any text naming one
    # (售后/投诉, 投诉-服务态度; TICKET_COMPLAINT in vocab.py), any other text is kept as written.
    "ticket_type": {
        "inquiry": ("咨询", "inquiry", "enquiry", "question", "问题"), "complaint": ("投诉", "complaint"),
        "suggestion": ("建议", "suggestion"), "incident": ("故障", "incident", "problem", "报修"),
        "task": ("task", "任务"),
    },
    "status": {
        "resolved": ("已解决", "resolved", "已关闭", "已完结", "已办结", "solved", "closed", "y", "是", "yes", "true",
                     "完结", "办结", "已结束", "已完成", "完成", "解决", "关闭", "已处理", "处理完成", "1", "√"),
        "open": ("处理中", "open", "待处理", "开启", "待申领", "pending", "n", "否", "no", "false", "未解决", "解决中",
                 "新建", "new", "on-hold", "hold", "on hold", "working", "escalated", "待回复", "挂起", "已受理",
                 "waiting on customer", "waiting on third party", "待跟进", "跟进中", "未处理", "0", "×", "受理中",
                 "等待回复", "等待客户回复", "待受理"),
    },
    "direction": {
        "higher": ("越高越好", "higher", "higher is better", "正向"),
        "lower": ("越低越好", "lower", "lower is better", "反向"),
    },
    "correction_kind": {
        "punch": ("补卡", "punch", "补打卡", "补签"),
        "waive": ("免罚", "waive", "申诉成功", "撤销处罚"),
        "leave": ("改为请假", "leave", "to leave", "改请假"),
        "present": ("改为出勤", "present", "to present", "改出勤", "改为正常"),
    },
}

TABLES: dict[str, Table] = {t.key: t for t in (
    Table("roster", "员工名册", (
        R("employee_id", "工号", "id", "员工编号", "坐席工号", "员工工号"),
        R("name", "姓名", "text", "员工姓名"),
        R("department", "部门", "text", "所属部门"),
        R("team", "班组", "text", "小组", "组别"),
        R("role", "岗位", "text", "职务", "职位"),
        C("manager_id", "直属上级工号", "id", "上级工号"),
        C("hire_date", "入职日期", "date"),
        C("exit_date", "离职日期", "date"),
        C("account", "账号", "text", "UserId", "登录账号", "客服账号", "客服昵称", "帐号"),
        C("email", "邮箱", "text", "电子邮箱", "e-mail", "邮件地址"),
    ), id_columns=()),
    Table("holidays", "节假日", (
        R("date", "日期", "date", "节假日日期"),
        R("name", "节日", "text", "节假日", "名称", "节日名称", "holiday"),
    ), optional=True),
    Table("attendance", "考勤", (
        R("employee_id", "工号", "id", "员工编号", "坐席工号"),
        R("date", "日期", "date", "考勤日期"),
        R("shift", "班次", "enum", enum="shift"),
        R("shift_start", "上班时间", "time", "班次开始", "shift start"),
        R("shift_end", "下班时间", "time", "班次结束", "shift end"),
        R("clock_in", "上班打卡", "time_or_datetime", "签到时间", "上班1打卡时间", "clock in"),
        R("clock_out", "下班打卡", "time_or_datetime", "签退时间", "下班1打卡时间", "clock out"),
        C("pre_approved", "事先请示", "yesno", "pre approved", blank_default=False),
    ), id_columns=("employee_id",)),
    Table("leave", "请假", (
        R("employee_id", "工号", "id", "员工编号"),
        R("leave_type", "假别", "enum", "请假类型", "leave type", enum="leave_type"),
        R("start", "开始时间", "date_or_datetime", "请假开始", "开始日期"),
        R("end", "结束时间", "date_or_datetime", "请假结束", "结束日期"),
        R("requested_at", "申请时间", "datetime", "requested at", "提交时间"),
        R("approver_role", "审批人岗位", "text", "approver role", "审批人职务"),
        C("approver_id", "审批人工号", "id"),
        C("in_person", "本人办理", "yesno", "in person", blank_default=True),
        C("medical_certificate", "病假证明", "yesno", "medical certificate", blank_default=False),
        C("certificate_date", "证明提交日期", "date", "certificate date"),
        C("phoned_before_shift", "班前电话通知", "yesno", "phoned before shift", blank_default=False),
    ), id_columns=("employee_id", "approver_id")),
    Table("swaps", "换班", (
        R("requester_id", "申请人工号", "id", "requester"),
        R("counterpart_id", "对方工号", "id", "替班人工号", "counterpart"),
        R("swap_date", "换班日期", "date", "swap date"),
        C("return_date", "还班日期", "date", "return date"),
        R("requested_at", "申请时间", "datetime", "requested at"),
        C("approver_id", "批准人工号", "id", "审批人工号", "approver"),
    ), id_columns=("requester_id", "counterpart_id", "approver_id")),
    Table("tickets", "工单", (
        R("ticket_id", "工单号", "text", "工单编号", "工单ID", "会话ID", "通话ID", "编号", "Ticket ID", "Id",
          "Call Id", "Case Number", "ticket", "通话记录ID", "呼叫ID"),
        R("agent_id", "坐席工号", "id", "座席工号", "受理人工号", "工号", "客服ID", "客服工号", "受理客服", "受理人", "客服",
          "坐席", "座席", "Assignee", "Agent", "Case Owner", "接待客服", "处理人"),
        C("channel", "渠道", "enum", "受理渠道", "来源", "Via", "Source", "Case Origin", "Ticket Channel", "呼叫类型",
          "渠道来源", "工单来源", "会话来源", "来源渠道", "接入渠道", enum="channel", other="other"),
        C("ticket_type", "类型", "enum", "工单类型", "工单分类", "会话分类", "问题类型", "Ticket type", "type",
          "咨询分类", "业务类型", enum="ticket_type", other="*"),
        R("created_at", "创建时间", "datetime", "来电时间", "开始时间", "会话开始时间", "Created at", "Created time",
          "Date/Time Opened", "呼入时间", "进线时间", "受理时间"),
        replace(C("created_date", "来电日期", "date", "日期", "Date", "Call date", "创建日期"), template=False),
        replace(C("created_time", "时间", "time", "Time", "Call time", "来电时刻"), template=False),
        T("first_response_at", "首次响应时间", "首次响应的时间", "接听时间", "first response at"),
        C("first_response_seconds", "首次响应时长", "duration", "首响时长", "应答时长", "Speed of answer in seconds",
          "First reply time in minutes", "First response time (in hrs)", "首次响应耗时", "First response time",
          "First reply time", "首响耗时"),
        T("resolved_at", "办结时间", "解决时间", "关闭时间", "Solved at", "Resolved time", "Date/Time Closed", "resolved at"),
        C("status", "工单状态", "enum", "会话解决状态", "状态", "是否已解决", "是否解决", "解决状态", "Ticket Status", "Status",
          "Resolved", enum="status", other="open"),
        C("first_contact_resolved", "首问解决", "yesno", "一次解决", "first contact resolved", "fcr", blank_default=False),
        C("satisfaction", "满意度", "satisfaction", "满意度评价", "满意度评分", "评价", "Satisfaction Score",
          "Satisfaction rating", "CSAT", "客户评价"),
        T("callback_at", "回访时间", "callback at"),
        C("reopened", "重新处理", "yesno", "重开", blank_default=False),
        C("complained_employee_id", "被投诉工号", "id", "complained employee"),
        C("customer_phone", "客户电话", "text", "联系电话", "主叫号码", "来电号码", "customer phone", "客户号码"),
    ), id_columns=("agent_id", "complained_employee_id"), alternatives={"created_at": "created_date"}, footers=True),
    Table("qa", "质检", (
        R("agent_id", "坐席工号", "id", "座席工号", "被检坐席工号", "坐席", "客服", "工号", "被质检人工号", "被质检坐席",
          "agent"),
        R("date", "质检日期", "day", "质检时间", "评分时间", "日期"),
        R("score", "得分", "score", "质检得分", "评分", "质检分数", "质检评分"),
        C("fatal_error", "致命错误", "yesno", "致命项", "致命错误项", "是否致命", "fatal error", blank_default=False),
        C("qa_id", "质检单号", "text", "qa id", "质检编号"),
        C("reviewer_id", "质检员工号", "id", "reviewer"),
    ), id_columns=("agent_id",), footers=True),
    Table("ratings", "考评", (
        R("employee_id", "工号", "id"),
        R("attitude", "工作态度", "score"),
        R("ability", "专业能力", "score"),
        R("teamwork", "团队协作", "score"),
        C("rater_id", "评分人工号", "id", "rater"),
    ), id_columns=("employee_id",)),
    Table("indicators", "部门指标", (
        R("employee_id", "工号", "id"),
        R("indicator", "指标", "text", "指标名称"),
        R("target", "目标值", "number", "目标"),
        R("actual", "实际值", "number", "实际", "完成值"),
        R("weight", "权重", "number"),
        C("direction", "方向", "enum", enum="direction", blank_default="higher"),
    ), id_columns=("employee_id",)),
    Table("incidents", "奖惩记录", (
        R("employee_id", "工号", "id"),
        R("date", "日期", "date"),
        R("code", "事项代码", "text", "事项", "事项名称"),
        C("amount", "金额", "number", "罚款金额"),
        C("points", "分值", "number", "扣分"),
        C("note", "说明", "text", "备注"),
    ), id_columns=("employee_id",)),
    Table("breaks", "离岗记录", (
        R("employee_id", "工号", "id"),
        R("post", "岗位组", "text", "技能组"),
        R("left_at", "离岗时间", "datetime", "left at"),
        R("returned_at", "返岗时间", "datetime", "returned at"),
        C("reason", "离岗原因", "text"),
    ), optional=True, id_columns=("employee_id",)),
    Table("corrections", "更正记录", (  # CORR-APPLY: applied before the rules, never by editing attendance
        R("employee_id", "工号", "id", "员工编号"),
        R("date", "日期", "date", "考勤日期", "更正日期"),
        R("kind", "更正类型", "enum", "类型", "correction", enum="correction_kind"),
        C("rule_id", "规则编号", "text", "rule", "免罚规则"),
        C("clock_in", "上班打卡", "time_or_datetime", "补上班卡", "clock in"),
        C("clock_out", "下班打卡", "time_or_datetime", "补下班卡", "clock out"),
        C("leave_type", "假别", "enum", "请假类型", "leave type", enum="leave_type"),
        R("reason", "原因", "text", "事由", "申诉理由", "更正原因"),
        R("approver_role", "审批人岗位", "text", "approver role", "审批人职务", "批准人岗位"),
        R("approved_at", "审批时间", "datetime", "approved at", "批准时间"),
    ), optional=True, id_columns=("employee_id",)),
)}

# Tables a month must have: the others may be absent (then their rules are not applied).
MANDATORY = ("roster", "attendance")


def norm_header(text: object) -> str:
    """Header text as matched: case, spaces, underscores and full-width forms ignored."""
    import unicodedata

    s = unicodedata.normalize("NFKC", str(text)).strip().lower()
    for ch in " \t\r\n_-　":
        s = s.replace(ch, "")
    return s


def code_lookup(enum: str) -> dict[str, str]:
    """Normalised spelling → canonical code for one code list."""
    return {norm_header(sp): code for code, spellings in CODES[enum].items() for sp in (code, *spellings)}
