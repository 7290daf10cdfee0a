"""Chart geometry: numbers in, coordinates out; the SVG itself is drawn by jinja macros
(the horizontal bars, drawn on every employee page, by :mod:`.hbar_svg` in Python).

Keeping the arithmetic here (pure functions returning dicts and lists) lets it be tested
with plain asserts, and keeps all markup in ``templates/macros/charts.html`` where autoescape
applies to every label. Coordinates are rounded to 0.1 px so pages are stable byte for byte.
"""
from __future__ import annotations

import calendar as _calendar
import math
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any


def _r(x: float) -> float:
    return round(x, 1)


def nice_ticks(top: float, count: int = 5, integer: bool = False) -> list[float]:
    """Tick values 0, step, …, ≥ top, with a 1-2-2.5-5 step: ``nice_ticks(83)`` → 0, 20, … 100.

    ``integer`` keeps the step whole, for counts of people.
    """
    if not top or top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / count
    if integer:
        raw = max(raw, 1.0)
    mag = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)
    step = next(m * mag for m in steps if m * mag >= raw)
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def _value(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


@lru_cache(maxsize=4096)
def _text_px(text: str, size: float = 12.0) -> float:
    """About how wide ``text`` is drawn at ``size`` px: a CJK character is a full em, Latin about half."""
    wide = sum(1 for ch in text if ord(ch) > 0x2E80)
    return size * (wide + 0.56 * (len(text) - wide))


def bar_chart(items: Sequence[Mapping[str, Any]], width: int = 520, height: int = 240,
              integer: bool = True) -> dict[str, Any]:
    """Vertical bars from ``items`` (``label``, ``value``, ``cls``); a missing value draws no bar."""
    left, right, top, bottom = 44, 12, 22, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [_value(i.get("value")) for i in items]
    ticks = nice_ticks(max([v for v in values if v is not None] or [0]), 4, integer)
    ymax = ticks[-1] or 1
    slot = plot_w / max(len(items), 1)
    bar_w = min(slot * 0.6, 64)
    bars = []
    for k, (item, v) in enumerate(zip(items, values)):
        h = 0.0 if v is None else plot_h * max(v, 0) / ymax
        x = left + slot * k + (slot - bar_w) / 2
        bars.append({"x": _r(x), "y": _r(top + plot_h - h), "w": _r(bar_w), "h": _r(h),
                     "cx": _r(x + bar_w / 2), "label": item.get("label", ""), "value": v,
                     "cls": item.get("cls", "")})
    return {"width": width, "height": height, "left": left, "right": width - right,
            "top": top, "base": top + plot_h, "label_y": top + plot_h + 20, "bars": bars,
            "ticks": [{"y": _r(top + plot_h - plot_h * t / ymax), "value": t} for t in ticks]}


def hbar_chart(items: Sequence[Mapping[str, Any]], max_value: float = 100.0, width: int = 560,
               row: int = 26, label_w: int = 150) -> dict[str, Any]:
    """Horizontal bars (``label``, ``value``, ``cls``, optional ``target`` marker) on 0…max_value."""
    top, right, value_w = 8, 12, 58
    longest = max((_text_px(str(i.get("label", ""))) for i in items), default=0.0)
    label_w = int(min(max(label_w, longest + 12), width * 0.45))  # an English label is not cut at the left
    plot_w = width - label_w - value_w - right
    rows = []
    for k, item in enumerate(items):
        v = _value(item.get("value"))
        t = _value(item.get("target"))
        scale = lambda x: plot_w * min(max(x, 0.0), max_value) / max_value  # noqa: E731
        y = top + k * row
        rows.append({"y": y, "h": row - 8, "mid": _r(y + (row - 8) / 2 + 4), "label": item.get("label", ""),
                     "w": _r(scale(v)) if v is not None else 0.0, "value": v,
                     "target_x": _r(label_w + scale(t)) if t is not None else None,
                     "cls": item.get("cls", "")})
    height = top * 2 + row * len(items) + 14
    ticks = [{"x": _r(label_w + plot_w * t / max_value), "value": t}
             for t in nice_ticks(max_value, 4) if t <= max_value]
    return {"width": width, "height": height, "x0": label_w, "x1": label_w + plot_w,
            "value_x": label_w + plot_w + 6, "axis_y": height - 14, "tick_y": height - 2,
            "rows": rows, "ticks": ticks}


def line_chart(labels: Sequence[str], values: Sequence[object], width: int = 1000, height: int = 240,
               y_max: float | None = None) -> dict[str, Any]:
    """A line through ``values`` (None breaks the line) over the category ``labels``."""
    left, right, top, bottom = 44, 12, 20, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    vals = [_value(v) for v in values]
    present = [v for v in vals if v is not None]
    ticks = nice_ticks(y_max if y_max is not None else max(present or [0]), 4)
    ymax = ticks[-1] or 1
    n = len(labels)
    slot = plot_w / max(n, 1)  # each month in the middle of its slot: no label hits an axis
    xs = [left + slot * (i + 0.5) for i in range(n)]
    points: list[dict[str, Any]] = []
    lines: list[list[dict[str, Any]]] = []
    run: list[dict[str, Any]] = []
    for x, v, label in zip(xs, vals, labels):
        if v is None:
            if run:
                lines.append(run)
            run = []
            continue
        p = {"x": _r(x), "y": _r(top + plot_h - plot_h * max(v, 0) / ymax), "label": label, "value": v}
        points.append(p)
        run.append(p)
    if run:
        lines.append(run)
    every = max(1, math.ceil(n / 12))  # at most 12 month labels under the axis
    return {"width": width, "height": height, "left": left, "right": width - right, "top": top,
            "base": top + plot_h, "label_y": top + plot_h + 18, "points": points,
            "lines": [ln for ln in lines if len(ln) > 1],
            "x_labels": [{"x": _r(x), "label": lab} for i, (x, lab) in enumerate(zip(xs, labels))
                         if i % every == 0 or i == n - 1],
            "ticks": [{"y": _r(top + plot_h - plot_h * t / ymax), "value": t} for t in ticks]}


@lru_cache(maxsize=16)
def _month_grid(month: str) -> tuple[tuple[tuple[date, bool, bool], ...], ...]:
    """The weeks of ``month`` (Monday first): each day, whether it is in the month, whether weekend."""
    year, mon = map(int, month.split("-"))
    return tuple(tuple((d, d.month == mon, d.weekday() >= 5) for d in week)
                 for week in _calendar.Calendar(firstweekday=0).monthdatescalendar(year, mon))


def calendar_weeks(month: str, entries: Mapping[date, Sequence[Any]]) -> list[list[dict[str, Any]]]:
    """The month as weeks of 7 cells, Monday first; each cell holds that date's ``entries``."""
    return [[{"day": d.day, "date": d, "weekend": weekend, "entries": list(entries.get(d, ()))} if inside else
             {"day": None, "date": None, "weekend": weekend, "entries": []}
             for d, inside, weekend in week] for week in _month_grid(month)]
