"""Reading a month folder as users fill it: headers, aliases, title rows, files and encodings."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from processor.rulebook import load_rulebook
from processor.schema import TABLES
from processor.validate.month import load_month
from workbooks import ATT, ATT_HEADER, ROSTER, ROSTER_HEADER, csv, minimal_month, xlsx

RB = load_rulebook()


def load(folder: Path):
    return load_month(folder, "2026-10", RB)


def test_minimal_month_is_clean(month_dir):
    data, problems, _ = load(minimal_month(month_dir))
    assert problems == []
    assert data.tables["roster"]["employee_id"].tolist() == ["001", "002", "003"]
    att = data.tables["attendance"]
    night = att[att.employee_id == "002"].iloc[0]
    assert night["shift_end"] == dt.datetime(2026, 10, 9, 6, 0)  # ends the next day
    assert night["clock_out"] == dt.datetime(2026, 10, 9, 6, 5)  # ATT-NIGHT: punch after midnight
    assert att.loc[0, "_row"] == 2 and att.loc[0, "_file"] == "month.xlsx"


def test_title_rows_above_header_and_extra_columns_kept(month_dir):
    xlsx(month_dir / "名册.xlsx", {"员工": [ROSTER_HEADER + ["备注"], *[r + ["x"] for r in ROSTER]]},
         title="2026年10月员工名册")
    xlsx(month_dir / "考勤.xlsx", {"考勤": [ATT_HEADER, *ATT]})
    data, problems, _ = load(month_dir)
    assert problems == []
    assert data.tables["roster"]["_row"].tolist() == [3, 4, 5]
    assert data.extras["roster"]["备注"].tolist() == ["x", "x", "x"]


def test_header_below_row_10_is_not_found(month_dir):
    rows = [[f"说明 {i}"] for i in range(10)] + [ROSTER_HEADER, *ROSTER]
    xlsx(month_dir / "名册.xlsx", {"员工": rows})
    xlsx(month_dir / "考勤.xlsx", {"考勤": [ATT_HEADER, *ATT]})
    _, problems, _ = load(month_dir)
    msgs = [p.render() for p in problems]
    assert any("名册.xlsx:" in m and "没有可识别的表" in m for m in msgs)


def _header_variants(table_key: str):
    table = TABLES[table_key]
    for col in table.required:
        for alias in col.aliases:
            yield col.key, alias


@pytest.mark.parametrize("table_key", list(TABLES))
def test_every_alias_is_recognised(table_key):
    """Each alias of each required column, put alone into an otherwise-label header, is recognised."""
    import pandas as pd

    from processor.read.files import SourceFile
    from processor.read.headers import recognise
    from processor.read.sheets import RawSheet

    table = TABLES[table_key]
    for key, alias in _header_variants(table_key):
        header = [(f"  {alias.upper()} " if c.key == key else c.label) for c in table.required]
        sheet = RawSheet(SourceFile(Path("x.xlsx"), "xlsx", ""), "s", pd.DataFrame([header]), list(range(len(header))))
        match, problems, _ = recognise(sheet)
        assert match is not None and match.table.key == table_key, (table_key, alias, problems)
        assert key in match.columns


def test_english_keys_case_and_spaces(month_dir):
    xlsx(month_dir / "r.xlsx", {"r": [["Employee_ID", "NAME", "department", " Team ", "Role"], *ROSTER]})
    xlsx(month_dir / "a.xlsx",
         {"a": [["employee id", "date", "shift", "shift start", "shift_end", "Clock In", "clock_out"], *ATT]})
    data, problems, _ = load(month_dir)
    assert problems == [] and len(data.tables["attendance"]) == 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings(month_dir, encoding):
    xlsx(month_dir / "r.xlsx", {"r": [ROSTER_HEADER, *ROSTER]})
    rows = [["工号", "日期", "班次", "上班时间", "下班时间", "上班打卡", "下班打卡"],
            ["001", "2026年10月8日", "早班", "08:30", "17:30", "08:21:10", "17:35"]]
    csv(month_dir / "考勤.csv", rows, encoding)
    data, problems, _ = load(month_dir)
    assert problems == []
    assert data.tables["attendance"].loc[0, "clock_in"] == dt.datetime(2026, 10, 8, 8, 21, 10)


def test_csv_in_unknown_encoding_is_refused(month_dir):
    minimal_month(month_dir)
    (month_dir / "qa.csv").write_bytes("坐席工号,质检日期,得分\n001,2026-10-02,90\n".encode("utf-16"))
    _, problems, _ = load(month_dir)
    assert [(p.file, p.code) for p in problems] == [("qa.csv", "unknown_encoding")]


def test_xls_is_refused_with_what_to_do(month_dir):
    minimal_month(month_dir)
    (month_dir / "旧表.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    _, problems, _ = load(month_dir)
    assert len(problems) == 1 and problems[0].file == "旧表.xls" and "另存为” .xlsx" in problems[0].message
    assert problems[0].code == "unsupported_format"


def test_password_protected_xlsx_is_refused(month_dir):
    minimal_month(month_dir)
    (month_dir / "加密.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    _, problems, _ = load(month_dir)
    assert (problems[0].file, problems[0].code) == ("加密.xlsx", "password_protected")


def test_corrupt_and_renamed_docx(month_dir):
    minimal_month(month_dir)
    (month_dir / "坏.xlsx").write_bytes(b"PK\x03\x04" + b"garbage" * 10)
    with zipfile.ZipFile(month_dir / "报告.xlsx", "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    _, problems, _ = load(month_dir)
    by_file = {p.file: p.message for p in problems}
    assert "损坏" in by_file["坏.xlsx"] and "Word" in by_file["报告.xlsx"]
    assert {p.code for p in problems if p.file in by_file} == {"refused_file"}


def test_lock_and_hidden_files_are_skipped(month_dir):
    minimal_month(month_dir)
    (month_dir / "~$month.xlsx").write_bytes(b"lock")
    (month_dir / ".hidden.xlsx").write_bytes(b"junk")
    data, problems, _ = load(month_dir)
    assert problems == [] and [f.path for f in data.files] == ["month.xlsx"]


def test_duplicate_header_is_reported(month_dir):
    xlsx(month_dir / "r.xlsx", {"r": [ROSTER_HEADER + ["姓名"], *[r + ["x"] for r in ROSTER]]})
    xlsx(month_dir / "a.xlsx", {"a": [ATT_HEADER, *ATT]})
    _, problems, _ = load(month_dir)
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.sheet, p.row, p.letter) == ("r.xlsx", "r", 1, "F") and p.code == "duplicate_header"


def test_missing_required_column_is_named(month_dir):
    xlsx(month_dir / "r.xlsx", {"r": [ROSTER_HEADER, *ROSTER]})
    xlsx(month_dir / "a.xlsx", {"a": [ATT_HEADER[:-1], *[r[:-1] for r in ATT]]})
    _, problems, _ = load(month_dir)
    assert problems[0].file == "a.xlsx" and problems[0].code == "missing_column" and "下班打卡 (clock_out;" in problems[0].message
    assert (problems[1].code, problems[1].table) == ("missing_table", "attendance") and len(problems) == 2


def test_formula_cached_values_are_read(month_dir):
    """openpyxl writes no cached value, so write the cached value into the XML by hand."""
    path = minimal_month(month_dir) / "month.xlsx"
    import openpyxl
    wb = openpyxl.load_workbook(path)
    wb["名册"]["E2"] = "=\"客服专员\""
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/") and b"<f>" in parts[n])
    cell = '<c r="E2"><f>"客服专员"</f><v /></c>'.encode()
    assert cell in parts[sheet]
    parts[sheet] = parts[sheet].replace(cell, '<c r="E2" t="str"><f>"x"</f><v>客服专员</v></c>'.encode())
    with zipfile.ZipFile(path, "w") as zf:
        for n, b in parts.items():
            zf.writestr(n, b)
    data, problems, _ = load(month_dir)
    assert problems == [] and data.tables["roster"].loc[0, "role"] == "客服专员"
