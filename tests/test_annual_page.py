"""The annual page of a 400-person year (issue 15: "a size that stays usable at 2,000 people"),
as its readers meet it in real Chromium: who needs attention first, by severity; everyone else
folded by team with a summary line; a link to ``#p-<id>`` opens the person's team; no chart per
person; no sideways scroll on a phone; one language.

The year is written straight through the ledger's API (``record_month``), twelve months of
400 people, so the test runs in seconds; the same builder at 2,000 people gave the figures in
README ("Annual page at 2,000 people")."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from cli import main
from processor import ledger
from processor.model import SUMMARY_COLUMNS
from processor.score.appraisal import round_half_up

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
N, TEAM = 400, 16  # 25 teams of 16


def score(i: int, m: int) -> float:
    """Employee i's total in month m: 60–99, and 50 (不合格) where (i + m) % 53 == 0."""
    return 50.0 if (i + m) % 53 == 0 else float(60 + (i * 7 + m * 11) % 40)


def vetoed(i: int, m: int) -> bool:
    return i % 40 == 7 and m == 3


def resigned(i: int, m: int) -> bool:
    return i % 100 == 50 and m == 6


def grade(s: float) -> str:
    return "excellent" if s >= 90 else "good" if s >= 80 else "pass" if s >= 60 else "fail"


def summary(m: int, en: bool) -> pd.DataFrame:
    rows = []
    for i in range(1, N + 1):
        s = score(i, m)
        fail = vetoed(i, m) or resigned(i, m)
        rows.append({**{c: None for c in SUMMARY_COLUMNS}, "employee_id": f"{i:05d}",
                     "name": f"Agent {i}" if en else f"员工{i}", "department": "客户服务部",
                     "team": f"T{(i - 1) // TEAM + 1:02d}" if en else f"{(i - 1) // TEAM + 1:02d}组", "role": "客服专员",
                     "total_score": s, "grade": "fail" if fail else grade(s), "fines_total": 0.0, "points": 0.0,
                     "bonus_coefficient": 0.0 if fail or s < 60 else 1.0, "flags": "veto" if vetoed(i, m) else None,
                     "deemed_resignation_date": pd.Timestamp(f"2026-{m:02d}-15") if resigned(i, m) else None})
    return pd.DataFrame(rows)


def year(out: Path, en: bool = False) -> Path:
    engine = ledger.open_ledger(f"sqlite:///{out / 'opscore.db'}")
    for m in range(1, 13):
        ledger.record_month(engine, f"2026-{m:02d}", summary(m, en), {
            "run_at": f"2026-{m:02d}-28T00:00:00", "version": "t", "rulebook_sha256": "0" * 64, "inputs": {},
            "lang": "zh"})
    engine.dispose()
    args = ["annual", "2026", "--out", str(out)] + (["--lang", "en"] if en else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out / "annual-2026.html"


def expected_kinds() -> list[tuple[str, str]]:
    """(kind, id) in the attention list's order: resigned, vetoed, failed the year, failed a
    month; within a kind the lowest annual score first, then the id."""
    out = []
    for i in range(1, N + 1):
        months = range(1, 13)
        total = sum(0.0 if vetoed(i, m) else score(i, m) for m in months) / 12
        kind = ("resigned" if any(resigned(i, m) for m in months) else "vetoed" if any(vetoed(i, m) for m in months)
                else "fail" if total < 60 else "failed_month" if any(score(i, m) < 60 for m in months) else "")
        if kind:
            out.append((("resigned", "vetoed", "fail", "failed_month").index(kind), round_half_up(total), f"{i:05d}", kind))
    return [(k, e) for _, _, e, k in sorted(out)]


@pytest.fixture(scope="module")
def page_path(tmp_path_factory) -> Path:
    return year(tmp_path_factory.mktemp("annual400"))


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def open_page(browser, path: Path, width: int = 1440, fragment: str = ""):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri() + fragment)
    page.wait_for_load_state("load")
    return page


def test_expected_attention_of_the_built_year() -> None:
    kinds = [k for k, _ in expected_kinds()]
    assert (kinds.count("resigned"), kinds.count("vetoed"), kinds.count("fail"), kinds.count("failed_month")) == (4, 10, 0, 79)


def test_attention_first_by_severity_then_teams_folded(browser, page_path) -> None:
    assert page_path.stat().st_size < 1_000_000  # about 2.1 kB a person
    page = open_page(browser, page_path)
    assert page.inner_text("#kpi-employees") == "400" and page.inner_text("#kpi-attention") == "93"
    rows = page.evaluate("""() => [...document.querySelectorAll('#annual-attention tbody tr')].map(tr =>
        [tr.className.replace('sev-', ''), tr.querySelector('.c-id').textContent.trim()])""")
    assert [tuple(r) for r in rows] == expected_kinds()
    assert page.evaluate("document.querySelector('#annual-failed-month').open") is False  # the least severe, folded
    teams = page.evaluate("""() => [...document.querySelectorAll('#annual-people details.team')].map(d =>
        [d.open, d.querySelector('summary').innerText.replace(/\\s+/g, ' ').trim(), d.querySelectorAll('tbody tr').length])""")
    assert len(teams) == 25 and not any(t[0] for t in teams) and all(t[2] == TEAM for t in teams)
    first = [sum(0.0 if vetoed(i, m) else score(i, m) for m in range(1, 13)) / 12 for i in range(1, TEAM + 1)]
    mean = sum(round_half_up(x) for x in first) / TEAM
    assert teams[0][1].startswith(f"01组 16 人 平均 {mean:.2f} ")
    assert teams[0][1].endswith("需关注 1")  # 00007, vetoed in March
    assert page.evaluate("document.querySelectorAll('svg').length") == 2  # the centre's chart, wide and narrow
    inside = page.evaluate("""() => [...document.querySelectorAll('table.annual')].filter(t => t.offsetParent)
        .map(t => t.getBoundingClientRect().right <= t.closest('section').getBoundingClientRect().right)""")
    assert inside and all(inside)  # the tables fit their panel at 1440 px, no column cut off
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, height  # 400 people: attention rows and 25 team lines
    page.close()


def test_a_link_to_a_person_opens_their_team(browser, page_path) -> None:
    page = open_page(browser, page_path, fragment="#p-00123")
    assert page.evaluate("document.getElementById('p-00123').closest('details').open") is True
    assert page.evaluate("document.getElementById('p-00123').closest('details').id") == "t-8"  # 00113–00128
    box = page.evaluate("document.getElementById('p-00123').getBoundingClientRect().top")
    assert -1 <= box < 900  # scrolled into view
    page.close()
    page = open_page(browser, page_path)
    page.click("#annual-attention a[href='#p-00007']")  # the attention list links to the person's row
    assert page.evaluate("document.getElementById('p-00007').closest('details').open") is True
    page.close()


def test_on_a_phone_nothing_scrolls_sideways(browser, page_path) -> None:
    page = open_page(browser, page_path, 390)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


def test_a_small_year_opens_every_team(tmp_path) -> None:
    global N
    saved, N = N, 60
    try:
        html = year(tmp_path).read_text(encoding="utf-8")
    finally:
        N = saved
    assert len(re.findall(r'<details class="team" id="t-\d+"', html)) == 4  # 16, 16, 16 and 12 people
    assert len(re.findall(r'<details class="team" id="t-\d+" open>', html)) == 4


def test_the_english_page_has_no_chinese_outside_input_text(tmp_path) -> None:
    html = year(tmp_path, en=True).read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1])
    assert "Needs attention (93)" in text and "Deemed resigned" in text
    assert re.findall(r"[\u4e00-\u9fff]+", text.replace("客户服务部", "").replace("客服专员", "")) == []


def test_teams_follow_their_numbers():
    """客服2组 before 客服10组, as a center numbers them (not 客服1组, 客服10组 … 客服19组, 客服2组)."""
    from processor.write.annual_page import team_key

    teams = ["客服10组", "运营一组", "客服2组", "客服1组", "", "T10", "T9"]
    assert sorted(teams, key=team_key) == ["", "T9", "T10", "客服1组", "客服2组", "客服10组", "运营一组"]
