"""Corrections and appeals (更正记录): CORR-APPLY and CORR-LIMIT, applied before the rules.

An approved correction changes what the attendance rules see, never the input: 补卡 fills a
missing punch, 改为出勤 puts both punches on the schedule, 改为请假 makes the day leave (as if a
valid request covered it: the LV rules do not judge it, the approver did), and 免罚 takes the
fine and points off one finding after the rules ran (the row stays, marked waived). The
days an applied correction touches are judged twice — as recorded (only the employees
concerned, so a large month pays little) and as corrected — so that the Attendance sheet,
the Findings row and the employee page show the original verdict beside the corrected one.

A correction that cannot be applied is a finding, not an input error: approved below
``min_role`` (CORR-APPLY), the (max + 1)-th 补卡 of the employee's month by date (CORR-LIMIT;
only corrections that would otherwise apply count), no scheduled working day that date, a
补卡 whose punches are already there, a second 改为请假/改为出勤 of one day (the later approval
wins), a 免罚 naming no finding of that day.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..model import OUTCOMES
from ..rulebook import Rulebook
from ..words import pick_pair, say, sentence, word
from .attendance import judge_days
from .finding_rows import clock, empty, finalize, leave_label, num, rows, stamp, text
from .month_tables import lookup, ranks, working

KINDS = ("punch", "waive", "leave", "present")
DAY_KINDS = ("leave", "present")
ATT_FINED = ("ATT-LATE", "ATT-EARLY", "ATT-ABSENCE")  # the findings whose fines make up a day's fine
COLUMNS = ["original_clock_in", "original_clock_out", "original_outcome", "original_fine", "correction"]
_A = ["_aid", "shift_start", "shift_end", "clock_in", "clock_out"]


def _s(values: object, index: pd.Index) -> pd.Series:
    return pd.Series(values, index=index, dtype=object)


@dataclass
class Corrections:
    """The month's corrections with what became of each (``status``), and the originals."""

    rows: pd.DataFrame
    rulebook: Rulebook
    original: pd.DataFrame = field(default_factory=pd.DataFrame)  # per _aid: the day as recorded
    waived: pd.DataFrame = field(default_factory=pd.DataFrame)  # per (employee, date): day fine before

    @classmethod
    def plan(cls, corr: pd.DataFrame, att: pd.DataFrame, rulebook: Rulebook) -> Corrections:
        """Decide, per correction, whether it applies (``status`` "ok") or why not."""
        if corr.empty:  # the usual month: nothing to merge, judge twice or annotate
            return cls(pd.DataFrame(), rulebook)
        c = corr.reset_index(drop=True).copy()
        c["_cid"] = np.arange(len(c))
        c["date"] = pd.to_datetime(c["date"]).dt.normalize().astype("datetime64[ns]")
        for col in ("clock_in", "clock_out"):
            c[col] = pd.to_datetime(c[col]).astype("datetime64[ns]")
            c[f"{col}_bare"] = c[f"{col}_bare"].fillna(False).astype(bool) if f"{col}_bare" in c else False
        days = att.loc[working(att), ["employee_id", "date", *_A]].drop_duplicates(["employee_id", "date"])
        c = c.merge(days.rename(columns={k: f"a_{k}" for k in _A}), on=["employee_id", "date"], how="left")
        overnight = c["a_shift_end"].dt.normalize() > c["date"]
        for col in ("clock_in", "clock_out"):  # a bare 06:05 on a 22:00–06:00 shift is the next morning
            small = c[f"{col}_bare"] & overnight & (c[col] < c["date"] + pd.Timedelta(hours=12)) \
                & (c[col] < c["a_shift_start"])
            c[col] = c[col] + pd.to_timedelta(small.astype(int), unit="D")
        c["fill_in"] = c["kind"].eq("punch") & c["clock_in"].notna() & c["a_clock_in"].isna()
        c["fill_out"] = c["kind"].eq("punch") & c["clock_out"].notna() & c["a_clock_out"].isna()
        rank_ok = ranks(c["approver_role"], rulebook) >= rulebook.rank(rulebook.param("CORR-APPLY", "min_role"))
        no_day = ~c["kind"].eq("waive") & c["a__aid"].isna()
        no_gap = c["kind"].eq("punch") & ~c["fill_in"] & ~c["fill_out"]
        usable = rank_ok & ~no_day & ~no_gap
        order = c.sort_values(["date", "approved_at", "_cid"], kind="stable").index  # CORR-LIMIT counts by date
        punch = (c["kind"].eq("punch") & usable).loc[order]
        nth = punch.astype(int).groupby([c["employee_id"].loc[order], c["date"].loc[order].dt.to_period("M")]).cumsum()
        over = (punch & nth.gt(rulebook.param("CORR-LIMIT", "max_per_month"))).reindex(c.index)
        whole = (c["kind"].isin(DAY_KINDS) & usable).loc[order]
        superseded = (whole & c["a__aid"].loc[order].where(whole).duplicated(keep="last")).reindex(c.index)
        c["status"] = np.select([~rank_ok, no_day, no_gap, over, superseded],
                                ["rank", "no_day", "no_gap", "limit", "superseded"], "ok")
        return cls(c, rulebook)

    def _ok(self, kind: str) -> pd.DataFrame:
        r = self.rows
        return r.loc[r["kind"].eq(kind) & r["status"].eq("ok")]

    def apply(self, att: pd.DataFrame, cover: pd.DataFrame, private: pd.DataFrame,
              ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """What judge_days sees once the corrections are made; remembers the days as recorded."""
        if self.rows.empty:
            return att, cover, private
        out = att.copy()
        punch, present = self._ok("punch"), self._ok("present")
        for col, fill in (("clock_in", "fill_in"), ("clock_out", "fill_out")):
            given = punch.loc[punch[fill]].drop_duplicates("a__aid", keep="last").set_index("a__aid")[col]
            new = lookup(out["_aid"].astype(float), given)
            out[col] = out[col].where(new.isna(), new).astype("datetime64[ns]")
            on_schedule = out["_aid"].isin(present["a__aid"])
            out[col] = out[col].where(~on_schedule, out["shift_start" if col == "clock_in" else "shift_end"])
        leave = self._ok("leave").drop_duplicates("a__aid")
        whole = pd.concat([present, leave])
        cov = cover.drop(index=cover.index.intersection(pd.Index(whole["a__aid"].astype(int))))
        said = say("corr.leave", index=leave.index, leave=leave_label(leave["leave_type"]),
                   role=text(leave["approver_role"]))
        made = pd.DataFrame({"leave_full": True, "leave_any": True, "leave_text": said.to_numpy(dtype=object),
                             "covered_to": pd.NaT, "covered_from": pd.NaT, "invalid_rules": None},
                            index=pd.Index(leave["a__aid"].astype(int).to_numpy(), name=cover.index.name))
        cov = pd.concat([cov, made[[c for c in cov.columns if c in made.columns]]]) if len(made) else cov
        keys = whole[["employee_id", "date"]].assign(_drop=True)
        priv = private.merge(keys, on=["employee_id", "date"], how="left")
        priv = priv.loc[priv["_drop"].isna()].drop(columns="_drop")
        touched = pd.concat([punch, whole])["employee_id"].unique()
        if len(touched):  # the same employees judged as recorded: the original verdicts
            mine = att["employee_id"].isin(touched)
            orig, _ = judge_days(att.loc[mine], cover.loc[cover.index.isin(att.loc[mine, "_aid"])],
                                 private.loc[private["employee_id"].isin(touched)], self.rulebook)
            orig = orig.dropna(subset=["_aid"])
            self.original = orig.set_index(orig["_aid"].astype(float))
        return out, cov, priv

    def findings(self, days: pd.DataFrame) -> pd.DataFrame:
        """CORR-APPLY / CORR-LIMIT rows for every correction except 免罚 (see :meth:`waive`)."""
        if self.rows.empty:
            return empty()
        r = self.rows.loc[~self.rows["kind"].eq("waive")]
        if r.empty:
            return empty()
        now = days.dropna(subset=["_aid"])
        now = now.set_index(now["_aid"].astype(float))
        aid = r["a__aid"]
        was, after = _verdict(self.original, aid), _verdict(now, aid)
        what = _asked(r)
        ok = r["status"].eq("ok")
        ev = say("corr.applied", r.index, what=what, was=was, now=after).where(ok, _refused(r, what, self.rulebook))
        ev = ev + _approval(r)
        rule = np.where(r["status"].eq("limit"), "CORR-LIMIT", "CORR-APPLY")
        return rows(r["employee_id"], r["date"], _s(rule, r.index), ev)

    def waive(self, findings: pd.DataFrame, days: pd.DataFrame, roster: pd.DataFrame,
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """免罚: the named findings keep their rows with fine and points 0; the days' fines follow.
        Returns (findings with the CORR-APPLY rows of 免罚 in place, days)."""
        w = self.rows.loc[self.rows["kind"].eq("waive")] if len(self.rows) else self.rows
        if w.empty:
            return findings, days
        f = findings.reset_index(drop=True)
        ok = w.loc[w["status"].eq("ok"), ["employee_id", "date", "rule_id", "_cid"]]
        hit = f.reset_index().merge(ok, on=["employee_id", "date", "rule_id"]).drop_duplicates("index")
        idx = hit["index"].to_numpy()
        pts = f.loc[idx, "points"]
        f.loc[idx, "evidence"] = say("corr.waived", pd.Index(idx), fine=num(f.loc[idx, "fine"]), evidence=f.loc[idx, "evidence"],
                                     points=_s(np.where(pts.ne(0), say("corr.waived_points", pts.index, points=num(pts)), ""),
                                               pts.index))
        f.loc[idx, ["fine", "points"]] = 0.0
        per_cid = hit.groupby("_cid")[["fine", "points"]].sum()
        self.rows.loc[self.rows["kind"].eq("waive") & self.rows["status"].eq("ok")
                      & ~self.rows["_cid"].isin(per_cid.index), "status"] = "no_finding"
        cut = hit.loc[hit["rule_id"].isin(ATT_FINED)].groupby(["employee_id", "date"])["fine"].sum()
        days = days.copy()
        minus = days[["employee_id", "date"]].merge(cut.rename("minus").reset_index(), how="left")["minus"]
        minus = pd.Series(minus.fillna(0.0).to_numpy(dtype=float), index=days.index)
        self.waived = days.loc[minus.gt(0), ["employee_id", "date", "fine"]].rename(columns={"fine": "before"})
        days["fine"] = days["fine"] - minus
        w = self.rows.loc[self.rows["kind"].eq("waive")]
        return finalize([f, self._waive_rows(w, per_cid)], roster, self.rulebook), days

    def _waive_rows(self, w: pd.DataFrame, per_cid: pd.DataFrame) -> pd.DataFrame:
        fine = num(w["_cid"].map(per_cid["fine"]).fillna(0.0))
        pts = w["_cid"].map(per_cid["points"]).fillna(0.0)
        was = say("corr.waive_was", w.index, fine=fine,
                  points=_s(np.where(pts.ne(0), say("corr.waive_points", w.index, points=num(pts)), ""), w.index))
        what = _asked(w)
        ev = say("corr.waive_applied", w.index, what=what, was=was)
        ev = ev.where(w["status"].eq("ok"), _refused(w, what, self.rulebook)) + _approval(w)
        return rows(w["employee_id"], w["date"], "CORR-APPLY", ev)

    def annotate(self, out: pd.DataFrame) -> pd.DataFrame:
        """The Attendance sheet's days with the original punch, outcome and fine beside the
        corrected ones, and what was corrected (only on days a correction changed)."""
        if self.rows.empty:
            return out
        ok = self.rows.loc[self.rows["status"].eq("ok")]
        note = say("corr.note", ok.index, what=_asked(ok), role=text(ok["approver_role"]), at=stamp(ok["approved_at"]),
                   reason=text(ok["reason"]))
        said = note.groupby([ok["employee_id"], ok["date"]]).agg(pick_pair((";", "; ")).join).rename("correction")
        o = self.original
        if o.empty:
            o = pd.DataFrame({c: pd.Series(dtype=object) for c in ("employee_id", "clock_in", "clock_out", "outcome")})
            o = o.assign(date=pd.Series(dtype="datetime64[ns]"), fine=pd.Series(dtype=float))
        orig = pd.DataFrame({
            "employee_id": o["employee_id"], "date": o["date"],
            "original_clock_in": o["clock_in"], "original_clock_out": o["clock_out"],
            "original_outcome": o["outcome"], "original_fine": o["fine"]})
        if "from_verdict" in o:  # times placed on the usual shift, not read: not shown
            orig.loc[o["from_verdict"].fillna(False).astype(bool).to_numpy(),
                     ["original_clock_in", "original_clock_out"]] = pd.NaT
        keyed = said.reset_index().merge(orig, on=["employee_id", "date"], how="left")
        res = out.merge(keyed, on=["employee_id", "date"], how="left")
        if len(self.waived):
            before = res[["employee_id", "date"]].merge(self.waived, how="left")["before"].to_numpy()
            res["original_fine"] = res["original_fine"].where(res["original_fine"].notna() | pd.isna(before), before)
        res["original_outcome"] = res["original_outcome"].where(res["original_outcome"].notna()
                                                                | res["correction"].isna(), res["outcome"])
        res["original_fine"] = res["original_fine"].where(res["original_fine"].notna() | res["correction"].isna(),
                                                          res["fine"])
        res["correction"] = text(res["correction"])
        for col in ("original_clock_in", "original_clock_out"):
            res[col] = pd.to_datetime(res[col]).astype("datetime64[ns]")
        res["original_fine"] = pd.to_numeric(res["original_fine"]).astype(float)
        return res


def _verdict(days: pd.DataFrame, aid: pd.Series) -> pd.Series:
    """``缺卡 [ATT-MISSPUNCH]`` / ``旷工,罚款 100 元 [ATT-NOSHOW;ATT-ABSENCE]`` of each day ``aid``."""
    if days.empty:
        return _s("", aid.index)
    d = days.reindex(aid.to_numpy(dtype=float)).set_axis(aid.index)  # one row per correction, in its order
    said = text(d["outcome"].map({o: word(f"corr.outcome.{o}") for o in OUTCOMES})).to_numpy()
    fine = np.where(d["fine"].fillna(0).gt(0), say("corr.fine", aid.index, fine=num(d["fine"].fillna(0))), "")
    rules = text(d["rule_ids"])
    tag = np.where(rules.ne(""), " [" + rules + "]", "")
    return _s(said + fine + tag, aid.index)


def _asked(r: pd.DataFrame) -> pd.Series:
    """What the correction asked for: ``补卡 下班打卡 17:30``, ``免罚 ATT-LATE``, ``改为请假 事假``."""
    kind = text(r["kind"].map({k: word(f"corr.kind.{k}") for k in KINDS}))
    day = r["date"]
    cin = say("corr.clock_in", r.index, clock=clock(r["clock_in"], day)).where(r["clock_in"].notna(), "")
    cout = say("corr.clock_out", r.index, clock=clock(r["clock_out"], day)).where(r["clock_out"].notna(), "")
    punches = cin + cout
    detail = np.select([r["kind"].eq("punch"), r["kind"].eq("waive"), r["kind"].eq("leave")],
                       [punches, " " + text(r["rule_id"]), " " + leave_label(r["leave_type"])], "")
    return kind + _s(detail, r.index)


def _refused(r: pd.DataFrame, what: pd.Series, rulebook: Rulebook) -> pd.Series:
    """Why a correction was not applied, in words."""
    need = rulebook.param("CORR-APPLY", "min_role")
    limit = rulebook.param("CORR-LIMIT", "max_per_month")
    why = np.select(
        [r["status"].eq(s) for s in ("rank", "no_day", "no_gap", "limit", "superseded", "no_finding")],
        [say("corr.rank", r.index, role=text(r["approver_role"]), need=need), word("corr.no_day"), word("corr.no_gap"),
         sentence("corr.limit", limit=limit), word("corr.superseded"), say("corr.no_finding", r.index, rule=text(r["rule_id"]))],
        "")
    return say("corr.refused", r.index, what=what, why=_s(why, r.index))


def _approval(r: pd.DataFrame) -> pd.Series:
    return say("corr.approval", index=r.index, role=text(r["approver_role"]), at=stamp(r["approved_at"]),
               reason=text(r["reason"]))
