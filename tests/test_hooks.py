"""The run's test hooks are inert unless a test asks (processor/hooks.py): a real run never
stops itself, and OPSCORE_TEST_KILL_AT is read once, when the run starts."""
from __future__ import annotations

import sqlalchemy as sa

from processor.hooks import KILL_STAGES, RunHooks


def test_default_hooks_do_nothing_at_any_stage():
    hooks = RunHooks()
    for stage in KILL_STAGES:
        hooks.reached(stage)  # would SIGKILL this very test process if it were not inert
    engine = sa.create_engine("sqlite://")
    hooks.watch_ledger(engine)
    with engine.begin() as c:
        assert c.execute(sa.text("select 1")).scalar() == 1


def test_from_env_reads_the_stage(monkeypatch):
    monkeypatch.setenv("OPSCORE_TEST_KILL_AT", "report")
    assert RunHooks.from_env() == RunHooks("report")
    RunHooks("report").reached("workbook")  # another stage: nothing happens
    monkeypatch.delenv("OPSCORE_TEST_KILL_AT")
    assert RunHooks.from_env() == RunHooks("")


def test_the_ledger_hook_listens_to_commit_only_when_asked(monkeypatch):
    reached: list[str] = []
    monkeypatch.setattr(RunHooks, "reached", lambda self, stage: reached.append(stage))
    engine = sa.create_engine("sqlite://")
    RunHooks("report").watch_ledger(engine)
    with engine.begin() as c:
        c.execute(sa.text("select 1"))
    assert reached == []
    RunHooks("ledger-before-commit").watch_ledger(engine)
    with engine.begin() as c:
        c.execute(sa.text("select 1"))
    assert reached == ["ledger-before-commit"]
