"""Measure the generator against plain MkDocs at several archive sizes.

    python bench/run.py                       # N = 250, 1000, 4000; 3 runs each
    python bench/run.py --sizes 250 --runs 1  # a quick look

For each N: validation and rendering alone (as the plugin runs them, with worker processes
from 200 briefings), a full `mkdocs build` with the plugin, and the baseline: a plain
`mkdocs build` of the same Markdown pages written to disk, plugin off. Builds run in child processes, each timed from start to exit, with
its peak RSS. Then, in Chromium, what a reader downloads before the first result of a
search (bench/searchcost.py). Prints a table and writes JSON (bench/results.json by default).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from searchcost import bytes_before_first_result  # noqa: E402
from synth import synthesise  # noqa: E402

from generator.load.project import Project  # noqa: E402
from generator.pages.urls import Urls  # noqa: E402
from generator.pipeline import build  # noqa: E402
from generator.standalone import render  # noqa: E402

BUILD = """
import sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
start = time.perf_counter()
config = load_config(sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` runs it
try:
    build(config)
finally:
    config.plugins.on_shutdown()
took = time.perf_counter() - start
# VmHWM: this process's own peak, from a fresh start at exec (ru_maxrss can carry the
# parent's peak across fork and exec).
print(took, next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")))
"""


def _descendants(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            for child in Path(f"/proc/{pid}/task/{task}/children").read_text().split():
                found += [int(child), *_descendants(int(child))]
    except OSError:
        pass  # it has ended
    return found


def _peak_kb(pid: int) -> tuple[str, int, int] | None:
    """What a process is (`pagefind` or `workers`), its peak RSS so far and its RSS now, in KB."""
    try:
        exe = os.path.basename(os.readlink(f"/proc/{pid}/exe"))
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith(("VmHWM:", "VmRSS:"))}
    return ("pagefind" if exe.startswith("pagefind") else "workers"), kb.get("VmHWM", 0), kb.get("VmRSS", 0)


def timed_build(config: Path, site: Path) -> tuple[float, int, int, int, int]:
    """Wall time of a child process that builds the site; its peak RSS, the largest of its
    worker processes' (the pool that loads and renders briefings, the children that build
    pages) and Pagefind's, and the most all of them held at once, in bytes. The others'
    peaks are read from /proc every 0.2 s while the build runs (VmHWM, so only a rise in a
    process's last 0.2 s escapes); the most held at once is the largest sum of their RSS
    at those moments, with the build's own peak as its floor."""
    if site.exists():
        shutil.rmtree(site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1726185600"}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", BUILD, str(config), str(site)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peaks = {"workers": 0, "pagefind": 0}
    together = 0
    while child.poll() is None:
        now = 0
        for pid in [child.pid, *_descendants(child.pid)]:
            seen = _peak_kb(pid)
            if seen is not None:
                now += seen[2]
                if pid != child.pid:
                    peaks[seen[0]] = max(peaks[seen[0]], seen[1])
        together = max(together, now)
        time.sleep(0.2)
    out, err = child.communicate()
    wall = time.perf_counter() - start
    if child.returncode != 0:
        raise RuntimeError(f"the build of {config} failed: {err.strip()}")
    _, rss_kb = out.split()
    together = max(together, int(rss_kb))
    return wall, int(rss_kb) * 1024, peaks["workers"] * 1024, peaks["pagefind"] * 1024, together * 1024


def plain_project(root: Path) -> Path:
    """The same site as a plain project (`briefing render`), built by MkDocs with the plugin off."""
    plain = root.parent / f"{root.name}-plain"
    if plain.exists():
        shutil.rmtree(plain)
    render(root, plain)
    return plain


#: A place name in thousands of synthetic briefings: a search with many results.
SEARCH_WORD = "Vovchansk"


def timed_generation(root: Path) -> float:
    Urls._relative.cache_clear()  # each run starts cold
    start = time.perf_counter()
    build(Project(root), Urls())
    return time.perf_counter() - start


def timed_zensical(project: Path) -> float | None:
    """Wall time of `zensical build` of the plain project, or None where Zensical is not installed."""
    zensical = Path(sys.executable).parent / "zensical"
    if not zensical.is_file():
        return None
    shutil.rmtree(project / "site", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([str(zensical), "build"], cwd=project, capture_output=True, check=True)
    return time.perf_counter() - start


def pictures_bytes(page: Path) -> int:
    """The bytes of the inline SVG pictures in a page."""
    html = page.read_text(encoding="utf-8")
    return sum(len(svg.encode()) for svg in re.findall(r"<svg .*?</svg>", html, re.DOTALL))


def measure(n: int, runs: int, work: Path, zensical: bool = True) -> dict[str, Any]:
    root = work / f"n{n}"
    if not (root / ".complete").exists():
        synthesise(root, n)
        (root / ".complete").write_text("", encoding="utf-8")
    generation = [timed_generation(root) for _ in range(runs)]
    plain = plain_project(root)
    full = [timed_build(root / "mkdocs.yml", work / f"site-{n}") for _ in range(runs)]
    base = [timed_build(plain / "mkdocs.yml", work / f"site-{n}-plain") for _ in range(runs)]
    site = work / f"site-{n}"
    # The oldest briefing page with a "what changed" section (report 0 follows nothing), and the newest.
    first, last = site / "briefings" / "report-00001" / "index.html", site / "briefings" / f"report-{n - 1:05d}" / "index.html"
    engine = "pagefind" if (site / "pagefind").is_dir() else "material"
    if engine == "pagefind":
        index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    else:
        index_bytes = (site / "search" / "search_index.json").stat().st_size
    try:
        search = bytes_before_first_result(site, f"briefings/report-{n - 1:05d}/", SEARCH_WORD)
    except Exception as error:  # no Chromium or Playwright here: say so in the figures
        search = {"gzip_kb": None, "requests": None, "error": str(error).splitlines()[0]}
    gen_s = statistics.median(generation)
    full_s = statistics.median(t for t, *_ in full)
    base_s = statistics.median(t for t, *_ in base)
    timed = [timed_zensical(plain) for _ in range(runs)] if zensical else [None]
    zensical_s = statistics.median(timed) if None not in timed else None  # type: ignore[type-var]
    return {
        "n": n,
        "runs": runs,
        "generate_s": round(gen_s, 3),
        "briefings_per_s": round(n / gen_s),
        "full_build_s": round(full_s, 2),
        "baseline_build_s": round(base_s, 2),
        "ratio": round(full_s / base_s, 3),
        "zensical_build_s": None if zensical_s is None else round(zensical_s, 2),
        "peak_rss_mb": round(max(r for _, r, _, _, _ in full) / 2**20),
        "worker_rss_mb": round(max(w for _, _, w, _, _ in full) / 2**20),
        "pagefind_rss_mb": round(max(p for _, _, _, p, _ in full) / 2**20),
        "together_rss_mb": round(max(a for *_, a in full) / 2**20),
        "baseline_rss_mb": round(max(r for _, r, _, _, _ in base) / 2**20),
        "first_page_kb": round(first.stat().st_size / 1000, 1),
        "last_page_kb": round(last.stat().st_size / 1000, 1),
        # What the pictures (the map) add to a briefing page: the page without them weighs the difference.
        "last_page_pictures_kb": round(pictures_bytes(last) / 1000, 1),
        "search_engine": engine,
        "search_files_mb": round(index_bytes / 1e6, 2),
        "first_result_gzip_kb": search["gzip_kb"],
        "first_result_requests": search["requests"],
        "search": search,
    }


def table(results: list[dict[str, Any]]) -> str:
    cols = [("N", "n"), ("generate s", "generate_s"), ("briefings/s", "briefings_per_s"), ("full build s", "full_build_s"),
            ("baseline s", "baseline_build_s"), ("full/base", "ratio"), ("zensical s", "zensical_build_s"), ("peak RSS MB", "peak_rss_mb"), ("worker RSS MB", "worker_rss_mb"), ("Pagefind RSS MB", "pagefind_rss_mb"), ("all at once MB", "together_rss_mb"), ("baseline RSS MB", "baseline_rss_mb"),
            ("first page KB", "first_page_kb"), ("last page KB", "last_page_kb"), ("of which pictures KB", "last_page_pictures_kb"), ("search", "search_engine"),
            ("search files MB", "search_files_mb"), ("KB gz to first result", "first_result_gzip_kb")]  # fmt: skip
    lines = ["| " + " | ".join(c for c, _ in cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(str(r[k]) for _, k in cols) + " |" for r in results]
    by_n = {r["n"]: r for r in results}
    if 1000 in by_n and 4000 in by_n:
        lines.append(f"\ntime(4000) / time(1000), full build: {by_n[4000]['full_build_s'] / by_n[1000]['full_build_s']:.2f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench"), help="where corpora and sites are written")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument("--no-zensical", action="store_true", help="skip the Zensical build (minutes at 4,000 briefings)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        results.append(measure(n, args.runs, args.work, zensical=not args.no_zensical))
        print(json.dumps(results[-1]), flush=True)
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}
    args.json.write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n", encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
