"""`briefing check --watch`: a check after every change, loading only what changed."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from generator.watch import stamp

from .conftest import line_of

SITE_ID = "kursk-counteroffensive"


def lines_of(stream: object) -> queue.Queue[str]:
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def next_line(lines: queue.Queue[str], containing: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        if containing in line:
            return line
    raise AssertionError(f"no line with {containing!r} within {seconds} s")


def test_check_watch_reports_each_change_and_goes_on(project: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-c", "from generator.cli import main; main()", "check", "--watch", "--root", str(project)]
    watching = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = lines_of(watching.stdout)
        assert "1 briefing(s) checked, 29 evidence passage(s)" in next_line(lines, "checked")
        briefing = project / "briefings" / f"{SITE_ID}.yml"
        good = briefing.read_text(encoding="utf-8")
        for _ in range(2):  # the same mistake twice: reported twice
            briefing.write_text(good.replace("claimant: kartapolov", "claimant: kremlin"), encoding="utf-8")
            next_line(
                lines,
                f"briefings/{SITE_ID}.yml:{line_of(good, '    claimant: kartapolov')}:15: claims[0].claimant: 'kremlin' is not defined in actors",
            )
            briefing.write_text(good, encoding="utf-8")
            next_line(lines, "no problems")
        assert watching.poll() is None
    finally:
        watching.terminate()
        watching.wait(timeout=10)


def test_a_change_of_size_or_time_is_seen(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("one", encoding="utf-8")
    before = stamp([tmp_path])
    (tmp_path / "a.yml").write_text("three", encoding="utf-8")
    assert stamp([tmp_path]) != before
    (tmp_path / "b.yml").write_text("", encoding="utf-8")
    assert len(stamp([tmp_path, tmp_path / "missing.yml"])) == 2
