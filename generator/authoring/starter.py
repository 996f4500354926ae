"""A new briefing site: what `briefing init DIR` writes.

The files are kept in generator/starter/ under plain names (package data leaves out dot
files) and written to their places here: a mkdocs.yml with the plugin, one commented
example briefing on a fictional source, the CI workflow, the pre-commit hook, a README for
authors, the requirements pinning this version, and the JSON Schema for editors. The
example's pin is the seed's SHA-256, computed as `briefing new` computes it.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

from generator.errors import Invalid, Problem
from generator.load.files import file_sha256
from generator.model.schema import json_schema
from generator.versions import package_version

SEED = "seeds/orsa-reservoir.txt"
BRIEFING = "briefings/orsa-reservoir.yml"
#: Each file of a new site, by its path there, with the name it is kept under in generator/starter/.
FILES: dict[str, str] = {
    "mkdocs.yml": "mkdocs.yml",
    "README.md": "README.md",
    "requirements.txt": "requirements.txt",
    ".github/workflows/site.yml": "workflow.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    SEED: "orsa-reservoir.txt",
    BRIEFING: "orsa-reservoir.yml",
    # MkDocs refuses a site without its docs folder; git keeps no empty folder.
    "docs/.gitkeep": "",
}
SCHEMA = "briefing.schema.json"
#: Where the example briefing pins its seed, and the requirements name this version.
PIN, VERSION = "SHA256_OF_THE_SEED", "VERSION"


def init(target: Path) -> list[str]:
    """Write a new site into `target`, which must be empty or not exist; the paths written, relative to it."""
    if os.path.lexists(target):
        if not target.is_dir():
            raise Invalid([Problem(str(target), None, None, "is not a folder; expected a new or empty folder for the site")])
        if any(target.iterdir()):
            raise Invalid([Problem(str(target), None, None, "is not empty; expected a new or empty folder for the site")])
    starter = resources.files("generator").joinpath("starter")
    for path, name in FILES.items():
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(starter.joinpath(name).read_bytes() if name else b"")
    briefing = target / BRIEFING
    pinned = briefing.read_text(encoding="utf-8").replace(PIN, file_sha256(target / SEED))
    briefing.write_text(pinned, encoding="utf-8")
    requirements = target / "requirements.txt"
    requirements.write_text(requirements.read_text(encoding="utf-8").replace(VERSION, package_version()), encoding="utf-8")
    (target / SCHEMA).write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return sorted([*FILES, SCHEMA])
