"""The report of a generated 400-person month as its readers meet it, in real Chromium: on a
390-px phone, the attendance calendar's colours, an employee page printed on A4, the 需关注
table's order and a vetoed employee's verdict."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(big_month) -> Path:
    return big_month[1] / "2026-10" / "report"


@pytest.fixture(scope="module")
def book(big_month) -> dict[str, pd.DataFrame]:
    path = big_month[1] / "2026-10" / "scored-2026-10.xlsx"
    return pd.read_excel(path, sheet_name=None, dtype={"工号": str})


@pytest.fixture(scope="module")
def annual(big_month) -> Path:
    from cli import main

    out = big_month[1]
    result = CliRunner().invoke(main, ["annual", "2026", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "annual-2026.html"


def page_at(browser, path: Path, width: int):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page


def emp_page(report: Path, employee_id: str) -> Path:
    return report / f"emp-{employee_id}.html"


def test_at_390_px_nothing_scrolls_sideways_and_grade_and_amount_show(browser, report, annual):
    team = next(report.glob("team-*.html"))
    assert re.fullmatch(r"team-[\w-]+\.html", team.name) and "_5" not in team.name  # 客服1组 reads as itself
    pages = [report / "index.html", team, next(report.glob("emp-*.html")), annual]
    for path in pages:
        page = page_at(browser, path, 390)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path.name, width)
        page.close()
    for path in (report / "index.html", team):
        page = page_at(browser, path, 390)
        # each person's card: the grade badge and the amount inside the screen, beside the name
        boxes = page.evaluate("""() => [...document.querySelectorAll('table.people tbody tr:not(.grp-h)')].map(tr => {
            const box = el => { const r = tr.querySelector(el).getBoundingClientRect();
                                return [r.left, r.right, r.top, r.width]; };
            return {name: box('.c-name'), grade: box('.c-grade .badge'), fine: box('.c-fine')};
        })""")
        assert len(boxes) >= (400 if path.name == "index.html" else 10)
        for b in boxes:
            for key in ("grade", "fine"):
                left, right, top, w = b[key]
                assert w > 0 and left >= 0 and right <= 390, (path.name, key, b)
                assert abs(top - b["name"][2]) < 30, (path.name, key, b)  # on the name's line
        page.close()


def test_chart_labels_stay_readable_on_a_phone(browser, report, annual):
    """Phones get charts drawn for their width, not the desktop's shrunk: no label under 9 px."""
    for path in (report / "index.html", next(report.glob("team-*.html")), next(report.glob("emp-*.html")), annual):
        page = page_at(browser, path, 390)
        sizes = page.evaluate("""() => [...document.querySelectorAll('svg.chart text')]
            .filter(t => t.getBoundingClientRect().width > 0)
            .map(t => t.getBoundingClientRect().height)""")
        assert sizes and min(sizes) >= 9, (path.name, sorted(sizes)[:5])
        page.close()


def outcome_day(book: dict[str, pd.DataFrame], outcome: str) -> tuple[str, int]:
    days = book["考勤"]
    hit = days[days["结果"] == outcome].iloc[0]
    return str(hit["工号"]), pd.Timestamp(hit["日期"]).day


@pytest.mark.parametrize("outcome, cls", [("迟到", "o-late"), ("旷工", "o-absence"), ("请假", "o-leave"),
                                          ("缺卡", "o-missing_punch")])
def test_calendar_cells_have_their_legend_colours(browser, report, book, outcome, cls):
    emp, day = outcome_day(book, outcome)
    page = page_at(browser, emp_page(report, emp), 1440)
    colours = page.evaluate("""([day, cls]) => {
        const cell = [...document.querySelectorAll('table.cal td')].find(td => {
            const d = td.querySelector('.d'); return d && d.textContent.trim() === String(day); });
        const key = document.querySelector('.key .' + cls);
        return [cell.className, getComputedStyle(cell).backgroundColor, getComputedStyle(key).backgroundColor];
    }""", [day, cls])
    assert cls in colours[0].split()
    assert colours[1] == colours[2] and colours[1] not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), colours


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_employee_page_prints_on_one_a4_page(browser, report, book):
    findings = book["明细"]
    busiest = findings["工号"].dropna().value_counts().index[0]
    resigned = book["汇总"].loc[book["汇总"]["视为自动离职日期"].notna(), "工号"].iloc[0]
    for emp in (busiest, resigned):
        page = page_at(browser, emp_page(report, emp), 1000)
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf_pages(pdf) == 1, emp
        page.emulate_media(media="print")
        assert page.is_visible("section.sign") and page.inner_text("section.sign").count("日期") == 2
        page.close()


def test_needs_attention_lists_resignations_and_fails_first(browser, report, book):
    summary = book["汇总"]
    resigned = set(summary.loc[summary["视为自动离职日期"].notna(), "工号"])
    failed = set(summary.loc[summary["等级"] == "不合格", "工号"]) - resigned
    assert resigned and failed
    page = page_at(browser, report / "index.html", 1440)
    rows = page.evaluate("""() => [...document.querySelectorAll('table.attention tbody tr')].map(tr =>
        [tr.dataset.kind, tr.querySelector('.c-id').textContent.trim(), tr.querySelector('.c-cause').textContent.trim()])""")
    n, m = len(resigned), len(failed)
    assert [r[0] for r in rows[:n + m]] == ["resigned"] * n + ["fail"] * m
    assert {r[1] for r in rows[:n]} == resigned and {r[1] for r in rows[n:n + m]} == failed
    kinds = [r[0] for r in rows]
    order = ["resigned", "fail", "pass", "fines", "missing_punch"]
    assert kinds == sorted(kinds, key=order.index)  # most severe first, all the way down
    assert len(rows) == len(set(r[1] for r in rows))  # one row per person
    graded_pass = set(summary.loc[summary["等级"] == "合格", "工号"]) - resigned
    assert {r[1] for r in rows if r[0] == "pass"} == graded_pass
    assert all(r[2] for r in rows)  # every row says why


def test_vetoed_employee_verdict_names_the_incident_and_its_article(browser, report, book):
    summary, findings = book["汇总"], book["明细"]
    vetoed = summary[summary["标记"].fillna("").str.contains("一票否决") & summary["视为自动离职日期"].isna()]
    assert len(vetoed) >= 1
    emp = vetoed["工号"].iloc[0]
    incident = findings[(findings["工号"] == emp) & findings["依据"].fillna("").str.contains("一票否决")].iloc[0]
    page = page_at(browser, emp_page(report, emp), 1440)
    verdict = page.inner_text("#verdict")
    day = pd.Timestamp(incident["日期"]).strftime("%Y-%m-%d")
    assert incident["规则名称"] in verdict and day in verdict and incident["制度出处"] in verdict
    total = float(vetoed["总分"].iloc[0])
    alone = "优秀" if total >= 90 else "良好" if total >= 80 else "合格" if total >= 60 else "不合格"
    assert verdict.startswith("等级说明") and "不合格(一票否决)" in verdict
    assert verdict.endswith(f"仅按总分 {total:.2f} 应为{alone}")
    index = page_at(browser, report / "index.html", 1440)
    cause = index.evaluate("id => [...document.querySelectorAll('table.attention tbody tr')].find(tr => "
                           "tr.querySelector('.c-id').textContent.trim() === id).querySelector('.c-cause').textContent",
                           emp)
    assert cause.strip() == verdict.removeprefix("等级说明").strip()  # the same line on both pages
    note = book["工资导出"].set_index("工号").loc[emp, "备注"]
    assert note == cause.strip()  # and in the payroll note


def test_annual_page_strip_links_each_month(browser, annual, report):
    page = page_at(browser, annual, 1440)
    assert page.is_visible("#provisional")  # eleven months of 2026 have no run yet
    cells = page.evaluate("() => [...document.querySelector('table.annual tbody tr ol.strip').children].map(li => "
                          "[li.className, (li.querySelector('a') || {}).href || ''])")
    assert len(cells) == 12
    assert "m-norun" in cells[0][0] and cells[0][1] == ""
    october = cells[9]
    assert "m-graded" in october[0] and october[1].endswith(".html")
    target = Path(october[1].removeprefix("file://"))
    assert target.is_file() and target.parent == report


def test_full_list_headers_stick_inside_the_page(browser, report):
    """At 400 people the full list is long: its column headers and the current team's heading
    stay on screen while scrolling (no scroll wrapper around the table to trap them)."""
    page = page_at(browser, report / "index.html", 1440)
    y = page.evaluate("document.querySelector('#people').getBoundingClientRect().top + window.scrollY")
    page.evaluate(f"window.scrollTo(0, {y} + 3000)")
    head, groups = page.evaluate("""() => [document.querySelector('table.grouped thead th').getBoundingClientRect(),
        [...document.querySelectorAll('table.grouped tr.grp-h th')].map(t => t.getBoundingClientRect().top)]""")
    assert head["top"] == 0
    assert any(abs(top - head["height"]) < 2 for top in groups)
