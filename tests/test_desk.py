"""At an HR desk: runs inside the month folder, copies in subfolders, Excel open, templates and
samples that must not clobber real files, help in the user's language — all through the CLI."""
from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3

import openpyxl

from cli import main
from conftest import SAMPLE
from workbooks import ATT, ATT_HEADER, ROSTER, ROSTER_HEADER, minimal_month, xlsx


def summary_rows(path) -> list[tuple]:
    return list(openpyxl.load_workbook(path, read_only=True)["汇总"].iter_rows(values_only=True))


def split_month(folder):
    xlsx(folder / "员工名册.xlsx", {"名册": [ROSTER_HEADER, *ROSTER]})
    xlsx(folder / "考勤.xlsx", {"考勤": [ATT_HEADER, *ATT]})
    return folder


# ---------------------------------------------------------------- outputs are never inputs
def test_two_runs_inside_the_month_folder_give_the_same_summary(runner, tmp_path, monkeypatch):
    """``cd 2026-10 && opscore run . && opscore run .``: the outputs land in ./out, inside the
    folder read, and the second run must not read the first one's scored workbook."""
    month = tmp_path / "2026-10"
    shutil.copytree(SAMPLE, month)
    monkeypatch.chdir(month)
    first = runner.invoke(main, ["run", ".", "-q"])
    assert first.exit_code == 0, first.output
    rows = summary_rows(month / "out" / "2026-10" / "scored-2026-10.xlsx")
    second = runner.invoke(main, ["run", ".", "-q"])
    assert second.exit_code == 0, second.output
    assert second.output == first.output
    assert first.output.splitlines() == [
        "2026-10:考核 60 人(优秀 14,良好 37,合格 7,不合格 2),罚款合计 2,719.00 元,需处理 2 人",
        "工作簿: out/2026-10/scored-2026-10.xlsx", "报告:   out/2026-10/report/index.html"]
    # header and 60 people, no totals row
    assert summary_rows(month / "out" / "2026-10" / "scored-2026-10.xlsx") == rows and len(rows) == 61
    assert (month / "out" / ".opscore-output").is_file() and (month / "out" / "2026-10" / ".opscore-output").is_file()
    check = runner.invoke(main, ["check", "."])
    assert check.exit_code == 0
    assert "  out/: opscore 的输出文件夹,未作为输入读取" in check.output.splitlines()
    assert check.output.splitlines()[-1] == "共 7 个文件,没有发现问题"


def test_outputs_moved_elsewhere_in_the_folder_are_still_not_read(runner, tmp_path):
    """A copied output folder keeps its marker; a scored workbook alone is known by its name."""
    month = minimal_month(tmp_path / "2026-10")
    out = tmp_path / "out"
    assert runner.invoke(main, ["run", str(month), "--out", str(out), "-q"]).exit_code == 0
    shutil.copytree(out / "2026-10", month / "上月结果")
    shutil.copy(out / "2026-10" / "scored-2026-10.xlsx", month / "scored-2026-10.xlsx")
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 0, check.output
    lines = check.output.splitlines()
    assert "  上月结果/: opscore 的输出文件夹,未作为输入读取" in lines
    assert "  scored-2026-10.xlsx: opscore 自己的输出文件,未作为输入读取" in lines
    assert lines[-1] == "共 1 个文件,没有发现问题"


# ---------------------------------------------------------------- files in subfolders
def test_a_copy_in_a_subfolder_is_named_by_its_relative_path(runner, tmp_path):
    month = split_month(tmp_path / "2026-10")
    (month / "备份").mkdir()
    shutil.copy(month / "员工名册.xlsx", month / "备份" / "员工名册.xlsx")
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 1
    lines = check.output.splitlines()
    assert "  备份/员工名册.xlsx: 员工名册 3" in lines and "  员工名册.xlsx: 员工名册 3" in lines
    assert ("  备份/员工名册.xlsx:名册!A2: [工号] “001” 员工名册中工号重复(首次出现在 员工名册.xlsx:名册 第 2 行)"
            in lines)
    assert lines[-1] == "共 3 个文件,3 个问题"


def test_the_same_name_in_two_subfolders_keeps_both_hashes(runner, tmp_path):
    month = tmp_path / "2026-10"
    xlsx(month / "一组" / "名单.xlsx", {"名册": [ROSTER_HEADER, *ROSTER[:2]]})
    xlsx(month / "二组" / "名单.xlsx", {"名册": [ROSTER_HEADER, ROSTER[2]]})
    xlsx(month / "考勤.xlsx", {"考勤": [ATT_HEADER, *ATT]})
    out = tmp_path / "out"
    r = runner.invoke(main, ["run", str(month), "--out", str(out), "-q"])
    assert r.exit_code == 0, r.output
    import hashlib

    want = {rel: hashlib.sha256((month / rel).read_bytes()).hexdigest()
            for rel in ("一组/名单.xlsx", "二组/名单.xlsx", "考勤.xlsx")}
    with sqlite3.connect(out / "opscore.db") as db:
        (inputs,) = db.execute("select inputs from runs").fetchone()
    inputs = json.loads(inputs)
    got = {i["path"]: i["sha256"] for i in inputs} if isinstance(inputs, list) else inputs
    assert got == want
    run_sheet = openpyxl.load_workbook(out / "2026-10" / "scored-2026-10.xlsx")["运行信息"]
    listed = {row[0]: row[1] for row in run_sheet.iter_rows(values_only=True) if row[0] in want}
    assert listed == want, (listed, want)


def test_a_file_replaced_while_the_run_reads_it_is_refused(runner, tmp_path, monkeypatch):
    """The bytes hashed are the bytes parsed: a roster saved over between discovery and parsing
    is a located problem, never scored under the old file's hash."""
    import processor.validate.month as vm

    month = split_month(tmp_path / "2026-10")
    real = vm.discover

    def discover_then_save_over(folder, limit):
        found = real(folder, limit)
        xlsx(month / "员工名册.xlsx", {"名册": [ROSTER_HEADER, *ROSTER[:2]]})
        return found

    monkeypatch.setattr(vm, "discover", discover_then_save_over)
    r = runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 1
    assert "员工名册.xlsx: 文件在读取过程中被修改或替换:请等它保存完毕后重新运行" in r.output.splitlines()
    assert not (tmp_path / "out" / "2026-10").exists()


# ---------------------------------------------------------------- what the walk passes over
def test_lock_file_fifo_dangling_link_and_workbook_named_folder_are_noted(runner, tmp_path):
    month = split_month(tmp_path / "2026-10")
    (month / "~$员工名册.xlsx").write_bytes(b"\x0bsomeone" + b"\0" * 40)
    os.mkfifo(month / "工单.csv")
    (month / "质检.xlsx").symlink_to(tmp_path / "gone.xlsx")
    xlsx(month / "旧考勤.xlsx" / "考勤.xlsx", {"考勤": [ATT_HEADER, *ATT]})  # a folder named like a workbook
    check = runner.invoke(main, ["check", str(month)])
    lines = check.output.splitlines()
    assert "  员工名册.xlsx: 正在 Excel 中打开(锁文件 ~$员工名册.xlsx),未保存的修改不会被读取:请先保存并关闭" in lines
    assert "  工单.csv: 不是普通文件(管道),未读取" in lines
    assert "  质检.xlsx: 链接指向的文件不存在,未读取" in lines
    assert "  旧考勤.xlsx/: 名称像工作簿,其实是文件夹,按文件夹读取其中的文件" in lines
    assert "  旧考勤.xlsx/考勤.xlsx: 考勤 3" in lines  # read as a folder: its attendance duplicates the other
    assert check.exit_code == 1 and lines[-1] == "共 3 个文件,3 个问题"


def test_an_unreadable_subfolder_is_a_problem_not_a_skip(runner, tmp_path, monkeypatch):
    month = split_month(tmp_path / "2026-10")
    xlsx(month / "工单" / "十月.xlsx", {"工单": [["工单号", "坐席工号", "渠道", "类型", "创建时间"]]})
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("工单"):  # what a folder without read permission gives (root reads all)
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = runner.invoke(main, ["run", str(month), "--out", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 1
    assert r.output.splitlines() == ["工单: 无法读取文件夹:Permission denied;请检查该文件夹的访问权限", "输入有 1 个问题"]


def test_an_unreadable_file_is_a_problem_not_a_skip(runner, tmp_path, monkeypatch):
    from pathlib import Path

    month = split_month(tmp_path / "2026-10")
    xlsx(month / "质检" / "十月质检.xlsx", {"质检": [["坐席工号", "质检日期", "得分"], ["001", "2026-10-02", 90]]})
    real = Path.open

    def open_(self, *args, **kwargs):
        if self.name == "十月质检.xlsx":  # what a file without read permission gives (root reads all)
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 1
    assert "  质检/十月质检.xlsx: 无法读取文件:Permission denied" in check.output.splitlines()


def test_deep_folders_are_walked_without_recursion(runner, tmp_path, monkeypatch):
    """400 nested folders, walked with only 150 frames of stack to spare: a recursive walk (rglob)
    raises RecursionError there. (Not 1,200 folders at the normal limit: pytest's own cleanup
    of tmp_path recurses, and a tree it cannot delete would break every later session.)"""
    import inspect
    import sys

    import processor.read.files as files

    month = split_month(tmp_path / "2026-10")
    deep = month.joinpath(*["d"] * 400)
    os.makedirs(deep)
    shutil.move(month / "考勤.xlsx", deep / "考勤.xlsx")
    real = files.walk_month

    def walk_on_a_short_stack(*args):
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(len(inspect.stack(0)) + 150)
        try:
            return real(*args)
        finally:
            sys.setrecursionlimit(limit)

    monkeypatch.setattr(files, "walk_month", walk_on_a_short_stack)
    check = runner.invoke(main, ["check", str(month)])
    assert check.exit_code == 0, check.output[-500:]
    assert f"  {'d/' * 400}考勤.xlsx: 考勤 3" in check.output.splitlines()


def test_the_month_hint_uses_the_folders_own_month(runner, tmp_path):
    folder = split_month(tmp_path / "资料")
    shutil.move(folder / "考勤.xlsx", folder / "2026年11月考勤.xlsx")
    r = runner.invoke(main, ["check", str(folder)])
    assert r.exit_code == 2
    assert r.output.splitlines() == ["错误: 无法从文件夹名“资料”判断月份:请用 --month 2026-11 指定"]
    (tmp_path / "九月资料").mkdir()
    r = runner.invoke(main, ["check", str(tmp_path / "九月资料"), "--lang", "en"])
    today = datetime.date.today()  # 九月 alone: the latest September not after today
    assert r.output.splitlines()[0].endswith(f": give --month {today.year - (today.month < 9)}-09")


# ---------------------------------------------------------------- sample and template never overwrite
def test_sample_into_a_folder_with_a_real_roster_refuses(runner, tmp_path):
    real = xlsx(tmp_path / "real" / "2026-10" / "员工名册.xlsx", {"名册": [ROSTER_HEADER, *ROSTER]})
    before = real.read_bytes()
    r = runner.invoke(main, ["sample", str(tmp_path / "real"), "--employees", "20", "--tickets", "10", "-q"])
    assert r.exit_code == 2
    assert r.output.splitlines() == [f"错误: 已有 1 个文件,opscore sample 不会覆盖或混入:{real}",
                                     "提示: 换一个空文件夹,或加 --force 替换这些文件"]
    assert real.read_bytes() == before and sorted(p.name for p in real.parent.iterdir()) == ["员工名册.xlsx"]
    r = runner.invoke(main, ["sample", str(tmp_path / "real"), "--employees", "20", "--tickets", "10", "-q", "--force"])
    assert r.exit_code == 0 and real.read_bytes() != before


def test_sample_beside_another_workbook_refuses_too(runner, tmp_path):
    other = xlsx(tmp_path / "2026-10" / "名单.xlsx", {"名册": [ROSTER_HEADER, *ROSTER]})
    r = runner.invoke(main, ["sample", str(tmp_path), "--employees", "20", "--tickets", "10", "-q"],
                      env={"LANG": "en_US.UTF-8"})
    assert r.exit_code == 2
    assert r.output.splitlines()[0] == ("Error: 1 file(s) already there; opscore sample neither overwrites nor "
                                        f"mixes with them: {other}")


def test_template_refuses_to_overwrite_and_force_replaces(runner, tmp_path):
    d = tmp_path / "2026-11"
    filled = xlsx(d / "员工名册.xlsx", {"名册": [ROSTER_HEADER, *ROSTER]})
    before = filled.read_bytes()
    r = runner.invoke(main, ["template", str(d)])
    assert r.exit_code == 2 and r.output.splitlines()[0] == f"错误: 已有 1 个文件,opscore template 不会覆盖或混入:{filled}"
    assert filled.read_bytes() == before and [p.name for p in d.iterdir()] == ["员工名册.xlsx"]
    r = runner.invoke(main, ["template", str(d), "--force"])
    assert r.exit_code == 0 and len(r.output.splitlines()) == 12
    assert openpyxl.load_workbook(filled).active["B2"].value == "王班长"


def test_an_untouched_template_reports_its_example_rows(runner, tmp_path):
    d = tmp_path / "2026-11"
    assert runner.invoke(main, ["template", str(d)]).exit_code == 0
    check = runner.invoke(main, ["check", str(d)])
    assert check.exit_code == 1
    lines = check.output.splitlines()
    assert "  员工名册.xlsx:员工名册!K2: [示例] 模板的示例行仍在表中(第 2, 3, 4 行):请删除这些行,或清空其“示例”列" in lines
    assert "  考勤.xlsx:考勤!I2: [示例] 模板的示例行仍在表中(第 2 行):请删除这些行,或清空其“示例”列" in lines
    assert lines[-1] == "共 12 个文件,12 个问题"
    r = runner.invoke(main, ["run", str(d), "--out", str(tmp_path / "out"), "-q", "--lang", "en"])
    assert r.exit_code == 1 and r.output.splitlines()[-1] == "12 input problem(s)"
    assert ("员工名册.xlsx:员工名册!K2: [column 示例] example rows left in from the template "
            "(rows 2, 3, 4): delete them, or clear their 示例 column") in r.output.splitlines()


def test_template_examples_fall_in_the_folders_month(runner, tmp_path):
    d = tmp_path / "2026-11"
    assert runner.invoke(main, ["template", str(d)]).exit_code == 0
    ws = openpyxl.load_workbook(d / "考勤.xlsx").active
    assert ws["B2"].value.strftime("%Y-%m-%d") == "2026-11-05"
    leave = openpyxl.load_workbook(d / "请假.xlsx").active
    assert leave["C2"].value.strftime("%Y-%m-%d %H:%M") == "2026-11-06 08:30"
    r = runner.invoke(main, ["template", str(tmp_path / "下月"), "--month", "2027-02"])
    assert r.exit_code == 0
    assert openpyxl.load_workbook(tmp_path / "下月" / "考勤.xlsx").active["B2"].value.strftime("%Y-%m") == "2027-02"
    # with the marks cleared, the examples are a valid month of the folder's own month
    for path in d.glob("*.xlsx"):
        wb = openpyxl.load_workbook(path)
        ws = wb.active
        col = [c.column for c in ws[1] if c.value == "示例"][0]
        for row in range(2, ws.max_row + 1):
            ws.cell(row=row, column=col).value = None
        wb.save(path)
    check = runner.invoke(main, ["check", str(d)])
    assert check.exit_code == 0, check.output


# ---------------------------------------------------------------- the user's language
def test_help_is_chinese_by_default(runner):
    r = runner.invoke(main, ["--help"])
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0] == "用法: main [选项] 命令 [参数]..."
    assert "  opscore —— 按服务中心的规章制度,对一个月的工作簿计算考勤、罚款与考核。" in lines
    assert "  -h, --help     显示本帮助并退出。" in lines and "命令:" in lines
    r = runner.invoke(main, ["run", "-h"])
    assert any(line.split() == ["--month", "YYYY-MM", "月份(YYYY-MM),文件夹名看不出月份时使用"]
               for line in r.output.splitlines())


def test_a_missing_argument_is_a_chinese_usage_error(runner):
    r = runner.invoke(main, ["run"])
    assert r.exit_code == 2
    assert r.output.splitlines() == ["用法: main run [选项] MONTH_DIR", "用 'main run --help' 查看帮助。", "",
                                     "错误: 缺少参数 'MONTH_DIR'."]


def test_english_with_lang_en_or_an_english_locale(runner, monkeypatch):
    r = runner.invoke(main, ["run", "--lang", "en"])
    assert r.exit_code == 2 and r.output.splitlines()[-1] == "Error: Missing argument 'MONTH_DIR'."
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    r = runner.invoke(main, ["check", "-h"])
    assert r.output.splitlines()[0] == "Usage: main check [OPTIONS] MONTH_DIR"
    assert "  Validate a month's input workbooks; list every problem; exit 1 if any." in r.output.splitlines()
    r = runner.invoke(main, ["check", "/no/such/folder"])
    assert r.output.splitlines() == ["Error: no such folder: /no/such/folder"]
    r = runner.invoke(main, ["check", "/no/such/folder", "--lang", "zh"])  # the option beats the locale
    assert r.output.splitlines() == ["错误: 找不到文件夹 /no/such/folder"]
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")  # LC_ALL beats LANG
    r = runner.invoke(main, ["sample", "x", "--employees", "3"])
    assert r.output.splitlines()[-1] == "错误: '--employees' 的值无效: 3 不在范围 20<=x<=20000 内。"


def test_the_one_language_decider():
    from processor.uilang import ui_lang

    assert ui_lang([], {}) == "zh"
    assert ui_lang([], {"LANG": "en_GB.UTF-8"}) == "en"
    assert ui_lang([], {"LANG": "C.UTF-8"}) == "zh"
    assert ui_lang(["run", "x", "--lang=en"], {}) == "en"
    assert ui_lang(["run", "x", "--lang", "zh"], {"LC_ALL": "en_US"}) == "zh"
    assert ui_lang(["run", "--", "--lang", "en"], {}) == "zh"
    assert ui_lang([], {"LC_ALL": "", "LC_MESSAGES": "en_US", "LANG": "zh_CN"}) == "en"


# ---------------------------------------------------------------- the CI rule on skips
def test_under_ci_a_missing_tool_fails_the_suite(tmp_path):
    """Run pytest on a suite whose one test needs a missing tool: skipped on a developer's
    machine, a failure under CI=true (and so is any plain skip there)."""
    import subprocess
    import sys

    from conftest import ROOT

    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_needs.py").write_text(
        "import pytest\nfrom conftest import need\n\n"
        "def test_needs_libreoffice():\n    need('LibreOffice', False)\n\n"
        "@pytest.mark.skip(reason='not today')\ndef test_plain_skip():\n    pass\n\n"
        "def test_needs_nothing():\n    assert 1 + 1 == 2\n", encoding="utf-8")

    def pytest_in(env: dict[str, str]) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                              capture_output=True, text=True, cwd=tmp_path, timeout=120,
                              env={k: v for k, v in os.environ.items() if k != "CI"} | env)

    dev = pytest_in({})
    assert dev.returncode == 0 and "1 passed, 2 skipped" in dev.stdout
    ci = pytest_in({"CI": "true"})
    assert ci.returncode == 1
    assert "FAILED test_needs.py::test_needs_libreoffice - Failed: LibreOffice is missing under CI=true" in ci.stdout
    assert "skipped under CI=true, which must run every test: Skipped: not today" in ci.stdout
    assert "1 failed, 1 passed, 1 error" in ci.stdout
