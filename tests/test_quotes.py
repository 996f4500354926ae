"""Quote matching: what it tolerates, and nothing more."""

from __future__ import annotations

import pytest

from generator.load.quotes import CLOSEST_MAX, FoldedSource, Span, find

SOURCE = "He said, “It’s over.”\nThe  city   fell.\nThe city fell again."


def located(exact: str, prefix: str | None = None, suffix: str | None = None) -> list[str]:
    source = FoldedSource(SOURCE)
    return [SOURCE[s.start : s.end] for s in find(source, exact, prefix, suffix).spans]


@pytest.mark.parametrize(
    ("exact", "found"),
    [
        ('"It\'s over."', "“It’s over.”"),  # plain quotes match typographic ones
        ("“It’s over.”", "“It’s over.”"),
        ("said, “It's\n over", "said, “It’s over"),
        ("over.” The city", "over.”\nThe  city"),  # white-space runs match one space, newline included
        ("  The  city fell.\n", "The  city   fell."),  # and surrounding white space is not part of it
    ],
)
def test_tolerated_differences(exact: str, found: str) -> None:
    assert located(exact) == [found]


@pytest.mark.parametrize("exact", ["It is over", "it’s over", "The city fell!", "He said “It’s over.”", "Thecity"])
def test_anything_else_does_not_match(exact: str) -> None:
    assert located(exact) == []


def test_a_repeated_quote_is_found_everywhere_and_prefix_or_suffix_pick_one() -> None:
    assert located("city fell") == ["city   fell", "city fell"]
    assert located("city fell", suffix=" again") == ["city fell"]
    assert located("city fell", prefix="The  ") == ["city   fell", "city fell"]
    assert located("city fell", prefix="over.”\nThe ") == ["city   fell"]


def test_offsets_map_back_to_the_original_text() -> None:
    source = FoldedSource("a \n\n b  c")
    assert find(source, "b c").spans == (Span(5, 9),)


def test_composed_and_decomposed_letters_match() -> None:
    source = FoldedSource("Zaporizhzhia café")  # NFC, as sources are read
    assert find(source, "cafe\u0301").spans == (Span(13, 17),)


def test_the_closest_passage_is_offered_when_nothing_matches() -> None:
    found = find(FoldedSource(SOURCE), "The town fell again.")
    assert found.spans == ()
    assert found.closest == "The city fell again."
    assert found.closest_line == 3


def test_the_closest_passage_stays_short_whatever_the_source() -> None:
    one_word = FoldedSource("x" * 1_000_000)
    found = find(one_word, "x" * 200 + "y")
    assert found.closest is not None and 0 < len(found.closest) <= CLOSEST_MAX + 1
    prose = FoldedSource(" ".join(["Forces advanced on the town again"] * 200))
    found = find(prose, "Forces advanced on the town again " * 8 + "today")
    assert found.closest is not None and found.closest.endswith("…") and len(found.closest) <= CLOSEST_MAX + 1
    assert found.closest.removesuffix("…").endswith(("Forces", "advanced", "on", "the", "town", "again"))


@pytest.mark.parametrize(
    ("quote", "said"),
    [
        ("a logistical hub and industrial powerplant, is crucial", "it says 'powerplant' where the source says 'powerhouse'"),
        ("Russia has begun a counteroffensive to reclaim", "it leaves out 'significant'"),
        ("industrial powerhouse, is very crucial for Ukraine", "it says 'very', which the source does not"),
        ("powerhouse is crucial for Ukraine", "it says 'powerhouse' where the source says 'powerhouse,'"),
        ("Pokrovsk, a logistical hub … is crucial", "it has an ellipsis (…), which the source does not"),
        ("Pokrovsk, a logistical hub ... is crucial", "it has an ellipsis (…), which the source does not"),
    ],
)
def test_a_quote_that_is_not_found_says_where_it_parts_from_the_source(quote: str, said: str) -> None:
    source = FoldedSource(
        "Pokrovsk, a logistical hub and industrial powerhouse, is crucial for Ukraine. "
        "Russia has begun a significant counteroffensive to reclaim territories."
    )
    assert find(source, quote).differs == said
