"""The arrows go one way: read → validate → rules → score → write, over a bottom layer.

Every import inside processor/ (module-level and function-local alike) is read with ast and
checked against the layer table below, so a back-edge fails here with the file and line, not
months later as an import cycle. A new module must be placed in a layer (the second test).
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "processor"

# Bottom: the data model, the errors, the rulebook, the input tables (schema, vocab) and cell
# parsers (parse, zones, iso_seconds), and the run's small services (language, progress, timing).
BOTTOM = {"", "model", "errors", "rulebook", "schema", "parse", "distinct", "service_cells", "zones", "iso_seconds", "vocab",
          "uilang", "progress", "timing", "hooks", "words"}
# Top: commands that string the layers together; they may import anything.
TOP = {"pipeline", "check", "compare", "docs", "bench", "sample", "blank_workbooks", "outputs", "ledger_commands",
       "commandline"}
# Each middle layer and the layers it may import (besides itself and the bottom).
BELOW: dict[str, set[str]] = {
    "read": set(),
    "validate": {"read"},
    "rules": {"read", "validate"},
    "ledger": set(),
    "score": {"read", "validate", "rules", "ledger"},
    "write": {"read", "validate", "rules", "ledger", "score"},
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    """processor.read.headers → read; processor.model → model; processor → ''."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported processor module) for every import in the file."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    return _imported(path.read_text(encoding="utf-8"), package)


def _imported(source: str, package: str) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from processor import parse` imports the module processor.parse
            out += [(node.lineno, f"{target}.{a.name}" if _is_module(f"{target}.{a.name}") else target)
                    for a in node.names]
    return [(line, name) for line, name in out if name == "processor" or name.startswith("processor.")]


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer():
    unplaced = sorted({_layer(_module(p)) for p in _modules()} - BOTTOM - TOP - set(BELOW))
    assert unplaced == [], f"place these in a layer of tests/test_layers.py: {unplaced}"


def test_imports_go_one_way():
    back_edges = []
    for path in _modules():
        source = _layer(_module(path))
        if source in TOP:
            continue
        allowed = BOTTOM if source in BOTTOM else BOTTOM | {source} | BELOW[source]
        back_edges += [f"{path.relative_to(ROOT)}:{line} imports {name}" for line, name in _imports(path)
                       if _layer(name) not in allowed]
    assert back_edges == []


def test_the_check_resolves_relative_and_local_imports():
    """A module of read/ importing validate (relatively, inside a function) is seen as such."""
    source = "import os\nfrom .. import parse\ndef f():\n    from ..validate.convert import convert\n"
    found = _imported(source, "processor.read")
    assert found == [(2, "processor.parse"), (4, "processor.validate.convert")]
    assert [_layer(name) for _, name in found] == ["parse", "validate"]
