"""The scored workbook payroll takes: ``scored-<month>.xlsx``.

Seven sheets (docs/outputs.md, "The scored workbook"): Payroll first (what payroll imports), then
Summary, Attendance, Findings, Teams (with the center row: the only totals), Actions and Run.
With ``lang="en"`` sheet names and headers are exactly the stable keys, because payroll
imports read them by name; in Chinese they are the labels admin staff know. The file is
written under a temporary name and moved into place when complete, so a failed run never
leaves a half-written workbook where last month's good one was. It is written by our own
:mod:`.fastxlsx` (a large center's Attendance sheet alone is a million cells) and is the same
file, byte for byte, for the same month and run time.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd

from processor.model import FINDING_COLUMNS, Month, RuleResults, RunInfo, Scored
from processor.schema import TABLES
from processor.words import headers, labels, texts
from processor.words.lang import check_lang, choose, english
from processor.write.atomic import atomic_path
from processor.write.columns import day_columns, summary_columns
from processor.write.fastxlsx import Book, Sheet
from processor.write.payroll import PAYROLL_COLUMNS, payroll_frame
from processor.write.privacy import mask_phone
from processor.write.verdicts import action_reasons, finding_titles, verdicts
from processor.write.xlsx import MAX_TEXT, Formats, as_text, set_widths, write_table

ACTION_COLUMNS = ["employee_id", "name", "team", "action", "reason"]
RULE_COLUMNS = ["rule_id", "title", "params", "citation"]
FILE_COLUMNS = ["path", "sha256", "table", "rows", "note"]


def workbook_path(path: Path, month: str) -> Path:
    """``path`` itself when it names an ``.xlsx`` file, else ``path/scored-<month>.xlsx``."""
    path = Path(path)
    return path if path.suffix.lower() == ".xlsx" else path / f"scored-{month}.xlsx"


def write_workbook(path: Path, scored: Scored, results: RuleResults, month: Month,
                   info: RunInfo, lang: str = "zh", adjustments: pd.DataFrame | None = None,
                   payroll: dict[str, str] | None = None) -> Path:
    """Write the scored workbook for ``month`` and return its path.

    ``path`` is the output folder (the file is named ``scored-<month>.xlsx``) or the full
    file name; ``payroll`` is the center's ``[payroll] columns`` (key → header, in order).
    Nothing is left at the final name unless every sheet was written.
    ``adjustments`` (a re-run of a closed month) adds the Adjustments sheet before Run.
    """
    lang = check_lang(lang)
    target = workbook_path(path, month.month)
    verdict_of = verdicts(scored.summary, scored.findings, info.rules, lang)
    # The book is only written (on leaving the block) when every sheet was built; then
    # atomic_path moves the file into place, or removes it when something failed.
    with atomic_path(target) as tmp, Book(tmp, title=f"scored {month.month}", comments=f"opscore {info.version}",
                                          created=_run_time(info.started_at)) as book:
        fm = Formats(book)
        sheet = lambda key: book.add_sheet(headers.sheet_name(key, lang))  # noqa: E731

        summary = scored.summary
        pay = payroll_frame(summary, verdict_of)
        keys = list(payroll) if payroll else PAYROLL_COLUMNS
        write_table(sheet("Payroll"), fm, pay, keys, lang, freeze_cols=2, headers=payroll or None)
        write_table(sheet("Summary"), fm, summary_frame(scored, lang), summary_order(summary, lang), lang,
                    freeze_cols=2)
        write_table(sheet("Attendance"), fm, attendance_frame(results.days, summary),
                    day_columns(results.days), lang, freeze_cols=2)
        findings = findings_frame(scored.findings, summary, info)
        write_table(sheet("Findings"), fm, findings, finding_order(findings, lang), lang, freeze_cols=2)
        teams = with_center_row(scored.teams, summary, lang)
        keys = (["team"] if "team" in teams.columns else []) + [c for c in teams.columns if c != "team"]
        write_table(sheet("Teams"), fm, teams, keys, lang, freeze_cols=1)
        actions = actions_frame(scored, verdict_of, info, lang)
        keys = ACTION_COLUMNS + [c for c in actions.columns if c not in ACTION_COLUMNS]
        write_table(sheet("Actions"), fm, actions, keys, lang, freeze_cols=2)
        if adjustments is not None:
            from processor.write.adjustments import write_sheet

            write_sheet(sheet("Adjustments"), fm, adjustments, lang)
        write_run(sheet("Run"), fm, scored, info, lang)
    return target


IDENTITY = ["employee_id", "name", "department", "team", "role"]
MONEY = ["fines_total", "points", "total_score", "grade", "bonus_coefficient"]


def summary_order(summary: pd.DataFrame, lang: str) -> list[str]:
    """Summary's columns. English: exactly the stable keys of product.md, then the added ones
    (scripts read them). Chinese, for the people reading it: identity, then what payroll and
    the grade need (fines, points, total, grade, coefficient), then every indicator."""
    keys = summary_columns(summary)
    if english(lang):
        return keys
    return IDENTITY + MONEY + [k for k in keys if k not in IDENTITY and k not in MONEY]


def summary_frame(scored: Scored, lang: str) -> pd.DataFrame:
    """Summary as its sheet shows it. English keeps ``weights_used`` as scoring wrote it (the
    component codes, which scripts read); Chinese says each share in words, from the typed
    weights scoring hands over (:class:`processor.model.Weights`)."""
    summary = scored.summary
    if english(lang):
        return summary
    said: dict[str, str] = {}  # a few distinct weightings among thousands, told apart by their repr
    words = []
    for emp in summary["employee_id"]:
        used = scored.weights[str(emp)].used
        key = repr(used)  # exact: keeps the order, -0.0 and nan apart
        if key not in said:
            said[key] = labels.weights_label(used, lang)
        words.append(said[key])
    return summary.assign(weights_used=words)


def findings_frame(findings: pd.DataFrame, summary: pd.DataFrame, info: RunInfo) -> pd.DataFrame:
    """Findings with each employee's name and each rule's title beside its id."""
    out = findings.copy()
    names = summary.drop_duplicates("employee_id").set_index("employee_id")["name"]
    out["name"] = out["employee_id"].map(names)
    out["title"] = finding_titles(out, info.rules)
    return out


def finding_order(findings: pd.DataFrame, lang: str) -> list[str]:
    """English: the stable keys first (product.md), name and title after; Chinese: name after
    the id and the rule's title after its id, where a reader looks for them."""
    rest = [c for c in findings.columns if c not in FINDING_COLUMNS and c not in ("name", "title")]
    if english(lang):
        return FINDING_COLUMNS + ["name", "title"] + rest
    head = ["employee_id", "name", "team", "date", "rule_id", "title"]
    return head + [c for c in FINDING_COLUMNS if c not in head] + rest


def with_center_row(teams: pd.DataFrame, summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Teams with one last row for the whole center: the sums of the team rows, the mean
    score over every appraised employee (not the mean of team means)."""
    if teams.empty:
        return teams
    center: dict[str, object] = {}
    for col in teams.columns:
        values = pd.to_numeric(teams[col], errors="coerce")
        if col in ("team", "department", "findings") or values.isna().all():
            center[col] = None
        else:
            center[col] = values.sum()
    center["team"] = texts.TEXT[lang]["center_row"]
    if "mean_score" in teams.columns:
        center["mean_score"] = pd.to_numeric(summary["total_score"], errors="coerce").mean()
    return pd.concat([teams, pd.DataFrame([center])], ignore_index=True)


def actions_frame(scored: Scored, verdict_of: dict[str, str], info: RunInfo, lang: str) -> pd.DataFrame:
    """The Actions rows with their reason in the output's language and each one's verdict line."""
    out = scored.actions.copy()
    if out.empty:
        return out.assign(verdict=pd.Series(dtype=object))
    out["reason"] = action_reasons(out, scored.summary, verdict_of, info.rules, scored.escalated, lang)
    out["verdict"] = out["employee_id"].astype(str).map(verdict_of)
    return out


def _run_time(started_at: str) -> datetime | None:
    """The run's start as the workbook's creation time (not the clock: same run, same bytes)."""
    try:
        return datetime.fromisoformat(started_at)
    except (TypeError, ValueError):
        return None


def attendance_frame(days: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """The employee-days with each employee's name and team, ordered by employee and date."""
    frame = days.copy()
    people = summary.drop_duplicates("employee_id").set_index("employee_id")
    for col in ("name", "team"):
        frame[col] = frame["employee_id"].map(people[col])
    frame = frame.sort_values(["employee_id", "date"], kind="stable", na_position="last")
    return frame.reset_index(drop=True)


def write_run(ws: Sheet, fm: Formats, scored: Scored, info: RunInfo, lang: str) -> None:
    """The Run sheet: rulebook in force, input files with SHA-256 and rows, then the run itself."""
    rules = pd.DataFrame([(r.rule_id, r.title, r.params_text, r.citation) for r in info.rules], columns=RULE_COLUMNS)
    widths: dict[int, tuple[int, bool]] = {}
    row = write_table(ws, fm, rules, RULE_COLUMNS, lang, widths=widths)
    no_table: list[tuple[str, int | None]] = [("", None)]  # a file that gave no table: one row all the same
    files = [{"path": f.path, "sha256": f.sha256, "table": choose(TABLES[t].label, t, lang) if t in TABLES else t,
              "rows": n, "note": f.note}
             for f in info.files for t, n in (sorted(f.tables.items()) or no_table)]
    row = write_table(ws, fm, pd.DataFrame(files, columns=FILE_COLUMNS), FILE_COLUMNS, lang,
                      row + 1, widths=widths)
    t = texts.TEXT[lang]
    late = choose(t["late"] if scored.run_late else t["on_time"], str(bool(scored.run_late)), lang)
    facts: list[tuple[str, object]] = [
        ("month", info.month), ("version", info.version), ("started_at", info.started_at),
        ("rulebook_sha256", info.rulebook_sha256), ("lang", lang),
        ("due_date", scored.due_date), ("run_late", late), ("calendar", info.calendar),
    ]
    row += 1
    book, label_fmt, text_fmt = fm.book, fm.header(), fm.kind("text")
    for key, value in facts:
        cells = [(0, [book.text(headers.column_label(key, lang), label_fmt)])]
        if key == "due_date" and scored.due_date is not None:
            serial = (pd.Timestamp(scored.due_date) - pd.Timestamp("1899-12-30")) / pd.Timedelta(days=1)
            cells.append((1, [book.number(serial, fm.kind("date"))]))
        elif (text := as_text(value)) is not None:
            cells.append((1, [book.text(mask_phone(text)[:MAX_TEXT], text_fmt)]))
        ws.put(row, cells)
        row += 1
    widths[1] = (max(widths.get(1, (0, False))[0], 22), widths.get(1, (0, False))[1])
    set_widths(ws, fm, widths)
