"""Find the month's input files and refuse the ones we cannot read, saying what to do.

A file is judged by its bytes, not only its name: an empty file says so, an ``.xlsx`` that
is really an OLE2 container is password-protected (Excel encrypts into OLE2), a zip without
``xl/workbook.xml`` is not a workbook (a renamed ``.docx``), a zip whose members would inflate
past the limit is refused before any XML is parsed (zip bombs), and so is a sheet whose cells
span more rows × columns than the reader can hold (one stray value in XFD1048576 would make
it allocate 17 billion cells and abort the process, beyond any ``except``).
"""
from __future__ import annotations

import hashlib
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .walk import rel_name, walk_month

EXCEL_EXT = {".xlsx", ".xlsm"}
CSV_EXT = {".csv"}
OTHER_EXT = {".xls", ".xlsb", ".ods", ".et", ".numbers"}  # spreadsheets refused with what to do
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
DEFAULT_MAX_UNCOMPRESSED = 2 * 1024**3  # 2 GB: a real month is far below; bombs are far above
MAX_CELLS = 32 * 1_048_576  # rows × columns of one sheet (~1.2 GB in the reader): every row of Excel × 32 columns


class InputChanged(Exception):
    """The file's bytes are not those discovered (replaced or edited during the run)."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    kind: str  # "xlsx" or "csv"
    sha256: str
    rel: str = ""  # the path relative to the month folder: what every message names

    @property
    def name(self) -> str:
        return rel_name(self.rel) if self.rel else display_name(Path(self.path.name))

    def read_bytes(self) -> bytes:
        """The file's bytes, read once for parsing: they must be the bytes hashed at discovery,
        so the ledger's hash is the hash of what was scored (else :class:`InputChanged`)."""
        data = self.path.read_bytes()
        if self.sha256 and hashlib.sha256(data).hexdigest() != self.sha256:
            raise InputChanged(f"文件在读取过程中被修改或替换:请等它保存完毕后重新运行"
                               f"‖the file was changed or replaced while it was being read: run again once it is saved")
        return data


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def size_text(n: int) -> str:
    """A byte count as people read it: ``800 B``, ``12.3 KB``, ``300.0 MB``, ``2.0 GB``."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} B"


def _check_zip(path: Path, max_uncompressed: int) -> str | None:
    """A message when an .xlsx cannot be read, else None.

    The declared sizes are checked before any member is inflated; then every member is
    inflated once, in chunks (a member whose real size exceeds its declared one fails the CRC
    check at its end), and each worksheet's extent is measured on the way (see :func:`_extent`).
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            total = sum(i.file_size for i in infos)
            if "xl/workbook.xml" not in names:
                if "word/document.xml" in names:
                    return ("这是 Word 文档,不是 Excel 工作簿:请把表格从 Excel 另存为 .xlsx"
                            "‖a Word document renamed to .xlsx: save the table from Excel as .xlsx")
                return "不是 Excel 工作簿:请把表格从 Excel 另存为 .xlsx‖not an Excel workbook: save the table from Excel as .xlsx"
            if total > max_uncompressed:
                return (f"解压后大小 {size_text(total)} 超过上限 {size_text(max_uncompressed)}(可能是压缩炸弹),拒绝读取;"
                        "上限可用环境变量 OPSCORE_MAX_UNCOMPRESSED(字节)调整"
                        f"‖uncompressed size {size_text(total)} is over the limit of {size_text(max_uncompressed)} "
                        "(possibly a zip bomb): not read; the limit is set by OPSCORE_MAX_UNCOMPRESSED (bytes)")
            for info in infos:
                sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
                try:
                    rows, cols = _extent(zf, info)
                except zipfile.BadZipFile:
                    return (f"文件已损坏({info.filename}):请在 Excel 中打开并另存为 .xlsx"
                            f"‖corrupt workbook (member {info.filename}): open it in Excel and save it again")
                if sheet and rows * cols > MAX_CELLS:
                    label = _sheet_names(zf).get(info.filename, info.filename)
                    return (f"工作表“{label}”的范围达 {rows:,} 行 × {cols:,} 列,超过可读取的 {MAX_CELLS:,} 个单元格:"
                            f"多半是远处有误填的单元格;请删除数据下方和右侧多余的行列后另存"
                            f"‖sheet '{label}' spans {rows:,} rows × {cols:,} columns, over the {MAX_CELLS:,} cells "
                            "that can be read: most likely a stray cell far from the data; delete the rows and "
                            "columns beyond the table and save again")
    # RuntimeError covers zipfile's unsupported compression methods and encrypted members
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, EOFError, ValueError):
        return "文件已损坏,无法打开:请在 Excel 中打开并另存为 .xlsx‖corrupt workbook: open it in Excel and save it again as .xlsx"
    except OSError as exc:
        return f"无法读取文件:{exc.strerror}‖cannot read the file: {exc.strerror}"
    return None


# A cell reference attribute with a column of two or three letters (AA…XFD); cells in A…Z
# do not match, so an ordinary sheet costs one C-speed pass and no Python objects.
_WIDE_REF = re.compile(rb'r="([A-Z]{2,3})[0-9]')
_REF_ROW = re.compile(rb' r="[A-Z]*([0-9]+)"')


def _extent(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """(last row, widest column) of the cells a worksheet part references; (0, 0) for others.

    The reader (calamine) holds a sheet as a dense rows × columns grid from its first to its
    last cell, so one stray value in XFD1048576 below a small table would ask for 17 billion
    cells and abort the process. Rows are in order, so the last cell reference gives the
    last row; columns A–Z are taken as 26 without looking.
    """
    sheet = info.filename.startswith("xl/worksheets/")
    last_row, cols, tail = 0, 0, b""
    with zf.open(info) as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            if not sheet:
                continue
            data = tail + chunk
            for letters in set(_WIDE_REF.findall(data)):
                cols = max(cols, _col_number(letters))
            at = data.rfind(b' r="')
            if at >= 0 and (m := _REF_ROW.match(data, at)):
                last_row = max(last_row, int(m.group(1)))
            tail = data[-64:]
    return last_row, max(cols, 26) if last_row else 0


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet name as the user sees it (workbook.xml and its rels, defused)."""
    from defusedxml import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # only for a message: the part name will do
        return {}
    targets = {e.get("Id"): e.get("Target", "") for e in rels}
    out = {}
    for e in book.iter(f"{main}sheet"):
        target = targets.get(e.get(f"{rel}id"), "")
        out[target.lstrip("/") if target.startswith("/") else f"xl/{target}"] = e.get("name", "")
    return out


def display_name(rel: Path) -> str:
    """The file's name for messages: bytes that are not UTF-8 shown as U+FFFD, never as surrogates
    (which no terminal can print)."""
    return str(rel).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _add(files: list[SourceFile], problems: list[Problem], src: SourceFile) -> None:
    """Keep ``src`` with its hash, or say why it cannot be read (it vanished, lost permission)."""
    try:
        files.append(SourceFile(src.path, src.kind, sha256_of(src.path), src.rel))
    except OSError as exc:
        problems.append(Problem(src.name, f"无法读取文件:{exc.strerror}‖cannot read the file: {exc.strerror}"))


def discover(folder: Path, max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
             ) -> tuple[list[SourceFile], list[Problem], list[str]]:
    """The readable input files of a month folder (sorted by relative path), problems with the
    rest, and notes on what was passed over (see :mod:`.walk`)."""
    files: list[SourceFile] = []
    walk = walk_month(folder, EXCEL_EXT | CSV_EXT | OTHER_EXT)
    problems, paths = walk.problems, [p for p, _ in walk.files]
    rels = dict(walk.files)
    # Checking a workbook inflates it once; zlib releases the GIL, so two go at a time.
    pool = ThreadPoolExecutor(max_workers=2)
    checks = {p: pool.submit(_check_zip, p, max_uncompressed) for p in paths if p.suffix.lower() in EXCEL_EXT}
    for path in paths:
        rel = rels[path]
        ext = path.suffix.lower()
        name = rel_name(rel)
        try:
            with path.open("rb") as fh:
                head = fh.read(8)
        except OSError as exc:
            problems.append(Problem(name, f"无法读取文件:{exc.strerror}‖cannot read the file: {exc.strerror}"))
            continue
        if not head and ext != ".xls":
            problems.append(Problem(name, "文件是空的(0 字节):请重新保存或复制该文件‖the file is empty (0 bytes): "
                                          "save or copy it again"))
        elif ext == ".xls":
            problems.append(Problem(name, "不支持旧版 .xls 格式:请在 Excel 中“另存为” .xlsx 后再放入"
                                          "‖legacy .xls is not read: save it as .xlsx"))
        elif ext in EXCEL_EXT:
            if head.startswith(OLE_MAGIC):
                problems.append(Problem(name, "文件设有密码保护:请在 Excel 中取消密码(文件→信息→保护工作簿)后另存"
                                              "‖password-protected: remove the password and save it again"))
            elif not head.startswith(ZIP_MAGIC):
                problems.append(Problem(name, "不是 Excel 工作簿,或文件已损坏:请在 Excel 中另存为 .xlsx"
                                              "‖not an Excel workbook, or corrupt: save it as .xlsx"))
            else:
                msg = checks[path].result()
                if msg:
                    problems.append(Problem(name, msg))
                else:
                    _add(files, problems, SourceFile(path, "xlsx", "", rel))
        elif ext in CSV_EXT:
            if head.startswith(ZIP_MAGIC) or head.startswith(OLE_MAGIC):
                problems.append(Problem(name, "这是 Excel 工作簿,扩展名却是 .csv:请改回 .xlsx‖an Excel workbook "
                                              "named .csv: give it back its .xlsx name"))
            else:
                _add(files, problems, SourceFile(path, "csv", "", rel))
        else:
            problems.append(Problem(name, f"不支持 {ext} 格式:请另存为 .xlsx‖{ext} is not read: save it as .xlsx"))
    pool.shutdown(cancel_futures=True)
    return files, problems, walk.notes
