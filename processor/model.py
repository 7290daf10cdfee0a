"""The contract between the stages: what each stage hands to the next.

read/validate → :class:`Month` (typed tables) → rules → :class:`RuleResults`
→ score → :class:`Scored` → write.

Typed tables (``Month.tables[key]``) are pandas DataFrames whose columns are the keys of
``inputs.md`` (see :mod:`processor.schema`), typed as follows, plus three locator
columns ``_file``, ``_sheet``, ``_row`` (Excel row number) used as evidence:

* ids and text: pandas ``object`` columns of ``str`` or ``None`` (ids keep leading zeros).
* dates: ``datetime64[ns]`` at midnight. Datetimes: ``datetime64[ns]``. Missing: ``NaT``.
* yes/no: ``bool`` (blank takes the column's default: ``in_person`` True, others False).
* numbers, scores, satisfaction (1–5, words mapped): ``float64``; missing ``NaN``.
* coded columns hold the canonical code of :data:`processor.schema.CODES`:
  ``shift`` ∈ morning/middle/evening/night/day/rest, ``leave_type`` ∈ personal/
  special_personal/sick/annual/marriage/bereavement/maternity/compensatory, ``channel`` ∈
  phone/chat/email/walkin/other, ``ticket_type`` a code (inquiry/complaint/suggestion/incident/
  task) or the export's own text, ``tickets.status`` ∈ resolved/open (None when blank),
  ``direction`` ∈ higher/lower. ``incidents.code`` holds the rulebook code (Chinese names mapped).
* tickets also carry ``first_response_seconds`` (float; already folded into
  ``first_response_at``) and bool flags ``_has_response``, ``_has_resolution``, ``_has_fcr``,
  ``_has_callback``, ``_has_reopen``, ``_has_against``: whether the row's sheet had a column
  giving that indicator at all (an absent column is no data, never 0). A frame without a
  flag is taken as having the column.

Attendance times are resolved to full datetimes (ATT-NIGHT, 002 第三十条):
``shift_start`` = date + start time; ``shift_end`` = date + end time, plus one day when the
end time is not after the start time; ``clock_in``/``clock_out`` = date + punch time, plus a
day for ``次日`` or, on a shift that ends the next day, for a punch earlier than the shift's
start time by more than 12 hours' reach (a 02:00 punch on a 22:00–06:00 shift is the next
day). A punch given as a full datetime is kept as is. Rest days (shift ``rest``) may have
``NaT`` shift times.

Leave: ``start``/``end`` are datetimes; a date-only ``end`` means the whole day, stored as the
next midnight (exclusive end); ``start_all_day``/``end_all_day`` (bool) say whether the cell
held a date alone.

Corrections (更正记录): ``kind`` ∈ punch/waive/leave/present; ``clock_in``/``clock_out`` are
datetimes on the correction's date (``次日`` the next day), with ``clock_in_bare`` /
``clock_out_bare`` (bool) saying the cell held a time alone (an overnight shift may still move
it to the next morning); ``rule_id`` is the rulebook's rule id or incident code.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

# Column lists of the frames handed between stages. Tests and writers rely on these.
FINDING_COLUMNS = ["employee_id", "team", "date", "rule_id", "citation", "evidence", "fine", "points"]

DAY_COLUMNS = [
    "employee_id", "date", "shift", "shift_start", "shift_end", "clock_in", "clock_out",
    "outcome", "late_minutes", "early_minutes", "fine", "rule_ids", "evidence",
]
# The code sets, each declared here once and imported wherever it is listed. Their words for
# people (Chinese and English) are in processor/words/labels.py; tests/test_words_codes.py checks
# every code has both. Shift and leave-type codes are the reading vocabulary of
# processor.schema.CODES; scoring profiles and incident codes are the rulebook's.

# outcome codes of an employee-day
OUTCOMES = ("normal", "late", "early", "late_early", "excused", "missing_punch", "absence",
            "leave", "rest")
# grades of APR-GRADE, best first (the order of every count and chart)
GRADES = ("excellent", "good", "pass", "fail")
# actions of the Actions sheet, most urgent first (ATT-RESIGN, APR-COACH, APR-COMMEND)
ACTIONS = ("deemed_resignation", "escalation", "coaching", "commendation")
# codes of the Summary ``flags`` cell (``;``-joined; ``rescaled`` carries ``:no_<component>,…``)
FLAGS = ("not_appraised", "rescaled", "escalation", "coaching", "commendation", "deemed_resigned",
         "veto", "qa_sample_small", "missing_punch")

# Service indicators: Summary column → the rule that measures it (KPI-*), in the order of rules.md.
INDICATOR_RULES: dict[str, str] = {
    "satisfaction_rate": "KPI-SAT", "response_rate": "KPI-RESP", "resolution_rate": "KPI-RES",
    "fcr_rate": "KPI-FCR", "complaint_handling_rate": "KPI-CMPL", "callback_rate": "KPI-CALLBACK",
    "reopen_rate": "KPI-REOPEN", "complaints_per_100": "KPI-AGAINST",
}
# the indicators that are rates (per agent and per center)
RATE_INDICATORS = tuple(k for k in INDICATOR_RULES if k.endswith("_rate"))

# Profile weight key of APR-SCORE → (Summary column of its 0–100 score, rate it is scored from,
# KPI rule). A ticket rate is turned into a score (APR-KPI) in a column of its own; the QA score,
# the rating, the indicator sheet and the attendance score are their component as they stand.
_COMPONENT_COLUMNS: dict[str, tuple[str, str | None]] = {
    "satisfaction": ("satisfaction_score", "satisfaction_rate"),
    "response": ("response_score", "response_rate"),
    "resolution": ("resolution_score", "resolution_rate"),
    "fcr": ("fcr_score", "fcr_rate"),
    "complaint_handling": ("complaint_handling_score", "complaint_handling_rate"),
    "callback": ("callback_score", "callback_rate"),
    "qa": ("qa_score", None),
    "rating": ("rating", None),
    "indicators": ("indicator_score", None),
    "attendance": ("attendance_score", None),
}
COMPONENTS: dict[str, tuple[str, str | None, str | None]] = {
    key: (column, rate, INDICATOR_RULES[rate] if rate else None)
    for key, (column, rate) in _COMPONENT_COLUMNS.items()
}
# the indicators with a target rate (each a KPI component): the overview's indicators, in order
TARGET_INDICATORS = tuple(rate for _, rate, _ in COMPONENTS.values() if rate)

EMPLOYEE_ATTENDANCE_COLUMNS = [
    "employee_id", "late_count", "early_count", "late_minutes", "early_minutes",
    "excused_count", "absence_days", "missing_punches", "leave_days", "worked_shifts",
    "prep_on_time", "prep_rate", "deemed_resignation_date", "fines_total", "points", "veto", "veto_date",
]

SUMMARY_COLUMNS = [
    "employee_id", "name", "department", "team", "role", "tickets", "satisfaction_rate",
    "response_rate", "resolution_rate", "fcr_rate", "complaint_handling_rate",
    "complaints_received", "callback_rate", "reopen_rate", "qa_score", "qa_count", "rating",
    "indicator_score", "attendance_score", "late_count", "early_count", "late_minutes",
    "early_minutes", "absence_days", "missing_punches", "leave_days", "fines_total", "points",
    "total_score", "grade", "bonus_coefficient", "deemed_resignation_date", "flags",
]


@dataclass
class InputFile:
    """One file read for the month, for the Run sheet and the ledger."""

    path: str
    sha256: str
    tables: dict[str, int] = field(default_factory=dict)  # table key → data rows read
    note: str = ""  # e.g. "WeCom 日报" for a recognised export


@dataclass
class Month:
    """A validated month: typed tables keyed by table name (absent optional tables are empty)."""

    month: str  # "2026-10"
    tables: dict[str, pd.DataFrame]
    files: list[InputFile] = field(default_factory=list)
    extras: dict[str, pd.DataFrame] = field(default_factory=dict)  # unknown columns, kept for audit
    calendar: str = ""  # which holiday calendar is in force (``中文‖English``), for check and Run

    @property
    def period(self) -> pd.Period:
        return pd.Period(self.month, freq="M")


@dataclass
class RuleResults:
    """What the rules of rules.md (attendance, leave, swaps, breaks, incidents) found.

    * ``days``: one row per roster employee per attendance row (DAY_COLUMNS), plus
      ``original_clock_in``/``original_clock_out``/``original_outcome``/``original_fine``/
      ``correction`` when the month has corrections (set on the days a correction changed).
    * ``findings``: one row per rule hit (FINDING_COLUMNS); ``fine`` ≥ 0 in yuan, ``points``
      signed (deductions negative, commendations positive); team-level rows have
      ``employee_id`` None.
    * ``employees``: one row per roster employee (EMPLOYEE_ATTENDANCE_COLUMNS); ``fines_total``
      and ``points`` are the sums of that employee's findings; ``veto`` is a text reason or "",
      ``veto_date`` the date of the first vetoing incident (NaT for none).
    * ``leave``: the leave table with ``valid`` (bool) and ``failed_rules`` (str) added.
    * ``swaps``: the swaps table with ``approved`` (bool), ``count_in_month`` and ``over_limit``.
    """

    days: pd.DataFrame
    findings: pd.DataFrame
    employees: pd.DataFrame
    leave: pd.DataFrame
    swaps: pd.DataFrame


@dataclass(frozen=True)
class Target:
    """A service indicator's target from the rulebook, drawn beside the indicator in the report.

    ``value`` is a fraction (0.9) for a rate, or a count per 100 tickets for
    ``complaints_per_100``; ``ceiling`` says the indicator must stay at or below it.
    """

    rule_id: str  # the rule holding it: KPI-SAT … KPI-AGAINST
    value: float
    ceiling: bool = False

    def met(self, value: float | None) -> bool | None:
        """Whether ``value`` reaches the target; None when there is no value."""
        if value is None:
            return None
        return value <= self.value + 1e-12 if self.ceiling else value >= self.value - 1e-12


@dataclass(frozen=True)
class Weights:
    """What each component weighed in one employee's total (APR-SCORE), as fractions.

    ``profile`` holds the profile's weights scaled to sum to 1 (Summary column → share);
    ``used`` the shares after components without data dropped out and the others were
    rescaled (empty when the employee was not appraised). Summary's ``weights_used`` text is
    written from ``used``; nothing reads that text back.
    """

    profile: Mapping[str, float]
    used: Mapping[str, float]

    def shown(self, components: tuple[str, ...]) -> list[tuple[str, float]]:
        """The components to chart with the weight each carried: the profile's components in
        ``components`` order (then any other of the profile), each at its used share, 0 for a
        component that dropped out, the profile's share when nothing was used."""
        order = [c for c in components if c in self.profile] + [c for c in self.profile if c not in components]
        return [(c, self.used.get(c, 0.0) if self.used else self.profile[c]) for c in order]


@dataclass(frozen=True)
class RuleRow:
    """One rule or incident code of the rulebook in force, as the Run sheet and the pages show it.

    ``params`` keeps the rulebook's values (numbers stay numbers); ``params_text`` is the one
    line the Run sheet and ``opscore rules`` print.
    """

    rule_id: str
    title: str
    params: Mapping[str, object]
    citation: str

    @property
    def params_text(self) -> str:
        return "; ".join(f"{k}={json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v}"
                         for k, v in self.params.items())

    def number(self, key: str, default: float) -> float:
        """The parameter ``key`` as a number (``default`` when the rule lacks it)."""
        value = self.params.get(key, default)
        return float(value) if isinstance(value, (int, float, str)) else default


@dataclass
class Scored:
    """The scored month: Summary rows (SUMMARY_COLUMNS, plus component columns), teams, actions,
    and what the writers show beside the figures: the targets, the component columns in force,
    each employee's weights and the months each escalation counts."""

    summary: pd.DataFrame
    teams: pd.DataFrame
    actions: pd.DataFrame
    findings: pd.DataFrame  # RuleResults.findings plus scoring findings (QA-SAMPLE, ORG-SPAN, APR-*)
    due_date: date | None = None
    run_late: bool = False
    targets: Mapping[str, Target] = field(default_factory=dict)  # Summary column → its target
    components: tuple[str, ...] = ()  # Summary columns of the components some profile weighs
    weights: Mapping[str, Weights] = field(default_factory=dict)  # employee id → their weights
    # employee id → the months on the coaching list an escalation counts (APR-COACH), this one last
    escalated: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class RunInfo:
    """What the Run sheet and the report footer say about the run itself."""

    month: str
    version: str
    started_at: str  # ISO 8601, local time
    rulebook_sha256: str
    rules: list[RuleRow]  # the rulebook in force, one row per rule and incident code
    files: list[InputFile]
    lang: str = "zh"
    calendar: str = ""  # Month.calendar: the holidays table or the statutory calendar
