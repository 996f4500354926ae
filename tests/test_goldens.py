"""The stored form of golden files: lossless, short-lined, and clear about the first difference."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import check_golden
from .goldens import MARK, WIDTH, unwrap, wrap

TESTS = Path(__file__).resolve().parent
#: Every golden file, whichever test writes it.
GOLDEN_FILES = sorted(
    [p for p in (TESTS / "golden").rglob("*") if p.is_file()]
    + list((TESTS / "cases").rglob("*.expected"))
    + list((TESTS / "hostile").glob("*.expected"))
)
#: No stored line is longer: WIDTH, and room for a word that runs past it.
LONGEST = 300

LONG = " ".join(f"word{i}" for i in range(100))  # 689 characters


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "short\n\nlines\n",
        LONG,
        LONG + "\n" + LONG + "\n",
        MARK,
        MARK + " " + LONG,  # a line that starts like a continuation
        MARK + MARK + " x",
        MARK + LONG,
        LONG + MARK,  # ends with the mark
        LONG.replace(" ", " " + MARK + " "),  # the mark after every break
        LONG.replace(" ", MARK),  # the mark, and no space to break at
        "x" * 1000,  # no space at all
        "x" * 1000 + " " + "y" * 10,  # a word longer than the width
        LONG + "   ",  # trailing spaces
        " " * 500,  # nothing but spaces
        "   " + LONG,  # leading spaces
        LONG.replace(" ", "    "),  # runs of spaces
        LONG.replace(" ", "\t"),  # other white space is not a place to break
        LONG.replace("word5", "word5\r"),  # \r is part of a line
        "no newline at the end",
    ],
)
def test_wrapping_is_lossless(text: str) -> None:
    stored = wrap(text)
    assert unwrap(stored) == text
    assert wrap(unwrap(stored)) == stored


def test_long_lines_are_broken_at_spaces_into_marked_continuations() -> None:
    stored = wrap(LONG).split("\n")
    assert len(stored) == 4
    assert all(len(line) <= WIDTH for line in stored)
    assert not stored[0].startswith(MARK) and all(line.startswith(MARK + " word") for line in stored[1:])
    assert not any(line.endswith(" ") for line in stored)


def test_lines_that_start_with_the_mark_are_escaped_and_never_read_as_continuations() -> None:
    assert wrap(f"a\n{MARK} b") == f"a\n{MARK}{MARK} b"
    assert unwrap(f"a\n{MARK}{MARK} b") == f"a\n{MARK} b"
    assert unwrap(f"a\n{MARK} b") == "a b"


@given(st.lists(st.sampled_from(["a", "bc", " ", "  ", MARK, "\n", "\r", "é"]), max_size=1000).map("".join))
def test_wrapping_any_text_is_lossless(text: str) -> None:
    assert unwrap(wrap(text)) == text


@given(st.lists(st.lists(st.text("ab" + MARK, min_size=1, max_size=40).map(str), max_size=40).map(" ".join)).map("\n".join))
def test_lines_of_short_words_are_wrapped_within_the_width(text: str) -> None:
    stored = wrap(text)
    assert unwrap(stored) == text
    assert max(map(len, stored.split("\n"))) <= WIDTH


def test_a_failure_names_the_first_differing_line_of_the_text_and_of_the_file(tmp_path: Path) -> None:
    golden = tmp_path / "page.md"
    text = "head\n" + LONG + "\ntail\n"
    check_golden(golden, text, update=True)
    assert golden.read_text(encoding="utf-8") == wrap(text)
    check_golden(golden, text, update=False)
    with pytest.raises(AssertionError) as failed:
        check_golden(golden, text.replace("tail", "tale"), update=False)
    message = str(failed.value)
    assert f"{golden}: the output differs from the golden file at line 3, column 3 (line 6 of the file)" in message
    assert "golden: 'tail'" in message and "output: 'tale'" in message
    with pytest.raises(AssertionError) as failed:
        check_golden(golden, text.replace("word99", "word-99"), update=False)
    assert "at line 2, column 688 (line 5 of the file)" in str(failed.value)
    assert "output: …'word91 word92 word93 word94 word95 word96 word97 word98 word-99'\n" in str(failed.value)


def test_a_golden_file_keeps_carriage_returns(tmp_path: Path) -> None:
    golden = tmp_path / "report.expected"
    check_golden(golden, "one\r\ntwo\n", update=True)
    check_golden(golden, "one\r\ntwo\n", update=False)
    with pytest.raises(AssertionError):
        check_golden(golden, "one\ntwo\n", update=False)


def test_no_line_of_any_golden_file_is_long() -> None:
    assert len(GOLDEN_FILES) > 50
    long = [
        f"{path.relative_to(TESTS)}:{number}: {len(line)} characters"
        for path in GOLDEN_FILES
        for number, line in enumerate(path.read_bytes().decode("utf-8").split("\n"), 1)
        if len(line) > LONGEST
    ]
    assert long == []
