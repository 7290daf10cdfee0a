"""What payroll takes: one row per roster employee, and nothing else (product.md, Payroll).

The same rows go to the workbook's first sheet (工资导出 / Payroll) and to
``payroll-<month>.csv`` (UTF-8 with BOM, so Excel opens the Chinese right). A center's payroll
system imports a template of its own: ``[payroll] columns`` in its rulebook renames and orders
the stable keys (``columns = {employee_id = "工号", fines_total = "扣款", …}``: only the keys
it lists, in that order), so the file needs no editing before the import.

``run --adjustments-only`` (a re-run of a closed month) makes the CSV carry only the
differences payroll still has to book: the same columns, one row per employee whose figures
changed against the closed revision, with ``fines_total`` and ``points`` the difference
(re-run − closed: a positive fine is deducted, 补扣; a negative one paid back, 补发) and the
other columns (grade, coefficient, resignation date, note) the re-run's new values.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from processor.model import RunInfo, Scored
from processor.words import headers, labels
from processor.write.atomic import atomic_path
from processor.write.vectors import records
from processor.write.verdicts import verdicts, vetoed

PAYROLL_COLUMNS = ["employee_id", "name", "department", "team", "fines_total", "points", "grade",
                   "bonus_coefficient", "deemed_resignation_date", "note"]


def payroll_frame(summary: pd.DataFrame, verdict_of: dict[str, str]) -> pd.DataFrame:
    """PAYROLL_COLUMNS for every Summary row; ``note`` is the verdict of a 不合格 or a resignation."""
    out = summary.reindex(columns=PAYROLL_COLUMNS[:-1]).copy()
    ids = out["employee_id"].astype(str)
    codes = out["grade"].map(labels.grade_code)
    flagged = [vetoed(r) for r in records(summary.reindex(columns=["deemed_resignation_date", "flags"]))] \
        if len(summary) else []
    note = (codes == "fail") | pd.Series(flagged, index=out.index, dtype=bool)
    out["note"] = [verdict_of.get(i, "") if n else "" for i, n in zip(ids, note)]
    return out.reset_index(drop=True)


def adjustment_rows(full: pd.DataFrame, adjusted: pd.DataFrame) -> pd.DataFrame:
    """The payroll rows of the employees in ``adjusted`` (score.adjustments), fines and points
    as differences, the rest the re-run's values; one who left the roster keeps id and name only."""
    adj = adjusted.astype({"employee_id": str})
    base = adj[["employee_id", "name"]].merge(full.drop(columns="name").astype({"employee_id": str}),
                                              on="employee_id", how="left")
    num = {k: pd.to_numeric(adj[k], errors="coerce").fillna(0).to_numpy()
           for k in ("points_new", "points_closed")}
    base["fines_total"] = pd.to_numeric(adj["fines_diff"], errors="coerce").fillna(0).to_numpy()
    base["points"] = (num["points_new"] - num["points_closed"]).round(2)
    return base.reindex(columns=PAYROLL_COLUMNS)


def csv_text(frame: pd.DataFrame, lang: str, mapping: dict[str, str] | None = None) -> str:
    """The payroll rows as CSV text: the mapping's headers, else the keys (en) or labels (zh).

    Values as the workbook shows them: grades in the output's language, dates ``YYYY-MM-DD``,
    money with two decimals, a coefficient as written.
    """
    keys = list(mapping) if mapping else PAYROLL_COLUMNS
    heads = [mapping[k] for k in keys] if mapping else [headers.column_label(k, lang) for k in keys]
    cols: dict[str, list[str]] = {}
    for k in keys:
        s = frame[k] if k in frame.columns else pd.Series([None] * len(frame), dtype=object)
        if k == "grade":
            cols[k] = [labels.grade_label(v, lang) for v in s.tolist()]
        elif k == "deemed_resignation_date":
            d = pd.to_datetime(s, errors="coerce")
            cols[k] = d.dt.strftime("%Y-%m-%d").fillna("").tolist()
        elif k == "fines_total":
            cols[k] = [f"{v:.2f}" for v in pd.to_numeric(s, errors="coerce").fillna(0.0).tolist()]
        elif k in ("points", "bonus_coefficient"):
            cols[k] = ["" if v != v else f"{v:g}" for v in pd.to_numeric(s, errors="coerce").tolist()]
        else:
            cols[k] = [_inert("" if v is None or v != v else str(v)) for v in s.tolist()]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(heads)
    w.writerows(zip(*(cols[k] for k in keys)))
    return buf.getvalue()


def _inert(text: str) -> str:
    """A text Excel would run as a formula (``=…``, ``+…``, ``@…``) gets a leading apostrophe:
    nothing from an input cell becomes a formula, in the CSV either."""
    return "'" + text if text[:1] in ("=", "+", "@", "\t", "\r") or (text[:1] == "-" and not _number(text)) else text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_payroll_csv(folder: Path, month: str, scored: Scored, info: RunInfo, lang: str,
                      mapping: dict[str, str] | None = None, adjusted: pd.DataFrame | None = None) -> Path:
    """``folder/payroll-<month>.csv`` in UTF-8 with BOM (the Payroll sheet's rows, or with
    ``adjusted`` only the differences: :func:`adjustment_rows`), moved into place when complete."""
    frame = payroll_frame(scored.summary, verdicts(scored.summary, scored.findings, info.rules, lang))
    if adjusted is not None:
        frame = adjustment_rows(frame, adjusted)
    target = Path(folder) / f"payroll-{month}.csv"
    with atomic_path(target) as tmp:
        Path(tmp).write_bytes(csv_text(frame, lang, mapping).encode("utf-8-sig"))
    return target
