"""Tiny files that would eat memory (issue 17): every reader has a budget, checked before anything expands.

Each attack is a file of a few kilobytes written by hand (tests/hostile.py) that once asked the
reader for gigabytes or minutes. Each run is a real ``opscore`` child process: its exit code,
its exact message (the limit and the environment variable that raises it), its wall time and
its peak memory (under 1 GB) are asserted.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from hostile import inline, row, run_cli, table, workbook
from workbooks import minimal_month

GB = 1024


def _check(month: Path, **env: str):
    ran = run_cli("check", str(month), env=env)
    assert ran.peak_mb < 1 * GB, ran.peak_mb
    return ran


def test_a_far_cell_quoted_in_single_quotes_is_measured(tmp_path):
    """1.8 KB: r='XFD1048576' once slipped past a guard that read only double quotes."""
    month = minimal_month(tmp_path / "2026-10")
    workbook(month / "far.xlsx", {"S": row([inline("A1", "x"), inline("XFD1048576", "y", "'")], 1)})
    assert (month / "far.xlsx").stat().st_size < 2048
    ran = _check(month)
    assert ran.code == 1 and ran.seconds < 20
    assert ("  far.xlsx: 工作表“S”宽达 16,384 列,超过上限 1,024 列,拒绝读取:多半是右侧远处有误填的单元格,"
            "请删除表格右侧多余的列后另存;上限可用环境变量 OPSCORE_MAX_COLUMNS 调整") in ran.lines


def test_cells_without_a_reference_are_placed_as_the_reader_places_them(tmp_path):
    """A last row 1,048,576 holding 1,000 cells with no r: 1 billion cells by position."""
    month = minimal_month(tmp_path / "2026-10")
    workbook(month / "noref.xlsx", {"S": row([inline("", "x")] * 1000, 1048576)})
    ran = _check(month)
    assert ran.code == 1 and ran.seconds < 20
    assert ("  noref.xlsx: 工作表“S”范围达 1,048,576 行 × 1,000 列(工作簿合计 1,048,576,000 个单元格),超过上限 "
            "25,165,824 单元格,拒绝读取:多半是远处有误填的单元格,请删除数据下方和右侧多余的行列后另存;"
            "上限可用环境变量 OPSCORE_MAX_CELLS 调整") in ran.lines


def test_eight_sparse_sheets_are_counted_together(tmp_path):
    """Eight sheets of two cells each (A1, D1048576): each 4 M cells, together 33 M."""
    month = minimal_month(tmp_path / "2026-10")
    sheets = {f"S{i}": row([inline("A1", "x")], 1) + row([inline("D1048576", "y")], 1048576) for i in range(8)}
    workbook(month / "sparse.xlsx", sheets)
    ran = _check(month)
    assert ran.code == 1 and ran.seconds < 20
    assert ("  sparse.xlsx: 工作表“S5”范围达 1,048,576 行 × 4 列(工作簿合计 25,165,824 个单元格),超过上限 "
            "25,165,824 单元格" not in ran.out)  # exactly at the limit is allowed
    assert [line for line in ran.lines if "S6" in line] == [
        "  sparse.xlsx: 工作表“S6”范围达 1,048,576 行 × 4 列(工作簿合计 29,360,128 个单元格),超过上限 25,165,824 "
        "单元格,拒绝读取:多半是远处有误填的单元格,请删除数据下方和右侧多余的行列后另存;上限可用环境变量 "
        "OPSCORE_MAX_CELLS 调整"]


def test_the_cell_budget_is_raised_by_its_variable(tmp_path):
    month = minimal_month(tmp_path / "2026-10")
    workbook(month / "sparse.xlsx", {"S": row([inline("A1", "x")], 1) + row([inline("D1048576", "y")], 1048576)})
    ran = _check(month, OPSCORE_MAX_CELLS="1000000")
    assert ran.code == 1
    assert any("OPSCORE_MAX_CELLS" in line and "超过上限 1,000,000 单元格" in line for line in ran.lines)
    assert "OPSCORE_MAX_CELLS" not in _check(month).out  # the default allows 4 M cells


def test_one_sheet_listed_25_times_is_refused(tmp_path):
    month = minimal_month(tmp_path / "2026-10")
    workbook(month / "twins.xlsx", {"S": table(["a"], [["1"]])},
             listed=[(f"S{i}", "worksheets/sheet1.xml") for i in range(25)])
    ran = _check(month)
    assert ran.code == 1 and ran.seconds < 20
    assert ("  twins.xlsx: 工作簿把同一份工作表数据(xl/worksheets/sheet1.xml)列为 25 个工作表:文件已损坏或被改动过,"
            "请在 Excel 中打开并另存为 .xlsx") in ran.lines


def test_a_shared_strings_bomb_is_refused_by_its_expanded_text(tmp_path):
    """One 1 MB shared string referenced by 300 cells: 300 MB once copied into each cell
    (counted by its XML, <si><t>…</t>: 1,048,587 bytes each)."""
    month = minimal_month(tmp_path / "2026-10")
    cells = "".join(f'<c r="A{i}" t="s"><v>0</v></c>' for i in range(1, 301))
    workbook(month / "sst.xlsx", {"S": f'<row r="1">{cells}</row>'}, shared=["x" * 1024**2])
    assert (month / "sst.xlsx").stat().st_size < 10 * 1024
    ran = _check(month)
    assert ran.code == 1 and ran.seconds < 20
    assert ("  sst.xlsx: 工作表“S”引用的共享文本展开后达 314,576,100 字节,超过上限 134,217,728 字节的共享文本,"
            "拒绝读取:上限可用环境变量 OPSCORE_MAX_SHARED_TEXT 调整") in ran.lines


def test_a_roster_16384_columns_wide_is_refused_quickly(tmp_path):
    month = tmp_path / "2026-10"
    header = ["工号", "姓名", "部门", "班组", "岗位"] + [f"备注{i}" for i in range(16384 - 5)]
    workbook(month / "名册.xlsx", {"名册": table(header, [["001", "张三", "客服部", "一组", "专员"] + ["x"] * (16384 - 5)])})
    ran = _check(month)
    assert ran.code == 1 and ran.seconds < 20
    assert ("  名册.xlsx: 工作表“名册”宽达 16,384 列,超过上限 1,024 列,拒绝读取:多半是右侧远处有误填的单元格,"
            "请删除表格右侧多余的列后另存;上限可用环境变量 OPSCORE_MAX_COLUMNS 调整") in ran.lines


def test_a_csv_20000_columns_wide_is_refused_quickly(tmp_path):
    month = minimal_month(tmp_path / "2026-10")
    (month / "wide.csv").write_text(",".join(f"c{i}" for i in range(20000)) + "\n" + ",".join("1" * 20000) + "\n")
    ran = _check(month)
    assert ran.code == 1 and ran.seconds < 20
    assert ("  wide.csv: 有 20,000 列,超过上限 1,024 列,拒绝读取:请删除表格右侧多余的列后另存;"
            "上限可用环境变量 OPSCORE_MAX_COLUMNS 调整") in ran.lines


def test_a_4_gb_csv_and_a_link_to_it_are_not_read(tmp_path):
    month = minimal_month(tmp_path / "2026-10")
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:  # sparse: 4 GB on paper, nothing on disk
        fh.write(b"a,b\n")
        fh.truncate(4 * 1024**3)
    (month / "link.csv").symlink_to(big)
    big.rename(month / "big.csv")
    (month / "link.csv").unlink()
    (month / "link.csv").symlink_to(month / "big.csv")
    ran = _check(month)
    assert ran.code == 1 and ran.seconds < 20
    for name in ("big.csv", "link.csv"):
        assert (f"  {name}: 文件大小 4,294,967,296 字节,超过上限 536,870,912 字节,拒绝读取:"
                "上限可用环境变量 OPSCORE_MAX_CSV_BYTES 调整") in ran.lines


def test_a_csv_line_of_2_mb_is_refused(tmp_path):
    month = minimal_month(tmp_path / "2026-10")
    (month / "long.csv").write_text("工号,备注\n001," + "x" * (2 * 1024**2) + "\n")
    ran = _check(month)
    assert ran.code == 1
    assert ("  long.csv: 有一行长于 1,048,576 字节,超过上限 1,048,576 字节的单行,拒绝读取:"
            "上限可用环境变量 OPSCORE_MAX_CSV_LINE 调整") in ran.lines


@pytest.mark.parametrize("cells", [
    row([inline("A1", "x")], 1) + row([inline("XFD1", "y")], 2),  # a plain ref out of its row
    row([inline("$XFD$1", "y")], 1),  # absolute ref
    row([inline("xfd1", "y")], 1),  # lower case
    row([inline("A1", "x")], 1) + '<row r="2">' + '<c t="inlineStr"><is><t>y</t></is></c>' * 2000 + "</row>",  # no refs
    row([inline("A1", "x")], 1).replace("<c ", "<c\n") + row([inline("XFD2", "y")], 2).replace("<c ", "<c\t"),
    '<x:row r="1"><x:c r="XFD1" t="inlineStr"><x:is><x:t>y</x:t></x:is></x:c></x:row>',  # a namespace prefix
], ids=["out-of-row", "dollar", "lower-case", "no-refs", "odd-whitespace", "prefixed"])
def test_every_spelling_of_a_far_column_is_measured(runner, tmp_path, cells):
    from cli import main

    month = minimal_month(tmp_path / "2026-10")
    workbook(month / "far.xlsx", {"S": cells})
    result = runner.invoke(main, ["check", str(month)])
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if line.startswith("  far.xlsx:"))
    assert line.startswith("  far.xlsx: 工作表“S”宽达 ") and "OPSCORE_MAX_COLUMNS" in line, line
