"""Issue 19: the group view shows each indicator against its target (the rulebook in force:
``group --rules FILE``, else the default rulebook), in the workbook's Targets sheet and the page."""
from __future__ import annotations

import shutil

from bs4 import BeautifulSoup

from cli import main
from ledger_builders import sheet_rows
from processor.model import Target
from processor.score.group import targets_frame

M = "2026-10"
DEFAULT_TARGETS = {"satisfaction_rate": 0.9, "response_rate": 0.9, "resolution_rate": 0.95, "fcr_rate": 0.8,
                   "complaint_handling_rate": 1.0, "callback_rate": 0.9}


def group(runner, sample_run, tmp_path, *args: str) -> tuple[list[dict], list[dict], BeautifulSoup]:
    shutil.copy(sample_run / "opscore.db", tmp_path / "ledger.db")  # the session's folder stays as it is
    r = runner.invoke(main, ["group", M, "--db", f"sqlite:///{tmp_path / 'ledger.db'}", "--out", str(tmp_path),
                             "--lang", "en", *args])
    assert r.exit_code == 0, r.output
    book = tmp_path / f"group-{M}.xlsx"
    page = BeautifulSoup((tmp_path / f"group-{M}.html").read_text(encoding="utf-8"), "html.parser")
    return sheet_rows(book, "Targets"), sheet_rows(book, "Centers"), page


def test_group_shows_each_indicator_against_the_default_targets(runner, sample_run, tmp_path):
    targets, centers, page = group(runner, sample_run, tmp_path)
    assert [(t["indicator"], t["target_rate"]) for t in targets] == list(DEFAULT_TARGETS.items())
    assert {t["center"] for t in targets} == {centers[0]["center"]}
    for t in targets:  # the mean is the Centers sheet's, met when it reaches the target
        assert t["mean_rate"] == centers[0][t["indicator"]]
        assert t["target_met"] == (t["mean_rate"] >= t["target_rate"])
    assert [t["target_met"] for t in targets] == [False, True, False, True, False, True]
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in page.select("#targets tbody tr")]
    assert rows == [["Satisfaction", "90.0%", "75.8% not met"], ["Response timeliness", "90.0%", "92.9% met"],
                    ["Resolution", "95.0%", "94.0% not met"], ["First-contact resolution", "80.0%", "82.5% met"],
                    ["Complaint handling", "100.0%", "84.4% not met"], ["Callback", "90.0%", "90.1% met"]]


def test_group_targets_follow_the_rules_option(runner, sample_run, tmp_path):
    draft = tmp_path / "draft.toml"
    draft.write_text("[rules.KPI-SAT]\ntarget = 0.5\n[rules.KPI-CMPL]\ntarget = 0.6\n", encoding="utf-8")
    targets, _, page = group(runner, sample_run, tmp_path, "--rules", str(draft))
    got = {t["indicator"]: (t["target_rate"], t["target_met"]) for t in targets}
    assert got == {**{k: (t, m) for (k, t), m in zip(DEFAULT_TARGETS.items(), [False, True, False, True, False, True])},
                   "satisfaction_rate": (0.5, True), "complaint_handling_rate": (0.6, True)}
    assert [tr.find("td").text for tr in page.select("#targets tbody tr")][::4] == ["50.0%", "60.0%"]


def test_targets_frame_met_and_no_data():
    import pandas as pd

    centers = pd.DataFrame({"center": ["A", "B"], "satisfaction_rate": [0.9, 0.89], "response_rate": [None, 0.95]})
    out = targets_frame(centers.reindex(columns=["center", *DEFAULT_TARGETS, "reopen_rate"]),
                        {"satisfaction_rate": Target("KPI-SAT", 0.9), "response_rate": Target("KPI-RESP", 0.9)})
    assert out.astype(object).where(out.notna(), None).values.tolist() == [["A", "satisfaction_rate", 0.9, 0.9, True],
                                   ["A", "response_rate", None, 0.9, None],
                                   ["B", "satisfaction_rate", 0.89, 0.9, False],
                                   ["B", "response_rate", 0.95, 0.9, True]]
