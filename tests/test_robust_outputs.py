"""What comes out is safe whatever went in: no formula, no markup, no path, no phone number.

Why: every text of an input cell reaches the scored workbook, the pages or a file name. A name
such as ``=HYPERLINK(...)`` must stay text in every sheet (payroll opens the workbook in
Excel), ``<script>`` must be shown, not run, a team called ``../../x`` must not name a file
outside report/, a customer's phone number pasted into a note must be masked in every output
byte, and the run writes nothing outside ``--out``. One hand-made month carries all of it
through the real pipeline, in both languages.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest

from cli import main
from workbooks import ATT_HEADER, ROSTER_HEADER, xlsx

FORMULAS = ["=1+1", "+SUM(A1)", "-2+3", "@A1", '=HYPERLINK("http://evil.example/x","点我")', "=cmd|' /C calc'!A0"]
SCRIPT = "<script>alert(1)</script>"
PHONES = ["13800001234", "139 0000 5678", "+86-137-0000-9012"]
D = dt.date(2026, 10, 8)


def hostile_month(folder: Path) -> Path:
    """Six people whose names, teams, ids and notes are formulas, markup, paths and phone numbers."""
    people = [["E1", FORMULAS[0], "客户服务部", "../../x", "客服专员"],
              ["E2", FORMULAS[1], "客户服务部", SCRIPT, "班长"],
              ["..\\..\\y", FORMULAS[2], "客户服务部", "../../x", "客服专员"],
              ["E4", FORMULAS[3], "运营管理部", FORMULAS[4], "运营专员"],
              ["E5", SCRIPT + "王五", "客户服务部", "/etc/passwd", "客服专员"],
              ["E6", FORMULAS[4], "技术支持部", "C:\\Windows\\win.ini", "技术支持"]]
    att = [[p[0], D, "早班", "08:30", "17:30", "08:41", "17:31"] for p in people]  # everyone 11 minutes late
    incidents = [["工号", "日期", "事项", "金额", "说明"],
                 ["E1", D, "桌面不整洁", None, f"客户 {PHONES[0]} 来电投诉 " + FORMULAS[5]],
                 ["E2", D, "晨会迟到", 20, f"{SCRIPT} 回拨 {PHONES[1]}"],
                 ["..\\..\\y", D, "表扬", None, f"=1+1 客户{PHONES[2]}表扬"]]
    tickets = [["工单号", "坐席工号", "渠道", "类型", "创建时间", "客户电话", "备注"]] + [
        [f"T{i}", p[0], "电话", "投诉" if i % 2 else "咨询", f"2026-10-0{2 + i % 5} 09:00:00", PHONES[i % 3],
         f"回电 {PHONES[i % 3]}"] for i, p in enumerate(people * 3)]
    ratings = [["工号", "工作态度", "专业能力", "团队协作"]] + [[p[0], 90, 85, 80] for p in people]
    xlsx(folder / "m.xlsx", {"考勤": [ATT_HEADER, *att], "工单": tickets, "考评": ratings})
    # Text that starts with "=" is a formula to openpyxl; a CSV keeps it text, as Excel's CSV export does.
    for name, rows in (("名册.csv", [ROSTER_HEADER, *people]), ("奖惩.csv", incidents)):
        with (folder / name).open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(rows)
    return folder


@pytest.fixture(scope="module", params=["zh", "en"])
def hostile_run(request, tmp_path_factory) -> dict:
    from click.testing import CliRunner

    root = tmp_path_factory.mktemp(f"hostile-{request.param}")
    month = hostile_month(root / "in" / "2026-10")
    out = root / "out"
    work = root / "cwd"
    work.mkdir()
    before = sorted(p for p in root.rglob("*") if p.is_file())
    here = Path.cwd()
    os.chdir(work)  # the current directory must stay empty too
    try:
        result = CliRunner().invoke(main, ["run", str(month), "--out", str(out), "-q", "--lang", request.param])
    finally:
        os.chdir(here)
    cwd_files = list(work.rglob("*"))
    assert result.exit_code == 0, result.output
    written = sorted(p for p in root.rglob("*") if p.is_file() and p not in before)
    return {"out": out, "written": written, "cwd": cwd_files, "lang": request.param}


def test_nothing_is_written_outside_out(hostile_run):
    out = hostile_run["out"].resolve()
    assert hostile_run["written"] and all(out in p.resolve().parents for p in hostile_run["written"])
    assert hostile_run["cwd"] == []


def test_page_file_names_stay_inside_report(hostile_run):
    report = hostile_run["out"] / "2026-10" / "report"
    for p in hostile_run["written"]:
        if p.suffix == ".html":
            assert p.parent == report and re.fullmatch(r"[A-Za-z0-9_-]+\.html", p.name), p
    assert not (hostile_run["out"].parent / "x").exists() and not Path("/etc/passwd.html").exists()


def _cells(path: Path):
    book = openpyxl.load_workbook(path)  # not read-only: data_type tells a formula from a text
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    yield ws.title, c


def test_formula_looking_text_stays_text_in_every_sheet(hostile_run):
    cells = list(_cells(hostile_run["out"] / "2026-10" / "scored-2026-10.xlsx"))
    formulas = [(s, c.coordinate, c.value) for s, c in cells if c.data_type == "f"]
    assert all(v.startswith("=SUBTOTAL(109,") for _, _, v in formulas), formulas  # only our totals rows
    texts = {c.value for _, c in cells if c.data_type == "s"}
    for text in [*FORMULAS[:5], "../../x", "..\\..\\y", SCRIPT]:
        assert text in texts, text
    notes = [c.value for _, c in cells if isinstance(c.value, str) and "来电投诉" in c.value]
    assert notes and all(FORMULAS[5] in n and c_type == "s" for n, c_type in
                         ((c.value, c.data_type) for _, c in cells if c.value in notes))


def test_pages_escape_markup(hostile_run):
    pages = [p for p in hostile_run["written"] if p.suffix == ".html"]
    assert len(pages) > 6
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html.lower(), page.name
    index = (hostile_run["out"] / "2026-10" / "report" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index


def _output_texts(hostile_run) -> dict[str, bytes]:
    """Every output byte as people and programs would read it: xlsx members inflated."""
    out = {}
    for p in hostile_run["written"]:
        if p.suffix == ".xlsx":
            with zipfile.ZipFile(p) as zf:
                for n in zf.namelist():
                    out[f"{p.name}:{n}"] = zf.read(n)
        else:
            out[str(p)] = p.read_bytes()
    return out


def test_customer_phones_never_appear_unmasked(hostile_run):
    digits = [re.sub(r"\D", "", p)[-11:] for p in PHONES]
    for name, data in _output_texts(hostile_run).items():
        flat = re.sub(rb"[\s+-]", b"", data)
        for number in digits:
            assert number.encode() not in flat, (name, number)
    db = hostile_run["out"] / "opscore.db"
    with sqlite3.connect(db) as con:
        dump = "\n".join(con.iterdump())
    for number in digits:
        assert number not in re.sub(r"[\s+-]", "", dump)


def test_masked_phones_are_still_told_apart(hostile_run):
    texts = b"".join(_output_texts(hostile_run).values()).decode("utf-8", "replace")
    assert "138****1234" in texts
