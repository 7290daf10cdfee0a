"""The rulebook: rules as data (TOML), with a center's own file laid over the defaults.

The default file ``default.toml`` holds every rule id the program applies with its
parameters and citation (docs/rules.md is generated from it by ``make docs``). A center's file
sets only the keys it changes; types come from the defaults, so a string where a number
belongs is refused with the file and key named.
"""
from __future__ import annotations

import copy
import hashlib
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import RulebookError
from ..model import RuleRow
from ..schema import norm_header
from ..words.lang import choose
from .checks import check_rulebook

DESCRIPTIVE = ("title_zh", "title_en", "citation")


def _default_bytes() -> bytes:
    return resources.files(__package__).joinpath("default.toml").read_bytes()


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _merge(base: dict, over: dict, file: str, path: str, open_keys: bool = False) -> None:
    """Lay ``over`` onto ``base`` in place; unknown keys and wrong types are refused."""
    for key, value in over.items():
        where = f"{path}.{key}" if path else key
        if key not in base:
            if open_keys:  # e.g. a new department mapping or a new rank
                base[key] = value
                continue
            raise RulebookError(file, where, "未知的规则或参数 (unknown rule id or key)")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise RulebookError(file, where, "应为一个表 (expected a table)")
            opens = key in ("departments", "ranks", "profiles") or path.endswith("profiles") or where == "payroll.columns"
            _merge(base[key], value, file, where, open_keys=opens)
        elif not _same_type(base[key], value):
            want = type(base[key]).__name__
            raise RulebookError(file, where, f"类型不符:应为 {want},实为 {value!r} (expected {want})")
        else:
            base[key] = float(value) if isinstance(base[key], float) else value


@dataclass
class Rulebook:
    """The rules in force: ``rules[rule_id][key]``, ``incidents[code][key]``, ``ranks[role]``."""

    data: dict[str, Any]
    sha256: str
    sources: list[str]

    @property
    def rules(self) -> dict[str, dict[str, Any]]:
        return self.data["rules"]

    @property
    def incidents(self) -> dict[str, dict[str, Any]]:
        return self.data["incidents"]

    @property
    def ranks(self) -> dict[str, int]:
        return self.data["ranks"]

    def param(self, rule_id: str, key: str) -> Any:
        return self.rules[rule_id][key]

    def citation(self, rule_id: str) -> str:
        """The citation of a rule id or an incident code."""
        if rule_id in self.rules:
            return self.rules[rule_id]["citation"]
        return self.incidents[rule_id]["citation"]

    def title(self, rule_id: str, lang: str = "zh") -> str:
        entry = self.rules.get(rule_id) or self.incidents[rule_id]
        return entry.get(f"title_{lang}") or entry.get(f"name_{lang}", rule_id)

    def rank(self, role: object) -> int:
        """Rank of a role (0 for blank/unknown approver roles, so they never count as approval)."""
        if role is None or (isinstance(role, float) and role != role):
            return 0
        return int(self.ranks.get(str(role).strip(), 1 if str(role).strip() else 0))

    def incident_code(self, text: object) -> str | None:
        """Rulebook code for a code or a Chinese/English name or alias; None if unknown."""
        key = norm_header(text)
        for code, entry in self.incidents.items():
            names = [code, entry.get("name_zh", ""), entry.get("name_en", ""), *entry.get("aliases", [])]
            if key in {norm_header(n) for n in names if n}:
                return code
        return None

    @property
    def payroll_columns(self) -> dict[str, str]:
        """``[payroll] columns``: stable key → the center's header, in its order (empty: all keys)."""
        return {str(k): str(v) for k, v in self.data.get("payroll", {}).get("columns", {}).items()}

    @property
    def center(self) -> str:
        """The center the ledger records this rulebook's runs under (``[meta] center``)."""
        return str(self.data["meta"].get("center", "")).strip()

    @property
    def verdict_shift(self) -> str:
        """The shift a WeCom 月报 / DingTalk 月度汇总's days are rebuilt on (``[exports]``)."""
        return str(self.data["exports"]["verdict_shift"])

    @property
    def timezone(self) -> str:
        """The center's time zone: ISO times with ``Z`` / ``+08:00`` in exports are read into it."""
        return str(self.data["meta"].get("timezone", "Asia/Shanghai"))

    @property
    def trust_app_approvals(self) -> bool:
        """LV-APP: days an export shows approved in the app count as leave or presence."""
        return bool(self.data["exports"].get("trust_app_approvals", True))

    def params(self, rule_id: str) -> dict[str, Any]:
        """The parameters of a rule, without its descriptive fields."""
        return {k: v for k, v in self.rules[rule_id].items() if k not in DESCRIPTIVE}

    def listing(self, lang: str = "zh") -> list[RuleRow]:
        """One row per rule and incident code: rule_id, title, params (as in the rulebook), citation."""
        rows = [RuleRow(rid, self.title(rid, lang), self.params(rid), self.citation(rid)) for rid in self.rules]
        for code, entry in self.incidents.items():
            params = {k: v for k, v in entry.items() if k not in ("name_zh", "name_en", "citation", "aliases")}
            rows.append(RuleRow(code, entry.get(f"name_{lang}", code), params, entry["citation"]))
        rows.append(RuleRow("exports", choose("月报/月度汇总按每日结论重建考勤时所用的班次",
                                              "Shift a monthly-summary export's days are rebuilt on", lang),
                            dict(self.data["exports"]),
                            choose("中心默认(读取设置)", "center default (reading setting)", lang)))
        return rows


_SHIFT = re.compile(r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*[-–~～至]\s*(次日)?\s*([01]?\d|2[0-3]):[0-5]\d\s*$")


def _check_exports(data: dict[str, Any], file: str) -> None:
    shift = data["exports"]["verdict_shift"]
    if not _SHIFT.match(shift):
        raise RulebookError(file, "exports.verdict_shift",
                            f"应为“09:00-18:00”或“22:00-次日06:00”这样的班次时间,实为 {shift!r} "
                            "(expected a shift such as 09:00-18:00)")


def _check_timezone(data: dict[str, Any], file: str) -> None:
    import pandas as pd

    tz = data["meta"].get("timezone", "Asia/Shanghai")
    try:
        pd.Timestamp("2026-01-01", tz="UTC").tz_convert(tz)
    except Exception:  # noqa: BLE001 - any unknown zone name
        raise RulebookError(file, "meta.timezone", f"未知的时区 {tz!r} (unknown time zone; e.g. Asia/Shanghai)") from None


PAYROLL_KEYS = ("employee_id", "name", "department", "team", "fines_total", "points", "grade",
                "bonus_coefficient", "deemed_resignation_date", "note")


def _check_payroll(data: dict[str, Any], file: str) -> None:
    """``[payroll] columns``: stable keys of the Payroll sheet, each with a non-empty header."""
    for key, header in data["payroll"]["columns"].items():
        if key not in PAYROLL_KEYS:
            raise RulebookError(file, f"payroll.columns.{key}",
                                f"不是工资导出的列,可用:{', '.join(PAYROLL_KEYS)} (not a Payroll key)")
        if not isinstance(header, str) or not header.strip():
            raise RulebookError(file, f"payroll.columns.{key}", "应为非空的列名 (expected a header text)")


def load_rulebook(path: str | Path | None = None) -> Rulebook:
    """The default rulebook, with ``path`` (a center's TOML) laid over it when given."""
    raw = _default_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    digest = hashlib.sha256(raw)
    sources = ["default.toml"]
    if path is not None:
        p = Path(path)
        try:
            own = p.read_bytes()
        except OSError as exc:
            raise RulebookError(str(p), "-", f"无法读取规则文件 (cannot read): {exc.strerror}") from exc
        try:
            text = own.decode("utf-8-sig")  # a BOM (Notepad's "UTF-8 with BOM") is fine
        except UnicodeDecodeError as exc:
            raise RulebookError(p.name, "-", "文件不是 UTF-8 编码(可能是记事本默认的 ANSI/GBK):请用记事本“另存为”,"
                                             "编码选择 UTF-8 (the file is not UTF-8: save it as UTF-8)") from exc
        try:
            over = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RulebookError(p.name, "-", f"不是有效的 TOML (not valid TOML): {exc}") from exc
        data = copy.deepcopy(data)
        _merge(data, over, p.name, "")
        digest.update(own)
        sources.append(str(p))
        _check_exports(data, p.name)
        _check_timezone(data, p.name)
        _check_payroll(data, p.name)
    check_rulebook(data, Path(path).name if path is not None else "default.toml")
    return Rulebook(data=data, sha256=digest.hexdigest(), sources=sources)
