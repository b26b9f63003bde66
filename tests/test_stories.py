"""Stories: grouping on the demo corpus and the seeds, incrementally."""

from __future__ import annotations

from pathlib import Path

from newsloom import provenance, stories
from newsloom.clean import clean
from newsloom.model import Article, RawDocument
from newsloom.store import Store


def _key(source: str, article_id: str) -> str:
    name = Path(source.split("#")[0]).name
    return f"{name}#{article_id}" if "#" in source else name


def test_demo_stories(demo_result, expected):
    keys = {a.id: _key(a.source, a.id) for a in demo_result.articles}
    got = {frozenset(keys[i] for i in s.article_ids) for s in demo_result.stories}
    assert got == {frozenset(g) for g in expected["stories"]}
    assert all(s.title for s in demo_result.stories)


def test_seeds_one_story(seeds):
    with Store(":memory:") as store:
        for k, a in seeds.items():
            a.id = f"s{k}"
        store.add_articles(list(seeds.values()), [])
        ids = sorted(a.id for a in seeds.values())
        provenance.stage(store, ids)
        stories.stage(store, ids)
        (story,) = store.result().stories
    assert sorted(story.article_ids) == ids


def test_incremental_and_idempotent(demo_by_name):
    """Articles added one run at a time land in the same stories; rerunning adds nothing."""
    arts = sorted(demo_by_name.values(), key=lambda a: a.source)
    with Store(":memory:") as store:
        for a in arts:
            store.add_articles([a], [])
            provenance.stage(store, [a.id])
            stories.stage(store, [a.id])
        n = store.count("story_articles")
        stories.stage(store, [a.id for a in arts])
        assert store.count("story_articles") == n == len(arts)
        assert store.count("stories") == 2
        # each run lists only the newcomer; the rows still match every story's articles
        rows = {tuple(r) for r in store.conn.execute("SELECT story_id, article_id FROM story_articles")}
        assert rows == {(s.id, a) for s in store.result().stories for a in s.article_ids}


def test_derived_article_joins_source_story():
    text = ("Officials in Tarrow County confirmed on Monday that the Elmbrook reservoir will be drained "
            "for inspection. Engineer Halvard Quist said cracks were found in the spillway. Residents "
            "downstream were told no evacuation is planned. The work will take six weeks.")
    a = clean(RawDocument(source="a", text=text))
    a.id = "a"
    b = clean(RawDocument(source="b", text=text + "\n\nThis post appeared first on tarrowtimes.com"))
    b.id = "b"
    with Store(":memory:") as store:
        store.add_articles([a, b], [])
        provenance.stage(store, ["a", "b"])
        stories.stage(store, ["a", "b"])
        assert len(set(store.stories_of(["a", "b"]).values())) == 1


def _article(aid: str, title: str, text: str, day: str) -> Article:
    a = clean(RawDocument(source=aid, title=title, text=text, published=day))
    a.id = aid
    return a


# An invented topic: one central bank, two separate events, a follow-up and a feed brief.
_BANK = [
    ("cut", "Veloria Central Bank cuts benchmark rate to 3.25%",
     "The Veloria Central Bank cut its benchmark rate by 50 basis points to 3.25% on Thursday, "
     "Governor Ilse Marrow said after the monetary committee met in Castrin. Marrow said inflation "
     "had fallen to 2.1% and that exporters in the Dunmore valley needed relief. Two of the seven "
     "committee members, including Pieter Vanlo, voted to hold the rate. The cut is the first since "
     "2023 and the currency, the veloric, fell 1.4% against the euro.", "2026-03-05"),
    ("follow", "Veloria lenders pass on rate cut to borrowers",
     "Dunmore Savings and Castrin Mutual lowered mortgage rates on Monday, days after the Veloria "
     "Central Bank cut its benchmark rate to 3.25%. Governor Ilse Marrow had said the 50 basis point "
     "cut would reach households within weeks. Pieter Vanlo, who voted against the cut, warned that "
     "inflation at 2.1% could rebound. The veloric steadied after its 1.4% fall.", "2026-03-09"),
    ("brief", "Veloria Central Bank cuts rate to 3.25%",
     "Governor Ilse Marrow announced a 50 basis point cut after the monetary committee met in Castrin.",
     "2026-03-05"),
    ("plant", "Veloria Central Bank opens banknote plant in Sarn",
     "The Veloria Central Bank opened a banknote printing plant in Sarn on Tuesday, creating 400 jobs. "
     "Deputy governor Tomas Quell said the plant would print the new polymer notes designed by the "
     "artist Mira Ostrand. The Sarn mayor, Edvin Holt, called it the biggest investment in the town "
     "in a decade. Printing starts in June.", "2026-04-21"),
]


def _bank_store() -> Store:
    """An in-memory store with the bank's four articles through provenance and stories."""
    arts = [_article(*row) for row in _BANK]
    store = Store(":memory:")
    store.add_articles(arts, [])
    ids = [a.id for a in arts]
    provenance.stage(store, ids)
    stories.stage(store, ids)
    return store


def test_topic_is_not_a_story():
    """Same bank, same famous names: the rate cut, its follow-up and its brief are one story,
    the banknote plant six weeks later is another."""
    with _bank_store() as store:
        got = store.stories_of([row[0] for row in _BANK])
    assert got["cut"] == got["follow"] == got["brief"] != got["plant"]


def test_source_arriving_after_its_copy_joins_its_story():
    text = _BANK[0][2]
    copy = _article("copy", "", text + "\n\nThis post appeared first on velorianews.com", "2026-03-06")
    orig = _article("orig", _BANK[0][1], text, "2026-03-05")
    with Store(":memory:") as store:
        for a in (copy, orig):  # separate runs, the copy first
            store.add_articles([a], [])
            provenance.stage(store, [a.id])
            stories.stage(store, [a.id])
        assert len(set(store.stories_of(["copy", "orig"]).values())) == 1


def test_terms_too_common_to_probe_are_not_posted(monkeypatch):
    """A term in more documents than a probe reads is never probed again (frequencies only
    grow), so the index keeps no posting for it: the banknote plant's story is posted under
    its own names, not under the bank's that the rate cut brought first."""
    monkeypatch.setattr(stories, "PROBE_MAX_DF", 1)
    with _bank_store() as store:
        plant = store.stories_of(["plant"])["plant"]
        posted = {r[0] for r in store.conn.execute("SELECT term FROM story_terms WHERE story_id=?", (plant,))}
    assert {"e:sarn", "e:tomas quell"} <= posted
    assert not posted & {"e:veloria central bank", "w:bank", "w:governor"}


def test_a_headline_days_away_needs_a_shared_name_not_only_words():
    """Two ferry breakdowns in two countries a week apart share words ("ferry", "engine
    failure"), no name: the report and the other's headline-only item are two stories,
    whichever comes first; a headline of the same event, the same day, joins the report."""
    report = _article("fiji", "Tessaly ferry towed to Brannock after engine failure",
                      "The inter-island ferry Tessaly Star was towed into Brannock on Tuesday after an engine "
                      "failure left it drifting for nine hours with 196 people on board, the Orlen Maritime "
                      "Safety Office said. Captain Ivo Brandt said the crew restarted one engine at dawn.",
                      "2026-02-17")
    other = _article("camo", "Velmaro ferry drifts for six hours after engine failure off Kesh",
                     "Velmaro ferry drifts for six hours after engine failure off Kesh", "2026-02-09")
    same = _article("same", "Tessaly Star passengers describe nine hours adrift",
                    "Tessaly Star passengers describe nine hours adrift", "2026-02-17")
    for order in (["fiji", "camo", "same"], ["camo", "fiji", "same"]):
        with Store(":memory:") as store:
            store.add_articles([report, other, same], [])
            stories.stage(store, order)
            got = store.stories_of(order)
        assert got["camo"] != got["fiji"] and got["same"] == got["fiji"]
