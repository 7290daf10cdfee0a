"""The documentation in docs/ is what the code generates, and it links only inside the repository.

docs/rules.md is `opscore rules --format markdown`, docs/inputs.md is generated from the input
schema by `opscore docs`: after changing the rulebook or the schema, `make docs` rewrites them,
and these tests fail until it has been run.
"""
from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from cli import main
from processor import schema

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DEFAULT = tomllib.loads((ROOT / "processor" / "rulebook" / "default.toml").read_text(encoding="utf-8"))


def _rows(text: str) -> dict[str, list[str]]:
    """Table rows of a markdown page keyed by their first cell's code (`ATT-LATE` → its cells)."""
    rows = {}
    for line in text.splitlines():
        m = re.match(r"^\| `([^`]+)` \|", line)
        if m:
            rows[m.group(1)] = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
    return rows


def test_rules_md_is_the_generated_reference(runner):
    out = runner.invoke(main, ["rules", "--format", "markdown"])
    assert out.exit_code == 0, out.output
    assert out.stdout_bytes == (DOCS / "rules.md").read_bytes(), "docs/rules.md is stale: run `make docs`"


def test_docs_command_writes_both_pages_as_committed(runner, tmp_path):
    out = runner.invoke(main, ["docs", str(tmp_path)])
    assert out.exit_code == 0, out.output
    assert out.output.splitlines() == [str(tmp_path / "rules.md"), str(tmp_path / "inputs.md")]
    for name in ("rules.md", "inputs.md"):
        assert (tmp_path / name).read_bytes() == (DOCS / name).read_bytes(), f"docs/{name} is stale: run `make docs`"


def test_rules_md_lists_every_rule_and_incident_of_the_rulebook():
    rows = _rows((DOCS / "rules.md").read_text(encoding="utf-8"))
    for rid, entry in DEFAULT["rules"].items():
        rule_id, title, _params, _switches, citation = rows[rid]
        assert title == f"{entry['title_zh']}<br>{entry['title_en']}" and citation == entry["citation"]
    for code, entry in DEFAULT["incidents"].items():
        assert rows[code][1] == f"{entry['name_zh']}<br>{entry['name_en']}" and rows[code][4] == entry["citation"]


def test_rules_markdown_shows_the_rulebook_in_force(runner, tmp_path):
    own = tmp_path / "center.toml"
    own.write_text("[rules.ATT-LATE]\nfine_per_minute = 2\n[rules.ATT-EARLY]\nearly_leave_fined = false\n"
                   "[incidents.desk_5s]\namount = 20.0\n", encoding="utf-8")
    out = runner.invoke(main, ["rules", "--rules", str(own), "--format", "markdown"])
    assert out.exit_code == 0, out.output
    rows = _rows(out.output)
    assert rows["ATT-LATE"][2] == "`fine_per_minute = 2.0`" and rows["ATT-LATE"][3] == ""
    assert rows["ATT-EARLY"][2:4] == ["`fine_per_minute = 1.0`", "`early_leave_fined = false`"]
    assert rows["desk_5s"][3] == '`kind = "fine"`<br>`amount = 20.0`<br>`points = 0.0`'
    assert rows["APR-SCORE"][2].split("<br>")[2] == ("`profiles.operations = "
                                                     "{indicators = 55.0, rating = 30.0, attendance = 15.0}`")
    assert f"来源 sources: default.toml + {own}" in out.output


def test_rules_markdown_groups_as_the_rulebook_does(runner):
    text = runner.invoke(main, ["rules", "--format", "markdown"]).output
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[:5] == ["通则 Conventions that hold for every rule", "Attendance 考勤", "Leave 请假", "Swaps 换班",
                            "Breaks 离岗"]
    assert headings[-4:] == ["Incidents 奖惩记录 (`[incidents]`)", "Attendance exports 考勤导出 (`[exports]`)",
                             "Payroll export 工资导出 (`[payroll]`)",
                             "岗位等级 Ranks (`[ranks]`)"]
    sections = dict(zip(headings, re.split(r"^## .+$", text, flags=re.M)[1:], strict=True))
    assert "| `ATT-LATE` |" in sections["Attendance 考勤"] and "| `LV-NOTICE` |" in sections["Leave 请假"]
    assert "| `LV-NOTICE` |" not in sections["Attendance 考勤"]
    assert "- **`ATT-EARLY`**: `early_leave_fined`: off: early leave is recorded" in sections["Attendance 考勤"]
    assert "| 运营经理 | 4 |" in sections["岗位等级 Ranks (`[ranks]`)"]


def test_text_format_stays_the_default(runner):
    out = runner.invoke(main, ["rules"])
    assert out.output.splitlines()[1:4] == ["ATT-LATE         迟到按分钟罚款", " " * 17 + "fine_per_minute=1.0",
                                            " " * 17 + "依据: 001 客户部管理制度2 · 考勤管理制度 1(每迟到1分钟罚款1元)"]


def test_inputs_md_lists_every_column_of_the_schema():
    text = (DOCS / "inputs.md").read_text(encoding="utf-8")
    sections = {s.split("`")[1]: s for s in text.split("\n### ")[1:]}
    assert list(sections) == list(schema.TABLES)
    for table in schema.TABLES.values():
        assert sections[table.key].startswith(f"{table.label} `{table.key}`")
        for col in table.columns:
            label = f"**{col.label}**" if col.required else col.label
            row = next(line for line in sections[table.key].splitlines() if line.startswith(f"| {label} `{col.key}` |"))
            assert all(f"`{a}`" in row for a in col.aliases if a != col.label)
    assert "| `correction_kind` | `waive` | 免罚, waive, 申诉成功, 撤销处罚 |" in text
    assert "## Attendance exports (WeCom 企业微信, DingTalk 钉钉)" in text and "## Corrections and appeals (更正记录)" in text


def test_inputs_md_follows_the_schema(runner, tmp_path, monkeypatch):
    """An alias added to the schema appears in the generated page: the table part cannot drift."""
    holidays = schema.TABLES["holidays"]
    name = dataclasses.replace(holidays.columns[1], aliases=(*holidays.columns[1].aliases, "假日名"))
    monkeypatch.setitem(schema.TABLES, "holidays", dataclasses.replace(holidays, columns=(holidays.columns[0], name)))
    assert runner.invoke(main, ["docs", str(tmp_path)]).exit_code == 0
    row = next(line for line in (tmp_path / "inputs.md").read_text(encoding="utf-8").splitlines()
               if line.startswith("| **节日** `name` |"))
    assert row == ("| **节日** `name` | **是 yes** | `name`, `节假日`, `名称`, `节日名称`, `holiday`, `假日名` | text "
                   "| the holiday's name |")


@pytest.mark.parametrize("page", ["README.md", "docs/rules.md", "docs/inputs.md", "docs/outputs.md"])
def test_docs_link_only_inside_the_repository(page):
    text = (ROOT / page).read_text(encoding="utf-8")
    assert "../" + "shared" not in text and "shared" + "/spec" not in text
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
        assert not re.match(r"[a-z]+://", target), target
        assert ((ROOT / page).parent / target).resolve().is_relative_to(ROOT), target
        assert ((ROOT / page).parent / target).exists(), target


def test_no_source_or_test_points_outside_the_repository():
    files = [ROOT / "cli.py", *(ROOT / "processor").rglob("*.py"), *(ROOT / "processor").rglob("*.toml"),
             *(ROOT / "tests").rglob("*.py")]
    hits = [f"{p.relative_to(ROOT)}:{n}" for p in files if p.name != "test_docs.py"
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if re.search(r"\bshared/", line)]
    assert hits == []
