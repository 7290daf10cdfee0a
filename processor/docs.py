"""``opscore docs``: the reference pages generated from the code (``make docs`` → ``docs/``).

docs/rules.md comes from the rulebook in force, docs/inputs.md from the input schema; a test
compares the committed pages with this output, so changing the rulebook or the schema without
running ``make docs`` fails the suite rather than leaving the documentation wrong.
"""
from __future__ import annotations

from pathlib import Path

from .rulebook import load_rulebook
from .rulebook.reference import markdown_reference
from .validate.reference import markdown_inputs


def generated_pages(rules_file: Path | None = None) -> dict[str, str]:
    """File name → text of every generated page."""
    return {"rules.md": markdown_reference(load_rulebook(rules_file)), "inputs.md": markdown_inputs()}


def write_docs(out_dir: Path, rules_file: Path | None = None) -> list[Path]:
    """Write the pages with LF line ends in UTF-8 on every platform, so the output is byte-stable."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generated_pages(rules_file).items():
        path = out_dir / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written
