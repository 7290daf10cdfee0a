"""The command line as users meet it: help, version, exit codes, messages without tracebacks."""
from __future__ import annotations

from pathlib import Path

import pytest

from cli import main
from processor import __version__

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_workbooks" / "2026-10"


def test_help_lists_every_command(runner):
    out = runner.invoke(main, ["-h"])
    assert out.exit_code == 0
    for cmd in ("run", "check", "annual", "rules", "template", "sample"):
        assert cmd in out.output


@pytest.mark.parametrize("cmd", ["run", "check", "annual", "rules", "template", "sample"])
def test_every_command_has_help_with_example(runner, cmd):
    out = runner.invoke(main, [cmd, "--help"])
    assert out.exit_code == 0 and "Example" in out.output


def test_version(runner):
    out = runner.invoke(main, ["--version"])
    assert out.exit_code == 0 and __version__ in out.output


def test_missing_folder_is_a_usage_error(runner, tmp_path):
    out = runner.invoke(main, ["check", str(tmp_path / "nope")])
    assert out.exit_code == 2 and "找不到文件夹" in out.output and "Traceback" not in out.output


def test_folder_without_month_needs_month_option(runner, tmp_path):
    (tmp_path / "input").mkdir()
    out = runner.invoke(main, ["check", str(tmp_path / "input")])
    assert out.exit_code == 2 and "--month" in out.output


def test_check_on_sample_is_clean(runner):
    out = runner.invoke(main, ["check", str(SAMPLE)])
    assert out.exit_code == 0, out.output
    assert "没有发现问题" in out.output


def test_check_lists_planted_errors_grouped_by_file(runner, tmp_path):
    from workbooks import minimal_month
    d = tmp_path / "2026-10"
    minimal_month(d, 质检=[["坐席工号", "质检日期", "得分"], ["001", "2026-10-02", 120], ["777", "2026-10-02", 90]])
    (d / "旧.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    out = runner.invoke(main, ["check", str(d)])
    assert out.exit_code == 1
    lines = out.output.splitlines()
    assert "month.xlsx  (2)" in lines and "旧.xls  (1)" in lines
    assert "  month.xlsx:质检!C2: [得分] “120” 值无法识别 (应为:0–100 的分数)" in lines
    assert "  month.xlsx:质检!A3: [坐席工号] “777” 工号不在员工名册中 (应为:员工名册中的工号)" in lines
    assert lines[-1] == "共 2 个文件,3 个问题"


def test_check_in_english(runner, tmp_path):
    from workbooks import minimal_month
    d = minimal_month(tmp_path / "2026-10", 质检=[["坐席工号", "质检日期", "得分"], ["001", "2026-10-02", 120]])
    out = runner.invoke(main, ["check", str(d), "--lang", "en"])
    assert out.exit_code == 1 and out.output.splitlines()[-1] == "1 file(s), 1 problem(s)"


def test_rules_prints_every_rule_with_citation(runner):
    out = runner.invoke(main, ["rules"])
    assert out.exit_code == 0
    assert "ATT-LATE" in out.output and "001 客户部管理制度2 · 考勤管理制度 1" in out.output
    assert "meeting_late" in out.output and "min_amount=10.0" in out.output


def test_center_rulebook_unknown_key_is_refused(runner, tmp_path):
    own = tmp_path / "center.toml"
    own.write_text("[rules.ATT-LATE]\nfine_per_minit = 2\n", encoding="utf-8")
    out = runner.invoke(main, ["rules", "--rules", str(own)])
    assert out.exit_code == 1 and "center.toml: rules.ATT-LATE.fine_per_minit" in out.output


def test_center_rulebook_wrong_type_is_refused(runner, tmp_path):
    own = tmp_path / "center.toml"
    own.write_text('[rules.ATT-LATE]\nfine_per_minute = "two"\n', encoding="utf-8")
    out = runner.invoke(main, ["rules", "--rules", str(own)])
    assert out.exit_code == 1 and "rules.ATT-LATE.fine_per_minute" in out.output and "float" in out.output


def test_center_rulebook_changes_only_its_keys(runner, tmp_path):
    own = tmp_path / "center.toml"
    own.write_text("[rules.ATT-LATE]\nfine_per_minute = 2\n", encoding="utf-8")
    out = runner.invoke(main, ["rules", "--rules", str(own)])
    assert out.exit_code == 0 and "fine_per_minute=2.0" in out.output and "fine_per_day=100.0" in out.output


def test_center_rulebook_sets_the_verdict_shift(runner, tmp_path):
    own = tmp_path / "center.toml"
    own.write_text('[exports]\nverdict_shift = "08:30-17:30"\n', encoding="utf-8")
    out = runner.invoke(main, ["rules", "--rules", str(own)])
    assert out.exit_code == 0 and "verdict_shift=08:30-17:30" in out.output
    own.write_text('[exports]\nverdict_shift = "8点半"\n', encoding="utf-8")
    out = runner.invoke(main, ["rules", "--rules", str(own)])
    assert out.exit_code == 1 and "center.toml: exports.verdict_shift" in out.output and "8点半" in out.output


def test_template_then_check_passes(runner, tmp_path):
    d = tmp_path / "2026-11"
    out = runner.invoke(main, ["template", str(d), "--month", "2026-11"])
    assert out.exit_code == 0 and len(out.output.splitlines()) == 12  # 11 tables + 更正记录 (issue 18)
    out = runner.invoke(main, ["check", str(d)])
    assert out.exit_code == 0, out.output


def test_template_has_dropdowns_notes_and_frozen_header(runner, tmp_path):
    import openpyxl
    runner.invoke(main, ["template", str(tmp_path)])
    ws = openpyxl.load_workbook(tmp_path / "考勤.xlsx").active
    assert [c.value for c in ws[1]][:3] == ["工号", "日期", "班次"]
    assert ws["A1"].comment.text.startswith("employee_id")
    assert ws.freeze_panes == "A2"
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert '"早班,中班,晚班,夜班,白班,休息"' in lists
    assert ws["A2"].value == "00101" and ws["B2"].number_format == "yyyy-mm-dd"
