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
