"""Stories: grouping on the demo corpus and the seeds, incrementally."""

from __future__ import annotations

from pathlib import Path

from newsloom import provenance, stories
from newsloom.clean import clean
from newsloom.model import RawDocument
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
