"""One line per employee saying why their grade is what it is — the same line everywhere.

The index's 需关注 table, the employee page, the Actions sheet and the payroll note all print
this line, so a manager, HR and payroll read one reason. It says the grade and its cause:
the band the total fell in (``良好:总分 85.30,在 80–90 分档``), or, for a veto, what
triggered it, its date and article, and the grade the score alone would have given
(``不合格(一票否决):泄露客户资料 2026-10-24,002 第七条(一);仅按总分 93.52 应为优秀``).
Everything is read from what the scoring stage hands over (Summary, Findings, the rulebook
listing in RunInfo); nothing is scored again here.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from processor.model import RuleRow
from processor.words import labels
from processor.words.lang import choose
from processor.words.texts import REASON_WORDS, TEXT, VERDICT_WORDS
from processor.write.labels import one_language
from processor.write.vectors import records

DEFAULT_BANDS = {"excellent_min": 90.0, "good_min": 80.0, "pass_min": 60.0}
RESIGN_RULE = "ATT-RESIGN"
VETO_RULE = "APR-VETO"


@dataclass(frozen=True)
class Bands:
    excellent_min: float
    good_min: float
    pass_min: float

    def grade(self, total: float | None) -> str:
        if total is None:
            return ""
        if total >= self.excellent_min:
            return "excellent"
        if total >= self.good_min:
            return "good"
        return "pass" if total >= self.pass_min else "fail"


def bands(rules: Sequence[RuleRow]) -> Bands:
    """APR-GRADE's band limits from the rulebook listing."""
    grade = next((r for r in rules if r.rule_id == "APR-GRADE"), None)
    if grade is None:
        return Bands(**DEFAULT_BANDS)
    return Bands(**{k: grade.number(k, v) for k, v in DEFAULT_BANDS.items()})


def veto_codes(rules: Sequence[RuleRow]) -> set[str]:
    """Incident codes of ``kind = "veto"`` (each grades 不合格 whatever the score)."""
    return {r.rule_id for r in rules if r.params.get("kind") == "veto"}


def _num(value: object) -> float | None:
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if f != f else f


def _fmt(x: float) -> str:
    return f"{x:g}"


def _day(value: object) -> str:
    try:
        return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")  # type: ignore[call-overload, arg-type]  # pandas-stubs: both take any cell value at runtime
    except (TypeError, ValueError):
        return str(value)


def triggers(findings: pd.DataFrame, rules: Sequence[RuleRow]) -> dict[str, list[dict[str, Any]]]:
    """Employee id → the findings that veto their grade (a veto incident, ATT-RESIGN), in date order."""
    if findings.empty:
        return {}
    codes = veto_codes(rules) | {RESIGN_RULE, VETO_RULE}
    hit = findings[findings["rule_id"].astype(str).isin(codes) & findings["employee_id"].notna()]
    hit = hit.sort_values(["employee_id", "date"], kind="stable")
    titles = {r.rule_id: r.title for r in rules}
    out: dict[str, list[dict[str, Any]]] = {}
    fallback: dict[str, list[dict[str, Any]]] = {}
    for emp, rule, when, cite, ev in zip(hit["employee_id"], hit["rule_id"], hit["date"], hit["citation"],
                                         hit["evidence"]):
        item = {"rule_id": str(rule), "title": titles.get(str(rule)) or str(rule), "date": _day(when),
                "citation": "" if cite is None else str(cite)}
        if rule == VETO_RULE:  # only said when nothing else names the trigger: its own evidence
            fallback.setdefault(str(emp), []).append({**item, "title": str(ev or item["title"])})
        else:
            out.setdefault(str(emp), []).append(item)
    return {**fallback, **out}


def verdict(row: dict[str, Any], found: list[dict[str, Any]], b: Bands, lang: str) -> str:
    """The verdict line of one Summary row (see the module docstring)."""
    w = VERDICT_WORDS[lang]
    code = labels.grade_code(row.get("grade"))
    if not code:
        return w["not_appraised"]
    g = labels.grade_label(code, lang)
    total = _num(row.get("total_score"))
    s = f"{total:.2f}" if total is not None else w["no_score"]
    resigned = row.get("deemed_resignation_date") is not None and not pd.isna(row.get("deemed_resignation_date"))
    flags = str(row.get("flags") or "")
    if resigned or "veto" in flags.split(";") or found:
        items = found or []
        if resigned and not any(f["rule_id"] == RESIGN_RULE for f in items):
            items = [*items, {"rule_id": RESIGN_RULE, "title": TEXT[lang]["deemed"],
                              "date": _day(row.get("deemed_resignation_date")), "citation": ""}]
        texts = [w["item"].format(title=one_language(f["title"], lang), date=f["date"], cite=f["citation"])
                 for f in items]
        # a set of characters on purpose: drops the "," or ", " an empty citation leaves
        what = w["sep"].join(t.rstrip(", ") for t in texts)  # noqa: B005
        alone = labels.grade_label(b.grade(total), lang) or w["no_score"]
        incident = any(f["rule_id"] not in (RESIGN_RULE, VETO_RULE) for f in items)
        kind = "resign" if resigned and not incident else "veto"
        return w[kind].format(g=g, what=what, s=s, alone=alone)
    if code == "excellent":
        return w["band_top"].format(g=g, s=s, lo=_fmt(b.excellent_min))
    if code == "good":
        return w["band"].format(g=g, s=s, lo=_fmt(b.good_min), hi=_fmt(b.excellent_min))
    if code == "pass":
        return w["band"].format(g=g, s=s, lo=_fmt(b.pass_min), hi=_fmt(b.good_min))
    return w["band_low"].format(g=g, s=s, hi=_fmt(b.pass_min))


VERDICT_KEYS = ["employee_id", "grade", "total_score", "deemed_resignation_date", "flags"]


def verdicts(summary: pd.DataFrame, findings: pd.DataFrame, rules: Sequence[RuleRow],
             lang: str) -> dict[str, str]:
    """Employee id → verdict line, for every Summary row."""
    b, found = bands(rules), triggers(findings, rules)
    return {str(r["employee_id"]): verdict(r, found.get(str(r["employee_id"]), []), b, lang)
            for r in records(summary, VERDICT_KEYS) if r.get("employee_id") is not None}


def vetoed(row: dict[str, Any]) -> bool:
    """Whether the grade was set by a veto (an incident or a deemed resignation), not by the score."""
    d = row.get("deemed_resignation_date")
    return (d is not None and not pd.isna(d)) or "veto" in str(row.get("flags") or "").split(";")




def _param(rules: Sequence[RuleRow], rule_id: str, key: str, default: float) -> float:
    return next((r.number(key, default) for r in rules if r.rule_id == rule_id), default)


def action_reasons(actions: pd.DataFrame, summary: pd.DataFrame, verdict_of: dict[str, str],
                   rules: Sequence[RuleRow], escalated: Mapping[str, tuple[str, ...]], lang: str) -> list[str]:
    """Each Actions row's reason in the output's language, rebuilt from the figures behind it:
    a resignation or a 不合格 by its verdict, a low QA score with its limit, the months an
    escalation counts (``Scored.escalated``), a candidate's score."""
    w, sep = REASON_WORDS[lang], VERDICT_WORDS[lang]["sep"]
    lim = _param(rules, "APR-COACH", "qa_below", 60.0)
    people = {str(r["employee_id"]): r for r in records(summary, ["employee_id", "grade", "total_score", "qa_score"])}
    out = []
    for emp, action, reason in zip(actions["employee_id"].astype(str), actions["action"], actions["reason"]):
        row = people.get(emp, {})
        code, qa, total = labels.grade_code(row.get("grade")), _num(row.get("qa_score")), _num(row.get("total_score"))
        parts: list[str] = []
        if action == "commendation":
            parts.append(w["commend"].format(g=labels.grade_label(code, lang), s=f"{total:.2f}" if total is not None else "—"))
        elif action == "deemed_resignation" or code == "fail":
            parts.append(verdict_of.get(emp, ""))
        if action in ("coaching", "escalation"):
            if qa is not None and qa < lim:
                parts.append(w["qa_low"].format(q=f"{qa:.2f}", lim=_fmt(lim)))
            if action == "escalation" and escalated.get(emp):
                parts.append(w["coached"].format(months=choose("、", ", ", lang).join(escalated[emp])))
        out.append(sep.join(p for p in parts if p) or one_language(str(reason or ""), lang))
    return out


def finding_titles(findings: pd.DataFrame, rules: Sequence[RuleRow]) -> pd.Series:
    """Each finding's title in the output's language, by its rule id; an APR-VETO row takes the
    title of what triggered it (rules.md): ATT-RESIGN's where it cites ATT-RESIGN's article,
    else the vetoing incident's (the incident codes whose kind is veto)."""
    titles = {r.rule_id: r.title for r in rules}
    rule = findings["rule_id"].astype(str)
    out = rule.map(titles)
    veto = rule.eq(VETO_RULE)
    if veto.any():
        resign_cite = next((r.citation for r in rules if r.rule_id == RESIGN_RULE), None)
        incident = "/".join(r.title for r in rules if r.params.get("kind") == "veto")
        by_resign = (findings["citation"].eq(resign_cite) if resign_cite is not None
                     else pd.Series(False, index=findings.index))
        out = out.mask(veto & by_resign, titles.get(RESIGN_RULE, ""))
        if incident:
            out = out.mask(veto & ~by_resign, incident)
    return out
