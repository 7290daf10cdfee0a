"""The verdict line: one per employee, the grade and its cause (band and score, or the veto
with its trigger, date, article and what the score alone would have given)."""
from __future__ import annotations

import pandas as pd
import pytest

from processor.model import RuleRow
from processor.rulebook import load_rulebook
from processor.write.verdicts import bands, verdicts

RULES = load_rulebook().listing("zh")  # what the run hands the writers (RunInfo.rules)
NAT = pd.NaT


def summary() -> pd.DataFrame:
    rows = [("V", "fail", 93.52, NAT, "veto"), ("R", "fail", 62.42, pd.Timestamp("2026-10-13"), "veto;deemed_resigned"),
            ("W", "fail", 40.0, NAT, "veto"), ("E", "excellent", 90.0, NAT, ""), ("G", "good", 89.99, NAT, ""),
            ("P", "pass", 60.0, NAT, ""), ("F", "fail", 59.99, NAT, ""), ("N", None, None, NAT, "not_appraised")]
    return pd.DataFrame(rows, columns=["employee_id", "grade", "total_score", "deemed_resignation_date", "flags"])


def findings() -> pd.DataFrame:
    rows = [("V", "confidentiality", "2026-10-24", "002 第七条(一)", "泄露客户资料:拍摄客户信息"),
            ("V", "APR-VETO", "2026-10-31", "001 2", "考核不合格"),
            ("R", "ATT-RESIGN", "2026-10-13", "001 考勤管理制度 2", "第 4 天旷工"),
            ("W", "APR-VETO", "2026-10-31", "001 2", "考核不合格: 另案")]
    f = pd.DataFrame(rows, columns=["employee_id", "rule_id", "date", "citation", "evidence"])
    return f.assign(date=pd.to_datetime(f["date"]))


@pytest.mark.parametrize("lang, expected", [
    ("zh", {"V": "不合格(一票否决):泄露客户资料 2026-10-24,002 第七条(一);仅按总分 93.52 应为优秀",
            "R": "不合格(视为自动离职):当月旷工第4天视为自动离职 2026-10-13,001 考勤管理制度 2;仅按总分 62.42 应为合格",
            "W": "不合格(一票否决):考核不合格: 另案 2026-10-31,001 2;仅按总分 40.00 应为不合格",
            "E": "优秀:总分 90.00,达到优秀线 90 分", "G": "良好:总分 89.99,在 80–90 分档",
            "P": "合格:总分 60.00,在 60–80 分档", "F": "不合格:总分 59.99,低于合格线 60 分",
            "N": "未参评:除考勤纪律外没有其他考核项"}),
    ("en", {"V": "fail (veto): 泄露客户资料 2026-10-24, 002 第七条(一); the score alone (93.52) would give excellent",
            "E": "excellent: total 90.00, at or above the excellent line of 90",
            "F": "fail: total 59.99, below the pass line of 60"}),
])
def test_verdict_lines(lang, expected):
    got = verdicts(summary(), findings(), RULES, lang)
    assert {k: got[k] for k in expected} == expected


def test_bands_come_from_the_rulebook_listing():
    b = bands([RuleRow("APR-GRADE", "", {"excellent_min": 95.0, "good_min": 85.0, "pass_min": 70.0}, "")])
    assert (b.grade(95.0), b.grade(94.99), b.grade(85.0), b.grade(70.0), b.grade(69.99)) == (
        "excellent", "good", "good", "pass", "fail")
    assert bands([RuleRow("APR-GRADE", "", {"excellent_min": 88}, "")]).excellent_min == 88.0
    assert bands(RULES) == bands([])  # the default rulebook's bands: 90 / 80 / 60
