"""Round two of hostile inputs (issue 17): tiny files that would eat memory, written by hand.

Each builder is a few lines of XML in a zip, so the exact bytes are in the test; ``run_cli``
runs the real command in a child process and reports its exit code, output, wall time and
peak memory (from ``wait4``: that child's own high-water mark, not the test process's).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NS = "http://schemas.openxmlformats.org"
MAIN = f"{NS}/spreadsheetml/2006/main"


@dataclass
class Ran:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float

    @property
    def lines(self) -> list[str]:
        return (self.out + self.err).splitlines()


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> Ran:
    """``opscore ARGS`` in a child process; its peak RSS read from ``wait4`` (Linux, macOS)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-c", "from cli import main; main()", *args],
                                stdout=out, stderr=err, env=full_env, cwd=ROOT)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        scale = 1024 if sys.platform.startswith("linux") else 1  # ru_maxrss: KB on Linux, bytes on macOS
        return Ran(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, usage.ru_maxrss * scale / 1024**2)


def workbook(path: Path, sheets: dict[str, str], shared: list[str] | None = None,
             listed: list[tuple[str, str]] | None = None) -> Path:
    """A workbook package from raw ``<sheetData>`` XML per sheet; ``listed`` overrides the
    (sheet name, part) entries of workbook.xml (to list one part many times)."""
    parts = {name: f"worksheets/sheet{i + 1}.xml" for i, name in enumerate(sheets)}
    listed = listed or list(parts.items())
    rel = f"{NS}/officeDocument/2006/relationships"
    rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{rel}/worksheet" Target="{p}"/>'
                   for i, p in enumerate(parts.values()))
    ids = {p: f"rId{i + 1}" for i, p in enumerate(parts.values())}
    book = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="{ids[p]}"/>' for i, (n, p) in enumerate(listed))
    files = {
        "[Content_Types].xml": f'<?xml version="1.0"?><Types xmlns="{NS}/package/2006/content-types">'
                               '<Default Extension="xml" ContentType="application/xml"/>'
                               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                               'officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{NS}/package/2006/relationships">'
                       f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{rel}"><sheets>{book}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{NS}/package/2006/relationships">'
                                      f'{rels}<Relationship Id="rIdS" Type="{rel}/sharedStrings" '
                                      'Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst xmlns="{MAIN}">'
                                + "".join(f"<si><t>{s}</t></si>" for s in shared or []) + "</sst>",
    }
    for name, data in sheets.items():
        files[f"xl/{parts[name]}"] = f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData></worksheet>'
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


def inline(ref: str, text: str, quote: str = '"') -> str:
    """One inline-string cell; ``ref`` empty for a cell without a reference."""
    r = f" r={quote}{ref}{quote}" if ref else ""
    return f'<c{r} t="inlineStr"><is><t>{text}</t></is></c>'


def row(cells: list[str], r: int | None = None) -> str:
    return f'<row r="{r}">' + "".join(cells) + "</row>" if r else "<row>" + "".join(cells) + "</row>"


def table(header: list[str], rows: list[list[str]]) -> str:
    """Plain rows of inline strings from A1, as a well-made workbook holds them."""
    from processor.errors import column_letter

    out = []
    for i, values in enumerate([header, *rows], start=1):
        out.append(row([inline(f"{column_letter(j)}{i}", v) for j, v in enumerate(values)], i))
    return "".join(out)
