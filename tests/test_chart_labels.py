"""Charts on a phone (issue 15: "bars drawn so that labels stay readable"), in real Chromium at
390 px: on the annual page of a twelve-month 400-person year and on the monthly pages of a
generated 400-person month, in Chinese and in English, no two chart labels' boxes intersect, none
is cut by its chart or the screen, every label and every line of text is drawn at 10 px or more,
and no page scrolls sideways."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import test_annual_page
from processor.write import charts
from test_annual_page import year

browser = test_annual_page.browser  # the module-scoped Chromium, skipped when missing

PHONE = 390
# Every visible chart label: its text, its box on screen, the box of its chart, and the size it is
# drawn at (the font size times the chart's scale: a viewBox drawn narrower shrinks its text).
LABELS = """() => [...document.querySelectorAll('svg.chart text')].filter(t => t.getBoundingClientRect().width > 0)
  .map(t => { const svg = t.closest('svg'), r = t.getBoundingClientRect(), s = svg.getBoundingClientRect();
    return {text: t.textContent, box: [r.left, r.top, r.right, r.bottom], chart: [s.left, s.top, s.right, s.bottom],
            px: parseFloat(getComputedStyle(t).fontSize) * s.width / svg.viewBox.baseVal.width}; })"""
# The font size of every visible run of text outside the charts.
TEXT_SIZES = """() => { const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) { const el = walk.currentNode.parentElement;
    if (!walk.currentNode.textContent.trim() || el.closest('svg') || !el.getClientRects().length) continue;
    out.push([walk.currentNode.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(el).fontSize)]); }
  return out; }"""


def intersect(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(a: list[float], b: list[float]) -> bool:
    return a[0] >= b[0] - 0.5 and a[1] >= b[1] - 0.5 and a[2] <= b[2] + 0.5 and a[3] <= b[3] + 0.5


def phone_labels(browser, path: Path) -> list[dict]:
    """The page's chart labels at 390 px, after asserting what every phone page must hold."""
    page = browser.new_page(viewport={"width": PHONE, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, path.name
        small = [t for t in page.evaluate(TEXT_SIZES) if t[1] < 10]
        assert small == [], (path.name, small[:5])
        labels = page.evaluate(LABELS)
    finally:
        page.close()
    hits = [(a["text"], b["text"]) for k, a in enumerate(labels) for b in labels[k + 1:] if intersect(a["box"], b["box"])]
    assert hits == [], (path.name, hits)
    cut = [t["text"] for t in labels if not inside(t["box"], t["chart"]) or not inside(t["box"], [0, -1e9, PHONE, 1e9])]
    assert cut == [], (path.name, cut)
    assert min(t["px"] for t in labels) >= 10, (path.name, sorted(t["px"] for t in labels)[:3])
    return labels


@pytest.mark.parametrize("en", [False, True], ids=["zh", "en"])
def test_the_annual_chart_of_a_twelve_month_year_on_a_phone(browser, tmp_path, en):
    """Twelve months of a centre's mean score (78.94…79.03) are wider than their slots at 390 px:
    neighbours' values take turns above and below the line, every one shown."""
    labels = phone_labels(browser, year(tmp_path, en=en))
    texts = [t["text"] for t in labels]
    assert texts[:5] == ["0", "25", "50", "75", "100"]  # the axis
    assert texts[-12:] == [f"{m:02d}" for m in range(1, 13)]  # every month under it
    assert len(texts) == 5 + 12 + 12 and all(len(v) == 5 and v[2] == "." for v in texts[5:17])  # 78.98: each month's value
    values = [t["box"] for t in labels[5:17]]
    assert max(b[3] for b in values[0::2]) <= min(b[1] for b in values[1::2])  # odd months above, even below


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_monthly_pages_charts_on_a_phone(browser, big_month, big_month_en, lang):
    """The index (grades, service indicators, the trend), a team page and three employee pages:
    every label there, in the order drawn, with the month's figures."""
    month = big_month[1] / "2026-10" if lang == "zh" else big_month_en[0]
    people = pd.read_excel(month / "scored-2026-10.xlsx", sheet_name=1, dtype={0: str})
    grade, total = ("等级", "总分") if lang == "zh" else ("grade", "total_score")
    names = {"zh": ["优秀", "良好", "合格", "不合格"], "en": ["excellent", "good", "pass", "fail"]}[lang]
    counts = [int((people[grade] == g).sum()) for g in names]
    axis = ["0", "25", "50", "75", "100"]
    index = [t["text"] for t in phone_labels(browser, month / "report" / "index.html")]
    assert counts == [128, 142, 128, 2]
    assert index[:12] == ["0", "50", "100", "150", *[x for c, g in zip(counts, names) for x in (str(c), g)]]
    assert index[12:17] == axis and len(index) == 12 + 5 + 6 * 2 + 5 + 2  # six indicators, a month's trend
    assert all(v.endswith("%") for v in index[18:29:2]) and index[-7:] == [*axis, f"{people[total].mean():.1f}", "26-10"]
    team = [t["text"] for t in phone_labels(browser, sorted((month / "report").glob("team-*.html"))[0])]
    assert team[-8:-1:2] == [str(int(n)) for n in team[-8:-1:2]] and team[-7::2] == names  # a value and a name a grade
    for path in sorted((month / "report").glob("emp-*.html"))[:3]:
        drawn = [t["text"] for t in phone_labels(browser, path)]
        mine = people.loc[people.iloc[:, 0] == path.stem.removeprefix("emp-")].iloc[0]
        assert drawn[:5] == axis and drawn[-2:] == [{"zh": "总分", "en": "Total"}[lang], f"{mine[total]:.2f}"]
        assert len(drawn) == 5 + 2 * 4 and all(label.endswith("%") for label in drawn[5:-2:2])  # three components


def test_a_long_label_stands_above_its_bar():
    """An English component label longer than 45% of a phone chart takes its own line, whole."""
    label = "Attendance & discipline · 15%"
    narrow = charts.hbar_chart([{"label": label, "value": 80}, {"label": "Total", "value": 82}], width=360, label_w=128)
    assert narrow["anchor"] == "start" and narrow["x0"] == 4
    first, second = narrow["rows"]
    assert first["label_x"] == 4 and first["label_y"] == first["y"] - 5 and second["y"] - first["y"] == 42
    wide = charts.hbar_chart([{"label": label, "value": 80}])
    assert wide["anchor"] == "end" and wide["rows"][0]["label_y"] == wide["rows"][0]["mid"]


def test_twelve_month_labels_take_turns_and_thin_out_only_when_they_touch():
    values = [78.98, 79.02, 78.94, 78.97, 79.0, 78.94, 78.97, 79.0, 79.03, 78.95, 78.98, 79.02]
    narrow = charts.line_chart([f"{m:02d}" for m in range(1, 13)], values, width=360, height=220, y_max=100, digits=2)
    ys = [round(p["ty"] - p["y"], 1) for p in narrow["points"]]
    assert ys == [-9, 20] * 6
    assert len(narrow["x_labels"]) == 12
    wide = charts.line_chart([f"2026-{m:02d}" for m in range(1, 13)], values, y_max=100, digits=2)
    assert [round(p["ty"] - p["y"], 1) for p in wide["points"]] == [-9] * 12 and len(wide["x_labels"]) == 12
    long = charts.line_chart([f"26-{m:02d}" for m in range(1, 13)], values, width=360, height=220, y_max=100)
    assert [x["label"] for x in long["x_labels"]] == [f"26-{m:02d}" for m in range(2, 13, 2)]  # the last month kept


def printed_overflow(browser, path: Path) -> list[tuple[str, int]]:
    """Tables wider than an A4 page's 190 mm (718 px) when printed: their right edge, else none."""
    page = browser.new_page(viewport={"width": 718, "height": 1000})
    page.emulate_media(media="print")
    page.goto(path.as_uri())
    wide = page.evaluate("""() => [...document.querySelectorAll('table')].filter(t => t.offsetParent)
        .map(t => [t.className, Math.round(t.getBoundingClientRect().right)]).filter(t => t[1] > 718)""")
    page.close()
    return [tuple(w) for w in wide]


def test_printed_tables_fit_the_paper(browser, big_month, big_month_en, tmp_path):
    """The English index's team table (14 columns) and the annual page's month strip were cut at
    the paper's right edge."""
    for report in (big_month[1] / "2026-10" / "report", big_month_en[0] / "report"):
        for path in (report / "index.html", sorted(report.glob("team-*.html"))[0], sorted(report.glob("emp-*.html"))[0]):
            assert printed_overflow(browser, path) == [], path.name
    assert printed_overflow(browser, year(tmp_path, en=True)) == []
