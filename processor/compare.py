"""``opscore compare``: a month under the rulebook in force and under a draft, side by side.

HR weighing a policy change ("2 yuan a minute") needs to see whom it hits and what it costs
before adopting it. The month's inputs are read and validated once (the dominant cost); only
the rules and scoring stages run twice, on the same typed tables. Nothing touches the ledger:
a what-if is not a run of the month. Keys that change how the inputs are *read* (``[exports]``,
incident names, aliases and amount limits) cannot be replayed that way and are refused.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd

from . import __version__
from .errors import RulebookError, pick
from .model import GRADES
from .outputs import month_lock, recover
from .pipeline import load_valid_month, month_folder, rules_stage, scoring_stage
from .progress import progress_for
from .rulebook import Rulebook, load_rulebook
from .timing import NullTimer
from .words import english, speaking
from .write.compare import CompareInfo, write_compare

# Stable keys of the Compare sheet (product.md), one row per employee.
COMPARE_COLUMNS = [
    "employee_id", "name", "fines_total_current", "fines_total_draft", "fines_diff", "points_current",
    "points_draft", "total_score_current", "total_score_draft", "grade_current", "grade_draft",
    "bonus_coefficient_current", "bonus_coefficient_draft",
]
RULE_COLUMNS = ["rule_id", "title", "key", "current", "draft", "citation"]
TOTAL_COLUMNS = ["measure", "current", "draft", "diff"]
TOTAL_MEASURES = ["headcount", "fines_total", "points", "mean_total_score", *GRADES,
                  "not_appraised", "deemed_resignations", "bonus_coefficient_sum", "grade_changes",
                  "employees_changed"]
# Read by validate/ (incident codes and their amount limits, exports rebuilt on a shift):
# the month read once under the rulebook in force cannot show what a draft of these would do.
READING_INCIDENT_KEYS = ("name_zh", "name_en", "aliases", "min_amount", "max_amount")
INCIDENT_TEXT = ("name_zh", "name_en", "citation", "aliases")


def _flatten(prefix: str, value: Any, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, out)
    else:
        out[prefix] = value


def _parameters(rb: Rulebook) -> dict[tuple[str, str], Any]:
    """(rule id or incident code or section, dotted key) → value, for every parameter that
    can change a figure: no titles, citations or names, no ``[meta]``."""
    params: dict[tuple[str, str], Any] = {}
    for rid in rb.rules:
        flat: dict[str, Any] = {}
        _flatten("", rb.params(rid), flat)
        params.update({(rid, k): v for k, v in flat.items()})
    for code, entry in rb.incidents.items():
        params.update({(code, k): v for k, v in entry.items() if k not in INCIDENT_TEXT})
    for section in rb.data:
        if section not in ("rules", "incidents", "meta"):
            flat = {}
            _flatten("", rb.data[section], flat)
            params.update({(section, k): v for k, v in flat.items()})
    return params


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}" if isinstance(value, float) else str(value)


def refuse_reading_keys(current: Rulebook, draft: Rulebook, draft_name: str) -> None:
    """A draft that changes how inputs are read is refused, naming the first such key."""
    changed = [f"exports.{k}" for k in sorted(set(current.data["exports"]) | set(draft.data["exports"]))
               if current.data["exports"].get(k) != draft.data["exports"].get(k)]
    for code in draft.incidents:
        changed += [f"incidents.{code}.{k}" for k in READING_INCIDENT_KEYS
                    if current.incidents.get(code, {}).get(k) != draft.incidents[code].get(k)]
    if changed:
        raise RulebookError(draft_name, changed[0], "此参数决定如何读取输入,compare 只按同一份输入重算规则与评分:"
                                                    "请用 opscore run --rules 分别运行两份规则 "
                                                    "(this key changes how the inputs are read; compare replays only "
                                                    "the rules and scoring: run the month under each rulebook instead)")


def rule_differences(current: Rulebook, draft: Rulebook, lang: str = "zh") -> pd.DataFrame:
    """One row per parameter whose value differs (RULE_COLUMNS), in the rulebook's order."""
    cur, new = _parameters(current), _parameters(draft)
    keys = list(cur) + [k for k in new if k not in cur]
    rows = []
    for rid, key in keys:
        if cur.get((rid, key)) == new.get((rid, key)):
            continue
        known = rid in draft.rules or rid in draft.incidents
        rows.append({"rule_id": rid, "title": draft.title(rid, lang) if known else "", "key": key,
                     "current": _show(cur.get((rid, key))), "draft": _show(new.get((rid, key))),
                     "citation": draft.citation(rid) if known else ""})
    return pd.DataFrame(rows, columns=RULE_COLUMNS)


def side_by_side(current: pd.DataFrame, draft: pd.DataFrame) -> pd.DataFrame:
    """The Compare sheet: each employee's figures under each rulebook (same roster, same order)."""
    keys = ["fines_total", "points", "total_score", "grade", "bonus_coefficient"]
    cur = current[["employee_id", "name", *keys]].reset_index(drop=True)
    new = draft.set_index("employee_id").loc[cur["employee_id"], keys].reset_index(drop=True)
    out = cur[["employee_id", "name"]].copy()
    for key in keys:
        out[f"{key}_current"], out[f"{key}_draft"] = cur[key], new[key]
    out["fines_diff"] = (pd.to_numeric(new["fines_total"]).fillna(0)
                         - pd.to_numeric(cur["fines_total"]).fillna(0)).round(2)
    return out[COMPARE_COLUMNS]


def changed_rows(table: pd.DataFrame) -> pd.Series:
    """Employees whose fines, points, total, grade or coefficient differ between the two."""
    any_change = pd.Series(False, index=table.index)
    for key in ("fines_total", "points", "total_score", "grade", "bonus_coefficient"):
        a, b = table[f"{key}_current"], table[f"{key}_draft"]
        same = (a == b) | (a.isna() & b.isna())
        if key != "grade":
            same |= (pd.to_numeric(a) - pd.to_numeric(b)).abs() < 1e-9
        any_change |= ~same
    return any_change


def _figures(summary: pd.DataFrame) -> dict[str, float]:
    grades = summary["grade"].value_counts()
    return {
        "headcount": float(len(summary)),
        "fines_total": round(float(summary["fines_total"].fillna(0).sum()), 2),
        "points": round(float(summary["points"].fillna(0).sum()), 2),
        "mean_total_score": round(float(summary["total_score"].mean()), 2) if summary["total_score"].notna().any()
        else float("nan"),
        **{g: float(grades.get(g, 0)) for g in GRADES},
        "not_appraised": float(summary["grade"].isna().sum()),
        "deemed_resignations": float(summary["deemed_resignation_date"].notna().sum()),
        "bonus_coefficient_sum": round(float(summary["bonus_coefficient"].fillna(0).sum()), 2),
    }


def totals(current: pd.DataFrame, draft: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The month's totals under each rulebook and the difference (TOTAL_COLUMNS, TOTAL_MEASURES)."""
    cur, new = _figures(current), _figures(draft)
    grade_changes = float((table["grade_current"].fillna("") != table["grade_draft"].fillna("")).sum())
    cur["grade_changes"] = new["grade_changes"] = grade_changes
    cur["employees_changed"] = new["employees_changed"] = float(changed_rows(table).sum())
    rows = [{"measure": m, "current": cur[m], "draft": new[m],
             "diff": 0.0 if m in ("grade_changes", "employees_changed") else round(new[m] - cur[m], 2)}
            for m in TOTAL_MEASURES]
    return pd.DataFrame(rows, columns=TOTAL_COLUMNS)


def compare_month(folder: Path, out_dir: Path, draft_file: Path, current_file: Path | None = None,
                  month: str | None = None, lang: str = "zh", quiet: bool = False,
                  run_date: dt.date | None = None, timer=None) -> str:
    """Read the month once, run rules + scoring under each rulebook, write workbook + page."""
    timer = timer or NullTimer()
    progress = progress_for(quiet)
    current, draft = load_rulebook(current_file), load_rulebook(draft_file)
    refuse_reading_keys(current, draft, Path(draft_file).name)
    m = month_folder(folder, month)
    progress(pick("读取并校验输入‖reading and validating", lang))
    data, _notes = load_valid_month(folder, m, current, lang, progress=lambda f: progress(f"  {f}"), timer=timer)
    run_date = run_date or dt.date.today()
    scored = {}
    for side, rb in (("current", current), ("draft", draft)):
        progress(pick(f"应用规则并评分:{'现行规则' if side == 'current' else '草案'}‖rules and scoring: {side}", lang))
        with speaking(lang):
            results = rules_stage(data, rb, timer)
            scored[side] = scoring_stage(data, results, rb, None, run_date, timer).summary
    table = side_by_side(scored["current"], scored["draft"])
    info = CompareInfo(month=m, version=__version__, started_at=dt.datetime.now().isoformat(timespec="seconds"),
                       current_sources=current.sources, current_sha256=current.sha256,
                       draft_sources=draft.sources, draft_sha256=draft.sha256, lang=lang)
    progress(pick("写入对比工作簿与页面‖writing the workbook and the page", lang))
    tot = totals(scored["current"], scored["draft"], table)
    with timer("write"), month_lock(out_dir, m):
        recover(out_dir / m)  # a run killed mid-swap: its predecessor's outputs back first
        xlsx, html = write_compare(out_dir / m, table, rule_differences(current, draft, lang), tot, info,
                                   changed_rows(table))
    return _summary_text(table, tot, xlsx, html, m, lang)


def _summary_text(table: pd.DataFrame, tot: pd.DataFrame, xlsx: Path, html: Path, month: str, lang: str) -> str:
    t = tot.set_index("measure")
    fines = t.loc["fines_total"]
    current = t["current"]
    changed, grades = int(current["employees_changed"]), int(current["grade_changes"])
    if not english(lang):
        return (f"{month} 规则对比:{len(table)} 人中 {changed} 人结果有变化,{grades} 人等级变化;"
                f"罚款合计 {fines['current']:,.2f} → {fines['draft']:,.2f} 元(差 {fines['diff']:+,.2f})\n"
                f"工作簿: {xlsx}\n页面:   {html}\n(未写入台账)")
    return (f"{month} compare: {changed} of {len(table)} employees change, {grades} change grade; "
            f"fines {fines['current']:,.2f} → {fines['draft']:,.2f} yuan ({fines['diff']:+,.2f})\n"
            f"workbook: {xlsx}\npage:     {html}\n(nothing written to the ledger)")
