"""Our overrides of Material's templates stay what they claim to be: Material's, plus one fix."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import material

OVERRIDES = Path(str(resources.files("generator").joinpath("overrides")))
MATERIAL = Path(material.__file__).parent / "templates"


def test_the_search_partial_is_materials_with_an_accessible_name() -> None:
    ours = (OVERRIDES / "partials" / "search.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    header, body = ours.split("-#}\n", 1)
    assert "aria-dialog-name" in header
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    assert body == theirs.replace(dialog, dialog[:-1] + " aria-label=\"{{ lang.t('search') }}\">"), (
        "Material's partials/search.html changed: copy it again and re-apply the aria-label"
    )


def test_every_override_is_checked_here() -> None:
    assert sorted(p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*") if p.is_file()) == ["partials/search.html"]
