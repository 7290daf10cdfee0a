"""Writing the ticket arrays: one or several ``.xlsx`` files, or CSVs, a chunk of rows at a time.

A month over 200,000 tickets is split over several files (``工单_1.xlsx`` …, at most 500,000
rows each) as ticket systems export it; ids run on across the files so that they stay unique.
Cells are rendered per column from lookup tables and vectorised serial numbers, so no Python
object exists per ticket beyond the strings of the chunk being written. The CSV variant is
UTF-8 with a BOM, the other encoding the reader must accept (the QA sheet is GB18030).
"""
from __future__ import annotations

import csv
import itertools
import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import numpy as np

from .bigsheet import SheetStream, text_cell
from .files import header
from .month import MonthInfo
from .people import Roster
from .service import CHANNELS, SAT_WORDS, TYPES, Tickets

CHUNK = 50_000
SPLIT_ABOVE = 200_000
MAX_PER_FILE = 500_000
KEYS = ("ticket_id", "agent_id", "channel", "ticket_type", "created_at", "first_response_at", "resolved_at",
        "first_contact_resolved", "satisfaction", "callback_at", "reopened", "complained_employee_id",
        "customer_phone")
ALIASES = {"ticket_id": "工单编号", "channel": "受理渠道"}
WIDTHS = [17, 9, 9, 9, 19, 19, 19, 9, 9, 19, 9, 11, 13]


def file_ranges(n: int) -> list[tuple[int, int]]:
    parts = 1 if n <= SPLIT_ABOVE else max(2, math.ceil(n / MAX_PER_FILE))
    bounds = [round(n * i / parts) for i in range(parts + 1)]
    return list(itertools.pairwise(bounds))


def write_tickets(folder: Path, t: Tickets, roster: Roster, month: MonthInfo, created: datetime,
                  as_csv: bool = False, progress: Callable[[str], object] | None = None) -> list[Path]:
    """Write every ticket; return the files written."""
    ranges = file_ranges(len(t))
    paths = []
    for k, (lo, hi) in enumerate(ranges, start=1):
        stem = "工单" if len(ranges) == 1 else f"工单_{k}"
        path = folder / (stem + (".csv" if as_csv else ".xlsx"))
        if progress:
            progress(f"写入 {path.name} ({hi - lo:,} 行)")
        (_write_csv if as_csv else _write_xlsx)(path, t, roster, month, lo, hi, created)
        paths.append(path)
    return paths


def _write_xlsx(path: Path, t: Tickets, roster: Roster, month: MonthInfo, lo: int, hi: int,
                created: datetime) -> None:
    ids = np.array([text_cell(p.id) for p in roster.people] + [""], dtype=object)  # index -1 = blank
    channel = np.array([text_cell(c) for c in CHANNELS], dtype=object)
    kind = np.array([text_cell(c) for c in TYPES], dtype=object)
    yes_no = np.array([text_cell("否"), text_cell("是")], dtype=object)
    sat = np.array([""] + [f"><v>{s}</v></c>" for s in range(1, 6)] + [""] + [text_cell(w) for w in SAT_WORDS],
                   dtype=object)
    base = float(month.excel_serial)
    out = SheetStream(path, "工单明细", header("tickets", *KEYS, alias=ALIASES), WIDTHS, created)

    # A datetime cell is its Excel serial: the day's number, then the fraction of the day,
    # looked up for each of the day's 86,400 seconds rather than formatted per ticket.
    last = max((int(a.max()) for a in (t.created, t.responded, t.resolved, t.callback) if len(a)), default=0)
    day_part = np.array([f' s="1"><v>{base + d:.0f}' for d in range(last // 86400 + 1)], dtype=object)
    second_part = np.array([f"{s / 86400:.10f}"[1:] + "</v></c>" for s in range(86400)], dtype=object)

    def when(sec: np.ndarray) -> list[str]:
        day, second = np.divmod(np.maximum(sec, 0), 86400)
        return np.where(sec < 0, "", day_part[day] + second_part[second]).tolist()

    for a in range(lo, hi, CHUNK):
        b = min(a + CHUNK, hi)
        s = slice(a, b)
        out.write_chunk([
            [f' t="inlineStr"><is><t>{t.id_prefix}{i:07d}</t></is></c>' for i in range(a + 1, b + 1)],
            ids[t.agent[s]].tolist(), channel[t.channel[s]].tolist(), kind[t.kind[s]].tolist(),
            when(t.created[s]), when(t.responded[s]), when(t.resolved[s]),
            yes_no[t.fcr[s].astype(np.int8)].tolist(),
            sat[t.satisfaction[s] + 6 * t.sat_word[s]].tolist(),
            when(t.callback[s]), yes_no[t.reopened[s].astype(np.int8)].tolist(),
            ids[t.complained[s]].tolist(),
            [f' t="inlineStr"><is><t>{p}</t></is></c>' for p in t.phone[s].tolist()],
        ])
    out.close()


def _write_csv(path: Path, t: Tickets, roster: Roster, month: MonthInfo, lo: int, hi: int,
               created: datetime) -> None:
    ids = np.array([p.id for p in roster.people] + [""], dtype=object)
    yes_no = np.array(["否", "是"], dtype=object)
    sat = np.array(["", "1", "2", "3", "4", "5", "", *SAT_WORDS], dtype=object)
    origin = np.datetime64(month.first.isoformat() + "T00:00:00", "s")

    def when(sec: np.ndarray) -> list[str]:
        text = np.datetime_as_string(origin + sec.astype("timedelta64[s]"), unit="s")
        return np.where(sec < 0, "", np.char.replace(text, "T", " ")).tolist()

    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(header("tickets", *KEYS, alias=ALIASES))
        for a in range(lo, hi, CHUNK):
            b = min(a + CHUNK, hi)
            s = slice(a, b)
            w.writerows(zip(
                [f"{t.id_prefix}{i:07d}" for i in range(a + 1, b + 1)],
                ids[t.agent[s]].tolist(), np.array(CHANNELS, dtype=object)[t.channel[s]].tolist(),
                np.array(TYPES, dtype=object)[t.kind[s]].tolist(),
                when(t.created[s]), when(t.responded[s]), when(t.resolved[s]),
                yes_no[t.fcr[s].astype(np.int8)].tolist(), sat[t.satisfaction[s] + 6 * t.sat_word[s]].tolist(),
                when(t.callback[s]), yes_no[t.reopened[s].astype(np.int8)].tolist(),
                ids[t.complained[s]].tolist(), t.phone[s].tolist(),
            ))
