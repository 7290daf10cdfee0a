"""Issue 20: agents the helpdesk names by name, account, e-mail or a number that lost its
leading zeros, when the roster cannot tell who they are (two employees share the value), and
when it can (QA, unique lost zeros)."""
from __future__ import annotations

from click.testing import CliRunner

from cli import main
from processor.rulebook import load_rulebook
from processor.validate.month import load_month
from workbooks import ATT, ATT_HEADER, ROSTER, ROSTER_HEADER, minimal_month

RB = load_rulebook()
C = "2026-10-02 09:00:00"
TWINS = ROSTER + [["004", "张三", "客户服务部", "二组", "客服专员"]]  # two employees named 张三


def load(folder, **sheets):
    m, problems, notes = load_month(minimal_month(folder, **sheets), "2026-10", RB)
    return m, [p.render() for p in problems], notes


def test_a_name_two_employees_share_is_a_located_problem_naming_both(tmp_path) -> None:
    rows = [["工单ID", "受理客服", "创建时间"], ["T1", "李四", C], ["T2", "张三", C], ["T3", "张三", C], ["T4", "004", C]]
    m, problems, _ = load(tmp_path / "2026-10", 名册=[ROSTER_HEADER, *TWINS], 工单=rows)
    assert m.tables["tickets"]["agent_id"].tolist() == ["002", "张三", "张三", "004"]
    assert problems == [
        "month.xlsx:工单!B3: [受理客服] “张三” 员工名册中有 2 人的姓名都是“张三”(工号 001、004),无法判断工单中的“张三”是谁:"
        "请在导出中改用工号,或在员工名册中填写“账号”或“邮箱”列,使每人各不相同(共 2 行)"
        " (应为:唯一对应一名员工的工号、账号、邮箱或姓名)"]


def test_an_account_column_resolves_the_shared_name(tmp_path) -> None:
    roster = [ROSTER_HEADER + ["客服账号"]] + [r + [f"kf{r[0]}"] for r in TWINS]
    rows = [["工单ID", "受理客服", "创建时间"], ["T1", "kf004", C], ["T2", "KF001", C]]
    m, problems, notes = load(tmp_path / "2026-10", 名册=roster, 工单=rows)
    assert problems == [] and m.tables["tickets"]["agent_id"].tolist() == ["004", "001"]
    assert any("按员工名册的账号对应到工号:kf004 → 004、KF001 → 001" in n for n in notes)


def test_a_shared_name_in_qa_and_in_english(tmp_path) -> None:
    folder = minimal_month(tmp_path / "2026-10", 名册=[ROSTER_HEADER, *TWINS],
                           质检=[["坐席", "质检日期", "得分"], ["张三", "2026-10-05", 90], ["李四", "2026-10-05", 80]])
    _, problems, _ = load_month(folder, "2026-10", RB)
    assert [(p.sheet, p.row, p.column, p.letter, p.value, p.table) for p in problems] == [("质检", 2, "坐席", "A", "张三", "qa")]
    assert problems[0].render("en") == (
        "month.xlsx:质检!A2: [column 坐席] value '张三': 2 roster employees share the name 张三 (ids 001, 004): "
        "give the 工号 in the "
        "export, or fill the roster's account or email column so that each person differs; 1 row(s) "
        "(expected: a 工号, or an account, e-mail or name of one employee)")


def test_check_exits_non_zero_on_a_shared_name(tmp_path) -> None:
    folder = minimal_month(tmp_path / "2026-10", 名册=[ROSTER_HEADER, *TWINS],
                           工单=[["工单ID", "受理客服", "创建时间"], ["T1", "张三", C]])
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code != 0
    assert "员工名册中有 2 人的姓名都是“张三”(工号 001、004)" in result.output and "Traceback" not in result.output


def test_lost_leading_zeros_two_ids_share_are_named(tmp_path) -> None:
    """``7312`` for ``07312`` maps when unique (tests/test_ticket_reading.py); with ``07312`` and
    ``007312`` both in the roster it cannot, and the problem names both."""
    roster = [ROSTER_HEADER, *ROSTER, ["07312", "赵六", "客户服务部", "一组", "客服专员"],
              ["007312", "钱七", "客户服务部", "一组", "客服专员"]]
    att = [ATT_HEADER, *ATT]
    rows = [["通话ID", "座席工号", "来电时间"], ["C1", "7312", C], ["C2", "2", C]]
    m, problems, notes = load(tmp_path / "2026-10", 名册=roster, 考勤=att, 通话=rows)
    assert m.tables["tickets"]["agent_id"].tolist() == ["7312", "002"]
    assert problems == [
        "month.xlsx:通话!B2: [座席工号] “7312” 员工名册中有 2 人的去掉前导零的工号都是“7312”(工号 007312、07312),"
        "无法判断工单中的“7312”是谁:请在导出中改用工号,或在员工名册中填写“账号”或“邮箱”列,使每人各不相同(共 1 行)"
        " (应为:唯一对应一名员工的工号、账号、邮箱或姓名)"]
    assert any("按员工名册的去掉前导零的工号对应到工号:2 → 002" in n for n in notes)


def test_qa_agents_that_lost_their_leading_zeros_are_matched_with_a_note(tmp_path) -> None:
    m, problems, notes = load(tmp_path / "2026-10", 质检=[["座席工号", "质检时间", "质检得分"],
                                                        [3, "2026-10-05 14:00:00", "88分"], ["1", "2026-10-06", "90%"]])
    assert problems == [] and m.tables["qa"]["agent_id"].tolist() == ["003", "001"]
    assert any(n.startswith("agent_id: 按员工名册的去掉前导零的工号对应到工号:3 → 003、1 → 001") for n in notes)


def test_an_id_written_within_the_agent_text(tmp_path) -> None:
    """Call systems write the seat as ``工号(姓名)`` or ``姓名-工号``: the one roster 工号 in the
    text is the agent; two numbers, or a number that is no 工号, are not guessed."""
    rows = [["通话ID", "坐席", "来电时间"], ["C1", "001(张三)", C], ["C2", "李四-002", C], ["C3", "003 王五", C],
            ["C4", "001/002", C], ["C5", "999(无名)", C]]
    m, problems, notes = load(tmp_path / "2026-10", 通话=rows)
    assert m.tables["tickets"]["agent_id"].tolist() == ["001", "002", "003", "001/002", "999(无名)"]
    assert any("按员工名册的文字中的工号对应到工号:001(张三) → 001、李四-002 → 002、003 王五 → 003" in n for n in notes)
    assert [p.split(" (应为")[0] for p in problems] == ["month.xlsx:通话!B5: [坐席] “001/002” 工号不在员工名册中",
                                                      "month.xlsx:通话!B6: [坐席] “999(无名)” 工号不在员工名册中"]


def test_an_id_that_lost_its_leading_zeros_elsewhere_gets_a_hint(tmp_path) -> None:
    """Outside the helpdesk's tables a 工号 is never guessed, but ``1`` for ``001`` is hinted."""
    rows = [["工号", "工作态度", "专业能力", "团队协作"], [1, 90, 90, 90], ["7", 80, 80, 80]]
    _, problems, _ = load(tmp_path / "2026-10", 考评=rows)
    assert problems == [
        "month.xlsx:考评!A2: [工号] “1” 工号不在员工名册中 "
        "(应为:员工名册中的工号,是否为 001?数字格式的单元格会丢掉前导零,请把该列设为文本)",
        "month.xlsx:考评!A3: [工号] “7” 工号不在员工名册中 (应为:员工名册中的工号)"]
