"""Debian's chromium driven by Playwright, launched one way for every browser test.

`make test` installs chromium (never `playwright install`); a missing browser is a failed test with
the command to fix it, not a skipped one, so a machine without it cannot pass the suite by accident.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# No background traffic: this machine's network is closed, and tests stay on loopback.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium browser, closed on exit."""
    assert CHROMIUM.exists(), "Debian chromium is missing: run `make chromium` (apt-get install chromium)"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
