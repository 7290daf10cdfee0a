"""Each output in one language, for the attendance and leave evidence (product.md; issue 15):
with ``--lang en`` every sentence the attendance, app-approval and leave rules write is English;
only input text stays as typed (names, teams, role names, an export's own verdict, a swap's
description written by the swap rules). The Chinese sentences are unchanged (the zh tests of
the rules assert them byte for byte)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from processor.rulebook import load_rulebook
from processor.words import speaking
from rules_builders import attendance, day, holidays, leave, roster, run, swaps

CJK = re.compile(r"[\u4e00-\u9fff]+")
MINE = re.compile(r"^(ATT|LV)-")  # the rules whose evidence this file holds to one language
RULES = Path(__file__).resolve().parents[1] / "processor" / "rules"
# The modules whose sentences come from processor/words; absence_hint is a run-summary line
# chosen by its own ``lang`` argument, not evidence.
MODULES = ("attendance.py", "day_evidence.py", "leave.py", "app_days.py", "leave_shifts.py", "finding_rows.py",
           "month_tables.py", "employee_attendance.py", "verdicts.py", "__init__.py")


def _strings_outside_docstrings(tree: ast.AST) -> list[tuple[int, str]]:
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    skip = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == "absence_hint"
            for n in ast.walk(f)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs and id(n) not in skip]


def test_the_attendance_and_leave_rules_hold_no_chinese_sentence():
    """Every sentence of these modules is a template of processor/words/evidence.py: a Chinese
    string literal in their code would be a sentence that an English run writes in Chinese."""
    found = {}
    for name in MODULES:
        tree = ast.parse((RULES / name).read_text(encoding="utf-8"))
        if hits := [(line, s) for line, s in _strings_outside_docstrings(tree) if CJK.search(s)]:
            found[name] = hits
    assert found == {}


def _month():
    """One of each attendance and leave sentence (input text in Chinese only where a center types
    it: names, role names, the holiday's name)."""
    ros = roster(*[(f"E{i}", "B" if i in (4, 5) else "A", "客服专员") for i in range(1, 13)], ("L1", "A", "班长"))
    att = attendance(
        day("E1", "2026-10-05", "08:40"), day("E1", "2026-10-06", "08:25", "17:20"),
        day("E1", "2026-10-07", "08:35", "17:25", pre=True), day("E1", "2026-10-08", "08:25", None),
        day("E1", "2026-10-09", None, "17:35"),
        *[day("E2", f"2026-10-0{d}", None, None) for d in (5, 6, 8, 9)], day("E2", "2026-10-07", "09:10"),
        day("E3", "2026-10-05", "10:35"), day("E3", "2026-10-06", None, None),
        day("E4", "2026-10-05", None, None), day("E5", "2026-10-05", None, None),
        day("E6", "2026-10-05", None, None), day("E7", "2026-10-05"),
        day("E8", "2026-10-05", None, None), day("E9", "2026-10-05", None, None),
        day("E10", "2026-10-05", None, None, shift="night", start="22:00", end="06:00"),
        day("E11", "2026-10-01", None, None),
        day("E12", "2026-10-05", "08:42"), day("E12", "2026-10-06", None, None))
    att["from_verdict"] = att["employee_id"].eq("E12") & att["date"].eq(pd.Timestamp("2026-10-05"))
    att["export_verdict"] = att["from_verdict"].map({True: "Late 12 min", False: None})
    app = att["employee_id"].eq("E12") & att["date"].eq(pd.Timestamp("2026-10-06"))
    att["app_approval"] = app.map({True: "leave", False: None})
    att["export_leave"] = app.map({True: "Annual leave (app)", False: None})
    lv = leave(
        {"employee_id": "E3", "leave_type": "special_personal", "start": "2026-10-05 08:30", "end": "2026-10-05 10:30",
         "requested_at": "2026-10-05 07:00"},
        {"employee_id": "E3", "leave_type": "special_personal", "start": "2026-10-06 08:30", "end": "2026-10-06 12:00",
         "requested_at": "2026-10-06 07:00"},
        {"employee_id": "E4", "start": "2026-10-05"}, {"employee_id": "E5", "start": "2026-10-05", "in_person": False},
        {"employee_id": "E6", "start": "2026-10-05"},
        {"employee_id": "E8", "start": "2026-10-05", "requested_at": "2026-10-05 07:00", "approver_role": None},
        {"employee_id": "E9", "leave_type": "sick", "start": "2026-10-05", "end": "2026-10-06",
         "requested_at": "2026-10-05 09:00"},
        {"employee_id": "E10", "leave_type": "sick", "start": "2026-10-05", "requested_at": "2026-10-05 15:00",
         "medical_certificate": True, "phoned_before_shift": True},
        {"employee_id": "E11", "start": "2026-10-01", "requested_at": "2026-09-30 09:00"})
    sw = swaps({"requester_id": "E7", "counterpart_id": "E6", "swap_date": "2026-10-05",
                "return_date": "2026-10-09", "approver_id": "L1"})
    return run(roster=ros, attendance=att, leave=lv, swaps=sw, holidays=holidays("2026-10-01"))


def _typed_by_people(text: str) -> str:
    """``text`` without the input text a center types in Chinese (role and holiday names, the
    builders' employee names)."""
    for quoted in sorted([*load_rulebook().ranks, "客服专员", "国庆节"], key=len, reverse=True):
        text = text.replace(quoted, " ")
    return re.sub(r"员工(E|L)\d+", " ", text)


def test_every_attendance_and_leave_sentence_is_english_in_an_english_run():
    with speaking("en"):
        r = _month()
    f = r.findings.loc[r.findings["rule_id"].str.match(MINE)]
    ev = dict(zip(f["rule_id"] + " " + f["employee_id"].fillna("team") + " " + f["date"].dt.strftime("%d"),
                  f["evidence"], strict=True))
    assert {k.split()[0] for k in ev} == {
        "ATT-LATE", "ATT-EARLY", "ATT-EXCUSED", "ATT-MISSPUNCH", "ATT-NOSHOW", "ATT-ABSENCE", "ATT-LATE30",
        "ATT-RESIGN", "LV-APP", "LV-COVERAGE", "LV-SWAPDAY", "LV-NOTICE", "LV-AUTHORITY", "LV-INPERSON",
        "LV-SICKCERT", "LV-EMERGENCY", "LV-NIGHT", "LV-HOLIDAY"}
    chinese = {k: v for k, v in ev.items() if CJK.search(_typed_by_people(v))}
    chinese |= {f"day {e} {d:%d}": v for e, d, v in zip(r.days["employee_id"], r.days["date"], r.days["evidence"],
                                                         strict=True) if CJK.search(_typed_by_people(v))}
    assert chinese == {}
    assert ev["ATT-LATE E1 05"] == "clocked in 08:40, shift starts 08:30: 10 min late; fined 1 yuan a minute"
    assert ev["ATT-EARLY E1 06"] == "clocked out 17:20, shift ends 17:30: 10 min early; fined 1 yuan a minute"
    assert ev["ATT-EXCUSED E1 07"] == ("clocked in 08:35, shift starts 08:30: 5 min late; clocked out 17:25, shift "
                                       "ends 17:30: 5 min early; phoned the team leader beforehand: recorded, not fined")
    assert ev["ATT-MISSPUNCH E1 08"] == "no clock-out (clocked in 08:25), to be checked"
    assert ev["ATT-MISSPUNCH E1 09"] == "no clock-in (clocked out 17:35), to be checked"
    assert ev["ATT-RESIGN E2 08"] == "absence day 4 of the month: deemed resigned (3 allowed a month)"
    assert ev["ATT-LATE30 E2 07"] == ("clocked in 09:10, shift starts 08:30: 40 min late (≥ 30 min): "
                                      "counted as an absence")
    assert ev["ATT-LATE E3 05"] == ("clocked in 10:35, shift (net of special personal leave 2026-10-05 08:30 to "
                                    "10:30, 0.22 days) starts 10:30: 5 min late; fined 1 yuan a minute")
    assert ev["ATT-NOSHOW E6 05"] == ("day shift 08:30–17:30: no clock-in or clock-out, leave on a swap or return "
                                      "day is invalid (LV-SWAPDAY)")
    assert ev["LV-SWAPDAY E6 05"].endswith("; 2026-10-05 is a swap or return day: no leave may be taken, "
                                           "counted as an absence")
    assert ev["LV-COVERAGE team 05"] == ("team B, 2026-10-05 day shift: all 2 scheduled (E4, E5) on leave, "
                                         "nobody on duty (applies to shifts of 2 scheduled or more)")
    assert ev["LV-NOTICE E8 05"].startswith("personal leave 2026-10-05, 1 day, requested 2026-10-05 07:00, "
                                            "approver none; personal leave must be asked by 2026-10-04 (1-day notice)")
    assert ev["LV-APP E12 06"].startswith('the attendance export says "Annual leave (app)" (leave approved in the '
                                          "attendance app, counted as leave)")
    assert ev["ATT-LATE E12 05"].startswith('the attendance export says "Late 12 min": 12 min late; ')


@pytest.fixture(scope="module")
def english_month(big_month_en) -> Path:
    return big_month_en[0]


def test_the_english_sample_month_writes_its_attendance_and_leave_evidence_in_english(english_month):
    """The generated 400-person month through the CLI with --lang en: the Findings and Attendance
    sheets and every page (finding rows and calendar cells) hold no Chinese in the evidence of the
    attendance and leave rules, once the input text is taken out."""
    book = english_month / "scored-2026-10.xlsx"
    sheets = pd.read_excel(book, sheet_name=None, dtype=str)
    people = sheets["Summary"]
    days = sheets["Attendance"].dropna(subset=["evidence"])
    quoted = {*load_rulebook().ranks}
    for col in ("name", "department", "team", "role"):
        quoted |= set(people[col].dropna())
    swapped = days["rule_ids"].fillna("").str.startswith("SW-")  # the swap rules' own words lead the day
    quoted |= set(days.loc[swapped, "evidence"].str.split(" | ", regex=False).str[0])
    quoted_longest = sorted(quoted, key=len, reverse=True)

    def chinese(text: str) -> set[str]:
        for q in quoted_longest:
            text = text.replace(q, " ")
        return set(CJK.findall(text))

    findings = sheets["Findings"]
    mine = findings.loc[findings["rule_id"].str.match(MINE)]
    assert len(mine) >= 150 and {"ATT-LATE", "ATT-ABSENCE", "ATT-NOSHOW", "LV-NOTICE"} <= set(mine["rule_id"])
    found = {f"Findings {r}": chinese(e) for r, e in zip(mine["rule_id"], mine["evidence"], strict=True) if chinese(e)}
    plain = days.loc[~days["rule_ids"].fillna("").str.contains(r"(?:^|;)(?:SW|CORR)-", regex=True)]
    found |= {f"Attendance {e}": chinese(v) for e, v in zip(plain["employee_id"], plain["evidence"], strict=True)
              if chinese(v)}
    pages = sorted((english_month / "report").glob("emp-*.html"))
    assert len(pages) >= 10
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for row in page.select("tr"):
            rid, cell = row.select_one("span.rid"), row.select_one("td.evidence")
            if rid and cell and MINE.match(rid.get_text()) and (words := chinese(cell.get_text())):
                found[f"{path.name} {rid.get_text()}"] = words
    assert found == {}
