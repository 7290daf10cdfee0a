"""Break rules (BRK-*): toilet-break length and how many are away from a post at once."""
from __future__ import annotations

import pandas as pd

from rules_builders import breaks, hits, rulebook, run


def brk(emp: str, left: str, back: str, post: str = "P1", reason: str | None = None) -> dict:
    return {"employee_id": emp, "post": post, "left_at": f"2026-10-05 {left}",
            "returned_at": f"2026-10-05 {back}", "reason": reason}


# ---------------------------------------------------------------- BRK-LENGTH
def test_five_minutes_and_five_minutes_one_second_are_not_over_whole_minutes():
    r = run(breaks=breaks(brk("E1", "10:00:00", "10:05:00"), brk("E1", "11:00:00", "11:05:01"),
                          brk("E1", "14:00:00", "14:05:59")))
    assert hits(r, "BRK-LENGTH").empty


def test_six_minutes_is_over_by_one():
    r = run(breaks=breaks(brk("E1", "10:00:00", "10:06:00", reason="卫生间")))
    f = hits(r, "BRK-LENGTH", "E1")
    assert (f["fine"].tolist(), f["points"].tolist()) == ([0.0], [0.0])
    assert f.loc[0, "evidence"] == "离岗 10:00–10:06(卫生间),共 6 分 0 秒,超过 5 分钟 1 分钟(按整分钟计)"
    assert f.loc[0, "date"] == pd.Timestamp("2026-10-05")


def test_to_the_second_switch_makes_5_01_over(tmp_path):
    rb = rulebook("[rules.BRK-LENGTH]\nover_by_seconds = true\n", tmp_path)
    r = run(rb, breaks=breaks(brk("E1", "10:00:00", "10:05:00"), brk("E1", "11:00:00", "11:05:01")))
    f = hits(r, "BRK-LENGTH", "E1")
    assert len(f) == 1 and "共 5 分 1 秒,超过 5 分钟 1 分钟" in f.loc[0, "evidence"]


def test_only_toilet_breaks_are_timed():
    r = run(breaks=breaks(brk("E1", "10:00", "10:30", reason="培训"), brk("E2", "11:00", "11:30", reason="如厕")))
    assert hits(r, "BRK-LENGTH")["employee_id"].tolist() == ["E2"]


# ---------------------------------------------------------------- BRK-CONCURRENT
def test_second_person_leaving_before_the_first_returns_is_a_finding():
    r = run(breaks=breaks(brk("E1", "10:00", "10:04"), brk("E2", "10:02", "10:03")))
    f = hits(r, "BRK-CONCURRENT")
    assert f["employee_id"].tolist() == ["E2"]
    assert "已有 1 人离岗(该岗位 2 人,同时离岗上限 1 人,即 5%、至少 1 人)" in f.loc[0, "evidence"]
    assert f.loc[0, "fine"] == 0.0


def test_leaving_as_the_previous_person_returns_is_waiting():
    r = run(breaks=breaks(brk("E1", "10:00", "10:04"), brk("E2", "10:04", "10:06"),
                          brk("E3", "10:00", "10:04", post="P2")))  # another post is independent
    assert hits(r, "BRK-CONCURRENT").empty


def test_a_post_of_forty_allows_two_at_once():
    staff = [f"E{i:02d}" for i in range(40)]
    t = pd.Timestamp("2026-10-05 07:00")
    rows = [brk(e, f"{t + pd.Timedelta(minutes=2 * i):%H:%M}", f"{t + pd.Timedelta(minutes=2 * i + 1):%H:%M}")
            for i, e in enumerate(staff[3:])]  # one at a time: makes the post 40 people
    rows += [brk(staff[0], "10:00", "10:04"), brk(staff[1], "10:01", "10:04"), brk(staff[2], "10:02", "10:03")]
    r = run(breaks=breaks(*rows))
    f = hits(r, "BRK-CONCURRENT")
    assert f["employee_id"].tolist() == [staff[2]]
    assert "已有 2 人离岗(该岗位 40 人,同时离岗上限 2 人,即 5%、至少 1 人)" in f.loc[0, "evidence"]
