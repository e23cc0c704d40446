"""Where the shared real-feed corpus lives, and a loud stop when it is not there.

The corpus is 37 feed files from other projects' test suites (`../shared/data/feeds`, see its
README.md and INDEX.csv). It is read where it lives, never copied into this tree. These tests run
as `make test-corpus`; the default pytest run deselects the `corpus` marker, so `make test` never
needs ../shared. Selected but missing, the corpus fails the run with a message: it never skips.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def corpus_dir() -> Path:
    """$PULSO_SHARED/data/feeds when PULSO_SHARED names the shared folder, else ../shared beside the checkout."""
    shared = os.environ.get("PULSO_SHARED")
    return (Path(shared) if shared else ROOT.parent / "shared") / "data" / "feeds"


@pytest.fixture(scope="session")
def feeds_dir() -> Path:
    path = corpus_dir()
    if not (path / "INDEX.csv").is_file():
        pytest.fail(f"the shared feed corpus is not at {path} (no INDEX.csv there): put the shared folder "
                    "beside the checkout (../shared) or set PULSO_SHARED to it", pytrace=False)
    return path
