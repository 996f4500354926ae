"""The folders of generated pages set aside while MkDocs builds, and put back after
(generator/held.py): what the build wrote wins, what it no longer makes goes, and a
folder that cannot be put back whole says so rather than losing a page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.held import PREFIX, HeldFolders


def files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def write(root: Path, tree: dict[str, str]) -> None:
    for name, text in tree.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def empty_site(site: Path) -> None:
    """What MkDocs does before a build: all but the hidden entries go."""
    for entry in site.iterdir():
        if not entry.name.startswith("."):
            shutil.rmtree(entry)


def first_build(site: Path) -> HeldFolders:
    held = HeldFolders()
    write(site, {"briefings/a/index.html": "a1", "briefings/b/index.html": "b1", "briefings/gone/index.html": "g1"})
    write(site, {"claims/index.html": "c1"})
    for page in ("a", "b", "gone"):
        held.written(f"briefings/{page}.md", "k1", str(site / "briefings" / page / "index.html"))
    return held


def test_a_folder_keeps_the_pages_put_takes_what_the_build_wrote_and_drops_the_rest(tmp_path: Path) -> None:
    site = tmp_path / "site"
    held = first_build(site)
    held.hold(str(site))
    assert sorted(p.name for p in site.iterdir()) == [PREFIX + "briefings", "claims"]
    empty_site(site)
    # This build: a is as it was, b changed (MkDocs writes it), gone went; MkDocs writes a new page and a picture.
    assert held.put("briefings/a.md", "k1", str(site / "briefings" / "a" / "index.html"))
    assert not held.put("briefings/b.md", "k2", str(site / "briefings" / "b" / "index.html"))  # another Markdown
    write(site, {"briefings/b/index.html": "b2", "briefings/new/index.html": "n2", "briefings/new/map.svg": "m2"})
    write(site, {"claims/index.html": "c2"})
    assert held.restore()
    assert files(site) == {
        "briefings/a/index.html": "a1",
        "briefings/b/index.html": "b2",
        "briefings/new/index.html": "n2",
        "briefings/new/map.svg": "m2",
        "claims/index.html": "c2",
    }
    assert not (site / "briefings" / "gone").exists()  # a clean build makes no empty folder


def test_a_page_whose_file_was_not_written_as_a_build_writes_it_is_not_kept(tmp_path: Path) -> None:
    site = tmp_path / "site"
    held = first_build(site)
    held.last.pop("briefings/a.md")  # last written with the problems shown on it
    held.hold(str(site))
    assert not held.put("briefings/a.md", "k1", str(site / "briefings" / "a" / "index.html"))
    assert not held.put("briefings/b.md", "k1", str(site / "elsewhere" / "b" / "index.html"))  # another address


def test_where_a_file_of_the_build_stands_on_a_kept_folder_nothing_is_moved_and_it_says_so(tmp_path: Path) -> None:
    site = tmp_path / "site"
    held = first_build(site)
    held.hold(str(site))
    empty_site(site)
    assert held.put("briefings/b.md", "k1", str(site / "briefings" / "b" / "index.html"))
    write(site, {"briefings/a": "a file where a folder was"})
    assert not held.restore()
    # What the build wrote is as it wrote it; the caller writes the pages it kept.
    assert files(site) == {"briefings/a": "a file where a folder was"}
    assert held.last == {}  # and the next build sets nothing aside
    held.hold(str(site))
    assert held.hidden == {}


def test_what_a_build_stopped_half_way_set_aside_goes_with_the_next(tmp_path: Path) -> None:
    site = tmp_path / "site"
    held = first_build(site)
    held.hold(str(site))  # and the build fails: nothing is put back
    empty_site(site)
    write(site, {"claims/index.html": "c2"})
    held.hold(str(site))
    assert files(site) == {"claims/index.html": "c2"}


def test_a_disabled_hold_sets_nothing_aside(tmp_path: Path) -> None:
    site = tmp_path / "site"
    held = first_build(site)
    held.enabled = False
    held.hold(str(site))
    assert held.hidden == {} and not held.put("briefings/a.md", "k1", str(site / "briefings" / "a" / "index.html"))
    assert held.restore()
    assert "briefings/a/index.html" in files(site)


def test_a_page_recorded_but_never_written_is_not_kept(tmp_path: Path) -> None:
    """MkDocs writes a page after `on_post_page`, where it is recorded: a write that failed
    (or an empty page, which MkDocs does not write) leaves no file to keep."""
    site = tmp_path / "site"
    held = first_build(site)
    (site / "briefings" / "a" / "index.html").unlink()
    held.hold(str(site))
    assert not held.put("briefings/a.md", "k1", str(site / "briefings" / "a" / "index.html"))


def test_a_folder_the_build_no_longer_makes_anything_in_goes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    held = first_build(site)
    held.hold(str(site))
    empty_site(site)
    write(site, {"claims/index.html": "c2"})
    assert held.restore()
    assert sorted(p.name for p in site.iterdir()) == ["claims"]


@pytest.mark.parametrize("refused", ["_prune", "os.rename"])
def test_where_a_folder_cannot_be_put_back_what_the_build_wrote_stays_where_it_wrote_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: str
) -> None:
    site = tmp_path / "site"
    held = first_build(site)
    held.hold(str(site))
    empty_site(site)
    assert held.put("briefings/a.md", "k1", str(site / "briefings" / "a" / "index.html"))
    write(site, {"briefings/b/index.html": "b2", "briefings/new/index.html": "n2"})

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(f"generator.held.{refused}", refuse)  # after the build's files were moved
    assert not held.restore()
    monkeypatch.undo()
    assert files(site) == {"briefings/b/index.html": "b2", "briefings/new/index.html": "n2"}  # the caller writes a


def test_nothing_the_build_wrote_goes_through_a_link_in_a_folder_set_aside(tmp_path: Path) -> None:
    site = tmp_path / "site"
    held = first_build(site)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(site / "briefings" / "b")
    (site / "briefings" / "b").symlink_to(outside)
    held.hold(str(site))
    empty_site(site)
    write(site, {"briefings/b/index.html": "b2"})
    assert not held.restore()
    assert list(outside.iterdir()) == [] and files(site) == {"briefings/b/index.html": "b2"}
