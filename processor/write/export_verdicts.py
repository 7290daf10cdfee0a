"""The days where an attendance export's own verdict disagrees with opscore's, for the overview.

A center whose month came from a WeCom/DingTalk export sees where the app's settings differ
from its regulations: the days grouped by kind, biggest group first, the list capped.
"""
from __future__ import annotations

from typing import Any

from processor.words import labels
from processor.write.site import Site
from processor.write.vectors import records

VERDICT_ROWS_SHOWN = 200


def verdict_differences(site: Site) -> dict[str, Any] | None:
    """The days where an attendance export's own verdict disagrees with opscore's (issue: the
    center sees where its WeCom/DingTalk settings differ from its regulations); None when the
    month's attendance came from no export. The days are grouped by kind (the export's verdict
    class → opscore's, ``late→normal``), biggest group first, each with its exact count; the
    first 200 days are listed."""
    days = site.results.days
    if "verdict_differs" not in days.columns:
        return None
    hit = days[days["verdict_differs"].fillna(False).astype(bool).to_numpy()].copy()
    hit["kind"] = hit["verdict_kind"].fillna("?") if "verdict_kind" in hit.columns else "?"
    counts = hit["kind"].value_counts(sort=False)
    hit["_n"] = hit["kind"].map(counts)
    hit = hit.sort_values(["_n", "kind", "date", "employee_id"], ascending=[False, True, True, True], kind="stable")
    names = site.scored.summary.drop_duplicates("employee_id").set_index("employee_id")["name"]
    rows = records(hit.head(VERDICT_ROWS_SHOWN), ["employee_id", "date", "export_verdict", "outcome", "evidence", "kind"])
    groups: list[dict[str, Any]] = []
    for r in rows:  # at most VERDICT_ROWS_SHOWN rows, already in group order
        r["name"] = names.get(r["employee_id"])
        r["href"] = site.emp_pages.get(str(r["employee_id"]))
        if not groups or groups[-1]["kind"] != r["kind"]:
            groups.append({"kind": r["kind"], "label": labels.verdict_kind_label(r["kind"], site.lang),
                           "count": int(counts[r["kind"]]), "rows": []})
        groups[-1]["rows"].append(r)
    kinds = [{"label": labels.verdict_kind_label(k, site.lang), "count": int(n)}
             for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"count": len(hit), "rows": rows, "groups": groups, "kinds": kinds,
            "more": max(0, len(hit) - VERDICT_ROWS_SHOWN)}
