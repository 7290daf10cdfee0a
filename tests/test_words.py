"""The words package: one language per run, templates filled column-wise, both languages agree."""
from __future__ import annotations

import string

import pandas as pd
import pytest

from processor.words import current, has_chinese, say, sentence, speaking
from processor.words.evidence import PHRASES


def test_every_phrase_has_both_languages_with_the_same_placeholders():
    fields = string.Formatter()
    for key, (zh, en) in PHRASES.items():
        assert zh and en, key
        assert has_chinese(zh), key
        assert not has_chinese(en), (key, en)
        assert {f for _, f, _, _ in fields.parse(zh) if f} == {f for _, f, _, _ in fields.parse(en) if f}, key


def test_say_fills_columns_in_the_current_language():
    idx = pd.Index([3, 7])
    parts = dict(clock=pd.Series(["08:37", "09:01"], index=idx), after="", start="08:30",
                 minutes=pd.Series([7, 31], index=idx))
    zh = say("att.late", **parts)
    assert list(zh) == ["上班打卡 08:37,班次 08:30 开始,迟到 7 分钟", "上班打卡 09:01,班次 08:30 开始,迟到 31 分钟"]
    assert list(zh.index) == [3, 7]
    with speaking("en"):
        assert current() == "en"
        en = say("att.late", **parts)
    assert list(en) == ["clocked in 08:37, shift starts 08:30: 7 min late",
                        "clocked in 09:01, shift starts 08:30: 31 min late"]
    assert current() == "zh"


def test_sentence_from_scalars_and_mismatched_parts():
    assert sentence("att.late", clock="08:37", after="", start="08:30", minutes=7) == "上班打卡 08:37,班次 08:30 开始,迟到 7 分钟"
    with pytest.raises(TypeError):  # say fills a column: scalars alone give no rows
        say("att.late", clock="08:37", after="", start="08:30", minutes=7)
    assert list(say("att.late", index=pd.Index([4]), clock="08:37", after="", start="08:30", minutes=7)) == [
        "上班打卡 08:37,班次 08:30 开始,迟到 7 分钟"]
    with pytest.raises(KeyError):
        say("att.late", clock="08:37")
    with pytest.raises(KeyError):
        sentence("att.late", clock="08:37")
    with pytest.raises(ValueError):
        with speaking("fr"):
            pass


def test_weights_in_words_from_the_typed_shares() -> None:
    """The Summary's weights in words come from Weights.used (numbers), never from its text."""
    from processor.words.labels import weights_label

    shares = {"qa_score": 4 / 7, "attendance_score": 3 / 7, "rating": 0.3}
    assert weights_label(shares, "zh") == "质检 57.14%、考勤纪律 42.86%、上级评分 30%"
    assert weights_label(shares, "en") == "QA 57.14%, attendance 42.86%, manager rating 30%"
    assert weights_label({}, "zh") == ""
