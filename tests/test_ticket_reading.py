"""Issue 20: recognising the helpdesk and call-system exports — aliases, two moments that are
not a duplicate, agents by account / e-mail / name / lost leading zeros, abandoned calls,
report footers, the English call log, and what a ticket-like sheet that cannot be read says."""
from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from cli import main
from processor.errors import RulebookError
from processor.rulebook import load_rulebook
from processor.validate.month import load_month
from workbooks import ROSTER, ROSTER_HEADER, csv, minimal_month, xlsx

RB = load_rulebook()
C = "2026-10-02 09:00:00"


def load(folder, rb=RB, **sheets):
    m, problems, notes = load_month(minimal_month(folder, **sheets), "2026-10", rb)
    return m, [p.render() for p in problems], notes


@pytest.mark.parametrize("ticket_id,agent,created", [
    ("通话ID", "座席工号", "来电时间"), ("工单ID", "受理客服", "创建时间"), ("会话ID", "客服", "会话开始时间"),
    ("Ticket ID", "Agent", "Created time"), ("Case Number", "Case Owner", "Date/Time Opened"),
    ("Id", "Assignee", "Created at"), ("编号", "受理人", "开始时间"), ("Call Id", "客服ID", "来电时间"),
])
def test_ticket_aliases(tmp_path, ticket_id, agent, created) -> None:
    m, problems, _ = load(tmp_path / "2026-10", 导出=[[ticket_id, agent, created], ["X1", "001", C]])
    assert problems == []
    assert m.tables["tickets"][["ticket_id", "agent_id", "created_at"]].values.tolist() == [["X1", "001", pd.Timestamp(C)]]


@pytest.mark.parametrize("agent,date", [("座席工号", "质检时间"), ("被检坐席工号", "评分时间"), ("坐席", "质检日期")])
def test_qa_aliases(tmp_path, agent, date) -> None:
    m, problems, _ = load(tmp_path / "2026-10", 质检导出=[[agent, date, "质检得分"], ["002", "2026-10-09 15:00:00", "92分"]])
    assert problems == [] and m.tables["qa"][["agent_id", "date", "score"]].values.tolist() == [
        ["002", pd.Timestamp("2026-10-09"), 92.0]]


def test_two_moments_are_not_a_duplicate_header(tmp_path) -> None:
    rows = [["工单号", "坐席工号", "受理时间", "创建时间", "解决时间", "办结时间"],
            ["T1", "001", "2026-10-02 09:05:00", C, "2026-10-02 10:00:00", "2026-10-02 11:00:00"]]
    m, problems, _ = load(tmp_path / "2026-10", 工单=rows)
    t = m.tables["tickets"]
    assert problems == []
    assert (t.loc[0, "created_at"], t.loc[0, "resolved_at"]) == (pd.Timestamp(C), pd.Timestamp("2026-10-02 11:00"))
    assert m.extras["tickets"]["受理时间"].tolist() == ["2026-10-02 09:05:00"]


def test_the_same_header_twice_is_still_a_duplicate(tmp_path) -> None:
    _, problems, _ = load(tmp_path / "2026-10", 工单=[["工单号", "坐席工号", "创建时间", "创建时间"], ["T1", "001", C, C]])
    assert problems == ["month.xlsx:工单!D1: [创建时间] 表头重复:列 C、D 都是“创建时间”,请只保留一列"]


def test_agents_by_account_email_name_and_lost_leading_zeros(tmp_path) -> None:
    roster = [ROSTER_HEADER + ["客服账号", "邮箱"]] + [r + [f"kf{r[0]}", f"a{r[0]}@x.cn"] for r in ROSTER]
    rows = [["工单号", "受理客服", "创建时间", "被投诉工号"], ["T1", "KF001", C, None], ["T2", "a002@X.cn", C, "3"],
            ["T3", "王五", C, None], ["T4", "1", C, None], ["T5", "无此人", C, None]]
    m, problems, notes = load(tmp_path / "2026-10", 名册=roster, 工单=rows)
    assert m.tables["tickets"]["agent_id"].tolist() == ["001", "002", "003", "001", "无此人"]
    assert m.tables["tickets"]["complained_employee_id"].tolist()[1] == "003"
    assert problems == ["month.xlsx:工单!B6: [受理客服] “无此人” 工号不在员工名册中 (应为:员工名册中的工号)"]
    assert "agent_id: 按员工名册的去掉前导零的工号对应到工号:1 → 001" in " ".join(notes)
    assert any("按员工名册的账号对应到工号:KF001 → 001" in n for n in notes)


def test_abandoned_calls_without_an_agent_are_noted_not_errors(tmp_path) -> None:
    rows = [["通话ID", "座席工号", "来电时间", "接听时间"], ["C1", "001", C, "2026-10-02 09:00:05"],
            ["C2", None, C, None], ["C3", "", C, None]]
    m, problems, notes = load(tmp_path / "2026-10", 通话=rows)
    assert problems == [] and m.tables["tickets"]["ticket_id"].tolist() == ["C1"]
    assert any("2 条工单/通话没有坐席" in n for n in notes)


def test_salesforce_footer_lines_are_skipped(tmp_path) -> None:
    folder = minimal_month(tmp_path / "2026-10")
    csv(folder / "report.csv", [["Case Number", "Case Owner", "Date/Time Opened", "Status"],
                                ["00001001", "张三", "10/2/2026 9:00 AM", "Closed"],
                                ["00001002", "李四", "10/2/2026 1:30 PM", "New"], [], ["Grand Totals (2 records)"], [],
                                ["Confidential Information - Do Not Distribute"],
                                ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."]])
    m, problems, notes = load_month(folder, "2026-10", RB)
    t = m.tables["tickets"]
    assert problems == [] and t["agent_id"].tolist() == ["001", "002"] and t["status"].tolist() == ["resolved", "open"]
    assert t["created_at"].tolist() == [pd.Timestamp("2026-10-02 09:00"), pd.Timestamp("2026-10-02 13:30")]
    assert any("第 5, 7, 8 行是报表的合计或说明行,已跳过" in n for n in notes)


def test_the_english_call_log_is_tickets_not_qa(tmp_path) -> None:
    rows = [["Call Id", "Agent", "Date", "Time", "Topic", "Answered (Y/N)", "Resolved", "Speed of answer in seconds",
             "AvgTalkDuration", "Satisfaction rating"],
            ["ID0001", "张三", "2026-10-01", "09:12:58", "Contract related", "Y", "Y", 109, "00:02:23", 3],
            ["ID0002", "李四", "2026-10-01", "09:12:58", "Technical Support", "Y", "N", 15, "00:04:02", 5]]
    m, problems, _ = load(tmp_path / "2026-10", Sheet1=rows)
    t = m.tables["tickets"]
    assert problems == [] and t["agent_id"].tolist() == ["001", "002"]
    assert t["created_at"].tolist() == [pd.Timestamp("2026-10-01 09:12:58")] * 2
    assert t["first_response_at"].tolist() == [pd.Timestamp("2026-10-01 09:14:47"), pd.Timestamp("2026-10-01 09:13:13")]
    assert t["status"].tolist() == ["resolved", "open"] and t["channel"].tolist() == ["phone", "phone"]


def test_an_unreadable_call_log_is_diagnosed_as_tickets(tmp_path) -> None:
    rows = [["Agent", "Date", "Topic", "Call duration", "Satisfaction rating"], ["张三", "2026-10-01", "x", 60, 3]]
    folder = minimal_month(tmp_path / "2026-10")
    xlsx(folder / "calls.xlsx", {"Sheet1": rows})
    _, problems, _ = load_month(folder, "2026-10", RB)
    assert [(p.code, p.table) for p in problems] == [("missing_column", "tickets")]
    assert problems[0].message.startswith("看起来是“工单”表,但缺少必需的列:工单号 (ticket_id;")


def test_a_ticket_like_sheet_names_the_tickets_table_and_its_aliases(tmp_path) -> None:
    folder = minimal_month(tmp_path / "2026-10")
    xlsx(folder / "工单导出.xlsx", {"工单列表": [["工单ID", "标题", "工单状态", "客户"], ["1", "x", "已解决", "y"]]})
    _, problems, _ = load_month(folder, "2026-10", RB)
    msg = problems[0].message.split("‖")[0]
    assert len(problems) == 1 and msg.startswith(
        "看起来是“工单”表,但缺少必需的列:坐席工号 (agent_id;也可写作 座席工号、受理人工号、工号")
    assert "创建时间 (created_at;也可写作 来电时间、开始时间、会话开始时间" in msg and "或日期列“来电日期”加时间列" in msg


def test_check_tells_which_indicators_an_export_cannot_give(tmp_path) -> None:
    folder = minimal_month(tmp_path / "2026-10", 工单=[["工单ID", "受理客服", "创建时间", "满意度"], ["T1", "001", C, 5]])
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 0, result.output
    assert "KPI-RESP、KPI-RES、KPI-FCR、KPI-CALLBACK、KPI-REOPEN、KPI-AGAINST 无数据" in result.output


def test_the_centers_time_zone_is_a_rulebook_setting(tmp_path) -> None:
    own = tmp_path / "center.toml"
    own.write_text('[meta]\ntimezone = "UTC"\n', encoding="utf-8")
    m, problems, _ = load(tmp_path / "2026-10", load_rulebook(own),
                          工单=[["Id", "Agent", "Created at"], ["1", "001", "2026-10-02T08:00:00Z"]])
    assert problems == [] and m.tables["tickets"]["created_at"].tolist() == [pd.Timestamp("2026-10-02 08:00")]
    own.write_text('[meta]\ntimezone = "Mars/Olympus"\n', encoding="utf-8")
    with pytest.raises(RulebookError, match="meta.timezone"):
        load_rulebook(own)
