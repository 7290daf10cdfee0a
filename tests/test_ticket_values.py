"""Issue 20: the silent cases (absent columns, epoch placeholders, ``85%``), and every alias,
spelling and message of the helpdesk and call-system exports, on small real workbooks."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from processor.rulebook import load_rulebook
from processor.score.indicators import agent_indicators
from processor.score.qa import qa_scores
from processor.validate.month import load_month
from workbooks import minimal_month

RB = load_rulebook()
END = pd.Timestamp("2026-11-01")
C = "2026-10-02 09:00:00"  # every ticket's creation


def load(folder, **sheets):
    m, problems, notes = load_month(minimal_month(folder, **sheets), "2026-10", RB)
    return m, [p.render() for p in problems], notes


def rates(folder, rows, **sheets) -> pd.Series:
    m, problems, _ = load(folder, 工单=rows, **sheets)
    assert problems == []
    return agent_indicators(m.tables["tickets"], RB, END).loc["001"]


def test_absent_columns_are_no_data_never_zero(tmp_path) -> None:
    rows = [["工单号", "坐席工号", "渠道", "类型", "创建时间", "满意度"],
            ["T1", "001", "电话", "咨询", C, 5], ["T2", "001", "电话", "投诉", C, 3]]
    m, problems, notes = load(tmp_path / "2026-10", 工单=rows)
    a = agent_indicators(m.tables["tickets"], RB, END).loc["001"]
    assert problems == [] and a["tickets"] == 2 and a["satisfaction_rate"] == 0.5
    for col in ("response_rate", "resolution_rate", "fcr_rate", "complaint_handling_rate", "callback_rate",
                "reopen_rate", "complaints_per_100"):
        assert math.isnan(a[col]), col
    assert any("KPI-RESP、KPI-RES、KPI-FCR、KPI-CALLBACK、KPI-REOPEN、KPI-AGAINST 无数据" in n for n in notes)


def test_a_present_but_blank_column_is_still_a_real_zero(tmp_path) -> None:
    rows = [["工单号", "坐席工号", "创建时间", "首次响应时间", "办结时间", "首问解决", "回访时间"],
            ["T1", "001", C, None, None, None, None], ["T2", "001", C, None, None, "否", None]]
    a = rates(tmp_path / "2026-10", rows)
    assert (a["response_rate"], a["resolution_rate"], a["fcr_rate"]) == (0.0, 0.0, 0.0)
    assert math.isnan(a["callback_rate"])  # nothing resolved: no denominator


def test_epoch_and_other_placeholders_are_no_time(tmp_path) -> None:
    epoch = "1970-01-01 08:00:00"
    rows = [["工单号", "坐席工号", "渠道", "创建时间", "首次响应时间", "办结时间", "回访时间"],
            ["T1", "001", "电话", C, epoch, epoch, epoch],
            ["T2", "001", "电话", C, "2026-10-02 09:00:10", "2026-10-02 09:30:00", "2026-10-03 10:00:00"],
            ["T3", "001", "电话", C, "-1", "0", "1970-01-01T00:00:00Z"],
            ["T4", "001", "电话", C, "2026-10-02 08:59:00", "2026-10-02 10:00:00", "2026-10-01 10:00:00"]]
    a = rates(tmp_path / "2026-10", rows)
    assert a["response_rate"] == 0.25  # only T2: T4's "response" before creation is a placeholder
    assert a["resolution_rate"] == 0.5  # T2 and T4
    assert a["callback_rate"] == 0.5  # T2 of the resolved T2, T4


def test_qa_percent_and_points_are_the_score(tmp_path) -> None:
    rows = [["座席工号", "质检时间", "质检得分", "致命项"], ["001", "2026-10-05 14:30:00", "85%", "未命中"],
            ["001", "2026-10-06 09:00:00", "85分", "未命中"], ["002", "2026/10/7 10:00", "90", "命中"]]
    m, problems, _ = load(tmp_path / "2026-10", 质检=rows)
    assert problems == []
    qa = m.tables["qa"]
    assert qa["score"].tolist() == [85.0, 85.0, 90.0] and qa["fatal_error"].tolist() == [False, False, True]
    assert qa["date"].tolist() == [pd.Timestamp("2026-10-05"), pd.Timestamp("2026-10-06"), pd.Timestamp("2026-10-07")]
    s = qa_scores(qa, RB)
    assert s.loc["001", "qa_score"] == 85.0 and s.loc["002", "qa_score"] == 0.0  # a fatal item scores 0


def test_status_words_resolve_where_there_is_no_resolution_time(tmp_path) -> None:
    rows = [["工单号", "坐席工号", "创建时间", "办结时间", "工单状态"],
            ["T1", "001", C, None, "已解决"], ["T2", "001", C, None, "已关闭"], ["T3", "001", C, None, "处理中"],
            ["T4", "001", C, None, "待处理"], ["T5", "001", C, "2026-11-02 10:00:00", "已解决"],
            ["T6", "001", C, "2026-10-03 10:00:00", "开启"], ["T7", "001", C, None, "已完结"]]
    assert rates(tmp_path / "2026-10", rows)["resolution_rate"] == 4 / 7  # T1 T2 T6 T7


def test_an_unknown_status_word_is_open_and_named_in_a_note(tmp_path) -> None:
    rows = [["工单号", "坐席工号", "创建时间", "工单状态"], ["T1", "001", C, "已解决"], ["T2", "001", C, "挂单"]]
    m, problems, notes = load(tmp_path / "2026-10", 工单=rows)
    assert problems == [] and m.tables["tickets"]["status"].tolist() == ["resolved", "open"]
    assert "month.xlsx:工单: “工单状态”中的 挂单 不在已知词表中,按 open 计" in " ".join(notes)


def test_a_phone_only_center_resolves_by_status(tmp_path) -> None:
    rows = [["通话ID", "座席工号", "来电时间", "接听时间", "状态"],
            ["C1", "001", C, "2026-10-02 09:00:05", "已办结"], ["C2", "001", C, "2026-10-02 09:00:30", "Y"],
            ["C3", "001", C, "2026-10-02 09:00:30", "N"]]
    a = rates(tmp_path / "2026-10", rows)
    assert a["resolution_rate"] == 2 / 3 and a["response_rate"] == 1 / 3  # blank channel of a call export: phone, 20 s


@pytest.mark.parametrize("header,cells,expected", [
    ("首次响应时长", ["00:00:08", "1分23秒", "83秒", "19"], 0.5),
    ("首响时长", ["0:00:20", "00:00:21", "20秒", "1分"], 0.5),
    ("First reply time in minutes", ["0.25", "1", "0.3333333", "2"], 0.5),
    ("First response time (in hrs)", ["0.005", "0.01", "0.0055555556", "1"], 0.5),
    ("Speed of answer in seconds", ["8", "83", "20", "21"], 0.5),
])
def test_first_response_durations(tmp_path, header, cells, expected) -> None:
    rows = [["工单号", "坐席工号", "渠道", "创建时间", header]] + [
        [f"T{i}", "001", "电话", C, v] for i, v in enumerate(cells)]
    assert rates(tmp_path / "2026-10", rows)["response_rate"] == expected


def test_satisfaction_spellings(tmp_path) -> None:
    cells = ["5星", "★★★★", "未评价", "Good", "Bad", "未参评", "Offered", "Not Offered", "满意", "2星", "很满意"]
    rows = [["工单号", "坐席工号", "创建时间", "满意度评价"]] + [[f"T{i}", "001", C, v] for i, v in enumerate(cells)]
    m, problems, _ = load(tmp_path / "2026-10", 工单=rows)
    sat = m.tables["tickets"]["satisfaction"].tolist()
    assert problems == [] and [x if x == x else None for x in sat] == [5, 4, None, 5, 1, None, None, None, 4, 2, 5]


def test_a_hundred_point_satisfaction_scale(tmp_path) -> None:
    rows = [["工单号", "坐席工号", "创建时间", "满意度评分"]] + [
        [f"T{v}", "001", C, v] for v in (100, 75, 50, 25, 0)]
    m, problems, _ = load(tmp_path / "2026-10", 工单=rows)
    assert problems == [] and m.tables["tickets"]["satisfaction"].tolist() == [5.0, 4.0, 3.0, 2.0, 1.0]
    assert agent_indicators(m.tables["tickets"], RB, END).loc["001", "satisfaction_rate"] == 0.4


def test_channels_and_ticket_types_of_the_exports(tmp_path) -> None:
    words = ["微信", "即时聊天", "网页", "APP", "webim", "呼入", "呼出", "voice", "email", "walk-in", "传真", None]
    types = ["售后/投诉", "投诉-服务态度", "退换货", "咨询", "complaint", "Question", None, "", "建议", "x", "y", "z"]
    rows = [["工单ID", "受理客服", "来源", "工单分类", "创建时间"]] + [
        [f"T{i}", "001", w, k, C] for i, (w, k) in enumerate(zip(words, types))]
    m, problems, _ = load(tmp_path / "2026-10", 工单=rows)
    t = m.tables["tickets"]
    assert problems == []
    assert t["channel"].tolist() == ["chat"] * 5 + ["phone"] * 3 + ["email", "walkin", "other", "other"]
    assert t["ticket_type"].tolist()[:6] == ["complaint", "complaint", "退换货", "inquiry", "complaint", "inquiry"]
    assert t["ticket_type"].tolist()[6:8] == [None, None]


def test_iso_times_with_a_zone_are_read_in_the_centers_zone(tmp_path) -> None:
    rows = [["Id", "Assignee", "Created at", "Solved at"],
            ["1", "001", "2026-10-01T16:30:00Z", "2026-10-02T20:00:00+08:00"],
            ["2", "001", "2026-10-02 08:30:00 +0800", "2026-10-31T16:30:00.000Z"]]
    m, problems, _ = load(tmp_path / "2026-10", 工单=rows)
    t = m.tables["tickets"]
    assert problems == []
    assert t["created_at"].tolist() == [pd.Timestamp("2026-10-02 00:30"), pd.Timestamp("2026-10-02 08:30")]
    assert t["resolved_at"].tolist() == [pd.Timestamp("2026-10-02 20:00"), pd.Timestamp("2026-11-01 00:30")]
