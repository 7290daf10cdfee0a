"""The HTML report, parsed with BeautifulSoup: exact figures, escaping, no network, safe names."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from processor.write import charts, filters
from processor.write import report as reportmod
from processor.write.report import slug, unique_slugs, write_report
from processor.write.templating import environment, template_dir
from write_fixtures import FORMULA_NAME, PATH_ID, PHONE, SCRIPT_NAME, sample, trend_frame

VERDICT_E003 = ("不合格(视为自动离职):当月旷工第4天视为自动离职 2026-10-22,001 客户部管理制度2 · 考勤管理制度 2;"
                "仅按总分 47.33 应为不合格")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scored, results, month, info = sample()
    out = tmp_path_factory.mktemp("rep")
    index = write_report(out, scored, results, month, info, trend=trend_frame())
    assert index == out / "report" / "index.html"
    return index.parent


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scored, results, month, info = sample("en")
    return write_report(tmp_path_factory.mktemp("rep-en"), scored, results, month, info, lang="en").parent


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def table_rows(table) -> list[list[str]]:
    return [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]


def test_pages_written(site: Path):
    names = sorted(p.name for p in site.iterdir())
    assert names == sorted(["index.html", "emp-E001.html", "emp-E002.html", "emp-E003.html", "emp-E004.html",
                            f"emp-{slug(PATH_ID)}.html", f"team-{slug('一组')}.html",
                            f"team-{slug('二组/B')}.html"])
    assert not list(site.parent.glob("report.tmp-*"))


def test_overview_cards_and_team_table(site: Path):
    page = soup(site / "index.html")
    assert page.find(id="kpi-employees").get_text(strip=True) == "5"
    assert page.find(id="kpi-fines").get_text(strip=True) == "¥415.00"
    assert page.find(id="kpi-points").get_text(strip=True) == "−5 / +2"
    assert page.find(id="kpi-actions").get_text(strip=True) == "3"  # E003 resigned, E004 合格, E002 a missing punch
    assert page.find(id="kpi-candidates").get_text(strip=True) == "1"  # good news, not counted as work
    rows = table_rows(page.find("table", class_="teams"))
    assert rows[0] == ["班组", "部门", "人数", "管理人数", "参评人数", "未参评", "平均分", "优秀", "良好", "合格", "不合格",
                       "罚款合计(元)", "加减分", "旷工天数"]
    # under each team name its ORG-SPAN check, the Teams sheet's findings column
    assert rows[1] == ["一组 班组 一组 员工(班长以下)3 人,不在 12–14 人之间", "客户服务部", "3", "3", "2", "1", "90.33",
                       "1", "1", "0", "0", "¥15.00", "+2", "0"]
    assert rows[2] == ["二组/B 班组 二组/B 员工(班长以下)2 人,不在 12–14 人之间", "客户服务部", "2", "2", "2", "0",
                       "54.50", "0", "0", "1", "1", "¥400.00", "−5", "4"]
    link = page.find("table", class_="teams").find("a", string="二组/B")
    assert (site / link["href"]).is_file()


def test_overview_indicators_against_targets(site: Path):
    rows = {r[0]: r[1:] for r in table_rows(soup(site / "index.html").find("table", class_="indicators"))}
    # satisfaction mean over the three agents with data: (0.95 + 0.6) / 2 … E002 has none
    assert rows["客户满意度"] == ["77.5%", "90.0%", "未达标"]
    assert rows["问题解决率"] == ["90.0%", "95.0%", "未达标"]  # (1.0 + 0.9 + 0.8) / 3
    assert rows["响应及时率"] == ["93.3%", "90.0%", "达标"]
    assert rows["每百单被投诉 (越低越好)"] == ["5.00", "≤ 0.50", "未达标"]  # 2 complaints in 40 tickets


def test_overview_due_date_actions_and_trend(site: Path):
    page = soup(site / "index.html")
    due = page.find(class_="due").get_text(" ", strip=True)
    assert due == "考核截止日 2026-11-10 按时"
    captions = [c.get_text(strip=True) for c in page.select("table.actions caption")]
    assert captions == ["视为自动离职 (1)", "辅导名单 (1)"]
    assert page.find(id="candidates").find("li").get_text(" ", strip=True) == "张伟 一组 99.50"
    trend = table_rows(page.find("table", class_="trend"))
    assert trend[1] == ["2026-08", "5", "78.20", "¥120.00", "1", "2", "1", "1"]
    chart = page.find("svg", class_="line-chart")
    assert len(chart.find_all("circle")) == 3 and chart.find("polyline") is not None
    bars = page.find("svg", class_="bar-chart").find_all("rect")
    assert [b["class"][0] for b in bars] == ["g-excellent", "g-good", "g-pass", "g-fail"]


def test_hostile_text_is_escaped_everywhere(site: Path):
    for path in site.iterdir():
        html = path.read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        assert page.find("script") is None, path.name
        assert "<script>alert" not in html, path.name
    page = soup(site / "emp-E003.html")
    assert page.h1.get_text(" ", strip=True).startswith(SCRIPT_NAME)
    index = soup(site / "index.html")
    assert SCRIPT_NAME in index.get_text() and FORMULA_NAME in index.get_text()


def test_no_external_reference_anywhere(site: Path):
    for path in site.iterdir():
        html = path.read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        for tag in page.find_all(True):
            for attr in ("src", "href", "action", "xlink:href", "srcset", "data"):
                value = tag.get(attr)
                if value:
                    assert not re.match(r"^\s*(https?:|//|file:|javascript:)", value, re.I), (path.name, value)
        assert page.find("link") is None and page.find("img") is None and page.find("iframe") is None
        assert "@import" not in html and "url(" not in html
        assert page.find("style") is not None  # inline CSS
        assert "@media print" in html and "Noto Sans CJK SC" in html


def test_phone_numbers_masked_on_every_page(site: Path):
    texts = {p.name: p.read_text(encoding="utf-8") for p in site.iterdir()}
    assert not any(PHONE in t for t in texts.values())
    assert "138****1234" in texts["emp-E002.html"]


def test_needs_attention_by_severity(site: Path):
    """One row per person at their most severe reason, with the cause and the amount."""
    rows = table_rows(soup(site / "index.html").find("table", class_="attention"))
    assert rows[0] == ["类别", "姓名", "等级", "罚款", "原因", "班组", "工号"]
    assert [(r[0], r[6], r[3]) for r in rows[1:]] == [("视为自动离职", "E003", "¥400.00"), ("合格", "E004", "¥0.00"),
                                                     ("缺卡待核", "E002", "¥10.00")]
    assert rows[1][4] == VERDICT_E003
    assert rows[2][4] == "合格:总分 61.67,在 60–80 分档"
    assert rows[3][4] == "缺卡 1 次,待核实是否补卡"


def test_employee_page_explains_every_figure(site: Path):
    page = soup(site / "emp-E003.html")
    assert page.find(id="verdict").get_text(" ", strip=True) == "等级说明 " + VERDICT_E003
    fines = table_rows(page.find(id="findings-fines").find("table"))
    assert fines[0] == ["日期", "规则", "依据", "制度出处", "罚款(元)", "加减分"]
    assert len(fines) == 6 and fines[1][:2] == ["2026-10-13", "旷工按天罚款 ATT-ABSENCE"]  # the title first, the id after
    assert fines[1][4] == "¥100.00" and fines[-1] == ["小计", "¥400.00", ""]
    records = page.find(id="findings-records")
    assert records.name == "details" and not records.has_attr("open")  # ¥0, 0-point rows folded
    assert [r[1] for r in table_rows(records.find("table"))[1:]] == [
        *["无打卡且无有效请假按旷工处理 ATT-NOSHOW"] * 3, "当月旷工第4天视为自动离职 APR-VETO",
        "无打卡且无有效请假按旷工处理 ATT-NOSHOW", "当月旷工第4天视为自动离职 ATT-RESIGN",
        "不合格或质检低于60分列入辅导,连续2个月或全年3个月升级处理 APR-COACH", "质检样本不足 QA-SAMPLE"]
    assert page.find(id="findings-points") is None
    assert page.find(id="fines").get_text(strip=True) == "¥400.00"
    assert page.find(id="fines-head").get_text(strip=True) == "¥400.00"
    comp = page.find("svg", class_="hbar-chart")
    assert "总分" in comp.get_text() and "47.33" in comp.get_text()
    assert comp.find("rect", class_="g-fail") is not None
    signs = page.find("section", class_="sign").get_text(" ", strip=True)
    assert signs == "员工签字 日期 主管签字 日期"
    points = table_rows(soup(site / "emp-E004.html").find(id="findings-points").find("table"))
    assert points[-1] == ["小计", "", "−5"]


def test_employee_calendar(site: Path):
    cal = soup(site / "emp-E003.html").find("table", class_="cal")
    assert [th.get_text() for th in cal.thead.find_all("th")] == list("一二三四五六日")
    weeks = cal.tbody.find_all("tr")
    assert len(weeks) == 5 and all(len(w.find_all("td")) == 7 for w in weeks)
    cells = {td.find(class_="d").get_text(): td for w in weeks for td in w.find_all("td") if td.find(class_="d")}
    assert len(cells) == 31
    assert weeks[0].find_all("td")[3].find(class_="d").get_text() == "1"  # 2026-10-01 is a Thursday
    assert "o-absence" in cells["13"]["class"] and "旷工" in cells["13"].get_text()
    assert "o-rest" in cells["3"]["class"]
    late = soup(site / "emp-E001.html").find("table", class_="cal")
    nine = next(td for td in late.find_all("td") if td.find(class_="d") and td.find(class_="d").get_text() == "9")
    assert "o-late" in nine["class"] and "迟到 5 分" in nine.get_text(" ", strip=True)


def test_component_chart_shows_the_weights_each_component_carried(site: Path):
    """Scored.weights as numbers: E002 had no satisfaction data, so its 20% went to the others
    (response 10/80 = 12.5% → 12%, QA 20/80 = 25%); the not-appraised employee shows the profile's."""
    def bars(name: str) -> list[str]:
        chart = soup(site / name).find("svg", class_="hbar-chart")
        return [t.get_text(strip=True) for t in chart.find_all("text") if "·" in t.get_text()]

    assert bars("emp-E002.html") == ["满意度得分 · 0%", "响应及时得分 · 12%", "问题解决得分 · 12%", "首问解决得分 · 12%",
                                     "质检得分 · 25%", "上级评分 · 19%", "考勤纪律得分 · 19%"]
    assert bars(f"emp-{slug(PATH_ID)}.html") == ["上级评分 · 30%", "部门指标得分 · 55%", "考勤纪律得分 · 15%"]


def test_missing_metric_shows_a_dash(site: Path):
    rows = {r[0]: r[1:] for r in table_rows(soup(site / "emp-E002.html").find("table", class_="indicators"))}
    assert rows["客户满意度"] == ["—", "90.0%", "无数据"]
    assert rows["首问解决率"] == ["70.0%", "80.0%", "未达标"]
    assert rows["每百单被投诉 (越低越好)"][1] == "≤ 0.50"  # the target is a ceiling, as on the overview
    page = soup(site / f"emp-{slug(PATH_ID)}.html")
    assert "未参评" in page.find(id="profile").get_text() and page.find(id="total").get_text() == "—"


def test_team_page(site: Path):
    page = soup(site / f"team-{slug('二组/B')}.html")
    members = table_rows(page.find("table", class_="people"))
    assert [r[0] for r in members[1:]] == ["E004", "E003"]  # by grade, then total
    assert members[0][-4:] == ["旷工天数", "迟到次数", "缺卡次数", "标记"]
    assert members[1][3:7] == ["61.67", "合格", "0.80", "¥0.00"]
    assert members[2][-4:-1] == ["4", "0", "0"]  # E003: four absence days
    findings = table_rows(page.find("table", class_="findings"))
    assert findings[1][1] == "ORG-SPAN" and findings[1][2] == "班组 二组/B 员工(班长以下)2 人,不在 12–14 人之间"
    kpis = {r[0]: r[1:] for r in table_rows(page.find("table", class_="kpis"))}
    assert kpis["客户满意度"] == ["60.0%", "77.5%", "90.0%", "未达标"]  # E003 alone has data in 二组/B
    assert kpis["罚款合计(元)(人均)"][:2] == ["¥200.00", "¥83.00"]


def test_slugs_cannot_leave_the_folder(site: Path):
    for value in (PATH_ID, "..", "/etc/passwd", "a\\b", "", "x" * 500, "一组", "E-001_a"):
        s = slug(value)
        assert re.fullmatch(r"[\w-]{1,64}", s), s
        assert ".." not in s and "/" not in s and "." not in s
    assert slug("E-001_a") == "E-001_a" and slug(PATH_ID) == "_2e_2e_2f_2e_2e_2fetc"
    assert slug("一组") == "一组" and slug("二组/B") == "二组_2fB"  # readable, never a path
    assert slug("x" * 500) != slug("x" * 499)
    names = unique_slugs(["a/b", "a_2fb", "E001", "e001"], "emp")
    assert len({n.lower() for n in names.values()}) == 4
    assert (site / f"emp-{slug(PATH_ID)}.html").is_file()
    assert not (site.parent / "etc.html").exists() and not (site.parent.parent / "etc.html").exists()


def test_english_report(english: Path):
    page = soup(english / "index.html")
    assert page.html["lang"] == "en"
    assert page.find(id="kpi-fines").get_text(strip=True) == "¥415.00"
    caps = [c.get_text(strip=True) for c in page.select("table.actions caption")]
    assert caps == ["deemed resignation (1)", "coaching (1)"]
    assert "The ledger holds this month only" in page.get_text()
    assert table_rows(page.find("table", class_="trend"))[1][0] == "2026-10"


def test_failed_render_keeps_the_earlier_report(tmp_path: Path, monkeypatch):
    scored, results, month, info = sample()
    index = write_report(tmp_path, scored, results, month, info)
    before = index.read_text(encoding="utf-8")

    def boom(*args, **kwargs):
        raise RuntimeError("template broke")

    monkeypatch.setattr(reportmod, "employee_view", boom)
    with pytest.raises(RuntimeError):
        write_report(tmp_path, scored, results, month, info)
    assert index.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_macros_draw_what_charts_compute():
    env = environment("zh")
    macros = env.get_template("macros/charts.html").module
    chart = charts.bar_chart([{"label": "<b>", "value": 3, "cls": "g-good"}, {"label": "b", "value": None}])
    svg = BeautifulSoup(str(macros.bar_chart(chart, "t")), "html.parser")
    rects = svg.find_all("rect")
    assert len(rects) == 2 and rects[0]["height"] == str(chart["bars"][0]["h"]) and rects[1]["height"] == "0.0"
    assert svg.find("b") is None and "<b>" in svg.get_text()


def test_chart_geometry():
    assert charts.nice_ticks(83) == [0, 20, 40, 60, 80, 100]
    assert charts.nice_ticks(3, 4, integer=True) == [0, 1, 2, 3]
    line = charts.line_chart(["a", "b", "c"], [50, None, 70], y_max=100)
    assert len(line["points"]) == 2 and line["lines"] == []  # a gap leaves no segment
    weeks = charts.calendar_weeks("2026-10", {})
    assert weeks[0][3]["day"] == 1 and weeks[0][0]["day"] is None and weeks[-1][5]["day"] == 31
    h = charts.hbar_chart([{"label": "x", "value": 150, "target": 90}], max_value=100)
    assert h["rows"][0]["w"] == h["x1"] - h["x0"]


def test_filters():
    assert filters.pct(0.8) == "80.0%" and filters.pct(float("nan")) == "—"
    assert filters.yuan(1234.5) == "¥1,234.50" and filters.yuan(None) == "—"
    assert filters.signed(-5.0) == "−5" and filters.signed(2) == "+2"
    assert filters.count(3.0) == "3" and filters.num(95.456) == "95.46"
    assert filters.grade("excellent") == "优秀" and filters.grade("fail", "en") == "fail"
    assert filters.outcome("late_early") == "迟到早退"
    assert filters.masked(f"call {PHONE}") == "call 138****1234"


def test_template_dir_from_checkout():
    assert (template_dir() / "_layout.html").is_file()
    assert (template_dir() / "macros" / "charts.html").is_file()
