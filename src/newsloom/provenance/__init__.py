"""Provenance: which articles copy or rewrite which, and whether they say so.

``stage(store, new_ids)`` indexes the new articles (``index.py``), checks each against its
few LSH candidates (``align.py``, ``decide.py``) and writes ``derivations``. Each derived
article keeps its best copy/rewrite source; passages reused under a named outlet are kept
as ``partial`` links; a credit to an outlet with no article in the corpus becomes a
derivation from the external node ``external:<outlet>``.
"""

from __future__ import annotations

from collections import OrderedDict
from weakref import WeakKeyDictionary

from newsloom.model import Article, Derivation
from newsloom.pipeline_types import NOTHING_FOUND, Analyses
from newsloom.provenance.decide import (
    Profile,
    credited_keys,
    decide,
    own_keys,
    own_outlet_keys,
    pack,
    profile,
    unpack,
)
from newsloom.provenance.index import bucket_cap, candidates, key_sentences, signature
from newsloom.provenance.tables import LshIndex, Outlets
from newsloom.store import BATCH, Store

MAIN_KINDS = {"copy", "rewrite", "update"}  # one main source per derived article


def external_id(name: str) -> str:
    return "external:" + name.strip().lower().removeprefix("www.")


def _credit_keys(store: Store, article: Article) -> tuple[set[str], bool]:
    """Keys of the outlets the article credits or cites, widened through corpus articles of
    those outlets (so "coastlinewire.com" also meets "CW"); and whether its credit is external."""
    keys: set[str] = set()
    external = False
    outlets = Outlets(store)
    for i, name_keys in enumerate(credited_keys(article)):
        if not name_keys:
            continue
        ids = [a for k in name_keys for a in outlets.articles_of(k, limit=3)]
        found = store.articles_by_ids(ids[:3])
        keys |= name_keys
        for other in found.values():
            keys |= own_outlet_keys(other)
        if i == 0 and not found:
            external = True
    return keys, external


class _Profiles:
    """Article profiles built on demand, the most recently used kept between stage runs
    (candidates recur: an original is checked against each of its copies as they arrive)."""

    SIZE = BATCH + 1000  # a whole batch and the candidates it meets

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: OrderedDict[str, Profile] = OrderedDict()

    def add(self, articles: dict[str, Article], packed: dict[str, bytes] | None = None) -> None:
        """Profile ``articles``, from their ``packed`` profiles where given."""
        packed = packed or {}
        for a in articles.values():
            blob = packed.get(a.id)
            got = unpack(a, blob) if blob is not None else None
            self.cache[a.id] = got or profile(a, *_credit_keys(self.store, a))

    def get(self, ids: list[str]) -> dict[str, Profile]:
        missing = [i for i in ids if i not in self.cache]
        if missing:
            self.add(self.store.articles_by_ids(missing), LshIndex(self.store).profiles(missing))
        out = {}
        for i in ids:
            if i in self.cache:
                self.cache.move_to_end(i)
                out[i] = self.cache[i]
        while len(self.cache) > self.SIZE:
            self.cache.popitem(last=False)
        return out


_PROFILES: WeakKeyDictionary[Store, _Profiles] = WeakKeyDictionary()


def _profiles(store: Store) -> _Profiles:
    if store not in _PROFILES:
        _PROFILES[store] = _Profiles(store)
    return _PROFILES[store]


def _rank(store: Store, d: Derivation, partial: bool = False) -> tuple[float, bool]:
    """Better source first: higher score; on a tie, a source that is not itself a copy or
    rewrite (a rewrite of the original should point at the original, not at its scraper copy).
    Between two partial reuses (``partial``): the one whose passages make more of the
    derived text (an opinion piece quoting an outlet's follow-up, not its first report)."""
    original = not any(e.kind in MAIN_KINDS for e in store.derivations_of(d.source_id))
    if partial:
        return float(sum(p[1] - p[0] for p in d.aligned)), original
    return round(d.score, 2), original


def _keep(store: Store, d: Derivation, profiles: _Profiles) -> None:
    """Store ``d`` unless its derived article already has a better source of the same standing.

    One main (copy/rewrite/update) source per derived article; one link per source outlet,
    the main one standing for any partial reuse of that outlet's other articles; a copy has
    no partial links (all its material is its source's).
    """
    existing = [e for e in store.derivations_of(d.derived_id) if not e.source_id.startswith("external:")]
    if any(e.source_id == d.source_id and e.score > d.score for e in existing):
        return
    outlets = profiles.get([d.source_id])[d.source_id].outlets

    def same_outlet(e: Derivation) -> bool:
        return bool(outlets & profiles.get([e.source_id])[e.source_id].outlets)

    if d.kind in MAIN_KINDS:
        rivals = [e for e in existing if e.kind in MAIN_KINDS and e.source_id != d.source_id]
        subsumed = [e for e in existing if e.kind == "partial" and (d.kind == "copy" or same_outlet(e))]
    else:
        if any(e.kind == "copy" for e in existing):
            return
        rivals = [e for e in existing if e.source_id != d.source_id and same_outlet(e)]
        subsumed = []
    def better(e: Derivation) -> bool:  # two partial reuses compare by the material they carry
        partial = d.kind == e.kind == "partial"
        return _rank(store, e, partial) >= _rank(store, d, partial)

    if any(better(e) for e in rivals):
        return
    store.delete_derivations([(e.derived_id, e.source_id) for e in rivals + subsumed])
    store.delete_derivations([(d.source_id, d.derived_id)])  # never both directions
    store.upsert_derivations([d])


def _root(store: Store, source_id: str, derived_id: str, kinds: tuple[str, ...] = ("copy", "rewrite")) -> str:
    """The original behind ``source_id`` when it is a copy or rewrite (``kinds``; of a
    copy…) of an older article."""
    seen = {derived_id, source_id}
    while True:
        up = [e.source_id for e in store.derivations_of(source_id) if e.kind in kinds]
        if not up or up[0] in seen:
            return source_id
        source_id = up[0]
        seen.add(source_id)


def _to_originals(store: Store, ids: set[str], profiles: _Profiles) -> None:
    """Point derivations from a copy or rewrite at its original when they carry the
    original's material too: the graph shows rewrite → original, copy → original and
    update → original, whatever order they arrived in. A copy of a rewrite stays a copy of
    it; a partial reuse of a copy is a partial reuse of the original, or nothing when the
    article has its own link to the original (an outlet's follow-up and a scraper's copy of
    its first report)."""
    for a_id in sorted(ids):
        for e in store.derivations_of(a_id):
            if e.source_id.startswith("external:"):
                continue
            kinds = ("copy", "rewrite") if e.kind in ("rewrite", "update") else ("copy",)
            root = _root(store, e.source_id, a_id, kinds)
            if root == e.source_id:
                continue
            got = profiles.get([a_id, root])
            d = decide(got[a_id], got[root]) if len(got) == 2 else None
            if e.kind == "partial":
                linked = any(x.source_id == root for x in store.derivations_of(a_id))
                if linked or (d and d.derived_id == a_id):
                    store.delete_derivations([(a_id, e.source_id)])
                if d and d.derived_id == a_id and not linked:
                    _keep(store, d, profiles)
            elif d and d.kind in MAIN_KINDS and d.derived_id == a_id:
                store.delete_derivations([(a_id, e.source_id), (root, a_id)])
                store.upsert_derivations([d])


def stage(store: Store, new_ids: list[str], analyses: Analyses = NOTHING_FOUND) -> None:
    """Find the derivations involving the new articles (idempotent for ids already indexed)."""
    index, outlets = LshIndex(store), Outlets(store)
    for i in range(0, len(new_ids), BATCH):
        batch = new_ids[i:i + BATCH]
        done = index.indexed(batch)
        todo = store.articles_by_ids([a for a in batch if a not in done])
        if not todo:
            continue
        with store.transaction():  # one commit per batch
            # its host's codes too: a credit to "(UAN)" finds uanewswire.in's articles
            outlets.add([(k, a.id) for a in todo.values() for k in own_keys(a)])
            profiles = _profiles(store)
            profiles.add(todo)
            # held here: the cache may drop them while the batch's candidates come in, and
            # a profile read back from the store has no passage keys
            mine = profiles.get(list(todo))
            sigs = {a_id: signature(p) for a_id, p in mine.items()}
            outlets.add([(k, a_id) for a_id, p in mine.items() for k in p.credits], citing=True)
            index.add(sigs, {a_id: pack(p) for a_id, p in mine.items()}, bucket_cap)
            seen: set[frozenset[str]] = set()
            touched: set[str] = set()
            for a_id, keys in sigs.items():
                me = mine[a_id]
                cands = [c for c, _ in candidates(index, outlets, a_id, keys, me.outlets, me.credits,
                                                  key_sentences(me))]
                pairs = [c for c in cands if frozenset((a_id, c)) not in seen]
                seen.update(frozenset((a_id, c)) for c in pairs)
                got = profiles.get(pairs)
                for c in pairs:
                    d = decide(me, got[c])
                    if d:
                        _keep(store, d, profiles)
                        touched |= {a_id, c}
                if me.credits_external and me.article.credited_source:
                    ext = external_id(me.article.credited_source)
                    outlets.add_external(ext, me.article.credited_source)
                    store.upsert_derivations([Derivation(derived_id=a_id, source_id=ext, kind="partial",
                                                         credited=True, score=0.0, aligned=[])])
            _to_originals(store, touched, profiles)
