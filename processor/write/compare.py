"""The outputs of ``opscore compare``: ``compare-<month>.xlsx`` and ``compare-<month>.html``.

The workbook uses the monthly workbook's table writer (every text a text cell, frozen header,
filters, grade colours); the page the report's layout and style, self-contained. Each file is
written under a temporary name and moved into place only when complete, and the page only
after the workbook, so a failure leaves the earlier pair as it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from processor.model import GRADES
from processor.words import texts
from processor.words.headers import COMPARE_COLUMNS, COMPARE_SHEETS
from processor.words.lang import check_lang, choose, english
from processor.write.atomic import atomic_path
from processor.write.fastxlsx import Book
from processor.write.templating import environment
from processor.write.vectors import records
from processor.write.xlsx import Formats, write_table

# Measures that are counts (shown without decimals) and those in yuan, on the page.
COUNT_MEASURES = {"headcount", *GRADES, "not_appraised", "deemed_resignations",
                  "grade_changes", "employees_changed"}
YUAN_MEASURES = {"fines_total"}


@dataclass
class CompareInfo:
    """What the footer and the page's head say: month, program, the two rulebooks."""

    month: str
    version: str
    started_at: str
    current_sources: list[str] = field(default_factory=list)
    current_sha256: str = ""
    draft_sources: list[str] = field(default_factory=list)
    draft_sha256: str = ""
    lang: str = "zh"

    @property
    def rulebook_sha256(self) -> str:  # the footer shows the rulebook in force
        return self.current_sha256


def _sheet(book: Book, fm: Formats, key: str, frame: pd.DataFrame, lang: str, freeze: int) -> None:
    ws = book.add_sheet(key if english(lang) else COMPARE_SHEETS[key])
    keys = [str(k) for k in frame.columns]
    headers = {} if english(lang) else {k: COMPARE_COLUMNS.get(k, k) for k in keys}
    write_table(ws, fm, frame, keys, lang, freeze_cols=freeze, headers=headers)


def _measure_words(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The Totals sheet with each measure in words (Chinese); English keeps the measure keys."""
    if english(lang):
        return frame
    return frame.assign(measure=frame["measure"].map(lambda m: texts.COMPARE_MEASURES[m][0]))


def write_compare_workbook(path: Path, table: pd.DataFrame, rules: pd.DataFrame, totals: pd.DataFrame,
                           lang: str = "zh") -> Path:
    """Sheets Compare (one row per employee), Rules (the parameters that differ), Totals."""
    lang = check_lang(lang)
    with atomic_path(Path(path)) as tmp, Book(tmp) as book:
        fm = Formats(book)
        _sheet(book, fm, "Compare", table, lang, 2)
        _sheet(book, fm, "Rules", rules, lang, 1)
        _sheet(book, fm, "Totals", _measure_words(totals, lang), lang, 1)
    return Path(path)


def _total_rows(totals: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    rows = []
    for row in records(totals):
        m = str(row["measure"])
        kind = "count" if m in COUNT_MEASURES else "yuan" if m in YUAN_MEASURES else "num"
        rows.append({**row, "kind": kind, "label": choose(*texts.COMPARE_MEASURES[m], lang),
                     "same_only": m in ("grade_changes", "employees_changed")})
    return rows


def write_compare_page(path: Path, table: pd.DataFrame, rules: pd.DataFrame, totals: pd.DataFrame,
                       info: CompareInfo, changed: pd.Series) -> Path:
    """The page: totals under each rulebook, the parameters that differ, the employees hit
    (``changed``: a mask over ``table``'s rows)."""
    lang = check_lang(info.lang)
    words = texts.COMPARE_TEXT[lang]
    hit = table[changed.to_numpy(dtype=bool)]
    page = environment(lang).get_template("compare.html").render(
        month=info.month, info=info, center=texts.TEXT[lang]["center"], page="compare", words=words,
        totals=_total_rows(totals, lang), rules=records(rules), changed=records(hit),
        changed_of=words["of"].format(n=len(hit), total=len(table)))
    with atomic_path(Path(path)) as tmp:
        Path(tmp).write_text(page, encoding="utf-8")
    return Path(path)


def write_compare(folder: Path, table: pd.DataFrame, rules: pd.DataFrame, totals: pd.DataFrame,
                  info: CompareInfo, changed: pd.Series) -> tuple[Path, Path]:
    """Both outputs into ``folder`` (``OUT/<month>/``): the workbook first, then the page."""
    xlsx = write_compare_workbook(folder / f"compare-{info.month}.xlsx", table, rules, totals, info.lang)
    html = write_compare_page(folder / f"compare-{info.month}.html", table, rules, totals, info, changed)
    return xlsx, html
