"""Issue 13, the rules exactly: each case of rules.md through real workbooks and `opscore run`.

Every month here has three people of 客户服务部 in team 一组 (001, 002 客服专员; 003 班长, who
approves), each rated 80 on all three items: with no ticket or QA data their total is
(rating 80 + attendance) / 2, so a clean month is 90.00 (优秀) and one absence day
(attendance 100 − 10 = 90) makes 85.00 (良好).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from cli import main
from workbooks import ATT_HEADER, ROSTER_HEADER, xlsx

ROSTER = [["001", "张三", "客户服务部", "一组", "客服专员"], ["002", "李四", "客户服务部", "一组", "客服专员"],
          ["003", "王五", "客户服务部", "一组", "班长"]]
RATING_H = ["工号", "工作态度", "专业能力", "团队协作"]
SWAP_H = ["申请人工号", "对方工号", "换班日期", "申请时间", "批准人工号"]
LEAVE_H = ["工号", "假别", "开始时间", "结束时间", "申请时间", "审批人岗位", "病假证明", "班前电话通知"]
INC_H = ["工号", "日期", "事项代码", "备注"]


def D(day: int, month: int = 10, year: int = 2026) -> dt.date:
    return dt.date(year, month, day)


def worked(emp: str, day: dt.date, cin: str = "08:15", cout: str = "17:31", shift=("早班", "08:30", "17:30")) -> list:
    return [emp, day, shift[0], shift[1], shift[2], cin, cout]


def write_month(folder: Path, att: list[list], roster: list[list] = ROSTER, rated: tuple[str, ...] = ("001", "002", "003"),
                rating: int = 80, **sheets: list[list]) -> Path:
    """The month folder with roster, attendance (each person's 8th worked unless given), ratings."""
    days = {(r[0], r[1]) for r in att}
    base = [worked(p[0], folder_day(folder, 8)) for p in roster if (p[0], folder_day(folder, 8)) not in days]
    book = {"名册": [ROSTER_HEADER, *roster], "考勤": [ATT_HEADER, *base, *att],
            "考评": [RATING_H, *[[e, rating, rating, rating] for e in rated]]}
    book.update({k: v for k, v in sheets.items() if v})
    xlsx(folder / "m.xlsx", book)
    return folder


def folder_day(folder: Path, day: int) -> dt.date:
    y, m = map(int, folder.name.split("-"))
    return dt.date(y, m, day)


def run(runner, folder: Path, out: Path, *extra: str, lang: str = "en"):
    r = runner.invoke(main, ["run", str(folder), "--out", str(out), "--lang", lang, "-q", *extra])
    assert r.exit_code == 0, r.output
    return r


def sheet(out: Path, ym: str, name: str) -> list[dict]:
    ws = openpyxl.load_workbook(out / ym / f"scored-{ym}.xlsx", read_only=True)[name]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def summary(out: Path, ym: str = "2026-10") -> dict[str, dict]:
    return {r["employee_id"]: r for r in sheet(out, ym, "Summary") if r["employee_id"] and r.get("department")}


def findings(out: Path, rule: str, ym: str = "2026-10") -> list[dict]:
    return [r for r in sheet(out, ym, "Findings") if r["rule_id"] == rule]


def center(tmp_path: Path, text: str, name: str = "center.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# ---------------------------------------------------------------- SW-HOLIDAY and the calendar
def holiday_swap_month(folder: Path, **sheets) -> Path:
    """001 swaps the National Day (10-01) with 002, approved by 班长 003 a week ahead; the
    attendance shows 001 at rest that day and 002 working it."""
    att = [["001", D(1), "休息", None, None, None, None], worked("002", D(1))]
    swaps = [SWAP_H, ["001", "002", D(1), "2026-09-24 10:00", "003"]]
    return write_month(folder, att, 换班=swaps, **sheets)


def test_approved_swap_on_a_statutory_holiday_is_an_absence(runner, tmp_path):
    """No holidays table: the statutory calendar says 10-01 is 国庆节. The swap does not count as
    approved; 001 did not work their own shift → absence 100 yuan, attendance 90, total
    (80 + 90) / 2 = 85.00 良好 (not 90.00 优秀 × 1.2)."""
    folder = holiday_swap_month(tmp_path / "2026-10")
    out = tmp_path / "out"
    run(runner, folder, out, lang="zh")
    rows = list(openpyxl.load_workbook(out / "2026-10" / "scored-2026-10.xlsx", read_only=True)["汇总"]
                .iter_rows(values_only=True))
    assert next(r for r in rows if r[0] == "001")[:1] == ("001",)
    assert {"良好", 85} <= set(next(r for r in rows if r[0] == "001"))
    run(runner, folder, tmp_path / "en")
    s = summary(tmp_path / "en")
    assert (s["001"]["fines_total"], s["001"]["absence_days"], s["001"]["total_score"], s["001"]["grade"],
            s["001"]["bonus_coefficient"]) == (100, 1, 85.0, "good", 1.0)
    assert (s["002"]["total_score"], s["002"]["grade"]) == (90.0, "excellent")
    absence = findings(tmp_path / "en", "ATT-ABSENCE")
    assert [(f["employee_id"], f["fine"]) for f in absence] == [("001", 100)]
    assert "holiday swap not recognised, own shift not worked (2026-10-01, 001 and 002)" in absence[0]["evidence"]
    assert [f["employee_id"] for f in findings(tmp_path / "en", "SW-HOLIDAY")] == ["001"]
    run_sheet = {r["rule_id"]: r for r in sheet(tmp_path / "en", "2026-10", "Run") if r.get("rule_id")}
    assert "chinese-calendar" in str(run_sheet["calendar"]["title"])
    check = runner.invoke(main, ["check", str(folder)])
    assert check.exit_code == 0 and "法定节假日(chinese-calendar" in check.output and "国庆节" in check.output


def test_a_holidays_table_overrides_the_statutory_calendar(runner, tmp_path):
    """The center's table lists only 10-02: 10-01 is a working day, the swap stands, 001 is
    not absent (90.00 优秀); check names the table."""
    folder = holiday_swap_month(tmp_path / "2026-10", 节假日=[["日期", "节日"], [D(2), "中心假日"]])
    run(runner, folder, tmp_path / "out")
    s = summary(tmp_path / "out")
    assert (s["001"]["absence_days"], s["001"]["total_score"]) == (0, 90.0)
    assert findings(tmp_path / "out", "SW-HOLIDAY") == []
    check = runner.invoke(main, ["check", str(folder)])
    assert "节假日表 m.xlsx:本月 1 天" in check.output


def test_a_year_the_calendar_does_not_cover_needs_a_holidays_table(runner, tmp_path):
    folder = write_month(tmp_path / "2031-10", [])
    r = runner.invoke(main, ["check", str(folder)])
    assert r.exit_code == 1 and "法定节假日数据不包含 2031 年:请放入“节假日”表" in r.output
    xlsx(folder / "hol.xlsx", {"节假日": [["日期", "节日"], [D(1, 10, 2031), "国庆节"]]})
    assert runner.invoke(main, ["check", str(folder)]).exit_code == 0


# ---------------------------------------------------------------- SW-MISSED, SW-NOTICE, SW-PRIVATE switches
def missed_month(folder: Path) -> Path:
    """001 gives the 12th to 002 (approved, in time); the schedule still shows 001 on the 12th
    with no punch, 002 has no row: nobody worked it."""
    att = [worked("001", D(12), None, None)]
    return write_month(folder, att, 换班=[SWAP_H, ["001", "002", D(12), "2026-10-05 10:00", "003"]])


@pytest.mark.parametrize("both, absent", [(False, {"002"}), (True, {"001", "002"})])
def test_a_swapped_shift_nobody_worked(runner, tmp_path, both, absent):
    """Default: 002, whom the swap put on the shift, is absent (100 yuan, 85.00); 001 gave it
    away. ``SW-MISSED.both_absent``: 001 too."""
    rules = center(tmp_path, f"[rules.SW-MISSED]\nboth_absent = {str(both).lower()}\n")
    run(runner, missed_month(tmp_path / "2026-10"), tmp_path / "out", "--rules", str(rules))
    s = summary(tmp_path / "out")
    assert {e for e in ("001", "002") if s[e]["absence_days"] == 1} == absent
    assert {e: s[e]["total_score"] for e in ("001", "002")} == {e: 85.0 if e in absent else 90.0 for e in ("001", "002")}
    missed = findings(tmp_path / "out", "SW-MISSED")
    assert len(missed) == 1 and missed[0]["employee_id"] == "002"
    assert missed[0]["evidence"].startswith("swap of 001 and 002 (2026-10-12): nobody worked")
    assert ("both count as absent" in missed[0]["evidence"]) == both


@pytest.mark.parametrize("private, absent", [(False, 0), (True, 1)])
def test_late_swap_request_switch(runner, tmp_path, private, absent):
    """Requested on the swap date itself, approved: a finding (default), or a private swap."""
    att = [worked("002", D(12))]
    folder = write_month(tmp_path / "2026-10", att, 换班=[SWAP_H, ["001", "002", D(12), "2026-10-12 07:00", "003"]])
    rules = center(tmp_path, f"[rules.SW-NOTICE]\nlate_is_private = {str(private).lower()}\n")
    run(runner, folder, tmp_path / "out", "--rules", str(rules))
    assert summary(tmp_path / "out")["001"]["absence_days"] == absent
    assert len(findings(tmp_path / "out", "SW-NOTICE")) == 1
    assert len(findings(tmp_path / "out", "SW-PRIVATE")) == absent


@pytest.mark.parametrize("both, absent", [(False, {"001"}), (True, {"001", "002"})])
def test_private_swap_both_absent_switch(runner, tmp_path, both, absent):
    folder = write_month(tmp_path / "2026-10", [worked("002", D(12))],
                         换班=[SWAP_H, ["001", "002", D(12), "2026-10-05 10:00", None]])
    rules = center(tmp_path, f"[rules.SW-PRIVATE]\nboth_absent = {str(both).lower()}\n")
    run(runner, folder, tmp_path / "out", "--rules", str(rules))
    s = summary(tmp_path / "out")
    assert {e for e in ("001", "002") if s[e]["absence_days"] == 1} == absent


# ---------------------------------------------------------------- leave
def test_overlapping_requests_each_judged_and_a_duplicate_once(runner, tmp_path):
    """001 on the 9th: a 事假 asked that morning (LV-NOTICE fails: invalid), typed twice, and a
    病假 with a certificate asked the day before (valid). The day is leave (no absence, 90.00);
    the invalid request's finding is there once; check notes the duplicate row."""
    late = ["001", "事假", D(9), D(9), "2026-10-09 07:00", "客服主管", None, None]
    leave = [LEAVE_H, late, ["001", "病假", D(9), D(9), "2026-10-08 20:00", "客服主管", "是", None], late]
    folder = write_month(tmp_path / "2026-10", [worked("001", D(9), None, None)], 请假=leave)
    run(runner, folder, tmp_path / "out")
    s = summary(tmp_path / "out")
    assert (s["001"]["absence_days"], s["001"]["leave_days"], s["001"]["total_score"]) == (0, 1, 90.0)
    notice = findings(tmp_path / "out", "LV-NOTICE")
    assert [(f["employee_id"], f["date"].day) for f in notice] == [("001", 9)]
    day = [r for r in sheet(tmp_path / "out", "2026-10", "Attendance") if r["employee_id"] == "001" and r["date"].day == 9]
    assert day[0]["outcome"] == "leave"
    check = runner.invoke(main, ["check", str(folder)])
    assert check.exit_code == 0 and "m.xlsx:请假!4: 与第 2 行完全相同的请假,只计一次" in check.output


@pytest.mark.parametrize("needs, absent", [(False, 0), (True, 1)])
def test_sick_leave_notice_switch(runner, tmp_path, needs, absent):
    """Sick leave asked at 07:00 the same day, before the 08:30 shift, approved by a 客服主管:
    valid by default (LV-EMERGENCY only); with ``sick_needs_notice`` it needed a day's notice."""
    leave = [LEAVE_H, ["001", "病假", "2026-10-09 08:30", "2026-10-09 12:00", "2026-10-09 07:00", "客服主管", None, None]]
    folder = write_month(tmp_path / "2026-10", [worked("001", D(9), "12:00", "17:31")], 请假=leave)
    rules = center(tmp_path, f"[rules.LV-NOTICE]\nsick_needs_notice = {str(needs).lower()}\n")
    run(runner, folder, tmp_path / "out", "--rules", str(rules))
    assert len(findings(tmp_path / "out", "LV-NOTICE")) == absent
    assert summary(tmp_path / "out")["001"]["absence_days"] == absent  # 12:00 is ≥ 30 min late without it


def test_absence_evidence_names_the_valid_morning_leave(runner, tmp_path):
    """A valid 特殊事假 08:30–12:00 and no punch at all: the afternoon is an absence, and the
    evidence says the valid leave covered only part of the shift (not "no valid leave")."""
    leave = [LEAVE_H, ["001", "特殊事假", "2026-10-09 08:30", "2026-10-09 12:00", "2026-10-08 09:00", "客服主管", None, None]]
    run(runner, write_month(tmp_path / "2026-10", [worked("001", D(9), None, None)], 请假=leave), tmp_path / "out")
    ev = findings(tmp_path / "out", "ATT-ABSENCE")[0]["evidence"]  # an English run: English evidence
    assert ev == ("absent 1 day: no clock-in or clock-out, valid leave (special personal leave 2026-10-09 08:30 "
                  "to 12:00, 0.39 days) covers only part of the shift, the rest has no punch; fined 100 yuan")


# ---------------------------------------------------------------- APR-SCORE / APR-VETO
def test_vetoed_employees_without_data_stay_not_appraised(runner, tmp_path):
    """004 (confidentiality) and 005 (4 no-show days, deemed resigned on the 4th) have no rating:
    empty total, 不合格, coefficient 0, flag not_appraised; each APR-VETO cites its trigger."""
    roster = [*ROSTER, ["004", "赵六", "客户服务部", "一组", "客服专员"], ["005", "钱七", "客户服务部", "一组", "客服专员"]]
    att = [worked("005", D(d), None, None) for d in (1, 2, 5, 6)]
    inc = [INC_H, ["004", D(15), "泄露客户资料", "把客户电话发到微信群"]]
    run(runner, write_month(tmp_path / "2026-10", att, roster=roster, 奖惩=inc), tmp_path / "out")
    s = summary(tmp_path / "out")
    for e in ("004", "005"):
        assert (s[e]["total_score"], s[e]["grade"], s[e]["bonus_coefficient"]) == (None, "fail", 0)
        assert "not_appraised" in s[e]["flags"] and "veto" in s[e]["flags"]
    veto = {f["employee_id"]: f for f in findings(tmp_path / "out", "APR-VETO")}
    assert veto["004"]["citation"] == "002 第七条(一)" and veto["004"]["date"].day == 15
    assert veto["004"]["evidence"] == "veto: Leaked or misused customer data 2026-10-15: 把客户电话发到微信群; graded fail"
    assert veto["005"]["citation"] == "001 客户部管理制度2 · 考勤管理制度 2" and veto["005"]["date"].day == 6
    assert veto["005"]["evidence"] == "veto: 2026-10-06 was absence day 4 of the month, deemed resigned; graded fail"
    from processor.rulebook import load_rulebook

    rb = load_rulebook()  # the title is the trigger's too
    assert veto["004"]["title"] == rb.incidents["confidentiality"]["name_en"]
    assert veto["005"]["title"] == rb.title("ATT-RESIGN", "en")
    zh = tmp_path / "zh"
    run(runner, tmp_path / "2026-10", zh, lang="zh")
    ws = openpyxl.load_workbook(zh / "2026-10" / "scored-2026-10.xlsx", read_only=True)["汇总"]
    rows = [r for r in ws.iter_rows(values_only=True) if r and r[0] == "004"]
    assert "不合格" in rows[0]
    book = openpyxl.load_workbook(zh / "2026-10" / "scored-2026-10.xlsx", read_only=True)["明细"]
    head, *body = list(book.iter_rows(values_only=True))
    titles = {r[head.index("工号")]: r[head.index("规则名称")] for r in body if r[head.index("规则编号")] == "APR-VETO"}
    assert titles == {"004": rb.incidents["confidentiality"]["name_zh"], "005": rb.title("ATT-RESIGN", "zh")}


# ---------------------------------------------------------------- APR-ANNUAL
@pytest.mark.parametrize("mode, want, grade", [("zero", 32.5, "fail"), ("total", 97.5, "excellent")])
def test_annual_of_a_twice_vetoed_employee(runner, tmp_path, mode, want, grade):
    """001 rated 95, vetoed (confidentiality) in January and February, clean in March: each
    month's total is (95 + 100) / 2 = 97.50. "zero" (default): the vetoed months count 0,
    (0 + 0 + 97.5) / 3 = 32.50 不合格; "total": 97.50 优秀. April–December have no run yet:
    provisional."""
    out = tmp_path / "out"
    for m in (1, 2, 3):
        inc = [INC_H, ["001", D(9, m), "泄露客户资料", "外传"]] if m < 3 else []
        folder = write_month(tmp_path / f"2026-{m:02d}", [], rating=95, 奖惩=inc)
        run(runner, folder, out)
    rules = center(tmp_path, f'[rules.APR-ANNUAL]\nvetoed_month_score = "{mode}"\n')
    r = runner.invoke(main, ["annual", "2026", "--out", str(out), "--lang", "en", "--rules", str(rules)])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out / "annual-2026.xlsx", read_only=True).worksheets[0]
    got = list(ws.iter_rows(values_only=True))
    row = {k: v for k, v in zip(got[0], next(x for x in got[1:] if x[0] == "001"))}
    assert (row["annual_score"], row["grade"]) == (want, grade)
    assert row["vetoed_months"] == "2026-01, 2026-02" and row["failed_months"] == "2026-01, 2026-02"
    assert row["provisional"] in (True, "True", "TRUE", 1)
    other = {k: v for k, v in zip(got[0], next(x for x in got[1:] if x[0] == "002"))}
    assert (other["annual_score"], other["vetoed_months"] or "") == (97.5, "")


# ---------------------------------------------------------------- ORG-IDUSE, HO-GAP
TICKET_H = ["工单号", "坐席工号", "渠道", "类型", "创建时间"]


def test_tickets_under_the_id_of_someone_not_at_work(runner, tmp_path):
    """002 rests on the 10th (a 调休 working day, but the schedule says rest) and is on full-day
    leave on the 13th, yet three and one tickets carry their id: one ORG-IDUSE each day, no
    fine. 001's tickets on their worked 8th are fine; a 02:00 ticket after 003's night shift
    of the 8th belongs to that shift."""
    att = [["002", D(10), "休息", None, None, None, None], worked("002", D(13), None, None),
           ["003", D(8), "夜班", "22:00", "06:00", "21:40", "06:05"]]
    leave = [LEAVE_H, ["002", "年假", D(13), D(13), "2026-10-01 09:00", "客服主管", None, None]]
    tickets = [TICKET_H, *[[f"T{i}", "002", "电话", "咨询", f"2026-10-10 1{i}:00"] for i in range(3)],
               ["T7", "002", "电话", "咨询", "2026-10-13 10:00"], ["T8", "001", "电话", "咨询", "2026-10-08 10:00"],
               ["T9", "003", "电话", "咨询", "2026-10-09 02:00"]]
    run(runner, write_month(tmp_path / "2026-10", att, 请假=leave, 工单=tickets), tmp_path / "out")
    got = [(f["employee_id"], f["date"].day, f["fine"], f["evidence"]) for f in findings(tmp_path / "out", "ORG-IDUSE")]
    assert got == [("002", 10, 0, "2026-10-10 was a rest day, yet id 002 handled 3 ticket(s): someone else may "
                                  "have used the id, to be checked"),
                   ("002", 13, 0, "2026-10-13 was a leave day, yet id 002 handled 1 ticket(s): someone else may "
                                  "have used the id, to be checked")]


@pytest.mark.parametrize("points, total", [(0.0, 90.0), (3.0, 87.0)])
def test_handover_gap(runner, tmp_path, points, total):
    """Team 一组: 001's 早班 ends at 17:30 as 002's 中班 begins; 001 clocks out 17:31, 002 clocks
    in 17:40 (late 10 minutes): the seats were empty 9 minutes. HO-GAP.points (default 0)
    deducts from 001's total."""
    att = [worked("001", D(8), "08:15", "17:31"), worked("002", D(8), "17:40", "23:05", shift=("中班", "17:30", "23:00")),
           ["003", D(8), "休息", None, None, None, None]]
    rules = center(tmp_path, f"[rules.HO-GAP]\npoints = {points}\n")
    run(runner, write_month(tmp_path / "2026-10", att), tmp_path / "out", "--rules", str(rules))
    gap = findings(tmp_path / "out", "HO-GAP")
    assert [(f["employee_id"], f["points"]) for f in gap] == [("001", -points if points else 0)]
    assert gap[0]["evidence"] == ("team 一组, handover at 17:30: clocked out 17:31, the next shift's first came at "
                                  "17:40: 9 min with nobody at the desk"
                                  + (f"; {points:g} points off" if points else "; recorded only"))
    assert summary(tmp_path / "out")["001"]["total_score"] == total


def test_handover_when_nobody_of_the_incoming_shift_came(runner, tmp_path):
    """002's 中班 (17:30) is scheduled and 002 never clocks in (a no-show): 001 clocked out at
    17:31 before anyone came, a finding without minutes. 003 at rest is no incoming shift."""
    att = [worked("001", D(8), "08:15", "17:31"), worked("002", D(8), None, None, shift=("中班", "17:30", "23:00")),
           ["003", D(8), "休息", None, None, None, None]]
    run(runner, write_month(tmp_path / "2026-10", att), tmp_path / "out")
    gap = findings(tmp_path / "out", "HO-GAP")
    assert [(f["employee_id"], f["points"]) for f in gap] == [("001", 0)]
    assert gap[0]["evidence"] == ("team 一组, handover at 17:30: clocked out 17:31; nobody of the next shift came "
                                  "and the outgoing member had left; recorded only")


# ---------------------------------------------------------------- APR-DUE on the first run
def test_due_date_is_judged_on_the_months_first_run(tmp_path):
    """The first run on 11-05 is on time (due 11-10); a correction re-run on 11-20 is not late."""
    from processor.pipeline import run_month

    folder, out = write_month(tmp_path / "2026-10", []), tmp_path / "out"

    def late_of():
        return {r["rule_id"]: r["title"] for r in sheet(out, "2026-10", "Run") if r.get("rule_id")}["run_late"]

    run_month(folder, out, lang="en", quiet=True, run_date=dt.date(2026, 11, 5))
    assert late_of() in (False, "False")
    import sqlite3  # the first run happened on 11-05 (the clock of this machine says otherwise)
    with sqlite3.connect(out / "opscore.db") as db:
        db.execute("update ledger_revisions set run_at = '2026-11-05 10:00:00.000000'")
    run_month(folder, out, lang="en", quiet=True, run_date=dt.date(2026, 11, 20))
    assert late_of() in (False, "False")
    fresh = tmp_path / "fresh"
    run_month(folder, fresh, lang="en", quiet=True, run_date=dt.date(2026, 11, 20))
    out = fresh
    assert late_of() in (True, "True")


# ---------------------------------------------------------------- the rulebook checked at load
@pytest.mark.parametrize("toml, key, words", [
    ("[rules.ATT-LATE]\nfine_per_minute = -5\n", "rules.ATT-LATE.fine_per_minute", "应为不小于 0 的有限数"),
    ("[rules.ATT-ABSENCE]\nfine_per_day = nan\n", "rules.ATT-ABSENCE.fine_per_day", "应为不小于 0 的有限数"),
    ("[rules.ATT-LATE30]\nminutes = -1\n", "rules.ATT-LATE30.minutes", "应为不小于 0 的有限数"),
    ("[rules.LV-HOLIDAY]\ndays_before = -2\n", "rules.LV-HOLIDAY.days_before", "应为不小于 0 的有限数"),
    ("[rules.BRK-LENGTH]\nmax_minutes = -5\n", "rules.BRK-LENGTH.max_minutes", "应为不小于 0 的有限数"),
    ("[rules.KPI-SAT]\ntarget = inf\n", "rules.KPI-SAT.target", "应为不小于 0 的有限数"),
    ("[rules.KPI-SAT]\ntarget = 90.0\n", "rules.KPI-SAT.target", "应为 0–1 之间的比例"),
    ("[rules.APR-GRADE]\nexcellent_min = 50.0\n", "rules.APR-GRADE.excellent_min", "应大于 good_min(80)"),
    ("[rules.APR-GRADE]\ngood_coefficient = -1.0\n", "rules.APR-GRADE.good_coefficient", "应为不小于 0 的有限数"),
    ("[rules.APR-SCORE.profiles.operations]\nindicators = 0.0\nrating = 0.0\nattendance = 0.0\n",
     "rules.APR-SCORE.profiles.operations", "各项权重不能全为 0"),
    ("[rules.APR-SCORE.profiles.operations]\nrating = -30.0\n", "rules.APR-SCORE.profiles.operations.rating",
     "应为不小于 0 的有限数"),
    ("[rules.LV-NIGHT]\ndeadline_hour = 25\n", "rules.LV-NIGHT.deadline_hour", "应为 0–23 点"),
    ("[exports]\nverdict_shift = \"9点到6点\"\n", "exports.verdict_shift", "应为“09:00-18:00”"),
    ("[rules.SW-NOTICE]\nmin_role = \"组长\"\n", "rules.SW-NOTICE.min_role", "未知的岗位 '组长'"),
    ("[rules.APR-DUE]\ndue_day = 31\n", "rules.APR-DUE.due_day", "应为 1–28 日"),
    ("[rules.APR-ANNUAL]\nvetoed_month_score = \"half\"\n", "rules.APR-ANNUAL.vetoed_month_score", "应为 zero / total"),
    ("[incidents.desk_5s]\namount = -10.0\n", "incidents.desk_5s.amount", "应为不小于 0 的有限数"),
    ("[rules.APR-SCORE.departments]\n\"客户服务部\" = \"sales\"\n", "rules.APR-SCORE.departments.客户服务部",
     "未知的考核方案 'sales'"),
])
def test_a_rulebook_value_the_rules_cannot_mean_is_refused(runner, tmp_path, toml, key, words):
    folder = write_month(tmp_path / "2026-10", [])
    r = runner.invoke(main, ["run", str(folder), "--out", str(tmp_path / "out"), "--rules",
                             str(center(tmp_path, toml)), "-q"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert f"center.toml: {key}: " in r.output and words in r.output, r.output
    assert not (tmp_path / "out" / "2026-10").exists()


def test_rulebook_with_a_bom_is_read_and_gbk_is_refused(runner, tmp_path):
    folder = write_month(tmp_path / "2026-10", [])
    text = "# 中心规则\n[rules.ATT-ABSENCE]\nfine_per_day = 150.0\n"
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    r = runner.invoke(main, ["rules", "--rules", str(bom)])
    assert r.exit_code == 0 and "fine_per_day=150.0" in r.output
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes(text.encode("gbk"))
    r = runner.invoke(main, ["run", str(folder), "--out", str(tmp_path / "out"), "--rules", str(gbk), "-q"])
    assert r.exit_code == 1 and "gbk.toml" in r.output and "另存为" in r.output and "UTF-8" in r.output
    assert "Traceback" not in r.output and "codec" not in r.output
