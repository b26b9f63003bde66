"""Provenance: derivations on the demo corpus, the seeds, and invented snippets."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from newsloom import provenance
from newsloom.clean.sentences import text_sentences
from newsloom.model import RawDocument
from newsloom.provenance.decide import outlet_keys, pack, profile, unpack
from newsloom.provenance.tables import LshIndex, Outlets
from newsloom.store import Store


def _key(source: str, article_id: str) -> str:
    name = Path(source.split("#")[0]).name
    return f"{name}#{article_id}" if "#" in source else name


def test_demo_derivations(demo_result, expected):
    keys = {a.id: _key(a.source, a.id) for a in demo_result.articles}
    got = {(keys[d.derived_id], keys.get(d.source_id, d.source_id)): d for d in demo_result.derivations}
    want = {(e["derived"], e["source"]): e for e in expected["derivations"]}
    assert set(got) == set(want)
    for pair, e in want.items():
        d = got[pair]
        assert d.credited is e["credited"]
        # "cites" (a reused passage credited inline) is the contract's "partial"
        assert d.kind == (e["kind"] if e["kind"] != "cites" else "partial")
        assert d.aligned and 0 < d.score <= 1


def test_aligned_offsets_index_both_texts(demo_result):
    arts = {a.id: a for a in demo_result.articles}
    copy = next(d for d in demo_result.derivations if d.kind == "copy")
    for ds, de, ss, se, sim in copy.aligned:
        assert 0 <= ds < de <= len(arts[copy.derived_id].text)
        assert 0 <= ss < se <= len(arts[copy.source_id].text)
        if sim == 1.0:
            assert arts[copy.derived_id].text[ds:de] == arts[copy.source_id].text[ss:se]


def test_seeds_two_rewrites_of_000(seeds):
    with Store(":memory:") as store:
        store.add_articles(list(_with_ids(seeds).values()), [])
        provenance.stage(store, [f"s{k}" for k in sorted(seeds)])
        ds = store.result().derivations
    corpus = {(d.derived_id, d.source_id, d.credited) for d in ds if not d.source_id.startswith("external:")}
    assert corpus == {("s001", "s000", False), ("s004", "s000", True)}
    external = {(d.derived_id, d.source_id) for d in ds if d.source_id.startswith("external:")}
    assert ("s000", "external:cnn.com") in external


def _with_ids(seeds):
    for k, a in seeds.items():
        a.id = f"s{k}"
    return seeds


BASE = (
    "MARLOW BAY (AP) — The Marlow Bay council voted 7-2 on Tuesday to close the Fenwick Street bridge "
    "for repairs that engineers say will cost $4.2 million. Mayor Ottilie Brandvold said the closure "
    "would last at least eight months. Commuters will be diverted over the Harlan Causeway, adding "
    "about 20 minutes to a typical trip. The bridge, built in 1931, failed two inspections last year. "
    "Councillor Rafe Dunmore, who voted against, said the council had ignored cheaper options. "
    "Work is scheduled to begin in March."
)



def _add(store: Store, docs: list[RawDocument]) -> None:
    from newsloom.clean import clean

    arts = []
    for i, raw in enumerate(docs):
        a = clean(raw)
        a.id = raw.id or f"a{i}"
        arts.append(a)
    store.add_articles(arts, [])
    provenance.stage(store, [a.id for a in arts])


def test_incremental_copy_found_later():
    """Adding a copy in a later run finds its source through the stored index."""
    store = Store(":memory:")
    _add(store, [RawDocument(source="a", id="orig", text=BASE, published="2025-03-01")])
    assert store.count("derivations") == 0
    _add(store, [RawDocument(source="b", id="copy", text=BASE + "\n\nThis article appeared first on apnews.com")])
    (d,) = [d for d in store.result().derivations if not d.source_id.startswith("external:")]
    assert (d.derived_id, d.source_id, d.kind, d.credited) == ("copy", "orig", "copy", True)


def test_copies_past_a_full_bucket_still_find_the_original(monkeypatch):
    """A wire story copied by more sites than a bucket holds: its keys turn "ubiquitous", yet
    the later copies still find the original among the first articles of its sentences."""
    monkeypatch.setattr(provenance.index, "MAX_BUCKET", 3)
    monkeypatch.setattr(provenance.index, "BAND_BUCKET", 3)
    store = Store(":memory:")
    _add(store, [RawDocument(source="a", id="orig", text=BASE, published="2025-03-01")])
    for i in range(6):
        _add(store, [RawDocument(source=f"c{i}", id=f"c{i}", text=f"{BASE}\n\nRelated Posts\nStory {i} of the day",
                                 published=f"2025-03-0{i + 2}")])
    sources = {d.derived_id: d.source_id for d in store.result().derivations if d.kind == "copy"}
    assert sources == {f"c{i}": "orig" for i in range(6)}


def test_a_batch_larger_than_the_profile_cache(monkeypatch):
    """Profiles of a batch's own articles stay at hand while its candidates fill the cache:
    one read back from the store has no passage keys to match its index keys with."""
    monkeypatch.setattr(provenance._Profiles, "SIZE", 1)
    store = Store(":memory:")
    _add(store, [RawDocument(source="a", id="orig", text=BASE, published="2025-03-01"),
                 RawDocument(source="b", id="copy", text=BASE + "\n\nRelated Posts", published="2025-03-02")])
    sources = {d.derived_id: d.source_id for d in store.result().derivations if d.kind == "copy"}
    assert sources == {"copy": "orig"}


def test_unrelated_same_topic_is_independent():
    other = ("The Marlow Bay council on Tuesday approved a new budget for its parks department, "
             "including funds for playground upgrades. Parks director Imelda Sorrentino said the plan "
             "would add three staff. Residents had asked for longer opening hours at the lido. "
             "The vote was unanimous. The council meets again next month.")
    store = Store(":memory:")
    _add(store, [RawDocument(source="a", id="a", text=BASE), RawDocument(source="b", id="b", text=other)])
    assert store.count("derivations") == 0


RETOLD = (
    "Residents of the Kessock estate packed a church hall on Thursday to hear plans for a ferry "
    "terminal on the north shore. Harbour planners showed drawings of a floating pontoon and a "
    "car park for 300 vehicles. Reports say the bridge, built in 1931, failed "
    "two inspections last year. Several speakers worried about evening noise from the ferries. "
    "Councillor Rafe Dunmore, who voted against, said the council had ignored cheaper options, as "
    "one account has it. A decision on the terminal is expected before the summer recess."
)


def test_passage_keys_survive_a_new_frame():
    """A sentence retold under a new frame loses its fingerprint but keeps its passage key."""
    from newsloom.provenance.align import sentences

    base = {k for s in sentences(BASE) for k in s.passages}
    retold = [s for s in sentences(RETOLD) if base.intersection(s.passages)]
    assert len(retold) == 2
    assert not {s.fingerprint for s in retold} & {s.fingerprint for s in sentences(BASE)}


def test_retold_passages_are_found_as_partial():
    """Two passages retold among new sentences share few bands, yet the passage keys bring
    the source up as a candidate and the alignment calls it a partial reuse."""
    store = Store(":memory:")
    _add(store, [RawDocument(source="a", id="orig", text=BASE, site="marlowherald.com"),
                 RawDocument(source="b", id="retold", text=RETOLD, site="northshoredigest.com")])
    (d,) = [d for d in store.result().derivations if not d.source_id.startswith("external:")]
    assert (d.derived_id, d.source_id, d.kind) == ("retold", "orig", "partial")


def test_passages_quoted_inside_longer_sentences_are_a_partial_reuse():
    """An opinion piece quoting two sentences of a report inside its own sentences reuses
    them word for word, though each of its sentences is much longer than the quoted one."""
    from newsloom.provenance.align import align, contains, sentences
    from newsloom.provenance.decide import evidence, kind_of

    report = ("An inspection found cracks in the hulls of two older vessels of the island fleet. "
              "Both ships will stay in port until repairs are finished next month. "
              "Passengers holding tickets will be moved to other sailings at no cost.")
    opinion = ("Harbour Times put it plainly on Monday: \"An inspection found cracks in the hulls of two "
               "older vessels of the island fleet.\" Then came the line every islander dreaded: \"Both ships "
               "will stay in port until repairs are finished next month.\" The operator owes its passengers more.")
    d, s = sentences(opinion), sentences(report)
    al = align(d, s)
    assert al.quoted == 2 and contains(d[0], s[0])
    assert kind_of(profile(_article(opinion), set()), evidence(profile(_article(opinion), set()),
                                                                 profile(_article(report), set()), al)) == "partial"


def _article(text: str):
    from newsloom.model import Article

    return Article(id="x", source="x", fingerprint="x", text=text)


class _Index:
    """A stand-in index (and outlet table) that answers by key space: ``{space: {article: shared}}``."""

    def __init__(self, shared: dict[int, dict[str, int]]) -> None:
        self.shared = shared

    def query(self, keys: list[int], max_bucket: int, min_shared: int = 1,
                  groups: dict[int, int] | None = None, head: int = 0) -> dict[str, int]:
        if head:
            return {}
        space = keys[0] >> 32 if keys else -1
        return {a: n for a, n in self.shared.get(space, {}).items() if n >= min_shared}

    def matches(self, keys: set[str], ids: list[str], *, citing: bool = False) -> set[str]:
        return {"credited"} & set(ids) if keys else set()


def test_weak_candidates_need_a_shared_passage():
    """Texts sharing a few bands but no passages are not aligned, however many there are
    (checking them made the cost per article grow with the corpus); a passage-sharing one is."""
    from newsloom.provenance.index import MAX_WEAK, PASSAGE_BAND, SENTENCE_BAND, candidates

    keys = [(0 << 32) | 1, (SENTENCE_BAND << 32) | 2, (PASSAGE_BAND << 32) | 3]
    chance = {f"near{i}": 7 for i in range(10)}
    index = _Index({0: {**chance, "retold": 3, "copy": 60, "me": 128},
                    SENTENCE_BAND: {"copy": 5, "me": 5},
                    PASSAGE_BAND: {"retold": 2, "copy": 5, "quoted": 2, "stray": 1, "me": 5}})
    got = [a for a, _ in candidates(index, index, "me", keys)]
    assert set(got) == {"copy", "retold", "quoted"}  # "stray": a single passage key
    index.shared[0]["credited"] = 4  # no passage, but from an outlet the article cites
    assert "credited" in [a for a, _ in candidates(index, index, "me", keys, cited={"hg"})]
    assert got[0] == "copy"
    busy = _Index({0: {f"r{i}": 3 for i in range(10)}, PASSAGE_BAND: {f"r{i}": 2 + i % 2 for i in range(10)}})
    assert len(candidates(busy, busy, "me", keys)) == MAX_WEAK


def test_anchor_keys_survive_a_paraphrase():
    """A sentence retold in other words keeps its names and figures, and with them an anchor
    key; a sentence of another event, or with fewer than two names and figures, has none in common."""
    from newsloom.provenance.align import anchor_keys, sentences

    (src,) = sentences("Firefighters from Dunmere pulled 14 passengers from the capsized Kestrel Star.")
    (para,) = sentences("The Kestrel Star overturned, and 14 people aboard were rescued by Dunmere's fire crews.")
    (other,) = sentences("Crews from Halvik saved 9 fishermen after the Morning Gull sank.")
    assert set(src.anchors) & set(para.anchors)
    assert not set(src.anchors) & set(other.anchors)
    assert anchor_keys(frozenset({"dunmere"})) == ()
    assert anchor_keys(frozenset({"dunmere", "7"})) == ()  # a one-digit number is no anchor
    assert anchor_keys(frozenset({"a", "b", "c"})) == anchor_keys(frozenset({"c", "b", "a"}))


class _Counting(_Index):
    """The stand-in index, remembering which key spaces were queried."""

    def __init__(self, shared: dict[int, dict[str, int]]) -> None:
        super().__init__(shared)
        self.asked: list[int] = []

    def query(self, keys: list[int], max_bucket: int, min_shared: int = 1,
              groups: dict[int, int] | None = None, head: int = 0) -> dict[str, int]:
        self.asked += [keys[0] >> 32] if keys else []
        return super().query(keys, max_bucket, min_shared, groups, head)


def test_a_paraphrase_is_a_weak_candidate_by_its_anchors():
    """A text sharing a few bands and no passage, but the names and figures of three of its
    sentences, is a weak candidate; two such sentences, or anchors without bands, are not;
    the anchors are looked up only when passages leave a weak slot free."""
    from newsloom.provenance.index import ANCHOR_BAND, MIN_ANCHORS, PASSAGE_BAND, candidates

    keys = [(0 << 32) | 1, (PASSAGE_BAND << 32) | 3, (ANCHOR_BAND << 32) | 4]
    index = _Counting({0: {"paraphrase": 4, "topic": 4, "me": 128},
                       ANCHOR_BAND: {"paraphrase": MIN_ANCHORS, "topic": MIN_ANCHORS - 1, "elsewhere": 5}})
    assert [a for a, _ in candidates(index, index, "me", keys)] == ["paraphrase"]
    assert ANCHOR_BAND in index.asked
    full = _Counting({0: {"paraphrase": 4, **{f"r{i}": 3 for i in range(3)}},
                      PASSAGE_BAND: {f"r{i}": 2 for i in range(3)}, ANCHOR_BAND: {"paraphrase": 9}})
    assert "paraphrase" not in [a for a, _ in candidates(full, full, "me", keys)]
    assert ANCHOR_BAND not in full.asked


def test_a_weak_candidate_shares_passages_of_two_sentences(tmp_path):
    """Both passage keys of one sentence meet when two texts share a single rare phrase: that
    is chance, not a reused passage; keys of two sentences are."""
    from newsloom.provenance.index import PASSAGE_BAND, candidates

    p = [(PASSAGE_BAND << 32) | k for k in (11, 12, 21, 22)]  # two keys for each of two sentences
    with Store(tmp_path / "s.db") as store:
        with store.transaction() as c:
            for a in ("me", "phrase", "retold"):
                c.execute("INSERT INTO articles (id, fingerprint, source, text, data, added_at)"
                          " VALUES (?,?,?,?,?,?)", (a, "f" + a, "test", "", "{}", "2026-01-01"))
        index, outlets = LshIndex(store), Outlets(store)
        index.add({"phrase": p[:2], "retold": [p[0], p[2]]})
        by_key = [a for a, _ in candidates(index, outlets, "me", p)]
        by_sentence = [a for a, _ in candidates(index, outlets, "me", p,
                                                sentence_of=dict(zip(p, (0, 0, 1, 1), strict=True)))]
    assert sorted(by_key) == ["phrase", "retold"]
    assert by_sentence == ["retold"]


@pytest.mark.parametrize(("a", "b"), [("Coastline Wire", "coastlinewire.com"), ("CW", "Coastline Wire"),
                                      ("https://www.cnn.com/x", "CNN")])
def test_outlet_keys_meet(a, b):
    assert outlet_keys(a) & outlet_keys(b)


def test_text_sentences_keep_abbreviations():
    text = "Mr. Smith met U.S. officials. They talked.\n\nA new paragraph."
    assert [text[s:e] for s, e in text_sentences(text)] == [
        "Mr. Smith met U.S. officials.", "They talked.", "A new paragraph."]


def _rewrite_of_base() -> str:
    """BASE re-said in full with a few words swapped and one sentence of its own added."""
    return (BASE.replace(" said ", " stated ").replace("last at least", "run for at least")
            + " Separately, the Hollis Ferry Authority named Corwin Ashby as its new chair on Monday.")


def test_undated_rewrite_derives_from_dated_original():
    """A rewrite that keeps every sentence and adds one looks like the fuller text; the
    page that lost its date is still the derived one."""
    docs = [RawDocument(source="a", id="orig", text=BASE, site="marlowpost.com", published="2025-03-01"),
            RawDocument(source="b", id="rw", text=_rewrite_of_base(), site="newsfarm.net")]
    store = Store(":memory:")
    _add(store, docs)
    main = [(d.derived_id, d.source_id, d.kind) for d in store.result().derivations if d.kind in {"copy", "rewrite"}]
    assert main == [("rw", "orig", "rewrite")]
    # Both undated, containment alone decides: the fuller text reads as the source.
    store = Store(":memory:")
    _add(store, [RawDocument(source=d.source, id=d.id, text=d.text, site=d.site) for d in docs])
    main = [(d.derived_id, d.source_id) for d in store.result().derivations if d.kind in {"copy", "rewrite"}]
    assert main == [("orig", "rw")]


def test_rewrite_with_name_dense_insertion():
    """Most sentences re-said: a rewrite, though an added sentence brings many new names."""
    from newsloom.clean import clean
    from newsloom.provenance.align import align
    from newsloom.provenance.decide import decide, evidence, profile

    kept = [BASE[s:e] for s, e in text_sentences(BASE)]
    text = " ".join([*kept[:3], kept[4],
                     "Also at the meeting were Governor Ines Varga, Senator Tobias Quill, Judge Perpetua Lind, "
                     "Alderman Cosimo Reyes, Harbourmaster Wendell Oakes and Treasurer Basil Fenn."])
    src = clean(RawDocument(source="a", text=BASE, site="marlowpost.com", published="2025-03-01"))
    drv = clean(RawDocument(source="b", text=text, site="newsfarm.net"))
    src.id, drv.id = "orig", "rw"
    pd, ps = profile(drv, set()), profile(src, set())
    d = decide(pd, ps)
    assert d is not None and (d.derived_id, d.source_id, d.kind) == ("rw", "orig", "rewrite")
    ev = evidence(pd, ps, align(pd.sentences, ps.sentences))
    assert ev.names < 0.55 <= ev.cover  # the names share alone would have said "partial"


def test_proxy_entities_skip_pronoun_clitics_and_titles():
    from newsloom.provenance.features import entities

    got = entities("He’s certain. I’ve met Sen. Ada Moor twice. They’ll visit Port Averly on Monday. "
                   "That’s where Ida May’s office is.")
    assert got == {"Ada Moor", "Port Averly", "Ida May"}


def test_a_stored_profile_reads_back_as_the_text_gives_it(demo_result):
    """A candidate's profile comes from the store, not a re-reading: it must be the same."""
    for a in demo_result.articles:
        fresh = profile(a, {"k"}, True)
        back = unpack(a, pack(fresh))
        assert back is not None and back.sentences == fresh.sentences
        assert (back.names, back.words, back.outlets, back.credits, back.credits_external) == (
            fresh.names, fresh.words, fresh.outlets, fresh.credits, fresh.credits_external)


def test_an_unreadable_or_old_stored_profile_is_read_again_from_the_text(demo_result):
    a = demo_result.articles[0]
    old_format = zlib.compress(json.dumps([[], [], []]).encode("utf-8"))
    assert unpack(a, b"not zlib") is None and unpack(a, old_format) is None
    store = Store(":memory:")
    store.add_articles([a], [])
    profiles = provenance._Profiles(store)
    profiles.add({a.id: a}, {a.id: b"not zlib"})
    assert profiles.cache[a.id].sentences == profile(a, set()).sentences


def test_indexed_articles_keep_their_profiles(tmp_path, demo_dir):
    from newsloom import analyze

    analyze([demo_dir], db=tmp_path / "p.db")
    with Store(tmp_path / "p.db") as store:
        ids = [r[0] for r in store.conn.execute("SELECT article_id FROM lsh_indexed")]
        assert ids and set(LshIndex(store).profiles(ids)) == set(ids)


def test_band_values_and_sentence_keys_have_their_own_bucket_caps():
    band, sentence = (5 << 32) | 9, (provenance.index.SENTENCE_BAND << 32) | 9
    assert provenance.index.bucket_cap(band) == provenance.index.BAND_BUCKET
    assert provenance.index.bucket_cap(sentence) == provenance.index.MAX_BUCKET


def test_an_opinion_quoting_a_follow_up_derives_from_the_follow_up():
    """Between two reports of one outlet, a partial reuse points at the one whose passages
    make more of the derived text: the follow-up it quotes, not the first report it shares
    a background line with."""
    first = ("PORT ELLIS (Harbour Times) — Two ferries of the island fleet were withdrawn on Monday after "
             "an inspection found cracks in their hulls. The island fleet carries about 4,000 passengers "
             "a day between Port Ellis and the outer islands. Fleet manager Ada Kroll said crossings to Velmaro "
             "and Orlen would run on a reduced timetable.")
    follow = ("PORT ELLIS (Harbour Times) — The ferry operator said on Wednesday that repairs to its two "
              "cracked vessels will take at least six weeks and cost about 2 million dollars. The operator "
              "has chartered a catamaran from the mainland to cover the busiest crossing until August. "
              "The island fleet carries about 4,000 passengers a day between Port Ellis and the outer islands.")
    opinion = ("Two ferries of the island fleet were withdrawn on Monday after an inspection found cracks in "
               "their hulls, the Harbour Times reported. As the same paper reported on Wednesday, \"repairs "
               "to its two cracked vessels will take at least six weeks and cost about 2 million dollars.\" Worse, "
               "\"the operator has chartered a catamaran from the mainland to cover the busiest crossing until "
               "August.\" Velmaro and Orlen deserve better than Ada Kroll's summer promises.")
    store = Store(":memory:")
    _add(store, [RawDocument(source="a", id="first", text=first, site="harbourtimes.com", published="2025-06-02"),
                 RawDocument(source="b", id="follow", text=follow, site="harbourtimes.com", published="2025-06-04"),
                 RawDocument(source="c", id="opinion", text=opinion, site="islandvoice.net", published="2025-06-05")])
    links = {(d.derived_id, d.source_id, d.kind) for d in store.result().derivations
             if not d.source_id.startswith("external:")}
    assert ("opinion", "follow", "partial") in links and not any(s == "first" for o, s, _ in links if o == "opinion")


@pytest.mark.parametrize("values, longest", [
    ([], 0), ([5], 1), ([1, 2, 3], 3), ([3, 1, 2], 2), ([2, 1, 4, 3, 5], 3), ([4, 3, 2, 1], 1),
])
def test_longest_chain_of_pairs_in_order(values, longest):
    from newsloom.provenance.align import _longest_chain

    assert _longest_chain(values) == longest


@pytest.mark.parametrize("in_order, words, sim, expected", [
    (9, 0.48, 0.6, "rewrite"),  # a thorough paraphrase: half the words, nine sentences retold in turn
    (6, 0.48, 0.6, "rewrite"),
    (5, 0.48, 0.6, "independent"),  # an independent report meets the source here and there
    (9, 0.40, 0.6, "independent"),  # in order, but too few of the source's words
    (9, 0.48, 0.9, "partial"),  # one press release's sentences kept nearly word for word: shared material
])
def test_a_source_retold_in_its_order_is_a_rewrite(in_order, words, sim, expected):
    from newsloom.provenance.align import Alignment
    from newsloom.provenance.decide import Evidence, kind_of

    text = " ".join(f"Harbour officials in Tarrow said on Monday that pier {i} would close." for i in range(14))
    derived = profile(_cleaned(text), set())
    pairs = [[i * 10, i * 10 + 9, i * 10, i * 10 + 9, sim] for i in range(9)]
    al = Alignment(pairs=pairs, derived_cover=0.45, in_order=in_order)
    assert len(derived.sentences) == 14
    assert kind_of(derived, Evidence(cover=0.45, names=0.5, words=words, alignment=al)) == expected


def _cleaned(text: str):
    from newsloom.clean import clean

    return clean(RawDocument(source="x", text=text, site="tarrowfarm.net"))


def test_a_host_code_points_a_credit_to_its_outlet_but_never_joins_two_outlets():
    """"(UAN)" on a scraper credits uanewswire.in; nytimes.com and nypost.com both spell "ny",
    and stay two outlets: a rewrite from one to the other is no follow-up."""
    from newsloom.clean import clean
    from newsloom.provenance.decide import credit_keys, credits_other, decide

    agency = clean(RawDocument(source="a", text=BASE, site="uanewswire.in", published="2025-03-01"))
    scraper = clean(RawDocument(source="b", text=BASE, site="scraper5.net", published="2025-03-01"))
    assert credits_other(profile(scraper, credit_keys("UAN")), profile(agency, set()))
    local = clean(RawDocument(source="c", text=BASE, site="ttnews.com", published="2025-03-01"))
    assert not credits_other(profile(scraper, credit_keys("Tarrow Times")), profile(local, set()))  # "tt": initials
    wire = clean(RawDocument(source="e", text=BASE, site="pnanews.in", published="2025-03-01"))
    assert credits_other(profile(scraper, credit_keys("Peninsula News Agency")), profile(wire, set()))
    kept = [BASE[s:e] for s, e in text_sentences(BASE)]
    text = " ".join([*kept[:3], kept[4], "Harbour staff said more would follow."])
    one = clean(RawDocument(source="c", text=BASE, site="nytimes.com", published="2025-03-01"))
    other = clean(RawDocument(source="d", text=text, site="nypost.com", published="2025-03-02"))
    one.id, other.id = "one", "other"
    d = decide(profile(other, set()), profile(one, set()))
    assert d is not None and d.kind != "update"

