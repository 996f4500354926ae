"""The site's tabs are for its readers; the page for those who develop the generator
(performance.md, the one page left in this repository's docs/) stands in the Data tab,
not in a tab of its own. The nav names the readers' pages, which ship with the package."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from .conftest import REPO
from .test_site import build_site

READERS_TABS = [
    "Briefings",
    "Fronts",
    "Questions",
    "Claims",
    "Figures",
    "Timeline",
    "Places",
    "Actors",
    "Sources",
    "Method",
    "Data",
    "Writing briefings",
]


def test_the_tabs_are_the_readers_and_the_performance_page_is_in_the_data_tab(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build_site(REPO, tmp_path)
    assert not [r.message for r in caplog.records if "not included in the" in r.message]
    for page in ("index.html", "method/index.html", "data/index.html", "performance/index.html"):
        html = (tmp_path / page).read_text(encoding="utf-8")
        tabs = re.findall(r'class="md-tabs__link[^"]*">\s*([^<]*?)\s*</a>', html)
        assert tabs == READERS_TABS, page
    performance = (tmp_path / "performance" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../data/" class="md-nav__link">' in performance
