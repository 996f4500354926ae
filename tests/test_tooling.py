"""What authors' CI and editors rely on: the workflow, the pre-commit hook, the JSON Schema."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .conftest import REPO

SCHEMA = json.loads((REPO / "generator" / "briefing.schema.json").read_text(encoding="utf-8"))


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False)


def test_the_workflow_is_valid_against_the_published_workflow_schema() -> None:
    result = _tool("check_jsonschema", "--builtin-schema", "vendor.github-workflows", ".github/workflows/site.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_checks_builds_tests_and_publishes_main() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = " ".join(step.get("run", "") + step.get("uses", "") for step in workflow["jobs"]["build"]["steps"])
    for needed in (
        "briefing check",
        "mkdocs build --strict",
        ".venv/bin/pytest",
        "apt-get install -y --no-install-recommends chromium",
    ):
        assert needed in steps
    assert workflow[True] == {"push": None, "pull_request": None}  # YAML reads the key `on` as true
    assert workflow["jobs"]["publish"]["if"] == "github.ref == 'refs/heads/main' && github.event_name == 'push'"
    assert workflow["jobs"]["publish"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_the_pre_commit_hook_is_a_valid_manifest_running_briefing_check() -> None:
    result = _tool("pre_commit", "validate-manifest", ".pre-commit-hooks.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["entry"] == "briefing check" and hook["language"] == "python" and hook["pass_filenames"] is False


def _as_editor_sees(value: Any) -> Any:
    """YAML dates are strings to a JSON Schema validator in an editor."""
    if isinstance(value, dict):
        return {k: _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


def test_every_shipped_briefing_validates_against_the_json_schema() -> None:
    briefings = sorted((REPO / "briefings").glob("*.yml"))
    assert briefings
    for path in briefings:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../generator/briefing.schema.json\n"), path
        jsonschema.validate(_as_editor_sees(yaml.safe_load(text)), SCHEMA)


def test_the_json_schema_refuses_what_the_checker_refuses() -> None:
    data = _as_editor_sees(yaml.safe_load((REPO / "tests" / "cases" / "valid.yml").read_text(encoding="utf-8")))
    jsonschema.validate(data, SCHEMA)
    data["fronts"][0]["trnd"] = data["fronts"][0].pop("trend")
    errors = sorted(e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    assert errors == ["'trend' is a required property", "Additional properties are not allowed ('trnd' was unexpected)"]


def test_the_schema_path_named_in_briefings_exists() -> None:
    assert Path(REPO / "briefings" / "../generator/briefing.schema.json").resolve().is_file()


SCHEMAS = [REPO / "generator" / "briefing.schema.json", REPO / "generator" / "export.schema.json"]


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    """The venv's check-jsonschema, as authors' CI runs it; it reads patterns as editors do (ECMA-262)."""
    command = [str(Path(sys.executable).parent / "check-jsonschema"), *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def test_the_shipped_schemas_are_valid_json_schemas_with_ecma_patterns() -> None:
    result = _check_jsonschema("--check-metaschema", *map(str, SCHEMAS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_accepts_every_valid_briefing_and_refuses_a_bad_one() -> None:
    valid = [
        *sorted((REPO / "briefings").glob("*.yml")),
        REPO / "tests" / "cases" / "valid.yml",
        *sorted((REPO / "tests" / "cases" / "series" / "briefings").glob("*.yml")),
    ]
    result = _check_jsonschema("--schemafile", str(SCHEMAS[0]), *map(str, valid))
    assert result.returncode == 0, result.stdout + result.stderr
    bad = _check_jsonschema("--schemafile", str(SCHEMAS[0]), str(REPO / "tests" / "cases" / "invalid" / "unknown-key.yml"))
    assert bad.returncode == 1 and "'trnd' was unexpected" in bad.stdout, bad.stdout + bad.stderr


def test_the_json_schema_takes_event_dates_as_the_checker_does() -> None:
    data = _as_editor_sees(yaml.safe_load((REPO / "tests" / "cases" / "valid.yml").read_text(encoding="utf-8")))
    validator = jsonschema.Draft202012Validator(SCHEMA)
    event = {"id": "retaken", "what": "Villages retaken.", "evidence": ["ten"]}
    for date in (2024, "2024", "2024-08", "2024-08-06"):  # YAML reads a bare year as a number
        assert validator.is_valid({**data, "events": [{**event, "date": date}]}), date
    for date in ("last week", "24-08-06", 24, True):
        assert not validator.is_valid({**data, "events": [{**event, "date": date}]}), date
