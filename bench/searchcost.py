"""What a reader downloads before the first result of a search, measured in Chromium.

The site is served on 127.0.0.1; Playwright drives Debian's Chromium to a briefing page,
opens the search box, types a word and waits for the first result. Every response from
the page's navigation on is counted: the page itself, its styles and scripts, and all
that search fetched. Sizes are given raw and gzipped (each response compressed on its own,
as a web server would send it, or left as it is where gzip does not make it smaller).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]  # fmt: skip


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def _served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def bytes_before_first_result(site: Path, page: str, word: str) -> dict[str, Any]:
    """Open `page` of `site`, search for `word`; the bytes fetched until the first result shows."""
    from playwright.sync_api import sync_playwright

    bodies: list[bytes] = []
    with _served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        tab = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        tab.on("response", lambda response: bodies.append(response.body()) if response.ok else None)
        tab.goto(url + page, wait_until="load")
        tab.locator(".md-search__input").click()
        tab.locator(".md-search-result__meta").filter(has_text="Type to start searching").wait_for(timeout=120_000)
        tab.keyboard.type(word, delay=20)
        tab.locator(".md-search-result__item a").first.wait_for(state="visible", timeout=120_000)
        results = tab.locator(".md-search-result__meta").inner_text()
        browser.close()
    return {
        "requests": len(bodies),
        "raw_kb": round(sum(map(len, bodies)) / 1000, 1),
        "gzip_kb": round(sum(min(len(b), len(gzip.compress(b, 6))) for b in bodies) / 1000, 1),
        "results": results,
    }
