"""Issue 20: the variations real helpdesk downloads take beyond each system's own shape — time
formats (Excel serials, Unix seconds and milliseconds, ISO with +08:00), placeholders (``-``,
空, N/A, 无, null), satisfaction scales, duration spellings and header units, a 合计 row,
agents that name nobody (未分配, 机器人) — each a real file in a month folder: the plain
month's per-agent indicators."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ticket_shapes as shapes
from test_ticket_exports import RATES, indicators

FIVE = {5: "非常满意", 4: "满意", 3: "一般", 2: "不满意", 1: "非常不满意"}
TIMES = ("创建时间", "受理时间", "首次响应时间", "解决时间", "关闭时间", "回访时间")


@pytest.fixture(scope="module")
def tickets() -> pd.DataFrame:
    return shapes.plain_tickets()


@pytest.fixture(scope="module")
def plain(tickets, tmp_path_factory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("plain") / "2026-10"
    return indicators(shapes.month_folder(folder, {"工单.xlsx": shapes.plain(tickets)}))[0]


def _times(frame: pd.DataFrame, fmt) -> pd.DataFrame:
    out = frame.copy()
    for c in TIMES:
        when = pd.to_datetime(out[c], errors="coerce")
        out[c] = fmt(when).where(when.notna(), "")
    return out


def _unix(when: pd.Series, per_second: int) -> pd.Series:
    secs = (when - pd.Timedelta(hours=8) - pd.Timestamp("1970-01-01")) // pd.Timedelta(seconds=1)
    return (secs * per_second).astype("Int64").astype(str)


def _serial(when: pd.Series) -> pd.Series:
    return (when - pd.Timestamp("1899-12-30")) / pd.Timedelta(days=1)


def _placeholder(word: str):
    def write(u: pd.DataFrame, t: pd.DataFrame) -> pd.DataFrame:
        u = u.copy()
        for c in ("首次响应时间", "解决时间", "关闭时间", "回访时间"):
            u[c] = u[c].where(u[c] != "", word)
        u["满意度"] = u["满意度"].where(u["满意度"] != "未评价", word)
        return u
    return write


def _nobody(word: str):
    """One more ticket whose agent cell names nobody."""
    row = {"工单ID": "X1", "受理客服": word, "创建时间": "2026-10-03 10:00:00", "工单状态": "已关闭", "满意度": "未评价"}
    return lambda u, t: pd.concat([u, pd.DataFrame([row])], ignore_index=True)


def _sat(spell):
    return lambda u, t: u.assign(满意度=t["sat"].map(lambda v: spell(int(v)) if v == v else "未评价"))


UDESK = {
    "Excel serial times": lambda u, t: _times(u, _serial),
    "Unix seconds": lambda u, t: _times(u, lambda w: _unix(w, 1)),
    "Unix milliseconds": lambda u, t: _times(u, lambda w: _unix(w, 1000)),
    "ISO +08:00": lambda u, t: _times(u, lambda w: w.dt.strftime("%Y-%m-%dT%H:%M:%S+08:00")),
    **{f"placeholder {w}": _placeholder(w) for w in ("-", "空", "N/A", "无", "null")},
    "satisfaction 1-5": _sat(str),
    "satisfaction ★": _sat(lambda v: "★" * v),
    "satisfaction 5星": _sat(lambda v: f"{v}星"),
    "satisfaction 100-point": _sat(lambda v: str((v - 1) * 25)),
    "satisfaction English words": _sat(lambda v: {5: "Very Satisfied", 4: "Satisfied", 3: "Neutral",
                                                  2: "Dissatisfied", 1: "Very Dissatisfied"}[v]),
    "合计 row": lambda u, t: pd.concat([u, pd.DataFrame([{"工单ID": "合计", "受理客服": ""}])], ignore_index=True),
    **{f"agent {w}": _nobody(w) for w in ("未分配", "-", "机器人", "系统")},
}


@pytest.mark.parametrize("variant", list(UDESK))
def test_udesk_variants_give_the_plain_months_indicators(variant, tickets, plain, tmp_path):
    shaped = UDESK[variant](shapes.udesk(tickets), tickets)
    got, notes = indicators(shapes.month_folder(tmp_path / "2026-10", {"工单导出.xlsx": shaped}))
    assert got.index.tolist() == plain.index.tolist()
    assert got["tickets"].tolist() == plain["tickets"].tolist()
    for col in RATES:
        assert np.allclose(got[col].to_numpy(float), plain[col].to_numpy(float), equal_nan=True), col
    if variant.startswith("agent"):
        assert any("1 条工单/通话没有坐席" in n for n in notes)


def _hms(g: float) -> str:
    return f"{int(g) // 3600:02d}:{int(g) % 3600 // 60:02d}:{int(g) % 60:02d}"


QIYU = {  # header → the duration spelled so (gap in seconds)
    ("首次响应时长", "83秒"): lambda g: f"{int(g)}秒",
    ("首次响应时长", "1分23秒"): lambda g: f"{int(g) // 60}分{int(g) % 60}秒",
    ("首次响应时长", "00:01:23"): _hms,
    ("首次响应时长", "1.5分钟"): lambda g: f"{g / 60:g}分钟",
    ("首次响应时长", "1小时0分23秒"): lambda g: f"{int(g) // 3600}小时{int(g) % 3600 // 60}分{int(g) % 60}秒",
    ("首次响应时长（秒）", "83"): lambda g: str(int(g)),
    ("首响时长/秒", "83"): lambda g: str(int(g)),
    ("首次响应时长[秒]", "83"): lambda g: str(int(g)),
    ("首次响应时长(分钟)", "1.383333"): lambda g: f"{g / 60:.6f}",
    ("首次响应时长（分）", "1.383333"): lambda g: f"{g / 60:.6f}",
    ("First response time (min)", "1.383333"): lambda g: f"{g / 60:.6f}",
}


@pytest.mark.parametrize("header, spelled", list(QIYU))
def test_chat_export_durations_and_units(header, spelled, tickets, plain, tmp_path):
    """The 七鱼 chat export with its first-response duration spelled and headed each way."""
    gap = (tickets["首次响应时间"] - tickets["创建时间"]).dt.total_seconds()
    shaped = shapes.qiyu(tickets).drop(columns=["首次响应时长"])
    shaped[header] = gap.map(lambda g: QIYU[(header, spelled)](g) if g == g else "")
    got, _ = indicators(shapes.month_folder(tmp_path / "2026-10", {"会话记录.xlsx": shaped}))
    assert got["tickets"].tolist() == plain["tickets"].tolist()
    for col in ("response_rate", "satisfaction_rate", "resolution_rate"):
        assert np.allclose(got[col].to_numpy(float), plain[col].to_numpy(float), equal_nan=True), col
    assert got["fcr_rate"].isna().all()  # no 首问解决 column: no data, never 0
