"""The schema is the one source of the format: every field says what it means, every limit is named once."""

from __future__ import annotations

from typing import Any

from generator.load import project, yamlfile
from generator.model import limits, schema


def test_every_limit_constant_is_in_the_table() -> None:
    constants = {name: value for name, value in vars(limits).items() if name.isupper() and isinstance(value, int)}
    assert sorted(constants.values()) == sorted(limit.value for limit in limits.LIMITS)


def test_the_loaders_and_the_schema_read_the_limits() -> None:
    assert yamlfile.MAX_DEPTH is limits.MAX_DEPTH
    assert yamlfile.MAX_EXPANDED_NODES is limits.MAX_EXPANDED_NODES
    assert project.MAX_FILE_BYTES is limits.MAX_FILE_BYTES
    definitions = schema.json_schema()["$defs"]

    def max_length(model: str, key: str) -> Any:
        prop = definitions[model]["properties"][key]
        return next(p["maxLength"] for p in [prop, *prop.get("anyOf", [])] if "maxLength" in p)

    assert max_length("Actor", "id") == limits.SLUG_MAX
    assert max_length("Actor", "name") == limits.SHORT_TEXT_MAX
    assert max_length("BottomLine", "text") == limits.BOTTOM_LINE_MAX
    assert max_length("Source", "url") == limits.URL_MAX
    assert max_length("Source", "file") == limits.SEED_PATH_MAX
    assert max_length("Evidence", "exact") == limits.EXACT_MAX
    assert max_length("Evidence", "prefix") == max_length("Evidence", "suffix") == limits.CONTEXT_MAX
