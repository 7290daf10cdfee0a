"""Builders of hostile and broken input files, written by code rather than kept as blobs.

Each builder writes real bytes the way they turn up in a month folder — a workbook cut in half
by a failed copy, a Word document renamed to .xlsx, a CSV saved as "Unicode text", a sheet
with a stray value in its last row — so that the corpus in ``test_robust_corpus.py`` shows how
opscore meets each one, and any of them can be rebuilt and inspected by hand.
"""
from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

from workbooks import xlsx

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole2_container(path: Path) -> Path:
    """An OLE2 compound file header: what Excel writes for a password-protected .xlsx (and .xls).

    Only the 512-byte header and one empty sector are written — the magic, minor/major version
    (3), byte order mark FFFE, sector shift 9, mini sector shift 6 and an empty FAT — enough
    for any reader that sniffs the magic, which is all a refusal needs.
    """
    header = bytearray(512)
    header[0:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # number of FAT sectors
    struct.pack_into("<i", header, 48, -2)  # first directory sector: end of chain
    struct.pack_into("<I", header, 56, 4096)  # mini stream cutoff
    struct.pack_into("<i", header, 60, -2)
    struct.pack_into("<i", header, 68, -2)
    header[76:80] = struct.pack("<i", 0)  # the FAT is sector 0
    header[80:512] = b"\xff" * 432
    path.write_bytes(bytes(header) + b"\xff" * 512)
    return path


def docx(path: Path) -> Path:
    """A minimal Word document (zip with word/document.xml) under whatever name is given."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                           'package/2006/content-types"/>')
        zf.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                                         'wordprocessingml/2006/main"><w:body/></w:document>')
    return path


def truncated(source: Path, path: Path) -> Path:
    """The first half of a real workbook: a copy that stopped mid-way."""
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def rewrite_sheet_xml(path: Path, sheet_index: int, edit) -> Path:
    """Replace ``xl/worksheets/sheet<N>.xml`` of a workbook by ``edit(xml_text)``."""
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    name = f"xl/worksheets/sheet{sheet_index}.xml"
    parts[name] = edit(parts[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in parts.items():
            zf.writestr(n, b)
    return path


def put_cell(xml: str, ref: str, cell_xml: str) -> str:
    """Replace the cell ``ref`` (which openpyxl wrote) by ``cell_xml``."""
    new, n = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', cell_xml, xml, count=1)
    assert n == 1, ref
    return new


def error_cell(ref: str, formula: str, error: str) -> str:
    """A formula cell whose cached value is an Excel error (``#REF!``, ``#N/A``)."""
    return f'<c r="{ref}" t="e"><f>{formula}</f><v>{error}</v></c>'


def with_stray_last_row(path: Path, sheet_index: int, ref: str = "A1048576", value: str = "x") -> Path:
    """A stray inline-string value in the sheet's very last row (1,048,576), written into the XML
    directly: the sheet's <dimension> then spans a million rows though it holds a handful."""
    def edit(xml: str) -> str:
        row = int(re.sub(r"\D", "", ref))
        cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c></row>'
        xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{ref}"/>', xml)
        return xml.replace("</sheetData>", cell + "</sheetData>")
    return rewrite_sheet_xml(path, sheet_index, edit)


def billion_laughs(path: Path, part: str = "xl/sharedStrings.xml") -> Path:
    """A one-sheet workbook whose ``part`` (the shared strings or the sheet) declares the classic
    nested-entity bomb: ``&lol9;`` expands to 10^9 "lol" (3 GB).

    A reader that expands DTD entities would need gigabytes; ours must refuse or read safely.
    """
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10))
    if part == "xl/sharedStrings.xml":
        shared = (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [{entities}]>'
                  f'<sst xmlns="{main}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
        cell = '<c r="A1" t="s"><v>0</v></c>'
        sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
                 f'<sheetData><row r="1">{cell}</row></sheetData></worksheet>')
    else:
        shared = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="0" uniqueCount="0"/>'
        cell = '<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
        sheet = (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [{entities}]>'
                 f'<worksheet xmlns="{main}"><sheetData><row r="1">{cell}</row></sheetData></worksheet>')
    return _workbook_from_parts(path, {"xl/sharedStrings.xml": shared, "xl/worksheets/sheet1.xml": sheet})


def _workbook_from_parts(path: Path, parts: dict[str, str]) -> Path:
    """A one-sheet workbook package with the given parts (the rest boilerplate)."""
    ns = "http://schemas.openxmlformats.org"
    base = {
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
            f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{ns}/officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'),
    }
    base.update(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, text in base.items():
            zf.writestr(n, text)
    return path


def zip_bomb(source: Path, path: Path, member_mb: int = 300) -> Path:
    """A real workbook plus a member of ``member_mb`` MB of zeros (deflates to ~0.1 % of that)."""
    with zipfile.ZipFile(source) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for n, b in parts.items():
            zf.writestr(n, b)
        chunk = bytes(1 << 20)
        with zf.open("xl/media/padding.bin", "w", force_zip64=True) as fh:
            for _ in range(member_mb):
                fh.write(chunk)
    return path


def hidden_sheet(path: Path, sheets: dict[str, list[list[object]]], hidden: str) -> Path:
    """A workbook whose sheet ``hidden`` is hidden (Format → Sheet → Hide)."""
    import openpyxl

    xlsx(path, sheets)
    wb = openpyxl.load_workbook(path)
    wb[hidden].sheet_state = "hidden"
    wb.save(path)
    return path


def merged_block(path: Path, sheets: dict[str, list[list[object]]], sheet: str, ref: str) -> Path:
    """A workbook where ``ref`` (e.g. ``D2:D4``) of ``sheet`` is merged, keeping only its first value."""
    import openpyxl

    xlsx(path, sheets)
    wb = openpyxl.load_workbook(path)
    wb[sheet].merge_cells(ref)
    wb.save(path)
    return path


def csv_bytes(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
