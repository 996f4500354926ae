"""Same input, same site: byte for byte, whatever the hash seed, the executor, the listing order and the time."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.load.project import Project
from generator.pages.urls import Urls
from generator.pipeline import build, serial

from .conftest import REPO
from .test_series import SERIES
from .test_site import build_site

#: Builds each project named on the command line and writes its pages, in order, as JSON.
RENDER = """
import json
import sys
from pathlib import Path

from generator.load.project import Project
from generator.pages.urls import Urls
from generator.pipeline import build, processes, serial

if __name__ == "__main__":
    out, executor, *roots = sys.argv[1:]
    run = serial if executor == "serial" else processes(int(executor))
    pages = {root: list(build(Project(Path(root)), Urls(), executor=run).pages.items()) for root in roots}
    Path(out).write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
"""


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


def test_pages_are_byte_identical_whatever_the_hash_seed_and_the_executor(two_briefings: Path, tmp_path: Path) -> None:
    # Two processes, so that str hashes, and with them the order of every set, differ; one
    # renders in a pool of workers, which start with their parent's seed.
    script = tmp_path / "render.py"
    script.write_text(RENDER, encoding="utf-8")
    roots = [str(SERIES), str(two_briefings)]
    runs = {}
    for seed, executor in (("1", "serial"), ("2", "2")):
        out = tmp_path / f"pages-{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        runs[out] = subprocess.Popen([sys.executable, str(script), str(out), executor, *roots], env=env, stderr=subprocess.PIPE)
    for run in runs.values():
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr.decode("utf-8", "replace")
    first, second = (json.loads(out.read_text(encoding="utf-8")) for out in runs)
    for root in roots:
        assert len(first[root]) > 10
        assert [src for src, _ in first[root]] == [src for src, _ in second[root]], root
        assert [src for (src, one), (_, two) in zip(first[root], second[root], strict=True) if one != two] == [], root


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
