"""Problems found in the input, and the exceptions the CLI turns into clean exits.

Validators never raise on the first problem: they return ``(result, problems)`` where each
problem is a small :class:`Problem` record. Only when a whole step cannot go on does code
raise one of the :class:`OpscoreError` subclasses, whose message is already in the user's words.
"""
from __future__ import annotations

from dataclasses import dataclass, field


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
    problem concerns a whole file or sheet.
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
            parts.append(f"[{self.column}]" if lang == "zh" else f"[column {self.column}]")
        if self.value != "":
            parts.append(f"“{self.value}”" if lang == "zh" else f"value '{self.value}':")
        parts.append(pick(self.message, lang))
        if self.expected:
            exp = pick(self.expected, lang)
            parts.append(f"(应为:{exp})" if lang == "zh" else f"(expected: {exp})")
        return " ".join(parts)


def pick(text: str, lang: str) -> str:
    """Messages are written ``中文‖English``; pick one language (Chinese when only one)."""
    zh, _, en = text.partition("‖")
    return en if (lang == "en" and en) else zh


class OpscoreError(Exception):
    """A mistake the user can fix; ``str(err)`` is the message, ``hint`` says how."""

    hint: str = ""
    exit_code: int = 1


class InputProblems(OpscoreError):
    """The month's input has problems; every one of them is in ``problems``."""

    def __init__(self, problems: list[Problem], lang: str = "zh") -> None:
        self.problems = problems
        n = len(problems)
        super().__init__(f"输入有 {n} 个问题" if lang == "zh" else f"{n} input problem(s)")


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


@dataclass
class Collector:
    """Gathers problems from many places so that all are reported at once."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.problems)
