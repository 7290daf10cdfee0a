"""The evidence sentences of an attendance day, one function per rule, in the run's language.

Why a module of its own: what a day's evidence says (the punches, the shift window left after
part-day leave, why there is no valid leave, the export's own verdict for a day rebuilt from
it) is read by managers checking a fine, and each rule says it differently. Every sentence is a
template of :mod:`processor.words.evidence` filled column-wise over the days where some rule
hit; the figures (clock times, yuan) are formatted by :mod:`.finding_rows` and read the same in
Chinese and English. Text quoted from the input (an export's verdict, a swap's or leave's own
description) is kept as typed.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..rulebook import Rulebook
from ..words import pick_pair, say, word
from .app_days import app_evidence
from .finding_rows import clock, num, shift_label, text

EVIDENCE_RULES = ("SW-PRIVATE", "ATT-NOSHOW", "ATT-LATE30", "ATT-ABSENCE", "ATT-LATE", "ATT-EARLY",
                  "ATT-EXCUSED", "ATT-MISSPUNCH", "ATT-RESIGN", "LV-APP")


@dataclass(frozen=True)
class _Said:
    """The sentences several rules share, for the days ``x``."""
    late: pd.Series  # the late arrival (punch and window, or the export's verdict)
    early: pd.Series  # the early departure, likewise
    why: pd.Series  # why the day has no valid leave to excuse it
    l30: pd.Series  # the late or early arrival that made the day an absence (ATT-LATE30)


def day_evidence(x: pd.DataFrame, rulebook: Rulebook) -> dict[str, pd.Series]:
    """Evidence text per rule for the days where some rule hit (``x``, a slice of the days);
    the key ``""`` is the note of a day of (part) leave."""
    if x.empty:
        return {rid: pd.Series(dtype=object) for rid in (*EVIDENCE_RULES, "")}
    said = _shared(x, rulebook)
    param = rulebook.param
    per_early = num(pd.Series(param("ATT-EARLY", "fine_per_minute"), index=x.index))
    return {
        "SW-PRIVATE": text(x["swap_text"]),
        "ATT-NOSHOW": _noshow(x, said),
        "ATT-LATE30": say("att.l30", x.index, what=said.l30),
        "ATT-ABSENCE": _absence(x, said),
        "ATT-LATE": say("att.late_fined", x.index, what=said.late,
                        per=num(pd.Series(param("ATT-LATE", "fine_per_minute"), index=x.index))),
        "ATT-EARLY": (say("att.early_fined", x.index, what=said.early, per=per_early)
                      if param("ATT-EARLY", "early_leave_fined") else say("att.early_unfined", x.index, what=said.early)),
        "ATT-EXCUSED": say("att.excused", x.index, what=_late_and_early(x, said)),
        "ATT-MISSPUNCH": _missing(x),
        "ATT-RESIGN": _resign(x, rulebook),
        "LV-APP": app_evidence(x),
        "": say("att.on_leave", x.index, leave=text(x["leave_text"])),
    }


def _shared(x: pd.DataFrame, rulebook: Rulebook) -> _Said:
    day, verdict, rebuilt = x["date"], text(x["export_verdict"]), x["from_verdict"]
    moved = text(x["leave_text"]).ne("") & ~x["leave_full"]
    after = say("att.after_leave", x.index, leave=text(x["leave_text"])).where(moved, "")
    late = _either(rebuilt, say("att.late_said", x.index, verdict=verdict, minutes=x["late_minutes"].astype(str)),
                   say("att.late", x.index, clock=clock(x["clock_in"], day).fillna(""), after=after,
                       start=clock(x["win_start"], day).fillna(""), minutes=x["late_minutes"].astype(str)))
    early = _either(rebuilt, say("att.early_said", x.index, verdict=verdict, minutes=x["early_minutes"].astype(str)),
                    say("att.early", x.index, clock=clock(x["clock_out"], day).fillna(""), after=after,
                        end=clock(x["win_end"], day).fillna(""), minutes=x["early_minutes"].astype(str)))
    l30 = say("att.l30_mark", x.index, what=_either(x["l30_late"], late, early),
              minutes=rulebook.param("ATT-LATE30", "minutes"))
    return _Said(late=late, early=early, why=_no_valid_leave(x), l30=l30)


def _no_valid_leave(x: pd.DataFrame) -> pd.Series:
    """Why no valid leave covers the day: none, an invalid request (its rules), or a valid one
    covering only part of the shift."""
    invalid = text(x["invalid_rules"])
    why = _either(invalid.str.contains("LV-SWAPDAY"), say("att.leave_invalid_swapday", x.index, rules=invalid),
                  say("att.leave_invalid", x.index, rules=invalid)).where(invalid.ne(""), word("att.no_valid_leave"))
    partial = text(x["leave_text"]).ne("") & ~x["leave_full"]
    return why.where(~partial, say("att.leave_partial", x.index, leave=text(x["leave_text"]),
                                   invalid=why.where(invalid.ne(""), "")))


def _noshow(x: pd.DataFrame, said: _Said) -> pd.Series:
    day = x["date"]
    shift = (shift_label(x["shift"]) + " " + clock(x["shift_start"], day).fillna("") + "–"
             + clock(x["shift_end"], day).fillna(""))
    return _either(x["from_verdict"], say("att.noshow_said", x.index, verdict=text(x["export_verdict"]), why=said.why),
                   say("att.noshow", x.index, shift=shift, why=said.why))


def _absence(x: pd.DataFrame, said: _Said) -> pd.Series:
    cause = pd.Series(np.select([x["private"], x["noshow"], x["l30"]],
                                [text(x["swap_text"]), say("att.no_punch", x.index, why=said.why), said.l30], ""),
                      index=x.index)
    return say("att.absence", x.index, cause=cause, fine=num(x["absence_fine"]))


def _late_and_early(x: pd.DataFrame, said: _Said) -> pd.Series:
    both = pd.Series(np.where(x["late_minutes"] > 0, said.late, ""), index=x.index, dtype=object)
    joined = both.where(both.eq(""), both + pick_pair((",", "; "))) + said.early
    return both.where(~(x["early_minutes"] > 0), joined)


def _missing(x: pd.DataFrame) -> pd.Series:
    day, verdict, has_in = x["date"], text(x["export_verdict"]), x["has_in"]
    punched = _either(has_in, say("att.miss_out", x.index, clock=clock(x["clock_in"], day).fillna("")),
                      say("att.miss_in", x.index, clock=clock(x["clock_out"], day).fillna("")))
    exported = _either(has_in, say("att.miss_out_said", x.index, verdict=verdict),
                       say("att.miss_in_said", x.index, verdict=verdict))
    return _either(x["from_verdict"], exported, punched)


def _resign(x: pd.DataFrame, rulebook: Rulebook) -> pd.Series:
    allowed = rulebook.param("ATT-RESIGN", "allowed_days")
    key = "att.resign_run" if rulebook.param("ATT-RESIGN", "resign_consecutive_only") else "att.resign_month"
    return say(key, index=x.index, nth=allowed + 1, allowed=allowed)


def _either(cond: pd.Series, yes: pd.Series | str, no: pd.Series) -> pd.Series:
    """``yes`` where ``cond``, else ``no`` (aligned on ``no``'s index)."""
    return pd.Series(np.where(cond, yes, no), index=no.index, dtype=object)
