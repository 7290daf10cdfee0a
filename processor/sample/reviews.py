"""The smaller monthly sheets: QA checks, manager ratings, indicator sheets, incidents, breaks.

Each returns plain rows keyed by the schema's column keys; :mod:`.files` decides how they are
spelled on paper. Like the rest of the sample they hold deliberate cases: a couple of agents
under the QA minimum (QA-SAMPLE), a few fatal errors, a lower-is-better indicator with an
actual of 0, every incident code of the rulebook (one confidentiality leak), and toilet
breaks that are too long or start while a colleague is still away (BRK-*).
"""
from __future__ import annotations

import numpy as np

from .cases import Case, Planner
from .people import AGENT, LEAD, OPS, QA, TECH
from .schedule import SHIFT_LEN, SHIFT_START
from .service import Tickets

INDICATORS = {
    OPS: [("业务流程执行准确率", 98.0, 93.0, 100.0, "越高越好"), ("费用节约率", 5.0, 2.0, 8.0, "越高越好"),
          ("报表按时提交率", 100.0, 90.0, 100.0, "越高越好")],
    TECH: [("系统故障率", 1.0, 0.2, 1.8, "越低越好"), ("技术问题解决及时率", 95.0, 85.0, 100.0, "越高越好"),
           ("费用节约率", 5.0, 2.0, 8.0, "越高越好"), ("业务流程执行准确率", 98.0, 93.0, 100.0, "越高越好")],
}
INCIDENT_NAMES = {"desk_5s": "桌面不整洁", "meeting_late": "晨会迟到", "worklog_mismatch": "工作日志不符",
                  "overtime_refused": "拒绝加班", "hall_conduct": "违反话务大厅纪律",
                  "confidentiality": "泄露客户资料", "commendation": "表扬"}
INCIDENTS = (  # code, how many, amount given (else the rulebook default), points, note
    ("desk_5s", 4, None, None, "桌面杂物未清理"), ("meeting_late", 4, True, None, "8:10晨会迟到"),
    ("worklog_mismatch", 2, None, None, "日志与系统记录不符"), ("overtime_refused", 1, None, None, "无故拒绝加班"),
    ("hall_conduct", 3, None, "2", "话务大厅内玩手机"), ("confidentiality", 1, None, None, "私自拍摄客户信息"),
    ("commendation", 3, None, "3", "客户来电表扬"),
)


def qa_checks(p: Planner, tickets: Tickets) -> list[dict[str, object]]:
    """4–6 evaluations per agent who took tickets; two agents get only 2 and 3."""
    rng, month, roster = p.rng, p.month, p.roster
    reviewers = roster.with_role(QA)
    handled = sorted(set(tickets.agent.tolist()) & set(roster.with_role(AGENT, LEAD)))
    short = p.order(handled)[:2]
    worked_days = p.sched.worked()
    rows: list[dict[str, object]] = []
    for e in handled:
        count = (2, 3)[short.index(e)] if e in short else int(rng.integers(4, 7))
        worked = np.flatnonzero(worked_days[e]).tolist() or list(range(month.days))
        for d in sorted(rng.choice(worked, size=count).tolist()):
            fatal = rng.random() < 0.02
            score = float(min(100, max(60, round(rng.normal(86, 7)))))
            rows.append({"agent_id": roster.people[e].id, "date": month.date(d), "score": score,
                         "fatal_error": fatal, "reviewer_id": roster.people[int(rng.choice(reviewers))].id})
    for i, row in enumerate(rows):
        row["qa_id"] = f"QA{month.year}{month.month:02d}{i + 1:05d}"
    if not any(r["fatal_error"] for r in rows) and rows:
        rows[len(rows) // 3]["fatal_error"] = True
    fatal_ids = sorted({str(r["agent_id"]) for r in rows if r["fatal_error"]})
    p.cases.append(Case("qa", "fatal error (致命错误=是)", tuple(fatal_ids), (), "that check counts as 0"))
    p.cases.append(Case("qa", "fewer than 4 evaluations", tuple(roster.people[e].id for e in short), (),
                        "QA-SAMPLE finding"))
    return rows


def ratings(p: Planner) -> list[dict[str, object]]:
    rng = p.rng
    rows = []
    for person in p.roster.people:
        base = rng.normal(84, 6)
        scores = [int(min(100, max(60, round(base + rng.normal(0, 4))))) for _ in range(3)]
        rows.append({"employee_id": person.id, "attitude": scores[0], "ability": scores[1],
                     "teamwork": scores[2], "rater_id": person.manager_id})
    return rows


def indicators(p: Planner) -> list[dict[str, object]]:
    """2–4 indicator rows per operations / technical-support employee."""
    rng = p.rng
    rows: list[dict[str, object]] = []
    zero_done = False
    for person in p.roster.people:
        table = INDICATORS.get(person.department)
        if not table:
            continue
        k = int(rng.integers(2, min(4, len(table)) + 1))
        weights = rng.permutation([0.4, 0.3, 0.2, 0.1][:k]) if k > 2 else [0.6, 0.4]
        for (name, target, lo, hi, direction), w in zip(table[:k], weights):
            actual = round(float(rng.uniform(lo, hi)), 2)
            if direction == "越低越好" and not zero_done:
                actual, zero_done = 0.0, True
            rows.append({"employee_id": person.id, "indicator": name, "target": target, "actual": actual,
                         "weight": float(w), "direction": direction})
    return rows


def incidents(p: Planner) -> list[dict[str, object]]:
    """Every incident code of the rulebook, some written with its Chinese name."""
    rng, roster, month = p.rng, p.roster, p.month
    staff = [e for e in roster.with_role(AGENT, LEAD) if e not in p.reserved]
    worked_days = p.sched.worked()
    rows: list[dict[str, object]] = []
    for code, count, amount, points, note in INCIDENTS:
        for k in range(count):
            e = int(rng.choice(staff))
            d = int(rng.choice(np.flatnonzero(worked_days[e]).tolist() or [0]))
            amt = float(rng.choice([10, 20, 30, 50])) if amount else None
            pts = float(points) if points else None
            label = INCIDENT_NAMES[code] if k % 2 == 0 else code
            rows.append({"employee_id": roster.people[e].id, "date": month.date(d), "code": label,
                         "amount": amt, "points": pts, "note": note})
            if code == "confidentiality":
                p.log("incidents", f"confidentiality ({label})", [e], [d], "veto: graded 不合格")
    rows.sort(key=lambda r: (r["date"], r["employee_id"]))
    return rows


def breaks(p: Planner, days: int = 3) -> list[dict[str, object]]:
    """Toilet breaks of two posts on a few days: one away at a time, mostly ≤ 5 minutes.

    Breaks follow one another along the day; now and then someone leaves while the previous
    one is still away (BRK-CONCURRENT: a post of under 40 allows one), or stays over 5
    minutes (BRK-LENGTH).
    """
    rng, roster, month, sched = p.rng, p.roster, p.month, p.sched
    teams = [t for t, members in roster.teams.items() if any(roster.people[e].role == AGENT for e in members)]
    posts = {"语音一组": teams[0::2][:2], "在线客服组": teams[1::2][:2] or teams[:1]}
    worked = sched.worked()
    rows: list[dict[str, object]] = []
    long: set[str] = set()
    concurrent: set[str] = set()
    for post, post_teams in posts.items():
        members = [e for t in post_teams for e in roster.teams[t] if roster.people[e].role in (AGENT, LEAD)]
        for d in sorted(rng.choice(range(3, month.days - 1), size=days, replace=False).tolist()):
            hours = {}
            for e in members:
                if worked[e, d] and sched.status[e, d] == 0:  # a plain day: in from start to end
                    s = int(sched.shift[e, d])
                    hours[e] = (int(SHIFT_START[s]) * 60, int(SHIFT_START[s] + SHIFT_LEN[s]) * 60)
            if not hours:
                continue
            t = min(a for a, _ in hours.values()) + 3600
            last, overlap = -1, False
            while t < max(b for _, b in hours.values()) - 3600:
                free = [e for e, (a, b) in hours.items() if a + 1800 <= t <= b - 1800 and e != last]
                if not free:
                    t += 600
                    continue
                e = free[int(rng.integers(len(free)))]
                length = int(rng.integers(301, 540)) if rng.random() < 0.04 else int(rng.integers(70, 300))
                person = roster.people[e].id
                if length > 300:
                    long.add(person)
                if overlap:
                    concurrent.add(person)
                reason = "" if rng.random() < 0.2 else ("如厕" if rng.random() < 0.9 else "喝水")
                rows.append({"employee_id": person, "post": post, "left_at": month.at(d, 0, t),
                             "returned_at": month.at(d, 0, t + length), "reason": reason})
                overlap = rng.random() < 0.04
                t += int(rng.integers(20, length - 10)) if overlap else length + int(rng.integers(300, 2400))
                last = e
    rows.sort(key=lambda r: (r["post"], r["left_at"]))
    p.cases.append(Case("breaks", "break over 5 minutes", tuple(sorted(long)), (), "BRK-LENGTH"))
    p.cases.append(Case("breaks", "break started while another was away", tuple(sorted(concurrent)), (),
                        "BRK-CONCURRENT"))
    return rows
