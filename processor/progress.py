"""Progress on stderr through one object that becomes a no-op under ``--quiet``.

Calling code never branches on quietness: it calls ``progress.step(...)`` either way.
"""
from __future__ import annotations

import sys
import time

import click

from .errors import terminal_safe


class Progress:
    """Prints ``[ 1.2s] 读取 工单_1.xlsx`` lines as a long run goes on."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.t0 = time.perf_counter()

    def step(self, message: str) -> None:
        # file names pass through here: no escape sequence of theirs reaches the terminal
        click.echo(f"[{time.perf_counter() - self.t0:5.1f}s] {terminal_safe(message)}", file=self.stream)

    def __call__(self, message: str) -> None:
        self.step(message)


class NullProgress(Progress):
    def step(self, message: str) -> None:  # noqa: D401 — silent by design
        pass


def progress_for(quiet: bool) -> Progress:
    return NullProgress() if quiet else Progress()
