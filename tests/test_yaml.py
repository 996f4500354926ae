"""YAML as authors write it: every value YAML cannot make is a problem at its place, never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import Invalid
from generator.load.project import Project
from generator.load.yamlfile import Lines, load_yaml
from generator.pipeline import load

from .conftest import CASES

VALID = (CASES / "valid.yml").read_text(encoding="utf-8")


def test_lines_and_columns_count_only_line_feeds() -> None:
    lines = Lines("ab\u2028c\nd\u0085e\n\nf")
    assert [lines.at(i) for i in (0, 3, 4, 5, 7, 9, 10)] == [(1, 1), (1, 4), (1, 5), (2, 1), (2, 3), (3, 1), (4, 1)]


def test_a_file_yaml_cannot_build_does_not_hide_the_other_files_problems(case_project: Path) -> None:
    (case_project / "briefings" / "a.yml").write_text(VALID.replace("date: 2024-09-13", "date: 2024-02-30"), encoding="utf-8")
    (case_project / "briefings" / "b.yml").write_text(VALID.replace("trend: escalating", "trend: up"), encoding="utf-8")
    (case_project / "briefings" / "c.yml").write_text(
        VALID.replace("why: Ukraine holds part of it.", "why: " + "1" * 5000), encoding="utf-8"
    )
    with pytest.raises(Invalid) as error:
        load(Project(case_project))
    assert [(p.path, p.line, p.column) for p in error.value.problems] == [
        ("briefings/a.yml", 3, 7),
        ("briefings/b.yml", 20, 12),
        ("briefings/c.yml", 25, 10),
    ]


def test_a_problem_reached_through_an_alias_is_reported_at_the_alias() -> None:
    doc = load_yaml("a: &x {k: 1}\nb: [1, *x]\nc:\n  d: *x\n", "f.yml")
    assert doc.position(("b", 1, "k")) == (2, 8)
    assert doc.position(("c", "d", "k")) == (4, 6)
    assert doc.position(("a", "k")) == (1, 11)


def test_many_problems_are_placed_in_linear_time() -> None:
    keys = "".join(f"  k{n}: v\n" for n in range(50_000))
    doc = load_yaml("m:\n" + keys, "f.yml")
    # A scan of the mapping for each key would take minutes; the index takes a moment.
    assert [doc.position(("m", f"k{n}"), key=True) for n in range(0, 50_000, 10_000)] == [
        (2 + n, 3) for n in range(0, 50_000, 10_000)
    ]
    assert all(doc.position(("m", f"k{n}"))[0] == n + 2 for n in range(50_000))


def test_the_shipped_cases_still_load(tmp_path: Path) -> None:
    shutil.copytree(CASES / "series", tmp_path / "series")
    assert [e.id for e in load(Project(tmp_path / "series"))] == ["week-3", "week-2", "week-1"]
