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

import pytest

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


def _xml_zip(body: str) -> zipfile.ZipFile:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(PART, f"<worksheet><sheetData>{body}</sheetData></worksheet>")
    return zipfile.ZipFile(io.BytesIO(buf.getvalue()))


def _no_slow_path(monkeypatch):
    import processor.read.extent as extent

    monkeypatch.setattr(extent, "_measure_any", lambda *a: (_ for _ in ()).throw(AssertionError("slow path")))


@pytest.mark.parametrize(("refs", "expected", "fast"), [
    (["A1000000", "AA1000000", "B1000000"], (1_000_000, 27), True),  # 9 bytes: past the first 8
    (["A1048576", "XFD1048576"], (1_048_576, 16_384), True),
    (["A2", "XFD12345678"], (12_345_678, 16_384), True),  # the quote is the 12th byte
    (["A2", "XFD123456789"], (123_456_789, 16_384), False),  # the 13th: read the plain way
    (["AB123456", "AB1234567", "A12345678"], (12_345_678, 28), True),  # 8, 9, 9 bytes
    (["5", "B3"], (5, 2), True),  # digits only
    (["ZZZ1"], (1, 18_278), True),
    (["ZZZZ1"], (1, 0), False),  # 4 letters: not a ref the plain reading takes
])
def test_refs_of_every_length(monkeypatch, refs, expected, fast):
    """Refs of 1 to 12 bytes are measured by the fast path (those filling the first 8 bytes have
    the next 8 looked at); longer or stranger ones by the plain reading, with its answer."""
    row = int("".join(ch for ch in refs[0] if ch.isdigit()))
    zf = _xml_zip(f'<row r="{row}">' + "".join(f'<c r="{r}"><v>1</v></c>' for r in refs) + "</row>")
    if fast:
        _no_slow_path(monkeypatch)
    ext = measure_sheet(zf, PART, None)
    assert (ext.rows, ext.cols) == expected


def test_r_equals_inside_text():
    """``r="5"`` in a string's text is not a ref (no space before it); `` r="900000"`` is taken
    for one, as the plain reading takes it, so the sheet is measured that way."""
    text = '<row r="1"><c r="A1" t="inlineStr"><is><t>{}</t></is></c></row>'
    plain = measure_sheet(_xml_zip(text.format('r="5"')), PART, None)
    spaced = measure_sheet(_xml_zip(text.format(' r="900000"')), PART, None)
    assert ((plain.rows, plain.cols), (spaced.rows, spaced.cols)) == ((1, 1), (900_000, 1))


def test_sheets_of_many_pieces(monkeypatch):
    """A sheet read in several 1 MB pieces (and one piece of over 16 MB without a ``>``, cut
    there): far rows and columns anywhere, rows out of order, measured by the fast path alone."""
    rows = [f'<row r="{n}"><c r="A{n}"><v>1</v></c><c r="{"ZZ" if n == 77_777 else "C"}{n}"><v>2</v></c></row>'
            for n in range(1, 60_000)]
    rows[41_234] = '<row r="999999"><c r="B999999"><v>1</v></c></row>'
    long = '<row r="60000"><c r="A60000" t="inlineStr"><is><t>' + "x" * (17 << 20) + "</t></is></c></row>"
    zf = _xml_zip("".join(rows[:30_000]) + long + "".join(rows[30_000:]))
    plain = _measure_any(zf, PART, None)
    _no_slow_path(monkeypatch)
    ext = measure_sheet(zf, PART, None)
    assert (ext.rows, ext.cols) == (plain.rows, plain.cols) == (999_999, 3)


def test_leading_zeros_hide_no_far_row():
    """``A000000001`` has the most digits but is row 1: the far row XFD1048576 still counts
    (the greatest of the longest digit strings is only the greatest without a leading zero)."""
    for refs, expected in ((["A000000001", "XFD1048576"], (1_048_576, 16_384)), (["A01", "B9"], (9, 2))):
        zf = _xml_zip('<row r="1">' + "".join(f'<c r="{r}"><v>1</v></c>' for r in refs) + "</row>")
        ext, plain = measure_sheet(zf, PART, None), _measure_any(zf, PART, None)
        assert (ext.rows, ext.cols) == (plain.rows, plain.cols) == expected
