"""``make bench``: wall time and peak memory per stage on months of three sizes.

Months are generated once with ``opscore sample`` and cached (``bench/`` beside the checkout,
or ``$OPSCORE_BENCH_DIR``). Each measurement runs in a fresh process so peak memory is that
run's alone; the table shows medians of several runs, the **read floor** (fastexcel alone
reading the same files into pandas, with the run's options: text cells, no header row) and the
ratio total / floor, then the growth in time
from 10k to 100k to 1M tickets. The machine is shared: ratios and medians, not single runs.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = [(100, 10_000), (500, 100_000), (2_000, 1_000_000)]
STAGES = ["discover", "read", "validate", "rules", "scoring", "workbook", "report", "ledger"]
MONTH = "2026-10"


def bench_dir() -> Path:
    default = Path(__file__).resolve().parents[1] / "bench"
    return Path(os.environ.get("OPSCORE_BENCH_DIR", default))


def ensure_month(employees: int, tickets: int) -> Path:
    """The cached generated month for this size (generated on first use)."""
    root = bench_dir() / f"e{employees}-t{tickets}"
    folder = root / MONTH
    if not (root / ".complete").exists():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        print(f"generating {employees} employees, {tickets:,} tickets …", flush=True)
        from processor.sample import generate_month

        generate_month(root, month=MONTH, employees=employees, tickets=tickets, seed=11)
        (root / ".complete").write_text("ok")
    return folder


def _one_run(folder: str) -> None:
    """Child process: one full run, printing stage timings as JSON on the last line."""
    from processor.pipeline import run_month
    from processor.timing import StageTimer, peak_rss_mb

    timer = StageTimer()
    out = Path(tempfile.mkdtemp(prefix="opscore-bench-"))
    try:
        t0 = time.perf_counter()
        run_month(Path(folder), out, quiet=True, timer=timer)
        total = time.perf_counter() - t0
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(json.dumps({"seconds": timer.seconds, "peak_mb": timer.peak_mb, "total": total, "peak": peak_rss_mb()}))


def _one_compare(folder: str, draft: str) -> None:
    """Child process: one ``opscore compare`` of the month under ``draft``, timings as JSON."""
    from processor.compare import compare_month
    from processor.timing import StageTimer, peak_rss_mb

    timer = StageTimer()
    out = Path(tempfile.mkdtemp(prefix="opscore-bench-"))
    try:
        t0 = time.perf_counter()
        compare_month(Path(folder), out, Path(draft), quiet=True, timer=timer)
        total = time.perf_counter() - t0
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(json.dumps({"seconds": timer.seconds, "peak_mb": timer.peak_mb, "total": total, "peak": peak_rss_mb()}))


def _read_floor(folder: str) -> None:
    """Child process: fastexcel alone reading every sheet of the month into pandas, the way the
    run reads them (every cell as text, no header row, cell errors collected; the CSV decoded
    as UTF-8 or GB18030, every cell text), so that total / floor compares like with like."""
    import io

    import fastexcel
    import pandas as pd

    from processor.read.sheets import decode_csv
    from processor.timing import peak_rss_mb

    t0 = time.perf_counter()
    for path in sorted(Path(folder).iterdir()):
        if path.suffix == ".xlsx":
            reader = fastexcel.read_excel(str(path))
            for name in reader.sheet_names:
                batch, _errors = reader.load_sheet(name, header_row=None, skip_rows=0,
                                                   dtypes="string").to_arrow_with_errors()
                batch.to_pandas()
        elif path.suffix == ".csv":
            text = decode_csv(path.read_bytes()) or ""
            pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False)
    print(json.dumps({"total": time.perf_counter() - t0, "peak": peak_rss_mb()}))


def _child(mode: str, folder: Path, *extra: str) -> tuple[dict, float]:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "processor.bench", mode, str(folder), *extra],
                         capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    return json.loads(out.stdout.strip().splitlines()[-1]), wall


def bench_compare(runs: int, plain: list[tuple[dict, float]] | None = None) -> float:
    """``opscore compare`` of the 2,000-employee month (draft: ATT-LATE 2 yuan a minute) against
    a plain run of it: inputs are read once, so the target is at most 1.5 times the run."""
    folder = ensure_month(*SIZES[-1])
    with tempfile.TemporaryDirectory(prefix="opscore-bench-draft-") as tmp:
        draft = Path(tmp) / "draft.toml"
        draft.write_text("[rules.ATT-LATE]\nfine_per_minute = 2.0\n", encoding="utf-8")
        plain = plain or [_child("--one", folder) for _ in range(runs)]
        compared = [_child("--compare", folder, str(draft)) for _ in range(runs)]
    run_total = statistics.median(r[0]["total"] for r in plain)
    cmp_total = statistics.median(r[0]["total"] for r in compared)
    stages = {s: statistics.median(r[0]["seconds"].get(s, 0.0) for r in compared)
              for s in ("read", "validate", "rules", "scoring", "write")}
    print(f"\ncompare, {SIZES[-1][0]:,} employees / {SIZES[-1][1]:,} tickets, median of {runs}: "
          + " ".join(f"{s} {v:.2f}" for s, v in stages.items())
          + f"; total {cmp_total:.2f} s (peak {statistics.median(r[0]['peak'] for r in compared):.0f} MB), "
          f"plain run {run_total:.2f} s")
    print(f"compare / run: {cmp_total / run_total:.2f} (target ≤ 1.5); all totals: compare "
          f"{sorted(round(r[0]['total'], 2) for r in compared)}, run {sorted(round(r[0]['total'], 2) for r in plain)}")
    return cmp_total / run_total


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] in ("--one", "--floor"):
        (_one_run if argv[0] == "--one" else _read_floor)(argv[1])
        return 0
    if len(argv) == 3 and argv[0] == "--compare":
        _one_compare(argv[1], argv[2])
        return 0
    runs = int(os.environ.get("OPSCORE_BENCH_RUNS", "3"))
    if argv == ["--compare"]:  # just the compare part: python -m processor.bench --compare
        bench_compare(runs)
        return 0
    rows = []
    for employees, tickets in SIZES:
        folder = ensure_month(employees, tickets)
        floors = [_child("--floor", folder)[0]["total"] for _ in range(runs)]
        results = [_child("--one", folder) for _ in range(runs)]
        med = {s: statistics.median(r[0]["seconds"].get(s, 0.0) for r in results) for s in STAGES}
        peaks = {s: statistics.median(r[0]["peak_mb"].get(s, 0.0) for r in results) for s in STAGES}
        total = statistics.median(r[0]["total"] for r in results)
        wall = statistics.median(r[1] for r in results)
        peak = statistics.median(r[0]["peak"] for r in results)
        floor = statistics.median(floors)
        rows.append((employees, tickets, med, peaks, total, wall, peak, floor))
        last = results
        print(f"measured {employees} employees / {tickets:,} tickets", flush=True)
    print()
    print(f"median of {runs} runs each; seconds (peak RSS MB at the end of the stage)")
    head = f"{'employees':>9} {'tickets':>9} " + " ".join(f"{s:>15}" for s in STAGES)
    head += f" {'total':>7} {'wall+start':>10} {'peak MB':>8} {'floor':>6} {'total/floor':>11}"
    print(head)
    for employees, tickets, med, peaks, total, wall, peak, floor in rows:
        cells = " ".join(f"{med[s]:6.2f} ({peaks[s]:6.0f})" for s in STAGES)
        print(f"{employees:>9} {tickets:>9,} {cells} {total:7.2f} {wall:10.2f} {peak:8.0f} {floor:6.2f} {total / floor:11.2f}")
    if len(rows) == 3:
        t = [r[4] for r in rows]
        print(f"\ngrowth: 10k→100k tickets ×{t[1] / t[0]:.2f}, 100k→1M ×{t[2] / t[1]:.2f} (target ≤ 11)")
        print(f"targets: 1M total/floor {rows[2][4] / rows[2][7]:.2f} (≤ 2.0), peak {rows[2][6]:.0f} MB (≤ 3000), "
              f"10k wall incl. start-up {rows[0][5]:.2f} s (< 5)")
        bench_compare(runs, last)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
