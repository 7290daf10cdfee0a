"""What each attendance app contributes to the one person × day reader: data only.

Why: DingTalk 考勤报表 and WeCom 上下班打卡 exports are the same thing — people × days, as one
row per person-day (DingTalk 每日统计, WeCom 概况统计与打卡明细), one row per punch (DingTalk
原始记录, WeCom 打卡详情) or a person × day matrix (DingTalk 月度汇总/打卡时间, WeCom 月报/
打卡时间记录) — written with different sheet names and header words. :mod:`.reader` reads them
all; an :class:`App` says only how its app names things (and :mod:`.vocabulary` what its
verdict words mean), so a new app is a new :class:`App`, not a new reader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .common import Header, idents, norm_set

# Punch columns of a daily sheet, as one label: DingTalk names a column ``上班1打卡时间``, WeCom
# groups ``打卡时间`` / ``打卡状态`` under ``上班1`` (the reader joins group and name).
# An English-UI export writes ``Clock In 1 Time`` / ``Off Duty 1 Result`` (headers are matched normalised).
PAIR = re.compile(r"^(?:(上班|下班)(\d*)打卡|(clockin|onduty|checkin|clockout|offduty|checkout)(\d+))"
                  r"(时间|结果|状态|time|result|status)$")  # English: the number is required


def pair_parts(m: re.Match[str]) -> tuple[bool, int, bool]:
    """(clock-in side?, N, time column?) of a PAIR match."""
    side = m.group(1) or m.group(3)
    return side in ("上班", "clockin", "onduty", "checkin"), int(m.group(2) or m.group(4) or 1), m.group(5) in ("时间", "time")



@dataclass(frozen=True)
class App:
    """One app's words for the person columns, the three sheet shapes and its messages.

    ``signature``: columns only this app writes (a sheet that has another app's is not this
    app's). ``daily_*`` / ``punch_*``: the aliases of each column role. ``matrix_title``: the
    title word of its matrix sheets (``统计日期``/``统计时间``).
    """

    name: str
    label_zh: str
    daily_kind: str
    names: tuple[str, ...]
    ident: tuple[str, ...]
    account: tuple[str, ...]
    signature: tuple[str, ...]
    date: tuple[str, ...]
    shift: tuple[str, ...]
    verdict: tuple[str, ...]
    approval: tuple[str, ...]
    daily_sheets: tuple[str, ...]
    punch_date: tuple[str, ...]
    punch_time: tuple[str, ...]
    punch_sched: tuple[str, ...]
    punch_status: tuple[str, ...]
    punch_kind: tuple[str, ...]
    punch_sheets: tuple[str, ...]
    matrix_title: str
    matrix_sheets: tuple[str, ...]
    times_sheet: str
    daily_export: tuple[str, str]  # (zh, en): the export that has punches, for a verdict-only one
    ask_daily: tuple[str, str]  # (zh, en): what to export beside a punch-time matrix alone
    matrix_kind: str = ""  # the verdict matrix's name in messages ("" = its sheet names)
    times_kind: str = ""
    matrix_names_exact: bool = False  # matrix sheets are known by their exact name (DingTalk)
    times_beside_verdicts: bool = False  # punch times fill only the verdict matrix of their own file
    late: tuple[str, ...] = ()
    early: tuple[str, ...] = ()
    leave_group: str = ""
    leave_column: re.Pattern[str] | None = None
    void_prefix: str = ""  # a punch row whose status starts so was superseded
    void_any_column: bool = False  # the void mark may sit in any column (DingTalk 打卡无效)
    sched_has_kind: bool = False  # the scheduled time reads ``上班1 08:30`` (DingTalk)
    full_punch_times: bool = False  # punch cells may be full datetimes ``2026-05-01 08:23``
    rebuild_daily: bool = False  # a daily sheet without punch times is rebuilt from its verdicts
    pairs_grouped: bool = False  # punch columns sit under 上班N/下班N groups (WeCom)
    shift_is_clue: bool = False  # a sheet with a 班次 and a verdict (no punches) is a daily sheet
    punch_list_first: bool = False  # try the per-punch shape before the daily one
    punch_needs_clue: bool = True  # a per-punch sheet must show its name, a signature or a title;
    # otherwise it must have the punch-kind column (WeCom 打卡类型)
    matrices_beside_daily: bool = False  # False: matrix sheets beside daily ones are only noted

    def idents(self, h: Header, body: pd.DataFrame) -> dict[str, pd.Series]:
        return idents(h, body, self.account, self.ident)

    def has_signature(self, h: Header) -> bool:
        names = set(h.names)
        return bool(names & norm_set(*self.signature)) or (
            bool(self.signature) and any(PAIR.match(n) for n in names if n))

    def named(self, sheet_name: str, names: tuple[str, ...]) -> bool:
        return any(n in sheet_name for n in names)


DINGTALK = App(
    name="DingTalk", label_zh="钉钉", daily_kind="DingTalk 考勤报表",
    names=("姓名", "员工姓名", "name"), ident=("工号", "员工工号", "员工编号", "jobnumber", "Job No.", "Employee No.",
                                              "Employee ID"),
    account=("UserId", "用户ID", "钉钉ID", "员工UserId", "userid"),
    signature=("UserId", "考勤组", "workDate", "Attendance Group"),
    date=("日期", "考勤日期", "date", "Attendance Date"), shift=("班次", "班次名称", "排班", "Shift"),
    verdict=("考勤结果", "Attendance Result"),
    approval=("关联的审批单", "关联审批单", "审批单", "Related Approval", "Approval"),
    daily_sheets=("每日统计", "每日汇总", "Daily Statistics"),
    punch_date=("考勤日期", "日期", "date"), punch_time=("打卡时间", "用户打卡时间"),
    punch_sched=("考勤时间", "应打卡时间", "基准时间"), punch_status=("打卡结果", "打卡状态"),
    punch_kind=("打卡类型", "上下班"), punch_sheets=("原始记录",),
    matrix_title="统计日期", matrix_sheets=("月度汇总", "打卡时间"), times_sheet="打卡时间",
    daily_export=("钉钉导出“考勤报表”的“每日统计”(或“原始记录”)工作表",
                  "the DingTalk 考勤报表 sheets 每日统计 (or 原始记录)"),
    ask_daily=("请导出考勤报表的“每日统计”(或“原始记录”)工作表", "export 每日统计 (or 原始记录) as well"),
    matrix_names_exact=True, times_beside_verdicts=True,
    late=("迟到时长", "迟到分钟", "迟到时长(分钟)", "迟到分钟数"),
    early=("早退时长", "早退分钟", "早退时长(分钟)", "早退分钟数"),
    leave_group="请假",
    leave_column=re.compile(r"^(事假|病假|年假|调休|婚假|产假|陪产假|丧假|产检假|哺乳假|育儿假|护理假)\((小时|天|分钟)\)$"),
    void_prefix="打卡无效", void_any_column=True, sched_has_kind=True, full_punch_times=True,
    rebuild_daily=True,
)

WECOM = App(
    name="WeCom", label_zh="企业微信", daily_kind="WeCom 日报",
    names=("姓名", "成员", "成员姓名", "员工姓名"), ident=("工号", "员工工号", "员工编号"),
    account=("账号", "帐号", "成员账号", "企业微信账号", "userid"), signature=(),
    date=("时间", "日期"), shift=("班次",), verdict=("考勤结果",), approval=("假勤申请",), daily_sheets=(),
    punch_date=("时间", "日期"), punch_time=("实际打卡时间",), punch_sched=("应打卡时间",),
    punch_status=("打卡状态",), punch_kind=("打卡类型",), punch_sheets=(),
    matrix_title="统计时间", matrix_sheets=("月报",), times_sheet="打卡时间",
    daily_export=("企业微信管理后台导出“上下班打卡 日报”(含“概况统计与打卡明细”或“打卡详情”工作表)",
                  "the WeCom 上下班打卡 日报 (sheet 概况统计与打卡明细 or 打卡详情)"),
    matrix_kind="WeCom 月报", times_kind="WeCom 打卡时间记录",
    ask_daily=("请在企业微信管理后台“打卡”应用中导出“上下班打卡 日报”(含“概况统计与打卡明细”或“打卡详情”工作表),"
               "或把同月的“上下班打卡 月报”一并放入本月文件夹",
               "export the WeCom 上下班打卡 日报 (sheet 概况统计与打卡明细 or 打卡详情), or add the month's 上下班打卡 月报"),
    void_prefix="失效", pairs_grouped=True, shift_is_clue=True, punch_list_first=True, punch_needs_clue=False,
    matrices_beside_daily=True,
)

APPS = (DINGTALK, WECOM)  # DingTalk first: its columns are distinctive
