"""Each bad input gets its exact message: one case file per defect, its messages in a golden file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import Invalid
from generator.load.project import Project
from generator.pipeline import load

from .conftest import CASES, check_golden

INVALID = sorted((CASES / "invalid").glob("*.yml"))


def test_the_valid_case_passes(case_project: Path) -> None:
    shutil.copy(CASES / "valid.yml", case_project / "briefings" / "valid.yml")
    [entry] = load(Project(case_project))
    assert entry.id == "valid"
    assert (
        case_project.joinpath("seeds/article.txt")
        .read_text(encoding="utf-8")[entry.spans["ten"].start :]
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
