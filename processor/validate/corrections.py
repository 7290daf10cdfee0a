"""The corrections table (更正记录, inputs.md): punches resolved to datetimes, rule ids to the
rulebook's, and the cross-checks that make a row unusable whatever the rules decide.

A correction that names a day or finding the month does not have is *not* an input error:
the rules report it as a finding (CORR-APPLY), since an approved appeal about the wrong day
is something a manager must see beside the verdicts, not a file to fix before anything runs.
What is an error is a row that cannot mean anything: a 补卡 with neither time, a 免罚 without
a rule id or with one the rulebook does not know, a 改为请假 without its 假别.
"""
from __future__ import annotations

import pandas as pd

from ..distinct import lookup_uniques
from ..errors import Problem
from ..rulebook import Rulebook
from . import cross


def resolve_corrections(corr: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """Punch times as datetimes on the correction's date (``次日`` the next day), with
    ``<punch>_bare`` telling a bare time (which an overnight shift may still move to the next
    day, as ATT-NIGHT does for attendance) from a full date-time; ``rule_id`` as the
    rulebook's id or incident code (``att-late`` → ``ATT-LATE``, ``桌面不整洁`` → ``desk_5s``)."""
    corr = corr.copy()
    for col in ("clock_in", "clock_out"):
        td, nxt, full = corr.pop(col), corr.pop(f"{col}_next_day"), corr.pop(f"{col}_at")
        plus = pd.to_timedelta(nxt.astype(int), unit="D")
        corr[col] = (corr["date"] + td + plus).where(td.notna(), full).astype("datetime64[ns]")
        corr[f"{col}_bare"] = (td.notna() & ~nxt.astype(bool)).to_numpy(dtype=bool)
    corr["_rule_text"] = corr["rule_id"]
    known = {r.upper(): r for r in rulebook.rules}
    corr["rule_id"] = lookup_uniques(corr["rule_id"], lambda u: known.get(str(u).strip().upper())
                                     or rulebook.incident_code(u))
    return corr


def check_corrections(tables: dict[str, pd.DataFrame], headers: cross.Headers) -> list[Problem]:
    """Rows of the corrections table that say too little to be applied."""
    corr = tables.get("corrections")
    if corr is None or corr.empty:
        return []
    kind = corr["kind"]
    out: list[Problem] = []
    no_time = kind.eq("punch") & corr["clock_in"].isna() & corr["clock_out"].isna()
    out += cross.row_problems(headers, corr, no_time, "corrections", "clock_in",
                              "补卡须填写上班打卡或下班打卡时间‖a 补卡 (punch) correction needs a clock-in or clock-out time",
                              "补上的打卡时间,如 17:30‖the punch time, e.g. 17:30", code="punch_without_time")
    no_rule = kind.eq("waive") & corr["_rule_text"].isna()
    out += cross.row_problems(headers, corr, no_rule, "corrections", "rule_id",
                              "免罚须填写所免发现的规则编号‖a 免罚 (waive) correction needs the rule id of the finding",
                              "规则编号,如 ATT-LATE、desk_5s‖a rule id such as ATT-LATE or desk_5s",
                              code="waive_without_rule")
    unknown = corr["_rule_text"].notna() & corr["rule_id"].isna()
    out += cross.row_problems(headers, corr, unknown, "corrections", "rule_id",
                              "规则中没有这个编号‖no such rule id in the rulebook",
                              "opscore rules 列出的规则编号或奖惩事项‖a rule id or incident code listed by opscore rules",
                              value_col="_rule_text", code="unknown_rule")
    no_leave = kind.eq("leave") & corr["leave_type"].isna()
    out += cross.row_problems(headers, corr, no_leave, "corrections", "leave_type",
                              "改为请假须填写假别‖a 改为请假 (to leave) correction needs the leave type",
                              "事假、病假、年假 等‖a leave type such as 事假 or 病假", code="leave_without_type")
    return out
