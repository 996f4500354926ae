"""Authors edit a briefing and `mkdocs serve` shows it rebuilt; a bad edit is reported, not fatal."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import line_of

SITE_ID = "kursk-counteroffensive"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _fetch(url)
        if text in page:
            return page
        time.sleep(0.5)
    pytest.fail(f"{url} did not show {text!r} within {seconds} s")


@pytest.fixture
def served(project: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]  # watching needs livereload on
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_an_edit_is_rebuilt_and_a_bad_edit_reported_without_stopping_serve(
    project: Path, served: tuple[str, subprocess.Popen[str]]
) -> None:
    url, server = served
    page = f"{url}briefings/{SITE_ID}/"
    _wait_for(page, "Russia counterattacks in Kursk as it closes on Pokrovsk")
    path = project / "briefings" / f"{SITE_ID}.yml"
    text = path.read_text(encoding="utf-8")

    path.write_text(
        text.replace("title: Russia counterattacks in Kursk", "title: Edited, Russia counterattacks in Kursk"), encoding="utf-8"
    )
    _wait_for(page, "Edited, Russia counterattacks in Kursk")

    path.write_text(text.replace("claimant: kartapolov", "claimant: kremlin"), encoding="utf-8")
    time.sleep(3)
    assert server.poll() is None, "a bad edit stopped mkdocs serve"
    path.write_text(text, encoding="utf-8")
    _wait_for(page, "<h1>Russia counterattacks in Kursk as it closes on Pokrovsk</h1>")

    server.terminate()
    output, _ = server.communicate(timeout=10)
    at = line_of(text, "    claimant: kartapolov")
    assert f"briefings/{SITE_ID}.yml:{at}:15: claims[0].claimant: 'kremlin' is not defined in actors;" in output
    assert "Traceback" not in output
