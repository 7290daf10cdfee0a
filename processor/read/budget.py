"""What a file may cost the reader, measured before anything expands.

A workbook is a zip of XML, and the reader (calamine, in Rust) holds each sheet as a dense
rows × columns grid from its first to its last cell, copies a shared string into every cell
that references it, and loads a sheet once per entry in ``workbook.xml``. So a 2 KB file can
ask for gigabytes and abort the process beyond any ``except``. Each budget here is checked on
the compressed bytes' way through, in chunks, never holding a part whole; each refusal names
its limit and the environment variable that raises it. A CSV's size and longest line are
measured on disk before it is read.
"""
from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from .extent import chunks, measure_sheet, shared_lengths

_M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass(frozen=True)
class Limit:
    env: str
    default: int
    what: str  # 中文‖English, for the message

    def value(self) -> int:
        """The limit in force: the environment variable when set (a positive integer), else the default."""
        text = os.environ.get(self.env, "").strip()
        if not text:
            return self.default
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value <= 0:
            raise UsageError(f"环境变量 {self.env} 应为正整数:“{text[:40]}”‖{self.env} must be a positive integer: '{text[:40]}'")
        return value


CELLS = Limit("OPSCORE_MAX_CELLS", 24 * 1_048_576, "单元格‖cells")  # rows × columns of one workbook's sheets
COLUMNS = Limit("OPSCORE_MAX_COLUMNS", 1024, "列‖columns")  # widest column of one sheet
SHARED_TEXT = Limit("OPSCORE_MAX_SHARED_TEXT", 128 * 1024**2, "字节的共享文本‖bytes of shared text")
CSV_BYTES = Limit("OPSCORE_MAX_CSV_BYTES", 512 * 1024**2, "字节‖bytes")
CSV_LINE = Limit("OPSCORE_MAX_CSV_LINE", 1024**2, "字节的单行‖bytes in one line")


def over(limit: Limit, found: str, value: int, subject: str = "", advice: str = "") -> str:
    """The message of a refusal: what was found, the limit, what to do, the variable that raises it."""
    def side(text: str, i: int) -> str:
        parts = text.split("‖")
        return parts[i] if len(parts) > i else parts[0]

    zh_a, en_a = (f"{side(advice, 0)};", f" {side(advice, 1)};") if advice else ("", "")
    return (f"{side(subject, 0)}{side(found, 0)},超过上限 {value:,} {side(limit.what, 0)},拒绝读取:{zh_a}"
            f"上限可用环境变量 {limit.env} 调整"
            f"‖{side(subject, 1)}{side(found, 1)}, over the limit of {value:,} {side(limit.what, 1)}: not read;{en_a}"
            f" the limit is set by {limit.env}")


def check_csv(path: Path) -> str | None:
    """A message when a CSV is too big to read, or has a line longer than any table's row."""
    limit = CSV_BYTES.value()
    size = path.stat().st_size  # a symlink's target: that is what would be read
    if size > limit:
        return over(CSV_BYTES, f"文件大小 {size:,} 字节‖its size of {size:,} bytes", limit)
    line_limit = CSV_LINE.value()
    run = 0
    with path.open("rb") as fh:  # chunks no longer than the limit: a line inside one fits it
        for chunk in iter(lambda: fh.read(min(line_limit, 1 << 22)), b""):
            first, last = chunk.find(b"\n"), chunk.rfind(b"\n")
            if first < 0:
                run += len(chunk)
            else:
                run, longest = len(chunk) - last - 1, run + first
                if longest > line_limit:
                    break
            if run > line_limit:
                break
        else:
            return None
    return over(CSV_LINE, f"有一行长于 {line_limit:,} 字节‖a line longer than {line_limit:,} bytes", line_limit)


def sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, worksheet part) for every sheet ``workbook.xml`` lists, in its order."""
    from defusedxml import ElementTree

    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    try:
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return []
    targets = {e.get("Id"): e.get("Target", "") for e in rels}
    out = []
    for e in book.iter(f"{_M}sheet"):
        target = targets.get(e.get(f"{_R}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        out.append((e.get("name", ""), os.path.normpath(part).replace(os.sep, "/")))
    return out


def _size_text(n: int) -> str:
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} B"


_CORRUPT = "文件已损坏,无法打开:请在 Excel 中打开并另存为 .xlsx‖corrupt workbook: open it in Excel and save it again as .xlsx"


def check_zip(path: Path, max_uncompressed: int) -> str | None:
    """A message when an .xlsx cannot be read or would cost more than its budgets, else None.

    The declared sizes are checked before any member is inflated; then every member is
    inflated once, in chunks (a member whose real size exceeds its declared one fails the CRC
    check at its end), the shared strings' lengths and each worksheet's extent measured on
    the way.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            return _check_members(zf, max_uncompressed)
    # RuntimeError covers zipfile's unsupported compression methods and encrypted members
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, EOFError, ValueError, KeyError):
        return _CORRUPT
    except OSError as exc:
        return f"无法读取文件:{exc.strerror}‖cannot read the file: {exc.strerror}"


def _check_members(zf: zipfile.ZipFile, max_uncompressed: int) -> str | None:
    infos = zf.infolist()
    names = {i.filename for i in infos}
    total = sum(i.file_size for i in infos)
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            return ("这是 Word 文档,不是 Excel 工作簿:请把表格从 Excel 另存为 .xlsx"
                    "‖a Word document renamed to .xlsx: save the table from Excel as .xlsx")
        return "不是 Excel 工作簿:请把表格从 Excel 另存为 .xlsx‖not an Excel workbook: save the table from Excel as .xlsx"
    if total > max_uncompressed:
        return (f"解压后大小 {_size_text(total)} 超过上限 {_size_text(max_uncompressed)}(可能是压缩炸弹),拒绝读取;"
                "上限可用环境变量 OPSCORE_MAX_UNCOMPRESSED(字节)调整"
                f"‖uncompressed size {_size_text(total)} is over the limit of {_size_text(max_uncompressed)} "
                "(possibly a zip bomb): not read; the limit is set by OPSCORE_MAX_UNCOMPRESSED (bytes)")
    try:
        listed = sheet_parts(zf)
    except Exception:  # defusedxml's refusals and plain XML errors alike: the reader cannot open it either
        listed = []
    labels = {part: name for name, part in reversed(listed)}
    for part in labels:
        times = sum(1 for _, p in listed if p == part)
        if times > 1:
            return (f"工作簿把同一份工作表数据({part})列为 {times} 个工作表:文件已损坏或被改动过,"
                    "请在 Excel 中打开并另存为 .xlsx"
                    f"‖the workbook lists one worksheet part ({part}) as {times} sheets: it is corrupt or was "
                    "tampered with; open it in Excel and save it again")
    sst = next((n for n in names if n.lower().endswith("sharedstrings.xml")), None)
    shared = shared_lengths(zf, sst) if sst else None
    return _check_sheets(zf, infos, labels, shared, sst)


def _check_sheets(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], labels: dict[str, str],
                  shared: list[int] | None, sst: str | None) -> str | None:
    max_cells, max_cols, max_text = CELLS.value(), COLUMNS.value(), SHARED_TEXT.value()
    cells = text = 0
    for info in infos:
        name = info.filename
        try:
            if name in labels or (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                ext = measure_sheet(zf, name, shared)
            else:
                if name != sst:
                    for _ in chunks(zf, name):
                        pass
                continue
        except zipfile.BadZipFile:
            return (f"文件已损坏({name}):请在 Excel 中打开并另存为 .xlsx"
                    f"‖corrupt workbook (member {name}): open it in Excel and save it again")
        label = labels.get(name, name)
        subject = f"工作表“{label}”‖sheet '{label}': "
        if ext.cols > max_cols:
            return over(COLUMNS, f"宽达 {ext.cols:,} 列‖{ext.cols:,} columns wide", max_cols, subject,
                        "多半是右侧远处有误填的单元格,请删除表格右侧多余的列后另存‖most likely a stray cell far "
                        "to the right: delete the columns beyond the table and save again")
        cells += ext.rows * ext.cols
        if cells > max_cells:
            return over(CELLS, f"范围达 {ext.rows:,} 行 × {ext.cols:,} 列(工作簿合计 {cells:,} 个单元格)"
                               f"‖spans {ext.rows:,} rows × {ext.cols:,} columns ({cells:,} cells in the workbook)",
                        max_cells, subject, "多半是远处有误填的单元格,请删除数据下方和右侧多余的行列后另存‖most likely "
                        "a stray cell far from the data: delete the rows and columns beyond the table and save again")
        text += ext.shared_text
        if text > max_text:
            return over(SHARED_TEXT, f"引用的共享文本展开后达 {text:,} 字节‖references {text:,} bytes of shared text "
                                     "once expanded", max_text, subject)
    return None
