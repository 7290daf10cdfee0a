"""The vectorised measure of a worksheet's extent (read/extent.py) against its plain reading.

The budget check inflates and measures every worksheet before the reader sees it, so it is on
the path of every run (the 1,000,000-ticket month's two 300 MB sheets): the usual spelling is
measured with numpy, the greatest row and column compared digit by digit. These tests pin that
fast path to exact figures, and to the slow path that reads every spelling one ref at a time.
"""
from __future__ import annotations

import io
import random
import zipfile

from processor.read.extent import _measure_any, measure_sheet

PART = "xl/worksheets/sheet1.xml"


def _zip(rows: list[tuple[int, list[str]]]) -> zipfile.ZipFile:
    """A zip holding one worksheet part: each row ``(number, [cell refs])``, cells inline."""
    body = "".join(f'<row r="{n}">' + "".join(f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c>' for ref in refs)
                   + "</row>" for n, refs in rows)
    xml = f'<?xml version="1.0"?><worksheet><cols><col min="1" max="3"/></cols><sheetData>{body}</sheetData></worksheet>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(PART, xml)
    return zipfile.ZipFile(io.BytesIO(buf.getvalue()))


def test_the_greatest_row_and_column_are_found_wherever_they_sit(monkeypatch):
    """Rows out of order and a stray far cell in the middle: 900,001 rows (not the last row's
    100,002), and column ZZ (702) though most refs are one letter and the last is C; measured
    by the fast path alone."""
    import processor.read.extent as extent

    monkeypatch.setattr(extent, "_measure_any", lambda *a: (_ for _ in ()).throw(AssertionError("slow path")))
    rows = [(1, ["A1", "B1"]), (2, ["A2", "ZZ2"]), (900001, ["B900001"]), (100001, ["A100001", "Z100001"]),
            (100002, ["C100002"])]
    ext = extent.measure_sheet(_zip(rows), PART, None)
    assert (ext.rows, ext.cols, ext.shared_text) == (900001, 702, 0)


def test_the_fast_measure_agrees_with_the_plain_reading():
    """Two hundred random sheets, measured both ways: the same rows and columns every time."""
    rng = random.Random(17)
    for _ in range(200):
        rows = []
        for _ in range(rng.randint(1, 30)):
            n = rng.choice([rng.randint(1, 99), rng.randint(1, 1_048_576)])
            cols = [rng.choice(["A", "B", "Z", "AA", "AZ", "XFD", "M", "ZZ"]) for _ in range(rng.randint(1, 5))]
            rows.append((n, [f"{c}{n if rng.random() < 0.9 else rng.randint(1, 1_048_576)}" for c in cols]))
        zf = _zip(rows)
        fast, plain = measure_sheet(zf, PART, None), _measure_any(zf, PART, None)
        assert (fast.rows, fast.cols) == (plain.rows, plain.cols), rows
