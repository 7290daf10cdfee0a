"""The ledger's pages in real headless Chromium: the Adjustments block of a re-run closed month
and the group page (SQLite here; the PostgreSQL test checks the group's figures)."""
from __future__ import annotations

import pytest

from cli import main
from ledger_builders import month
from test_browser import CHROMIUM, browser, open_page  # noqa: F401  (the module-scoped fixture)

pytestmark = pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason="Debian chromium not installed")
M = "2026-10"


def run(runner, *args: str) -> None:
    r = runner.invoke(main, list(args))
    assert r.exit_code == 0, r.output


def test_adjustments_block_and_group_page_in_chromium(browser, runner, tmp_path):  # noqa: F811
    out, db = tmp_path / "out", f"sqlite:///{tmp_path / 'group.db'}"
    run(runner, "run", str(month(tmp_path / "a", M, 80)), "--out", str(out / "北区"), "--db", db, "-q", "--center", "北区")
    run(runner, "close", M, "--db", db, "--center", "北区")
    run(runner, "run", str(month(tmp_path / "b", M, 80, late=12)), "--out", str(out / "北区"), "--db", db, "-q",
        "--center", "北区")
    run(runner, "run", str(month(tmp_path / "c", M, 60, absent="001")), "--out", str(out / "南区"), "--db", db, "-q",
        "--center", "南区")

    page, external, errors = open_page(browser, out / "北区" / M / "report" / "index.html")
    block = page.locator("#adjustments")
    assert block.is_visible() and "补发补扣" in block.locator("h2").inner_text()
    cells = block.locator("tbody tr").first.locator("th, td").all_inner_texts()
    assert cells[0] == "002" and cells[4] == "+12" and "补扣合计 ¥12.00" in block.inner_text()
    assert not external and not errors
    page.close()

    run(runner, "group", M, "--db", db, "--out", str(out))
    page, external, errors = open_page(browser, out / f"group-{M}.html")
    rows = page.locator("#centers tbody tr")
    assert rows.count() == 2
    assert [rows.nth(i).locator("th").inner_text() for i in range(2)] == ["北区", "南区"]
    assert rows.nth(1).locator("td").nth(6).inner_text() == "¥100.00"  # 南区: one absence, 100 yuan
    targets = page.locator("#targets tbody tr")  # no tickets in these months: targets, and no data
    assert targets.count() == 6 and targets.first.locator("th, td").all_inner_texts()[:2] == ["客户满意度", "90.0%"]
    assert "无数据" in targets.first.inner_text()
    page.locator("#centers tbody th a").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("%E5%8C%97%E5%8C%BA/2026-10/report/index.html")  # 北区's own report
    assert not external and not errors
    page.close()
