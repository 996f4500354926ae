"""Checking costs what the input costs to read, however much is wrong with it.

Nothing here is timed against a clock that could flake. The work itself is counted where
it can be (how many ids a suggestion compares, how many messages are worded, how often
the closest passage is looked for), and files that took minutes when each problem
scanned the whole file are checked in a subprocess that is only asked to finish.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.errors import Invalid, Problem, capped, unlisted
from generator.load import project, quotes, suggest, validate
from generator.load.project import Project
from generator.load.suggest import Suggestions
from generator.model.limits import EVIDENCE_MAX, MAX_FILE_BYTES, MAX_PROBLEMS
from generator.pipeline import load

from .conftest import CASES

VALID = (CASES / "valid.yml").read_text(encoding="utf-8")
SOURCE = (CASES / "seeds" / "article.txt").read_text(encoding="utf-8")


def write(root: Path, text: str, source: str = SOURCE) -> Path:
    (root / "briefings").mkdir(exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    (root / "seeds" / "article.txt").write_text(source, encoding="utf-8")
    (root / "briefings" / "big.yml").write_text(text, encoding="utf-8")
    assert len(text.encode("utf-8")) <= MAX_FILE_BYTES and len(source.encode("utf-8")) <= MAX_FILE_BYTES
    return root


def unknown_keys(count: int) -> str:
    return VALID + "".join(f"k{i}: 1\n" for i in range(count))


def undefined_references(count: int) -> str:
    """`count` actors, and as many stakes whose party is none of them."""
    actors = "".join(f"  - {{id: a{i}, name: A, kind: state}}\n" for i in range(count))
    stakes = "".join(f"  - {{party: x{i}, stake: S., why: W., fronts: [kursk], evidence: [begun]}}\n" for i in range(count))
    return VALID.replace("actors:\n", "actors:\n" + actors, 1).replace("stakes:\n", "stakes:\n" + stakes, 1)


def quotes_not_found(count: int) -> str:
    return VALID + "".join(f"  - {{id: q{i}, exact: zz{i} significant counteroffensive}}\n" for i in range(count))


def big_source() -> str:
    return SOURCE * ((MAX_FILE_BYTES - 10_000) // len(SOURCE.encode("utf-8")))


def problems_of(root: Path) -> Invalid:
    with pytest.raises(Invalid) as raised:
        load(Project(root))
    return raised.value


def counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[tuple[Any, ...]]:
    """Record the arguments of every call of `owner.name`, still calling it."""
    calls: list[tuple[Any, ...]] = []
    real: Callable[..., Any] = getattr(owner, name)

    def recorded(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return calls


def test_a_files_problems_are_capped_and_the_rest_counted(tmp_path: Path) -> None:
    report = problems_of(write(tmp_path, unknown_keys(1_000)))
    assert report.count == 1_000
    lines = report.report().splitlines()
    assert len(lines) == 1 + MAX_PROBLEMS + 1
    assert lines[0] == "1,000 problems found:"
    assert lines[1] == (
        "briefings/big.yml:47:1: unknown key 'k0'; expected one of format, title, date, follows, source, sources,"
        " bottom_line, takeaways, actors, places, measures, fronts, stakes, questions, claims, events, evidence"
    )
    assert lines[-1] == (
        f"briefings/big.yml: {1_000 - MAX_PROBLEMS} more problems in this file are not listed;"
        f" expected at most {MAX_PROBLEMS} problems a file — fix these first"
    )


def test_only_the_problems_listed_are_worded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    worded = counting(monkeypatch, validate, "_unknown_key")
    problems_of(write(tmp_path, unknown_keys(5_000)))
    assert len(worded) == MAX_PROBLEMS


def test_a_suggestion_compares_a_few_ids_whatever_their_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compared = counting(monkeypatch, suggest.difflib, "get_close_matches")
    report = problems_of(write(tmp_path, undefined_references(3_000)))
    assert report.count == 3_000
    assert 0 < len(compared) <= MAX_PROBLEMS
    assert max(len(candidates) for _, candidates in compared) <= 4 * suggest.NEAR + 1


def test_the_closest_passage_is_looked_for_only_for_quotes_that_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked = counting(monkeypatch, quotes, "_closest")
    report = problems_of(write(tmp_path, quotes_not_found(500)))
    assert len(looked) == MAX_PROBLEMS
    # Each quote is one not found and one cited by nothing.
    assert report.count == 1_000


def test_a_briefing_holds_at_most_so_many_passages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    searched = counting(monkeypatch, project, "find")
    report = problems_of(write(tmp_path, quotes_not_found(EVIDENCE_MAX)))
    assert searched == []  # too many to look for: each would cost a scan of the source
    assert report.problems[0] == Problem(
        "briefings/big.yml", 43, 3, f"evidence: {EVIDENCE_MAX + 2:,} entries; expected at most {EVIDENCE_MAX:,}"
    )


def test_capping_adds_up_the_counts_of_a_files_parts() -> None:
    listed = [Problem("a.yml", line, 1, "wrong") for line in range(1, MAX_PROBLEMS + 6)]
    problems = capped([*listed[::-1], unlisted("a.yml", 7)])
    assert problems == [*listed[:MAX_PROBLEMS], unlisted("a.yml", 12)]
    assert Invalid(problems).count == MAX_PROBLEMS + 12
    assert capped(listed[:3]) == listed[:3]


@pytest.mark.parametrize(
    ("name", "known", "guess"),
    [
        ("kurks", ["kursk", "kharkiv"], "kursk"),
        ("Russia", ["russia", "kartapolov"], "russia"),
        ("../kursk", ["kursk"], "kursk"),
        ("week-9", ["week-1", "week-2", "week-3"], "week-3"),
        ("kursk-directoin", [*(f"id-{i}" for i in range(10_000)), "kursk-direction"], "kursk-direction"),
        ("zzzz", ["kursk"], None),
    ],
)
def test_suggestions_find_the_close_ids(name: str, known: list[str], guess: str | None) -> None:
    assert Suggestions(known).best(name) == guess


def test_a_suggestion_is_never_the_name_itself_nor_the_one_set_aside() -> None:
    suggestions = Suggestions(["week-3", "week-33"])
    assert suggestions.best("week-3") == "week-33"
    assert suggestions.best("week-333", besides="week-33") == "week-3"


CHECK = [sys.executable, "-c", "from generator.cli import main; main()", "check", "--root"]


@pytest.mark.parametrize(
    ("make", "source", "found"),
    [
        # 29 s when each unknown key was compared with every field name; about 2 minutes when
        # each was also placed by a scan of the file's keys.
        (lambda: unknown_keys(80_000), SOURCE, "80,000 problems found:"),
        # 318 s when each undefined reference sorted, and compared with, every id.
        (lambda: undefined_references(8_000), SOURCE, "8,000 problems found:"),
        # Not found against a source of a megabyte, each quote cost a dozen scans of it. Each
        # is not found and cited by nothing; the valid case's two quotes stand many times.
        (lambda: quotes_not_found(EVIDENCE_MAX - 2), "big", f"{2 * (EVIDENCE_MAX - 2) + 2:,} problems found:"),
    ],
    ids=["80000-unknown-keys", "8000-undefined-references", "1000-quotes-not-found"],
)
def test_files_that_took_minutes_are_checked(tmp_path: Path, make: Callable[[], str], source: str, found: str) -> None:
    """Each finishes well within the timeout, in seconds, where quadratic work took minutes."""
    root = write(tmp_path, make(), big_source() if source == "big" else source)
    done = subprocess.run([*CHECK, str(root)], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1, done.stderr[-2_000:]
    lines = done.stderr.splitlines()
    assert lines[0] == found
    assert len(lines) == 1 + MAX_PROBLEMS + 1
    shutil.rmtree(root)
