"""Without the MkDocs config and site_src/ the build stops at once and says what is missing and how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.build.layout import SiteFilesMissing, site_files


def test_the_checkout_provides_the_config_and_site_src() -> None:
    files = site_files()
    assert files.mkdocs_yml.is_file() and (files.hooks / "search_fold.py").is_file()


def test_missing_site_files_name_each_place_looked_and_the_fix(tmp_path: Path) -> None:
    installed, checkout = tmp_path / "installed", tmp_path / "checkout"
    (checkout / "site_src").mkdir(parents=True)
    with pytest.raises(SiteFilesMissing) as error:
        site_files((installed, checkout))
    message = str(error.value)
    assert str(installed / "mkdocs.yml") in message and str(installed / "site_src") in message
    assert str(checkout / "mkdocs.yml") in message and str(checkout / "site_src") not in message
    assert "pip wheel" in message
