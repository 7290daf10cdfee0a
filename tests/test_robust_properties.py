"""Properties: the cell parsers never raise and read back what they are given; the attendance
rules keep their promises on any small month.

Why: the corpus shows the inputs we thought of; hypothesis looks for the ones we did not —
any text in any cell must come back as a value or as "bad" (an input problem with its row),
never as an exception, and every spelling inputs.md accepts must mean what it says. For the
rules, a few promises that no example-based test can cover in general: fines are never
negative, valid leave never becomes absence, one more late minute never lowers a fine, and
nobody is absent more days than they were scheduled.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from processor import parse
from processor.rules import apply_rules
from processor.service_cells import not_surveyed_cells
from rules_builders import attendance, leave, month, roster, rulebook

# The parsers are vectorised: each example is a whole column of cells, so few examples cover
# many values and each test stays within a few seconds.
FAST = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RULES = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WEEKDAYS = "一二三四五六日"
FULLWIDTH = str.maketrans("0123456789:-/", "０１２３４５６７８９：－／")

# Any cell as a reader may hand it over: text of any kind, blanks, None.
cell = st.one_of(st.none(), st.text(max_size=30),
                 st.sampled_from(["", "  ", "--", "nan", "次日", "24:00", "2026-02-30", "0", "1e309", "-0", "\x1b",
                                  "１２：６０", "2026年13月1日", "99:99:99", "80000", "20000", "0.9999999"]))
cells = st.lists(cell, min_size=1, max_size=60)


def series(values: list) -> pd.Series:
    return pd.Series(values, dtype=object)


def _consistent(values: pd.Series, bad: pd.Series, raw: pd.Series) -> None:
    """Same length; a blank is never bad; a bad cell has no value; a good non-blank one has one."""
    blank = parse.blank(raw)
    assert len(values) == len(bad) == len(raw)
    assert bad.dtype == bool
    assert not (bad & blank).any()
    assert values[bad.to_numpy()].isna().all()
    assert values[(~bad & ~blank).to_numpy()].notna().all()


# ---------------------------------------------------------------- never raise
@FAST
@given(cells)
def test_any_text_is_a_date_datetime_or_bad(values):
    raw = series(values)
    value, bad = parse.parse_date(raw)
    _consistent(value, bad, raw)
    assert (value.dropna() == value.dropna().dt.normalize()).all()
    value, bad, has_time = parse.parse_datetime(raw)
    _consistent(value, bad, raw)
    assert not (has_time & value.isna()).any()


@FAST
@given(cells)
def test_any_text_is_a_time_or_bad(values):
    raw = series(values)
    td, bad, nxt = parse.parse_time(raw)
    _consistent(td, bad, raw)
    good = td.dropna()
    assert ((good >= pd.Timedelta(0)) & (good <= pd.Timedelta(hours=24))).all()
    td2, dt2, bad2, _ = parse.parse_time_or_datetime(raw)
    assert not (bad2 & (td2.notna() | dt2.notna())).any()


@FAST
@given(cells, st.sampled_from([True, False]))
def test_any_text_is_yes_no_or_bad(values, default):
    raw = series(values)
    value, bad = parse.parse_yesno(raw, default=default)
    assert value.dtype == bool and len(value) == len(raw)
    assert (value[parse.blank(raw).to_numpy()] == default).all()
    assert not (bad & parse.blank(raw)).any()


@FAST
@given(cells)
def test_any_text_is_a_number_score_or_satisfaction_or_bad(values):
    raw = series(values)
    for parser, low, high in ((parse.parse_number, None, None), (parse.parse_score, 0, 100),
                              (parse.parse_satisfaction, 1, 5)):
        value, bad = parser(raw)
        if parser is parse.parse_satisfaction:  # 未评价, Offered, "-": not surveyed, no value (issue 20)
            keep = ~not_surveyed_cells(raw).to_numpy()
            value, bad, raw = value[keep], bad[keep], raw[keep]
        _consistent(value, bad, raw)
        if low is not None:
            assert value.dropna().between(low, high).all()


@FAST
@given(cells)
def test_any_text_is_an_id_and_ids_survive_uniques(values):
    raw = series(values * 5)
    direct, bad = parse.parse_id(raw)
    assert not bad.any()
    assert parse.via_uniques(parse.parse_id, raw)[0].tolist() == direct.tolist()
    assert all(v is None or (isinstance(v, str) and v == v.strip() and v) for v in direct)


# ---------------------------------------------------------------- read back what they are given
dates = st.lists(st.dates(min_value=dt.date(1955, 1, 1), max_value=dt.date(2099, 12, 31)), min_size=1, max_size=20)


def spellings(d: dt.date) -> list[str]:
    """Every way inputs.md lets a date be written (and the reader hands a real Excel date over)."""
    iso = d.isoformat()
    out = [iso, f"{iso} 00:00:00", f"{d.year}/{d.month}/{d.day}", f"{d.year}/{d.month:02d}/{d.day:02d}",
           f"{d.year}年{d.month}月{d.day}日", f"{d.year}.{d.month}.{d.day}", f"{iso} 星期{WEEKDAYS[d.weekday()]}",
           f"{d.year}/{d.month}/{d.day}(周{WEEKDAYS[d.weekday()]})", iso.translate(FULLWIDTH), f" {iso} ",
           str((d - dt.date(1899, 12, 30)).days)]  # the Excel serial typed as text
    if d.year >= 2000:
        out.append(f"{d.year % 100:02d}-{d.month:02d}-{d.day:02d}")  # DingTalk's two-digit year
    return out


@FAST
@given(dates)
def test_a_date_in_every_spelling_reads_back_as_itself(ds):
    texts = [t for d in ds for t in spellings(d)]
    expected = [pd.Timestamp(d) for d in ds for _ in spellings(d)]
    value, bad = parse.parse_date(series(texts))
    assert not bad.any(), [t for t, b in zip(texts, bad) if b]
    assert value.tolist() == expected


clock = st.tuples(st.integers(0, 23), st.integers(0, 59), st.integers(0, 59))


@FAST
@given(dates, st.lists(clock, min_size=1, max_size=20))
def test_a_datetime_reads_back_and_says_it_has_a_time(ds, times):
    pairs = [(d, t) for d, t in zip(ds * len(times), times) if t != (0, 0, 0)]
    assume(pairs)
    texts, expected = [], []
    for d, (h, m, s) in pairs:
        texts += [f"{d.isoformat()} {h:02d}:{m:02d}:{s:02d}", f"{d.year}/{d.month}/{d.day} {h}:{m:02d}:{s:02d}",
                  f"{d.year}年{d.month}月{d.day}日 {h:02d}:{m:02d}:{s:02d}"]
        expected += [pd.Timestamp(dt.datetime.combine(d, dt.time(h, m, s)))] * 3
    value, bad, has_time = parse.parse_datetime(series(texts))
    assert not bad.any() and has_time.all()
    assert value.tolist() == expected


@FAST
@given(st.lists(clock, min_size=1, max_size=30))
def test_a_time_formatted_any_way_round_trips(times):
    texts, expected = [], []
    for h, m, s in times:
        spelled = [f"{h:02d}:{m:02d}:{s:02d}", f"{h}:{m:02d}:{s:02d}", f"1899-12-31 {h:02d}:{m:02d}:{s:02d}",
                   f"{h:02d}:{m:02d}:{s:02d}".translate(FULLWIDTH), repr((h * 3600 + m * 60 + s) / 86400),
                   f" {h:02d}:{m:02d}:{s:02d} "]
        texts += spelled
        expected += [pd.Timedelta(hours=h, minutes=m, seconds=s)] * len(spelled)
    td, bad, nxt = parse.parse_time(series(texts))
    assert not bad.any() and not nxt.any()
    assert td.tolist() == expected, [(t, v) for t, v, e in zip(texts, td, expected) if v != e]
    # formatting what was read gives the text back
    back = [f"{int(v.total_seconds()) // 3600:02d}:{int(v.total_seconds()) % 3600 // 60:02d}:"
            f"{int(v.total_seconds()) % 60:02d}" for v in td[::6]]
    assert back == texts[::6]
    td, bad, nxt = parse.parse_time(series([f"次日 {h:02d}:{m:02d}" for h, m, _ in times]))
    assert not bad.any() and nxt.all() and td.tolist() == [pd.Timedelta(hours=h, minutes=m) for h, m, _ in times]


@FAST
@given(st.lists(st.tuples(st.sampled_from(sorted(parse.YES | parse.NO)),
                          st.sampled_from([str.upper, str.lower, str.title]),
                          st.sampled_from(["", " ", "\u3000"])), min_size=1, max_size=30))
def test_yes_no_in_any_case_and_padding(words):
    value, bad = parse.parse_yesno(series([pad + case(w) + pad for w, case, pad in words]), default=None)
    assert not bad.any() and value.tolist() == [w in parse.YES for w, _, _ in words]


@FAST
@given(st.lists(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
                min_size=1, max_size=30))
def test_a_number_reads_back(xs):
    texts = [t for x in xs for t in (repr(x), f"{x:,.2f}", f"{x:.4f}".translate(FULLWIDTH), f"{x:.2f}%")]
    value, bad = parse.parse_number(series(texts))
    assert not bad.any()
    for i, x in enumerate(xs):
        exact, commas, wide, pct = value[4 * i:4 * i + 4]
        assert exact == x
        assert abs(commas - round(x, 2)) <= 1e-6 * max(1.0, abs(x))
        assert abs(wide - round(x, 4)) <= 1e-6 * max(1.0, abs(x))
        assert abs(pct - round(x, 2) / 100) <= 1e-9 * max(1.0, abs(x))


# ---------------------------------------------------------------- the attendance rules
EMPS = ("E1", "E2", "E3")
DAYS = pd.date_range("2026-10-05", periods=5)  # Monday to Friday: no public holiday
punch = st.one_of(st.none(), st.integers(min_value=-40, max_value=50))  # minutes after the shift start / end
day_cells = st.tuples(st.sampled_from(["day", "day", "day", "rest"]), punch, punch, st.booleans())
month_cells = st.lists(day_cells, min_size=len(EMPS) * len(DAYS), max_size=len(EMPS) * len(DAYS))


def build(cells: list[tuple], late_extra: dict[int, int] | None = None) -> pd.DataFrame:
    """Attendance of E1–E3 over five weekdays; ``late_extra`` adds minutes to some clock-ins."""
    rows = []
    for i, (shift, cin, cout, pre) in enumerate(cells):
        emp, d = EMPS[i % len(EMPS)], DAYS[i // len(EMPS)]
        if shift == "rest":
            rows.append({"employee_id": emp, "date": d, "shift": "rest", "pre_approved": pre})
            continue
        start, end = d + pd.Timedelta(hours=8, minutes=30), d + pd.Timedelta(hours=17, minutes=30)
        if cin is not None:
            cin += (late_extra or {}).get(i, 0)
        rows.append({"employee_id": emp, "date": d, "shift": "day", "shift_start": start, "shift_end": end,
                     "clock_in": None if cin is None else start + pd.Timedelta(minutes=cin),
                     "clock_out": None if cout is None else end + pd.Timedelta(minutes=cout),
                     "pre_approved": pre})
    return attendance(*rows)


def rules_on(att: pd.DataFrame, lv: pd.DataFrame | None = None):
    tables = {"roster": roster(*[(e, "A", "客服专员") for e in EMPS]), "attendance": att}
    if lv is not None:
        tables["leave"] = lv
    return apply_rules(month(**tables), RB)


RB = rulebook()


@RULES
@given(month_cells, st.data())
def test_fines_never_negative_absence_within_schedule_and_a_late_minute_never_lowers_a_fine(cells, data):
    att = build(cells)
    r = rules_on(att)
    assert (r.findings["fine"] >= 0).all()
    assert (r.employees["fines_total"] >= 0).all()
    scheduled = att[att["shift"] != "rest"].groupby("employee_id").size()
    absent = r.employees.set_index("employee_id")["absence_days"]
    assert (absent <= scheduled.reindex(absent.index, fill_value=0)).all()

    worked = [i for i, c in enumerate(cells) if c[0] == "day" and c[1] is not None]
    assume(worked)
    i = data.draw(st.sampled_from(worked))
    before = r.employees.set_index("employee_id")["fines_total"]
    after = rules_on(build(cells, {i: 1})).employees.set_index("employee_id")["fines_total"]
    assert (after >= before).all(), (i, cells[i])


@RULES
@given(month_cells, st.lists(st.tuples(st.sampled_from(EMPS), st.integers(0, len(DAYS) - 1),
                                       st.sampled_from(["annual", "personal", "marriage"])),
                             min_size=1, max_size=4, unique_by=lambda t: (t[0], t[1])))
def test_a_valid_leave_never_yields_absence(cells, requests):
    """One-day requests made a week ahead, in person, approved by the operations manager."""
    lv = leave(*[{"employee_id": e, "start": f"{DAYS[k]:%Y-%m-%d}", "leave_type": t, "approver_role": "运营经理",
                  "requested_at": "2026-09-28 09:00"} for e, k, t in requests])
    r = rules_on(build(cells), lv)
    assert r.leave["valid"].all(), r.leave[["employee_id", "start", "failed_rules"]]
    days = r.days.set_index(["employee_id", "date"])
    for e, k, _ in requests:
        assert days.loc[(e, DAYS[k]), "outcome"] != "absence"
    absences = r.findings[r.findings["rule_id"] == "ATT-ABSENCE"]
    on_leave = {(e, DAYS[k]) for e, k, _ in requests}
    assert not any((f["employee_id"], f["date"]) in on_leave for f in absences.to_dict("records"))


# ------------------------------------------------------------------ verdict-only exports (WeCom 月报)

verdict_word = st.sampled_from(["正常", "休息", "旷工", "缺卡1次", "缺卡2次", "上班缺卡", "下班缺卡", "事假1天", "加班2小时",
                                "无需打卡（请假）", "迟到", "早退", "补卡", "外出", "; ", ";", "\n", "", "--"])


@FAST
@given(st.lists(st.one_of(cell, verdict_word, st.lists(verdict_word, max_size=4).map("; ".join)), min_size=1, max_size=60))
def test_any_verdict_cell_is_a_day_or_a_located_reason(values):
    """Whatever a 月报's day cell holds, it becomes a day (worked or rest), no day, or a reason it
    cannot be read; never an exception. A worked day has a shift, a rest day has no punch."""
    from processor.read.exports.verdict_days import rebuild

    built, why = rebuild(series(values), "09:00-18:00")
    assert set(why) <= {"", "minutes", "words", "long"}
    assert not (built["keep"] & why.ne("")).any()
    work = built["keep"] & built["shift"].ne("rest")
    assert built.loc[work, "shift_start"].eq(pd.Timedelta(hours=9)).all()
    assert built.loc[~work, ["clock_in", "clock_out"]].isna().all().all()


@FAST
@given(st.lists(st.tuples(st.integers(0, 600), st.integers(0, 600)), min_size=1, max_size=30),
       st.sampled_from(["09:00-18:00", "22:00-次日06:00", "08:30-17:30"]))
def test_verdict_minutes_are_the_minutes_the_export_states(pairs, shift):
    """``迟到N分钟; 早退M分钟`` puts the clock-in N minutes after the start and the clock-out M
    minutes before the end, on any shift (crossing midnight included), in hours or minutes."""
    from processor.read.exports.verdict_days import rebuild

    def spell(word: str, n: int) -> str:
        return f"{word}{n // 60}小时{n % 60}分钟" if n >= 60 else f"{word}{n}分钟"

    texts = ["; ".join(p for p in ((spell("迟到", a) if a else ""), (spell("早退", b) if b else "")) if p) or "正常"
             for a, b in pairs]
    built, why = rebuild(series(texts), shift)
    length = 8 * 60 if shift.startswith("22") else 9 * 60
    # minutes as long as the shift, with no punch in the cell, are a located problem (issue 12):
    # no time outside the export is invented for them
    long = [a >= length or b >= length for a, b in pairs]
    assert why.tolist() == ["long" if x else "" for x in long]
    keep = [not x for x in long]
    built, pairs = built[keep], [p for p, k in zip(pairs, keep) if k]
    start = built["shift_start"]
    end = built["shift_end"] + pd.to_timedelta(built["shift_end_next_day"].astype(int), unit="D")
    cin = built["clock_in"] + pd.to_timedelta(built["clock_in_next_day"].astype(int), unit="D")
    cout = built["clock_out"] + pd.to_timedelta(built["clock_out_next_day"].astype(int), unit="D")
    late = ((cin - start).dt.total_seconds() // 60).astype(int).tolist()
    early = ((end - cout).dt.total_seconds() // 60).astype(int).tolist()
    assert late == [a for a, _ in pairs] and early == [b for _, b in pairs]
