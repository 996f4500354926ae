"""Property-based: mutated and random input never escapes as an exception, and text stays inert."""

from __future__ import annotations

import copy
import html
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from generator.errors import Invalid
from generator.load.project import Project
from generator.pages.templating import paragraphs
from generator.pages.urls import Urls
from generator.pipeline import build, serial

from .conftest import CASES, REPO

SHIPPED = (REPO / "briefings" / "kursk-counteroffensive.yml").read_text(encoding="utf-8")
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(REPO / "seeds", root / "seeds")
        shutil.copy(CASES / "seeds" / "article.txt", root / "seeds" / "article.txt")
        (root / "briefings").mkdir()
        yield root


def load(root: Path, name: str, text: str) -> dict[str, str] | Invalid:
    """The pages of a project of one briefing, or the problems found in it."""
    for old in (root / "briefings").iterdir():
        old.unlink()
    (root / "briefings" / name).write_text(text, encoding="utf-8")
    try:
        return build(Project(root), Urls(), executor=serial).pages
    except Invalid as error:
        return error


def assert_clear(result: dict[str, str] | Invalid, name: str) -> None:
    """A rejection names the file, and a place in it wherever the file has one."""
    if isinstance(result, Invalid):
        assert result.problems
        for problem in result.problems:
            assert problem.path in (f"briefings/{name}", f"seeds/{name}"), problem
            assert problem.message and "Traceback" not in problem.message
            assert str(problem).startswith(problem.path + ":")


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """The shipped briefing with a few random edits: cuts, insertions, repeated and swapped lines."""
    text = SHIPPED
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["cut", "insert", "repeat", "swap", "retype"]))
        lines = text.split("\n")
        if op == "cut":
            start = draw(st.integers(0, len(text)))
            text = text[:start] + text[start + draw(st.integers(1, 40)) :]
        elif op == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.text(st.sampled_from(":-[]{}&*!|>'\"#%@` \n\tabc0"), max_size=6)) + text[at:]
        elif op == "repeat":
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif op == "swap":
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            at = draw(st.integers(0, len(text) - 1))
            text = text[:at] + draw(st.characters(codec="utf-8")) + text[at + 1 :]
    return text


@FUZZ
@given(text=mutated())
def test_mutations_of_the_shipped_briefing_are_accepted_or_clearly_refused(scratch: Path, text: str) -> None:
    result = load(scratch, "fuzzed.yml", text)
    assert_clear(result, "fuzzed.yml")


BASE = yaml.safe_load((CASES / "valid.yml").read_text(encoding="utf-8"))
BASE["source"].update(headline="A headline", outlet="An outlet", author="An author")
BASE["claims"][0]["basis"] = "A basis."
BASE["questions"][0]["judgment"] = {"text": "A judgment.", "likelihood": "likely", "confidence": "low"}
TEXT_FIELDS = [
    ("title",), ("source", "headline"), ("source", "outlet"), ("source", "author"), ("bottom_line", "text"),
    ("takeaways", 0, "text"), ("actors", 0, "name"), ("fronts", 0, "name"), ("fronts", 0, "situation"),
    ("stakes", 0, "stake"), ("stakes", 0, "why"), ("questions", 0, "question"), ("questions", 0, "why"),
    ("questions", 0, "indicators", 0), ("questions", 0, "judgment", "text"), ("claims", 0, "claim"), ("claims", 0, "basis"),
]  # fmt: skip


def _set(data: Any, path: tuple[Any, ...], value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


@FUZZ
@given(field=st.sampled_from(TEXT_FIELDS), value=st.text(max_size=120))
def test_any_text_in_any_field_is_refused_clearly_or_shown_escaped(scratch: Path, field: tuple[Any, ...], value: str) -> None:
    data = copy.deepcopy(BASE)
    _set(data, field, value)
    result = load(scratch, "random.yml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert_clear(result, "random.yml")
    if isinstance(result, Invalid):
        return
    value = unicodedata.normalize("NFC", value)  # files are read as NFC
    page = result["briefings/random/index.md"]
    front_matter, body = page.split("\n---\n", 1)
    rendered = markdown.markdown(body, extensions=["toc", "tables", "attr_list"])
    if field == ("title",):
        assert yaml.safe_load(front_matter.removeprefix("---\n"))["title"] == html.escape(" ".join(value.split()))
        return
    for paragraph in paragraphs(value):
        assert str(escape(paragraph)) in rendered, (paragraph, field)
