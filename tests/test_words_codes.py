"""Each code is declared once (processor/model.py, the schema's vocabulary, the rulebook) and has a
Chinese and an English word (processor/words/labels.py); one function chooses between them.

The last test reads every module of processor/ and fails where a module spells out a whole
code set again (a list of the codes, or a table giving each a word) instead of importing it.
"""
from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from processor import model, schema, uilang, words
from processor.compare import TOTAL_MEASURES
from processor.errors import pick
from processor.rulebook import load_rulebook
from processor.words import current, has_chinese, headers, labels, speaking, texts
from processor.words.lang import check_lang, choose

ROOT = Path(__file__).resolve().parents[1]

# code set → its words table
CODE_WORDS = {
    "grade": (model.GRADES, labels.GRADE_WORDS),
    "outcome": (model.OUTCOMES, labels.OUTCOME_WORDS),
    "action": (model.ACTIONS, labels.ACTION_WORDS),
    "flag": (model.FLAGS, labels.FLAG_WORDS),
    "component": (tuple(model.COMPONENTS), labels.COMPONENT_WORDS),
    "shift": (tuple(schema.CODES["shift"]), labels.SHIFT_WORDS),
    "profile": (tuple(load_rulebook().param("APR-SCORE", "profiles")), labels.PROFILE_WORDS),
    "verdict class": ((*model.OUTCOMES, "outing"), labels.VERDICT_CLASSES),
}


@pytest.mark.parametrize("name", CODE_WORDS)
def test_every_code_has_a_chinese_and_an_english_word(name):
    codes, words = CODE_WORDS[name]
    assert set(words) == set(codes), name  # no code without words, no words without a code
    for code in codes:
        zh, en = words[code]
        assert has_chinese(zh), (name, code, zh)
        assert en and not has_chinese(en), (name, code, en)


def test_the_english_word_of_a_grade_is_its_code():
    """The English workbook keeps the codes (payroll scripts read them)."""
    assert {code: en for code, (_, en) in labels.GRADE_WORDS.items()} == {g: g for g in model.GRADES}
    assert [labels.grade_label(g) for g in model.GRADES] == ["优秀", "良好", "合格", "不合格"]
    assert [labels.grade_label(g, "en") for g in model.GRADES] == ["excellent", "good", "pass", "fail"]
    assert labels.grade_code("不合格") == "fail" and labels.grade_label("良好", "en") == "good"


def test_every_indicator_and_component_column_has_a_header_in_both_languages():
    rules = load_rulebook().rules  # every indicator's rule is a rule of the rulebook
    assert [r for r in model.INDICATOR_RULES.values() if r not in rules] == []
    for key in [*model.INDICATOR_RULES, *(col for col, _, _ in model.COMPONENTS.values())]:
        assert has_chinese(headers.column_label(key, "zh")), key
        assert headers.column_label(key, "en") == key
        en = headers.human_label(key, "en")
        assert en != key and not has_chinese(en), (key, en)
    assert model.TARGET_INDICATORS == ("satisfaction_rate", "response_rate", "resolution_rate", "fcr_rate",
                                       "complaint_handling_rate", "callback_rate")
    assert model.RATE_INDICATORS == (*model.TARGET_INDICATORS, "reopen_rate")
    assert model.COMPONENTS["fcr"] == ("fcr_score", "fcr_rate", "KPI-FCR")
    assert model.COMPONENTS["qa"] == ("qa_score", None, None)


BILINGUAL = {name: table for name, table in vars(texts).items()
             if isinstance(table, dict) and set(table) == {"zh", "en"}}


def test_the_outputs_words_have_the_same_keys_and_placeholders_in_both_languages():
    assert sorted(BILINGUAL) == ["ANNUAL_SHEETS", "ANNUAL_WORDS", "ATTENTION_WORDS", "COMPARE_TEXT", "REASON_WORDS",
                                 "TEXT", "VERDICT_WORDS"]
    fields = string.Formatter()
    for name, table in BILINGUAL.items():
        zh, en = table["zh"], table["en"]
        assert len(zh) == len(en) and (not isinstance(zh, dict) or set(zh) == set(en)), name
        for key in (zh if isinstance(zh, dict) else range(len(zh))):
            assert {f for _, f, _, _ in fields.parse(zh[key]) if f} == \
                {f for _, f, _, _ in fields.parse(en[key]) if f}, (name, key)


def test_the_pages_words_have_the_same_keys_in_both_languages():
    assert set(texts.COMPARE_MEASURES) == set(TOTAL_MEASURES)
    assert texts.COMPARE_MEASURES["excellent"] == ("优秀", "Excellent")
    for zh, en in texts.COMPARE_MEASURES.values():
        assert has_chinese(zh) and not has_chinese(en), (zh, en)
    for key in headers.SHEETS:
        assert has_chinese(headers.sheet_name(key, "zh")) and headers.sheet_name(key, "en") == key


def test_one_function_chooses_the_language():
    """An explicit language wins; none given means the run's (``speaking``); only ``en`` is English."""
    assert current() == "zh"
    assert choose("中", "en") == "中" and choose("中", "en", "en") == "en"
    assert labels.outcome_label("late_early") == "迟到早退"
    assert labels.flags_label("not_appraised;rescaled:no_qa,no_rating") == "未参评;缺项,权重已重新分配(质检、上级评分)"
    with speaking("en"):
        assert choose("中", "en") == "en" and choose("中", "en", "zh") == "中"
        assert labels.outcome_label("late_early") == "late & early"
        assert labels.flags_label("not_appraised;rescaled:no_qa,no_rating") == \
            "not appraised; weights rescaled (QA, manager rating)"
        assert labels.verdict_kind_label("late→normal") == "export: late → regulations: normal"
        assert headers.column_label("grade") == "grade" and headers.human_label("fcr_rate") == "First-contact resolution"
        assert labels.outcome_label("late", "zh") == "迟到"
    # the messages' "中文‖English" and the command line's words go through the same choice
    assert pick("输入有误‖bad input", "en") == "bad input" and pick("输入有误‖bad input", "zh") == "输入有误"
    assert pick("只有中文", "en") == "只有中文"
    assert uilang.translate("Usage:", "zh") == "用法:" and uilang.translate("Usage:", "en") == "Usage:"
    assert uilang.LANGS is words.LANGS == ("zh", "en")
    assert check_lang("en") == "en"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        check_lang("fr")


def _spelled_sets(path: Path) -> list[tuple[int, str]]:
    """(line, set name) where a module lists every code of a set, or gives each a word."""
    sets = {"grades": model.GRADES, "outcomes": model.OUTCOMES, "actions": model.ACTIONS, "flags": model.FLAGS,
            "components": tuple(model.COMPONENTS), "indicators": model.TARGET_INDICATORS,
            "shifts": tuple(schema.CODES["shift"])}
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = node.elts
        elif isinstance(node, ast.Dict) and all(isinstance(v, ast.Constant) for v in node.values):
            items = [k for k in node.keys if k is not None]  # a table of words, one per code
        else:
            continue
        found = {e.value for e in items if isinstance(e, ast.Constant) and isinstance(e.value, str)}
        out += [(node.lineno, name) for name, codes in sets.items() if set(codes) <= found]
    return out


def test_no_module_spells_out_a_code_set_again():
    """Only model.py declares the codes (schema.py the shift vocabulary); only processor/words
    gives them words. Everyone else imports them."""
    allowed = {"processor/model.py", "processor/schema.py"}
    found = [f"{p.relative_to(ROOT).as_posix()}:{line} {name}"
             for p in sorted((ROOT / "processor").rglob("*.py"))
             if p.relative_to(ROOT).as_posix() not in allowed and "processor/words/" not in p.as_posix()
             for line, name in _spelled_sets(p)]
    assert found == []


def test_words_for_people_live_in_processor_words():
    """A table of Chinese and English words (``{"zh": …, "en": …}``) outside processor/words is
    words kept beside the code again."""
    found = []
    for path in sorted((ROOT / "processor").rglob("*.py")):
        if "processor/words/" in path.as_posix():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and {k.value for k in node.keys if isinstance(k, ast.Constant)} == {"zh", "en"}:
                found.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    assert found == []
