"""Test hooks of a run, inert by default: the run calls them at each stage and they do nothing
unless a test asked for something.

tests/test_robust_interrupt.py kills a real ``opscore run`` at each stage of :data:`KILL_STAGES`
(``OPSCORE_TEST_KILL_AT=<stage>``, read once by :meth:`RunHooks.from_env`) to prove that a run
killed at any point leaves the earlier outputs and the ledger whole, and that the next run
completes. The month's flow in :mod:`processor.pipeline` only says where it is
(``hooks.reached(stage)``); what a test does there lives here.
"""
from __future__ import annotations

import os
import signal
from dataclasses import dataclass

import sqlalchemy as sa

KILL_STAGES = ("read", "rules", "scoring", "workbook", "report", "ledger-before-commit",
               "ledger-after-commit", "swap")


@dataclass(frozen=True)
class RunHooks:
    """``kill_at``: the stage at which the process kills itself (SIGKILL: no cleanup, no
    ``finally``), or "" for none — the default, and what every real run has."""

    kill_at: str = ""

    @classmethod
    def from_env(cls) -> RunHooks:
        return cls(os.environ.get("OPSCORE_TEST_KILL_AT", ""))

    def reached(self, stage: str) -> None:
        """The run has reached ``stage`` (one of :data:`KILL_STAGES`)."""
        if self.kill_at and self.kill_at == stage:
            os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

    def watch_ledger(self, engine: sa.Engine) -> None:
        """``ledger-before-commit`` is reached inside the ledger's transaction, at its commit."""
        if self.kill_at == "ledger-before-commit":
            sa.event.listen(engine, "commit", lambda _conn: self.reached("ledger-before-commit"))
