"""Versions: the package says its own, a briefing may name its format, and one written for a
newer format than the package reads gets one message at that key, not one a key it added."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.versions import FORMAT, package_version

from .conftest import REPO

SHIPPED = "kursk-counteroffensive.yml"


def check(project: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--root", str(project)])
    return result.exit_code, result.output


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    for name in ("briefings", "seeds"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


def with_format(desk: Path, line: str, extra: str = "") -> Path:
    """The shipped briefing with `line` after its first line (the schema comment), and `extra` at its end."""
    path = desk / "briefings" / SHIPPED
    first, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(f"{first}\n{line}\n{rest}{extra}", encoding="utf-8")
    return path


def test_briefing_version_names_the_package_version_and_the_format_it_reads() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"briefing {package_version()} (reads briefing format up to {FORMAT})\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", package_version())


@pytest.mark.parametrize("written_for", range(1, FORMAT + 1))
def test_a_briefing_may_name_any_format_the_package_reads(desk: Path, written_for: int) -> None:
    with_format(desk, f"format: {written_for}")
    assert check(desk)[0] == 0


def test_a_briefing_of_a_newer_format_gets_one_message_at_its_format_key(desk: Path) -> None:
    # Keys a newer format might add, at the top and deeper down: none of them is reported.
    with_format(desk, f"format: {FORMAT + 1}", extra="\nmaps:\n  - id: front-line\n")
    path = desk / "briefings" / SHIPPED
    text = path.read_text(encoding="utf-8").replace("  - id: kursk\n", "  - id: kursk\n    colour: red\n", 1)
    path.write_text(text, encoding="utf-8")
    code, output = check(desk)
    assert code == 1
    assert output == (
        "1 problem found:\n"
        f"briefings/{SHIPPED}:2:1: this briefing is written for format {FORMAT + 1}; "
        f"this package reads up to {FORMAT}; upgrade the package\n"
    )


@pytest.mark.parametrize(
    ("value", "read_as"),
    [("0", "the number 0"), ('"2"', "'2'"), ("2.0", "the number 2.0"), (str(FORMAT + 1), None)],
)
def test_a_format_that_is_not_a_format_version_is_the_schemas_to_refuse(desk: Path, value: str, read_as: str | None) -> None:
    with_format(desk, f"format: {value}")
    code, output = check(desk)
    assert code == 1
    if read_as is None:  # a newer format: the one message, before the schema
        assert "upgrade the package" in output
        return
    assert output == (
        f"1 problem found:\nbriefings/{SHIPPED}:2:9: format: {read_as} is not valid here; expected a whole number from 1 to {FORMAT}\n"
    )


def test_the_changelog_records_the_format_the_package_reads() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    formats = [int(n) for n in re.findall(r"^##+ Briefing format (\d+)", changelog, re.MULTILINE)]
    assert formats == list(range(FORMAT, 0, -1))
