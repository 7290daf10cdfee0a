"""Each output in one language (product.md; issue 15), on a generated 400-person month run through
``opscore run`` in Chinese and with ``--lang en`` (tests/conftest.py, once a session): every
workbook cell, every page's visible text, the payroll CSV and what the run prints.

A Chinese output holds no English word outside ids, rule ids, codes in the rule-id column and
input text; an English one holds no Chinese outside input text. Input text is what the center
typed: the month's workbooks (names, teams, roles, posts, incident descriptions, file names), its
rulebook (role names, the regulations' citations, parameters as written) and the command line."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup

from processor.read.sheets import decode_csv
from processor.rulebook import load_rulebook
from processor.words import headers

WORD = re.compile(r"[A-Za-z0-9_\-]*[A-Za-z][A-Za-z0-9_\-]*")  # a whole token holding a letter
CJK = re.compile(r"[\u4e00-\u9fff]+")
RULEBOOK = load_rulebook()
CODES = {r.rule_id for r in RULEBOOK.listing("zh")}
# Allowed in a Chinese output: the program's name, the digest's name.
ALLOWED = {"opscore", "SHA-256"}
# Columns of ids and codes: the employee id, and the rule-id column (rule ids; on the Run sheet
# the input files' names share it).
CODE_COLUMNS = {"工号", "规则编号", "规则"}
# The Run sheet's parameters are the rulebook's keys and values as the center wrote them.
PARAMS = {headers.column_label("params", "zh")}
PARAM_WORDS = {w for r in RULEBOOK.listing("zh") for w in WORD.findall(r.params_text)}
TIMES = re.compile(r"^\[ *\d+\.\ds\] ", re.M)  # a progress line's elapsed seconds (the SI symbol)
MONTH = "2026-10"


def english_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text) if w not in CODES and w not in ALLOWED
            and not re.fullmatch(r"[0-9a-f]{12,64}|\d{4}-\d\d-\d\dT\d\d|v?\d[\d.]*", w)}


def input_strings(month: Path) -> list[str]:
    """Every string the center typed into the month's files, and the files' names."""
    out = []
    for path in sorted(month.iterdir()):
        out.append(path.name)
        if path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path, read_only=True)
            out += [v for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
                    if isinstance(v, str)]
            book.close()
        elif path.suffix == ".csv":
            text = decode_csv(path.read_bytes()) or ""  # UTF-8 or a Chinese Excel's GB18030
            out += [v for row in csv.reader(io.StringIO(text)) for v in row]
    return out


@pytest.fixture(scope="module")
def typed(big_month) -> dict[str, set[str]]:
    """The input text's English words and Chinese runs (a run of CJK characters between others)."""
    strings = input_strings(big_month[0])
    rulebook = [*RULEBOOK.ranks, *(f"{r.citation} {r.params_text}" for r in RULEBOOK.listing("en"))]
    citations = [r.citation for r in RULEBOOK.listing("zh")]  # a citation may name its switch: [exports] trust_…
    return {"words": {w for s in strings + citations for w in WORD.findall(s)} | {"zh", "en"},
            "cjk": {f for s in strings + rulebook for f in CJK.findall(s)}}


def page_text(path: Path) -> str:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in page(["style", "script"]):
        tag.decompose()
    return page.get_text("\n")


def report_pages(report: Path) -> list[Path]:
    return [report / "index.html", *sorted(report.glob("team-*.html")), *sorted(report.glob("emp-*.html"))]


def workbook_cells(path: Path, zh: bool):
    """(sheet, header, value) of every text cell, headers included (header None). In Chinese no
    cell is a boolean, which Excel shows as TRUE/FALSE; English keeps them (an importer reads them)."""
    book = openpyxl.load_workbook(path, read_only=True)
    for ws in book.worksheets:
        rows = ws.iter_rows(values_only=True)
        head = next(rows)
        yield from ((ws.title, None, h) for h in head if isinstance(h, str))
        for row in rows:
            for h, v in zip(head, row):
                assert not (zh and isinstance(v, bool)), (ws.title, h)  # 是/否, never TRUE/FALSE
                if isinstance(v, str):
                    yield ws.title, h, v
    book.close()


def csv_cells(path: Path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    yield from ((None, h) for h in rows[0])
    yield from ((h, v) for row in rows[1:] for h, v in zip(rows[0], row))


def printed(output: str, out: Path) -> str:
    """What the run printed, less the paths of the files it wrote (ids) and the elapsed times."""
    month = out / MONTH
    for written in (month / f"scored-{MONTH}.xlsx", month / "report" / "index.html"):
        assert str(written) in output
        output = output.replace(str(written), " ")
    return TIMES.sub("", output)


def test_the_runs_print_their_summary(big_month_said, big_month_en):
    assert printed(big_month_said[2], big_month_said[1]).count(f"{MONTH}:考核 400 人(") == 1
    assert printed(big_month_en[1], big_month_en[0].parent).count(f"{MONTH}: 400 graded (") == 1


def test_chinese_outputs_have_no_english_word(big_month_said, typed):
    """Workbook (every sheet, the Run sheet too), every page, the payroll CSV and what the run printed."""
    _, out, output = big_month_said
    month = out / MONTH
    found: dict[str, set[str]] = {}

    def check(where: str, text: str, allowed: frozenset[str] | set[str] = frozenset()) -> None:
        if words := english_words(text) - typed["words"] - allowed:
            found.setdefault(where, set()).update(words)

    for sheet, head, value in workbook_cells(month / f"scored-{MONTH}.xlsx", zh=True):
        if head not in CODE_COLUMNS or head is None:
            check(f"{sheet} {head}", value, PARAM_WORDS if head in PARAMS else set())
    pages = report_pages(month / "report")
    for path in pages:
        check(path.name, page_text(path))
    for head, value in csv_cells(month / f"payroll-{MONTH}.csv"):
        if head != "工号":
            check(f"csv {head}", value)
    check("printed", printed(output, out))
    assert found == {}
    assert len(pages) >= 400 // 20 + 2  # index, a page a team, a page for each needing attention


def test_english_outputs_have_no_chinese_outside_input_text(big_month_en, typed):
    month, output = big_month_en
    found: dict[str, set[str]] = {}

    def check(where: str, text: str) -> None:
        if chinese := set(CJK.findall(text)) - typed["cjk"]:
            found.setdefault(where, set()).update(chinese)

    for sheet, head, value in workbook_cells(month / f"scored-{MONTH}.xlsx", zh=False):
        check(f"{sheet} {head}", value)
        if head is None:
            assert not CJK.search(value), (sheet, value)  # a header is a stable key
    for path in report_pages(month / "report"):
        check(path.name, page_text(path))
    for head, value in csv_cells(month / f"payroll-{MONTH}.csv"):
        check(f"csv {head}", value)
    check("printed", printed(output, month.parent))
    assert found == {}


def test_english_workbook_labels_and_values(big_month_en):
    """Headers are the stable keys; coded values stay codes."""
    import pandas as pd

    sheets = pd.read_excel(big_month_en[0] / f"scored-{MONTH}.xlsx", sheet_name=None, dtype=str)
    assert list(sheets) == ["Payroll", "Summary", "Attendance", "Findings", "Teams", "Actions", "Run"]
    s = sheets["Summary"]
    for col in ("grade", "profile", "weights_used", "flags"):
        assert not s[col].dropna().str.contains(CJK).any(), col
    assert set(s["profile"].dropna()) == {"customer_service", "operations"}
    assert set(s["grade"]) == {"excellent", "good", "pass", "fail"} and len(s) == 400


def test_one_function_decides_the_language() -> None:
    """Only processor.words.english compares a language code: every other choice asks it
    (choose, pick_pair, word) so that no module or template keeps a policy of its own."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    compare = re.compile(r"""(==|!=)\s*["'](en|zh)["']|["'](en|zh)["']\s*(==|!=)""")
    sources = [root / "cli.py", *sorted((root / "processor").rglob("*.py")), *sorted((root / "templates").rglob("*.html"))]
    found = [f"{p.relative_to(root)}:{n}: {line.strip()}"
             for p in sources
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if compare.search(line) and p != root / "processor" / "words" / "__init__.py"]
    assert found == []
