"""Jinja filters of the report: pure functions from a value to the text a manager reads.

All formatting of figures lives here, so a rate reads ``95.0%`` and a fine ``¥1,234.50`` on
every page, and a metric with no data reads as a dash, never as ``nan`` or ``0``. The
functions return plain ``str``: autoescaping stays on for everything they produce.
"""
from __future__ import annotations

import math
from datetime import date as _date
from datetime import datetime as _datetime
from typing import Any

from processor.words import labels
from processor.write.labels import one_language
from processor.write.privacy import mask_phone

DASH = "—"


def missing(value: object) -> bool:
    """True for None, NaN, NaT, pd.NA and the empty string."""
    if value is None or (isinstance(value, str) and value == ""):
        return True
    try:
        return bool(value != value)  # NaN, NaT
    except (TypeError, ValueError):  # pd.NA raises on bool()
        return True


def _float(value: object) -> float | None:
    if missing(value):
        return None
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def pct(value: object, digits: int = 1) -> str:
    """A fraction as a percentage: 0.8 → ``80.0%``."""
    v = _float(value)
    return DASH if v is None else f"{v * 100:.{digits}f}%"


def yuan(value: object) -> str:
    """An amount in yuan: 1234.5 → ``¥1,234.50``."""
    v = _float(value)
    return DASH if v is None else f"¥{v:,.2f}"


def num(value: object, digits: int = 2) -> str:
    """A number with ``digits`` decimals; whole numbers of a count need ``digits=0``."""
    v = _float(value)
    if v is None:
        return DASH if missing(value) else str(value)
    return f"{v:,.{digits}f}"


def count(value: object) -> str:
    """A count: 3.0 → ``3`` (a fractional count keeps its decimals)."""
    v = _float(value)
    if v is None:
        return DASH
    return f"{int(v):,}" if v.is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def signed(value: object) -> str:
    """Points with their sign: 2 → ``+2``, -5 → ``−5``, 0 → ``0``."""
    v = _float(value)
    if v is None:
        return DASH
    text = count(abs(v))
    return f"+{text}" if v > 0 else (f"−{text}" if v < 0 else "0")


def date(value: object) -> str:
    """``2026-10-09`` from a date, datetime, Timestamp or ISO text."""
    if missing(value):
        return ""
    if isinstance(value, (_datetime, _date)):  # not strftime: ten times slower on Timestamps
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return str(value)[:10]


def datetime(value: object) -> str:
    """``2026-10-09 08:35:12``."""
    if missing(value):
        return ""
    if isinstance(value, _datetime):
        return f"{date(value)} {value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    return str(value)


def clock(value: object) -> str:
    """Time of day of a punch: ``08:35``."""
    if not isinstance(value, _datetime) or missing(value):
        return ""
    return f"{value.hour:02d}:{value.minute:02d}"


def grade(code: object, lang: str = "zh") -> str:
    return labels.grade_label(code, lang)


def outcome(code: object, lang: str = "zh") -> str:
    return labels.outcome_label(code, lang)


def action(code: object, lang: str = "zh") -> str:
    return labels.action_label(code, lang)


def shift(code: object, lang: str = "zh") -> str:
    return labels.shift_label(code, lang)


def flags(value: object, lang: str = "zh") -> str:
    return labels.flags_label(value, lang)


def masked(value: object) -> str:
    """Any value as text with every phone number masked."""
    if missing(value):
        return ""
    return str(mask_phone(str(value)))


def one(value: object, lang: str = "zh") -> str:
    """A message of the rules stage in the page's language alone (:func:`one_language`)."""
    return "" if missing(value) else one_language(value, lang)


def cell(value: object, kind: str, lang: str = "zh") -> str:
    """A table cell by the column's kind (:mod:`processor.write.columns`)."""
    if kind == "rate":
        return pct(value)
    if kind in ("score", "coef"):
        return num(value, 2)
    if kind == "count":
        return count(value)
    if kind == "yuan":
        return yuan(value)
    if kind == "points":
        return signed(value)
    if kind == "date":
        return date(value)
    if kind == "datetime":
        return datetime(value)
    if kind in ("grade", "outcome", "action", "shift", "flags"):
        return {"grade": grade, "outcome": outcome, "action": action, "shift": shift,
                "flags": flags}[kind](value, lang)
    if kind == "bool" and isinstance(value, bool):
        return labels.bool_label(value, lang)
    if kind == "list" and isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if kind == "long":
        return one(masked(value), lang)
    if kind == "profile":
        return labels.profile_label(value, lang)
    return masked(value)


FILTERS: dict[str, Any] = {
    "pct": pct, "yuan": yuan, "num": num, "count": count, "signed": signed, "date": date,
    "datetime": datetime, "clock": clock, "grade": grade, "outcome": outcome, "action": action,
    "shift": shift, "flags": flags, "mask_phone": masked, "cell": cell, "one": one,
}
