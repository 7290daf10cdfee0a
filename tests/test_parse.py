"""Every cell spelling of inputs.md, through the vectorised parsers."""
from __future__ import annotations

import pandas as pd
import pytest

from processor import parse

T = pd.Timestamp


@pytest.mark.parametrize("text,expected", [
    ("2026-10-01 00:00:00", T("2026-10-01")),  # a real Excel date, as the reader gives it
    ("2026-10-01", T("2026-10-01")),
    ("2026/10/1", T("2026-10-01")),
    ("2026年10月1日", T("2026-10-01")),
    ("2026-10-01 星期三", T("2026-10-01")),
    ("2026/02/28 星期六", T("2026-02-28")),
    ("26-05-01 星期五", T("2026-05-01")),  # DingTalk's two-digit year
    ("２０２６－１０－０２", T("2026-10-02")),  # full-width digits
    ("2026.10.3", T("2026-10-03")),
    ("46296", T("2026-10-01")),  # an Excel serial typed as text
])
def test_dates(text, expected):
    value, bad = parse.parse_date(pd.Series([text]))
    assert not bad[0] and value[0] == expected


@pytest.mark.parametrize("text", ["x", "2026-02-30", "2026-10-01 08:30:00", "10/1"])
def test_bad_dates(text):
    value, bad = parse.parse_date(pd.Series([text]))
    assert bad[0] and pd.isna(value[0])


@pytest.mark.parametrize("text,seconds,next_day", [
    ("08:59", 8 * 3600 + 59 * 60, False),
    ("8:59:30", 8 * 3600 + 59 * 60 + 30, False),
    ("次日 02:00", 2 * 3600, True),
    ("1899-12-31 08:30:00", 8 * 3600 + 30 * 60, False),  # a real Excel time
    ("０８：３０", 8 * 3600 + 30 * 60, False),
    ("0.375", 9 * 3600, False),  # an unformatted Excel time fraction
    ("24:00", 24 * 3600, False),
])
def test_times(text, seconds, next_day):
    td, bad, nxt = parse.parse_time(pd.Series([text]))
    assert not bad[0] and td[0] == pd.Timedelta(seconds=seconds) and nxt[0] == next_day


@pytest.mark.parametrize("text", ["25:00", "8:7x", "12:60", "abc", "24:01"])
def test_bad_times(text):
    td, bad, _ = parse.parse_time(pd.Series([text]))
    assert bad[0]


def test_punch_as_full_datetime():
    td, dt_, bad, _ = parse.parse_time_or_datetime(pd.Series(["2026-10-01 08:29:59", "08:29", None]))
    assert dt_[0] == T("2026-10-01 08:29:59") and pd.isna(td[0])
    assert td[1] == pd.Timedelta(minutes=8 * 60 + 29) and not bad.any()
    assert pd.isna(td[2]) and pd.isna(dt_[2])


@pytest.mark.parametrize("text,value", [
    ("是", True), ("否", False), ("Y", True), ("n", False), ("yes", True), ("No", False),
    ("TRUE", True), ("false", False), ("1", True), ("0", False), ("√", True), ("×", False),
])
def test_yesno(text, value):
    out, bad = parse.parse_yesno(pd.Series([text]))
    assert (out.tolist(), bad.tolist()) == ([value], [False])


def test_yesno_blank_takes_default_and_junk_is_bad():
    out, bad = parse.parse_yesno(pd.Series([None, "  ", "maybe"]), default=True)
    assert out.tolist()[:2] == [True, True] and bad.tolist() == [False, False, True]


def test_ids_keep_leading_zeros_and_drop_numeric_tail():
    out, _ = parse.parse_id(pd.Series(["00123", "1001.0", " 0042 ", None]))
    assert out.tolist() == ["00123", "1001", "0042", None]


def test_satisfaction_words_and_range():
    out, bad = parse.parse_satisfaction(pd.Series(["非常满意", "满意", "一般", "不满意", "非常不满意", "4", "6", "0"]))
    assert out.tolist()[:6] == [5.0, 4.0, 3.0, 2.0, 1.0, 4.0]
    assert bad.tolist() == [False] * 6 + [True, True]


def test_scores_and_numbers():
    out, bad = parse.parse_score(pd.Series(["95", "100", "-1", "101", "x"]))
    assert out.tolist()[:2] == [95.0, 100.0] and bad.tolist() == [False, False, True, True, True]
    num, bad = parse.parse_number(pd.Series(["1,200", "95%", "３"]))
    assert num.tolist() == [1200.0, 0.95, 3.0] and not bad.any()


def test_via_uniques_matches_direct_parse():
    s = pd.Series(["001", "002", None, "001"] * 50)
    assert parse.via_uniques(parse.parse_id, s)[0].tolist() == parse.parse_id(s)[0].tolist()
