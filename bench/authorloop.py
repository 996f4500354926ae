"""The author's loop: how long `mkdocs serve` takes to start, and from an edit to its page.

    python bench/authorloop.py --sizes 400 1000 --edits 5

For each N, a synthetic corpus (synth.py) is served on 127.0.0.1; the cold start is
the time from launching `mkdocs serve` to the first answer of a briefing page. Then one
briefing's headline is edited on disk, `--edits` times, and each time the page is
fetched until it shows the new headline: edit to visible. Prints medians and the ratio
to the cold start, and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import synthesise  # noqa: E402


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _until(url: str, text: str, limit: float) -> float:
    """Seconds until `url` shows `text`, polling every 20 ms."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in _fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {text!r} within {limit} s")


def measure(n: int, edits: int, work: Path) -> dict[str, Any]:
    root = work / f"n{n}"
    if not (root / ".complete").exists():
        synthesise(root, n)
        (root / ".complete").write_text("", encoding="utf-8")
    briefing = root / "briefings" / "report-00005.yml"
    original = briefing.read_text(encoding="utf-8")
    title = next(line for line in original.splitlines() if line.startswith("title: "))
    port = _port()
    url = f"http://127.0.0.1:{port}/briefings/report-00005/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        cold = _until(url, "report-00005", 600)
        latencies = []
        for k in range(edits):
            marker = f"Edited {k} {time.time_ns()}"
            briefing.write_text(original.replace(title, f"title: {marker}", 1), encoding="utf-8")
            latencies.append(_until(url, marker, 600))
    finally:
        briefing.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    edit = statistics.median(latencies)
    return {"n": n, "cold_start_s": round(cold, 2), "edit_to_visible_s": round(edit, 2), "ratio": round(edit / cold, 3),
            "edits": [round(x, 2) for x in latencies]}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 1000])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench"))
    parser.add_argument("--json", type=Path, default=HERE / "authorloop.json")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        results.append(measure(n, args.edits, args.work))
        print(json.dumps(results[-1]), flush=True)
    args.json.write_text(json.dumps({"results": results}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
