"""Findings rows, and the column-wise formatting of the figures their evidence quotes.

Every rule module builds its rows with :func:`rows` from columns it already has (vectorised:
the evidence is concatenated column-wise, never formatted row by row in a loop), and
:func:`finalize` gives the month's findings their contract shape: team from the roster,
citation from the rulebook, midnight dates, fine ≥ 0, signed points, a stable order.
Evidence names the actual figures (``上班打卡 08:37,班次 08:30 开始,迟到 7 分钟``) so a manager
can check each fine without the workbook; its sentences come from :mod:`processor.words` in the
run's language, and the figures formatted here read the same in both.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import FINDING_COLUMNS
from ..rulebook import Rulebook
from ..schema import CODES
from ..words import as_text, english, say
from ..words.labels import SHIFT_WORDS
from .month_tables import ids

SHIFT_ZH = {code: zh for code, (zh, _) in SHIFT_WORDS.items()}  # evidence names a shift in Chinese
LEAVE_ZH = {code: spellings[0] for code, spellings in CODES["leave_type"].items()}
# English names are the codes themselves, in words (``special_personal`` → "special personal leave").
SHIFT_EN = {code: code.replace("_", " ") + " shift" for code in CODES["shift"]}
LEAVE_EN = {code: code.replace("_", " ") + " leave" for code in CODES["leave_type"]}


def rows(employee_id: object, date: object, rule_id: object, evidence: object,
         fine: object = 0.0, points: object = 0.0, team: object = None,
         index: pd.Index | None = None) -> pd.DataFrame:
    """Findings rows from aligned columns (Series) or scalars (citation is added later)."""
    data = {"employee_id": employee_id, "team": team, "date": date, "rule_id": rule_id,
            "evidence": evidence, "fine": fine, "points": points}
    if index is None:
        index = next((v.index for v in data.values() if isinstance(v, pd.Series)), pd.RangeIndex(0))
    return pd.DataFrame({k: (v.reindex(index) if isinstance(v, pd.Series) else v)
                         for k, v in data.items()}, index=index)


def empty() -> pd.DataFrame:
    """A Findings frame with no rows and the contract's dtypes."""
    return _typed(pd.DataFrame({c: pd.Series(dtype=object) for c in FINDING_COLUMNS}))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["employee_id"] = ids(out["employee_id"])
    out["team"] = ids(out["team"])
    out["date"] = pd.to_datetime(out["date"]).dt.normalize().astype("datetime64[ns]")
    for col in ("rule_id", "citation", "evidence"):
        out[col] = out[col].astype(object).where(out[col].notna(), "").astype(str)
    out["fine"] = pd.to_numeric(out["fine"]).astype("float64").fillna(0.0)
    out["points"] = pd.to_numeric(out["points"]).astype("float64").fillna(0.0)
    return out


def finalize(parts: list[pd.DataFrame], roster: pd.DataFrame, rulebook: Rulebook) -> pd.DataFrame:
    """Concatenate rule outputs into the Findings table (FINDING_COLUMNS)."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return empty()
    df = pd.concat(parts, ignore_index=True)
    teams = roster.drop_duplicates("employee_id").set_index("employee_id")["team"]
    df["team"] = df["team"].where(df["team"].notna(), df["employee_id"].map(teams))
    cites = {r: rulebook.citation(r) for r in df["rule_id"].unique()}  # a handful of ids, not rows
    df["citation"] = df["rule_id"].map(cites)
    order = {r: i for i, r in enumerate([*rulebook.rules, *rulebook.incidents])}
    df["_order"] = df["rule_id"].map(order).fillna(len(order))
    df["_team_level"] = df["employee_id"].isna()
    df = df.sort_values(["_team_level", "employee_id", "date", "_order"], kind="stable", na_position="last")
    df = _typed(df[FINDING_COLUMNS])
    return df.reset_index(drop=True)


# ---------------------------------------------------------------- evidence formatting
def _iso(ts: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """``ts`` as datetimes, its ISO text to the second (``2026-10-05T08:37:00``) and where it is NaT.

    numpy writes the digits in one C loop (several times faster than pandas' ``.dt`` parts)."""
    ts = pd.to_datetime(ts)
    values = ts.to_numpy(dtype="datetime64[ns]")
    return ts, np.datetime_as_string(values, unit="s"), np.isnat(values)


def _column(iso: np.ndarray, start: int, stop: int, nat: np.ndarray, index: pd.Index) -> pd.Series:
    out = np.strings.slice(iso, start, stop).astype(object)
    out[nat] = np.nan
    return pd.Series(out, index=index, dtype=object)


def ymd(ts: pd.Series) -> pd.Series:
    """``2026-10-05``."""
    ts, iso, nat = _iso(ts)
    return _column(iso, 0, 10, nat, ts.index)


def clock(ts: pd.Series, day: pd.Series) -> pd.Series:
    """``08:37`` (``08:59:59`` when the seconds matter), ``次日 02:00`` / ``next day 02:00`` on the
    day after ``day``."""
    ts, iso, nat = _iso(ts)
    seconds = np.strings.slice(iso, 17, 19)
    text = _column(np.where((seconds == "00") | nat, np.strings.slice(iso, 11, 16), np.strings.slice(iso, 11, 19)),
                   0, 8, nat, ts.index)
    when = ts.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    later = when > pd.to_datetime(day).to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    return text.where(~later, say("att.next_day", text.index, clock=text))


def stamp(ts: pd.Series) -> pd.Series:
    """``2026-10-05 09:00``."""
    ts, iso, nat = _iso(ts)
    return _column(np.strings.add(np.strings.slice(iso, 0, 10), np.strings.add(" ", np.strings.slice(iso, 11, 16))),
                   0, 16, nat, ts.index)


def num(values: pd.Series) -> pd.Series:
    """Numbers without trailing zeros (``2``, ``0.25``, ``1.5``)."""
    arr = np.round(pd.to_numeric(values).to_numpy(dtype=float), 2)
    return pd.Series(np.char.mod("%g", arr).astype(object), index=values.index, dtype=object)


def text(values: pd.Series) -> pd.Series:
    """Strings with blanks as ``""`` (for concatenation)."""
    return pd.Series(as_text(values), index=values.index, dtype=object)


def _label(codes: pd.Series, zh: dict[str, str], en: dict[str, str]) -> pd.Series:
    names = codes.map(en if english() else zh)
    return text(names.where(names.notna(), codes))  # a code we do not know stays as typed


def shift_label(codes: pd.Series) -> pd.Series:
    """``night`` → 夜班 / "night shift"."""
    return _label(codes, SHIFT_ZH, SHIFT_EN)


def leave_label(codes: pd.Series) -> pd.Series:
    """``sick`` → 病假 / "sick leave"."""
    return _label(codes, LEAVE_ZH, LEAVE_EN)
