"""The horizontal bar chart's SVG, written in Python: the one chart every employee page draws twice.

A large center's report draws some 4,000 of them; as a Jinja macro each cost about as much as
the rest of the page's figures, most of it in autoescaping one coordinate at a time. This is
the markup ``templates/macros/charts.html`` drew, line for line: every value a page prints goes
through the environment's ``finalize`` (phone numbers masked) and is escaped, as the macro's
``{{ }}`` did; the coordinates come from :func:`processor.write.charts.hbar_chart` as before.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup, escape

from processor.write.filters import count, num


def hbar_svg(c: Mapping[str, Any], title: object, suffix: object, digits: int,
             finalize: Callable[[Any], Any]) -> Markup:
    """The chart ``c`` (:func:`~processor.write.charts.hbar_chart`) as SVG markup."""
    def e(value: object) -> str:
        if type(value) is int or type(value) is float:  # a coordinate: its str() has nothing to escape or mask
            return str(value)
        return str(escape(finalize(value)))

    width, height, x0, x1 = e(c["width"]), e(c["height"]), c["x0"], c["x1"]
    t, sfx, ex0 = e(title), e(suffix), e(x0)
    out = [f'<svg class="chart hbar-chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-label="{t}">\n<title>{t}</title>\n']
    axis_y, tick_y = e(c["axis_y"]), e(c["tick_y"])
    for tk in c["ticks"]:
        x = e(tk["x"])
        out.append(f'<line class="grid" x1="{x}" x2="{x}" y1="0" y2="{axis_y}"/>\n'
                   f'<text class="tick" x="{x}" y="{tick_y}" text-anchor="middle">{e(count(tk["value"]))}</text>\n')
    cat_x, track_w, value_x = e(x0 - 8), e(x1 - x0), e(c["value_x"])
    for r in c["rows"]:
        y, h, mid, label, value = e(r["y"]), e(r["h"]), e(r["mid"]), e(r["label"]), r["value"]
        out.append(f'<text class="cat" x="{cat_x}" y="{mid}" text-anchor="end">{label}</text>\n'
                   f'<rect class="track" x="{ex0}" y="{y}" width="{track_w}" height="{h}" rx="3"/>\n')
        shown = None if value is None else e(num(value, digits)) + sfx
        if shown is not None:
            out.append(f'<rect class="bar {e(r["cls"])}" x="{ex0}" y="{y}" width="{e(r["w"])}" height="{h}" rx="3">'
                       f'<title>{label}: {shown}</title></rect>\n')
        if r["target_x"] is not None:
            tx = e(r["target_x"])
            out.append(f'<line class="target" x1="{tx}" x2="{tx}" y1="{e(r["y"] - 3)}" y2="{e(r["y"] + r["h"] + 3)}"/>\n')
        out.append(f'<text class="val" x="{value_x}" y="{mid}">{"—" if shown is None else shown}</text>\n')
    out.append("</svg>")
    return Markup("".join(out))
