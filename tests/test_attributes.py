"""`attributes.values` finds what the regular expression it stands for finds."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generator.attributes import values

# Pieces that make near misses: names inside longer names, no white space before, no quote
# after, quotes and white space of every kind between.
PIECES = ['id="', 'name="', 'href="', 'src="', "grid", "data-", '"', "=", " ", "\n", "\t", "\u2003", "x", "<a", ">"]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.sampled_from([("id", "name"), ("href", "src")]))
def test_values_are_what_the_regular_expression_finds(text: str, names: tuple[str, str]) -> None:
    pattern = re.compile(rf'\s(?:{names[0]}|{names[1]})="([^"]*)"')
    assert values(text, *names) == pattern.findall(text)


def test_values_of_a_page() -> None:
    page = '<a href="one/">1</a><img\nsrc="two.svg"><span data-href="no">x href="three"</span> href="four'
    assert values(page, "href", "src") == ["one/", "two.svg", "three"]
    assert values(' id="a" name="b"id="c" id="', "id", "name") == ["a", "b"]
