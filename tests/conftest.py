from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


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
def big_month(tmp_path_factory) -> tuple[Path, Path]:
    """A generated 400-person month (``opscore sample``) run once in Chinese through the CLI:
    (the month's input folder, the output folder)."""
    from cli import main

    root = tmp_path_factory.mktemp("big")
    made = CliRunner().invoke(main, ["sample", str(root), "--month", "2026-10", "--employees", "400", "--quiet"])
    assert made.exit_code == 0, made.output
    month, out = root / "2026-10", root / "out"
    result = CliRunner().invoke(main, ["run", str(month), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return month, out
