"""Site search: Material's one-file index for small sites, Pagefind's fragments for large ones.

Material's search makes a reader download the index of every page before the first
result, about 0.75 KB gzipped a page here. Pagefind splits its index into chunks and
fragments that a query fetches on demand, so what a reader downloads does not grow with
the site. Both index the same text: neither reads elements marked `data-search-exclude`.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

ENGINES = ("auto", "material", "pagefind")

#: Under `auto`, sites of this many pages or more are searched with Pagefind: at 1,000
#: pages Material's index would reach about 0.75 MB gzipped, fetched on every first visit.
PAGEFIND_FROM = 1000

#: Where the Pagefind bundle goes, inside the site.
BUNDLE = "pagefind"
#: The part of a Material page that holds its content; the header, navigation and footer
#: around it are the same on every page.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTOR = "[data-search-exclude]"

#: Pagefind holds every page's words in memory until it writes its index, about 230 KB a
#: page here: 1.8 GB for a site of 8,000 pages. A larger site than this is indexed in
#: parts of at most this many pages, each a bundle of its own, which the reader's browser
#: searches together (Pagefind's `mergeIndex`): what indexing takes no longer grows with
#: the site.
PART_PAGES = 2000
#: Parts indexed at once. Pagefind reads pages on every processor but writes its index
#: on one; two runs fill each other's gaps.
AT_ONCE = 2
#: How many parts the bundle has, for the search script (assets/briefings-search.js).
PARTS = "parts.json"


class IndexFailed(Exception):
    """Pagefind could not index the site."""


def engine(choice: str, pages: int, pagefind_from: int = PAGEFIND_FROM) -> str:
    """The search engine for a site of `pages` pages: `material` or `pagefind`."""
    if choice == "auto":
        return "pagefind" if pages >= pagefind_from else "material"
    return choice


def index(site_dir: Path, directory_urls: bool = True, part_pages: int | None = None) -> None:
    """Write Pagefind's index of `site_dir` into `site_dir/pagefind`, whole or not at all.

    With directory URLs every page is an `index.html`, which leaves out `404.html`. A site
    of more than `part_pages` pages (`PART_PAGES`) is indexed in parts: the bundle is the
    first part, `pagefind/parts/K/` the others, and `pagefind/parts.json` says how many
    there are for the search script to merge.

    Raises `IndexFailed` with Pagefind's own words if it fails, or the system's if the
    site's folder cannot be written.
    """
    work = site_dir / f".{BUNDLE}.partial"
    target = site_dir / BUNDLE
    shutil.rmtree(work, ignore_errors=True)
    glob = "**/index.html" if directory_urls else "**/*.html"
    try:
        _index(site_dir, glob, part_pages or PART_PAGES, work, target)
    except OSError as error:
        raise IndexFailed(
            f"Pagefind's index could not be written in {site_dir} ({error.strerror or error}: {error.filename2 or error.filename}); "
            "expected a site folder it can write to"
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _index(site_dir: Path, glob: str, part_pages: int, work: Path, target: Path) -> None:
    """Index the pages of `site_dir` that `glob` matches into `target`, by way of `work`."""
    pages = _pages(site_dir, glob)
    groups = _parts(pages, lambda: [(site_dir / page).stat().st_size for page in pages], part_pages)
    outs = [work / "out" / str(k) for k in range(len(groups))]

    def run(k: int) -> str | None:  # a part's pages are linked while the part before is indexed
        site = site_dir if len(groups) == 1 else _linked(site_dir, groups[k], work / "in" / str(k))
        return _pagefind(site, outs[k], glob)

    with ThreadPoolExecutor(AT_ONCE) as pool:
        said = list(pool.map(run, range(len(groups))))
    failed = next((words for words in said if words is not None), None)
    if failed is not None:
        raise IndexFailed(f"Pagefind could not index {site_dir}: {failed}; expected a built site of HTML pages")
    bundle = outs[0]
    for k, out in enumerate(outs[1:], start=1):
        for code in (*out.glob("*.js"), *out.glob("*.css"), *out.glob("wasm.*")):
            code.unlink()  # a part is searched by the first part's code
        out.rename(_mkdirs(bundle / "parts") / str(k))
    (bundle / PARTS).write_text(json.dumps({"parts": len(outs)}), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(bundle, target)


def _pages(site_dir: Path, glob: str) -> list[str]:
    """The pages Pagefind would index in `site_dir`, by their path in it, in order."""
    name = glob.rsplit("/", 1)[1]
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob(name)
        if not path.relative_to(site_dir).parts[0].startswith(f".{BUNDLE}.")
    )


def _parts(pages: list[str], weigh: Callable[[], list[int]], most: int) -> list[list[str]]:
    """`pages` in runs of consecutive pages of at most `most` pages each: one run if they
    fit (and they are not weighed), else as few as keep every one of the `AT_ONCE`
    Pagefind runs busy to the end, cut where the sizes `weigh` gives add up to equal shares
    (a rough weight: Pagefind's time follows the words it indexes, which a page of every
    claim, as heavy as hundreds of briefings' pages, mostly leaves out), or, where that
    would put more than `most` pages in one, in runs of equal numbers of pages."""
    n = -(-len(pages) // most)
    if n <= 1:
        return [pages]
    n = min(len(pages), -(-n // AT_ONCE) * AT_ONCE)
    sizes = weigh()
    total, so_far, cuts = sum(sizes), 0, [0]
    for i, size in enumerate(sizes):
        if so_far * n >= total * len(cuts) and len(cuts) < n:
            cuts.append(i)
        so_far += size
    cuts.append(len(pages))
    if len(cuts) != n + 1 or any(b - a > most or b == a for a, b in itertools.pairwise(cuts)):
        cuts = [k * len(pages) // n for k in range(n + 1)]
    return [pages[a:b] for a, b in itertools.pairwise(cuts)]


def _linked(site_dir: Path, pages: list[str], folder: Path) -> Path:
    """A folder that holds `pages` of `site_dir` at the same paths, linked, not copied
    where the file system allows it."""
    for page in pages:
        link = _mkdirs((folder / page).parent) / PurePosixPath(page).name
        try:
            os.link(site_dir / page, link)
        except OSError:
            shutil.copyfile(site_dir / page, link)
    return folder


def _mkdirs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _pagefind(site: Path, out: Path, glob: str) -> str | None:
    """Run Pagefind over `site` into `out`; what it said if it failed, else None."""
    command = [
        _executable(),
        "--site", str(site),
        "--glob", glob,
        "--output-path", str(out),
        "--root-selector", ROOT_SELECTOR,
        "--exclude-selectors", EXCLUDE_SELECTOR,
        "--quiet",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, check=False)
    if done.returncode == 0 and (out / "pagefind.js").is_file():
        return None
    lines = (line.strip() for line in (done.stderr + done.stdout).splitlines())
    return " ".join(dict.fromkeys(line for line in lines if line)).rstrip(".") or f"exit status {done.returncode}"


def _executable() -> str:
    try:
        import pagefind_bin  # a wheel that carries the binary: nothing is downloaded

        return str(pagefind_bin.get_executable())
    except (ImportError, OSError) as error:
        raise IndexFailed(f"Pagefind is not installed ({error}); expected the pagefind-bin package") from None


_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"))
_ATTRIBUTE = "data-search-exclude"


def without_excluded(html: str) -> str:
    """Generated HTML without its elements marked `data-search-exclude`.

    What Material's search indexes of a generated page is the same either way, but it
    reads every tag of what it is given: a page of all the claims is mostly excluded
    lists, and handing it only the rest saves most of a rebuild. Generated HTML is well
    formed, so an element's end is found by counting the tags of its name alone;
    `search_index.json` is compared with and without this in the tests.
    """
    out: list[str] = []
    kept_from = at = 0
    while (at := html.find(_ATTRIBUTE, at)) >= 0:
        start = html.rfind("<", kept_from, at)
        after = html[at + len(_ATTRIBUTE) : at + len(_ATTRIBUTE) + 1]
        name = _NAME.match(html, start) if start >= 0 else None
        attribute = after != "" and (after.isspace() or after in "=/>")  # not a longer name
        if name is None or ">" in html[start:at] or not html[at - 1].isspace() or not attribute:
            at += len(_ATTRIBUTE)  # words in text, or another attribute's name
            continue
        out.append(html[kept_from:start])
        kept_from = at = _end(html, start, name[1].lower())
    out.append(html[kept_from:])
    return "".join(out)


def _end(html: str, start: int, name: str) -> int:
    """Where the element whose start tag begins at `start` ends (its whole text if never closed)."""
    opened = html.find(">", start) + 1
    if opened == 0:
        return len(html)
    if name in _VOID or html[opened - 2] == "/":
        return opened
    depth = 1
    for tag in _tags(name).finditer(html, opened):
        if tag[0].endswith("/>"):
            continue
        depth += -1 if tag[1] else 1
        if depth == 0:
            return tag.end()
    return len(html)


@functools.cache
def _tags(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", re.IGNORECASE)
