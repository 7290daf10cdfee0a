"""The HTML report managers open: ``report/index.html``, one page per team and per employee.

Pages are self-contained (inline CSS, inline SVG, no script, no external URL) so the folder
can be mailed or opened from a share. File names come from ids and team names through
:func:`slug`, which keeps letters and digits of any script (``客服1组`` reads as itself), ``_`` and
``-``, and writes every other character as its hex code: no cell of an input can name a file
outside the report folder. The folder is rendered
under ``report.tmp-<random>`` and swapped into place only when every page is written.
"""
from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment

from processor.model import Month, RuleResults, RunInfo, Scored
from processor.words import texts
from processor.words.lang import check_lang
from processor.write.atomic import atomic_dir
from processor.write.daycells import calendars
from processor.write.forked import ForkedJob, can_fork
from processor.write.pagefiles import PageFiles
from processor.write.person import employee_view, group_by_employee
from processor.write.site import FINDING_KEYS, Site
from processor.write.templating import environment
from processor.write.vectors import records
from processor.write.verdicts import finding_titles
from processor.write.views import center_kpis, overview, team_view

MAX_SLUG = 64
PARALLEL_MIN = 300  # employee pages from which a second process pays for its start
INDEX_COST = 180  # the overview page (and the page-writing thread), in employee pages of rendering (measured)
CHILD_GRACE = 60.0  # seconds the second process may take beyond five times our own share
_PAGE = re.compile(r"[\w-]+\.html")


def _safe(ch: str) -> bool:
    """A character a file name may keep as it is: letters and digits of any script (客服1组 reads
    as itself), ``_`` and ``-``; never a dot, a separator or a character Windows refuses."""
    return ch.isalnum() or ch in "_-"


def slug(value: object) -> str:
    """A file-name-safe form of an id: ``E-001`` and ``一组`` stay, ``../x`` → ``_2e_2e_2fx``.

    Never empty, never a path separator or a dot, at most :data:`MAX_SLUG` characters (a longer
    one is cut and given a hash of the whole value so that it stays distinct).
    """
    text = "" if value is None else str(value)
    out = "".join(ch if _safe(ch) else f"_{ord(ch):x}" for ch in text) or "_"
    if len(out) > MAX_SLUG:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        out = out[: MAX_SLUG - 13] + "-" + digest
    return out


def unique_slugs(values: Iterable[object], prefix: str) -> dict[str, str]:
    """File name of each distinct value: ``<prefix>-<slug>.html``, numbered if two slugs meet.

    Names are compared without case, since ``E001`` and ``e001`` are one file on Windows and macOS.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for v in values:
        key = str(v)
        if key in names:
            continue
        base = f"{prefix}-{slug(v)}"
        name, n = f"{base}.html", 2
        while name.lower() in taken:
            name, n = f"{base}-{n}.html", n + 1
        names[key] = name
        taken.add(name.lower())
    return names


def _safe_target(folder: Path, name: str) -> Path:
    """``folder/name`` after checking ``name`` is a bare page name: no folder part, no dots.

    A check of the text alone is enough, and cheap for thousands of pages: ``folder`` is the
    fresh temporary folder this run made, so no link inside it can lead elsewhere.
    """
    if not _PAGE.fullmatch(name):
        raise ValueError(f"unsafe page name {name!r}")
    return folder / name


def write_report(folder: Path, scored: Scored, results: RuleResults, month: Month, info: RunInfo,
                 trend: pd.DataFrame | None = None, lang: str = "zh",
                 adjustments: pd.DataFrame | None = None) -> Path:
    """Write ``folder/report/`` (index, team and employee pages); return ``report/index.html``.

    ``trend`` has one row per month of the ledger (month, employees, mean_score, fines_total,
    excellent, good, pass, fail); None shows this month alone. ``adjustments`` (a re-run of a
    closed month) is shown on the index.
    """
    from processor.write.adjustments import index_block

    lang = check_lang(lang)
    env = environment(lang)
    summary = scored.summary
    ids = [e for e in summary["employee_id"].tolist() if e is not None and e == e]
    team_names = list(summary["team"].dropna().astype(str))
    team_names += [str(t) for t in scored.teams["team"].dropna()]
    site = Site(lang, month.month, scored, results, info,
                emp_pages=unique_slugs(ids, "emp"), team_pages=unique_slugs(team_names, "team"))
    base = {"month": month.month, "info": info, "due_date": scored.due_date,
            "run_late": scored.run_late, "center": texts.TEXT[lang]["center"]}

    report = Path(folder) / "report"
    with atomic_dir(report) as tmp:
        people = employee_pages(site, scored, results)
        cut = _parent_share(len(people), len(site.team_pages))
        child = None
        if cut < len(people):  # a second process renders the rest, on the other core
            _warm(site, env)
            child = ForkedJob(render_employees, env, base, site, people[cut:], tmp)
        started = time.monotonic()
        with child or nullcontext(), PageFiles() as files:
            def render(name: str, template: str, **context: object) -> None:
                page = env.get_template(template).render(**base, **context)
                files.write(_safe_target(tmp, name), page)

            render("index.html", "index.html", page="index", **overview(site, trend),
                   adjustments=index_block(adjustments))
            center = center_kpis(site) if site.team_pages else None
            for team, name in site.team_pages.items():
                render(name, "team.html", page="team", **team_view(site, team, center))
            render_employees(env, base, site, people[:cut], tmp, files)
            if child is not None:
                try:  # the child's share is about ours: waiting far longer means it is stuck
                    child.result(timeout=CHILD_GRACE + 5 * (time.monotonic() - started))
                except TimeoutError:
                    render_employees(env, base, site, people[cut:], tmp, files)
    return report / "index.html"


EmployeePage = tuple[str, dict[str, Any], list[dict[str, Any]], dict[str, Any]]


def employee_pages(site: Site, scored: Scored, results: RuleResults) -> list[EmployeePage]:
    """What each employee page is made from: file name, Summary row, findings, attendance counts
    (the calendar is made by the process that renders the page: :func:`render_employees`).

    Every frame is converted once for all pages, never filtered per employee.
    """
    frame = scored.findings
    if not frame.empty and {"rule_id", "citation"} <= set(frame.columns):  # titled once for all pages
        frame = frame.assign(title=finding_titles(frame, site.info.rules).fillna(""))
    findings = group_by_employee(frame, FINDING_KEYS)
    counts = {str(r["employee_id"]): r for r in records(results.employees)}
    pages: list[EmployeePage] = []
    for row in records(scored.summary):
        emp = str(row.get("employee_id"))
        if emp in site.emp_pages:
            pages.append((site.emp_pages[emp], row, findings.get(emp, []), counts[emp]))
    return pages


def render_employees(env: Environment, base: dict[str, Any], site: Site, pages: list[EmployeePage],
                     folder: Path, files: PageFiles | None = None) -> int:
    """Render and write the employee pages ``pages``; return how many. Their calendars are made
    here, from their own days only, so that each of two processes makes its share's."""
    days = calendars(_days_of(site.results.days, {str(row.get("employee_id")) for _, row, _, _ in pages}), site.lang)
    with nullcontext(files) if files is not None else PageFiles() as out:
        template = env.get_template("employee.html")
        for name, row, findings, count in pages:
            emp_days = days.get(str(row.get("employee_id")), {})
            page = template.render(**base, page="employee", **employee_view(site, row, findings, emp_days, count))
            out.write(_safe_target(folder, name), page)
    return len(pages)


def _days_of(days: pd.DataFrame | None, employees: set[str]) -> pd.DataFrame | None:
    """The rows of ``days`` of ``employees`` (ids as the pages spell them)."""
    if days is None or days.empty or "employee_id" not in days.columns:
        return days
    ids = days["employee_id"]
    return days[(ids.notna() & ids.astype(str).isin(employees)).to_numpy()]


def _parent_share(employees: int, teams: int) -> int:
    """How many employee pages this process renders; a forked child renders the rest.

    Everything when the report is small or there is no second core. Otherwise the pages
    are split so both processes finish together: the overview costs about as much as
    :data:`INDEX_COST` employee pages and a team page about as much as one.
    """
    if employees < PARALLEL_MIN or not can_fork():
        return employees
    return max(0, (employees - INDEX_COST - teams) // 2)


def _warm(site: Site, env: Environment) -> None:
    """Compute what every employee page shares before forking, so the child need not redo it."""
    # pages only: templates/ is also the processor.templates package (its __pycache__ is no template)
    for name in env.list_templates(filter_func=lambda n: n.endswith((".html", ".css")) and n != "annual.html"):
        env.get_template(name)
    site.rule_titles, site.actions_by_employee, site.verdicts  # noqa: B018 - cached
