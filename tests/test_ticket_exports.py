"""Issue 20: the sample month's tickets and QA in the shapes helpdesks and call systems export
give the plain month's per-agent indicators for every indicator the shape carries, and empty
(never 0) for every one it does not."""
from __future__ import annotations

import shutil

import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import ticket_shapes as shapes
from cli import main
from processor.rulebook import load_rulebook
from processor.score.indicators import agent_indicators
from processor.score.qa import qa_scores
from processor.validate.month import load_month

RB = load_rulebook()
RATES = ["satisfaction_rate", "response_rate", "resolution_rate", "fcr_rate", "complaint_handling_rate",
         "callback_rate", "reopen_rate", "complaints_per_100"]
# shape → (writer, file name, phone calls only, indicators it carries, roster)
SHAPES = {
    "qiyu": (shapes.qiyu, "会话记录.xlsx", False,
             ["satisfaction_rate", "response_rate", "resolution_rate", "complaint_handling_rate"]),
    "udesk": (shapes.udesk, "工单导出.xlsx", False, RATES),
    "sobot": (shapes.sobot, "智齿工单导出_20261101.xlsx", False,
              ["satisfaction_rate", "response_rate", "resolution_rate", "complaint_handling_rate"]),
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
    roster = shapes.sobot_roster() if shape == "sobot" else None
    got, notes = indicators(shapes.month_folder(tmp_path / shape / "2026-10", {name: write(t)}, roster))
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
    if shape == "sobot":  # 客服昵称 in the roster; Sobot's open words are known (no "not in the list" note)
        assert any("按员工名册的账号对应到工号:小欣04712 → 04712" in n for n in notes)
        assert not any("不在已知词表中" in n for n in notes)
        assert any("没有首问解决、回访时间、重新处理、被投诉工号列" in n for n in notes)
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


def _summary(path) -> dict[str, dict[str, object]]:
    ws = openpyxl.load_workbook(path, read_only=True)["Summary"]
    rows = list(ws.iter_rows(values_only=True))
    return {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}


def test_run_on_a_chat_export_rescales_what_it_lacks(tickets, tmp_path) -> None:
    """`opscore run` on the sample month with its tickets as a 七鱼 export (no 首问解决, 回访,
    重新处理 columns): FCR is empty and its weight shared out, never a 0 that drags the grade."""
    runner = CliRunner()
    out = {}
    for shape, files in (("plain", {"工单.xlsx": shapes.plain(tickets)}), ("qiyu", {"会话.xlsx": shapes.qiyu(tickets)})):
        folder = shapes.month_folder(tmp_path / shape / "2026-10", files)
        for name in ("质检.csv", "考评与指标.xlsx", "请假换班奖惩.xlsx", "离岗记录.xlsx"):
            shutil.copy(shapes.SAMPLE / name, folder / name)
        r = runner.invoke(main, ["run", str(folder), "--out", str(tmp_path / f"out-{shape}"), "--lang", "en", "-q"])
        assert r.exit_code == 0, r.output
        out[shape] = _summary(tmp_path / f"out-{shape}" / "2026-10" / "scored-2026-10.xlsx")
    plain, got = out["plain"]["02495"], out["qiyu"]["02495"]
    assert plain["total_score"] == 78.76 and plain["fcr_rate"] == pytest.approx(61 / 74)
    assert got["fcr_rate"] is None and got["callback_rate"] is None and got["reopen_rate"] is None
    for col in ("tickets", "satisfaction_rate", "response_rate", "resolution_rate", "qa_score", "attendance_score"):
        assert got[col] == pytest.approx(plain[col]), col
    weights = {"satisfaction_score": 20, "response_score": 10, "resolution_score": 10, "qa_score": 20,
               "rating": 15, "attendance_score": 15}  # customer service without fcr (10)
    expected = sum(w * plain[c] for c, w in weights.items()) / sum(weights.values()) + (plain["points"] or 0)
    assert got["total_score"] == round(expected, 2)
    assert got["total_score"] == 76.40 and got["flags"] == "rescaled:no_fcr" and not plain["flags"]
