"""``opscore compare`` through the CLI on the committed sample month: a draft's effect per
employee and in total, the parameters that differ, the ledger left alone, refusals."""
from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli import main
from conftest import SAMPLE
from processor.compare import COMPARE_COLUMNS, TOTAL_MEASURES

LATE2 = "[rules.ATT-LATE]\nfine_per_minute = 2\n"
# The sample month's employees whose Summary late minutes are not all fined under ATT-LATE:
# an excused late (ATT-EXCUSED) is recorded, not fined; 30 minutes or more is an absence (ATT-LATE30).
NOT_ALL_FINED = {"04186": (54, 9), "07912": (8, 0), "08117": (25, 8)}


def sheet(path: Path, name: str) -> list[dict]:
    ws = openpyxl.load_workbook(path, read_only=True)[name]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def headers(path: Path) -> dict[str, list]:
    wb = openpyxl.load_workbook(path, read_only=True)
    return {ws.title: [c.value for c in next(ws.iter_rows(max_row=1))] for ws in wb.worksheets}


def draft(tmp_path: Path, text: str, name: str = "draft.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def compare(out: Path, rules: Path, *extra: str) -> object:
    return CliRunner().invoke(main, ["compare", str(SAMPLE), "--rules", str(rules), "--out", str(out), "-q", *extra])


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def late2(tmp_path_factory) -> dict:
    """A plain English run into ``out`` (its ledger hashed), then the ATT-LATE = 2 draft compared
    into the same ``out`` in English."""
    tmp = tmp_path_factory.mktemp("compare-late2")
    out = tmp / "out"
    ran = CliRunner().invoke(main, ["run", str(SAMPLE), "--out", str(out), "--lang", "en", "-q"])
    assert ran.exit_code == 0, ran.output
    db = out / "opscore.db"
    before = (sha(db), db.stat().st_mtime_ns, sorted(p.name for p in (out / "2026-10").iterdir()))
    result = compare(out, draft(tmp, LATE2), "--lang", "en")
    assert result.exit_code == 0, result.output
    book = out / "2026-10" / "compare-2026-10.xlsx"
    return {"out": out, "db": db, "before": before, "output": result.output, "book": book,
            "summary": {r["employee_id"]: r for r in sheet(out / "2026-10" / "scored-2026-10.xlsx", "Summary")
                        if r["department"]},  # not a totals row
            "days": sheet(out / "2026-10" / "scored-2026-10.xlsx", "Attendance"),
            "compare": {r["employee_id"]: r for r in sheet(book, "Compare")},
            "rules": sheet(book, "Rules"), "totals": {r["measure"]: r for r in sheet(book, "Totals")}}


def test_english_workbook_has_the_stable_keys_exactly(late2):
    heads = headers(late2["book"])
    assert list(heads) == ["Compare", "Rules", "Totals"]
    assert heads["Compare"] == COMPARE_COLUMNS
    assert heads["Rules"] == ["rule_id", "title", "key", "current", "draft", "citation"]
    assert heads["Totals"] == ["measure", "current", "draft", "diff"]
    assert list(late2["totals"]) == TOTAL_MEASURES
    assert len(late2["compare"]) == 60 and set(late2["compare"]) == set(late2["summary"])


def test_fine_difference_is_each_employees_fined_late_minutes(late2):
    fined: dict[str, int] = {}
    for d in late2["days"]:
        if "ATT-LATE" in str(d["rule_ids"] or "").split(";"):
            fined[d["employee_id"]] = fined.get(d["employee_id"], 0) + d["late_minutes"]
    differs = {}
    for eid, row in late2["compare"].items():
        late = late2["summary"][eid]["late_minutes"]
        assert row["fines_diff"] == pytest.approx(fined.get(eid, 0)), eid
        assert row["fines_total_draft"] - row["fines_total_current"] == pytest.approx(row["fines_diff"])
        if row["fines_diff"] != late:
            differs[eid] = (late, row["fines_diff"])
    assert differs == NOT_ALL_FINED
    assert sum(r["fines_diff"] for r in late2["compare"].values()) == pytest.approx(137.0)
    assert sum(1 for r in late2["compare"].values() if r["fines_diff"]) == 23


def test_current_side_equals_a_plain_run(late2):
    for eid, row in late2["compare"].items():
        s = late2["summary"][eid]
        assert row["name"] == s["name"]
        assert row["fines_total_current"] == pytest.approx(s["fines_total"])
        assert row["points_current"] == pytest.approx(s["points"])
        assert row["total_score_current"] == pytest.approx(s["total_score"])
        assert (row["grade_current"], row["bonus_coefficient_current"]) == (s["grade"], s["bonus_coefficient"])


def test_late_fines_move_no_grade(late2):
    """ATT-LATE prices minutes; the attendance component counts lates (APR-ATTEND), so it does
    not move, and neither does any total, grade or coefficient."""
    moved = {eid for eid, r in late2["compare"].items() if r["total_score_current"] != r["total_score_draft"]}
    regraded = {eid for eid, r in late2["compare"].items() if r["grade_current"] != r["grade_draft"]}
    assert moved == set() and regraded == set()
    assert all(r["bonus_coefficient_current"] == r["bonus_coefficient_draft"] for r in late2["compare"].values())
    t = late2["totals"]
    assert (t["fines_total"]["current"], t["fines_total"]["draft"], t["fines_total"]["diff"]) == (2719, 2856, 137)
    assert (t["excellent"]["current"], t["good"]["current"], t["pass"]["current"], t["fail"]["current"]) == (14, 37, 7, 2)
    assert all(t[g]["diff"] == 0 for g in ("excellent", "good", "pass", "fail", "not_appraised"))
    assert (t["deemed_resignations"]["current"], t["deemed_resignations"]["diff"]) == (1, 0)
    assert (t["bonus_coefficient_sum"]["current"], t["bonus_coefficient_sum"]["diff"]) == (pytest.approx(59.4), 0)
    assert (t["grade_changes"]["current"], t["employees_changed"]["current"]) == (0, 23)
    assert "23 of 60 employees change, 0 change grade" in late2["output"]


def test_rules_sheet_lists_exactly_the_changed_parameter(late2):
    assert [(r["rule_id"], r["key"], r["current"], r["draft"]) for r in late2["rules"]] == \
        [("ATT-LATE", "fine_per_minute", "1", "2")]
    assert late2["rules"][0]["title"] == "Each late minute is fined"


def test_ledger_and_run_outputs_untouched(late2):
    digest, mtime, names = late2["before"]
    assert sha(late2["db"]) == digest and late2["db"].stat().st_mtime_ns == mtime
    assert sorted(p.name for p in (late2["out"] / "2026-10").iterdir()) == sorted(
        names + ["compare-2026-10.html", "compare-2026-10.xlsx"])
    assert "nothing written to the ledger" in late2["output"]


def test_chinese_by_default_and_no_ledger_created(tmp_path):
    out = tmp_path / "out"
    result = compare(out, draft(tmp_path, LATE2))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.rglob("*")) == ["2026-10", "compare-2026-10.html", "compare-2026-10.xlsx"]
    book = out / "2026-10" / "compare-2026-10.xlsx"
    heads = headers(book)
    assert list(heads) == ["规则对比", "规则差异", "合计"]
    assert heads["规则对比"][:5] == ["工号", "姓名", "现行罚款(元)", "草案罚款(元)", "罚款差额(元)"]
    rows = sheet(book, "规则对比")
    assert {r["现行等级"] for r in rows} == {"优秀", "良好", "合格", "不合格"}
    assert sheet(book, "合计")[1] == {"项目": "罚款合计(元)", "现行": 2719, "草案": 2856, "差额": 137}
    assert "罚款合计 2,719.00 → 2,856.00 元(差 +137.00)" in result.output


def test_a_draft_that_changes_nothing_gives_zero_differences(tmp_path):
    out = tmp_path / "out"
    result = compare(out, draft(tmp_path, "[rules.ATT-LATE]\nfine_per_minute = 1.0\n[meta]\nname = \"草案\"\n"),
                     "--lang", "en")
    assert result.exit_code == 0, result.output
    book = out / "2026-10" / "compare-2026-10.xlsx"
    rows = sheet(book, "Compare")
    assert len(rows) == 60 and all(r["fines_diff"] == 0 for r in rows)
    assert all(r[f"{k}_current"] == r[f"{k}_draft"] for r in rows
               for k in ("fines_total", "points", "total_score", "grade", "bonus_coefficient"))
    assert sheet(book, "Rules") == []
    assert all(r["diff"] == 0 for r in sheet(book, "Totals"))


def test_grade_threshold_draft_regrades_exactly_those_between(tmp_path, late2):
    """APR-GRADE.excellent_min 90 → 95: exactly the 优秀 with a total below 95 become 良好."""
    out = tmp_path / "out"
    result = compare(out, draft(tmp_path, "[rules.APR-GRADE]\nexcellent_min = 95.0\n"), "--lang", "en")
    assert result.exit_code == 0, result.output
    expected = {eid for eid, r in late2["summary"].items() if r["grade"] == "excellent" and r["total_score"] < 95}
    rows = {r["employee_id"]: r for r in sheet(out / "2026-10" / "compare-2026-10.xlsx", "Compare")}
    regraded = {eid for eid, r in rows.items() if r["grade_current"] != r["grade_draft"]}
    assert regraded == expected and len(expected) > 0
    assert all((rows[e]["grade_draft"], rows[e]["bonus_coefficient_draft"]) == ("good", 1.0) for e in expected)
    totals = {r["measure"]: r for r in sheet(out / "2026-10" / "compare-2026-10.xlsx", "Totals")}
    assert totals["excellent"]["diff"] == -len(expected) and totals["good"]["diff"] == len(expected)
    assert totals["bonus_coefficient_sum"]["diff"] == pytest.approx(-0.2 * len(expected))


def test_rules_current_is_the_rulebook_in_force(tmp_path):
    out = tmp_path / "out"
    current = draft(tmp_path, LATE2, "center.toml")
    result = compare(out, draft(tmp_path, "[rules.ATT-LATE]\nfine_per_minute = 3\n"), "--rules-current", str(current),
                     "--lang", "en")
    assert result.exit_code == 0, result.output
    book = out / "2026-10" / "compare-2026-10.xlsx"
    assert [(r["key"], r["current"], r["draft"]) for r in sheet(book, "Rules")] == [("fine_per_minute", "2", "3")]
    totals = {r["measure"]: r for r in sheet(book, "Totals")}
    assert (totals["fines_total"]["current"], totals["fines_total"]["draft"]) == (2856, 2993)


@pytest.mark.parametrize("text, key", [
    ("[rules.ATT-LATE]\nfine_per_minut = 2\n", "rules.ATT-LATE.fine_per_minut"),
    ("[rules.ATT-LATE]\nfine_per_minute = \"two\"\n", "rules.ATT-LATE.fine_per_minute"),
    ("[rules.ATT-LATEST]\nfine_per_minute = 2\n", "rules.ATT-LATEST"),
    ("[exports]\nverdict_shift = \"08:00-17:00\"\n", "exports.verdict_shift"),
    ("[incidents.meeting_late]\nmax_amount = 100.0\n", "incidents.meeting_late.max_amount"),
])
def test_an_invalid_draft_is_refused_naming_the_key(tmp_path, text, key):
    out = tmp_path / "out"
    result = compare(out, draft(tmp_path, text))
    assert result.exit_code == 1, result.output
    assert f"draft.toml: {key}:" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_the_draft_is_required(tmp_path):
    result = CliRunner().invoke(main, ["compare", str(SAMPLE), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "--rules" in result.output
    assert not (tmp_path / "out").exists()


def test_page_totals_in_chromium(late2, tmp_path):
    """The page in headless Chromium: its totals and its rows equal the workbook's, offline."""
    from test_browser import ARGS, CHROMIUM, open_page

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page, external, errors = open_page(browser, late2["out"] / "2026-10" / "compare-2026-10.html")
        cells = {m: page.locator(f"#compare-totals tr[data-measure='{m}'] td").all_inner_texts()
                 for m in ("fines_total", "excellent", "fail", "deemed_resignations", "bonus_coefficient_sum")}
        assert cells == {"fines_total": ["¥2,719.00", "¥2,856.00", "+¥137.00"], "excellent": ["14", "14", "0"],
                         "fail": ["2", "2", "0"], "deemed_resignations": ["1", "1", "0"],
                         "bonus_coefficient_sum": ["59.40", "59.40", "0"]}
        assert page.inner_text("#changed-count").strip() == "23 of 60"
        shown = {page.locator("#compare-people tbody tr").nth(i).get_attribute("data-employee"): page.locator(
            "#compare-people tbody tr").nth(i).locator("td").nth(4).inner_text()
            for i in range(page.locator("#compare-people tbody tr").count())}
        assert shown == {eid: f"+¥{r['fines_diff']:,.2f}" for eid, r in late2["compare"].items() if r["fines_diff"]}
        rules = page.locator("#compare-rules tbody tr").all()
        assert [r.get_attribute("data-rule") for r in rules] == ["ATT-LATE.fine_per_minute"]
        assert external == [] and errors == []
        page.screenshot(path=str(tmp_path / "compare.png"), full_page=True)
        browser.close()
    assert (tmp_path / "compare.png").stat().st_size > 10_000
