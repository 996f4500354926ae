"""Each bad input gets its exact message: one case file per defect, its messages in a golden file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import Invalid
from generator.load import project
from generator.load.project import Project
from generator.load.validate import validate
from generator.load.yamlfile import YamlDocument, load_yaml
from generator.pipeline import load

from .conftest import CASES, check_golden

INVALID = sorted((CASES / "invalid").glob("*.yml"))


def test_the_valid_case_passes(case_project: Path) -> None:
    shutil.copy(CASES / "valid.yml", case_project / "briefings" / "valid.yml")
    [entry] = load(Project(case_project))
    assert entry.id == "valid"
    assert (
        case_project.joinpath("seeds/article.txt")
        .read_text(encoding="utf-8")[entry.copy_of["ten"].spans["ten"].start :]
        .startswith("A total of about 10")
    )


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_invalid_case_is_reported_exactly(case: Path, case_project: Path, update_goldens: bool) -> None:
    shutil.copy(case, case_project / "briefings" / case.name)
    with pytest.raises(Invalid) as error:
        load(Project(case_project))
    check_golden(case.with_suffix(".expected"), error.value.report() + "\n", update_goldens)


def test_all_problems_of_a_run_are_reported_together(case_project: Path) -> None:
    for name in ("unknown-key", "duplicate-id", "quote-ambiguous"):
        shutil.copy(CASES / "invalid" / f"{name}.yml", case_project / "briefings" / f"{name}.yml")
    with pytest.raises(Invalid) as error:
        load(Project(case_project))
    paths = {p.path for p in error.value.problems}
    assert paths == {"briefings/unknown-key.yml", "briefings/duplicate-id.yml", "briefings/quote-ambiguous.yml"}
    assert len(error.value.problems) == 5


def test_a_briefing_file_name_must_be_an_id(case_project: Path) -> None:
    shutil.copy(CASES / "valid.yml", case_project / "briefings" / "Kursk_Update.yml")
    (case_project / "briefings" / "notes.txt").write_text("draft", encoding="utf-8")
    with pytest.raises(Invalid) as error:
        load(Project(case_project))
    assert [str(p) for p in error.value.problems] == [
        "briefings/Kursk_Update.yml: the file name 'Kursk_Update' is not a briefing id; expected lower-case letters, digits and single hyphens, at most 64 characters, then .yml",
        "briefings/notes.txt: not a briefing file; expected only NAME.yml files in briefings/",
    ]


def _doc(path: Path) -> YamlDocument:
    return load_yaml(path.read_text(encoding="utf-8"), f"briefings/{path.name}")


@pytest.mark.parametrize(
    ("loc", "expected"),
    [
        (
            ("evidence", 1, "exact"),
            ["evidence[1].exact: binary data is not valid here; expected text of at most 5000 characters"],
        ),
        (("title",), ["title: binary data is not valid here; expected text of at most 200 characters"]),
        (
            ("actors", 0, "id"),
            [
                "actors[0].id: binary data is not valid here; expected an id of lower-case letters, digits and single hyphens, such as 'pokrovsk-direction'",
                "stakes[0].party: 'russia' is not defined in actors; expected one of kartapolov",
            ],
        ),
        (
            ("fronts", 0, "evidence", 0),
            ["fronts[0].evidence[0]: binary data is not valid here; expected the id of an entry in evidence"],
        ),
    ],
)
def test_binary_is_never_text(loc: tuple[str | int, ...], expected: list[str]) -> None:
    """YAML refuses !!binary; the models refuse bytes too, where pydantic's lax mode would decode them."""
    doc = _doc(CASES / "valid.yml")
    parent = doc.data
    for step in loc[:-1]:
        parent = parent[step]
    parent[loc[-1]] = b"A total of about 10 settlements have been liberated."
    briefing, problems = validate(doc)
    assert briefing is None
    assert [p.message for p in problems] == expected


def test_an_accepted_briefing_has_a_span_for_every_passage(case_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """However a quote comes to be left out of matching, the briefing is refused, never accepted without its span."""
    shutil.copy(CASES / "valid.yml", case_project / "briefings" / "valid.yml")
    real = project._selectors
    monkeypatch.setattr(project, "_selectors", lambda data, briefing: real(data, briefing)[:-1])
    with pytest.raises(Invalid) as error:
        load(Project(case_project))
    assert error.value.report() == (
        "1 problem found:\nbriefings/valid.yml:46:12: evidence[1].exact: the quote was not matched in seeds/article.txt;"
        " expected the source's exact words"
    )
