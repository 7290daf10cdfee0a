"""Days an attendance export decides beyond the punches: app approvals (LV-APP) and
flexible-hours shifts (ATT-FLEX).

Why: centers approve leave, outings (外出) and business trips (出差) in DingTalk or WeCom, and
the export carries the result, not the request (rules.md "Approvals made in the attendance
app"). Where no row of the leave table covers such a day, opscore does not turn it into an
absence: an outing or trip is a day present, a leave or 调休 word a day of leave, and an
LV-APP finding says the leave rules (notice, approval, certificate) could not be checked.
Where a leave-table row covers the day, valid or not, the leave table decides. The switch
``[exports] trust_app_approvals`` (default on) turns this off: such days are then judged as
if the export said nothing.

A 自由工时 day (ATT-FLEX) has no start or end: a punch makes it a worked day, never late or
early; without a punch it is judged like any scheduled day.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..rulebook import Rulebook
from ..words import english, say
from .finding_rows import text


def _column(d: pd.DataFrame, col: str, default: object) -> pd.Series:
    return d[col] if col in d.columns else pd.Series(default, index=d.index, dtype=object)


def flex_days(d: pd.DataFrame) -> pd.Series:
    """ATT-FLEX: the scheduled days on a flexible-hours shift (no start or end)."""
    flex = _column(d, "flex", False).fillna(False).astype(bool)
    return flex & d["shift"].notna() & d["shift"].ne("rest")


def app_days(d: pd.DataFrame, work: pd.Series, rulebook: Rulebook) -> tuple[pd.Series, pd.Series]:
    """(app leave, app presence): working days the export shows approved in the app as leave
    (请假, 调休, a leave word) or as an outing or trip, with no leave-table row covering them."""
    approval = _column(d, "app_approval", None)
    if not rulebook.trust_app_approvals or approval.isna().all():
        none = pd.Series(False, index=d.index)
        return none, none
    covered = d["leave_any"] | text(d["invalid_rules"]).ne("")
    base = work & ~d["private"] & ~covered
    return base & approval.eq("leave"), base & approval.eq("outing")


def app_evidence(x: pd.DataFrame) -> pd.Series:
    """The LV-APP evidence: what the export says (as typed) and what could not be checked."""
    said = text(_column(x, "export_leave", None))
    said = said.where(said.ne(""), text(x["export_verdict"]))
    outing = _column(x, "app_approval", None).eq("outing")
    return pd.Series(np.where(outing, say("app.outing", x.index, said=said), say("app.leave", x.index, said=said)),
                     index=x.index, dtype=object)


def absence_hint(days: pd.DataFrame, attendance: pd.DataFrame, lang: str = "zh") -> str | None:
    """One line for ``check`` and the run summary when most of the month's absence days fall on
    days the export shows approved in the app: the center may need ``trust_app_approvals`` or
    its leave table (None otherwise)."""
    if "app_approval" not in attendance.columns or attendance["app_approval"].isna().all():
        return None
    absent = days.loc[days["outcome"].eq("absence").to_numpy(), ["employee_id", "date"]]
    if absent.empty:
        return None
    approved = attendance.loc[attendance["app_approval"].notna().to_numpy(), ["employee_id", "date"]].copy()
    approved["date"] = pd.to_datetime(approved["date"]).dt.normalize().astype("datetime64[ns]")
    absent = absent.assign(date=pd.to_datetime(absent["date"]).dt.normalize().astype("datetime64[ns]"))
    k = len(absent.merge(approved.drop_duplicates(), on=["employee_id", "date"], how="inner"))
    n = len(absent)
    if k * 2 <= n:
        return None
    if not english(lang):
        return (f"提示:本月 {n} 个旷工日中有 {k} 个是考勤导出显示已在应用中审批(请假/调休/外出/出差)的日子:"
                "若这些审批有效,请在规则文件 [exports] 中设 trust_app_approvals = true,或在请假表中补上这些请假")
    return (f"note: {k} of the month's {n} absence days are days the attendance export shows approved in the app "
            "(leave, 调休, outing, trip): if those approvals stand, set [exports] trust_app_approvals = true in the "
            "rules file, or add them to the leave table")
