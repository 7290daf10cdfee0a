"""A plain (non-editable) install works: templates and the rulebook travel as package data."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp / "dist")], check=True, cwd=tmp)
    wheel = next((tmp / "dist").glob("opscore-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    # The dependencies come from the test environment's site-packages (a path line, so the
    # editable install's finder there is not loaded: only the wheel provides opscore).
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True)
    return venv


def _run(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    return subprocess.run([str(venv / "bin" / "opscore"), *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_wheel_contains_templates_and_rulebook(installed):
    site = next((installed / "lib").glob("python3*/site-packages"))
    assert (site / "processor" / "rulebook" / "default.toml").is_file()
    assert list((site / "processor" / "templates").glob("*.html")), "report templates missing from the wheel"


def test_installed_command_runs_help_and_check(installed, tmp_path):
    out = _run(installed, "--help", cwd=tmp_path)
    assert out.returncode == 0 and "check" in out.stdout and "run" in out.stdout
    out = _run(installed, "rules", cwd=tmp_path)
    assert out.returncode == 0 and "ATT-LATE" in out.stdout
    out = _run(installed, "check", str(ROOT / "sample_workbooks" / "2026-10"), cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    probe = subprocess.run([str(installed / "bin" / "python"), "-c", "import processor; print(processor.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert str(installed) in probe.stdout  # the wheel's copy, not the checkout
