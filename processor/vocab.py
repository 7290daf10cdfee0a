"""The value vocabularies of the helpdesk and call-system exports (inputs.md, tickets and qa).

Data, not code: the parsers in :mod:`processor.service_cells` and the readers look words up here, so that
a new system's spelling is a one-line change. Matching ignores case, spaces and full-width
forms (``schema.norm_header``).
"""
from __future__ import annotations

# Satisfaction words → 1–5 (the survey's five levels and the helpdesks' own words).
SATISFACTION_WORDS: dict[str, float] = {
    "非常满意": 5.0, "很满意": 5.0, "满意": 4.0, "比较满意": 4.0, "一般": 3.0, "基本满意": 3.0, "不满意": 2.0,
    "非常不满意": 1.0, "很不满意": 1.0, "good": 5.0, "bad": 1.0, "satisfied": 4.0, "dissatisfied": 2.0,
    "very satisfied": 5.0, "very dissatisfied": 1.0, "neutral": 3.0,
}
# Cells that say the customer was not surveyed (as a blank does).
NOT_SURVEYED = ("未评价", "未参评", "offered", "not offered", "unoffered", "无评价", "未邀评", "未回复", "-",
                "无", "n/a", "none", "null", "空", "暂无", "—", "/", "na")
# A 100-point satisfaction scale: a column whose largest value exceeds this (a 6 is a typo on
# the 5-point scale, an 80 is not) is read as 0–100
# and rescaled (100/75/50/25/0 → 5/4/3/2/1).
HUNDRED_POINT_ABOVE = 10.0

# Ticket type: a text containing one of these is a complaint (售后/投诉, 投诉-服务态度).
TICKET_COMPLAINT = ("投诉", "complaint")

# The exports' "no time": a date on 1970-01-01 (the epoch, in any time zone), and these cells.
PLACEHOLDER_CELLS = ("-1", "0", "0.0", "0000-00-00 00:00:00", "0000-00-00", "1970-01-01", "null", "none",
                     "-", "—", "/", "空", "无", "暂无", "n/a", "na", "nan", "未响应", "未解决", "未回访")

# Duration header words → seconds per unit of a plain number (seconds when none match).
DURATION_UNITS: tuple[tuple[tuple[str, ...], float], ...] = (
    (("inhrs", "hrs", "hours", "hour", "小时", "(h)"), 3600.0),
    (("inminutes", "minutes", "minute", "mins", "分钟", "(min)", "(m)", "(分)", "/分", "[分]", "【分】"), 60.0),
    (("seconds", "second", "secs", "秒", "(s)"), 1.0),
)

# Trailing lines of exported reports that are not rows (compared at the start of a row's
# first non-blank cell, normalised).
FOOTER_STARTS = ("grandtotal", "total", "合计", "总计", "小计", "confidentialinformation", "copyright",
                 "generatedby", "salesforce.com", "报表生成", "导出时间", "导出人", "统计时间")

# An agent cell that names nobody (an unassigned ticket, a bot's session): the row is nobody's,
# counted in a note like a blank agent (matched case-insensitively, before the roster mapping).
NO_AGENT = ("-", "—", "/", "无", "空", "暂无", "未分配", "待分配", "未指派", "未接入", "系统", "机器人", "智能机器人",
            "ivr", "unassigned", "none", "null", "n/a", "na", "bot", "chatbot")

# A sheet whose header row holds one of these words looks like tickets: it is never diagnosed
# as QA, and when it also holds two columns of the tickets table but cannot be read, it is
# diagnosed as the tickets table.
TICKET_HINTS = ("工单", "通话", "会话", "来电", "呼叫", "渠道", "call", "ticket", "case")

# A call export (its ticket id is a call's, or its creation is a call's arrival): blank or
# absent channels are phone calls.
CALL_HEADERS = ("通话ID", "Call Id", "通话记录ID", "呼叫ID", "来电时间", "呼入时间", "主叫号码", "来电号码", "应答时长",
                "Speed of answer in seconds", "接听时间")
