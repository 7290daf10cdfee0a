"""Tickets (工单): a month of customer contacts, generated column by column with numpy.

A big center takes over a million tickets a month, so nothing here creates a Python object
per ticket: every column is one array, and the writers turn arrays into cells in chunks.
Tickets fall inside the shifts their agent actually worked (nobody answers the phone on a
no-show or leave day), so the service indicators and the attendance tell one story.
Times are integer seconds from the month's first midnight; -1 means blank.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .people import AGENT, LEAD, TECHIE, Roster
from .schedule import (
    EARLY,
    EXCUSED,
    LATE,
    LATE30,
    PARTIAL,
    SHIFT_LEN,
    SHIFT_START,
    Schedule,
)

CHANNELS = ("电话", "在线", "邮件", "现场")
CHANNEL_P = (0.55, 0.30, 0.08, 0.07)
LIMIT = np.array([20, 60, 4 * 3600, 10 * 60])  # first-response limits (KPI-RESP)
OVER_HI = np.array([120, 600, 36 * 3600, 40 * 60])  # the slowest late first response
HANDLE_LO = np.array([90, 240, 1800, 300])
HANDLE_HI = np.array([1200, 1800, 2 * 86400, 2400])
TYPES = ("咨询", "投诉", "建议")
TYPE_P = (0.80, 0.08, 0.12)
SAT_WORDS = ("非常不满意", "不满意", "一般", "满意", "非常满意")  # score 1..5
SAT_P = np.array([0.03, 0.04, 0.08, 0.30, 0.55])
PHONE_PREFIXES = np.array([130, 131, 132, 133, 135, 136, 137, 138, 139, 150, 151, 152, 155, 156,
                           158, 159, 176, 177, 180, 181, 186, 187, 188, 189])


@dataclass
class Tickets:
    created: np.ndarray  # int64 seconds
    agent: np.ndarray  # int64 roster index
    channel: np.ndarray  # int8 index into CHANNELS
    kind: np.ndarray  # int8 index into TYPES
    responded: np.ndarray  # int64 seconds, -1 = never
    resolved: np.ndarray  # int64 seconds, -1 = open
    fcr: np.ndarray  # bool
    satisfaction: np.ndarray  # int8 1..5, 0 = not surveyed
    sat_word: np.ndarray  # bool: written as a word
    callback: np.ndarray  # int64 seconds, -1 = none
    reopened: np.ndarray  # bool
    complained: np.ndarray  # int64 roster index, -1 = none
    phone: np.ndarray  # int64, 11 digits
    id_prefix: str

    def __len__(self) -> int:
        return len(self.created)


def make_tickets(rng: np.random.Generator, roster: Roster, sched: Schedule, n: int) -> Tickets:
    """``n`` tickets over the agents' worked shifts (customer service mostly)."""
    month = sched.month
    weight = np.zeros(len(roster))
    for p in roster.people:
        weight[p.idx] = {AGENT: 1.0, LEAD: 0.4, TECHIE: 0.08}.get(p.role, 0.0)
    weight *= rng.lognormal(0.0, 0.25, size=len(roster))
    cells = (sched.worked() * weight[:, None]).ravel()
    if n and cells.sum() == 0:
        raise ValueError("nobody works a shift that takes tickets")
    pick = rng.choice(cells.size, size=n, p=cells / cells.sum()) if n else np.zeros(0, dtype=np.int64)
    agent, day = np.divmod(pick, month.days)
    shift, status = sched.shift[agent, day], sched.status[agent, day]
    away = sched.minutes[agent, day].astype(np.int64) * 60  # no tickets before a late arrival …
    lead = np.where(np.isin(status, (LATE, LATE30, EXCUSED, PARTIAL)), away, 0)
    trail = np.where(status == EARLY, away, 0)  # … or after an early departure
    start = day * 86400 + SHIFT_START[shift] * 60 + lead
    window = np.maximum(SHIFT_LEN[shift] * 60 - lead - trail - 600, 60)
    created = start + (rng.random(n) * window).astype(np.int64)
    late = created >= month.days * 86400  # a night shift's last hours belong to next month
    room = month.days * 86400 - start[late] - 1
    created[late] = start[late] + (rng.random(int(late.sum())) * room).astype(np.int64)
    order = np.lexsort((agent, created))
    created, agent = created[order], agent[order]

    channel = rng.choice(4, size=n, p=CHANNEL_P).astype(np.int8)
    kind = rng.choice(3, size=n, p=TYPE_P).astype(np.int8)
    complaint = kind == 1
    draw = rng.random(n)
    gap = np.where(draw < 0.92, rng.integers(1, LIMIT[channel] + 1),
                   rng.integers(LIMIT[channel] + 1, OVER_HI[channel] + 1))
    responded = np.where(draw < 0.99, created + gap, -1)
    handle = rng.integers(HANDLE_LO[channel], HANDLE_HI[channel] + 1)
    open_p = 0.03 + 0.07 * complaint + 0.03 * (channel == 2)
    is_open = (rng.random(n) < open_p) | (responded < 0)
    resolved = np.where(is_open, -1, np.maximum(responded, created) + handle)
    done = resolved >= 0
    fcr = done & (rng.random(n) < np.where(channel == 2, 0.70, 0.88))

    surveyed = done & (rng.random(n) < 0.62)
    probs = np.where(complaint[:, None], SAT_P[::-1] * 0.5 + 0.1, SAT_P)
    probs /= probs.sum(axis=1, keepdims=True)
    score = 1 + (rng.random(n)[:, None] > np.cumsum(probs, axis=1)).sum(axis=1)
    satisfaction = np.where(surveyed, np.minimum(score, 5), 0).astype(np.int8)
    sat_word = surveyed & (rng.random(n) < 0.15)
    callback = np.where(done & (rng.random(n) < 0.9), resolved + rng.integers(600, 86400, size=n), -1)
    reopened = done & (rng.random(n) < 0.02)

    cs = np.array(roster.with_role(AGENT, LEAD))
    blame = rng.permutation(cs)[: max(3, len(cs) // 12)]
    blame_p = 1.0 / np.arange(1, len(blame) + 1)
    named = complaint & (rng.random(n) < 0.4)
    complained = np.where(named, rng.choice(blame, size=n, p=blame_p / blame_p.sum()), -1)
    complained = np.where(complained == agent, -1, complained)
    phone = rng.choice(PHONE_PREFIXES, size=n) * 10**8 + rng.integers(0, 10**8, size=n)
    return Tickets(created, agent, channel, kind, responded, resolved, fcr, satisfaction, sat_word,
                   callback, reopened, complained, phone, f"GD{month.year}{month.month:02d}")
