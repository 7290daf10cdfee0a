"""Problems found in the input, and the exceptions the CLI turns into clean exits.

Validators never raise on the first problem: they return ``(result, problems)`` where each
problem is a small :class:`Problem` record. Only when a whole step cannot go on does code
raise one of the :class:`OpscoreError` subclasses, whose message is already in the user's words.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from .words.lang import choose

# What must never reach a terminal raw: C0/C1 controls (escape sequences start with ESC), DEL,
# and the invisible or direction-changing characters that make text lie about what it says.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
                     "\u2060-\u2069\ufeff\ufff9-\ufffb]")
VALUE_SHOWN = 60  # characters of a value a message shows
MAX_PER_COLUMN = 50  # problems of one kind listed per column (or per check) before "N more like this"
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Sliceable(Protocol[T_co]):
    """What :func:`capped` needs of its items: a length and a slice (a list, an array, rows)."""

    def __len__(self) -> int: ...

    def __getitem__(self, part: slice, /) -> Iterable[T_co]: ...


def terminal_safe(text: str) -> str:
    """``text`` with every control or invisible character shown as its escape (``\\x1b``,
    ``\\u202e``), line breaks kept: file names and cell values reach the user's terminal."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                       else f"\\u{ord(m.group()):04x}", text)


def shown(value: str, lang: str = "zh", limit: int = VALUE_SHOWN) -> str:
    """A value as a message shows it: escaped, one line, cut to ``limit`` characters with its length."""
    text = terminal_safe(value.replace("\r", "\\r").replace("\n", "\\n"))
    if len(value) <= limit:
        return text
    cut = terminal_safe(value[:limit].replace("\r", "\\r").replace("\n", "\\n"))
    return cut + choose(f"…(共 {len(value):,} 个字符)", f"… ({len(value):,} characters)", lang)


def column_letter(index: int) -> str:
    """Excel column letter for a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the input, located so that an editor (or a person) can jump to it.

    ``row`` is the Excel row number (1-based, as Excel shows it); ``column`` the header text
    as written in the file, ``letter`` its column letter. Any of them may be empty when the
    problem concerns a whole file or sheet. ``code`` names the kind of problem
    (``missing_column``, ``bad_value``, ``blank_required`` …) so that code and tests tell kinds
    apart without reading the message, which is for people and may be reworded.
    """

    file: str
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    letter: str = ""
    value: str = ""
    expected: str = ""
    table: str = ""
    code: str = ""

    def location(self) -> str:
        """``9月考勤.xlsx:考勤!F7`` — file, sheet and cell, as far as they are known."""
        loc = self.file
        if self.sheet:
            loc += f":{self.sheet}"
        if self.row is not None:
            loc += f"!{self.letter}{self.row}" if self.letter else f"!{self.row}"
        return loc

    def render(self, lang: str = "zh") -> str:
        """One line: location, column, value, what is wrong, what was expected."""
        parts = [f"{self.location()}:"]
        if self.column:
            column = shown(str(self.column), lang)
            parts.append(choose(f"[{column}]", f"[column {column}]", lang))
        if self.value != "":
            value = shown(str(self.value), lang)
            parts.append(choose(f"“{value}”", f"value '{value}':", lang))
        parts.append(pick(self.message, lang))
        if self.expected:
            exp = pick(self.expected, lang)
            parts.append(choose(f"(应为:{exp})", f"(expected: {exp})", lang))
        return terminal_safe(" ".join(parts))


def capped(items: Sliceable[T], make: Callable[[T], Problem], more: Callable[[int], Problem],
           cap: int = MAX_PER_COLUMN) -> list[Problem]:
    """``make`` for the first ``cap`` items, then one problem from ``more(n)`` for the ``n`` left:
    a column of 100 000 bad dates is one mistake, and the report must stay readable. The
    closing problem takes the code of the first one (it is more of the same)."""
    out = [make(item) for item in items[:cap]]
    if len(items) > cap:
        tail = more(len(items) - cap)
        out.append(replace(tail, code=tail.code or (out[0].code if out else "")))
    return out


def pick(text: str, lang: str) -> str:
    """Messages are written ``中文‖English``; pick one language (Chinese when only one)."""
    zh, _, en = text.partition("‖")
    return choose(zh, en or zh, lang)


class OpscoreError(Exception):
    """A mistake the user can fix; ``str(err)`` is the message, ``hint`` says how."""

    hint: str = ""
    exit_code: int = 1


class InputProblems(OpscoreError):
    """The month's input has problems; every one of them is in ``problems``."""

    def __init__(self, problems: list[Problem], lang: str = "zh") -> None:
        self.problems = problems
        n = len(problems)
        super().__init__(choose(f"输入有 {n} 个问题", f"{n} input problem(s)", lang))


class UsageError(OpscoreError):
    """Wrong arguments: a folder that does not exist, a month we cannot tell."""

    exit_code = 2


class RulebookError(OpscoreError):
    """A center's rulebook file has an unknown rule, key or a value of the wrong type."""

    def __init__(self, file: str, key: str, message: str) -> None:
        self.file, self.key = file, key
        super().__init__(f"{file}: {key}: {message}")


class RunLocked(OpscoreError):
    """Another run of the same month into the same output folder is under way: not a problem
    in the input (1) nor a usage error (2), so scripts can wait and retry on its own code."""

    exit_code = 5


class OutputLocked(OpscoreError):
    """An output cannot be replaced: the workbook is open in Excel (Windows refuses the rename)
    or the folder is read-only. Nothing was changed: the earlier outputs and the ledger stand."""

    exit_code = 4


class Interrupted(OpscoreError):
    """Ctrl-C: the message says what was and was not written."""

    exit_code = 130


class EnvironmentFailure(OpscoreError):
    """The machine, not the input or opscore, stopped the run: the disk is full, a permission is
    missing, a file vanished while it was read. Says which, and what to do."""

    exit_code = 6


_ENV_ERRORS = {  # errno name → (中文‖English what happened, 中文‖English what to do)
    "ENOSPC": ("磁盘已满‖the disk is full", "释放磁盘空间后重新运行‖free some disk space and run again"),
    "EDQUOT": ("磁盘配额已用完‖the disk quota is used up", "释放磁盘空间后重新运行‖free some disk space and run again"),
    "EACCES": ("没有权限‖permission denied", "检查该文件或文件夹的权限,或换一个输出目录(--out)"
                                              "‖check the file's or folder's permissions, or choose another --out"),
    "EPERM": ("操作不被允许‖operation not permitted", "检查该文件或文件夹的权限,或换一个输出目录(--out)"
                                                    "‖check the file's or folder's permissions, or choose another --out"),
    "EROFS": ("文件系统只读‖the file system is read-only", "换一个可写的输出目录(--out)‖choose a writable --out folder"),
    "ENOENT": ("文件在运行中消失了‖a file vanished during the run",
               "确认没有其他程序在移动或删除这些文件后重新运行"
               "‖make sure nothing else moves or deletes the files, then run again"),
    "EIO": ("磁盘读写错误‖a disk input/output error", "检查磁盘或网络盘后重新运行‖check the disk or network drive and run again"),
}


def environment_failure(error: BaseException) -> EnvironmentFailure | None:
    """The :class:`EnvironmentFailure` an ``OSError`` (or a database error wrapping one, such as
    SQLite's "database or disk is full") stands for; None for anything else."""
    import errno as errnos

    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, OSError):
        text = str(cause).lower()
        if "database or disk is full" in text or "no space left" in text:
            return _failure("ENOSPC", "")
        cause = getattr(cause, "orig", None) or cause.__cause__ or cause.__context__
    if cause is None or cause.errno is None:
        return None
    name = errnos.errorcode.get(cause.errno, "")
    if name not in _ENV_ERRORS:
        return None
    return _failure(name, cause.filename or "")


def _failure(name: str, filename: str) -> EnvironmentFailure:
    what, todo = _ENV_ERRORS[name]
    zh, en = what.split("‖")
    zh_at, en_at = (f":{filename}", f": {filename}") if filename else ("", "")
    err = EnvironmentFailure(f"{zh}{zh_at}(未写入任何输出)‖{en}{en_at} (no output written)")
    err.hint = todo
    return err
