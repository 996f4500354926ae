"""The `briefing` command, driven through click's CliRunner."""

from __future__ import annotations

import builtins
import errno
import os
import re
import shutil
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.model import schema

from .conftest import CASES, REPO


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_every_command_has_help_ending_in_an_example() -> None:
    for name, command in cli.commands.items():
        assert command.help, name
        assert "Example: briefing " + name in command.help
        assert run(name, "--help").exit_code == 0


def test_check_passes_on_the_shipped_briefing() -> None:
    result = run("check", "--root", str(REPO))
    assert result.exit_code == 0
    assert result.output == "1 briefing(s) checked, 29 evidence passage(s) found in their sources: no problems\n"


def test_check_prints_every_problem_and_exits_1(case_project: Path) -> None:
    shutil.copy(CASES.parent / "hostile" / "duplicate-key.yml", case_project / "briefings")
    shutil.copy(CASES / "invalid" / "missing-source.yml", case_project / "briefings")
    result = run("check", "--root", str(case_project))
    assert result.exit_code == 1
    assert result.stderr == (
        "2 problems found:\n"
        "briefings/duplicate-key.yml:21:5: duplicate key 'trend' (first at line 20); expected each key once in a mapping\n"
        "briefings/missing-source.yml:5:9: source file 'seeds/missing-article.txt' does not exist; expected a text file in seeds/\n"
    )
    assert "Traceback" not in result.output


def test_check_without_a_briefings_folder(tmp_path: Path) -> None:
    result = run("check", "--root", str(tmp_path))
    assert result.exit_code == 1
    assert (
        result.stderr == "1 problem found:\nbriefings: the briefings folder does not exist; expected a folder of NAME.yml files\n"
    )


def test_new_writes_a_skeleton_that_checks_once_filled(case_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case_project)
    result = run("new", "seeds/article.txt")
    assert result.exit_code == 0, result.output
    path = case_project / "briefings" / "article.yml"
    assert result.output == f"wrote {path}\n"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../generator/briefing.schema.json\n")
    for section in schema.Briefing.model_fields:  # each one live, or commented out when optional
        if section != "source":  # the shorthand of `sources`, which a new briefing is written in
            assert re.search(rf"^(# )?{section}:", text, re.MULTILINE), section
    assert not re.search(r"^(# )?source:", text, re.MULTILINE)

    # As written it fails, on its placeholders alone.
    unfilled = run("check")
    assert unfilled.exit_code == 1
    assert all("placeholder" in line for line in unfilled.stderr.splitlines()[1:])
    placeholders = sum(line.count('"TODO:') for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert len(unfilled.stderr.splitlines()) == 1 + placeholders

    # Filled in, with the optional keys left commented out, it passes.
    path.write_text(re.sub(r'"TODO: ([^"]*)"', r'"Filled in: \1."', text), encoding="utf-8")
    filled = run("check")
    assert filled.exit_code == 0, filled.stderr


def test_new_refuses_to_overwrite(case_project: Path) -> None:
    (case_project / "briefings" / "article.yml").write_text("mine\n", encoding="utf-8")
    result = run("new", "article.txt", "--root", str(case_project))
    assert result.exit_code == 1
    assert (
        result.stderr
        == "1 problem found:\nbriefings/article.yml: already exists; expected a new briefing id (choose one with --id)\n"
    )
    assert (case_project / "briefings" / "article.yml").read_text(encoding="utf-8") == "mine\n"


def test_new_takes_an_id(case_project: Path) -> None:
    result = run("new", "article.txt", "--id", "kursk-2024-09", "--root", str(case_project))
    assert result.exit_code == 0
    assert (case_project / "briefings" / "kursk-2024-09.yml").is_file()


def test_new_refuses_a_seed_outside_seeds(case_project: Path) -> None:
    (case_project / "elsewhere.txt").write_text("Text.\n", encoding="utf-8")
    result = run("new", "../elsewhere.txt", "--root", str(case_project))
    assert result.exit_code == 1
    assert (
        result.stderr
        == "1 problem found:\n../elsewhere.txt: no such source file in seeds/; expected a file there, such as seeds/article.txt\n"
    )
    assert list((case_project / "briefings").iterdir()) == []


def test_new_refuses_a_bad_id(case_project: Path) -> None:
    result = run("new", "article.txt", "--id", "Kursk!", "--root", str(case_project))
    assert result.exit_code == 1
    assert (
        result.stderr == "1 problem found:\nKursk!: not a briefing id; expected lower-case letters, digits and single hyphens\n"
    )


def test_the_committed_json_schema_is_the_generated_one() -> None:
    result = run("schema")
    assert result.exit_code == 0
    committed = (REPO / "generator" / "briefing.schema.json").read_text(encoding="utf-8")
    assert result.output == committed, (
        "generator/briefing.schema.json is stale: run briefing schema > generator/briefing.schema.json"
    )
    assert '"enumDescriptions"' in committed


def test_the_committed_export_schema_is_the_generated_one() -> None:
    result = run("schema", "--export")
    assert result.exit_code == 0
    assert result.output == (REPO / "generator" / "export.schema.json").read_text(encoding="utf-8"), (
        "generator/export.schema.json is stale: run briefing schema --export > generator/export.schema.json"
    )


def test_an_unexpected_failure_is_one_line_unless_debug_is_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("generator.load.project.Project.briefing_files", broken)
    result = CliRunner().invoke(cli, ["check", "--root", str(REPO)])
    assert result.exit_code == 2
    assert result.stderr == "error: RuntimeError: disk on fire (run with --debug for a traceback)\n"
    debug = CliRunner().invoke(cli, ["--debug", "check", "--root", str(REPO)])
    assert isinstance(debug.exception, RuntimeError)


def test_new_reports_a_source_it_cannot_read(case_project: Path) -> None:
    (case_project / "seeds" / "latin1.txt").write_bytes("Contre-offensive à Koursk.\n".encode("latin-1"))
    result = run("new", "latin1.txt", "--root", str(case_project))
    assert result.exit_code == 1
    assert result.stderr == "1 problem found:\nseeds/latin1.txt: not UTF-8: byte 0xe0 at byte offset 17; expected UTF-8 text\n"
    assert list((case_project / "briefings").iterdir()) == []


def test_new_refuses_an_empty_source(case_project: Path) -> None:
    (case_project / "seeds" / "blank.txt").write_text("\n  \n", encoding="utf-8")
    result = run("new", "blank.txt", "--root", str(case_project))
    assert result.exit_code == 1
    assert result.stderr == "1 problem found:\nseeds/blank.txt: the source is empty; expected the text to annotate\n"
    assert list((case_project / "briefings").iterdir()) == []


@pytest.mark.parametrize(
    ("name", "shown", "such"),
    [
        ("Kursk article.txt", "seeds/Kursk article.txt", ", such as 'Kursk-article.txt'"),
        ("Курск.txt", "seeds/Курск.txt", ""),
        ("notes/day one.txt", "seeds/notes/day one.txt", ", such as 'notes/day-one.txt'"),
        ("odd\u202etxt.exe", "seeds/odd\\u202etxt.exe", ", such as 'odd-txt.exe'"),
    ],
)
def test_new_refuses_a_seed_name_no_briefing_can_cite(case_project: Path, name: str, shown: str, such: str) -> None:
    """A name the source path pattern refuses would give a briefing that can never pass: said at once."""
    (case_project / "seeds" / name).parent.mkdir(parents=True, exist_ok=True)
    (case_project / "seeds" / name).write_text("A sentence.\n", encoding="utf-8")
    result = run("new", name, "--root", str(case_project))
    assert result.exit_code == 1
    assert result.stderr == (
        f"1 problem found:\n{shown}: the source path {name!r} cannot be cited by a briefing; expected a path of at most "
        "255 characters, of letters a-z and A-Z, digits, '.', '_' and '-', each part of the path starting with a letter "
        f"or digit: rename the file{such}\n"
    )
    assert list((case_project / "briefings").iterdir()) == []


def test_new_refuses_a_seed_that_is_a_folder(case_project: Path) -> None:
    (case_project / "seeds" / "drafts").mkdir()
    result = run("new", "drafts", "--root", str(case_project))
    assert result.exit_code == 1
    assert result.stderr == "1 problem found:\ndrafts: is a folder; expected a text file in seeds/, such as seeds/article.txt\n"


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_new_never_writes_through_a_link(case_project: Path, tmp_path: Path) -> None:
    """A link at the target, to nothing or to a file elsewhere, is an existing file: never followed."""
    briefings = case_project / "briefings"
    outside = tmp_path / "outside.yml"
    (briefings / "article.yml").symlink_to(outside)  # to nothing, yet
    result = run("new", "article.txt", "--root", str(case_project))
    assert result.exit_code == 1
    assert result.stderr == (
        "1 problem found:\nbriefings/article.yml: already exists (as a link to nothing); "
        "expected a new briefing id (choose one with --id)\n"
    )
    assert not outside.exists()
    outside.write_text("theirs\n", encoding="utf-8")
    result = run("new", "article.txt", "--root", str(case_project))
    assert result.stderr.endswith("briefings/article.yml: already exists; expected a new briefing id (choose one with --id)\n")
    assert outside.read_text(encoding="utf-8") == "theirs\n"


def test_new_refuses_a_target_that_is_a_folder(case_project: Path) -> None:
    (case_project / "briefings" / "article.yml").mkdir()
    result = run("new", "article.txt", "--root", str(case_project))
    assert result.exit_code == 1
    assert result.stderr.endswith("briefings/article.yml: already exists; expected a new briefing id (choose one with --id)\n")


def test_new_with_a_briefings_path_that_is_a_file(case_project: Path) -> None:
    (case_project / "briefings").rmdir()
    (case_project / "briefings").write_text("mine\n", encoding="utf-8")
    result = run("new", "article.txt", "--root", str(case_project))
    assert result.exit_code == 1
    assert (
        result.stderr
        == "1 problem found:\nbriefings: the briefings folder is not a folder; expected a folder of NAME.yml files\n"
    )
    assert (case_project / "briefings").read_text(encoding="utf-8") == "mine\n"


def test_new_where_the_briefing_cannot_be_written(case_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = builtins.open

    def refusing(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "x" in mode:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing)
    result = run("new", "article.txt", "--root", str(case_project))
    assert result.exit_code == 1
    assert result.stderr == (
        "1 problem found:\nbriefings/article.yml: cannot be written (Permission denied); "
        "expected a folder briefings/ where new files can be written\n"
    )


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_new_with_a_seeds_folder_that_is_a_loop_of_links(tmp_path: Path) -> None:
    (tmp_path / "seeds").symlink_to("seeds")
    result = run("new", "article.txt", "--root", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        "1 problem found:\narticle.txt: cannot be followed to a file in seeds/; expected a file there, such as seeds/article.txt\n"
    )
