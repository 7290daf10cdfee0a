"""Walk a month folder as HR keeps it: subfolders, copies, Excel's lock files, our own outputs.

People run opscore inside the month folder (``cd 2026-10 && opscore run .``), so the outputs
land in ``./out`` — inside the folder that is read. Every output folder opscore creates holds
:data:`OUTPUT_MARKER`, and a folder holding it is never read (nor are files named like our
outputs), so a second run reads exactly what the first did. The walk is a loop, not a
recursion (deep folders), and anything it cannot read or would silently pass over — an
unreadable folder, a pipe, a dangling link, a folder named like a workbook, a workbook open in
Excel — is either a problem or a note, never a silent skip.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem

OUTPUT_MARKER = ".opscore-output"
MARKER_TEXT = ("opscore 的输出文件夹:opscore 不会把这里的文件当作输入读取。\n"
               "An opscore output folder: opscore never reads the files here as inputs.\n")
OWN_OUTPUT = re.compile(r"^(scored-\d{4}-\d{2}\.xlsx|annual-\d{4}\.(xlsx|html))$", re.IGNORECASE)
LOCK_PREFIX = "~$"


def mark_output_folder(folder: Path) -> None:
    """Create ``folder`` if needed and leave the marker that keeps the reader out of it."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / OUTPUT_MARKER
    if not marker.exists():
        marker.write_text(MARKER_TEXT, encoding="utf-8")


def rel_name(rel: str | Path) -> str:
    """A path relative to the month folder, as messages show it: ``/`` separators on every
    system, bytes that are not UTF-8 as U+FFFD (never surrogates, which no terminal prints)."""
    text = Path(rel).as_posix()
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass
class Walk:
    """What the walk found: regular files to consider, problems, notes (``中文‖English``)."""

    files: list[tuple[Path, str]] = field(default_factory=list)  # (path, relative name)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def walk_month(folder: Path, wanted: set[str]) -> Walk:
    """Every regular file under ``folder`` whose extension is in ``wanted``, sorted by relative
    path; problems for folders and files that cannot be read; notes for what is passed over."""
    out = Walk()
    stack: list[tuple[Path, str]] = [(folder, "")]
    while stack:
        here, rel = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            where = rel_name(rel) if rel else str(folder)
            out.problems.append(Problem(where, f"无法读取文件夹:{_why(exc)};请检查该文件夹的访问权限"
                                               f"‖cannot read the folder: {_why(exc)}; check its permissions",
                                        code="unreadable_file"))
            continue
        if rel and any(e.name == OUTPUT_MARKER for e in entries):
            out.notes.append(f"{rel_name(rel)}/: opscore 的输出文件夹,未作为输入读取"
                             f"‖{rel_name(rel)}/: an opscore output folder, not read as input")
            continue
        for entry in entries:
            _visit(entry, f"{rel}/{entry.name}" if rel else entry.name, wanted, out, stack)
    out.files.sort(key=lambda f: f[1])
    return out


def _visit(entry: os.DirEntry, rel: str, wanted: set[str], out: Walk, stack: list[tuple[Path, str]]) -> None:
    name, shown = entry.name, rel_name(rel)
    ext = os.path.splitext(name)[1].lower()
    if name.startswith(LOCK_PREFIX):
        if ext in wanted:
            real = rel_name(rel[: len(rel) - len(name)] + name[len(LOCK_PREFIX):])
            out.notes.append(f"{real}: 正在 Excel 中打开(锁文件 {shown}),未保存的修改不会被读取:请先保存并关闭"
                             f"‖{real}: open in Excel (lock file {shown}); its unsaved edits are not read: "
                             "save and close it first")
        return
    if name.startswith(".") or name == OUTPUT_MARKER:
        return  # hidden files and folders are not inputs
    try:
        info = entry.stat(follow_symlinks=True)
    except FileNotFoundError:
        if entry.is_symlink():
            if ext in wanted:
                out.notes.append(f"{shown}: 链接指向的文件不存在,未读取‖{shown}: a link to a file that does not exist, "
                                 "not read")
            return
        return  # vanished while we looked
    except OSError as exc:
        out.problems.append(Problem(shown, f"无法读取:{_why(exc)}‖cannot be read: {_why(exc)}", code="unreadable_file"))
        return
    if stat.S_ISDIR(info.st_mode):
        if entry.is_symlink():
            out.notes.append(f"{shown}/: 指向其他文件夹的链接,未读取(请把文件复制进来)"
                             f"‖{shown}/: a link to another folder, not followed (copy the files in)")
            return
        if ext in wanted:
            out.notes.append(f"{shown}/: 名称像工作簿,其实是文件夹,按文件夹读取其中的文件"
                             f"‖{shown}/: named like a workbook but a folder; the files inside it are read")
        stack.append((Path(entry.path), rel))
        return
    if ext not in wanted:
        return  # other files (notes, PDFs) are not inputs and are left alone
    if not stat.S_ISREG(info.st_mode):
        kind = ("管道", "a pipe") if stat.S_ISFIFO(info.st_mode) else ("设备或套接字", "a device or socket")
        out.notes.append(f"{shown}: 不是普通文件({kind[0]}),未读取‖{shown}: not a regular file ({kind[1]}), not read")
        return
    if OWN_OUTPUT.match(name):
        out.notes.append(f"{shown}: opscore 自己的输出文件,未作为输入读取‖{shown}: opscore's own output, not read as input")
        return
    out.files.append((Path(entry.path), rel))


_CN_MONTHS = {"十一": 11, "十二": 12, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}
_FULL = re.compile(r"(20\d{2})\s*[-_.年/]?\s*(1[0-2]|0?[1-9])(?!\d)")
_PART = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*月|(十[一二]?|[一二三四五六七八九])月")


def likely_month(folder: Path, today=None) -> str:
    """The month a folder most likely holds, for the hint when its name does not say it: a
    year and month in its name (``2026年10月-备份``), a month alone in its name (``10月``,
    ``十月``: the latest such month not after today), the month its files' names give most
    often, else last month (the month HR usually scores)."""
    import datetime as dt
    from collections import Counter

    today = today or dt.date.today()
    name = folder.resolve().name
    if m := _FULL.search(name):
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    if m := _PART.search(name):
        month = int(m.group(1)) if m.group(1) else _CN_MONTHS[m.group(2)]
        return f"{today.year - (month > today.month)}-{month:02d}"
    try:
        names = [e.name for e in os.scandir(folder)]
    except OSError:
        names = []
    found = Counter(f"{m.group(1)}-{int(m.group(2)):02d}" for n in names if (m := _FULL.search(n)))
    if found:
        return sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    last = today.replace(day=1) - dt.timedelta(days=1)
    return f"{last.year}-{last.month:02d}"
