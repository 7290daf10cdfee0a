"""The words for each code, in Chinese and English: grades, outcomes, actions, flags, components.

The code sets themselves are declared once in :mod:`processor.model` (shift codes in
:data:`processor.schema.CODES`, profiles in the rulebook); here each code gets the two words
people read, ``code → (中文, English)``. tests/test_words_codes.py checks every code of every
set has both. An English workbook keeps the codes themselves (scripts read them), so the
English word of a grade is its code. A code without words is shown as it is.

Every function takes the output language ``lang``, or speaks the run's language
(:func:`processor.words.current`) when none is given (:mod:`processor.words.lang`).
"""
from __future__ import annotations

from collections.abc import Mapping

from ..model import COMPONENTS
from .lang import choose, lang_of

GRADE_WORDS: dict[str, tuple[str, str]] = {
    "excellent": ("优秀", "excellent"), "good": ("良好", "good"), "pass": ("合格", "pass"),
    "fail": ("不合格", "fail"),
}
GRADE_CODES: dict[str, str] = {zh: code for code, (zh, _) in GRADE_WORDS.items()}

OUTCOME_WORDS: dict[str, tuple[str, str]] = {
    "normal": ("正常", "normal"), "late": ("迟到", "late"), "early": ("早退", "early leave"),
    "late_early": ("迟到早退", "late & early"), "excused": ("已报备", "excused"),
    "missing_punch": ("缺卡", "missing punch"), "absence": ("旷工", "absence"),
    "leave": ("请假", "leave"), "rest": ("休息", "rest"),
}

ACTION_WORDS: dict[str, tuple[str, str]] = {
    "deemed_resignation": ("视为自动离职", "deemed resignation"),
    "coaching": ("辅导名单", "coaching"),
    "escalation": ("上报处理", "escalation"),
    "commendation": ("优秀员工候选", "commendation candidate"),
}

FLAG_WORDS: dict[str, tuple[str, str]] = {
    "not_appraised": ("未参评", "not appraised"),
    "rescaled": ("缺项,权重已重新分配", "weights rescaled"),
    "escalation": ("上报处理", "escalation"), "coaching": ("辅导", "coaching"),
    "commendation": ("优秀员工候选", "commendation candidate"),
    "deemed_resigned": ("视为自动离职", "deemed resigned"),
    "veto": ("一票否决", "veto"),
    "qa_sample_small": ("质检样本不足", "QA sample too small"),
    "missing_punch": ("缺卡待核", "missing punch to review"),
}

# Component keys of the scoring profiles, as named in a ``rescaled:no_qa,no_rating`` flag.
COMPONENT_WORDS: dict[str, tuple[str, str]] = {
    "satisfaction": ("满意度", "satisfaction"), "response": ("响应及时", "response"),
    "resolution": ("问题解决", "resolution"), "fcr": ("首问解决", "first-contact resolution"),
    "complaint_handling": ("投诉处理", "complaint handling"), "callback": ("回访", "callback"),
    "qa": ("质检", "QA"), "rating": ("上级评分", "manager rating"),
    "indicators": ("部门指标", "indicator sheet"), "attendance": ("考勤纪律", "attendance"),
}

# Scoring profiles of APR-SCORE (a center's own profile name is shown as it is written).
PROFILE_WORDS: dict[str, tuple[str, str]] = {
    "customer_service": ("客服岗位方案", "customer service"), "operations": ("运营岗位方案", "operations"),
}

SHIFT_WORDS: dict[str, tuple[str, str]] = {
    "morning": ("早班", "morning"), "middle": ("中班", "middle"), "evening": ("晚班", "evening"),
    "night": ("夜班", "night"), "day": ("白班", "day"), "rest": ("休息", "rest"),
}

# The classes a day's verdict is compared by (rules/verdicts.py): the outcomes plus 外出.
VERDICT_CLASSES: dict[str, tuple[str, str]] = {**OUTCOME_WORDS, "outing": ("外出/出差", "outing or trip")}


def _missing(value: object) -> bool:
    return value is None or value != value or value == ""


def pair_word(table: dict[str, tuple[str, str]], code: object, lang: str | None = None) -> str:
    """The word of ``code`` in ``table``; "" for no code, the code itself when it has no words."""
    if _missing(code):
        return ""
    pair = table.get(str(code))
    return str(code) if pair is None else choose(*pair, lang)


def grade_code(value: object) -> str:
    """The canonical grade code of a code or a Chinese grade; "" when there is none."""
    if value is None or value != value:
        return ""
    return GRADE_CODES.get(str(value), str(value))


def grade_label(code: object, lang: str | None = None) -> str:
    """``excellent`` → 优秀 (Chinese) or ``excellent`` (English); a Chinese grade is accepted too."""
    if _missing(code):
        return ""
    code = grade_code(code)
    return choose(GRADE_WORDS.get(code, (code, code))[0], code, lang)


def outcome_label(code: object, lang: str | None = None) -> str:
    """``late_early`` → 迟到早退 / "late & early"."""
    return pair_word(OUTCOME_WORDS, code, lang)


def action_label(code: object, lang: str | None = None) -> str:
    """``coaching`` → 辅导名单 / "coaching"."""
    return pair_word(ACTION_WORDS, code, lang)


def shift_label(code: object, lang: str | None = None) -> str:
    """``night`` → 夜班 / "night"."""
    return pair_word(SHIFT_WORDS, code, lang)


def profile_label(code: object, lang: str | None = None) -> str:
    """``customer_service`` → 客服岗位方案 / "customer service"."""
    return pair_word(PROFILE_WORDS, code, lang)


def flags_label(value: object, lang: str | None = None) -> str:
    """A flags cell (``;``-joined codes, a code may carry ``:detail``) in words; unknown codes kept.

    ``not_appraised;rescaled:no_qa,no_rating`` → ``未参评;缺项,权重已重新分配(质检、上级评分)``.
    """
    if value is None or value != value:
        return ""
    lang = lang_of(lang)
    parts = [str(v) for v in value] if isinstance(value, (list, tuple, set)) else str(value).split(";")
    words = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        code, _, detail = part.partition(":")
        word = pair_word(FLAG_WORDS, code.strip(), lang)
        if detail:
            items = [d.strip().removeprefix("no_") for d in detail.split(",") if d.strip()]
            inner = choose("、", ", ", lang).join(pair_word(COMPONENT_WORDS, i, lang) for i in items)
            word += choose(f"({inner})", f" ({inner})", lang)
        words.append(word)
    return choose(";", "; ", lang).join(words)


def weights_label(shares: Mapping[str, float], lang: str | None = None) -> str:
    """What each component weighed, in words: the ``used`` shares of a
    :class:`processor.model.Weights` (Summary column → fraction, in the profile's order)
    ``{"rating": 0.3, "indicator_score": 0.55}`` → ``上级评分 30%、部门指标 55%``."""
    key = {column: k for k, (column, _, _) in COMPONENTS.items()}
    return choose("、", ", ", lang).join(f"{pair_word(COMPONENT_WORDS, key.get(c, c), lang)} {round(v * 100, 2):g}%"
                                        for c, v in shares.items())


def bool_label(value: object, lang: str | None = None) -> str:
    """A yes/no cell in words: 是 / 否 (a Chinese workbook shows no TRUE/FALSE)."""
    if value is None or value != value:
        return ""
    return choose("是", "yes", lang) if value else choose("否", "no", lang)


def verdict_kind_label(kind: object, lang: str | None = None) -> str:
    """``late→normal`` → 导出:迟到 → 制度:正常 / "export: late → regulations: normal"."""
    theirs, _, ours = str(kind).partition("→")
    a, b = pair_word(VERDICT_CLASSES, theirs, lang), pair_word(VERDICT_CLASSES, ours, lang)
    return choose(f"导出:{a} → 制度:{b}", f"export: {a} → regulations: {b}", lang)
