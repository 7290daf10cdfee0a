"""Shared fixtures, the suite's locale, and the CI rule on skips.

Skips: a test may skip only because Chromium, LibreOffice or PostgreSQL (or a Python package
for them) is missing on a developer's machine. Under ``CI=true`` every skip is a failure —
CI installs all three (``.ci/run``), so a skip there would be an untested path reported
green. Tests that need none of them are written never to skip.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

# The CLI speaks English under an English locale (processor/uilang.py); the suite's assertions
# are written for the default, so it runs under a neutral locale whatever the developer's is.
os.environ["LANG"] = "C.UTF-8"
for _var in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def need(what: str, present: bool) -> None:
    """Skip when ``what`` is missing on a developer's machine; fail under ``CI=true``."""
    if present:
        return
    if on_ci():
        pytest.fail(f"{what} is missing under CI=true: .ci/run installs it", pytrace=False)
    pytest.skip(f"{what} not installed (.ci/run installs it)")


def _skip_fails_on_ci(report) -> None:
    if on_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which must run every test: {reason}"


def pytest_collection_modifyitems(items) -> None:
    """Mark what each test needs (``-m "not browser"`` selects the rest): the browser by the
    fixture it takes, LibreOffice and PostgreSQL by their modules."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if item.module.__name__ == "test_libreoffice":
            item.add_marker(pytest.mark.libreoffice)
        if item.module.__name__ == "test_ledger_postgres":
            item.add_marker(pytest.mark.postgres)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _skip_fails_on_ci(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield  # a module-level importorskip (psycopg) skips the whole module at collection
    _skip_fails_on_ci(outcome.get_result())


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def month_dir(tmp_path: Path) -> Path:
    d = tmp_path / "2026-10"
    d.mkdir()
    return d


SAMPLE = ROOT / "sample_workbooks" / "2026-10"


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> Path:
    """The committed sample month run once through the CLI; returns the output folder."""
    from cli import main

    out = tmp_path_factory.mktemp("sample-out")
    result = CliRunner().invoke(main, ["run", str(SAMPLE), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def big_month_said(tmp_path_factory) -> tuple[Path, Path, str]:
    """A generated 400-person month (``opscore sample``) run once in Chinese through the CLI, not
    quiet: (the month's input folder, the output folder, what the run printed)."""
    from cli import main

    root = tmp_path_factory.mktemp("big")
    made = CliRunner().invoke(main, ["sample", str(root), "--month", "2026-10", "--employees", "400", "--quiet"])
    assert made.exit_code == 0, made.output
    month, out = root / "2026-10", root / "out"
    result = CliRunner().invoke(main, ["run", str(month), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return month, out, result.output


@pytest.fixture(scope="session")
def big_month(big_month_said) -> tuple[Path, Path]:
    """The 400-person month run in Chinese: (the month's input folder, the output folder)."""
    return big_month_said[0], big_month_said[1]


@pytest.fixture(scope="session")
def big_month_en(big_month_said, tmp_path_factory) -> tuple[Path, str]:
    """The same month run with ``--lang en``: (the month's output folder, what the run printed)."""
    from cli import main

    out = tmp_path_factory.mktemp("big-en")
    result = CliRunner().invoke(main, ["run", str(big_month_said[0]), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    return out / "2026-10", result.output
