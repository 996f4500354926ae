"""The one Jinja2 environment that renders every generated page.

Autoescaping is on for every template: annotation text can be pasted from anywhere, and
all of it reaches the page as escaped text inside raw HTML blocks, which Markdown leaves
alone. Only the templates' own literal text is Markdown.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from html import escape
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator.pages import figures

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
# Printable text of the Basic Multilingual Plane, where a JSON string is also a YAML one.
_BMP = re.compile(r"[^\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U00010000-\U0010ffff]*")


def paragraphs(text: str) -> list[str]:
    """Plain text as paragraphs: blank lines separate them, other white space folds to a space."""
    return [one_line(p) for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]


def one_line(text: str) -> str:
    """White space folded to single spaces, none at either end. `str.split` breaks at what
    `\\s` matches, every character of it, and is several times quicker than a regex."""
    return " ".join(text.split())


@functools.lru_cache(maxsize=8192)  # the pages across briefings write each briefing's date many times
def day(value: datetime.date) -> str:
    """A date as readers write it: 25 November 2026."""
    return f"{value.day} {value:%B %Y}"


def when(value: str) -> str:
    """An event's date, as precise as it is given: 6 August 2024, August 2024 or 2024."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return day(datetime.date(*parts))
    if len(parts) == 2:
        return f"{datetime.date(parts[0], parts[1], 1):%B} {parts[0]}"
    return str(parts[0])


def front_matter(**meta: str) -> Markup:
    """A YAML front-matter block. Values are escaped HTML: Material prints `title` unescaped.

    Printable text of the Basic Multilingual Plane is written as JSON strings, which YAML
    reads back exactly and which are quick to make. Anything else, such as an emoji, goes
    through PyYAML's own emitter: JSON would write it as a surrogate-pair escape, which
    YAML reads as two lone surrogates.
    """
    values = {key: escape(one_line(value)) for key, value in meta.items() if value}
    if all(_BMP.fullmatch(v) for v in values.values()):  # the common case, and the fast one
        return Markup("\n".join(["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in values.items()), "---"]))
    block = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1_000_000)
    return Markup(f"---\n{block}---")


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """A count with its noun, singular or plural: `1 briefing`, `7 open questions`."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def shorten(text: str, limit: int = 140) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        paras=paragraphs,
        one_line=one_line,
        day=day,
        when=when,
        shorten=shorten,
        plural=plural,
        amount=figures.amount,
        data_value=figures.data_value,
        number=figures.number,
    )
    env.globals.update(front_matter=front_matter)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
