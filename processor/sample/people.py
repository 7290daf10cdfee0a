"""The sample center's staff: departments, teams, roles and the manager chain.

The shape follows the regulations so that the rules have something real to bite on: a
customer-service department of teams of one 班长 and 12–14 agents (ORG-SPAN, 003 项目督导),
a 客服主管 over every two teams, a 项目督导 over up to six, and the ladder 客服主管 →
运营经理 → 主任 that leave approval climbs (LV-AUTHORITY); an operations department (运营,
质检) and a technical-support department, both appraised on indicator sheets.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ..errors import UsageError

CS, OPS, TECH = "客户服务部", "运营管理部", "技术支持部"
AGENT, LEAD, SUPERVISOR, PROJECT = "客服专员", "班长", "客服主管", "项目督导"
MANAGER, DIRECTOR, QA, TECHIE, OPSTAFF = "运营经理", "主任", "质检专员", "技术支持", "运营专员"

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏"
         "辉宇浩凯健俊帆帅旭宁欣怡婷雪琳晨阳博文思雨嘉琪子涵梓轩佳慧颖倩雯晓岚")
CN_NUM = "一二三四五六七八九十"


@dataclass
class Person:
    idx: int
    id: str
    name: str
    department: str
    team: str
    role: str
    manager_id: str | None = None
    hire_date: date | None = None


@dataclass
class Roster:
    people: list[Person]
    teams: dict[str, list[int]] = field(default_factory=dict)  # team → member indexes, roster order

    def __post_init__(self) -> None:
        for p in self.people:
            self.teams.setdefault(p.team, []).append(p.idx)
        self.by_id = {p.id: p for p in self.people}

    def __len__(self) -> int:
        return len(self.people)

    def with_role(self, *roles: str) -> list[int]:
        return [p.idx for p in self.people if p.role in roles]

    def manager(self, idx: int) -> Person | None:
        mid = self.people[idx].manager_id
        return self.by_id[mid] if mid else None

    def up_to(self, idx: int, role: str) -> Person | None:
        """The first person with ``role`` up the manager chain of ``idx``."""
        p = self.manager(idx)
        while p is not None and p.role != role:
            p = self.manager(p.idx)
        return p

    def lead_of(self, idx: int) -> Person | None:
        """The 班长 of the person's team (or, for a 班长, the next approver up)."""
        for j in self.teams[self.people[idx].team]:
            if self.people[j].role == LEAD and j != idx:
                return self.people[j]
        return self.up_to(idx, SUPERVISOR) or self.manager(idx)


def team_name(prefix: str, i: int, n: int) -> str:
    if n == 1:
        return prefix + "组"
    return f"{prefix}{CN_NUM[i]}组" if n <= 10 else f"{prefix}{i + 1}组"


def split(n: int, parts: int) -> list[int]:
    base, extra = divmod(n, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _cs_plan(n_cs: int) -> tuple[int, int, int, int]:
    """Teams, supervisors, project leads and agents for about ``n_cs`` people, 12–14 agents a team."""
    teams = max(1, n_cs // 15)
    sup, proj = math.ceil(teams / 2), math.ceil(teams / 6)
    agents = min(max(n_cs - sup - proj - teams, 12 * teams), 14 * teams)
    return teams, sup, proj, agents


def build_roster(rng: np.random.Generator, employees: int, month_first: date) -> Roster:
    """A center of ``employees`` people (at least 20) in three departments."""
    if employees < 20:
        err = UsageError(f"样例中心至少需要 20 名员工(收到 {employees})‖a sample center needs at least 20 "
                         f"employees (got {employees})")
        err.hint = "用 --employees 20 或更多‖use --employees 20 or more"
        raise err
    n_qa = max(2, employees // 45)
    n_mgr = max(1, employees // 600)
    n_ops = max(2 + n_mgr + n_qa, round(employees * 0.08))
    n_tech = max(4, round(employees * 0.06))
    teams, n_sup, n_proj, agents = _cs_plan(employees - n_ops - n_tech)
    agents -= max(0, n_ops - (employees - n_tech - (teams + n_sup + n_proj + agents)))
    n_ops = employees - n_tech - (teams + n_sup + n_proj + agents)  # leftovers become 运营专员

    rows: list[tuple[str, str, str, int | None]] = []  # dept, team, role, manager row index

    def add(dept: str, team: str, role: str, manager: int | None) -> int:
        rows.append((dept, team, role, manager))
        return len(rows) - 1

    managers = _operations(add, n_ops, n_mgr, n_qa)
    _tech_support(add, n_tech, managers)
    _customer_service(add, agents, teams, managers)
    return _people(rng, rows, month_first)


Add = Callable[[str, str, str, int | None], int]  # adds a roster row, returns its index


def _operations(add: Add, n_ops: int, n_mgr: int, n_qa: int) -> list[int]:
    """运营管理部: the director, the operations managers, 运营专员 and the QA team; the managers' rows."""
    n_opstaff = n_ops - 1 - n_mgr - n_qa
    op_teams = max(1, math.ceil((n_opstaff + 1 + n_mgr) / 14))
    director = add(OPS, team_name("运营", 0, op_teams), DIRECTOR, None)
    managers = [add(OPS, team_name("运营", 0, op_teams), MANAGER, director) for _ in range(n_mgr)]
    staff_sizes = split(n_opstaff, op_teams)
    for t, size in enumerate(staff_sizes):
        for k in range(size):
            add(OPS, team_name("运营", t, op_teams), OPSTAFF, managers[k % n_mgr])
    qa_teams = math.ceil(n_qa / 14)
    for t, size in enumerate(split(n_qa, qa_teams)):
        for k in range(size):
            add(OPS, team_name("质检", t, qa_teams), QA, managers[(t + k) % n_mgr])
    return managers


def _tech_support(add: Add, n_tech: int, managers: list[int]) -> None:
    """技术支持部: teams of one 班长 and up to 13 技术支持."""
    tech_teams = math.ceil(n_tech / 14)
    for t, size in enumerate(split(n_tech, tech_teams)):
        name = team_name("技术支持", t, tech_teams)
        lead = add(TECH, name, LEAD, managers[t % len(managers)])
        for _ in range(size - 1):
            add(TECH, name, TECHIE, lead)


def _customer_service(add: Add, agents: int, teams: int, managers: list[int]) -> None:
    """客户服务部: 项目督导 over six teams, 客服主管 over two, a 班长 and agents in each."""
    n_mgr = len(managers)
    per_team = split(agents, teams)
    projects: list[int] = []
    supervisors: list[int] = []
    for t in range(teams):
        name = team_name("客服", t, teams)
        if t % 6 == 0:
            projects.append(add(CS, name, PROJECT, managers[(t // 6) % n_mgr]))
        if t % 2 == 0:
            supervisors.append(add(CS, name, SUPERVISOR, projects[-1]))
        lead = add(CS, name, LEAD, supervisors[-1])
        for _ in range(per_team[t]):
            add(CS, name, AGENT, lead)


def _people(rng: np.random.Generator, rows: list[tuple[str, str, str, int | None]], month_first: date) -> Roster:
    """Ids, names and hire dates drawn for the planned rows."""
    n = len(rows)
    pool = 9999 if n <= 5000 else 99999
    numbers = np.sort(rng.choice(np.arange(100, pool), size=n, replace=False))
    ids = [f"{int(x):05d}" for x in numbers]
    names = _names(rng, n)
    start = date(2014, 3, 1).toordinal()
    hires = rng.integers(start, month_first.toordinal() - 45, size=n)
    people = [
        Person(i, ids[i], names[i], dept, team, role, ids[mgr] if mgr is not None else None,
               date.fromordinal(int(hires[i])))
        for i, (dept, team, role, mgr) in enumerate(rows)
    ]
    return Roster(people)


def _names(rng: np.random.Generator, n: int) -> list[str]:
    """Chinese names, unique within the roster (a real roster disambiguates homonyms too)."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        s = SURNAMES[int(rng.integers(len(SURNAMES)))]
        k = 1 if rng.random() < 0.35 else 2
        g = "".join(GIVEN[int(i)] for i in rng.integers(len(GIVEN), size=k))
        name = s + g
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out
