"""Story digests: cited summaries, disagreements, timelines, undated rewrites, the brief."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz

from newsloom import digest, stories
from newsloom.clean.sentences import text_sentences
from newsloom.cli import main
from newsloom.store import Store
from synth import digested


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _contains(article_text: str, text: str) -> float:
    """Independent check: exact substring, else the best ratio against a sentence."""
    if _norm(text) in _norm(article_text):
        return 1.0
    return max(fuzz.ratio(_norm(text), _norm(article_text[s:e])) / 100 for s, e in text_sentences(article_text))


def _main(result):
    return max(result.stories, key=lambda s: len(s.article_ids))


def test_summary_citations_are_contained(demo_result):
    arts = {a.id: a for a in demo_result.articles}
    for story in demo_result.stories:
        assert len(story.summary) <= 7
        for s in story.summary:
            assert s.article_ids, s
            for a_id in s.article_ids:
                assert a_id in story.article_ids
                assert _contains(arts[a_id].text, s.text) >= 0.9, (a_id, s.text)
    assert len(_main(demo_result).summary) >= 3


def test_demo_disagreements(demo_result, demo_by_name):
    ids = {name: a.id for name, a in demo_by_name.items()}
    dis = _main(demo_result).disagreements
    figures = {frozenset(s.value for s in d.sides) for d in dis if d.kind == "figure"}
    assert frozenset({38.0, 41.0}) in figures
    assert frozenset({1400.0, 1500.0}) in figures
    assert not any({19.0, 15.0, 3000.0} & set(f) for f in figures)  # updates and other quantities
    (name,) = [d for d in dis if d.kind == "name"]
    assert {s.value for s in name.sides} == {"Rosalind Achterberg", "Rosalind Achterburg"}
    assert ids["03_uncredited_rewrite.txt"] in name.sides[1].article_ids
    quotes = [d for d in dis if d.kind == "quote"]
    assert any("last one" in d.sides[0].value and "best one" in d.sides[1].value for d in quotes)
    ships = next(d for d in dis if d.kind == "figure" and {s.value for s in d.sides} == {38.0, 41.0})
    by_value = {s.value: set(s.article_ids) for s in ships.sides}
    assert ids["05_independent.html"] in by_value[41.0] and ids["01_original.txt"] in by_value[38.0]
    assert not _main(demo_result).disagreements or all(d.sides for d in dis)


def test_undated_rewrites_inherit_source_date(demo_by_name):
    def value(name: str, text: str) -> tuple[str | None, str]:
        d = next(d for d in demo_by_name[name].dates if d.text == text)
        return d.value, d.status

    assert value("02_scraper_copy.txt", "last Friday") == ("2025-10-10", "estimated")
    assert value("03_uncredited_rewrite.txt", "next week") == ("2025-W43", "estimated")
    assert value("04_credited_rewrite.txt", "three years ago") == ("2022", "estimated")


def test_timeline_ordered_merged_and_marked(demo_result):
    tl = _main(demo_result).timeline
    from newsloom.digest.timeline import period

    starts = [period(e.date)[0] for e in tl]
    assert starts == sorted(starts)
    assert {"past", "event", "future"} <= {e.kind for e in tl}
    assert any(len(e.article_ids) >= 3 for e in tl)  # one event, several outlets
    assert next(e for e in tl if e.date == "2023-12").kind == "past"
    assert next(e for e in tl if e.date == "2025-11-01").kind == "future"


BASE = ("Engineers in Tarrow County said on Monday that the Elmbrook reservoir will be drained for a full "
        "inspection of its spillway. Halvard Quist, the county engineer, said cracks about 40 metres long were "
        "found during a routine survey last month. Residents downstream were told that no evacuation is planned "
        "while the water level is lowered. The draining will take six weeks and cost about $3 million, officials "
        "said. Fishing on the reservoir is suspended until the inspection ends.")
OTHER = ("The Tarrow County board met on Tuesday to discuss the Elmbrook reservoir, where cracks in the spillway "
         "were reported. Board members asked why the survey that found the cracks came so late in the year. "
         "Halvard Quist told the board that draining would cost about $4 million and take six weeks. A local "
         "angling club said its members would lose a season on the water because of the work.")


def _mini(store: Store) -> list[str]:
    docs = [("orig", BASE, "2025-03-10")] + [
        (f"copy{i}", BASE + f"\n\nThis post appeared first on tarrowtimes.com ({i})", None) for i in range(5)]
    docs.append(("other", OTHER, "2025-03-11"))
    return digested(store, docs)


def test_copies_count_once_and_figures_merge():
    with Store(":memory:") as store:
        _mini(store)
        (story,) = store.result().stories
        copied = [s for s in story.summary if len(s.article_ids) >= 6]
        assert copied  # five copies + original: one source, plus "other" when it re-says it
        assert all(s.sources == 1 + ("other" in s.article_ids + s.paraphrased_in) for s in copied)
        cost = [d for d in story.disagreements if d.kind == "figure"]
        assert {frozenset(s.value for s in d.sides) for d in cost} == {frozenset({3e6, 4e6})}
        six = next(f for f in story.figures if f.value == 6.0)
        assert len(six.article_ids) == 7


def test_incremental_idempotent():
    with Store(":memory:") as store:
        ids = _mini(store)
        before = store.conn.execute("SELECT data FROM stories").fetchall()
        digest.stage(store, ids)
        assert [r[0] for r in store.conn.execute("SELECT data FROM stories")] == [r[0] for r in before]
        digest.stage(store, [])  # nothing new: nothing touched


def test_brief_command(tmp_path, demo_result):
    db = tmp_path / "d.db"
    with Store(str(db)) as store:
        store.add_articles(demo_result.articles, [])
        store.upsert_derivations(demo_result.derivations)
        ids = [a.id for a in demo_result.articles]
        stories.stage(store, ids)
        digest.stage(store, ids)  # no quotes or entities in this store: degrade, don't fail
        main_id = max(store.result().stories, key=lambda s: len(s.article_ids)).id
    runner = CliRunner()
    md = runner.invoke(main, ["brief", main_id[:8], "--db", str(db)])
    assert md.exit_code == 0, md.output
    assert md.output.startswith("# ") and "## Summary" in md.output and "## Sources" in md.output
    assert "(#src-1)" in md.output and "original" in md.output and "rewrite of [1]" in md.output
    out = tmp_path / "b.html"
    res = runner.invoke(main, ["brief", main_id, "--db", str(db), "--format", "html", "-o", str(out)])
    assert res.exit_code == 0 and "<h2>Timeline</h2>" in out.read_text()
    assert runner.invoke(main, ["brief", "s-", "--db", str(db)]).exit_code == 2  # ambiguous


def test_a_summary_skips_a_sentence_another_chosen_one_already_says():
    """A rewrite's shorter sentence whose content words a longer chosen one holds adds no news."""
    from newsloom.digest.summary import _within
    from newsloom.provenance.align import sentences

    (longer,) = sentences("In a statement on Tuesday, the Halden harbour board said the old pier would stay "
                          "closed until the spring, and that repairs would cost at least 4 million crowns.")
    (shorter,) = sentences("The harbour board said in a statement that the pier would remain closed until spring.")
    (other,) = sentences("The board's chair, Ada Kroll, said the delay was caused by rot found under the deck.")
    assert _within(shorter, longer) and not _within(longer, shorter) and not _within(other, longer)


def test_a_headline_alone_is_summarised_only_in_a_story_of_headlines():
    """A wire alert says in note form what the story's reports tell in sentences."""
    from newsloom.digest.common import StoryData
    from newsloom.digest.summary import units
    from newsloom.model import Article, Story

    alert_title = "Tarrow: ferry Halden Star aground off Keston Point, all 212 aboard safe, 9 hurt"
    report = Article(id="r", source="r", fingerprint="r", title="Ferry aground off Keston Point", text=(
        "The ferry Halden Star ran aground off Keston Point before dawn on Friday with 212 people aboard. "
        "Nine passengers were taken to hospital with minor injuries, the harbour board said. "
        "All passengers were brought ashore by lifeboats and fishing boats within four hours."))
    alert = Article(id="a", source="a", fingerprint="a", title=alert_title, text=alert_title)
    assert alert.headline_only and not report.headline_only
    both = StoryData(Story(id="s", title="t"), {"r": report, "a": alert})
    assert {u.article_id for u in units(both)} == {"r"}
    alone = StoryData(Story(id="s", title="t"), {"a": alert})
    assert {u.article_id for u in units(alone)} == {"a"}


def test_a_rewrite_sentence_joins_the_unit_of_the_source_sentence_it_retells():
    """Provenance aligned the rewrite's lead with the original's: one content unit, though
    their wording is too far apart for the summary's own similarity. Not an update's new
    figure beside the old one, nor a pair whose figures differ."""
    from newsloom.digest.common import StoryData
    from newsloom.digest.summary import PARA, units
    from newsloom.model import Article, Derivation, Story
    from newsloom.provenance.align import align, sentences, similarity

    orig = Article(id="o", source="o", fingerprint="o", published="2026-03-09", text=(
        "At least 23 people were killed when a strong earthquake struck the hill district of Varna late on "
        "Sunday night, officials said. Rescue teams from three provinces were searching collapsed houses."))
    rewrite = Article(id="r", source="r", fingerprint="r", published="2026-03-09", text=(
        "A powerful quake jolted Varna district late on Sunday night, leaving at least 23 dead, the agency "
        "reported. Local officials asked residents to stay outside their homes overnight."))
    o_sents, r_sents = sentences(orig.text), sentences(rewrite.text)
    al = align(r_sents, o_sents)
    assert len(al.pairs) == 1 and similarity(r_sents[0], o_sents[0]) < PARA

    def lead_units(kind: str, r_text: str = rewrite.text) -> list:
        r = Article(id="r", source="r", fingerprint="r", published="2026-03-09", text=r_text)
        d = Derivation(derived_id="r", source_id="o", kind=kind, credited=True, score=0.6, aligned=al.pairs)
        data = StoryData(Story(id="s", title="t"), {"o": orig, "r": r}, derivations={"r": d})
        return [u for u in units(data) if u.position == 0]

    (lead,) = lead_units("rewrite")
    assert lead.article_id == "o" and lead.para == {"r"}
    assert len(lead_units("update")) == 2  # a follow-up's sentence is its own news
    assert len(lead_units("rewrite", rewrite.text.replace("23", "19"))) == 2  # a garbled figure
    alone = StoryData(Story(id="s", title="t"), {"o": orig, "r": rewrite})  # no provenance: two units
    assert len([u for u in units(alone) if u.position == 0]) == 2


def _timeline_of(text: str, day: str) -> list:
    """The timeline of a story of one article published on ``day``."""
    from datetime import date

    from newsloom.digest import timeline
    from newsloom.digest.common import StoryData
    from newsloom.model import Article, Story
    from newsloom.timeline.dates import extract

    a = Article(id="a", source="a", fingerprint="a", published=day, text=text)
    a.dates = extract(text, date.fromisoformat(day), "resolved")
    return timeline.build(StoryData(Story(id="s", title="t"), {"a": a}))[0]


def test_a_sentence_with_several_dates_is_told_once_at_its_event():
    """The dateline's day, the day of the telling ("officials said on Monday") and a day that
    names a thing ("Sunday's quake") do not make entries beside the event's own date; a
    building date in an apposition makes none at all."""
    entries = _timeline_of("VARNA, March 11 (TWN) — A strong earthquake struck the hill district late on Sunday "
                           "night, officials said on Wednesday. The toll from Sunday's quake rose to 31 on Wednesday. "
                           "The shrine, a pagoda temple built in 1663, collapsed into the square.", "2026-03-11")
    assert [(e.date[:10], e.text.split()[0]) for e in entries] == [("2026-03-08", "A"), ("2026-03-11", "The")]


def test_a_sentence_whose_dates_all_frame_it_keeps_the_telling_and_recent_history_stays():
    entries = _timeline_of("KATHMANDU, March 10 (UAN) — The toll from Monday's quake rose to 31. "
                           "The emergency shelter, opened on Monday, is already full. "
                           "Officials said on Tuesday that rescue work was continuing.", "2026-03-10")
    assert sorted((e.date[:10], e.text.split()[1]) for e in entries) == [("2026-03-09", "emergency"),
                                                                        ("2026-03-10", "said"), ("2026-03-10", "toll")]


def test_a_rewrite_retelling_a_dated_sentence_is_the_same_timeline_entry():
    """The rewrite's lead, aligned by provenance with the original's, tells the same day's
    event (however its date is worded): one entry citing both; without provenance, two."""
    from datetime import date

    from newsloom.digest import timeline
    from newsloom.digest.common import StoryData
    from newsloom.model import Article, Derivation, Story
    from newsloom.provenance.align import align, sentences
    from newsloom.timeline.dates import extract

    orig = ("At least 23 people were killed when a strong earthquake struck the hill district of Varna late on "
            "Sunday night, officials said. Rescue teams from three provinces were searching collapsed houses.")
    rewrite = ("A strong quake struck Varna district on Sunday, killing at least 23 people, the agency reported. "
               "Local officials asked residents to stay outside their homes overnight.")
    arts = {}
    for a_id, text in (("o", orig), ("r", rewrite)):
        arts[a_id] = Article(id=a_id, source=a_id, fingerprint=a_id, published="2026-03-09", text=text)
        arts[a_id].dates = extract(text, date(2026, 3, 9), "resolved")
    pairs = align(sentences(rewrite), sentences(orig)).pairs
    assert pairs and arts["o"].dates[0].value != arts["r"].dates[0].value
    d = Derivation(derived_id="r", source_id="o", kind="rewrite", credited=True, score=0.6, aligned=pairs)
    (entry,) = timeline.build(StoryData(Story(id="s", title="t"), arts, derivations={"r": d}))[0]
    assert entry.article_ids == ["o", "r"]
    assert len(timeline.build(StoryData(Story(id="s", title="t"), arts))[0]) == 2


def test_a_retold_figure_joins_its_sources_and_an_altered_one_is_paired_with_it():
    """In sentences provenance aligned, a rewrite's figure of its source's value is the
    source's figure, whatever its words ("23 lives" / "23 people were killed"); a figure it
    changed is a disagreement with the one it replaced ("164 hurt" / "146 injured"), not with
    another figure of the sentence; without provenance neither is known."""
    from newsloom.digest import figures
    from newsloom.digest.common import StoryData
    from newsloom.model import Article, Derivation, Story
    from newsloom.provenance.align import align, sentences
    from newsloom.timeline.figures import extract

    orig = ("At least 23 people were killed and 146 injured when a strong earthquake struck the hill district "
            "of Varna late on Sunday. Rescue teams pulled 31 people alive from collapsed houses overnight.")
    lives = ("A strong earthquake that struck the hill district of Varna late on Sunday claimed at least 23 lives, "
             "officials said. Rescue teams dug 31 survivors alive out of collapsed houses overnight.")
    garbled = orig.replace("146 injured", "164 people hurt")

    def digest_of(r_text: str, provenance: bool = True) -> tuple[list, list]:
        arts = {a_id: Article(id=a_id, source=a_id, fingerprint=a_id, published="2026-03-09", text=text)
                for a_id, text in (("o", orig), ("r", r_text))}
        for a in arts.values():
            a.figures = extract(a.text, [])
        pairs = align(sentences(r_text), sentences(orig)).pairs
        d = {"r": Derivation(derived_id="r", source_id="o", kind="rewrite", credited=False, score=0.6,
                             aligned=pairs)} if provenance else {}
        data = StoryData(Story(id="s", title="t"), arts, derivations=d)
        gs = figures.groups(data)
        return ([(f.value, f.article_ids) for f in figures.story_figures(data, gs)],
                [sorted(s.value for s in c.sides) for c in figures.conflicts(data, gs)])

    key, _ = digest_of(lives)
    assert (23.0, ["o", "r"]) in key and (31.0, ["o", "r"]) in key
    key, _ = digest_of(lives, provenance=False)
    assert (23.0, ["o"]) in key  # "lives" and "people" are no one unit by themselves
    _, altered = digest_of(garbled)
    assert altered == [[146.0, 164.0]]  # not 23 against 164, though one sentence holds both
    reordered = orig.replace("23 people were killed and 146 injured", "150 people were injured and 25 killed")
    assert sorted(digest_of(reordered)[1]) == [[23.0, 25.0], [146.0, 150.0]]  # by what they count
    synonyms = orig.replace("23 people were killed and 146 injured", "25 dead and 150 hurt")
    assert sorted(digest_of(synonyms)[1]) == [[23.0, 25.0], [146.0, 150.0]]  # fates of one kind


@pytest.mark.parametrize(("sentence", "eligible"), [
    ("Its general secretary joined the picket at dawn and said the union had tried everything.", False),
    ("But a budget is a statement of what a place values, the councillor wrote on Tuesday.", False),
    ("“He was directing the rescue with his bare hands,” a neighbour said of the mayor.", False),
    ("They had been queuing on the slipway since before dawn on Monday morning.", False),
    ("The union's general secretary joined the picket at dawn and said talks had failed.", True),
    ("Herbert Lane, the harbour master, said the ferries would sail again on Friday.", True),
    ("Itinerant traders were told to leave the market square by the end of the week.", True),
    ("Was the strike worth it for the crews who lost a week of their wages?", False),
    ("So far, rescuers have pulled 31 people alive from the rubble of the town.", True),
    ("It said on Tuesday that 300 jobs at the plant would go by the end of the year.", False),
    ("Still, the council voted to keep the library open for another year.", False),
    ("It is not yet clear when the bridge over the river will reopen to traffic.", True),
    ("HER campaign group said the closures would hit older readers hardest.", True),  # an acronym
    ("Her Majesty's Coastguard said the search would resume at first light.", True),
])
def test_a_summary_line_stands_on_its_own(sentence: str, eligible: bool):
    from newsloom.digest.summary import _eligible

    assert _eligible(sentence) is eligible


def test_people_at_large_and_some_of_them_are_two_quantities():
    from newsloom.digest import figures
    from newsloom.digest.common import StoryData
    from newsloom.model import Article, Story
    from newsloom.timeline.figures import extract

    def conflicts(*texts: str) -> list:
        arts = {str(i): Article(id=str(i), source=str(i), fingerprint=str(i), published="2026-03-09", text=t)
                for i, t in enumerate(texts)}
        for a in arts.values():
            a.figures = extract(a.text, [])
        data = StoryData(Story(id="s", title="t"), arts)
        return [sorted(s.value for s in c.sides) for c in figures.conflicts(data, figures.groups(data))]

    ferry = "The ferry from Varna with {} on board ran aground on a reef early on Friday, the coast guard said."
    assert conflicts(ferry.format("450 people"), ferry.format("38 crew members")) == []
    bus = ("A bus crash near Varna killed 23 people on Monday, police said.",
           "At least 25 people were killed when a bus crashed near Varna on Monday, police said.")
    assert conflicts(*bus) == [[23.0, 25.0]]  # "killed 23 people" counts the killed too
    assert conflicts(ferry.format("450 people"), ferry.format("405 people")) == [[405.0, 450.0]]
