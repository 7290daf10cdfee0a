"""Issue 20: the spellings a 智齿 (Sobot)-like export adds — a unit after a header
(首次响应时长(秒), 【s】, (min)), 工单来源 words and Sobot's open statuses — on small real workbooks."""
from __future__ import annotations

import pandas as pd
import pytest

from processor.rulebook import load_rulebook
from processor.score.indicators import agent_indicators
from processor.validate.month import load_month
from workbooks import minimal_month

RB = load_rulebook()
C = "2026-10-02 09:00:00"


def load(folder, rows):
    m, problems, notes = load_month(minimal_month(folder, 工单=rows), "2026-10", RB)
    return m, [p.render() for p in problems], notes


@pytest.mark.parametrize("header,cells,seconds", [
    ("首次响应时长(秒)", ["8", "83", ""], [8.0, 83.0, None]),
    ("首次响应时长（秒）", ["8", "1分23秒", "00:00:21"], [8.0, 83.0, 21.0]),
    ("首响时长【s】", ["8", "83", "20"], [8.0, 83.0, 20.0]),
    ("首次响应时长(分钟)", ["0.5", "2", "1.25"], [30.0, 120.0, 75.0]),
    ("首次响应时长(min)", ["0.5", "2", "1.25"], [30.0, 120.0, 75.0]),
    ("首响时长(h)", ["0.005", "1", "0.0025"], [18.0, 3600.0, 9.0]),
])
def test_a_unit_after_the_header_is_the_durations_unit(tmp_path, header, cells, seconds) -> None:
    rows = [["工单编号", "受理客服", "创建时间", "渠道", header]] + [
        [f"T{i}", "001", C, "电话", v] for i, v in enumerate(cells)]
    m, problems, _ = load(tmp_path / "2026-10", rows)
    t = m.tables["tickets"]
    assert problems == []
    got = (t["first_response_at"] - t["created_at"]).dt.total_seconds().tolist()
    assert [None if x != x else x for x in got] == seconds
    want = sum(1 for s in seconds if s is not None and s <= 20) / 3  # the phone limit, 20 s
    assert agent_indicators(t, RB, pd.Timestamp("2026-11-01")).loc["001", "response_rate"] == want


def test_a_header_with_an_unknown_word_in_brackets_is_still_an_extra_column(tmp_path) -> None:
    rows = [["工单编号", "受理客服", "创建时间", "备注(内部)"], ["T1", "001", C, "x"]]
    m, problems, _ = load(tmp_path / "2026-10", rows)
    assert problems == [] and m.extras["tickets"]["备注(内部)"].tolist() == ["x"]


def test_sobot_sources_and_statuses(tmp_path) -> None:
    sources = ["呼叫中心", "PC端", "H5", "微信公众号", "APP", "移动端", "邮件", "小程序"]
    statuses = ["新建", "受理中", "等待回复", "已解决", "已关闭", "等待客户回复", "已解决", "受理中"]
    rows = [["工单编号", "受理客服", "创建时间", "工单来源", "工单状态"]] + [
        [f"T{i}", "001", C, s, st] for i, (s, st) in enumerate(zip(sources, statuses))]
    m, problems, notes = load(tmp_path / "2026-10", rows)
    t = m.tables["tickets"]
    assert problems == [] and not any("不在已知词表中" in n for n in notes)
    assert t["channel"].tolist() == ["phone", "chat", "chat", "chat", "chat", "chat", "email", "chat"]
    assert t["status"].tolist() == ["open", "open", "open", "resolved", "resolved", "open", "resolved", "open"]
    assert agent_indicators(t, RB, pd.Timestamp("2026-11-01")).loc["001", "resolution_rate"] == 3 / 8


def test_more_words_of_call_records_and_chat_exports(tmp_path) -> None:
    """天润融通 外呼, Zendesk Voicemail, 七鱼 是否解决, and a rating with its points in brackets."""
    rows = [["会话ID", "客服", "会话开始时间", "会话来源", "是否解决", "满意度"],
            ["S1", "001", C, "外呼", "已解决", "满意(4分)"], ["S2", "001", C, "Voicemail", "未解决", "非常满意（5星）"],
            ["S3", "001", C, "企业微信", "是", "(5)"]]
    m, problems, _ = load(tmp_path / "2026-10", rows)
    t = m.tables["tickets"]
    assert t["channel"].tolist() == ["phone", "phone", "chat"] and t["status"].tolist() == ["resolved", "open", "resolved"]
    assert t["satisfaction"].tolist()[:2] == [4.0, 5.0]
    assert problems == ["month.xlsx:工单!F4: [满意度] “(5)” 值无法识别 "
                        "(应为:1–5 分、5星、百分制,或 非常满意/满意/一般/不满意/非常不满意、未评价)"]


def test_unix_times_in_seconds_and_milliseconds_are_read_in_the_centers_zone(tmp_path) -> None:
    """An export built from a helpdesk API (智齿's gives Unix times): 1790902800 is
    2026-10-02 01:00 UTC, 09:00 in Asia/Shanghai; a 13-digit number is in milliseconds."""
    rows = [["会话ID", "客服", "会话开始时间", "首次响应时间", "解决时间"],
            ["a1", "001", "1790902800", "1790902808000", 1790906400],
            ["a2", "001", 1790902800000, "2026-10-02 09:00:30", "1790906400000.0"]]
    m, problems, _ = load(tmp_path / "2026-10", rows)
    t = m.tables["tickets"]
    assert problems == []
    assert t["created_at"].tolist() == [pd.Timestamp("2026-10-02 09:00:00")] * 2
    assert t["first_response_at"].tolist() == [pd.Timestamp("2026-10-02 09:00:08"), pd.Timestamp("2026-10-02 09:00:30")]
    assert t["resolved_at"].tolist() == [pd.Timestamp("2026-10-02 10:00:00")] * 2


def test_a_number_that_is_no_unix_time_is_still_an_error(tmp_path) -> None:
    rows = [["会话ID", "客服", "会话开始时间"], ["a1", "001", "2790902800"], ["a2", "001", "179090280"]]
    _, problems, _ = load(tmp_path / "2026-10", rows)
    assert [p.split(" 值")[0] for p in problems] == ["month.xlsx:工单!C2: [会话开始时间] “2790902800”",
                                                    "month.xlsx:工单!C3: [会话开始时间] “179090280”"]
