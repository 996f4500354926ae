"""Material's partials that come out the same on every page outside the nav, rendered once.

Material renders its navigation, its tabs, its search box and its colour switch again for
every page: about two fifths of what the theme costs a generated page. On a page that is
in no nav, no item of the nav is active, so what they render depends on the page only
through the addresses they link to, which MkDocs' `url` filter makes relative to it. Those
relative addresses are the key: pages that would get the same ones get the text rendered
for the first of them.

Only the partials audited for this are kept (`KEPT`), and only where the file rendered is
Material's own or this package's: a project that overrides one in its `custom_dir` has it
rendered for every page, as MkDocs would. Tests build sites with and without this and
compare every file.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template
from jinja2.runtime import Context
from mkdocs.structure.nav import Navigation
from mkdocs.utils import normalize_url

from generator.pages import paths

#: The partials whose output depends on a page outside the nav only through the addresses
#: `_addresses` lists; each was read for what it passes to `url` and what it asks of `page`.
KEPT = ("partials/nav.html", "partials/tabs.html", "partials/search.html", "partials/palette.html")
#: Where the audited files are: Material's templates, and this package's overrides.
AUDITED = (Path(str(resources.files("material").joinpath("templates"))), Path(__file__).parent / "overrides")

Key = Callable[[Context], Hashable | None]


def keep(env: Environment, nav: Navigation, config: Any) -> None:
    """Render each of `KEPT` once per key from now on, in this build's `env`."""
    key = _key(nav, config)
    for name in KEPT:
        template = env.get_template(name)
        if template.filename and any(Path(template.filename).is_relative_to(folder) for folder in AUDITED):
            template.root_render_func = _memo(template, key)


def _addresses(nav: Navigation, config: Any) -> list[str]:
    """Every address the kept partials put through `url`: the nav's, the home page's, the
    logo's, and Pagefind's bundle and script for the search box."""
    found, items = [], list(nav.items)
    while items:
        item = items.pop()
        items.extend(item.children or [])
        if getattr(item, "url", None) is not None:  # a page or a link; a section has none
            found.append(str(item.url))
    homepage = config.extra.get("homepage") or (nav.homepage.url if nav.homepage is not None else "")
    return [*found, str(homepage), str(config.theme.get("logo") or ""), "pagefind/", paths.SEARCH_SCRIPT]


def _key(nav: Navigation, config: Any) -> Key:
    in_nav = {id(page) for page in nav.pages}
    addresses = _addresses(nav, config)
    last: tuple[object, object, Hashable] | None = None  # the page and base of the last key, and the key

    def key(context: Context) -> Hashable | None:
        nonlocal last
        page, base = context.get("page"), context.get("base_url")
        if page is None or id(page) in in_nav or context.get("nav") is not nav:
            return None
        if last is None or last[0] is not page or last[1] != base:  # a page asks for each partial in turn
            last = page, base, (base, tuple(normalize_url(address, page=page, base=base) for address in addresses))
        return last[2]

    return key


def _memo(template: Template, key: Key) -> Callable[[Context], Iterator[str]]:
    render = template.root_render_func
    made: dict[Hashable, str] = {}

    def root(context: Context) -> Iterator[str]:
        found = key(context)
        if found is None:
            yield from render(context)
            return
        if found not in made:
            made[found] = "".join(render(context))
        yield made[found]

    return root
