"""Each output in one language (product.md): a Chinese workbook and Chinese pages hold no English
word outside ids, rule codes and input text; an English report holds no Chinese outside input
text (names, teams, the regulations' article names, evidence quoted by the rules)."""
from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from cli import main
from processor.rulebook import load_rulebook

WORD = re.compile(r"[A-Za-z0-9_\-]*[A-Za-z][A-Za-z0-9_\-]*")  # a whole token holding a letter
CJK = re.compile(r"[\u4e00-\u9fff]+")
CODES = {r.rule_id for r in load_rulebook().listing("zh")}
# Allowed in a Chinese output: the program's name, the digest's name, hex digests and version tags.
ALLOWED = {"opscore", "SHA-256"}
# Workbook columns that hold ids, codes or input text (names as the roster writes them).
CODE_COLUMNS = {"工号", "规则编号", "规则", "姓名", "部门", "班组", "岗位", "导出考勤结果"}


def english_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text) if w not in CODES and w not in ALLOWED
            and not re.fullmatch(r"[0-9a-f]{12,64}|\d{4}-\d\d-\d\dT\d\d|v?\d[\d.]*", w)}


def page_text(path: Path) -> str:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in page(["style", "title"]):
        tag.decompose()
    return page.get_text("\n")


def report_pages(report: Path) -> list[Path]:
    return [report / "index.html", *sorted(report.glob("team-*.html")), *sorted(report.glob("emp-*.html"))]


def test_chinese_workbook_has_no_english_word(big_month):
    book = openpyxl.load_workbook(big_month[1] / "2026-10" / "scored-2026-10.xlsx", read_only=True)
    found: dict[tuple[str, str], set[str]] = {}
    for ws in book.worksheets:
        if ws.title == "运行信息":  # the rulebook's parameter keys and file paths, as the Run sheet records them
            continue
        rows = ws.iter_rows(values_only=True)
        head = next(rows)
        assert not any(english_words(str(h)) for h in head if h), (ws.title, head)
        for row in rows:
            for h, v in zip(head, row):
                if isinstance(v, str) and h not in CODE_COLUMNS and (words := english_words(v)):
                    found.setdefault((ws.title, h), set()).update(words)
                assert not isinstance(v, bool), (ws.title, h)  # 是/否, never TRUE/FALSE
    assert found == {}


def test_chinese_pages_have_no_english_word(big_month):
    summary = pd.read_excel(big_month[1] / "2026-10" / "scored-2026-10.xlsx", sheet_name="汇总", dtype=str)
    found: dict[str, set[str]] = {}
    for path in report_pages(big_month[1] / "2026-10" / "report"):
        if words := english_words(page_text(path)):
            found[path.name] = words
    assert found == {}
    assert len(summary) == 400


@pytest.fixture(scope="module")
def english(big_month, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("en")
    result = CliRunner().invoke(main, ["run", str(big_month[0]), "--out", str(out), "--lang", "en", "--quiet"])
    assert result.exit_code == 0, result.output
    return out / "2026-10"


def _spoken(evidence_cell) -> bool:
    """Whether a findings row's evidence is written in the run's language: the attendance and
    leave rules' (ATT-*, LV-*; tests/test_one_language_evidence.py)."""
    rid = evidence_cell.find_parent("tr").select_one("span.rid")
    return bool(rid) and re.match(r"(ATT|LV)-", rid.get_text()) is not None


def test_english_report_has_no_chinese_outside_input_text(english):
    book = english / "scored-2026-10.xlsx"
    summary = pd.read_excel(book, sheet_name="Summary", dtype=str)
    findings = pd.read_excel(book, sheet_name="Findings", dtype=str)
    quoted = set(findings["citation"].dropna()) | set(load_rulebook().ranks)  # article and role names
    for col in ("name", "department", "team", "role"):
        quoted |= set(summary[col].dropna())
    days = pd.read_excel(book, sheet_name="Attendance", dtype=str).dropna(subset=["evidence"])
    swapped = days.loc[days["rule_ids"].fillna("").str.startswith("SW-"), "evidence"]
    quoted |= set(swapped.str.split(" | ", regex=False).str[0])  # a swap absence quotes the swap rules' words
    quoted = sorted(quoted, key=len, reverse=True)
    found: dict[str, set[str]] = {}
    for path in report_pages(english / "report"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in page(["style", "title"]) + [td for td in page.select("td.evidence") if not _spoken(td)]:
            tag.decompose()  # evidence the other rules still quote (the attendance and leave rules speak English)
        text = page.get_text("\n")
        for q in quoted:
            text = text.replace(q, " ")
        if chinese := set(CJK.findall(text)):
            found[path.name] = chinese
    assert found == {}


def test_english_workbook_labels_and_values(english):
    """Headers are the stable keys; coded values stay codes; verdicts are English but for the
    regulation articles and incident names they quote."""
    book = english / "scored-2026-10.xlsx"
    sheets = pd.read_excel(book, sheet_name=None, dtype=str)
    for key in ("Payroll", "Summary", "Findings", "Teams", "Actions"):
        assert not any(CJK.search(str(c)) for c in sheets[key].columns), key
    s = sheets["Summary"]
    for col in ("grade", "profile", "weights_used", "flags"):
        assert not s[col].dropna().str.contains(CJK).any(), col
    assert set(s["profile"].dropna()) == {"customer_service", "operations"}
    quoted = sorted(set(sheets["Findings"]["citation"].dropna()), key=len, reverse=True)
    lines = list(sheets["Actions"]["verdict"].dropna()) + list(sheets["Payroll"]["note"].dropna())
    for line in lines:
        for q in quoted:
            line = line.replace(q, " ")
        assert not CJK.search(line), line
    assert len(lines) >= 3


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
