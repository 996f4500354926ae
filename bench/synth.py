"""Synthesise a project of N realistic briefings, each with its own source text.

Deterministic for a given N: the same corpus every run. Each source is about 4 KB of
news-like prose; each briefing draws 3 fronts from a shared pool of 12 (so front pages
aggregate many briefings), names 6 actors from a pool of 20, and carries 4 stakes,
5 questions, 6 claims (two with figures, one contradicting another) and 12 evidence
passages, and names 3 places with coordinates, all of which validate.
"""

from __future__ import annotations

import datetime
import random
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

FRONTS = [
    ("kursk", "Kursk region", "cross-border"), ("pokrovsk", "Pokrovsk direction", "military-direction"),
    ("kharkiv", "Kharkiv direction", "military-direction"), ("zaporizhzhia", "Zaporizhzhia front", "military-direction"),
    ("black-sea", "Black Sea", "military-direction"), ("long-range", "Long-range weapons", "escalation"),
    ("air-defence", "Air defence", "escalation"), ("talks", "Peace talks", "diplomatic"),
    ("sanctions", "Sanctions", "economic"), ("energy", "Energy grid", "economic"),
    ("mobilisation", "Mobilisation", "political"), ("prisoners", "Prisoner exchanges", "humanitarian"),
]  # fmt: skip
ACTORS = [
    ("russia", "Russia", "state"), ("ukraine", "Ukraine", "state"), ("united-states", "United States", "state"),
    ("united-kingdom", "United Kingdom", "state"), ("germany", "Germany", "state"), ("nato", "NATO", "alliance"),
    ("russian-mod", "Russian Defence Ministry", "government-body"), ("ukrainian-general-staff", "Ukrainian General Staff", "armed-force"),
    ("kremlin", "The Kremlin", "government-body"), ("zelensky", "President Zelensky", "official"),
    ("putin", "President Putin", "official"), ("pentagon", "The Pentagon", "government-body"),
    ("telegram-channels", "Pro-Russian Telegram channels", "channel"), ("milbloggers", "Military bloggers", "channel"),
    ("reuters", "Reuters", "outlet"), ("isw", "Institute for the Study of War", "organisation"),
    ("iaea", "IAEA", "organisation"), ("red-cross", "Red Cross", "organisation"),
    ("european-union", "European Union", "alliance"), ("turkey", "Turkey", "state"),
]  # fmt: skip
PLACES = ["Sudzha", "Snagos", "Pokrovsk", "Vovchansk", "Kupiansk", "Toretsk", "Kurakhove", "Velyka Novosilka",
          "Huliaipole", "Robotyne", "Kherson", "Odesa", "Sevastopol", "Belgorod", "Bryansk", "Donetsk"]  # fmt: skip
#: Rough coordinates (WGS 84) of the places the sources name, for the maps.
COORDINATES = {
    "Sudzha": (51.19, 35.27), "Snagos": (51.32, 34.89), "Pokrovsk": (48.28, 37.18), "Vovchansk": (50.29, 36.94),
    "Kupiansk": (49.71, 37.61), "Toretsk": (48.4, 37.85), "Kurakhove": (47.98, 37.28), "Velyka Novosilka": (47.84, 36.83),
    "Huliaipole": (47.66, 36.26), "Robotyne": (47.45, 35.84), "Kherson": (46.64, 32.61), "Odesa": (46.48, 30.72),
    "Sevastopol": (44.62, 33.53), "Belgorod": (50.6, 36.59), "Bryansk": (53.24, 34.36), "Donetsk": (48.0, 37.8),
}  # fmt: skip
MEASURES = [("casualties", "Casualties reported", "people"), ("settlements", "Settlements taken", "settlements"),
            ("displaced", "People displaced", "people"), ("drones", "Drones shot down", "drones")]  # fmt: skip
VERBS = ["reported", "claimed", "denied", "confirmed", "announced", "warned", "said", "estimated"]
NOUNS = ["assault", "counterattack", "drone strike", "artillery barrage", "supply convoy", "river crossing",
         "defensive line", "air raid", "missile strike", "prisoner exchange", "power outage", "troop rotation"]  # fmt: skip
WORDS = ["the", "forces", "moved", "along", "roads", "near", "villages", "while", "officials", "described", "shifting", "lines", "and", "heavy", "losses", "analysts", "noted", "that", "reserves", "were", "thin", "and", "logistics", "strained", "as", "weather", "turned", "and", "supplies", "ran", "low", "diplomats", "met", "to", "discuss", "guarantees", "while", "markets", "watched", "energy", "prices", "and", "grain", "shipments"]  # fmt: skip


def sentence(rng: random.Random, i: int, j: int) -> str:
    """A news-like sentence; the briefing and sentence numbers make it unique in the corpus."""
    actor = rng.choice(ACTORS)[1]
    place = rng.choice(PLACES)
    filler = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16)))
    return f"{actor} {rng.choice(VERBS)} a {rng.choice(NOUNS)} near {place} on day {i}-{j}, and {filler}."


def synthesise(root: Path, n: int, seed: int = 2024) -> Path:
    """Write a project of `n` briefings under `root` (emptied first) and return it."""
    if root.exists():
        shutil.rmtree(root)
    (root / "briefings").mkdir(parents=True)
    (root / "seeds").mkdir()
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    rng = random.Random(seed)
    start = datetime.date(2020, 1, 1)
    for i in range(n):
        sentences = [sentence(rng, i, j) for j in range(27)]
        paragraphs = [" ".join(sentences[k : k + 4]) for k in range(0, len(sentences), 4)]
        (root / "seeds" / f"source-{i:05d}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        quoted = rng.sample(range(len(sentences)), 12)
        evidence = [{"id": f"e{k}", "exact": sentences[s]} for k, s in enumerate(quoted)]
        fronts = rng.sample(FRONTS, 3)
        actors = rng.sample(ACTORS, 6)
        named = rng.sample(sorted(COORDINATES), 3)
        measures = rng.sample(MEASURES, 2)
        ev = lambda k: [f"e{k % 12}", f"e{(k + 5) % 12}"]  # noqa: E731 - every passage gets cited below
        briefing = {
            "title": f"Situation report {i}: {fronts[0][1]} and {fronts[1][1]}",
            "date": start + datetime.timedelta(days=i),
            **({"follows": f"report-{i - 1:05d}"} if i else {}),  # one chain, day after day
            "source": {"file": f"source-{i:05d}.txt", "outlet": "Synthetic Wire", "published": start + datetime.timedelta(days=i)},
            "bottom_line": {"text": " ".join(sentences[quoted[0]].split()[:20]) + ".", "evidence": ["e0"]},
            "takeaways": [{"text": f"Takeaway {t} of report {i}: {' '.join(rng.choice(WORDS) for _ in range(12))}.", "evidence": ev(t)} for t in range(3)],
            "actors": [{"id": a, "name": name, "kind": kind} for a, name, kind in actors],
            "places": [
                {"id": place.lower().replace(" ", "-"), "name": place, "kind": "settlement",
                 "lat": COORDINATES[place][0], "lon": COORDINATES[place][1], "precision": "approximate"}
                for place in named
            ],
            "measures": [{"id": m, "name": name, "unit": unit} for m, name, unit in measures],
            "fronts": [
                {"id": f, "name": name, "kind": kind, "situation": " ".join(rng.choice(WORDS) for _ in range(30)) + ".",
                 "trend": rng.choice(["escalating", "stable", "de-escalating"]),
                 "places": [named[k].lower().replace(" ", "-")], "evidence": ev(3 + k)}
                for k, (f, name, kind) in enumerate(fronts)
            ],
            "stakes": [
                {"party": actors[k][0], "stake": f"What {actors[k][1]} stands to lose on day {i}.",
                 "why": " ".join(rng.choice(WORDS) for _ in range(15)) + ".", "fronts": [fronts[k % 3][0]], "evidence": ev(6 + k)}
                for k in range(4)
            ],
            "questions": [
                # Two questions run through the whole chain; three are new each day.
                {"id": f"q{k}" if k < 2 else f"q{k}-day-{i}", "question": f"Will the {rng.choice(NOUNS)} near {rng.choice(PLACES)} succeed by day {i + 30}?",
                 "why": " ".join(rng.choice(WORDS) for _ in range(12)) + ".",
                 "indicators": [" ".join(rng.choice(WORDS) for _ in range(8)) + "." for _ in range(3)],
                 "fronts": [fronts[k % 3][0]], "evidence": ev(k),
                 **({"judgment": {"text": "It probably will.", "likelihood": "likely", "confidence": "low"}} if k % 2 else {})}
                for k in range(5)
            ],
            "claims": [
                {"id": f"c{k}", "claim": " ".join(sentences[quoted[k]].split()[:14]) + ".", "claimant": actors[k % 6][0],
                 "status": rng.choice(["confirmed", "assessed", "claimed", "disputed", "false"]), "fronts": [fronts[k % 3][0]],
                 **({"figures": [{"measure": measures[k][0], "value": rng.randint(1, 200) * 50, "approx": bool(k)}]} if k < 2 else {}),
                 **({"contradicts": ["c2"]} if k == 3 else {}),
                 "evidence": [f"e{k}", f"e{k + 6}"]}
                for k in range(6)
            ],
            "events": [
                {"id": f"event-{i}-{k}", "date": (start + datetime.timedelta(days=i - k)).isoformat(),
                 "what": f"A {rng.choice(NOUNS)} is reported.", "where": rng.choice(PLACES),
                 "actors": [actors[k][0]], "evidence": ev(9 + k)}
                for k in range(2)
            ],
            "evidence": evidence,
        }  # fmt: skip
        text = yaml.safe_dump(briefing, sort_keys=False, allow_unicode=True, width=100)
        (root / "briefings" / f"report-{i:05d}.yml").write_text(text, encoding="utf-8")
    return root
