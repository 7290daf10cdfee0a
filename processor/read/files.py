"""Find the month's input files and refuse the ones we cannot read, saying what to do.

A file is judged by its bytes, not only its name: an empty file says so, an ``.xlsx`` that
is really an OLE2 container is password-protected (Excel encrypts into OLE2), a zip without
``xl/workbook.xml`` is not a workbook (a renamed ``.docx``), and a file over one of the
reader's budgets (:mod:`.budget`: zip bombs, stray far cells, shared-string bombs, huge CSVs)
is refused before anything is parsed.
"""
from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .budget import check_csv
from .budget import check_zip as _check_zip
from .walk import rel_name, walk_month

EXCEL_EXT = {".xlsx", ".xlsm"}
CSV_EXT = {".csv"}
OTHER_EXT = {".xls", ".xlsb", ".ods", ".et", ".numbers"}  # spreadsheets refused with what to do
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
DEFAULT_MAX_UNCOMPRESSED = 2 * 1024**3  # 2 GB: a real month is far below; bombs are far above


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
            raise InputChanged("文件在读取过程中被修改或替换:请等它保存完毕后重新运行"
                               "‖the file was changed or replaced while it was being read: run again once it is saved")
        return data


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def display_name(rel: Path) -> str:
    """The file's name for messages: bytes that are not UTF-8 shown as U+FFFD, never as surrogates
    (which no terminal can print)."""
    return str(rel).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _add(files: list[SourceFile], problems: list[Problem], src: SourceFile) -> None:
    """Keep ``src`` with its hash, or say why it cannot be read (it vanished, lost permission)."""
    try:
        files.append(SourceFile(src.path, src.kind, sha256_of(src.path), src.rel))
    except OSError as exc:
        problems.append(Problem(src.name, f"无法读取文件:{exc.strerror}‖cannot read the file: {exc.strerror}",
                                code="unreadable_file"))


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
            problems.append(Problem(name, f"无法读取文件:{exc.strerror}‖cannot read the file: {exc.strerror}",
                                    code="unreadable_file"))
            continue
        if not head and ext != ".xls":
            problems.append(Problem(name, "文件是空的(0 字节):请重新保存或复制该文件‖the file is empty (0 bytes): "
                                          "save or copy it again", code="empty_file"))
        elif ext == ".xls":
            problems.append(Problem(name, "不支持旧版 .xls 格式:请在 Excel 中“另存为” .xlsx 后再放入"
                                          "‖legacy .xls is not read: save it as .xlsx", code="unsupported_format"))
        elif ext in EXCEL_EXT:
            if head.startswith(OLE_MAGIC):
                problems.append(Problem(name, "文件设有密码保护:请在 Excel 中取消密码(文件→信息→保护工作簿)后另存"
                                              "‖password-protected: remove the password and save it again",
                                        code="password_protected"))
            elif not head.startswith(ZIP_MAGIC):
                problems.append(Problem(name, "不是 Excel 工作簿,或文件已损坏:请在 Excel 中另存为 .xlsx"
                                              "‖not an Excel workbook, or corrupt: save it as .xlsx", code="not_a_workbook"))
            else:
                msg = checks[path].result()
                if msg:
                    problems.append(Problem(name, msg, code="refused_file"))
                else:
                    _add(files, problems, SourceFile(path, "xlsx", "", rel))
        elif ext in CSV_EXT:
            if head.startswith(ZIP_MAGIC) or head.startswith(OLE_MAGIC):
                problems.append(Problem(name, "这是 Excel 工作簿,扩展名却是 .csv:请改回 .xlsx‖an Excel workbook "
                                              "named .csv: give it back its .xlsx name", code="misnamed_file"))
            elif msg := check_csv(path):
                problems.append(Problem(name, msg, code="refused_file"))
            else:
                _add(files, problems, SourceFile(path, "csv", "", rel))
        else:
            problems.append(Problem(name, f"不支持 {ext} 格式:请另存为 .xlsx‖{ext} is not read: save it as .xlsx",
                                    code="unsupported_format"))
    pool.shutdown(cancel_futures=True)
    return files, problems, walk.notes
