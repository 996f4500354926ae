"""Material's partials that come out the same on every page outside the nav, rendered once.

Material renders its navigation, its tabs, its search box and its colour switch again for
every page: about two fifths of what the theme costs a generated page. A generated page is
in no nav and has no parent there, so no item of the nav is active while it is rendered,
and what these partials render depends on the page only through the addresses they link
to, which MkDocs' `url` filter makes relative to it. Those relative addresses are the key:
generated pages that would get the same ones get the text rendered for the first of them.
Every other page (the nav's, another plugin's) is rendered as MkDocs renders it.

Only the partials audited for this are kept (`KEPT`), and only where the file rendered,
and every partial it includes or imports by name, is Material's own or this package's: a
project that overrides one of them in its `custom_dir` has the partial rendered for every
page. Tests build sites with and without this and compare every file.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template, TemplateNotFound, meta
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


def keep(env: Environment, nav: Navigation, config: Any, generated: Collection[str]) -> None:
    """Render each of `KEPT` once per key from now on, in this build's `env`, for the pages
    whose source is in `generated`."""
    key = _key(nav, config, generated)
    for name in KEPT:
        if _audited(env, name, set()):
            template = env.get_template(name)
            template.root_render_func = _memo(template, key)


def _audited(env: Environment, name: str, seen: set[str]) -> bool:
    """Whether the template `name`, and each it includes or imports by name, is one of the
    audited files. A name made as it renders (an icon's) is a picture, the same on every page."""
    if env.loader is None:
        return False
    seen.add(name)
    try:
        source, filename, _ = env.loader.get_source(env, name)
    except TemplateNotFound:  # rendering would say so: nothing to keep
        return False
    if not filename or not any(Path(filename).is_relative_to(folder) for folder in AUDITED):
        return False
    named = (used for used in meta.find_referenced_templates(env.parse(source)) if used is not None)
    return all(used in seen or _audited(env, used, seen) for used in named)


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


def _key(nav: Navigation, config: Any, generated: Collection[str]) -> Key:
    in_nav = {id(page) for page in nav.pages}
    addresses = _addresses(nav, config)
    last: tuple[object, object, Hashable] | None = None  # the page and base of the last key, and the key

    def key(context: Context) -> Hashable | None:
        nonlocal last
        page, base = context.get("page"), context.get("base_url")
        if page is None or page.file.src_uri not in generated or page.parent is not None:
            return None
        if id(page) in in_nav or context.get("nav") is not nav:
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
