"""A real spreadsheet program opens the scored workbook: LibreOffice converts it headless."""
from __future__ import annotations

import shutil
import subprocess

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed (.ci/run installs it)")


def test_libreoffice_converts_the_scored_workbook(sample_run, tmp_path):
    xlsx = sample_run / "2026-10" / "scored-2026-10.xlsx"
    profile = tmp_path / "profile"
    out = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                          "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(xlsx)],
                         capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr
    csv = tmp_path / "scored-2026-10.csv"
    assert csv.exists(), out.stdout + out.stderr
    first = csv.read_bytes().decode("utf-8", errors="replace").splitlines()[0]
    # the first sheet is the Payroll: what payroll imports, read by a real spreadsheet program
    assert first.startswith("工号,姓名,部门,班组,罚款合计(元),加减分,等级,绩效系数,视为自动离职日期,备注")
