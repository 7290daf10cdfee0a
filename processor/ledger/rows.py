"""Summary rows and run facts as the ledger stores them: plain values, revision totals, inputs' hash."""
from __future__ import annotations

import dataclasses
import getpass
import hashlib
from datetime import datetime
from typing import Any

import pandas as pd

from ..model import GRADES, SUMMARY_COLUMNS
from .tables import DATE_COLUMNS, TEXT_COLUMNS


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def plain(value: Any, kind: str) -> Any:
    """A Python value for the driver: NaN/NaT/None → None, numpy scalars → float/str/date."""
    if kind == "bool":
        return bool(value) if not _missing(value) else False
    if _missing(value):
        return None
    if kind == "text":
        return str(value)
    if kind == "date":
        return pd.Timestamp(value).date()
    return float(value)


KINDS = {**{k: "text" if k in TEXT_COLUMNS else "date" if k in DATE_COLUMNS else "float" for k in SUMMARY_COLUMNS},
         "coaching": "bool"}


def result_rows(revision_id: int, summary: pd.DataFrame) -> list[dict[str, Any]]:
    """The Summary's rows for ``ledger_results`` (columns converted once each, not per cell lookup)."""
    frame = summary if "coaching" in summary else summary.assign(coaching=False)  # score_month sets it
    columns = {k: [plain(v, kind) for v in frame[k].tolist()] for k, kind in KINDS.items()}
    return [{"revision_id": revision_id, **dict(zip(columns, values))} for values in zip(*columns.values())]


def totals(summary: pd.DataFrame) -> dict[str, Any]:
    """A revision's totals, what ``history`` lists and the trend charts: employees, graded,
    grade counts, fines, points and the mean total score of the appraised."""
    grade = summary["grade"]
    score = pd.to_numeric(summary["total_score"], errors="coerce")
    return {"employees": int(len(summary)), "graded": int(grade.notna().sum()),
            **{g: int(grade.eq(g).sum()) for g in GRADES},
            "fines_total": round(float(pd.to_numeric(summary["fines_total"], errors="coerce").fillna(0).sum()), 2),
            "points": round(float(pd.to_numeric(summary["points"], errors="coerce").fillna(0).sum()), 2),
            "mean_score": plain(score.mean(), "float")}


def inputs_map(inputs: Any) -> dict[str, str]:
    """{path: sha256} from a mapping or from InputFile records."""
    if isinstance(inputs, dict):
        return {str(k): str(v) for k, v in inputs.items()}
    out: dict[str, str] = {}
    for f in inputs or []:
        item = dataclasses.asdict(f) if dataclasses.is_dataclass(f) and not isinstance(f, type) else dict(f)
        out[str(item.get("path"))] = str(item.get("sha256"))
    return out


def inputs_sha256(inputs: dict[str, str]) -> str:
    """One fingerprint of the month's inputs: SHA-256 over the sorted ``path sha256`` lines."""
    text = "".join(f"{path} {sha}\n" for path, sha in sorted(inputs.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _account() -> str:
    """Who runs opscore: the login name, or "" where the system cannot tell."""
    try:
        return getpass.getuser()
    except Exception:  # no USER/LOGNAME and no password entry (a bare container, a service)
        return ""


def revision_row(center: str, month: str, run: dict[str, Any], summary: pd.DataFrame) -> dict[str, Any]:
    """``run`` holds run_at (datetime or ISO text; default now), run_by (default: the login name),
    version, rulebook_sha256, inputs and lang."""
    run_at = run.get("run_at") or datetime.now()
    inputs = inputs_map(run.get("inputs", {}))
    return {"center": center, "month": month,
            "run_at": datetime.fromisoformat(run_at) if isinstance(run_at, str) else run_at,
            "run_by": str(run["run_by"] if "run_by" in run else _account())[:100],
            "version": str(run.get("version", "")), "rulebook_sha256": str(run.get("rulebook_sha256", "")),
            "inputs_sha256": inputs_sha256(inputs), "inputs": inputs, "lang": str(run.get("lang", "zh")),
            **totals(summary)}
