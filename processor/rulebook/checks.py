"""What a rulebook may hold, checked when it is loaded (a center's file laid over the defaults).

The merge already refuses unknown keys and wrong types; these checks refuse values the rules
cannot mean: a negative fine or minute count, ``nan``/``inf`` (TOML allows both), grade bands
out of order, a profile whose weights are all 0, an hour that is no hour of the day, a role
the ranks do not know, a due day past the 28th (not every month has a 29th). Each problem
names the file, the key and what is allowed, so the center fixes its file in one look.
"""
from __future__ import annotations

import math
from typing import Any

from ..errors import RulebookError

ROLE_KEYS = ("role",)  # any key ending in one of these names a role of [ranks]
SHARE_KEYS = ("target", "max_share", "top_share", "prep_min_rate", "floor_gap")
CHOICES = {("APR-ANNUAL", "vetoed_month_score"): ("zero", "total")}
KINDS = ("fine", "points", "veto", "commendation")


def _numbers(node: Any, path: str):
    """(dotted key, value) of every number under ``node`` (bools are not numbers)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _numbers(v, f"{path}.{k}" if path else k)
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield path, node


def _fail(file: str, key: str, zh: str, en: str) -> RulebookError:
    return RulebookError(file, key, f"{zh} ({en})")


def check_rulebook(data: dict[str, Any], file: str) -> None:
    """Raise :class:`RulebookError` for the first value the rules cannot mean."""
    for key, value in _numbers({"rules": data["rules"], "incidents": data["incidents"]}, ""):
        if not math.isfinite(value) or value < 0:
            raise _fail(file, key, f"应为不小于 0 的有限数,实为 {value!r}", f"expected a finite number ≥ 0, got {value!r}")
        if key.rsplit(".", 1)[-1] in SHARE_KEYS and value > 1:
            raise _fail(file, key, f"应为 0–1 之间的比例(如 0.9 表示 90%),实为 {value!r}",
                        f"expected a share between 0 and 1 (0.9 = 90%), got {value!r}")
    rules = data["rules"]
    _grades(rules["APR-GRADE"], file)
    for name, weights in rules["APR-SCORE"]["profiles"].items():
        if not isinstance(weights, dict) or not any(float(w) > 0 for w in weights.values()):
            raise _fail(file, f"rules.APR-SCORE.profiles.{name}", "各项权重不能全为 0", "weights may not all be 0")
    profiles = rules["APR-SCORE"]["profiles"]
    for dept, name in {**rules["APR-SCORE"]["departments"], "default_profile": rules["APR-SCORE"]["default_profile"]}.items():
        if name not in profiles:
            where = "rules.APR-SCORE.default_profile" if dept == "default_profile" else f"rules.APR-SCORE.departments.{dept}"
            raise _fail(file, where, f"未知的考核方案 {name!r},应为:{'、'.join(profiles)}", f"unknown profile {name!r}")
    for rid, entry in rules.items():
        for key, value in entry.items():
            if key.endswith(ROLE_KEYS) and value not in data["ranks"]:
                known = "、".join(data["ranks"])
                raise _fail(file, f"rules.{rid}.{key}", f"未知的岗位 {value!r},应为 [ranks] 中的岗位:{known}",
                            f"unknown role {value!r}; expected one of [ranks]")
            if (rid, key) in CHOICES and value not in CHOICES[(rid, key)]:
                allowed = " / ".join(CHOICES[(rid, key)])
                raise _fail(file, f"rules.{rid}.{key}", f"应为 {allowed},实为 {value!r}", f"expected {allowed}")
    hour = rules["LV-NIGHT"]["deadline_hour"]
    if not 0 <= hour <= 23:
        raise _fail(file, "rules.LV-NIGHT.deadline_hour", f"应为 0–23 点,实为 {hour!r}", "expected an hour 0-23")
    due = rules["APR-DUE"]["due_day"]
    if not 1 <= due <= 28:
        raise _fail(file, "rules.APR-DUE.due_day", f"应为 1–28 日,实为 {due!r}", "expected a day 1-28")
    lo, hi = rules["ORG-SPAN"]["min_staff"], rules["ORG-SPAN"]["max_staff"]
    if lo > hi:
        raise _fail(file, "rules.ORG-SPAN.min_staff", f"不能大于 max_staff {hi}", f"may not exceed max_staff {hi}")
    for code, entry in data["incidents"].items():
        if entry.get("kind") not in KINDS:
            raise _fail(file, f"incidents.{code}.kind", f"应为 {' / '.join(KINDS)}", f"expected {' / '.join(KINDS)}")
        if "min_amount" in entry and not entry["min_amount"] <= entry["amount"] <= entry["max_amount"]:
            raise _fail(file, f"incidents.{code}.amount", f"应在 {entry['min_amount']:g}–{entry['max_amount']:g} 元之间",
                        "expected within min_amount-max_amount")
    for role, rank in data["ranks"].items():
        if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
            raise _fail(file, f"ranks.{role}", f"应为不小于 1 的整数,实为 {rank!r}", "expected a whole number ≥ 1")


def _grades(g: dict[str, Any], file: str) -> None:
    """Bands within 0–100 and in order: excellent_min > good_min > pass_min."""
    bands = [("excellent_min", g["excellent_min"]), ("good_min", g["good_min"]), ("pass_min", g["pass_min"])]
    for key, value in bands:
        if value > 100:
            raise _fail(file, f"rules.APR-GRADE.{key}", f"应在 0–100 之间,实为 {value!r}", "expected 0-100")
    for (hi_key, hi), (lo_key, lo) in zip(bands, bands[1:]):
        if not hi > lo:
            raise _fail(file, f"rules.APR-GRADE.{hi_key}", f"应大于 {lo_key}({lo:g}),实为 {hi:g}",
                        f"expected above {lo_key} ({lo:g}): bands in order excellent > good > pass")
