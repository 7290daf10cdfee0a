"""Find the month's input files and refuse the ones we cannot read, saying what to do.

A file is judged by its bytes, not only its name: an ``.xlsx`` that is really an OLE2
container is password-protected (Excel encrypts into OLE2), a zip without ``xl/workbook.xml``
is not a workbook (a renamed ``.docx``), and a zip whose members would inflate past the
limit is refused before any XML is parsed (zip bombs).
"""
from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem

EXCEL_EXT = {".xlsx", ".xlsm"}
CSV_EXT = {".csv"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
DEFAULT_MAX_UNCOMPRESSED = 2 * 1024**3  # 2 GB: a real month is far below; bombs are far above


@dataclass(frozen=True)
class SourceFile:
    path: Path
    kind: str  # "xlsx" or "csv"
    sha256: str

    @property
    def name(self) -> str:
        return self.path.name


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _skipped(path: Path) -> bool:
    """Excel lock files (``~$``) and hidden files are not inputs."""
    return path.name.startswith("~$") or path.name.startswith(".")


def _check_zip(path: Path, max_uncompressed: int) -> str | None:
    """A message when an .xlsx cannot be read, else None."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            total = sum(i.file_size for i in zf.infolist())
            bad = zf.testzip() if path.stat().st_size < 50 * 1024**2 else None
    except zipfile.BadZipFile:
        return "文件已损坏,无法打开:请在 Excel 中打开并另存为 .xlsx‖corrupt workbook: open it in Excel and save again"
    except OSError as exc:
        return f"无法读取文件 (cannot read file): {exc.strerror}"
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            return "这是 Word 文档,不是 Excel 工作簿‖a Word document renamed to .xlsx: save the table from Excel as .xlsx"
        return "不是 Excel 工作簿‖not an Excel workbook: save the table from Excel as .xlsx"
    if total > max_uncompressed:
        return (f"解压后大小 {total / 1024**3:.1f} GB 超过上限 {max_uncompressed / 1024**3:.1f} GB,拒绝读取 "
                "‖uncompressed size over the limit: possible zip bomb")
    if bad is not None:
        return f"文件已损坏({bad}):请在 Excel 中打开并另存为 .xlsx‖corrupt workbook member {bad}"
    return None


def discover(folder: Path, max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED) -> tuple[list[SourceFile], list[Problem]]:
    """The readable input files of a month folder (sorted by name), and problems with the rest."""
    files: list[SourceFile] = []
    problems: list[Problem] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder)
        if any(_skipped(Path(part)) for part in rel.parts):
            continue
        ext = path.suffix.lower()
        name = str(rel)
        try:
            head = path.open("rb").read(8)
        except OSError as exc:
            problems.append(Problem(name, f"无法读取文件 (cannot read file): {exc.strerror}"))
            continue
        if ext == ".xls":
            problems.append(Problem(name, "不支持旧版 .xls 格式:请在 Excel 中“另存为” .xlsx 后再放入 "
                                          "‖legacy .xls is not read: save as .xlsx"))
        elif ext in EXCEL_EXT:
            if head.startswith(OLE_MAGIC):
                problems.append(Problem(name, "文件设有密码保护:请在 Excel 中取消密码(文件→信息→保护工作簿)后另存 "
                                              "‖password-protected: remove the password and save again"))
            elif not head.startswith(ZIP_MAGIC):
                problems.append(Problem(name, "不是 Excel 工作簿,或文件已损坏:请在 Excel 中另存为 .xlsx "
                                              "‖not an Excel workbook, or corrupt: save as .xlsx"))
            else:
                msg = _check_zip(path, max_uncompressed)
                if msg:
                    problems.append(Problem(name, msg))
                else:
                    files.append(SourceFile(path, "xlsx", sha256_of(path)))
        elif ext in CSV_EXT:
            files.append(SourceFile(path, "csv", sha256_of(path)))
        elif ext in {".xlsb", ".ods", ".et", ".numbers"}:
            problems.append(Problem(name, f"不支持 {ext} 格式:请另存为 .xlsx‖save as .xlsx"))
        # other files (notes, PDFs) are not inputs and are left alone
    return files, problems
