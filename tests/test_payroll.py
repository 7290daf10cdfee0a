"""What payroll imports, read back with pandas as an import script would: the Payroll sheet
(first in the workbook) and payroll-<month>.csv, on a generated 400-person month; and a
center's ``[payroll]`` mapping renaming and ordering their columns."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from cli import main

KEYS = ["employee_id", "name", "department", "team", "fines_total", "points", "grade", "bonus_coefficient",
        "deemed_resignation_date", "note"]
ZH = ["工号", "姓名", "部门", "班组", "罚款合计(元)", "加减分", "等级", "绩效系数", "视为自动离职日期", "备注"]


def roster_ids(month: Path) -> list[str]:
    roster = pd.read_excel(month / "员工名册.xlsx", sheet_name="员工名册", header=1, dtype=str)  # below its title row
    return sorted(roster["工号"].dropna().tolist())


def run(month: Path, out: Path, *extra: str) -> Path:
    result = CliRunner().invoke(main, ["run", str(month), "--out", str(out), "--quiet", *extra])
    assert result.exit_code == 0, result.output
    return out / "2026-10"


def center_row(book: Path, sheet: str, label: str, team: str) -> pd.Series:
    teams = pd.read_excel(book, sheet_name=sheet)
    assert (teams[label] == team).sum() == 1 and teams[label].iloc[-1] == team  # the last row, once
    return teams.iloc[-1]


def test_payroll_sheet_and_csv_in_chinese(big_month):
    month, out = big_month
    folder = out / "2026-10"
    book = folder / "scored-2026-10.xlsx"
    assert openpyxl.load_workbook(book, read_only=True).sheetnames[0] == "工资导出"
    sheet = pd.read_excel(book, sheet_name="工资导出", dtype={"工号": str})
    raw = (folder / "payroll-2026-10.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel opens the Chinese right
    csv = pd.read_csv(folder / "payroll-2026-10.csv", encoding="utf-8-sig", dtype={"工号": str})
    ids = roster_ids(month)
    assert len(ids) == 400
    for frame in (sheet, csv):
        assert list(frame.columns) == ZH
        assert sorted(frame["工号"]) == ids and frame["工号"].is_unique  # one row per roster employee
        assert set(frame["等级"]) <= {"优秀", "良好", "合格", "不合格"}
    center = center_row(book, "班组", "班组", "中心合计")
    assert sheet["罚款合计(元)"].sum() == pytest.approx(center["罚款合计(元)"])
    assert csv["罚款合计(元)"].sum() == pytest.approx(center["罚款合计(元)"])
    assert sheet["加减分"].sum() == pytest.approx(center["加减分"]) == csv["加减分"].sum()
    assert center["人数"] == 400
    summary = pd.read_excel(book, sheet_name="汇总", dtype={"工号": str})
    assert summary["罚款合计(元)"].sum() == pytest.approx(center["罚款合计(元)"])  # no totals row to double it
    assert len(summary) == 400
    # the note: the verdict of each 不合格 or resignation, nothing for the others
    noted = sheet[sheet["备注"].notna()]
    failing = sheet[(sheet["等级"] == "不合格") | sheet["视为自动离职日期"].notna()]
    assert sorted(noted["工号"]) == sorted(failing["工号"]) and len(noted) >= 1
    assert all(n.startswith("不合格") for n in noted["备注"])
    merged = sheet.merge(csv, on="工号", suffixes=("", "_csv"))
    assert (merged["罚款合计(元)"] == merged["罚款合计(元)_csv"]).all()
    assert (merged["备注"].fillna("") == merged["备注_csv"].fillna("")).all()


def test_payroll_in_english_has_the_stable_keys(big_month, tmp_path):
    month, _ = big_month
    folder = run(month, tmp_path / "en", "--lang", "en")
    book = folder / "scored-2026-10.xlsx"
    sheet = pd.read_excel(book, sheet_name="Payroll", dtype={"employee_id": str})
    csv = pd.read_csv(folder / "payroll-2026-10.csv", encoding="utf-8-sig", dtype={"employee_id": str})
    for frame in (sheet, csv):
        assert list(frame.columns) == KEYS
        assert sorted(frame["employee_id"]) == roster_ids(month)
        assert set(frame["grade"]) <= {"excellent", "good", "pass", "fail"}
    center = center_row(book, "Teams", "team", "Center")
    assert sheet["fines_total"].sum() == pytest.approx(center["fines_total"]) == csv["fines_total"].sum()
    assert sheet["points"].sum() == pytest.approx(center["points"])
    assert openpyxl.load_workbook(book, read_only=True).sheetnames == [
        "Payroll", "Summary", "Attendance", "Findings", "Teams", "Actions", "Run"]


def test_a_center_mapping_renames_and_orders_the_columns(big_month, tmp_path):
    month, _ = big_month
    rules = tmp_path / "center.toml"
    rules.write_text('[payroll]\ncolumns = { employee_id = "人员编号", bonus_coefficient = "绩效系数", '
                     'fines_total = "考勤扣款", name = "姓名" }\n', encoding="utf-8")
    folder = run(month, tmp_path / "mapped", "--rules", str(rules))
    want = ["人员编号", "绩效系数", "考勤扣款", "姓名"]
    sheet = pd.read_excel(folder / "scored-2026-10.xlsx", sheet_name="工资导出", dtype={"人员编号": str})
    csv = pd.read_csv(folder / "payroll-2026-10.csv", encoding="utf-8-sig", dtype={"人员编号": str})
    center = center_row(folder / "scored-2026-10.xlsx", "班组", "班组", "中心合计")
    for frame in (sheet, csv):
        assert list(frame.columns) == want
        assert sorted(frame["人员编号"]) == roster_ids(month)
        assert frame["考勤扣款"].sum() == pytest.approx(center["罚款合计(元)"])
        assert set(frame["绩效系数"]) <= {0.0, 0.8, 1.0, 1.2}


def test_a_mapping_naming_no_payroll_key_is_refused(big_month, tmp_path):
    month, _ = big_month
    rules = tmp_path / "bad.toml"
    rules.write_text('[payroll]\ncolumns = { salary = "工资" }\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(month), "--out", str(tmp_path / "x"), "--rules", str(rules)])
    assert result.exit_code != 0 and "payroll.columns.salary" in result.output
    assert not (tmp_path / "x" / "2026-10").exists()


def test_csv_text_never_becomes_a_formula():
    from processor.write.payroll import csv_text

    frame = pd.DataFrame({"employee_id": ["E1"], "name": ['=HYPERLINK("http://x","y")'], "department": ["-2+3"],
                          "team": ["@A1"], "fines_total": [5.0], "points": [-2.0], "grade": ["pass"],
                          "bonus_coefficient": [0.8], "deemed_resignation_date": [pd.NaT], "note": [""]})
    lines = csv_text(frame, "en").splitlines()
    assert lines[0] == ",".join(KEYS)
    assert lines[1] == "E1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'-2+3,'@A1,5.00,-2,pass,0.8,,"
