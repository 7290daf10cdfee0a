"""The scored workbook, re-opened with openpyxl: names, headers, formats, safety, totals."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from processor.model import DAY_COLUMNS, FINDING_COLUMNS, SUMMARY_COLUMNS
from processor.score import SUMMARY_EXTRA_COLUMNS
from processor.write import workbook as wbmod
from processor.write.atomic import atomic_path
from processor.write.privacy import mask_phone
from processor.write.workbook import write_workbook
from processor.write.xlsx import display_width
from write_fixtures import FORMULA_NAME, PHONE, SCRIPT_NAME, sample

SHEETS_EN = ["Payroll", "Summary", "Attendance", "Findings", "Teams", "Actions", "Run"]
PAYROLL_EN = ["employee_id", "name", "department", "team", "fines_total", "points", "grade", "bonus_coefficient",
              "deemed_resignation_date", "note"]


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    scored, results, month, info = sample()
    out = tmp_path_factory.mktemp("wb")
    return {lang: write_workbook(out / lang, *sample(lang), lang) for lang in ("zh", "en")}


@pytest.fixture(scope="module")
def en(books: dict[str, Path]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(books["en"])


@pytest.fixture(scope="module")
def zh(books: dict[str, Path]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(books["zh"])


def header(ws) -> list[str]:
    cells = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def column(ws, key_or_label: str) -> int:
    return header(ws).index(key_or_label) + 1


def row_of(ws, employee_id: str) -> int:
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == employee_id:
            return r
    raise AssertionError(employee_id)


def test_file_name_and_sheet_names(books, en, zh):
    assert books["en"].name == "scored-2026-10.xlsx"
    assert en.sheetnames == SHEETS_EN
    assert zh.sheetnames == ["工资导出", "汇总", "考勤", "明细", "班组", "待办", "运行信息"]


def test_english_headers_are_the_stable_keys(en):
    unweighed = ("complaint_handling_score", "callback_score")  # no default profile weighs them
    assert header(en["Summary"]) == SUMMARY_COLUMNS + [c for c in SUMMARY_EXTRA_COLUMNS if c not in unweighed]
    assert header(en["Findings"]) == FINDING_COLUMNS + ["name", "title"]  # the stable keys first
    assert header(en["Attendance"]) == ["employee_id", "name", "team"] + DAY_COLUMNS[1:]
    assert header(en["Actions"]) == ["employee_id", "name", "team", "action", "reason", "verdict"]
    assert header(en["Payroll"]) == PAYROLL_EN
    assert header(en["Teams"])[0] == "team"
    assert header(en["Run"]) == ["rule_id", "title", "params", "citation"]


def test_chinese_headers(zh):
    h = header(zh["汇总"])
    # identity, then what payroll and the grade need, right after 岗位
    assert h[:10] == ["工号", "姓名", "部门", "班组", "岗位", "罚款合计(元)", "加减分", "总分", "等级", "绩效系数"]
    assert "客户满意度" in h and "罚款合计(元)" in h and "等级" in h and "满意度得分" in h
    assert "考核方案" in h and "辅导" in h
    ws = zh["汇总"]
    assert ws.cell(row_of(ws, "E002"), h.index("标记") + 1).value == "缺项,权重已重新分配(满意度);缺卡待核"
    assert ws.cell(row_of(ws, "E003"), h.index("辅导") + 1).value == "是"  # no TRUE/FALSE in Chinese
    assert ws.cell(row_of(ws, "E001"), h.index("辅导") + 1).value == "否"
    assert header(zh["明细"]) == ["工号", "姓名", "班组", "日期", "规则编号", "规则名称", "制度出处", "依据",
                                 "罚款(元)", "加减分"]
    assert header(zh["考勤"])[:4] == ["工号", "姓名", "班组", "日期"]


def test_number_formats_and_numeric_values(en):
    ws = en["Summary"]
    r = row_of(ws, "E001")
    rate = ws.cell(r, column(ws, "satisfaction_rate"))
    assert rate.value == 0.95 and rate.data_type == "n" and rate.number_format == "0.0%"
    fine = ws.cell(r, column(ws, "fines_total"))
    assert fine.value == 5 and fine.number_format == "#,##0.00"
    assert ws.cell(r, column(ws, "total_score")).number_format == "0.00"
    deemed = ws.cell(row_of(ws, "E003"), column(ws, "deemed_resignation_date"))
    assert deemed.is_date and deemed.number_format == "yyyy-mm-dd"
    assert deemed.value.date() == pd.Timestamp("2026-10-22").date()
    f = en["Findings"]
    assert f.cell(2, column(f, "date")).is_date and f.cell(2, column(f, "date")).number_format == "yyyy-mm-dd"
    assert f.cell(2, column(f, "fine")).number_format == "#,##0.00"
    a = en["Attendance"]
    punch = a.cell(2, column(a, "clock_in"))
    assert punch.is_date and punch.number_format == "yyyy-mm-dd hh:mm:ss"
    assert punch.value == pd.Timestamp("2026-10-01 08:18").to_pydatetime()


def test_missing_metric_is_an_empty_cell(en):
    ws = en["Summary"]
    assert ws.cell(row_of(ws, "E002"), column(ws, "satisfaction_rate")).value is None
    assert ws.cell(row_of(ws, "../../etc"), column(ws, "grade")).value is None
    assert ws.cell(row_of(ws, "../../etc"), column(ws, "total_score")).value is None


def test_hostile_names_are_text_never_formulas(books, en):
    ws = en["Summary"]
    cell = ws.cell(row_of(ws, "E002"), column(ws, "name"))
    assert cell.value == FORMULA_NAME and cell.data_type == "s"
    assert ws.cell(row_of(ws, "E003"), column(ws, "name")).value == SCRIPT_NAME
    # no formula anywhere in the book
    assert not any(c.data_type == "f" for sheet in en.worksheets for row in sheet.iter_rows() for c in row)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_phones_masked_everywhere(books, lang):
    book = openpyxl.load_workbook(books[lang])
    texts = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(PHONE in t for t in texts)
    assert sum("138****1234" in t for t in texts) >= 2  # Findings, Attendance (Actions reasons are rebuilt from figures)


def test_grade_labels_and_colours(en, zh):
    ws = en["Summary"]
    assert ws.cell(row_of(ws, "E001"), column(ws, "grade")).value == "excellent"
    ws = zh["汇总"]
    cells = {g: ws.cell(row_of(ws, e), column(ws, "等级")) for e, g in
             (("E001", "优秀"), ("E002", "良好"), ("E004", "合格"), ("E003", "不合格"))}
    fills = {g: c.fill.fgColor.rgb[-6:] for g, c in cells.items()}
    assert {g: c.value for g, c in cells.items()} == {g: g for g in cells}
    assert fills == {"优秀": "C6EFCE", "良好": "DDEBF7", "合格": "FFEB9C", "不合格": "FFC7CE"}


def test_no_totals_rows_and_the_center_row_in_teams(books, en, zh):
    """Sheets of records hold records only; the totals are Teams' center row, plain numbers."""
    for ws in en.worksheets:
        assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row), ws.title
    s = en["Summary"]
    assert s.max_row == 6 and [s.cell(r, 1).value for r in range(2, 7)] == ["E001", "E002", "E003", "E004", "../../etc"]
    assert en["Findings"].max_row == 21 and en["Payroll"].max_row == 6  # 20 findings
    t = en["Teams"]
    rows = [dict(zip(header(t), r)) for r in t.iter_rows(min_row=2, values_only=True)]
    assert [r["team"] for r in rows] == ["一组", "二组/B", "Center"]
    center = rows[-1]
    assert (center["headcount"], center["fines_total"], center["points"]) == (5, 415, -3)
    assert center["mean_score"] == pytest.approx((99.5 + 81.15 + 47.33 + 61.67) / 4)
    assert header(zh["班组"])[0] == "班组" and zh["班组"].cell(4, 1).value == "中心合计"


def test_page_setup_on_every_sheet(en, zh):
    """Printed: landscape, fit to the page's width, header row on every page, id and name frozen."""
    for book in (en, zh):
        for ws in book.worksheets:
            assert ws.page_setup.orientation == "landscape", ws.title
            assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.print_title_rows == "$1:$1", ws.title
    for key in ("Payroll", "Summary", "Attendance", "Findings", "Actions"):
        assert en[key].freeze_panes == "C2", key


def test_payroll_sheet_and_verdicts(en, zh):
    p = en["Payroll"]
    rows = {r[0]: dict(zip(PAYROLL_EN, r)) for r in p.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == ["E001", "E002", "E003", "E004", "../../etc"]
    e3 = rows["E003"]
    assert (e3["fines_total"], e3["grade"], e3["bonus_coefficient"]) == (400, "fail", 0)
    assert e3["deemed_resignation_date"].date().isoformat() == "2026-10-22"
    assert e3["note"] == ("fail, deemed resigned: The 4th absence day in a month: deemed to have resigned 2026-10-22, "
                          "001 客户部管理制度2 · 考勤管理制度 2; the score alone (47.33) would give fail")
    assert rows["E001"]["note"] is None and rows["E004"]["note"] is None  # 合格 and above: no note
    z = zh["工资导出"]
    note = next(r[9] for r in z.iter_rows(min_row=2, values_only=True) if r[0] == "E003")
    assert note == ("不合格(视为自动离职):当月旷工第4天视为自动离职 2026-10-22,001 客户部管理制度2 · 考勤管理制度 2;"
                    "仅按总分 47.33 应为不合格")
    acts = {(r[0], r[3]): r for r in zh["待办"].iter_rows(min_row=2, values_only=True)}
    assert acts[("E003", "视为自动离职")][5] == note  # the same verdict on the Actions sheet
    assert acts[("E001", "优秀员工候选")][4] == "优秀 99.50 分,优秀员工候选"


def test_people_friendly_layout(en, zh):
    ws = en["Summary"]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header(ws)))}6"
    f = zh["明细"]
    ev = f.column_dimensions["H"]
    assert ev.width <= 61 and f.cell(2, 8).alignment.wrap_text
    assert zh["汇总"].column_dimensions["B"].width >= display_width("姓名") + 3


def test_attendance_words_and_order(zh, en):
    a = zh["考勤"]
    h = header(a)
    rows = [dict(zip(h, r)) for r in a.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == 5 * 31
    assert [r["工号"] for r in rows] == sorted(r["工号"] for r in rows)
    late = next(r for r in rows if r["工号"] == "E001" and r["结果"] == "迟到")
    assert late["班组"] == "一组" and late["规则"] == "ATT-LATE" and late["迟到分钟"] == 5
    assert late["班次"] == "白班" and late["罚款(元)"] == 5
    outcomes = {r[column(en["Attendance"], "outcome") - 1] for r in en["Attendance"].iter_rows(min_row=2, values_only=True)}
    assert outcomes == {"normal", "rest", "late", "missing_punch", "absence", "leave"}


def test_run_sheet(en):
    ws = en["Run"]
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    flat = [v for row in values for v in row if v is not None]
    assert "ATT-ABSENCE" in flat and "fine_per_day=100.0" in flat
    assert "a" * 64 in flat and "b" * 64 in flat
    assert ["2026-10/考勤.xlsx", "b" * 64, "leave", 1, "WeCom 日报"] in [r[:5] for r in values]
    facts = {row[0]: row[1] for row in values if row[0] in ("version", "started_at", "due_date", "run_late")}
    assert facts["version"] == "0.1.0" and facts["started_at"] == "2026-11-03T09:15:00"
    assert facts["due_date"].date().isoformat() == "2026-11-10" and facts["run_late"] == "False"


def test_failed_write_keeps_the_earlier_workbook(tmp_path, monkeypatch):
    scored, results, month, info = sample()
    path = write_workbook(tmp_path, scored, results, month, info)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(wbmod, "write_run", boom)
    with pytest.raises(RuntimeError):
        write_workbook(tmp_path, scored, results, month, info)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_atomic_path_replaces_only_on_success(tmp_path):
    target = tmp_path / "x.txt"
    with atomic_path(target) as tmp:
        tmp.write_text("one")
        assert not target.exists()
    assert target.read_text() == "one"
    with pytest.raises(ValueError), atomic_path(target) as tmp:
        tmp.write_text("two")
        raise ValueError
    assert target.read_text() == "one" and list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("text, expected", [
    ("13800001234", "138****1234"),
    ("客户 13800001234 来电", "客户 138****1234 来电"),
    ("+86 138-0000-1234", "+86 138****1234"),
    ("电话:138 0000 1234。", "电话:138****1234。"),
    ("座机 010-12345678", "座机 010-****5678"),
    ("ticket T202610010001234", "ticket T202610010001234"),  # longer digit runs are ids
    ("E001", "E001"),
    (None, None),
])
def test_mask_phone(text, expected):
    assert mask_phone(text) == expected


def test_text_that_looks_like_a_formula_or_number_stays_text(tmp_path):
    scored, results, month, info = sample()
    odd = ["+SUM(A1:A9)", "-2+3", "@A1", "007", "http://example.com"]
    scored.summary["name"] = odd
    scored.summary["employee_id"] = ["0012", "0013", "0014", "0015", "0016"]
    book = openpyxl.load_workbook(write_workbook(tmp_path, scored, results, month, info, "en"))
    ws = book["Summary"]
    cells = [ws.cell(r, 2) for r in range(2, 7)]
    assert [c.value for c in cells] == odd and {c.data_type for c in cells} == {"s"}
    assert [ws.cell(r, 1).value for r in range(2, 7)] == ["0012", "0013", "0014", "0015", "0016"]
    assert not ws._hyperlinks
