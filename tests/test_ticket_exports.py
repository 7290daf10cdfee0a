"""Issue 20: the sample month's tickets and QA in the shapes helpdesks and call systems export
give the plain month's per-agent indicators for every indicator the shape carries, and empty
(never 0) for every one it does not."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ticket_shapes as shapes
from processor.rulebook import load_rulebook
from processor.score.indicators import agent_indicators
from processor.score.qa import qa_scores
from processor.validate.month import load_month

RB = load_rulebook()
RATES = ["satisfaction_rate", "response_rate", "resolution_rate", "fcr_rate", "complaint_handling_rate",
         "callback_rate", "reopen_rate", "complaints_per_100"]
# shape → (writer, file name, phone calls only, indicators it carries)
SHAPES = {
    "qiyu": (shapes.qiyu, "会话记录.xlsx", False,
             ["satisfaction_rate", "response_rate", "resolution_rate", "complaint_handling_rate"]),
    "udesk": (shapes.udesk, "工单导出.xlsx", False, RATES),
    "tinet": (shapes.tinet, "通话记录.xlsx", True, ["satisfaction_rate", "response_rate"]),
    "zendesk": (shapes.zendesk, "zendesk_tickets.csv", False,
                ["satisfaction_rate", "response_rate", "resolution_rate", "complaint_handling_rate"]),
    "freshdesk": (shapes.freshdesk, "freshdesk.csv", False,
                  ["response_rate", "resolution_rate", "complaint_handling_rate"]),
    "salesforce": (shapes.salesforce, "report1700000000000.csv", False, ["resolution_rate", "complaint_handling_rate"]),
}


@pytest.fixture(scope="module")
def tickets() -> pd.DataFrame:
    return shapes.plain_tickets()


@pytest.fixture(scope="module")
def plain_months(tickets, tmp_path_factory) -> dict[bool, pd.DataFrame]:
    """The plain month's indicators: all tickets, and the phone calls only (for call records)."""
    out = {}
    for phone_only in (False, True):
        t = tickets[tickets["受理渠道"] == "电话"] if phone_only else tickets
        folder = tmp_path_factory.mktemp(f"plain{phone_only}") / "2026-10"
        out[phone_only] = indicators(shapes.month_folder(folder, {"工单.xlsx": shapes.plain(t)}))[0]
    return out


def indicators(folder) -> tuple[pd.DataFrame, list[str]]:
    m, problems, notes = load_month(folder, "2026-10", RB)
    assert [p.message for p in problems] == []
    return agent_indicators(m.tables["tickets"], RB, shapes.MONTH_END).sort_index(), notes


@pytest.mark.parametrize("shape", list(SHAPES))
def test_each_export_shape_gives_the_plain_months_indicators(shape, tickets, plain_months, tmp_path) -> None:
    write, name, phone_only, carried = SHAPES[shape]
    t = tickets[tickets["受理渠道"] == "电话"] if phone_only else tickets
    plain = plain_months[phone_only]
    got, notes = indicators(shapes.month_folder(tmp_path / shape / "2026-10", {name: write(t)}))
    assert got.index.tolist() == plain.index.tolist() and len(got) >= 40
    assert got["tickets"].tolist() == plain["tickets"].tolist()
    assert got["tickets"].sum() == len(t)
    for col in carried:
        assert np.allclose(got[col].to_numpy(float), plain[col].to_numpy(float), equal_nan=True), col
    assert plain[carried].notna().any().all()
    for col in set(RATES) - set(carried):  # no data, never 0
        assert got[col].isna().all(), col
    if shape == "tinet":
        assert any("2 条工单/通话没有坐席" in n for n in notes)
        assert any("去掉前导零的工号" in n and "4712 → 04712" in n for n in notes)
    if shape == "salesforce":
        assert any("合计或说明行" in n for n in notes)


def test_the_chinese_qa_export_gives_the_plain_qa(tmp_path) -> None:
    q = shapes.plain_qa()
    plain_m, p1, _ = load_month(shapes.month_folder(tmp_path / "a" / "2026-10", {"质检.xlsx": q}), "2026-10", RB)
    shaped = shapes.chinese_qa(q)
    assert shaped["质检得分"].str.endswith("%").sum() > 50 and shaped["质检得分"].str.endswith("分").sum() > 50
    m, p2, _ = load_month(shapes.month_folder(tmp_path / "b" / "2026-10", {"质检导出.xlsx": shaped}), "2026-10", RB)
    assert p1 == [] and p2 == []
    assert m.tables["qa"]["score"].tolist() == plain_m.tables["qa"]["score"].tolist()
    assert m.tables["qa"]["fatal_error"].tolist() == plain_m.tables["qa"]["fatal_error"].tolist()
    a, b = qa_scores(plain_m.tables["qa"], RB), qa_scores(m.tables["qa"], RB)
    pd.testing.assert_frame_equal(a, b)
