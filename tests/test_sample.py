"""`opscore sample`: the generated month is complete, messy the intended ways, and deterministic."""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from processor.errors import UsageError
from processor.sample import build_month, generate_month
from processor.sample.ticket_files import file_ranges

SMALL = {"month": "2026-10", "employees": 30, "tickets": 500, "seed": 3}
FILES = {
    "员工名册.xlsx": ["员工名册", "节假日"],
    "2026年10月考勤表.xlsx": ["考勤"],
    "请假换班奖惩.xlsx": ["请假", "换班", "奖惩"],
    "考评与指标.xlsx": ["考评", "部门指标"],
    "离岗记录.xlsx": ["离岗明细"],
    "工单.xlsx": ["工单明细"],
}


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_month(tmp_path_factory.mktemp("a"), **SMALL)


def values(folder: Path) -> dict[str, object]:
    """Every cell value of every file, keyed by file and sheet."""
    out: dict[str, object] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path, read_only=True)
            for ws in wb:
                out[f"{path.name}:{ws.title}"] = [tuple(r) for r in ws.iter_rows(values_only=True)]
            wb.close()
        else:
            out[path.name] = path.read_bytes()
    return out


def rows(path: Path, sheet: str, header_row: int) -> list[dict[str, object]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    data = list(wb[sheet].iter_rows(values_only=True))
    wb.close()
    head = data[header_row - 1]
    return [dict(zip(head, r)) for r in data[header_row:]]


def test_files_and_sheets(month: Path) -> None:
    assert month.name == "2026-10"
    assert sorted(p.name for p in month.iterdir()) == sorted([*FILES, "质检.csv"])
    for name, sheets in FILES.items():
        assert openpyxl.load_workbook(month / name, read_only=True).sheetnames == sheets
    with open(month / "质检.csv", encoding="gb18030", newline="") as fh:
        head = next(csv.reader(fh))
    assert head[:4] == ["质检单号", "坐席工号", "质检日期", "得分"]


def test_title_rows_above_headers(month: Path) -> None:
    ws = openpyxl.load_workbook(month / "2026年10月考勤表.xlsx").active
    assert ws["A1"].value == "2026年10月考勤表"
    assert "A1:J1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A3"].value == "工号" and ws["C3"].value == "考勤日期"  # header in row 3, an alias


def test_same_seed_same_month(month: Path, tmp_path: Path) -> None:
    again = generate_month(tmp_path, **SMALL)
    assert values(again) == values(month)
    assert {p.name: p.read_bytes() for p in again.iterdir()} == {p.name: p.read_bytes() for p in month.iterdir()}
    other = generate_month(tmp_path / "other", **{**SMALL, "seed": 4})
    assert (other / "工单.xlsx").read_bytes() != (month / "工单.xlsx").read_bytes()


def test_ids_are_text_with_leading_zeros(month: Path) -> None:
    staff = rows(month / "员工名册.xlsx", "员工名册", 2)
    ids = [r["工号"] for r in staff]
    assert len(ids) == 30 == len(set(ids))
    assert all(isinstance(i, str) and len(i) == 5 and i.isdigit() for i in ids)
    assert all(i.startswith("0") for i in ids)
    tickets = rows(month / "工单.xlsx", "工单明细", 1)
    assert {r["坐席工号"] for r in tickets} <= set(ids)


def test_tickets_written_once_each(month: Path) -> None:
    tickets = rows(month / "工单.xlsx", "工单明细", 1)
    assert len(tickets) == 500
    assert len({r["工单编号"] for r in tickets}) == 500
    assert {r["受理渠道"] for r in tickets} == {"电话", "在线", "邮件", "现场"}
    assert all(r["创建时间"].year == 2026 and r["创建时间"].month == 10 for r in tickets)
    sat = Counter(type(r["满意度"]).__name__ for r in tickets)
    assert sat["NoneType"] and sat["int"] and sat["str"]  # blank, 1–5, and words


def test_attendance_one_row_per_employee_day(month: Path) -> None:
    att = rows(month / "2026年10月考勤表.xlsx", "考勤", 3)
    assert len(att) == 30 * 31
    assert len({(r["工号"], str(r["考勤日期"])) for r in att}) == len(att)
    assert any(isinstance(r["考勤日期"], str) for r in att)  # some dates typed as text
    rest = [r for r in att if r["班次"] == "休息"]
    assert rest and all(r["上班打卡"] is None and r["下班打卡"] is None for r in rest)


def test_every_id_is_in_the_roster(month: Path) -> None:
    ids = {r["工号"] for r in rows(month / "员工名册.xlsx", "员工名册", 2)}
    for file, sheet, header, cols in (
        ("请假换班奖惩.xlsx", "请假", 2, ("工号", "审批人工号")),
        ("请假换班奖惩.xlsx", "换班", 2, ("申请人工号", "替班人工号", "批准人工号")),
        ("请假换班奖惩.xlsx", "奖惩", 1, ("工号",)),
        ("考评与指标.xlsx", "考评", 2, ("工号",)),
        ("离岗记录.xlsx", "离岗明细", 1, ("工号",)),
    ):
        for r in rows(month / file, sheet, header):
            assert all(r[c] is None or r[c] in ids for c in cols), (file, sheet, r)


def test_deliberate_cases() -> None:
    m = build_month(**SMALL)
    assert sorted(m.absences.values(), reverse=True)[:2] == [4, 3]
    assert max(sorted(m.absences.values(), reverse=True)[2:]) <= 2
    keys = {c.key for c in m.cases if not c.expect.startswith("skipped")}
    assert {"one person with 3 swaps", "private swap (no approver)", "swap on a public holiday"} <= keys
    assert len([c for c in m.cases if c.table == "leave"]) >= 20
    assert sum(1 for r in m.incidents if r["code"] in ("confidentiality", "泄露客户资料")) == 1


def test_big_months_split_tickets() -> None:
    assert file_ranges(200_000) == [(0, 200_000)]
    ranges = file_ranges(1_000_001)
    assert len(ranges) >= 2 and ranges[0][0] == 0 and ranges[-1][1] == 1_000_001
    assert all(b - a <= 500_000 for a, b in ranges)
    assert all(ranges[i][1] == ranges[i + 1][0] for i in range(len(ranges) - 1))


def test_csv_tickets(tmp_path: Path) -> None:
    folder = generate_month(tmp_path, **{**SMALL, "tickets": 50}, csv=True)
    with open(folder / "工单.csv", encoding="utf-8-sig", newline="") as fh:
        data = list(csv.DictReader(fh))
    assert len(data) == 50 and data[0]["坐席工号"].startswith("0")
    assert not (folder / "工单.xlsx").exists()


def test_too_few_employees() -> None:
    with pytest.raises(UsageError):
        build_month(employees=10)
