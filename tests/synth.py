"""Invented articles in bulk, for tests that need many distinct documents."""

from __future__ import annotations

import json
import random
from pathlib import Path

TOWNS = ["Orlen", "Kestrel Bay", "Marrowgate", "Vellis", "Port Tamsin", "Highcombe", "Duna", "Saltreach"]
SUBJECTS = ["the water board", "the council", "the rail operator", "the hospital trust", "the port authority",
            "the school district", "the energy regulator", "the bus company"]
ACTIONS = ["approved a budget of", "announced a loss of", "signed a contract worth", "asked for an extra",
           "cut spending by", "raised fares to collect"]
PEOPLE = ["Ana Pohl", "Tomas Reyes", "Ida Kern", "Bo Lund", "Mira Okonjo", "Jonas Beck", "Ella Marsh", "Pim Vos"]


def article(i: int, rng: random.Random) -> dict[str, str]:
    town, subject, action = rng.choice(TOWNS), rng.choice(SUBJECTS), rng.choice(ACTIONS)
    person, amount = rng.choice(PEOPLE), rng.randint(2, 900)
    paras = [
        f"{town.upper()} — In {town}, {subject} {action} {amount} million on Tuesday, item {i}, "
        f"after a long meeting that ran late into the evening and ended with a narrow vote.",
        f"“We had no other choice this year,” said {person}, who chairs the finance committee, "
        f"adding that the plan would be reviewed again in {rng.randint(2, 11)} months.",
        f"Residents of {town} said they would follow the next steps closely, and several groups "
        f"promised to attend the public hearing set for next week in the old town hall.",
    ]
    return {"id": f"synth-{i}", "title": f"{town}: {subject} {action} {amount} million",
            "text": "\n\n".join(paras), "site": f"{town.lower().replace(' ', '')}-news.example"}


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(article(i, rng)) + "\n")
    return path


def digested(store, docs: list[tuple[str, str, str | None]]) -> list[str]:
    """Clean, date and figure invented ``(id, text, published)`` documents (site ``<id>.example``),
    store them, and run the corpus stages that build stories and their digests; their ids."""
    from newsloom import digest, provenance, stories
    from newsloom.clean import clean
    from newsloom.model import RawDocument
    from newsloom.timeline import dates, figures

    arts = []
    for name, text, day in docs:
        a = clean(RawDocument(source=name, text=text, published=day, site=f"{name}.example"))
        a.id = name
        arts.append(figures.stage(dates.stage(a)))
    store.add_articles(arts, [])
    ids = [a.id for a in arts]
    for stage in (provenance.stage, stories.stage, digest.stage):
        stage(store, ids)
    return ids
