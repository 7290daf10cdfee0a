"""The evidence sentences the rules and scoring write, each in Chinese and English.

Keyed ``<area>.<what>``; ``{name}`` is a placeholder :func:`processor.words.say` fills column-wise
(``{x:.2f}`` takes a format spec). Both languages of a key take the same placeholders
(tests/test_words.py). Figures are filled in by the caller already formatted as text
(``F.num``/``F.clock``), so the two languages show the same digits.
"""
from __future__ import annotations

PHRASES: dict[str, tuple[str, str]] = {
    # attendance (rules/attendance.py)
    "att.late": ("上班打卡 {clock},班次{after} {start} 开始,迟到 {minutes} 分钟",
                 "clocked in {clock}, shift{after} starts {start}: {minutes} min late"),
}
