"""A small month scored by the real rules and scoring, so the writers are tested on what a run hands them.

The month's tables are typed as the validator hands them over (:mod:`rules_builders`);
:func:`sample` runs ``apply_rules`` and ``score_month`` on them with the default rulebook,
exactly as ``opscore run`` does. Five employees cover what the writers must get right: a
hostile formula name, a hostile ``<script>`` name, an id that looks like a path
(``../../etc``), a phone number inside an incident's note, a metric with no data (no
surveyed ticket), an employee who is not appraised, a deemed resignation (four days of
absence), team-level findings (ORG-SPAN) and a team name with a slash.
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from processor.model import InputFile, Month, RuleResults, RunInfo, Scored
from processor.rulebook import load_rulebook
from processor.rules import apply_rules
from processor.score import score_month
from processor.words import speaking
from rules_builders import _frame, attendance, day, incidents, leave, month, roster

MONTH = "2026-10"
FORMULA_NAME = '=HYPERLINK("http://x","y")'
SCRIPT_NAME = "<script>alert(1)</script>"
PATH_ID = "../../etc"
PHONE = "13800001234"
RUN_DATE = date(2026, 11, 3)  # before APR-DUE's 2026-11-10: on time

PEOPLE = [
    # id, name, department, team, role
    ("E001", "张伟", "客户服务部", "一组", "客服专员"),
    ("E002", FORMULA_NAME, "客户服务部", "一组", "客服专员"),
    ("E003", SCRIPT_NAME, "客户服务部", "二组/B", "客服专员"),
    ("E004", "李娜", "运营管理部", "二组/B", "运营专员"),
    (PATH_ID, "王芳", "技术支持部", "一组", "技术支持"),
]
ABSENT = ("13", "15", "20", "22")  # E003's days without a punch: the fourth is a deemed resignation
LEAVE = ("26", "27")  # E004's annual leave


def _day(emp: str, d: pd.Timestamp) -> dict:
    """E001 late on the 9th, E002 without a clock-out on the 14th, E003 absent, E004 on leave."""
    when = f"{d:%Y-%m-%d}"
    if d.weekday() >= 5:
        return day(emp, when, shift="rest")
    if (emp, d.day) == ("E001", 9):
        return day(emp, when, "08:35:12", "17:33")
    if (emp, d.day) == ("E002", 14):
        return day(emp, when, "08:18", None)
    if emp == "E003" and f"{d.day:02d}" in ABSENT or emp == "E004" and f"{d.day:02d}" in LEAVE:
        return day(emp, when, None, None)
    return day(emp, when, "08:18", "17:33")


def _tickets() -> pd.DataFrame:
    """E001: 20 tickets, 19 of 20 surveyed satisfied, all answered, resolved at first contact;
    E002: 10, none surveyed (no satisfaction rate), 2 answered late, 1 open, 3 not resolved at
    first contact; E003: 10, 6 of 10 satisfied, 2 open, 4 not at first contact, 2 complaints
    naming E002."""
    rows = []

    def ticket(agent: str, n: int, late: bool = False, open_: bool = False, **over: object) -> dict:
        t0 = pd.Timestamp("2026-10-05 10:00") + pd.Timedelta(days=n % 5)  # Monday to Friday: all at work
        return {"ticket_id": f"{agent}-{n}", "agent_id": agent, "channel": "phone", "ticket_type": "inquiry",
                "created_at": t0, "first_response_at": t0 + pd.Timedelta(hours=1 if late else 0, seconds=5),
                "resolved_at": None if open_ else t0 + pd.Timedelta(hours=2), "first_contact_resolved": True,
                **over}

    rows += [ticket("E001", n, satisfaction=5.0 if n else 2.0) for n in range(20)]
    rows += [ticket("E002", n, late=n < 2, open_=n == 2, first_contact_resolved=not 3 <= n <= 5) for n in range(10)]
    rows += [ticket("E003", n, open_=n >= 8, satisfaction=5.0 if n < 6 else 2.0, first_contact_resolved=n >= 4,
                    ticket_type="complaint" if n < 2 else "inquiry", complained_employee_id="E002" if n < 2 else None)
             for n in range(10)]
    return _frame("tickets", rows)


def sample_month() -> Month:
    """The month's typed tables, as the validator hands them to the rules."""
    people = [{"employee_id": e, "name": n, "department": d, "team": t, "role": r} for e, n, d, t, r in PEOPLE]
    days = pd.date_range(f"{MONTH}-01", f"{MONTH}-31")
    m = month(
        roster=roster(*people),
        attendance=attendance(*[_day(e, d) for e, *_ in PEOPLE for d in days]),
        leave=leave({"employee_id": "E004", "leave_type": "annual", "start": f"{MONTH}-{LEAVE[0]}",
                     "end": f"{MONTH}-{LEAVE[-1]}", "approver_role": "运营经理"}),
        tickets=_tickets(),
        qa=_frame("qa", [{"agent_id": a, "date": f"{MONTH}-{10 + i}", "score": s}
                         for a, scores in (("E001", [95] * 4), ("E002", [82] * 4), ("E003", [55] * 2))
                         for i, s in enumerate(scores)]),
        ratings=_frame("ratings", [{"employee_id": e, "attitude": s, "ability": s, "teamwork": s}
                                   for e, s in (("E001", 92), ("E002", 80), ("E003", 60), ("E004", 50))]),
        indicators=_frame("indicators", [{"employee_id": "E004", "indicator": "工单及时率", "target": 0.9,
                                          "actual": 0.6, "weight": 1.0, "direction": "higher"}]),
        incidents=incidents(
            {"employee_id": "E001", "date": f"{MONTH}-20", "code": "commendation", "note": f"回访客户 {PHONE} 来信表扬"},
            {"employee_id": "E002", "date": f"{MONTH}-14", "code": "desk_5s", "note": f"客户电话 {PHONE} 写在便签上"},
            {"employee_id": "E004", "date": f"{MONTH}-21", "code": "meeting_late", "amount": 0.0,
             "points": -5.0}),
    )
    m.files = [InputFile(f"{MONTH}/名册.xlsx", "a" * 64, {"roster": 5}),
               InputFile(f"{MONTH}/考勤.xlsx", "b" * 64, {"attendance": 155, "leave": 1}, note="WeCom 日报")]
    return m


def sample(lang: str = "zh") -> tuple[Scored, RuleResults, Month, RunInfo]:
    """The month scored as ``opscore run --lang LANG`` scores it: (scored, results, month, info)."""
    rulebook = load_rulebook()
    data = sample_month()
    with speaking(lang):
        results = apply_rules(data, rulebook)
        scored = score_month(data, results, rulebook, run_date=RUN_DATE)
    info = RunInfo(MONTH, "0.1.0", "2026-11-03T09:15:00", rulebook.sha256, rulebook.listing(lang), data.files,
                   lang=lang)
    return scored, results, data, info


def trend_frame() -> pd.DataFrame:
    """The ledger's months as ``ledger.trend`` gives them (this month last)."""
    return pd.DataFrame({
        "month": ["2026-08", "2026-09", "2026-10"], "employees": [5, 5, 5],
        "mean_score": [78.2, 80.4, 74.0], "fines_total": [120.0, 60.0, 415.0],
        "excellent": [1, 1, 1], "good": [2, 2, 1], "pass": [1, 2, 1], "fail": [1, 0, 1],
    })
