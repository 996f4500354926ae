"""Property-based: mutated and random input never escapes as an exception, and text stays inert."""

from __future__ import annotations

import copy
import html
import re
import shutil
import tempfile
import typing
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from generator.errors import Invalid
from generator.load.project import Project
from generator.model import schema
from generator.model.reflect import field_at_model, unwrap_field
from generator.pages.templating import paragraphs
from generator.pages.urls import Urls
from generator.pipeline import build, serial
from generator.pipeline import load as load_project

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


#: In a key path of the schema: any item of a list.
ITEM = "[]"


def _is_plain_text(field: FieldInfo, is_list: bool) -> bool:
    """Whether `field` holds plain text (or a list of it): a value holding the placeholder is refused as such.

    Asking the field itself, rather than looking for the validators that make `Text` and
    `ShortText`, finds a text field however its type is spelled.
    """
    annotation = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
    probe = f"{schema.PLACEHOLDER} a plain text"
    try:
        TypeAdapter(annotation).validate_python([probe] if is_list else probe)
    except ValidationError as error:
        return any(schema.PLACEHOLDER in str(e["msg"]) for e in error.errors())
    return False


def text_fields(model: type[BaseModel] = schema.Briefing, at: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The key path of every plain text field of a briefing, ITEM standing for any item of a list."""
    for name, field in model.model_fields.items():
        annotation, _ = unwrap_field(field)
        is_list = typing.get_origin(annotation) is list
        here = (*at, name, ITEM) if is_list else (*at, name)
        inner = field_at_model(model, name)
        if inner is not None:
            yield from text_fields(inner, here)
        elif _is_plain_text(field, is_list):
            yield here


TEXT_FIELDS = list(text_fields())


def texts(value: Any, path: tuple[str, ...], at: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text at `path` in a loaded briefing, with its key path."""
    if not path:
        yield at, value
    elif path[0] == ITEM:
        for index, item in enumerate(value):
            yield from texts(item, path[1:], (*at, index))
    elif getattr(value, path[0]) is not None:
        yield from texts(getattr(value, path[0]), path[1:], (*at, path[0]))


class Shown:
    """What the pages of a one-briefing project show, each rendered as HTML once, when first needed."""

    def __init__(self, pages: dict[str, str], briefing: str) -> None:
        self.pages = pages
        self.page = f"briefings/{briefing}/index.md"
        self._bodies: dict[str, tuple[str, str]] = {}

    def body(self, src: str) -> tuple[str, str]:
        """Page `src` below its front matter, as Markdown and as HTML, without its JSON-LD blocks
        (which hold every text, as JSON)."""
        if src not in self._bodies:
            body = self.pages[src].split("\n---\n", 1)[1]
            body = re.sub(r'<script type="application/ld\+json">.*?</script>', "", body, flags=re.DOTALL)
            self._bodies[src] = body, markdown.markdown(body, extensions=["toc", "tables", "attr_list"])
        return self._bodies[src]

    def title(self) -> str:
        """The briefing page's title, as its front matter gives it to the theme's <h1> and <title>."""
        return str(yaml.safe_load(self.pages[self.page].split("\n---\n", 1)[0].removeprefix("---\n"))["title"])

    def assert_escaped(self, path: tuple[str | int, ...], text: str) -> None:
        """`text`, at `path` in the briefing, is shown as text, escaped, on the briefing's page; or,
        if that page does not show it at all, on another page (an actor that no statement names
        is on the actors page only)."""
        if path == ("title",):
            assert self.title() == html.escape(" ".join(text.split())), text
            return
        for paragraph in paragraphs(text):
            escaped = str(escape(paragraph))
            markdown_body, html_body = self.body(self.page)
            if escaped in html_body:
                continue
            assert paragraph not in markdown_body, ("shown unescaped", paragraph, path)
            others = [src for src in sorted(self.pages) if src.endswith(".md") and src != self.page]
            assert any(escaped in self.body(src)[1] for src in others), ("not shown", paragraph, path)


def put(root: Path, name: str, text: str) -> None:
    """Make `text` the one briefing of the project at `root`."""
    for old in (root / "briefings").iterdir():
        old.unlink()
    (root / "briefings" / name).write_text(text, encoding="utf-8")


def load(root: Path, name: str, text: str) -> dict[str, str] | Invalid:
    """The pages of a project of one briefing, or the problems found in it."""
    put(root, name, text)
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
    if isinstance(result, Invalid):
        return
    [entry] = load_project(Project(scratch))
    shown = Shown(result, "fuzzed")
    for field in TEXT_FIELDS:
        for path, value in texts(entry.briefing, field):
            shown.assert_escaped(path, value)


BASE = yaml.safe_load((CASES / "valid.yml").read_text(encoding="utf-8"))
BASE["source"].update(headline="A headline", outlet="An outlet", author="An author")
BASE["claims"][0]["basis"] = "A basis."
# The first item of each list holds every optional field, so that each text field has a place.
BASE["questions"][0].update(
    status="answered",
    answer={"text": "An answer.", "evidence": ["ten"]},
    judgment={"text": "A judgment.", "likelihood": "likely", "confidence": "low"},
)
BASE["events"] = [{"id": "retaken", "date": "2024-09", "what": "Settlements retaken.", "where": "Kursk", "evidence": ["ten"]}]
BASE["places"] = [{"id": "kursk-region", "name": "Kursk region", "kind": "region", "lat": 51.6, "lon": 36.1}]
BASE["measures"] = [{"id": "settlements", "name": "Settlements retaken", "unit": "settlements"}]
BASE["claims"][0].update(places=["kursk-region"], figures=[{"measure": "settlements", "value": 10}])
# The texts of a `sources` list have their place in the same briefing, its source listed.
LISTED = {key: value for key, value in BASE.items() if key != "source"}
LISTED["sources"] = [{"id": "article", **BASE["source"]}]


def base(field: tuple[str, ...]) -> Any:
    """A copy of the briefing that has a place for `field`."""
    return copy.deepcopy(LISTED if field[0] == "sources" else BASE)


def _set(data: Any, path: tuple[str, ...], value: str) -> None:
    """Set the text at `path` in `data`, in the first item of each list."""
    steps = [0 if step == ITEM else step for step in path]
    for step in steps[:-1]:
        data = data[step]
    data[steps[-1]] = value


def test_every_text_field_of_the_schema_is_fuzzed(scratch: Path) -> None:
    # Derived from the models: a new text field is fuzzed without a change here.
    assert {("title",), ("bottom_line", "text"), ("source", "author"), ("questions", ITEM, "indicators", ITEM)} <= set(
        TEXT_FIELDS
    )
    assert ("evidence", ITEM, "exact") not in TEXT_FIELDS  # a quote of the source, not text of the briefing
    assert not any(field[-1] in ("id", "file", "url", "date", "follows", "claimant", "party") for field in TEXT_FIELDS)
    # ... and each one has a place in BASE to put a text.
    for field in TEXT_FIELDS:
        data = base(field)
        _set(data, field, "A text.")
        put(scratch, "base.yml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        [entry] = load_project(Project(scratch))
        assert [value for _, value in texts(entry.briefing, field)][:1] == ["A text."], field


@FUZZ
@given(field=st.sampled_from(TEXT_FIELDS), value=st.text(max_size=120))
def test_any_text_in_any_field_is_refused_clearly_or_shown_escaped(scratch: Path, field: tuple[str, ...], value: str) -> None:
    data = base(field)
    _set(data, field, value)
    result = load(scratch, "random.yml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert_clear(result, "random.yml")
    if isinstance(result, Invalid):
        return
    value = unicodedata.normalize("NFC", value)  # files are read as NFC
    Shown(result, "random").assert_escaped(tuple(0 if step == ITEM else step for step in field), value)
