"""The input-table reference (``docs/inputs.md``) generated from :data:`.schema.TABLES`.

Headers, aliases, required columns, types and code spellings are read from the schema the
program validates with, so the page cannot drift from it; only the meanings and the prose come
from :mod:`.reference_text`.
"""
from __future__ import annotations

from ..schema import CODES, MANDATORY, TABLES, Column, Table
from .reference_text import CORRECTIONS, CROSS_CHECKS, EXPORTS, INTRO, MEANINGS, TABLE_NOTES, TYPES


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _type(col: Column) -> str:
    """The type in words; a coded column lists its codes with their accepted spellings."""
    if col.type != "enum":
        return TYPES.get(col.type, col.type)
    codes = [f"{spellings[0]} (`{code}`)" for code, spellings in CODES[col.enum].items()]
    return f"{TYPES['enum']}: " + ", ".join(codes)


def _word(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"`{value}`"


def _aliases(col: Column) -> str:
    return ", ".join(f"`{a}`" for a in col.aliases if a != col.label)


def _status(table: Table) -> str:
    return "每月必需 required every month" if table.key in MANDATORY else "可选 optional"


def _table(table: Table) -> list[str]:
    out = ["", f"### {table.label} `{table.key}` — {_status(table)}", ""]
    if table.key in TABLE_NOTES:
        out += [TABLE_NOTES[table.key], ""]
    out += ["| 列 Column | 必填 Required | 别名 Aliases | 类型 Type | 含义 Meaning |", "|---|---|---|---|---|"]
    for col in table.columns:
        required = "**是 yes**" if col.required else ""
        blank = "" if col.blank_default is None else f"; blank = {_word(col.blank_default)}"
        label = f"**{col.label}**" if col.required else col.label
        out.append(f"| {label} `{col.key}` | {required} | {_cell(_aliases(col))} "
                   f"| {_cell(_type(col) + blank)} | {_cell(MEANINGS.get((table.key, col.key), ''))} |")
    return out


def _codes() -> list[str]:
    out = ["", "## 代码值 Coded values", "",
           "Every spelling below is accepted (case, spaces and full-width forms ignored); the first is "
           "the one `template` offers in its dropdown.", "",
           "| 代码表 List | 代码 Code | 写法 Spellings |", "|---|---|---|"]
    for enum, codes in CODES.items():
        out += [f"| `{enum}` | `{code}` | {_cell(', '.join(spellings))} |" for code, spellings in codes.items()]
    return out


def markdown_inputs() -> str:
    """The whole page, deterministic (only the schema and the texts decide it)."""
    out = [INTRO.rstrip(), "", "## 表 Tables",
           "", "Required columns in **bold**; each header may be given as its Chinese label, its key or "
           "any alias."]
    for table in TABLES.values():
        out += _table(table)
    out += _codes()
    out += ["", CORRECTIONS.rstrip(), "", EXPORTS.rstrip(), "", CROSS_CHECKS.rstrip()]
    return "\n".join(out).rstrip() + "\n"
