"""One reader of "person × day" exports: which sheets of a file are an app's export, and how.

Why: DingTalk and WeCom exports hold the same data in three shapes (:mod:`.apps`): a daily
sheet (one row per person-day), a per-punch sheet, and person × day matrices of verdicts or of
punch times. Sheets are recognised by their structure (title rows, grouped headers, person
columns, day columns whatever their labels) and the app's words, never by day labels alone.
A file holds at most one export per app:

* daily and per-punch sheets make one table; the per-punch rows fill the person-days the daily
  sheet lacks, or replace days the daily sheet could only rebuild from its results;
* verdict matrices (DingTalk 月度汇总, WeCom 月报) make a verdict-only table whose days are
  rebuilt from the cells (:mod:`.verdict_days`); beside daily sheets DingTalk's are only noted;
* punch-time matrices (DingTalk 打卡时间, WeCom 打卡时间记录) fill those rebuilt days with real
  punches (:func:`.matrix.fill_times`); alone they are one message in the app's words
  (:func:`times_alone`).
"""
from __future__ import annotations

import pandas as pd

from ...errors import Problem
from ..sheets import RawSheet
from .apps import APPS, App
from .common import ExportTable, Header, empty_rows, find_header, title_text
from .days import borrow_shifts, supplement, unknown_windows
from .matrix import day_columns, read_matrix, read_times
from .sheets import daily, pair_columns, punch_list
from .verdict_days import DEFAULT_VERDICT_SHIFT

Found = list[tuple[str, RawSheet, Header]]  # (shape, sheet, header) in sheet order


def _foreign(app: App, h: Header) -> bool:
    return any(o.has_signature(h) for o in APPS if o is not app)


def _as_daily(app: App, sheet: RawSheet) -> Header | None:
    def test(h: Header) -> bool:
        if _foreign(app, h):
            return False
        clue = app.has_signature(h) or app.named(sheet.sheet, app.daily_sheets) or (
            app.shift_is_clue and h.find(*app.shift) is not None)
        return bool(pair_columns(app, h)) or (h.find(*app.verdict) is not None and clue)
    return find_header(sheet, app.names, [app.date], test=test)


def _as_punches(app: App, sheet: RawSheet) -> Header | None:
    if not app.punch_needs_clue:
        return find_header(sheet, app.names, [app.punch_date, app.punch_kind, app.punch_time])
    named = app.named(sheet.sheet, app.punch_sheets)
    h = find_header(sheet, app.names, [app.punch_date, app.punch_time], test=lambda x: (
        named or app.has_signature(x) or x.find(app.punch_status[0]) is not None))
    if h is not None and (named or app.has_signature(h) or app.matrix_title in title_text(sheet, h)):
        return h
    return None


def _as_matrix(app: App, sheet: RawSheet) -> tuple[str, Header] | None:
    h = find_header(sheet, app.names, test=lambda x: bool(day_columns(x)) and not _foreign(app, x))
    if h is None:
        return None
    name = sheet.sheet.strip()
    times = name == app.times_sheet if app.matrix_names_exact else app.times_sheet in name
    named = name in app.matrix_sheets if app.matrix_names_exact else app.named(name, app.matrix_sheets)
    if times:
        return "times", h
    if named or app.has_signature(h) or h.find(*app.account) is not None or app.matrix_title in title_text(sheet, h):
        return "matrix", h
    return None


def _shape(app: App, sheet: RawSheet) -> tuple[str, Header] | None:
    """The shape of ``sheet`` as ``app``'s export: daily, punches, matrix, times, or None."""
    tries = (("punches", _as_punches), ("daily", _as_daily))
    for shape, find in (tries if app.punch_list_first else tries[::-1]):
        h = find(app, sheet)
        if h is not None:
            return shape, h
    return _as_matrix(app, sheet)


def detect(app: App, sheets: list[RawSheet], month: str | None = None,
           verdict_shift: str = DEFAULT_VERDICT_SHIFT) -> list[ExportTable]:
    """``app``'s export among one file's sheets (one per file)."""
    found: Found = []
    for sheet in sheets:
        shape = _shape(app, sheet)
        if shape is not None:
            found.append((shape[0], sheet, shape[1]))
    if not found:
        return []
    name = sheets[0].source.name
    matrices = [f for f in found if f[0] in ("matrix", "times")]
    if len(matrices) == len(found):
        return _matrix_tables(app, name, matrices, month, verdict_shift)
    table = _daily_table(app, name, [f for f in found if f[0] in ("daily", "punches")], verdict_shift, month)
    if not matrices:
        return [table]
    if app.matrices_beside_daily:
        return [table, *_matrix_tables(app, name, matrices, month, verdict_shift)]
    table.notes.append(f"{name}: {'、'.join(s.sheet for _, s, _ in matrices)} 未读入(每日统计/原始记录已有打卡)"
                       "‖monthly matrix sheets not read: the daily sheets hold the punches")
    table.sheets += [s.sheet for _, s, _ in matrices]
    return [table]


def _daily_table(app: App, name: str, found: Found, verdict_shift: str, month: str | None = None) -> ExportTable:
    """Daily and per-punch sheets as one table of person-days."""
    daily_parts, punch_parts, problems, where = [], [], [], {}
    has_punches = False
    for shape, sheet, h in found:
        if shape == "daily":
            rows, probs, punches = daily(app, sheet, h, verdict_shift, month)
            where[sheet.sheet] = h.locate(date=h.find(*app.date), shift=h.find(*app.shift))
            daily_parts.append(rows)
            has_punches |= punches
        else:
            rows, probs = punch_list(app, sheet, h, month)
            where[sheet.sheet] = h.locate(date=h.find(*app.punch_date))
            punch_parts.append((sheet, rows))
        problems += probs
    primary = pd.concat(daily_parts, ignore_index=True) if daily_parts else empty_rows()
    rebuilt_only = app.rebuild_daily and not has_punches
    if punch_parts and rebuilt_only:  # real punches beat days rebuilt from results
        rebuilt, primary = primary, empty_rows()
        for _, extra in punch_parts:
            primary = supplement(primary, extra)
        primary = supplement(borrow_shifts(primary, rebuilt), rebuilt)
    for _, extra in punch_parts:
        primary = supplement(primary, extra)
    for sheet, _ in punch_parts:
        problems += unknown_windows(sheet, primary)
    notes = []
    if daily_parts and punch_parts and not rebuilt_only:
        per_punch = "、".join(s.sheet for s, _ in punch_parts)
        notes.append(f"{name}: {per_punch}仅用于逐日表中没有的人天‖{per_punch} used only for person-days "
                     "the daily sheet lacks")
    return ExportTable(app.daily_kind, name, [s.sheet for _, s, _ in found], primary, problems,
                       verdict_only=rebuilt_only and not punch_parts, notes=notes, headers=where, app=app.name)


def _matrix_tables(app: App, name: str, found: Found, month: str | None, verdict_shift: str) -> list[ExportTable]:
    """Verdict matrices as one verdict-only table; punch-time matrices one table each."""
    out = []
    verdicts = [(s, h) for shape, s, h in found if shape == "matrix"]
    if verdicts:
        parts = [read_matrix(s, h, month, app.idents, verdict_shift) for s, h in verdicts]
        kind = app.matrix_kind or f"{app.name} {'、'.join(s.sheet for s, _ in verdicts)}"
        out.append(ExportTable(kind, name, [s.sheet for s, _ in verdicts], pd.concat([r for r, _ in parts], ignore_index=True),
                               [p for _, ps in parts for p in ps], verdict_only=True,
                               headers={s.sheet: h.locate() for s, h in verdicts}, app=app.name))
    read = bool(verdicts) or not app.times_beside_verdicts  # DingTalk: only its own workbook's 月度汇总
    for s, h in [(s, h) for shape, s, h in found if shape == "times"]:
        times, probs = read_times(s, h, month, app.idents) if read else (empty_rows(), [])
        out.append(ExportTable(app.times_kind or f"{app.name} {s.sheet}", name, [s.sheet], times, probs,
                                   verdict_only=True, headers={s.sheet: h.locate()}, punch_times=True,
                                   app=app.name, header_row=h.top + s.first_row))
    return out


def app_of(t: ExportTable) -> App:
    return next((a for a in APPS if a.name == t.app), APPS[0])


def times_alone(times: list[ExportTable]) -> list[Problem]:
    """Punch-time matrices with nothing to fill (no 月报/月度汇总, daily export or 考勤 table):
    punch times without shifts or verdicts cannot be judged; say what to export, in the app's words."""
    out = []
    for t in times:
        app, sheet = app_of(t), (t.sheets[0] if t.sheets else "")
        out.append(Problem(
            t.source, f"这是{app.label_zh}的“{sheet}”:只有每天的打卡时刻,没有班次和考勤结果,无法按本中心的制度判断迟到早退。"
                      f"{app.ask_daily[0]}‖this {app.name} {sheet} holds punch times without shifts or verdicts: "
                      f"{app.ask_daily[1]}", sheet, t.header_row, table="attendance",
            code="punches_without_shifts"))
    return out
