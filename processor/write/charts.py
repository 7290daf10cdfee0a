"""Chart geometry: numbers in, coordinates out; the SVG itself is drawn by jinja macros.

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

DIGIT = 0.54  # em a digit, a dot or a dash takes in the report's font (bold or not)


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
def _text_px(text: str, size: float = 12.0, latin: float = 0.56) -> float:
    """About how wide ``text`` is drawn at ``size`` px: a CJK character is a full em, Latin about half
    (``latin`` em; digits, 0.54, are narrower than letters). Cached: every employee page measures
    the same few component labels."""
    wide = sum(1 for ch in text if ord(ch) > 0x2E80)
    return size * (wide + latin * (len(text) - wide))


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
    """Horizontal bars (``label``, ``value``, ``cls``, optional ``target`` marker) on 0…max_value.

    Labels stand left of their bars; when the longest would take more than 45% of ``width`` (an
    English label on a phone) each stands on its own line above its bar instead, uncut."""
    frame, places = _hbar_layout(tuple(str(i.get("label", "")) for i in items), max_value, width, row, label_w)
    x0, plot_w = frame["x0"], frame["x1"] - frame["x0"]
    scale = lambda x: plot_w * min(max(x, 0.0), max_value) / max_value  # noqa: E731
    rows = []
    for item, place in zip(items, places):
        v = _value(item.get("value"))
        t = _value(item.get("target"))
        rows.append({**place, "label": item.get("label", ""), "w": _r(scale(v)) if v is not None else 0.0,
                     "value": v, "target_x": _r(x0 + scale(t)) if t is not None else None,
                     "cls": item.get("cls", "")})
    return {**frame, "rows": rows}


@lru_cache(maxsize=256)
def _hbar_layout(labels: tuple[str, ...], max_value: float, width: int, row: int,
                 label_w: int) -> tuple[dict[str, Any], tuple[dict[str, Any], ...]]:
    """What an hbar chart's geometry owes to its labels alone: the frame, and each row's place.
    Every employee page draws the same labels twice (wide and narrow), so this is done once."""
    top, right, value_w = 8, 12, 58
    longest = max((_text_px(label) for label in labels), default=0.0)
    above = longest + 12 > width * 0.45
    label_w = 4 if above else int(max(label_w, longest + 12))  # an English label is not cut at the left
    lead = 16 if above else 0  # the label's line over the bar
    plot_w = width - label_w - value_w - right
    places = []
    for k in range(len(labels)):
        y = top + k * (row + lead) + lead
        mid = _r(y + (row - 8) / 2 + 4)
        places.append({"y": y, "h": row - 8, "mid": mid, "label_x": label_w if above else label_w - 8,
                       "label_y": _r(y - 5) if above else mid})
    height = top * 2 + (row + lead) * len(labels) + 17
    ticks = [{"x": _r(label_w + plot_w * t / max_value), "value": t}
             for t in nice_ticks(max_value, 4) if t <= max_value]
    frame = {"width": width, "height": height, "x0": label_w, "x1": label_w + plot_w,
             "value_x": label_w + plot_w + 6, "axis_y": height - 17, "tick_y": height - 5,
             "anchor": "start" if above else "end", "ticks": ticks}
    return frame, tuple(places)


def _box(x: float, baseline: float, width: float, size: float) -> tuple[float, float, float, float]:
    """The box a label centred on ``x`` takes: a CJK font's ascent and descent, as Chromium measures them."""
    return (x - width / 2, baseline - 1.2 * size, x + width / 2, baseline + 0.32 * size)


def _free(box: tuple[float, float, float, float], taken: Sequence[tuple[float, float, float, float]]) -> bool:
    return all(box[2] <= o[0] or o[2] <= box[0] or box[3] <= o[1] or o[3] <= box[1] for o in taken)


def _value_labels(points: list[dict[str, Any]], digits: int, bounds: tuple[float, float, float, float],
                  taken: list[tuple[float, float, float, float]]) -> None:
    """Each point's value label above it, else below it, else none (its tooltip still says it): on a
    phone twelve months of ``78.98`` are wider than their slots, so neighbours take turns."""
    for p in points:
        width = _text_px(f"{p['value']:.{digits}f}", 12, DIGIT) + 2
        p["ty"] = None
        for baseline in (p["y"] - 9, p["y"] + 20):
            box = _box(p["x"], baseline, width, 12)
            inside = bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]
            if inside and _free(box, taken):
                p["ty"] = _r(baseline)
                taken.append(box)
                break


def line_chart(labels: Sequence[str], values: Sequence[object], width: int = 1000, height: int = 240,
               y_max: float | None = None, digits: int = 1) -> dict[str, Any]:
    """A line through ``values`` (None breaks the line) over the category ``labels``; ``digits`` is
    how the values are printed, for the room their labels take."""
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
    tick_rows = [{"y": _r(top + plot_h - plot_h * t / ymax), "value": t} for t in ticks]
    taken = [(0.0, tk["y"] + 4 - 1.2 * 11, left - 6.0, tk["y"] + 4 + 0.32 * 11) for tk in tick_rows]
    _value_labels(points, digits, (0.0, 0.0, float(width), top + plot_h + 4.0), taken)
    widest = max((_text_px(str(lab), 11, DIGIT) for lab in labels), default=0.0)
    every = max(1, math.ceil(n / 12), math.ceil(widest / slot))  # month labels that do not touch
    return {"width": width, "height": height, "left": left, "right": width - right, "top": top,
            "base": top + plot_h, "label_y": top + plot_h + 18, "points": points,
            "lines": [ln for ln in lines if len(ln) > 1],
            "x_labels": [{"x": _r(x), "label": lab} for i, (x, lab) in enumerate(zip(xs, labels))
                         if (n - 1 - i) % every == 0],
            "ticks": tick_rows}


@lru_cache(maxsize=16)
def _month_grid(month: str) -> tuple[tuple[tuple[date, bool, bool], ...], ...]:
    """The weeks of ``month`` (Monday first): each day, whether it is in the month, whether weekend."""
    year, mon = map(int, month.split("-"))
    return tuple(tuple((d, d.month == mon, d.weekday() >= 5) for d in week)
                 for week in _calendar.Calendar(firstweekday=0).monthdatescalendar(year, mon))


def calendar_weeks(month: str, entries: Mapping[date, Sequence[Any]]) -> list[list[dict[str, Any]]]:
    """The month as weeks of 7 cells, Monday first; each cell holds that date's ``entries``
    (:class:`.daycells.DayEntry`) and the ``cls`` and ``title`` of the first one (``o-none`` and
    None for a day without any)."""
    return [[_cell(d, weekend, list(entries.get(d, ()))) if inside else
             {"day": None, "date": None, "weekend": weekend, "entries": [], "cls": None, "title": None}
             for d, inside, weekend in week] for week in _month_grid(month)]


def _cell(day: date, weekend: bool, entries: list[Any]) -> dict[str, Any]:
    first = entries[0] if entries else None
    return {"day": day.day, "date": day, "weekend": weekend, "entries": entries,
            "cls": "o-none" if first is None else first.cls, "title": None if first is None else first.title}
