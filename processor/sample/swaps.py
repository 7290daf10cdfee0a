"""Shift swaps (换班): approved ones, and one example of every SW-* finding.

An approved swap really changes the rota: on the swap date the requester rests and the
counterpart works the requester's shift; on the return date it is the other way round. An
unapproved one (private, or on a holiday) does not: the rota still lists the requester, who
stays home, while the counterpart works the shift. The attendance table shows what happened
and the swaps table says why. Counterparts are chosen
so that no swap makes anyone work two shifts back to back (SW-CONSEC's 8-hour gap) by
accident; only the consecutive-day case is meant to trip SW-CONSEC.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .cases import Planner
from .people import LEAD, SUPERVISOR
from .schedule import NIGHT, NOSHOW, REST


@dataclass(frozen=True)
class SwapSpec:
    key: str
    ask: tuple[int, int]  # requested: (days before the swap date, minute of that day)
    approver: str  # "lead" (the team's 班长), "supervisor" (客服主管), "" (private swap)
    expect: str
    absences: int = 0
    holiday: bool = False
    same_role: bool = True
    with_return: bool = True


SPECS = (
    SwapSpec("approved swap asked the day before", (1, 10 * 60 + 20), "lead", "approved, no finding"),
    SwapSpec("approved swap asked 2 days before", (2, 16 * 60 + 45), "lead", "approved, no finding"),
    SwapSpec("private swap (no approver)", (1, 20 * 60 + 10), "", "SW-PRIVATE: requester absent",
             absences=1),
    SwapSpec("swap asked on the swap day", (0, 7 * 60 + 30), "lead", "SW-NOTICE finding",
             with_return=False),
    SwapSpec("swap on a public holiday", (2, 11 * 60), "lead",
             "SW-HOLIDAY: not approved, requester absent", absences=1, holiday=True),
    SwapSpec("swap with the team's 班长 (different role)", (1, 9 * 60 + 40), "supervisor",
             "SW-SAMEROLE finding against the approver's team", same_role=False),
)
REPEATED = SwapSpec("repeated swap", (1, 15 * 60 + 5), "lead", "")


def shift_swaps(p: Planner) -> list[dict[str, object]]:
    """Place the swap cases, the 3-swap person and the consecutive-day swaps; return rows."""
    rows: list[dict[str, object]] = []
    for spec in SPECS:
        if _swap_once(p, spec, p.eligible(p.agents(), spec.absences), rows, log=True) is None:
            p.skipped("swaps", spec.key)
    _repeat(p, rows, "one person with 3 swaps", "SW-LIMIT: the 3rd swap costs 5 points", 3, False)
    _repeat(p, rows, "swaps on 2 consecutive days", "SW-CONSEC finding", 2, True)
    rows.sort(key=lambda r: (r["requested_at"], r["requester_id"]))
    for r in rows:
        r.pop("_day")
    return rows


def _repeat(p: Planner, rows: list[dict[str, object]], key: str, expect: str, count: int,
            consecutive: bool) -> None:
    """One requester with ``count`` approved swaps, on consecutive days or ≥ 2 days apart."""
    for e in p.order(p.eligible(p.agents(), 0)):
        snap, n = p.snapshot(), len(rows)
        days: list[int] = []
        while len(days) < count:
            nxt = days[-1] + 1 if consecutive and days else None
            got = _swap_once(p, REPEATED, [e], rows, day=nxt, avoid=days, apart=0 if consecutive else 2)
            if got is None:
                break
            days.append(got[1])
        if len(days) == count:
            p.log("swaps", key, [e], sorted(days), expect)
            return
        p.restore(snap)
        del rows[n:]
    p.skipped("swaps", key)


def _swap_once(p: Planner, spec: SwapSpec, requesters: list[int], rows: list[dict[str, object]],
               day: int | None = None, avoid: Sequence[int] = (), apart: int = 0,
               log: bool = False) -> tuple[int, int] | None:
    """Find a swap date, counterpart and return date for one of ``requesters``; apply it."""
    month, sched, roster = p.month, p.sched, p.roster
    hol = month.holiday_mask()
    lo = max(3, spec.ask[0] + 1)  # the request falls inside the month
    for e in p.order(requesters):
        team = roster.teams[roster.people[e].team]
        role = roster.people[e].role
        partners = [j for j in team if j != e and (roster.people[j].role == role) == spec.same_role
                    and (spec.same_role or roster.people[j].role == LEAD)]
        days = [day] if day is not None else p.rng.permutation(range(lo, month.days - 1)).tolist()
        for d in days:
            if not lo <= d < month.days - 1 or hol[d] != spec.holiday or sched.busy[e, d]:
                continue
            if sched.shift[e, d] in (REST, NIGHT) or any(abs(d - a) < apart for a in avoid):
                continue
            for c in p.order(partners):
                if sched.shift[c, d] != REST or sched.busy[c, d]:
                    continue
                ret = _return_day(p, e, c, d) if spec.with_return else None
                if (spec.with_return and ret is None) or not _apply(p, e, c, d, ret):
                    continue
                both = [d] + ([ret] if ret is not None else [])
                if spec.absences:  # not approved: the rota still lists the requester, who stays home
                    sched.shift[e, d] = sched.shift[c, d]
                    sched.status[e, d] = NOSHOW
                p.mark(e, both, absences=spec.absences)
                p.mark(c, both)
                rows.append(_row(p, spec, e, c, d, ret))
                if log:
                    p.log("swaps", spec.key, [e, c], both, spec.expect)
                return e, d
    return None


def _return_day(p: Planner, e: int, c: int, d: int) -> int | None:
    """A later day on which the requester rests and the counterpart works a day shift."""
    for r in range(d + 2, min(d + 11, p.month.days)):
        if (p.sched.shift[e, r] == REST and p.sched.shift[c, r] not in (REST, NIGHT)
                and not p.sched.busy[e, r] and not p.sched.busy[c, r] and not p.month.is_holiday(r)):
            return r
    return None


def _apply(p: Planner, e: int, c: int, d: int, r: int | None) -> bool:
    """Swap the rota cells; keep the change only if nobody gets shifts back to back."""
    sh = p.sched.shift
    saved = sh[[e, c]].copy()
    sh[c, d], sh[e, d] = sh[e, d], REST
    if r is not None:
        sh[e, r], sh[c, r] = sh[c, r], REST
    if not all(p.sched.gap_ok(x, y) for x, y in [(c, d)] + ([(e, r)] if r is not None else [])):
        sh[[e, c]] = saved
        return False
    p.sched.notes[(e, d)] = "换班"
    p.sched.notes[(c, d)] = "替班"
    if r is not None:
        p.sched.notes[(e, r)] = "还班"
        p.sched.notes[(c, r)] = "还班"
    return True


def _row(p: Planner, spec: SwapSpec, e: int, c: int, d: int, r: int | None) -> dict[str, object]:
    roster = p.roster
    if spec.approver == "lead":
        approver = roster.lead_of(e)
    elif spec.approver == "supervisor":
        approver = roster.up_to(e, SUPERVISOR)
    else:
        approver = None
    return {
        "requester_id": roster.people[e].id,
        "counterpart_id": roster.people[c].id,
        "swap_date": p.month.date(d),
        "return_date": p.month.date(r) if r is not None else None,
        "requested_at": p.month.at(d - spec.ask[0], spec.ask[1], int(p.rng.integers(60))),
        "approver_id": approver.id if approver else None,
        "_day": d,
    }
