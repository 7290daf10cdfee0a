"""Cell styles of the fast workbook writer, and the ``xl/styles.xml`` part that holds them.

A cell names its style by a number (``s="3"``): the position of its entry in ``cellXfs``,
which points at a font, a fill, a border and a number format. :class:`Styles` hands out
those numbers for :class:`Style` values, sharing each font, fill, border and format between
the styles that use it, as Excel itself does. Style 0 is the workbook default (Calibri 11),
which empty cells and cells written without a style take.
"""
from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

FIRST_CUSTOM_FORMAT = 164  # ids below are Excel's built-in number formats
DEFAULT_FONT = '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'


@dataclass(frozen=True)
class Style:
    """How a cell looks. Colours are ``#RRGGBB``; borders are ``thin`` / ``medium``."""

    font: str = "Calibri"
    size: float = 11
    bold: bool = False
    color: str | None = None  # font colour
    fill: str | None = None  # solid background
    num_format: str | None = None  # "0.0%", "yyyy-mm-dd" …
    wrap: bool = False
    halign: str | None = None  # left / center / right
    valign: str | None = None  # top / center / bottom
    border: str | None = None  # all four sides
    border_color: str | None = None
    top: str | None = None  # the top side only (a totals row)


def _argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


class Styles:
    """The styles of one workbook: ``add(style)`` → the number cells refer to it by."""

    def __init__(self) -> None:
        self._xfs: dict[Style | None, int] = {None: 0}
        self._fonts: dict[str, int] = {DEFAULT_FONT: 0}
        self._fills: dict[str, int] = {'<fill><patternFill patternType="none"/></fill>': 0,
                                       '<fill><patternFill patternType="gray125"/></fill>': 1}
        self._borders: dict[str, int] = {"<border><left/><right/><top/><bottom/><diagonal/></border>": 0}
        self._formats: dict[str, int] = {}
        self._xf_xml: list[str] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']

    def add(self, style: Style | None) -> int:
        """The style number of ``style`` (None: the default, 0); registered on first use."""
        if style in self._xfs:
            return self._xfs[style]
        assert style is not None
        fmt = 0
        if style.num_format is not None:
            fmt = self._formats.setdefault(style.num_format, FIRST_CUSTOM_FORMAT + len(self._formats))
        font = self._intern(self._fonts, _font(style))
        fill = self._intern(self._fills, _fill(style.fill)) if style.fill else 0
        border = self._intern(self._borders, _border(style)) if (style.border or style.top) else 0
        attrs = [f'numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"']
        attrs += [f'{name}="1"' for name, on in (("applyNumberFormat", fmt), ("applyFont", font),
                                                  ("applyFill", fill), ("applyBorder", border)) if on]
        align = "".join(f" {k}={quoteattr(str(v))}" for k, v in (
            ("horizontal", style.halign), ("vertical", style.valign), ("wrapText", 1 if style.wrap else None))
            if v is not None)
        if align:
            attrs.append('applyAlignment="1"')
            self._xf_xml.append(f"<xf {' '.join(attrs)}><alignment{align}/></xf>")
        else:
            self._xf_xml.append(f"<xf {' '.join(attrs)}/>")
        self._xfs[style] = len(self._xf_xml) - 1
        return self._xfs[style]

    @staticmethod
    def _intern(table: dict[str, int], xml: str) -> int:
        return table.setdefault(xml, len(table))

    def xml(self) -> str:
        """The ``xl/styles.xml`` part."""
        def part(tag: str, items: list[str]) -> str:
            return f'<{tag} count="{len(items)}">{"".join(items)}</{tag}>'
        formats = [f'<numFmt numFmtId="{i}" formatCode={quoteattr(code)}/>' for code, i in self._formats.items()]
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                + (part("numFmts", formats) if formats else "")
                + part("fonts", list(self._fonts)) + part("fills", list(self._fills))
                + part("borders", list(self._borders))
                + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                + part("cellXfs", self._xf_xml)
                + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                '<dxfs count="0"/><tableStyles count="0"/></styleSheet>')


def _font(s: Style) -> str:
    colour = f'<color rgb="{_argb(s.color)}"/>' if s.color else ""
    return (f'<font>{"<b/>" if s.bold else ""}<sz val="{_num(s.size)}"/>{colour}'
            f'<name val={quoteattr(s.font)}/><family val="2"/></font>')


def _fill(colour: str) -> str:
    return (f'<fill><patternFill patternType="solid"><fgColor rgb="{_argb(colour)}"/>'
            '<bgColor indexed="64"/></patternFill></fill>')


def _border(s: Style) -> str:
    def side(tag: str, kind: str | None) -> str:
        if not kind:
            return f"<{tag}/>"
        colour = f'<color rgb="{_argb(s.border_color)}"/>' if s.border_color else '<color auto="1"/>'
        return f'<{tag} style="{kind}">{colour}</{tag}>'
    return ("<border>" + side("left", s.border) + side("right", s.border) + side("top", s.top or s.border)
            + side("bottom", s.border) + "<diagonal/></border>")
