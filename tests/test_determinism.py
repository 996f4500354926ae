"""Same input, same site: byte for byte, whatever the listing order and the time."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from generator.load.project import Project
from generator.pages.urls import Urls
from generator.pipeline import build, serial

from .test_site import build_site


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def two_briefings(project: Path) -> Path:
    # A second briefing of the same date: only the ids decide their order.
    text = (project / "briefings" / "kursk-counteroffensive.yml").read_text(encoding="utf-8")
    (project / "briefings" / "kursk-again.yml").write_text(
        text.replace("Russia counterattacks", "Again, Russia counterattacks"), encoding="utf-8"
    )
    return project


def test_listing_order_does_not_change_the_pages(two_briefings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forward = build(Project(two_briefings), Urls(), executor=serial).pages
    listing = Path.iterdir
    monkeypatch.setattr(Path, "iterdir", lambda self: iter(sorted(listing(self), reverse=True)))
    backward = build(Project(two_briefings), Urls(), executor=serial).pages
    assert list(forward) == list(backward)
    assert forward == backward


def test_two_builds_are_byte_identical_and_stamped_with_source_date_epoch(
    two_briefings: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1726185600")  # 2024-09-13 00:00 UTC
    config = two_briefings / "mkdocs.yml"  # a published site names its address; the sitemap needs it
    config.write_text("site_url: https://briefings.example/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    build_site(two_briefings, tmp_path / "one")
    shutil.copytree(two_briefings, tmp_path / "copy")  # another place, later
    build_site(tmp_path / "copy", tmp_path / "two")
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert b"<lastmod>2024-09-13</lastmod>" in one["sitemap.xml"]
    with gzip.open(tmp_path / "one" / "sitemap.xml.gz") as stamped:
        assert stamped.read() == one["sitemap.xml"]
    assert int.from_bytes(one["sitemap.xml.gz"][4:8], "little") == 1726185600
