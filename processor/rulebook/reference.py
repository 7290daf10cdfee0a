"""The rule reference (``docs/rules.md``) generated from the rulebook in force.

Written by ``opscore rules --format markdown`` so the reference cannot drift from the rules
applied: every value is read from the merged rulebook, and the grouping and explanatory notes
from the comments of ``default.toml`` (its ``# ---- Attendance 考勤`` headings and the comment
lines beside each rule), which is where the rulebook already says them once.
"""
from __future__ import annotations

import json
import re
from typing import Any

from ..words.lang import choose, english
from . import Rulebook, _default_bytes

_HEADING = re.compile(r"^#\s*-{8,}\s*(.+?)\s*$")
_SECTION = re.compile(r"^\[\s*([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?")
_INLINE = re.compile(r"^([A-Za-z_][\w-]*)\s*=\s*[^#\"']*?\s#\s*(.+)$")
_BARE = re.compile(r"^[A-Za-z0-9_-]+$")
_INCIDENT_TEXT = ("name_zh", "name_en", "aliases", "citation")
OTHER_GROUP = "其他 Other"
CONVENTIONS = """\
## 通则 Conventions that hold for every rule

- **Minutes** are whole minutes, floor(seconds / 60), for late, early, breaks and preparation
  alike: 08:30:59 for an 08:30 start is 0 minutes late.
- **No intermediate rounding**: rates and scores keep full precision; only the final total is
  rounded, half-up to 2 decimals as Excel's ROUND does.
- **Months**: a day, a leave day, a swap (by its swap date), a ticket (by its creation time) and
  an incident belong to the calendar month they fall in; leave spanning two months counts in
  each only for its own days.
- **Findings and money**: every cause gets its own Findings row; each absence day exactly one
  ATT-ABSENCE row carrying the fine and naming its cause; per-minute fines sit on the ATT-LATE
  and ATT-EARLY rows, an incident's amount on a row whose rule id is the incident code. The
  fines of Findings add up to each employee's fines_total, the points to their points.
- **Holidays** are the days of the month's holidays table (节假日, docs/inputs.md).
- **Where the regulations disagree**, the call-center rules of 002 are applied (approval
  ladder, emergency phone call), not 001's version.
- **A center default** (citation 中心默认) is a figure the regulations do not give; a reading
  the regulations leave open is a switch of the rule.
"""


def _section_name(line: str) -> str | None:
    """``[rules.ATT-LATE]`` → ``rules.ATT-LATE``; ``[exports]`` → ``exports``; sub-tables keep their rule."""
    m = _SECTION.match(line)
    if not m:
        return None
    return f"{m.group(1)}.{m.group(2)}" if m.group(2) and m.group(1) in ("rules", "incidents") else m.group(1)


def _outline(text: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Group heading of each section and the comment notes of each section (and group).

    A comment block right under a heading is the group's note; a block followed by a section
    header is that section's note; a block followed by a key, and an inline ``key = v  # note``,
    explain that key of the section they sit in.
    """
    groups: dict[str, str] = {}
    notes: dict[str, list[str]] = {}
    heading, current, after_heading = OTHER_GROUP, "", False
    block: list[str] = []

    def flush(owner: str) -> None:
        if block:
            notes.setdefault(owner, []).append(" ".join(block))
            block.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if (h := _HEADING.match(line)):
            flush(current)
            heading, after_heading = h.group(1), True
        elif line.startswith("#"):
            block.append(line.lstrip("#").strip())
        elif not line:
            continue
        elif (name := _section_name(line)) is not None:
            flush(f"group:{heading}" if after_heading else name)
            if name != current:
                groups.setdefault(name, heading)
            current, after_heading = name, False
        else:
            key = line.split("=", 1)[0].strip()
            if block and not after_heading:  # a comment right above a key explains that key
                block[0] = f"`{key}`: {block[0]}"
            flush(f"group:{heading}" if after_heading else current)
            after_heading = False
            if (m := _INLINE.match(line)):
                notes.setdefault(current, []).append(f"`{m.group(1)}`: {m.group(2).strip()}")
    return groups, notes


def _key(k: str) -> str:
    return k if _BARE.match(k) else json.dumps(k, ensure_ascii=False)


def _value(v: Any) -> str:
    """A value as TOML would write it (``1.0``, ``true``, ``"运营经理"``, ``{a = 1.0}``)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return repr(v)


def _flat(params: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Nested tables opened down to the level whose values are plain (``profiles.operations``)."""
    out: list[tuple[str, Any]] = []
    for k, v in params.items():
        name = f"{prefix}{_key(k)}"
        if isinstance(v, dict) and any(isinstance(x, dict) for x in v.values()):
            out.extend(_flat(v, name + "."))
        else:
            out.append((name, v))
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _codes(pairs: list[tuple[str, Any]]) -> str:
    return "<br>".join(_cell(f"`{k} = {_value(v)}`") for k, v in pairs)


def _split(params: dict[str, Any]) -> tuple[str, str]:
    """Parameters and switches (the true/false ones) as table cells."""
    pairs = _flat(params)
    return (_codes([p for p in pairs if not isinstance(p[1], bool)]),
            _codes([p for p in pairs if isinstance(p[1], bool)]))


def _note_lines(notes: dict[str, list[str]], owners: list[tuple[str, str]]) -> list[str]:
    lines = [f"- **{label}**: {text}" for owner, label in owners for text in notes.get(owner, [])]
    return ["", "说明 Notes:", "", *lines] if lines else []


def _rule_table(rb: Rulebook, ids: list[str], notes: dict[str, list[str]]) -> list[str]:
    out = ["| 规则 Rule | 标题 Title | 参数 Parameters | 开关 Switches | 依据 Citation |",
           "|---|---|---|---|---|"]
    for rid in ids:
        entry = rb.rules[rid]
        params, switches = _split(rb.params(rid))
        title = f"{entry.get('title_zh', '')}<br>{entry.get('title_en', '')}"
        out.append(f"| `{rid}` | {_cell(title)} | {params} | {switches} | {_cell(str(entry.get('citation', '')))} |")
    return out + _note_lines(notes, [(f"rules.{rid}", f"`{rid}`") for rid in ids])


def _incident_table(rb: Rulebook, notes: dict[str, list[str]]) -> list[str]:
    out = ["| 代码 Code | 名称 Name | 别名 Aliases | 参数 Parameters | 依据 Citation |",
           "|---|---|---|---|---|"]
    for code, entry in rb.incidents.items():
        params = {k: v for k, v in entry.items() if k not in _INCIDENT_TEXT}
        name = f"{entry.get('name_zh', '')}<br>{entry.get('name_en', '')}"
        aliases = "、".join(str(a) for a in entry.get("aliases", []))
        out.append(f"| `{code}` | {_cell(name)} | {_cell(aliases)} | {_codes(_flat(params))} "
                   f"| {_cell(str(entry.get('citation', '')))} |")
    return out + _note_lines(notes, [(f"incidents.{code}", f"`{code}`") for code in rb.incidents])


def _group_note(notes: dict[str, list[str]], heading: str) -> list[str]:
    """The comment block under a group heading, as a paragraph each."""
    return [line for text in notes.get(f"group:{heading}", []) for line in (text, "")]


def _group_order(rb: Rulebook, groups: dict[str, str]) -> dict[str, list[str]]:
    order: dict[str, list[str]] = {}
    for rid in rb.rules:
        order.setdefault(groups.get(f"rules.{rid}", OTHER_GROUP), []).append(rid)
    return order


def _settings(rb: Rulebook, groups: dict[str, str], notes: dict[str, list[str]]) -> list[str]:
    """Top-level tables other than rules, incidents, ranks and meta (``[exports]`` …)."""
    out: list[str] = []
    for name, table in rb.data.items():
        if name in ("meta", "rules", "incidents", "ranks") or not isinstance(table, dict):
            continue
        params, switches = _split(table)
        heading = groups.get(name, OTHER_GROUP)
        out += ["", f"## {heading} (`[{name}]`)", "", *_group_note(notes, heading),
                "| 参数 Parameters | 开关 Switches |", "|---|---|", f"| {params} | {switches} |"]
        out += _note_lines(notes, [(name, f"`[{name}]`")])
    return out


def _ranks(rb: Rulebook, groups: dict[str, str], notes: dict[str, list[str]]) -> list[str]:
    out = ["", "## 岗位等级 Ranks (`[ranks]`)", "", *_group_note(notes, groups.get("ranks", "")),
           "| 岗位 Role | 等级 Rank |", "|---|---|"]
    out += [f"| {_cell(role)} | {rank} |" for role, rank in rb.ranks.items()]
    return out + _note_lines(notes, [("ranks", "`[ranks]`")])


def markdown_reference(rb: Rulebook) -> str:
    """The whole reference page, deterministic for a given rulebook (no dates, no paths of the machine)."""
    groups, notes = _outline(_default_bytes().decode("utf-8"))
    meta = rb.data.get("meta", {})
    out = ["# 规则参考 Rule reference", "",
           "<!-- Generated by `opscore rules --format markdown` (`make docs`); do not edit by hand. -->", "",
           f"规则库 Rulebook: {meta.get('name', '')} · 版本 version {meta.get('version', '')} · "
           f"中心 center {meta.get('center', '')} · 来源 sources: {' + '.join(rb.sources)} · "
           f"sha256 `{rb.sha256[:12]}`", "",
           *[line for text in notes.get("meta", []) for line in (text, "")],
           "Every rule id the program applies, with the values in force; `opscore rules --rules FILE "
           "--format markdown` prints this page for a center's own file. Citations name the regulation "
           "file (000–004) and its article.", "", CONVENTIONS.rstrip()]
    for heading, ids in _group_order(rb, groups).items():
        out += ["", f"## {heading}", ""]
        out += _group_note(notes, heading)
        out += _rule_table(rb, ids, notes)
    incident_heading = groups.get(f"incidents.{next(iter(rb.incidents), '')}", "Incidents 奖惩记录")
    out += ["", f"## {incident_heading} (`[incidents]`)", ""]
    out += _group_note(notes, incident_heading)
    out += _incident_table(rb, notes)
    out += _settings(rb, groups, notes)
    out += _ranks(rb, groups, notes)
    return "\n".join(out).rstrip() + "\n"


def text_reference(rb: Rulebook, lang: str = "zh") -> str:
    """The plain listing ``opscore rules`` prints by default: one block per rule, in one language."""
    out = [choose("规则来源: ", "Rulebook: ", lang) + " + ".join(rb.sources) + f"  (sha256 {rb.sha256[:12]})"]
    for row in rb.listing(lang):
        out.append(f"{row.rule_id:<16} {row.title}")
        if row.params_text:
            out.append(f"{'':<16} {row.params_text}")
        out.append(f"{'':<16} {'依据' if not english(lang) else 'source'}: {row.citation}")
    return "\n".join(out) + "\n"
