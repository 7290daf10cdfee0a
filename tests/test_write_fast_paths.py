"""The writers' fast paths give exactly what the plain ones gave: records, per-value formatting,
the precomputed calendar, and the report rendered by two processes instead of one."""
from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup, escape

from processor.write import filters
from processor.write import report as reportmod
from processor.write.charts import calendar_weeks
from processor.write.daycells import DayEntry, calendars
from processor.write.forked import can_fork
from processor.write.report import write_report
from processor.write.templating import environment
from processor.write.vectors import per_value, records
from write_fixtures import PHONE, sample, trend_frame


def test_records_match_to_dict():
    frame = pd.DataFrame({
        "f": [1.5, np.nan, 3.0], "i": pd.array([1, None, 3], dtype="Int64"),
        "t": pd.to_datetime(["2026-10-01", None, "2026-10-03"]), "s": pd.array(["a", None, "c"], dtype="string"),
        "o": pd.Series([np.float64(2.5), np.int64(4), None], dtype=object), "b": [True, False, True],
    })
    expected = frame.astype(object).where(frame.notna(), None).to_dict("records")
    got = records(frame)
    assert got == expected
    assert [[type(v) for v in r.values()] for r in got] == [[type(v) for v in r.values()] for r in expected]
    assert records(frame, ["s", "missing"]) == [{"s": "a", "missing": None}, {"s": None, "missing": None},
                                                {"s": "c", "missing": None}]


def test_per_value_keeps_equal_keys_of_other_types_apart():
    mixed = pd.Series([1, True, "1", None, [1, 2]], dtype=object)
    assert per_value(mixed, repr) == ["1", "True", "'1'", "None", "[1, 2]"]
    calls: list[object] = []
    plain = pd.Series(["a", "b", "a", None, "a"])
    assert per_value(plain, lambda v: calls.append(v) or f"<{v}>") == ["<a>", "<b>", "<a>", "<None>", "<a>"]
    assert calls == ["a", "b", None]  # once per distinct value


def _days() -> pd.DataFrame:
    d = pd.Timestamp("2026-10-05")
    at = lambda h, m: d + pd.Timedelta(hours=h, minutes=m)  # noqa: E731
    return pd.DataFrame({
        "employee_id": ["E1", "E1", "E1", None, "E2", "E2"],
        "date": [d, d + pd.Timedelta(days=1), d + pd.Timedelta(days=2), d, pd.NaT, d],
        "shift": ["day", "rest", "day", "day", "day", None],
        "clock_in": [at(8, 18), pd.NaT, at(8, 35), at(8, 0), at(8, 0), pd.NaT],
        "clock_out": [at(17, 33), pd.NaT, pd.NaT, at(17, 0), at(17, 0), pd.NaT],
        "outcome": pd.array(["normal", "rest", "late", "normal", "normal", None], dtype="string"),
        "late_minutes": [0, 0, 5, 0, 0, 0], "early_minutes": [0, 0, 0, 0, 0, 0],
        "fine": [0.0, 0.0, 5.0, 0.0, 0.0, np.nan],
        "evidence": ["", "", f"迟到 5 分钟,电话 {PHONE}", "", "", None],
    })


def test_calendar_texts_are_the_filters_texts():
    cal = calendars(_days(), "zh")
    assert set(cal) == {"E1", "E2"}  # no id: left out; no date: left out
    e1 = cal["E1"]
    assert e1[date(2026, 10, 5)] == [DayEntry("o-normal", None, "正常", "白班 08:18–17:33", None, None, None)]
    assert e1[date(2026, 10, 6)] == [DayEntry("o-rest", None, "休息", None, None, None, None)]
    late = e1[date(2026, 10, 7)][0]
    assert late.shift == "白班 08:35–--" and late.late == "迟到 5 分" and late.fine == filters.yuan(5.0)
    assert late.title == filters.masked(f"迟到 5 分钟,电话 {PHONE}") and PHONE not in late.title
    assert cal["E2"][date(2026, 10, 5)] == [DayEntry("o-none", None, "", None, None, None, None)]
    assert calendars(_days(), "en")["E1"][date(2026, 10, 7)][0][2:5] == ("late", "day 08:35–--", "late 5 min")


def test_calendar_macro_lays_out_the_entries():
    macros = environment("zh").get_template("macros/calendar.html").module
    weeks = calendar_weeks("2026-10", calendars(_days(), "zh")["E1"])
    html = BeautifulSoup(str(macros.calendar(weeks, "cap")), "html.parser")
    cells = {td.find(class_="d").get_text(): td for td in html.find_all("td") if td.find(class_="d")}
    assert len(cells) == 31 and cells["7"]["class"] == ["o-late"] and PHONE not in str(html)
    lines = [d.get_text() for d in cells["7"].find_all("div")]
    assert lines == ["7", "迟到", "白班 08:35–--", "迟到 5 分", "¥5.00"]
    assert cells["1"]["class"] == ["o-none"]


def _render(folder: Path, lang: str = "zh") -> dict[str, bytes]:
    scored, results, month, info = sample()
    index = write_report(folder, scored, results, month, info, trend=trend_frame(), lang=lang)
    return {p.name: p.read_bytes() for p in index.parent.iterdir()}


def test_templates_compiled_in_an_earlier_run_give_the_same_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The compiled-template cache (templating._CompiledTemplates) is written by a first run and
    read by the next; its files carry the fingerprint of the code that compiled them."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    environment.cache_clear()
    try:
        first = _render(tmp_path / "first")
        cached = sorted(p.name for p in (tmp_path / "tmp").rglob("__opscore_*.cache"))
        assert len(cached) >= 5 and len({name.split("_")[3] for name in cached}) == 1
        environment.cache_clear()  # a new run: its environment finds the compiled templates
        env = environment("zh")
        assert env.bytecode_cache is not None and env.bytecode_cache.directory.startswith(str(tmp_path / "tmp"))

        def compile_again(*args, **kwargs):
            raise AssertionError("a template was compiled again")

        monkeypatch.setattr(env, "compile", compile_again)
        assert _render(tmp_path / "second") == first
    finally:
        environment.cache_clear()


@pytest.mark.skipif(not can_fork(), reason="needs fork and two cores")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_processes_write_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str):
    alone = _render(tmp_path / "one", lang)
    monkeypatch.setattr(reportmod, "PARALLEL_MIN", 1)
    monkeypatch.setattr(reportmod, "INDEX_COST", 0)
    assert reportmod._parent_share(5, 2) == 1  # the child renders four of the five employee pages
    assert _render(tmp_path / "two", lang) == alone


@pytest.mark.skipif(not can_fork(), reason="needs fork and two cores")
def test_an_error_in_the_second_process_keeps_the_earlier_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    before = _render(tmp_path)
    monkeypatch.setattr(reportmod, "PARALLEL_MIN", 1)
    monkeypatch.setattr(reportmod, "INDEX_COST", 0)
    parent, real = os.getpid(), reportmod.employee_view

    def boom_in_child(*args, **kwargs):
        if os.getpid() != parent:
            raise RuntimeError("template broke")
        return real(*args, **kwargs)

    monkeypatch.setattr(reportmod, "employee_view", boom_in_child)
    with pytest.raises(RuntimeError, match="template broke") as info:
        _render(tmp_path)
    assert any("page-rendering process" in note for note in info.value.__notes__)
    assert {p.name: p.read_bytes() for p in (tmp_path / "report").iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


@pytest.mark.skipif(not can_fork(), reason="needs fork and two cores")
def test_a_stuck_second_process_is_stopped_and_its_pages_rendered_here(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    alone = _render(tmp_path / "one")
    monkeypatch.setattr(reportmod, "PARALLEL_MIN", 1)
    monkeypatch.setattr(reportmod, "INDEX_COST", 0)
    monkeypatch.setattr(reportmod, "CHILD_GRACE", 0.0)
    parent, real = os.getpid(), reportmod.employee_view

    def stuck_in_child(*args, **kwargs):
        if os.getpid() != parent:
            time.sleep(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(reportmod, "employee_view", stuck_in_child)
    started = time.monotonic()
    assert _render(tmp_path / "two") == alone
    assert time.monotonic() - started < 20


@pytest.mark.skipif(not can_fork(), reason="needs fork and two cores")
def test_the_portable_path_writes_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Windows and macOS never fork: ``OPSCORE_NO_FORK=1`` forces their path on a month big
    enough to be split, and every page is the same bytes as the two-process run's."""
    monkeypatch.setattr(reportmod, "PARALLEL_MIN", 1)
    monkeypatch.setattr(reportmod, "INDEX_COST", 0)
    forked = _render(tmp_path / "forked")
    monkeypatch.setenv("OPSCORE_NO_FORK", "1")
    assert not can_fork()
    assert _render(tmp_path / "portable") == forked


@pytest.mark.parametrize("value", [
    0, -3, 2.5, -0.0, 1e16, 1e-7, float("nan"), float("inf"), True, None, np.float64(0.1), np.int64(7),
    "", "a<b & 'c' \"d\"", f"call {PHONE} <now>", "emp-E1.html", "短", date(2026, 10, 1), pd.Timestamp("2026-10-01"),
    Markup("<b>kept</b>"), pd.NA])
def test_a_printed_value_is_jinja_escape_of_the_masked_value(value):
    from processor.write.templating import _masked, _printed

    assert _printed(value) == escape(_masked(value))


def test_templates_print_what_jinjas_own_code_prints():
    """The one-call printing compiled in by PrintingCodeGenerator gives the bytes of Jinja's
    ``escape(finalize(value))``, also where a template turns autoescaping off."""
    from jinja2 import Environment, StrictUndefined

    from processor.write.templating import _masked

    source = ("{{ n }} {{ x }} {{ s }} {{ p }} {{ m }} {{ n * 2 }}{{ ' ' ~ s }} {{ 'const<' }}"
              "{% autoescape false %} {{ s }} {{ p }}{% endautoescape %}")
    values = {"n": 3, "x": 0.25, "s": "a<b&c", "p": f"call {PHONE}", "m": Markup("<i>m</i>")}
    ours = environment("zh").from_string(source).render(**values)
    theirs = Environment(autoescape=True, undefined=StrictUndefined, finalize=_masked).from_string(source).render(**values)
    assert ours == theirs and PHONE not in ours
