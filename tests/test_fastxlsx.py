"""The fast workbook writer on its own: every cell kind read back by openpyxl, hostile text,
well-formed parts, identical bytes for identical input, and the errors it refuses to hide."""
from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import openpyxl
import pytest

from processor.write.fastxlsx import Book
from processor.write.xlsxcells import column_letters, excel_width
from processor.write.xlsxstyles import Style

HOSTILE = ["=1+1", '=HYPERLINK("http://x","y")', "+SUM(A1:A9)", "-2+3", "@A1", "007", "<b>&\"'",
           " leading", "trailing ", "tab\tand\nnewline"]


def build(path: Path) -> Path:
    with Book(path, title="t <&>", comments="c", created=datetime(2026, 11, 3, 9, 15)) as book:
        date = book.style(Style(num_format="yyyy-mm-dd"))
        money = book.style(Style(font="Microsoft YaHei", size=10, num_format="#,##0.00", bold=True,
                                 fill="#FFC7CE", color="#9C0006", halign="center", valign="top"))
        wrap = book.style(Style(wrap=True, border="thin", border_color="#BFBFBF"))
        ws = book.add_sheet("Sheet <1>")
        ws.put(0, [(0, [book.text("text")]), (1, [book.text("number")]), (2, [book.text("date")])])
        ws.put(1, [(0, [book.text(t, wrap) for t in HOSTILE]),
                   (1, book.numbers(np.array([1.5, np.nan, np.inf, 3, -0.25, 1e20, 0.1 + 0.2, 7, 8, 9]), money)),
                   (2, [book.number(46296.5, date)] + [""] * 9)])
        ws.put(11, [(0, [book.text("Total")]), (1, [book.formula("=SUBTOTAL(109,B2:B11)", 12.25, money)]),
                    (3, [book.boolean(True)])])
        ws.freeze_panes(1, 1)
        ws.autofilter(0, 0, 10, 2)
        ws.set_width(0, 20, wrap)
        book.add_sheet("empty")
    return path


@pytest.fixture(scope="module")
def xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("fx") / "a.xlsx")


def test_cells_read_back(xlsx: Path):
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Sheet <1>", "empty"]
    ws = book["Sheet <1>"]
    texts = [ws.cell(r, 1) for r in range(2, 12)]
    assert [c.value for c in texts] == HOSTILE and {c.data_type for c in texts} == {"s"}
    nums = [ws.cell(r, 2).value for r in range(2, 12)]
    assert nums == [1.5, None, None, 3, -0.25, 1e20, 0.3, 7, 8, 9]  # NaN and inf leave the cell empty
    assert ws.cell(2, 2).number_format == "#,##0.00" and ws.cell(2, 2).font.b
    assert ws.cell(2, 2).fill.fgColor.rgb == "FFFFC7CE" and ws.cell(2, 2).alignment.horizontal == "center"
    assert ws.cell(2, 3).is_date and ws.cell(2, 3).value == datetime(2026, 10, 1, 12, 0)
    assert ws.cell(2, 1).alignment.wrap_text and ws.cell(2, 1).border.left.style == "thin"
    assert ws.cell(12, 2).value == "=SUBTOTAL(109,B2:B11)" and ws.cell(12, 4).value is True
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:C11"
    assert ws.column_dimensions["A"].width == excel_width(20)
    cached = openpyxl.load_workbook(xlsx, data_only=True)["Sheet <1>"]
    assert cached.cell(12, 2).value == 12.25
    assert book.properties.title == "t <&>"


def test_no_formula_but_our_own(xlsx: Path):
    ws = openpyxl.load_workbook(xlsx)["Sheet <1>"]
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == ["B12"]


def test_every_part_is_well_formed_xml(xlsx: Path):
    with zipfile.ZipFile(xlsx) as z:
        assert z.testzip() is None
        for name in z.namelist():
            ElementTree.fromstring(z.read(name))
        assert "xl/sharedStrings.xml" in z.namelist() and "[Content_Types].xml" in z.namelist()


def test_same_input_same_bytes(tmp_path: Path):
    assert build(tmp_path / "a.xlsx").read_bytes() == build(tmp_path / "b.xlsx").read_bytes()


def test_characters_xml_cannot_hold(tmp_path: Path):
    with Book(tmp_path / "c.xlsx") as book:
        book.add_sheet("s").put(0, [(0, [book.text("a\x00b\x07c"), book.text("x\ud800y"), book.text("_x0041_")])])
    ws = openpyxl.load_workbook(tmp_path / "c.xlsx").active
    assert ws["A1"].value == "a_x0000_b_x0007_c"  # Excel's own escape: Excel shows the characters
    assert ws["A2"].value == "xy"  # a lone surrogate cannot be stored at all
    assert ws["A3"].value == "_x0041_"


def test_a_row_written_twice_is_an_error(tmp_path: Path):
    book = Book(tmp_path / "d.xlsx")
    ws = book.add_sheet("s")
    ws.put(0, [(0, [book.text("a"), book.text("b")])])
    ws.put(1, [(1, [book.text("c")])])
    with pytest.raises(ValueError, match="row 2 written twice"):
        book.close()


def test_columns_of_a_block_must_match(tmp_path: Path):
    book = Book(tmp_path / "e.xlsx")
    with pytest.raises(AssertionError):
        book.add_sheet("s").put(0, [(0, ["", ""]), (1, [""])])


@pytest.mark.parametrize("col, letters", [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16383, "XFD")])
def test_column_letters(col: int, letters: str):
    assert column_letters(col) == letters


def test_widths_as_excel_stores_them():
    assert excel_width(14) == 14.7109375 and excel_width(60) == 60.7109375
