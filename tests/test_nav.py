"""The site's tabs are for its readers; the pages for those who develop the site are left
out of them (mkdocs.yml, not_in_nav) and reached from the pages that lead to them."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from .conftest import REPO
from .test_site import build_site

READERS_TABS = ["Briefings", "Fronts", "Questions", "Claims", "Timeline", "Actors", "Method", "Data", "Writing briefings"]


def test_the_tabs_are_the_readers_and_the_performance_page_is_linked_from_data(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build_site(REPO, tmp_path)
    # Left out on purpose, so MkDocs does not list it as forgotten.
    assert not [r.message for r in caplog.records if "not included in the" in r.message]
    for page in ("index.html", "data/index.html", "performance/index.html"):
        html = (tmp_path / page).read_text(encoding="utf-8")
        tabs = re.findall(r'class="md-tabs__link[^"]*">\s*([^<]*?)\s*</a>', html)
        assert tabs == READERS_TABS, page
    data = (tmp_path / "data" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../performance/">Performance</a>' in data
