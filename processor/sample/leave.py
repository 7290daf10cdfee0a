"""Leave requests: a valid and an invalid example of every leave rule (LV-*, rules.md).

Each request is placed on working days nobody else's case uses; its days get blank punches
whether it is valid or not (the person stayed home), so an invalid one turns into absence
exactly as the rules say. Approvers are real people up the requester's manager chain.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from .cases import DAY_SHIFTS, Planner
from .people import MANAGER, OPSTAFF, SUPERVISOR
from .schedule import DAY, LEAVE, MORNING, NIGHT, PARTIAL, SHIFT_START


@dataclass(frozen=True)
class Spec:
    key: str
    kind: str  # 事假 / 特殊事假 / 病假 / 年假 / 调休 / 婚假
    days: int  # calendar days covered (0 = some hours of one day)
    approver: str  # role of the approver
    ask: tuple[int, int]  # requested at: (days before the first day, minute of that day)
    valid: bool
    expect: str
    shifts: tuple[int, ...] = DAY_SHIFTS
    holiday: bool = False
    in_person: bool = True
    cert: int | None = None  # certificate handed in this many days after the leave ends
    phoned: bool | None = None
    hours: tuple[int, int] | None = None  # 特殊事假: minutes after shift start, length in minutes
    role: str = ""  # requester role ("" = customer-service agent)


SPECS = (
    Spec("事假 asked the day before, 客服主管", "事假", 1, SUPERVISOR, (1, 15 * 60 + 20), True, "valid"),
    Spec("事假 asked the same morning, 客服主管", "事假", 1, SUPERVISOR, (0, 7 * 60 + 45), False,
         "LV-NOTICE: invalid, absence"),
    Spec("事假 asked the same morning, 运营经理", "事假", 1, MANAGER, (0, 7 * 60 + 50), True,
         "valid (the 运营经理 approved the late request)"),
    Spec("2-day 事假 approved by 客服主管 only", "事假", 2, SUPERVISOR, (3, 10 * 60 + 5), False,
         "LV-AUTHORITY: invalid, 2 absence days"),
    Spec("2-day 事假 approved by 运营经理", "事假", 2, MANAGER, (4, 11 * 60 + 40), True, "valid"),
    Spec("事假 by proxy (本人办理=否)", "事假", 1, SUPERVISOR, (1, 16 * 60 + 2), False,
         "LV-INPERSON: invalid, absence", in_person=False),
    Spec("病假 by proxy with certificate", "病假", 1, SUPERVISOR, (0, 7 * 60 + 10), True,
         "valid (sick leave may be asked by another)", in_person=False, cert=1),
    Spec("2-day 病假 with certificate", "病假", 2, MANAGER, (0, 6 * 60 + 55), True, "valid", cert=1),
    Spec("病假 without certificate", "病假", 1, SUPERVISOR, (0, 6 * 60 + 50), False,
         "LV-SICKCERT: invalid, absence", cert=None),
    Spec("病假, certificate handed in 4 days late", "病假", 1, SUPERVISOR, (0, 7 * 60 + 5), True,
         "valid, LV-SICKCERT late-certificate flag", cert=4),
    Spec("病假 after shift start, phoned before", "病假", 1, SUPERVISOR, (0, 9 * 60 + 5), True,
         "valid (LV-EMERGENCY satisfied)", shifts=(MORNING,), cert=1, phoned=True),
    Spec("病假 after shift start, no phone call", "病假", 1, SUPERVISOR, (0, 9 * 60 + 12), False,
         "LV-EMERGENCY: invalid, absence", shifts=(MORNING,), cert=1, phoned=False),
    Spec("病假 for a night shift asked at 13:30", "病假", 1, SUPERVISOR, (0, 13 * 60 + 30), False,
         "LV-NIGHT: invalid, absence", shifts=(NIGHT,), cert=1),
    Spec("事假 for a night shift asked the day before", "事假", 1, SUPERVISOR, (1, 10 * 60), True,
         "valid", shifts=(NIGHT,)),
    Spec("事假 on a holiday asked 3 days before, 运营经理", "事假", 1, MANAGER, (3, 14 * 60), True,
         "valid", holiday=True),
    Spec("事假 on a holiday asked the day before, 运营经理", "事假", 1, MANAGER, (1, 9 * 60 + 30), False,
         "LV-HOLIDAY: invalid, absence", holiday=True),
    Spec("特殊事假 08:30–11:30 asked 90 min before", "特殊事假", 0, SUPERVISOR, (0, 7 * 60), True,
         "valid: clock-in at ~11:25 is not late", shifts=(MORNING,), hours=(0, 180)),
    Spec("特殊事假 08:30–10:30 asked 25 min before", "特殊事假", 0, SUPERVISOR, (0, 8 * 60 + 5), False,
         "LV-NOTICE: invalid; clock-in ~10:25 is late ≥ 30 min: absence", shifts=(MORNING,),
         hours=(0, 120)),
    Spec("5 days of 年假", "年假", 5, MANAGER, (10, 9 * 60 + 15), True, "valid"),
    Spec("调休 asked 2 days before", "调休", 1, SUPERVISOR, (2, 17 * 60 + 30), True, "valid"),
    Spec("3 days of 婚假", "婚假", 3, MANAGER, (12, 10 * 60 + 45), True, "valid"),
    Spec("2 days of 年假 (运营专员)", "年假", 2, MANAGER, (5, 9 * 60 + 50), True, "valid",
         shifts=(DAY,), role=OPSTAFF),
)


REASONS = {
    "事假": ("家中有事", "办理证件", "搬家", "陪家人就医"), "特殊事假": ("孩子家长会", "银行办事", "车辆年检"),
    "病假": ("发烧", "肠胃炎", "重感冒", "牙痛就医"), "年假": ("回老家探亲", "外出旅游"), "调休": ("调休",),
    "婚假": ("结婚",),
}


def leave_requests(p: Planner) -> list[dict[str, object]]:
    """Place every :data:`SPECS` case; return the leave table's rows in order of request."""
    rows: list[tuple[datetime, dict[str, object]]] = []
    month = p.month
    for spec in SPECS:
        candidates = p.roster.with_role(spec.role) if spec.role else p.agents()
        absences = 0 if spec.valid else max(spec.days, 1)
        count = max(spec.days, 1)
        lo = max(3, spec.ask[0] + 1)  # the request itself falls inside the month
        hi = month.days - count - (spec.cert or 0) - 1  # so does the certificate
        hit = p.place(candidates, absences=absences, count=count, shifts=spec.shifts,
                      holiday=spec.holiday, lo=lo, hi=hi, span=spec.days > 2)
        if hit is None:
            p.skipped("leave", spec.key)
            continue
        e, run = hit
        first, last = run[0], run[-1]
        approver = p.roster.up_to(e, spec.approver)
        if spec.hours is not None:
            start_min = int(SHIFT_START[p.sched.shift[e, first]]) + spec.hours[0]
            start: date | datetime = month.at(first, start_min)
            end: date | datetime = month.at(first, start_min + spec.hours[1])
            p.mark(e, run, PARTIAL, minutes=spec.hours[0] + spec.hours[1], note=spec.kind,
                   absences=absences)
        else:
            start, end = month.date(first), month.date(last)
            p.mark(e, run, LEAVE, note=spec.kind, absences=absences)
        requested = month.at(first - spec.ask[0], spec.ask[1], int(p.rng.integers(60)))
        cert_date = month.date(last + spec.cert) if spec.cert is not None else None
        row: dict[str, object] = {
            "employee_id": p.roster.people[e].id,
            "leave_type": spec.kind,
            "start": start,
            "end": end,
            "requested_at": requested,
            "approver_role": spec.approver if approver else "",
            "approver_id": approver.id if approver else None,
            "in_person": spec.in_person,
            "medical_certificate": (spec.cert is not None) if spec.kind == "病假" else None,
            "certificate_date": cert_date,
            "phoned_before_shift": spec.phoned,
            "reason": REASONS[spec.kind][int(p.rng.integers(len(REASONS[spec.kind])))],
        }
        rows.append((requested, row))
        p.log("leave", spec.key, [e], run, spec.expect)
    rows.sort(key=lambda r: r[0])
    return [r for _, r in rows]
