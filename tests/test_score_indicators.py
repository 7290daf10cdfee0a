"""Service indicators (KPI-*) and QA (QA-SCORE, QA-SAMPLE) on hand-made tickets, to the last digit."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from _score_data import month, person, qa_rows, results, table, ticket
from processor.rulebook import load_rulebook
from processor.score import score_month
from processor.score.indicators import agent_indicators
from processor.score.qa import qa_scores

RB = load_rulebook()
NEXT_MONTH = pd.Timestamp("2026-11-01")
T0 = "2026-10-05 10:00:00"


def at(seconds: float) -> pd.Timestamp:
    return pd.Timestamp(T0) + pd.Timedelta(seconds=seconds)


TICKETS = [
    # 001: five tickets, one per case
    ticket("001", 1, first_response_at=at(20), satisfaction=5.0, callback_at=at(7200)),  # 20 s: on the limit
    ticket("001", 2, first_response_at=at(21), satisfaction=4.0, first_contact_resolved=False),  # 21 s: late
    ticket("001", 3, channel="chat", first_response_at=pd.NaT, resolved_at=pd.NaT, satisfaction=2.0,
           first_contact_resolved=False),  # no first response: not timely; open
    ticket("001", 4, channel="email", ticket_type="complaint", first_response_at=at(4 * 3600),
           resolved_at=NEXT_MONTH, complained_employee_id="002"),  # resolved after month end
    ticket("001", 5, channel="walkin", ticket_type="complaint", first_response_at=at(11 * 60),
           resolved_at=pd.Timestamp("2026-10-31 23:59:59"), reopened=True, callback_at=NEXT_MONTH),
    # 002: nobody surveyed, no complaint ticket, nothing resolved; one complaint names 003
    ticket("002", 1, resolved_at=pd.NaT, complained_employee_id="003"),
    ticket("002", 2, resolved_at=pd.NaT, first_contact_resolved=False),
]


@pytest.fixture(scope="module")
def ind() -> pd.DataFrame:
    return agent_indicators(table("tickets", TICKETS), RB, NEXT_MONTH)


def test_rates_of_an_agent_with_every_case(ind: pd.DataFrame) -> None:
    a = ind.loc["001"]
    assert a["tickets"] == 5
    assert a["satisfaction_rate"] == 2 / 3  # 5 and 4 of the three surveyed
    assert a["response_rate"] == 2 / 5  # phone 20 s and email 4 h exactly; 21 s, none, 11 min are late
    assert a["resolution_rate"] == 3 / 5  # #4 resolved at 11-01 00:00 and #3 open do not count
    assert a["fcr_rate"] == 3 / 5  # over all tickets, not only resolved ones
    assert a["complaint_handling_rate"] == 1 / 2
    assert a["callback_rate"] == 2 / 3  # callbacks on #1 and #5 among the 3 resolved
    assert a["reopen_rate"] == 1 / 5
    assert a["complaints_received"] == 0
    assert a["complaints_per_100"] == 0.0


def test_no_data_is_nan_never_zero(ind: pd.DataFrame) -> None:
    b = ind.loc["002"]
    assert b["tickets"] == 2
    assert math.isnan(b["satisfaction_rate"])  # none surveyed
    assert math.isnan(b["complaint_handling_rate"])  # no complaint ticket
    assert math.isnan(b["callback_rate"])  # nothing resolved
    assert b["resolution_rate"] == 0.0  # a real zero: two tickets, none resolved
    assert b["complaints_received"] == 1  # named on 001's email complaint
    assert b["complaints_per_100"] == 50.0


def test_complaint_naming_someone_without_tickets(ind: pd.DataFrame) -> None:
    c = ind.loc["003"]
    assert c["tickets"] == 0 and c["complaints_received"] == 1
    assert math.isnan(c["response_rate"]) and math.isnan(c["complaints_per_100"])


def test_summary_of_an_employee_without_tickets() -> None:
    roster = [person("001"), person("002"), person("003"), person("004")]
    s = score_month(month(roster=roster, tickets=TICKETS), results(roster), RB).summary.set_index("employee_id")
    assert s.loc["004", "tickets"] == 0 and s.loc["004", "complaints_received"] == 0
    assert s.loc[["004"], ["satisfaction_rate", "response_rate", "fcr_rate"]].isna().all(axis=None)
    assert s.loc["003", "complaints_received"] == 1


def test_no_ticket_file() -> None:
    out = agent_indicators(pd.DataFrame(), RB, NEXT_MONTH)
    assert out.empty and "satisfaction_rate" in out.columns


def test_qa_mean_with_fatal_as_zero() -> None:
    qa = table("qa", qa_rows("001", 90, 80, 70, fatal=(False, True)) + qa_rows("002", 55))
    out = qa_scores(qa, RB)
    assert out.loc["001", "qa_score"] == (90 + 0 + 70) / 3
    assert out.loc["001", "qa_count"] == 3
    RB_KEEP = load_rulebook()
    RB_KEEP.rules["QA-SCORE"]["fatal_scores_zero"] = False
    assert qa_scores(qa, RB_KEEP).loc["001", "qa_score"] == 80.0


def test_qa_sample_finding_only_for_agents_with_tickets() -> None:
    roster = [person("001"), person("002"), person("005")]
    qa = qa_rows("001", 90, 80, 70, 60) + qa_rows("002", 90) + qa_rows("005", 90)
    m = month(roster=roster, tickets=TICKETS, qa=qa)
    scored = score_month(m, results(roster), RB)
    f = scored.findings[scored.findings["rule_id"] == "QA-SAMPLE"]
    assert f["employee_id"].tolist() == ["002"]  # 001 has 4; 005 took no ticket
    assert f["fine"].tolist() == [0.0] and f["points"].tolist() == [0.0]
    assert f["evidence"].tolist() == ["质检 1 次,少于 4 次(工单 2 张)"]
    assert scored.summary.set_index("employee_id").loc["002", "qa_score"] == 90.0  # still shown
    assert "qa_sample_small" in scored.summary.set_index("employee_id").loc["002", "flags"].split(";")


def synthetic_tickets(n: int, agents: int = 2000, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ids = np.array([f"A{i:05d}" for i in range(agents)], dtype=object)
    created = pd.Timestamp("2026-10-01") + pd.to_timedelta(rng.integers(0, 31 * 86400, n), unit="s")
    resolved = (created + pd.to_timedelta(rng.exponential(2 * 86400, n), unit="s")).where(rng.random(n) > 0.05)
    sat = rng.integers(1, 6, n).astype(float)
    sat[rng.random(n) < 0.6] = np.nan
    return pd.DataFrame({
        "ticket_id": np.arange(n).astype(str).astype(object),
        "agent_id": ids[rng.integers(0, agents, n)],
        "channel": np.array(["phone", "chat", "email", "walkin"], dtype=object)[rng.integers(0, 4, n)],
        "ticket_type": np.array(["inquiry", "complaint", "suggestion"], dtype=object)[rng.integers(0, 3, n)],
        "created_at": created,
        "first_response_at": (created + pd.to_timedelta(rng.exponential(60, n), unit="s")).where(rng.random(n) > 0.02),
        "resolved_at": resolved,
        "first_contact_resolved": rng.random(n) < 0.8,
        "satisfaction": sat,
        "callback_at": resolved.where(rng.random(n) > 0.3),
        "reopened": rng.random(n) < 0.03,
        "complained_employee_id": np.where(rng.random(n) < 0.001, ids[rng.integers(0, agents, n)], None).astype(object),
        "customer_phone": None,
    })


def test_a_million_tickets_are_all_counted() -> None:
    """Speed is measured by `make bench`, not here; this checks the one-pass grouping is complete."""
    tickets = synthetic_tickets(1_000_000)
    out = agent_indicators(tickets, RB, NEXT_MONTH)
    assert out["tickets"].sum() == 1_000_000
    assert len(out) == tickets["agent_id"].nunique()
