"""The sample month's tickets and QA rewritten in the shapes helpdesks and call systems export
(issue 20): 网易七鱼 chat sessions, a Udesk ticket export, a 智齿 (Sobot) ticket export, 天润融通
call records, Zendesk and Freshdesk CSVs, a Salesforce report with its footer, a Chinese 质检 export.

Every writer takes the plain month's tickets (as pandas reads the committed 工单.xlsx) and
writes the same tickets in the system's own headers and spellings, so a test can compare
the per-agent indicators with the plain month's.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

SAMPLE = Path(__file__).resolve().parent.parent / "sample_workbooks" / "2026-10"
MONTH_END = pd.Timestamp("2026-11-01")
SAT = {"非常满意": 5, "满意": 4, "一般": 3, "不满意": 2, "非常不满意": 1}
WORDS = {5: "非常满意", 4: "满意", 3: "一般", 2: "不满意", 1: "非常不满意"}


def plain_tickets() -> pd.DataFrame:
    t = pd.read_excel(SAMPLE / "工单.xlsx", dtype={"坐席工号": str, "被投诉工号": str, "客户电话": str})
    for c in ("创建时间", "首次响应时间", "办结时间", "回访时间"):
        t[c] = pd.to_datetime(t[c]).dt.round("s")
    t["sat"] = t["满意度"].map(lambda v: SAT.get(v, v)).astype(float)
    return t


def roster_frame() -> pd.DataFrame:
    """The sample roster with the helpdesk's names for each agent: 客服账号 and 邮箱."""
    r = pd.read_excel(SAMPLE / "员工名册.xlsx", header=1, dtype=str).drop(columns=["序号"])
    r["客服账号"] = "kf_" + r["工号"]
    r["邮箱"] = "agent" + r["工号"] + "@center.example.cn"
    return r


def month_folder(folder: Path, files: dict[str, pd.DataFrame | str | tuple[str, pd.DataFrame]],
                 roster: pd.DataFrame | None = None) -> Path:
    """A month folder: the roster (``roster``, else the sample's with accounts and e-mails), the
    sample attendance, and ``files`` (a frame → xlsx, a (title, frame) → xlsx with a title row
    above the header, or ready text → csv)."""
    folder.mkdir(parents=True, exist_ok=True)
    (roster_frame() if roster is None else roster).to_excel(folder / "员工名册.xlsx", index=False)
    shutil.copy(SAMPLE / "2026年10月考勤表.xlsx", folder / "考勤.xlsx")
    for name, content in files.items():
        if isinstance(content, str):
            (folder / name).write_text(content, encoding="utf-8-sig")
        elif isinstance(content, tuple):
            title, frame = content
            with pd.ExcelWriter(folder / name, engine="openpyxl") as xl:
                frame.to_excel(xl, sheet_name="工单列表", index=False, startrow=1)
                xl.sheets["工单列表"]["A1"] = title
        else:
            content.to_excel(folder / name, index=False)
    return folder


def _fmt(s: pd.Series, fmt: str = "%Y-%m-%d %H:%M:%S") -> pd.Series:
    return s.dt.strftime(fmt).where(s.notna(), "")


def _resolved(t: pd.DataFrame) -> pd.Series:
    return t["办结时间"] < MONTH_END


def _gap(t: pd.DataFrame) -> pd.Series:
    return (t["首次响应时间"] - t["创建时间"]).dt.total_seconds()


def plain(t: pd.DataFrame) -> pd.DataFrame:
    return t.drop(columns=["sat"])


def qiyu(t: pd.DataFrame) -> pd.DataFrame:
    """七鱼 会话记录: 客服 by account, 首次响应时长 00:00:08, 来源 words, 会话分类 paths, 会话解决状态."""
    gap = _gap(t).fillna(-1).astype(int)
    h, rest = np.divmod(gap, 3600)
    hms = pd.Series([f"{a:02d}:{b // 60:02d}:{b % 60:02d}" for a, b in zip(h, rest)], index=t.index).where(gap >= 0, "")
    source = t["受理渠道"].map({"电话": "电话", "邮件": "邮件", "现场": "现场"})
    source = source.where(source.notna(), np.where(np.arange(len(t)) % 2, "微信", "网页"))
    return pd.DataFrame({
        "会话ID": t["工单编号"].str.replace("GD", "S"), "客服": "kf_" + t["坐席工号"], "访客": "访客",
        "会话开始时间": _fmt(t["创建时间"]), "首次响应时长": hms, "来源": source,
        "会话分类": t["类型"].map({"咨询": "咨询/产品", "投诉": "售后/投诉", "建议": "建议"}),
        "满意度评价": t["sat"].map(WORDS).fillna("未评价"),
        "会话解决状态": np.where(_resolved(t), "已解决", "未解决")})


def udesk(t: pd.DataFrame) -> pd.DataFrame:
    """Udesk 工单: 受理客服 by name, 创建时间 + 受理时间, 解决时间 + 关闭时间, 工单状态, custom fields."""
    names = roster_frame().set_index("工号")["姓名"]
    accepted = t["创建时间"] + pd.Timedelta(minutes=1)
    return pd.DataFrame({
        "工单ID": t["工单编号"], "标题": "客户来电", "工单状态": np.where(_resolved(t), "已关闭", "处理中"),
        "受理客服": t["坐席工号"].map(names), "创建时间": _fmt(t["创建时间"]), "受理时间": _fmt(accepted),
        "首次响应时间": _fmt(t["首次响应时间"]), "解决时间": _fmt(t["办结时间"]), "关闭时间": _fmt(t["办结时间"]),
        "渠道": t["受理渠道"].map({"电话": "电话", "在线": "在线客服", "邮件": "邮件", "现场": "现场"}),
        "工单分类": t["类型"].map({"咨询": "产品咨询", "投诉": "服务投诉", "建议": "建议"}),
        "满意度": t["sat"].map(WORDS).fillna("未评价"), "一次解决": t["首问解决"], "回访时间": _fmt(t["回访时间"]),
        "重开": t["重新处理"], "被投诉工号": t["被投诉工号"], "联系电话": t["客户电话"]})


def sobot_roster() -> pd.DataFrame:
    """The roster as a 智齿 center keeps it: the helpdesk's 客服昵称 instead of an account."""
    r = roster_frame().drop(columns=["客服账号"])
    r["客服昵称"] = "小" + r["姓名"].str[-1] + r["工号"]
    return r


def sobot(t: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """智齿 工单导出: a title row, 工单编号 as digits, 受理客服 by 客服昵称, 创建时间 with slashes,
    首次响应时长(秒), 工单来源 words (呼叫中心, PC端, H5, 微信公众号, APP), 工单分类 paths, Sobot's
    status words (新建/受理中/等待回复/已解决/已关闭), 满意度 in stars, and no 首问解决, 回访 or
    重新处理 columns."""
    nick = sobot_roster().set_index("工号")["客服昵称"]
    n = np.arange(len(t))
    gap = _gap(t)
    chat = np.array(["PC端", "H5", "微信公众号", "APP"])[n % 4]
    source = t["受理渠道"].map({"电话": "呼叫中心", "邮件": "邮件", "现场": "现场"})
    status = np.where(_resolved(t), np.where(n % 2, "已解决", "已关闭"),
                      np.array(["新建", "受理中", "等待回复"])[n % 3])
    frame = pd.DataFrame({
        "工单编号": t["工单编号"].str.replace("GD", "", regex=False), "工单标题": "客户来电",
        "工单状态": status, "优先级": "低", "工单分类": t["类型"].map(
            {"咨询": "产品咨询-功能咨询", "投诉": "售后服务-投诉-服务态度", "建议": "意见建议"}),
        "受理技能组": "一线客服组", "受理客服": t["坐席工号"].map(nick), "创建人": "系统",
        "创建时间": _fmt(t["创建时间"], "%Y/%m/%d %H:%M:%S"),
        "首次响应时长(秒)": gap.round().astype("Int64").astype(str).where(gap.notna(), ""),
        "工单来源": source.where(source.notna(), chat),
        "解决时间": _fmt(t["办结时间"]),
        "满意度": (t["sat"].astype("Int64").astype(str) + "星").where(t["sat"].notna(), "未评价"),
        "联系电话": t["客户电话"]})
    return "工单导出(2026-10-01 至 2026-10-31)", frame


def tinet(t: pd.DataFrame) -> pd.DataFrame:
    """天润融通 通话记录 (phone tickets only): 座席工号 exported as a number, 应答时长 1分23秒,
    plus abandoned calls without an agent."""
    gap = _gap(t)
    m, s = np.divmod(gap.fillna(0).astype(int), 60)
    answer = pd.Series(np.where(m > 0, m.astype(str) + "分" + s.astype(str) + "秒", s.astype(str) + "秒"),
                       index=t.index).where(gap.notna(), "")
    calls = pd.DataFrame({
        "通话ID": t["工单编号"].str.replace("GD", "CDR"), "座席工号": t["坐席工号"].str.lstrip("0"),
        "主叫号码": t["客户电话"], "来电时间": _fmt(t["创建时间"]), "应答时长": answer,
        "挂机时间": _fmt(t["创建时间"] + pd.Timedelta(minutes=5)), "呼叫类型": "呼入",
        "满意度评价": t["sat"].map(WORDS).fillna("未评价")})
    abandoned = pd.DataFrame({"通话ID": ["CDR-A1", "CDR-A2"], "座席工号": ["", ""], "主叫号码": ["13800000000"] * 2,
                              "来电时间": ["2026-10-03 10:00:00", "2026-10-04 11:00:00"], "应答时长": ["", ""],
                              "挂机时间": ["2026-10-03 10:00:40", "2026-10-04 11:00:12"], "呼叫类型": "呼入",
                              "满意度评价": ["", ""]})
    return pd.concat([calls, abandoned], ignore_index=True)


def zendesk(t: pd.DataFrame) -> str:
    """Zendesk tickets CSV: ISO times in UTC (Z), Assignee by e-mail, minutes, Good/Bad."""
    utc = "%Y-%m-%dT%H:%M:%SZ"
    gap = _gap(t)
    frame = pd.DataFrame({
        "Id": t["工单编号"].str[2:], "Requester": "customer", "Assignee": "agent" + t["坐席工号"] + "@center.example.cn",
        "Status": np.where(_resolved(t), "solved", "open"),
        "Via": t["受理渠道"].map({"电话": "Phone call (inbound)", "在线": "Chat", "邮件": "Email", "现场": "Walk-in"}),
        "Ticket type": t["类型"].map({"咨询": "question", "投诉": "Complaint", "建议": "suggestion"}),
        "Created at": _fmt(t["创建时间"] - pd.Timedelta(hours=8), utc),
        "Solved at": _fmt(t["办结时间"] - pd.Timedelta(hours=8), utc),
        "Satisfaction Score": np.where(t["sat"] >= 4, "Good", np.where(t["sat"].notna(), "Bad", "Offered")),
        "First reply time in minutes": (gap / 60).round(6).astype(str).where(gap.notna(), "")})
    return frame.to_csv(index=False)


def freshdesk(t: pd.DataFrame) -> str:
    """Freshdesk tickets CSV: Agent by name, First response time (in hrs), Source words."""
    names = roster_frame().set_index("工号")["姓名"]
    gap = _gap(t)
    frame = pd.DataFrame({
        "Ticket ID": t["工单编号"].str[2:], "Subject": "Order", "Status": np.where(_resolved(t), "Resolved", "Open"),
        "Priority": "Low", "Source": t["受理渠道"].map({"电话": "Phone", "在线": "Chat", "邮件": "Email", "现场": "Walkup"}),
        "Type": t["类型"].map({"咨询": "Question", "投诉": "Complaint", "建议": "Feature Request"}),
        "Agent": t["坐席工号"].map(names), "Created time": _fmt(t["创建时间"]), "Resolved time": _fmt(t["办结时间"]),
        "First response time (in hrs)": (gap / 3600).round(9).astype(str).where(gap.notna(), "")})
    return frame.to_csv(index=False)


def salesforce(t: pd.DataFrame) -> str:
    """A Salesforce case report (details) CSV: US times to the minute, Case Owner by name, footer lines."""
    names = roster_frame().set_index("工号")["姓名"]
    us = "%m/%d/%Y %I:%M %p"
    frame = pd.DataFrame({
        "Case Number": t["工单编号"].str[-8:], "Case Owner": t["坐席工号"].map(names),
        "Date/Time Opened": _fmt(t["创建时间"], us), "Date/Time Closed": _fmt(t["办结时间"], us),
        "Status": np.where(_resolved(t), "Closed", "Working"),
        "Case Origin": t["受理渠道"].map({"电话": "Phone", "在线": "Web", "邮件": "Email", "现场": "Walk-in"}),
        "Type": t["类型"].map({"咨询": "Question", "投诉": "Complaint", "建议": "Suggestion"})})
    footer = (f'\n"Grand Totals ({len(t)} records)"\n\n"Confidential Information - Do Not Distribute"\n'
              '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n')
    return frame.to_csv(index=False) + footer


def plain_qa() -> pd.DataFrame:
    return pd.read_csv(SAMPLE / "质检.csv", encoding="gb18030", dtype=str)


def chinese_qa(q: pd.DataFrame) -> pd.DataFrame:
    """A 质检 module export: 座席工号, 质检时间 as a datetime, 质检得分 as 85分 / 85%, 致命项 命中/未命中."""
    when = pd.to_datetime(q["质检日期"], format="%Y/%m/%d") + pd.Timedelta(hours=14, minutes=30)
    score = np.where(np.arange(len(q)) % 2, q["得分"] + "分", q["得分"] + "%")
    return pd.DataFrame({"质检编号": q["质检单号"], "座席工号": q["坐席工号"], "坐席姓名": "某某",
                         "质检时间": _fmt(when), "质检得分": score,
                         "致命项": q["致命错误"].map({"是": "命中", "否": "未命中"}), "质检员": q["质检员工号"]})
