"""The evidence the swap, incident and break rules write, in the run's one language (issue 15):
the same finding in Chinese and in English, word for word; what an admin typed stays as typed."""
from __future__ import annotations

import pandas as pd

from processor.words import has_chinese, speaking
from rules_builders import attendance, breaks, day, incidents, roster, run, swaps

ROSTER = roster(("E1", "A", "客服专员"), ("E2", "A", "客服专员"), ("Q1", "A", "质检专员"),
                ("L1", "B", "班长"), ("S1", "A", "客服专员"))


def both(make) -> dict[str, pd.DataFrame]:
    """The findings of one month judged in Chinese and in English."""
    out = {}
    for lang in ("zh", "en"):
        with speaking(lang):
            out[lang] = make().findings
    return out


def evidence(findings: pd.DataFrame, rule: str) -> list[str]:
    return findings.loc[findings["rule_id"].eq(rule), "evidence"].tolist()


def test_swap_evidence_in_each_language():
    """A swap nobody approved, and one approved below 班长 between different roles."""
    f = both(lambda: run(roster=ROSTER, swaps=swaps(
        {"requester_id": "E1", "counterpart_id": "E2", "swap_date": "2026-10-08", "approver_id": None},
        {"requester_id": "E1", "counterpart_id": "Q1", "swap_date": "2026-10-12", "approver_id": "S1"}),
        attendance=attendance(day("E2", "2026-10-08"), day("Q1", "2026-10-12"))))
    assert evidence(f["zh"], "SW-PRIVATE") == [
        "E1 与 E2 换班(2026-10-08),无批准人(私自调班),申请人按旷工处理",
        "E1 与 Q1 换班(2026-10-12),批准人 S1(客服专员)低于班长,视为私自调班,申请人按旷工处理"]
    assert evidence(f["en"], "SW-PRIVATE") == [
        "swap of E1 and E2 (2026-10-08): no approver (a private swap); the requester counts as absent",
        "swap of E1 and Q1 (2026-10-12): approver S1 (客服专员) ranks below 班长: a private swap; "
        "the requester counts as absent"]
    assert evidence(f["zh"], "SW-SAMEROLE") == ["E1 与 Q1 换班(2026-10-12),双方岗位不同(客服专员 / 质检专员),批准人 S1"]
    assert evidence(f["en"], "SW-SAMEROLE") == [
        "swap of E1 and Q1 (2026-10-12): the parties hold different roles (客服专员 / 质检专员), approver S1"]


def test_incident_evidence_and_veto_reason_in_each_language():
    """The incident's name comes from the rulebook in the run's language; the note stays as typed."""
    def month():
        return run(incidents=incidents(
            {"employee_id": "E1", "date": "2026-10-05", "code": "desk_5s", "amount": None, "points": None,
             "note": "桌面乱七八糟"},
            {"employee_id": "E1", "date": "2026-10-06", "code": "confidentiality", "amount": None, "points": None,
             "note": "拍照"}))
    f = both(month)
    assert f["zh"]["evidence"].tolist() == ["桌面不整洁:桌面乱七八糟,罚款 10 元(规则默认金额)",
                                            "泄露客户资料:拍照,一票否决:考核不合格"]
    assert f["en"]["evidence"].tolist() == ["Desk untidy: 桌面乱七八糟; fined 10 yuan (the rule's default amount)",
                                            "Leaked or misused customer data: 拍照; veto: graded fail"]
    with speaking("en"):
        emp = month().employees
        assert emp["veto"].tolist() == ["Leaked or misused customer data 2026-10-06: 拍照"]
        # the date APR-VETO cites, handed over as a date (never read back out of the reason)
        assert emp["veto_date"].tolist() == [pd.Timestamp("2026-10-06")]


def test_break_evidence_in_each_language():
    f = both(lambda: run(breaks=breaks({"employee_id": "E1", "post": "语音一组", "left_at": "2026-10-05 10:00:00",
                                        "returned_at": "2026-10-05 10:07:30", "reason": None})))
    assert evidence(f["zh"], "BRK-LENGTH") == ["离岗 10:00–10:07:30(未注明原因),共 7 分 30 秒,超过 5 分钟 2 分钟(按整分钟计)"]
    assert evidence(f["en"], "BRK-LENGTH") == [
        "away 10:00–10:07:30 (no reason given): 7 min 30 s, 2 min over the 5-minute limit (whole minutes)"]
    assert not has_chinese(evidence(f["en"], "BRK-LENGTH")[0])
