"""XML and zip bombs: a hostile workbook ends the run with a clear message, quickly, in little memory.

Why: an .xlsx is a zip of XML files. Two classic attacks follow — nested XML entities
("billion laughs") and members that inflate to gigabytes (zip bombs, or a forged size in the
central directory). Values are read by fastexcel (Rust, quick-xml: no DTD or entity
expansion); openpyxl, used by the tests and by any script on the outputs, parses through
defusedxml when it is installed, which is why defusedxml is an install requirement. The
reader refuses a workbook whose declared uncompressed size exceeds ``OPSCORE_MAX_UNCOMPRESSED``
bytes (default 2 GB) before parsing anything, and inflates each member once, in chunks, so a
member lying about its size fails its CRC check instead of filling memory.
"""
from __future__ import annotations

import configparser
import resource
import struct
import time
import zipfile
from pathlib import Path

import pytest

from bad_inputs import billion_laughs, zip_bomb
from cli import main
from processor.read.files import DEFAULT_MAX_UNCOMPRESSED
from workbooks import minimal_month

ROOT = Path(__file__).resolve().parents[1]
MISSING = ["2026-10: 缺少“员工名册”表 (应为:工号, 姓名, 部门, 班组, 岗位)",
           "2026-10: 缺少“考勤”表 (应为:工号, 日期, 班次, 上班时间, 下班时间, 上班打卡, 下班打卡)"]


def test_openpyxl_parses_through_defusedxml():
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


def test_defusedxml_is_an_install_requirement():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    requires = [r.strip().split(">")[0].split("=")[0] for r in cfg["options"]["install_requires"].split("\n") if r.strip()]
    assert "defusedxml" in requires


@pytest.mark.parametrize("part,line", [
    ("xl/sharedStrings.xml", "lol.xlsx: 文件无法打开,可能已损坏:请在 Excel 中打开并另存为 .xlsx"),
    ("xl/worksheets/sheet1.xml", "lol.xlsx:Sheet1: 工作表无法读取,可能已损坏:请在 Excel 中打开并另存为 .xlsx"),
], ids=["in-shared-strings", "in-the-sheet"])
def test_billion_laughs_is_refused_quickly_and_openpyxl_refuses_it_too(runner, tmp_path, part, line):
    month = minimal_month(tmp_path / "2026-10")
    billion_laughs(month / "lol.xlsx", part)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    result = runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "out"), "-q"])
    assert time.monotonic() - start < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 200 * 1024  # KB: no expansion
    assert result.exit_code == 1
    assert result.output.splitlines() == [line, "输入有 1 个问题"]
    assert not (tmp_path / "out" / "2026-10").exists()

    import openpyxl
    from defusedxml import EntitiesForbidden

    with pytest.raises(Exception) as info:  # openpyxl wraps the shared strings' error in a ValueError
        openpyxl.load_workbook(month / "lol.xlsx")
    assert isinstance(info.value, EntitiesForbidden) or isinstance(info.value.__cause__, EntitiesForbidden)


def _total(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        return sum(i.file_size for i in zf.infolist())


def test_the_default_limit_is_2_gb():
    assert DEFAULT_MAX_UNCOMPRESSED == 2 * 1024**3


def test_a_small_configured_limit_refuses_a_normal_workbook(runner, tmp_path, monkeypatch):
    month = minimal_month(tmp_path / "2026-10")
    monkeypatch.setenv("OPSCORE_MAX_UNCOMPRESSED", "1000")
    result = runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    size = f"{_total(month / 'month.xlsx') / 1024:.1f} KB"
    assert result.output.splitlines() == [
        f"month.xlsx: 解压后大小 {size} 超过上限 1000 B(可能是压缩炸弹),拒绝读取;"
        "上限可用环境变量 OPSCORE_MAX_UNCOMPRESSED(字节)调整", *MISSING, "输入有 3 个问题"]
    result = runner.invoke(main, ["check", str(month), "--lang", "en"])
    assert f"  month.xlsx: uncompressed size {size} is over the limit of 1000 B (possibly a zip bomb): not read; " \
           "the limit is set by OPSCORE_MAX_UNCOMPRESSED (bytes)" in result.output.splitlines()


def test_a_real_zip_bomb_is_refused_before_it_is_inflated(runner, tmp_path, monkeypatch):
    """A real workbook plus 300 MB of zeros (1.4 MB on disk), with the limit set to 100 MB."""
    source = minimal_month(tmp_path / "src") / "month.xlsx"
    month = tmp_path / "2026-10"
    month.mkdir()
    zip_bomb(source, month / "bomb.xlsx", member_mb=300)
    assert (month / "bomb.xlsx").stat().st_size < 5 * 1024**2
    minimal_month(month)
    monkeypatch.setenv("OPSCORE_MAX_UNCOMPRESSED", str(100 * 1024**2))
    start = time.monotonic()
    result = runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "out"), "-q"])
    assert time.monotonic() - start < 5
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "bomb.xlsx: 解压后大小 300.0 MB 超过上限 100.0 MB(可能是压缩炸弹),拒绝读取;"
        "上限可用环境变量 OPSCORE_MAX_UNCOMPRESSED(字节)调整", "输入有 1 个问题"]


def _forge_size(path: Path, member: str, declared: int) -> None:
    """Rewrite ``member``'s uncompressed size in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(sig + b"")
        while at >= 0:
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                struct.pack_into("<I", data, at + offset, declared)
                break
            at = data.find(sig, at + 4)
    path.write_bytes(bytes(data))


def test_a_member_lying_about_its_size_is_refused(runner, tmp_path):
    """The central directory says 1 KB; the member inflates to 50 MB. Its CRC check fails."""
    source = minimal_month(tmp_path / "src") / "month.xlsx"
    month = tmp_path / "2026-10"
    month.mkdir()
    with zipfile.ZipFile(source) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    with zipfile.ZipFile(month / "liar.xlsx", "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in parts.items():
            zf.writestr(n, b)
        zf.writestr("xl/media/image1.png", bytes(50 * 1024**2))
    _forge_size(month / "liar.xlsx", "xl/media/image1.png", 1024)
    assert _total(month / "liar.xlsx") < 100 * 1024
    minimal_month(month)
    result = runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "liar.xlsx: 文件已损坏(xl/media/image1.png):请在 Excel 中打开并另存为 .xlsx", "输入有 1 个问题"]


def test_a_stray_cell_far_right_and_down_is_refused_before_the_reader_allocates(runner, tmp_path):
    """One value in XFD1048576 would make the reader allocate a 17-billion-cell grid (and abort)."""
    from bad_inputs import with_stray_last_row

    month = minimal_month(tmp_path / "2026-10")
    xlsx_path = month / "month.xlsx"
    with_stray_last_row(xlsx_path, 2, "XFD1048576", "x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    result = runner.invoke(main, ["check", str(month)])
    assert time.monotonic() - start < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 200 * 1024
    assert result.exit_code == 1
    assert ("  month.xlsx: 工作表“考勤”宽达 16,384 列,超过上限 1,024 列,拒绝读取:多半是右侧远处有误填的单元格,"
            "请删除表格右侧多余的列后另存;上限可用环境变量 OPSCORE_MAX_COLUMNS 调整") in result.output.splitlines()
    month = minimal_month(tmp_path / "again" / "2026-10")  # within the columns: the cells' budget refuses it
    with_stray_last_row(month / "month.xlsx", 2, "Z1048576", "x")
    result = runner.invoke(main, ["check", str(month)])
    assert ("  month.xlsx: 工作表“考勤”范围达 1,048,576 行 × 26 列(工作簿合计 27,262,996 个单元格),超过上限 "
            "25,165,824 单元格,拒绝读取:多半是远处有误填的单元格,请删除数据下方和右侧多余的行列后另存;上限可用环境变量 "
            "OPSCORE_MAX_CELLS 调整") in result.output.splitlines()
