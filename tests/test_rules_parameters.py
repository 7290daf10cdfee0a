"""Every rulebook parameter is in force: evidence quotes the value a center sets, and every
parameter is read by the code (rules.md: rules are data, never fixed words).

The month is the committed sample month (real workbooks, read once through ``load_month``);
each case lays a one-key center rulebook over the defaults, applies the rules and scores.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from processor.rulebook import DESCRIPTIVE, Rulebook, load_rulebook
from processor.rules import apply_rules
from processor.score import due_date, score_month
from processor.score.annual import month_scores
from processor.validate.month import load_month
from rules_builders import attendance, corrections, day, run

SAMPLE = Path(__file__).resolve().parents[1] / "sample_workbooks" / "2026-10"


@pytest.fixture(scope="module")
def sample():
    month, problems, _ = load_month(SAMPLE, "2026-10", load_rulebook())
    assert not problems
    return month


def findings_with(sample, tmp_path: Path, toml: str) -> pd.DataFrame:
    p = tmp_path / "center.toml"
    p.write_text(toml, encoding="utf-8")
    rb = load_rulebook(p)
    return score_month(sample, apply_rules(sample, rb), rb).findings


# (section, key, TOML value, rule whose findings must quote it, the words quoted)
CASES = [
    ("rules.ATT-LATE", "fine_per_minute", "3.5", "ATT-LATE", "每分钟罚款 3.5 元"),
    ("rules.ATT-EARLY", "fine_per_minute", "2.5", "ATT-EARLY", "每分钟罚款 2.5 元"),
    ("rules.ATT-EARLY", "early_leave_fined", "false", "ATT-EARLY", "只记录不罚款"),
    ("rules.ATT-LATE30", "minutes", "25", "ATT-LATE30", "≥25 分钟"),
    ("rules.ATT-ABSENCE", "fine_per_day", "150.0", "ATT-ABSENCE", "罚款 150 元"),
    ("rules.ATT-RESIGN", "allowed_days", "2", "ATT-RESIGN", "每月允许 2 天"),
    ("rules.LV-NOTICE", "personal_days_before", "2", "LV-NOTICE", "开始前 2 天"),
    ("rules.LV-NOTICE", "late_approver_role", '"主任"', "LV-NOTICE", "逾期申请须主任批准"),
    ("rules.LV-NOTICE", "special_hours_before", "2.0", "LV-NOTICE", "班前 2 小时"),
    ("rules.LV-SICKCERT", "late_certificate_invalidates", "true", "LV-SICKCERT", "请假无效"),
    ("rules.SW-CONSEC", "min_rest_hours", "10.0", "SW-CONSEC", "少于 10 小时"),
    ("rules.ATT-RESIGN", "resign_consecutive_only", "true", "ATT-RESIGN", "连续第"),
    ("rules.LV-NOTICE", "sick_needs_notice", "true", "LV-NOTICE", "病假须在开始前 1 天"),
    ("rules.LV-AUTHORITY", "short_max_days", "0.5", "LV-AUTHORITY", "不超过 0.5 天"),
    ("rules.LV-AUTHORITY", "long_min_role", '"主任"', "LV-AUTHORITY", "超过:主任"),
    ("rules.LV-SICKCERT", "min_days", "0.5", "LV-SICKCERT", "病假满 0.5 天"),
    ("rules.LV-NIGHT", "deadline_hour", "10", "LV-NIGHT", "10:00 前提出"),
    ("rules.LV-NIGHT", "min_role", '"运营经理"', "LV-NIGHT", "经运营经理及以上批准"),
    ("rules.LV-HOLIDAY", "days_before", "3", "LV-HOLIDAY", "须提前 3 天"),
    ("rules.LV-HOLIDAY", "min_role", '"主任"', "LV-HOLIDAY", "经主任批准"),
    ("rules.SW-NOTICE", "days_before", "3", "SW-NOTICE", "须提前 3 天申请"),
    ("rules.SW-NOTICE", "late_is_private", "true", "SW-PRIVATE", "未提前 1 天申请,视为私自调班"),
    ("rules.SW-PRIVATE", "both_absent", "true", "SW-PRIVATE", "双方均按旷工处理"),
    ("rules.SW-LIMIT", "max_per_month", "1", "SW-LIMIT", "每月最多 1 次"),
    ("rules.SW-LIMIT", "points_per_extra", "7.0", "SW-LIMIT", "扣 7 分"),
    ("rules.BRK-LENGTH", "max_minutes", "6", "BRK-LENGTH", "超过 6 分钟"),
    ("rules.BRK-LENGTH", "over_by_seconds", "true", "BRK-LENGTH", "按秒计"),
    ("rules.BRK-CONCURRENT", "max_share", "0.04", "BRK-CONCURRENT", "即 4%"),
    ("rules.BRK-CONCURRENT", "min_people", "0", "BRK-CONCURRENT", "至少 0 人"),
    ("rules.QA-SAMPLE", "min_evaluations", "6", "QA-SAMPLE", "少于 6 次"),
    ("rules.APR-COACH", "qa_below", "70.0", "APR-COACH", "低于 70"),
    ("rules.ORG-SPAN", "min_staff", "3", "ORG-SPAN", "不在 3–14 人之间"),
    ("rules.ORG-SPAN", "max_staff", "13", "ORG-SPAN", "不在 12–13 人之间"),
    ("rules.ORG-SPAN", "lead_role", '"客服主管"', "ORG-SPAN", "(客服主管以下)"),
    ("incidents.desk_5s", "amount", "20.0", "desk_5s", "罚款 20 元(规则默认金额)"),
    ("incidents.overtime_refused", "amount", "30.0", "overtime_refused", "罚款 30 元(规则默认金额)"),
]


@pytest.mark.parametrize("section, key, value, rule, words", CASES, ids=[f"{c[0]}.{c[1]}" for c in CASES])
def test_evidence_quotes_the_parameter_in_force(sample, tmp_path, section, key, value, rule, words):
    f = findings_with(sample, tmp_path, f"[{section}]\n{key} = {value}\n")
    evidence = f.loc[f["rule_id"].eq(rule), "evidence"]
    assert len(evidence), f"no {rule} finding in the sample month"
    assert evidence.str.contains(words, regex=False).any(), evidence.tolist()[:3]


def test_the_veto_citation_follows_the_rulebook(sample, tmp_path):
    f = findings_with(sample, tmp_path, '[rules.APR-VETO]\nincident_citation = "中心制度 第9条"\n')
    assert "中心制度 第9条" in f.loc[f["rule_id"].eq("APR-VETO"), "citation"].tolist()


class Recorder(dict):
    """A rule's parameters that remember which keys the code read."""

    def __init__(self, data: dict, seen: set[str], where: str) -> None:
        super().__init__(data)
        self.seen, self.where = seen, where

    def _saw(self, key) -> None:
        self.seen.add(f"{self.where}.{key}")

    def __getitem__(self, key):
        self._saw(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._saw(key)
        return super().get(key, default)

    def items(self):
        for key in self:
            self._saw(key)
        return super().items()


def test_every_parameter_is_read_by_the_code(sample):
    """Run the sample month (rules, scoring, the annual's month scores, the due date) with a
    rulebook that records each key read: every parameter of every rule and incident is read."""
    base = load_rulebook()
    seen: set[str] = set()
    data = dict(base.data)
    data["rules"] = {rid: Recorder(entry, seen, f"rules.{rid}") for rid, entry in base.rules.items()}
    data["incidents"] = {c: Recorder(e, seen, f"incidents.{c}") for c, e in base.incidents.items()}
    rb = Rulebook(data=data, sha256=base.sha256, sources=base.sources)
    month, _, _ = load_month(SAMPLE, "2026-10", rb)
    scored = score_month(month, apply_rules(month, rb), rb)
    due_date("2026-10", rb)
    month_scores(scored.summary.assign(month="2026-10"), rb)
    # the sample month has no corrections table: a one-row month reads CORR-APPLY / CORR-LIMIT
    run(rb, attendance=attendance(day("N1", "2026-10-05", "08:25", None)),
        corrections=corrections({"employee_id": "N1", "date": "2026-10-05", "kind": "punch", "clock_out": "17:35"}))
    keys = {f"rules.{rid}.{k}" for rid, e in base.rules.items() for k in e if k not in DESCRIPTIVE}
    keys |= {f"incidents.{c}.{k}" for c, e in base.incidents.items() for k in e if k not in ("name_zh", "name_en")}
    assert sorted(keys - seen) == []
