"""One canonical entity across articles: exact names, then guarded fuzzy matching.

Two names of one type are the same entity when they are equal (case and a leading "the"
aside; an organisation and a place of one name too, as NER confuses them), when one is an
alias of the other (not two organisations that share initials and are each named in full
differently: "DNC" of a committee and of a convention), or when they are spelling variants
("Zelensky"/"Zelenskyy", "Achterberg"/"Achterburg": rapidfuzz ratio ≥ 88). Guards keep different people apart: two
full names must agree on the first name (or its initial), so "Melania Trump" never joins
"Donald Trump"; a lone surname joins a full name only when one person in the corpus has that
surname (else one named five times as often as the next).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Protocol

from rapidfuzz import fuzz

from newsloom.entities.extract import LocalEntity, canonical_name, gazetteer
from newsloom.entities.names import family_name, generation
from newsloom.entities.resolve import KINDS
from newsloom.lang.en.names import COMPANY_SUFFIXES
from newsloom.model import Entity, Mention, Role

FUZZY = 88  # rapidfuzz ratio for two spellings of one name
STATED_WEIGHT = 3  # an article whose text states an entity's type counts its mentions this many times
# an organisation and a place of exactly one name are one entity (never by fuzzy spelling)
_NAMED_ONLY = {"ORG", "PLACE"}


def entity_id(etype: str, name: str) -> str:
    return "e" + hashlib.sha1(f"{etype}|{name.lower()}".encode()).hexdigest()[:12]


def _norm(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.lower().replace("’", "'").split()))


def _first_compatible(a: str, b: str) -> bool:
    fa, fb = a.split()[0].rstrip("."), b.split()[0].rstrip(".")
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return fuzz.ratio(fa, fb) >= FUZZY


def same_person(a: str, b: str) -> bool:
    """Two person names for one person (see module docstring for the guards)."""
    na, nb = _norm(a), _norm(b)
    if na == nb:
        return True
    wa, wb = na.split(), nb.split()
    if len(wa) >= 2 and len(wb) >= 2:
        if not _first_compatible(na, nb):
            return False  # a shared surname is not enough: two members of one family
        if generation(na) != generation(nb):
            return False  # "Ken Voss Jr." is not "Ken Voss"
        return fuzz.ratio(family_name(na), family_name(nb)) >= FUZZY
    return False


def _matches(entity: Entity, local: LocalEntity, name: str) -> bool:
    kinds = {KINDS.get(entity.type), KINDS.get(local.type)}
    if kinds == _NAMED_ONLY:  # NER mixes them up: "Tessaly Line" the carrier, as a place
        return _norm(name) in {_norm(entity.name), *(_norm(a) for a in entity.aliases)}
    if len(kinds) > 1:
        return False
    if local.type == "PERSON":
        if len(name.split()) == 1:
            return _norm(entity.name) == _norm(name)  # a lone surname: see _lone_surname_owner
        full = [a for a in entity.aliases if len(a.split()) >= 2]
        return any(same_person(a, name) for a in [entity.name, *full])
    names = {_norm(entity.name), *(_norm(a) for a in entity.aliases)}
    if not (_norm(name) in names or (len(name) > 5 and fuzz.ratio(_norm(entity.name), _norm(name)) >= 94)):
        return False
    # initials two organisations share ("DNC": the committee, the convention) join neither
    # to the other when each is named in full and the full names differ
    mine = {_without_suffix(n) for n in (_norm(a) for a in local.aliases) if " " in n}
    theirs = {_without_suffix(n) for n in names if " " in n}
    return not (mine and theirs) or any(_same_org(a, b) for a in mine for b in theirs)


def _same_org(a: str, b: str) -> bool:
    """Two full names of one organisation: alike, or one inside the other word for word
    ("food and drug administration", "u.s. food and drug administration")."""
    return a == b or fuzz.ratio(a, b) >= 94 or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def _without_suffix(name: str) -> str:
    """A normalised organisation's name without its company suffix ("tarrow mining co." and
    "tarrow mining company" are one)."""
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 2 and words[-1].strip(".") in COMPANY_SUFFIXES else name


def _keys(etype: str, names: list[str]) -> set[str]:
    """Blocking keys: each exact name, and the first three letters of each (of a person's
    surname). Every match the rules above allow shares one — fuzzy spellings that differ in
    their first three letters aside — so lookups never scan the whole corpus."""
    kind = KINDS.get(etype, etype)
    out: set[str] = set()
    for n in names:
        norm = _norm(n)
        if norm:
            stem = family_name(norm) if kind == "PERSON" else norm
            out |= {f"{kind}|={norm}", f"{kind}|^{stem[:3]}"}
            if kind in _NAMED_ONLY:
                out.add(f"ORG/PLACE|={norm}")
    return out


class StoredEntities(Protocol):
    """Where an :class:`EntityIndex` reads the stored entities it has not yet seen
    (``entities.tables.EntityKeys``)."""

    def ids(self, keys: Iterable[str]) -> set[str]: ...
    def load(self, ids: Iterable[str]) -> list[tuple[int, Entity]]: ...
    def has(self, entity_id: str) -> bool: ...
    def last(self) -> int: ...


def entity_keys(entity: Entity) -> set[str]:
    """The blocking keys of an entity: of its name and aliases."""
    return _keys(entity.type, [entity.name, *entity.aliases])


class EntityIndex:
    """The corpus's entities with blocking keys, and per-entity tallies (mention texts,
    mention keys, article ids) kept beside them, so that folding one article in costs what
    that article brings, not what the corpus or a famous entity has accumulated.

    With ``stored``, the stored entities are read as a lookup first needs their keys (each
    key once), so a run reads the entities its articles could join, not all of them; they
    keep their store order, and entities added here come after them."""

    def __init__(self, entities: Iterable[Entity] = (), stored: StoredEntities | None = None) -> None:
        self._all: dict[str, Entity] = {}
        self._order: dict[str, int] = {}
        self._by_key: dict[str, set[str]] = defaultdict(set)
        self._keys_of: dict[str, set[str]] = {}
        self._tally: dict[str, tuple[Counter[str], set[tuple[str, int, int]], set[str]]] = {}
        self._stored = stored
        self._read: set[str] = set()  # keys looked up in ``stored``
        self._gone: set[str] = set()  # stored entities removed here (the store still holds them)
        self.names_read: dict[str, str] = {}  # stored entities' names as read (merging renames in place)
        self._next = stored.last() + 1 if stored is not None else 0
        for e in entities:
            self.add(e)

    def __iter__(self) -> Iterator[Entity]:
        """The entities held (with ``stored``: those read so far, and those added)."""
        return iter(self._all.values())

    def __len__(self) -> int:
        return len(self._all)

    def __contains__(self, entity_id: object) -> bool:
        if entity_id in self._all:
            return True
        return (self._stored is not None and isinstance(entity_id, str) and entity_id not in self._gone
                and self._stored.has(entity_id))

    def add(self, entity: Entity, order: int | None = None) -> None:
        self._all[entity.id] = entity
        self._gone.discard(entity.id)
        if entity.id not in self._order:
            self._order[entity.id] = self._next if order is None else order
            self._next = max(self._next, self._order[entity.id]) + 1
        self.reindex(entity)

    def remove(self, entity: Entity) -> None:
        for k in self._keys_of.pop(entity.id, set()):
            self._by_key[k].discard(entity.id)
        self._all.pop(entity.id, None)
        self._tally.pop(entity.id, None)
        self._gone.add(entity.id)

    def keys(self, entity_id: str) -> set[str]:
        """The blocking keys an entity held here has now."""
        return self._keys_of[entity_id]

    def reindex(self, entity: Entity) -> None:
        keys = entity_keys(entity)
        for k in self._keys_of.get(entity.id, set()) - keys:
            self._by_key[k].discard(entity.id)
        for k in keys:
            self._by_key[k].add(entity.id)
        self._keys_of[entity.id] = keys

    def _lookup(self, keys: Iterable[str]) -> set[str]:
        """The ids under ``keys``, having read the stored entities under those not read yet
        (one held here already is the newer: the store's copy is left unread)."""
        keys = list(keys)
        if self._stored is not None and (fresh := [k for k in keys if k not in self._read]):
            self._read.update(fresh)
            unseen = self._stored.ids(fresh) - self._all.keys() - self._gone
            for rowid, entity in self._stored.load(unseen):
                self.names_read[entity.id] = entity.name
                self.add(entity, order=rowid)
        return set().union(*(self._by_key.get(k, ()) for k in keys))

    def near(self, etype: str, name: str) -> list[Entity]:
        """Entities that could match ``name``, in the order they were first stored."""
        ids = self._lookup(_keys(etype, [name]))
        return sorted((self._all[i] for i in ids), key=lambda e: self._order[e.id])

    def named(self, name: str) -> list[Entity]:
        """Entities whose canonical name is ``name`` (case and a leading "the" aside), of any
        type; for an acronym, also those that have it as an alias ("FHWU" of the "Ferry and
        Harbour Workers' Union", which NER called a person elsewhere)."""
        norm = _norm(name)
        acronym = 2 <= len(name) <= 6 and name.isalpha() and name.isupper()
        ids = self._lookup(f"{k}|={norm}" for k in sorted(set(KINDS.values())))
        return sorted((e for i in ids if _norm((e := self._all[i]).name) == norm or (acronym and name in e.aliases)),
                      key=lambda e: self._order[e.id])

    def tally(self, entity: Entity) -> tuple[Counter[str], set[tuple[str, int, int]], set[str]]:
        """(mention text counts, mention keys, article ids) of ``entity``, built once."""
        if entity.id not in self._tally:
            self._tally[entity.id] = (Counter(m.text for m in entity.mentions),
                                      {mention_key(m) for m in entity.mentions}, set(entity.article_ids))
        return self._tally[entity.id]


def _lone_surname_owner(index: EntityIndex, word: str) -> Entity | None:
    """The one person with this surname (fuzzy), or a clearly dominant one."""
    owners = [
        e for e in index.near("PERSON", word)
        if e.type == "PERSON" and len(e.name.split()) >= 2
        and fuzz.ratio(family_name(e.name).lower(), word.lower()) >= FUZZY
    ]
    if len(owners) == 1:
        return owners[0]
    owners.sort(key=lambda e: len(e.mentions), reverse=True)
    if len(owners) >= 2 and len(owners[0].mentions) >= 5 * len(owners[1].mentions):
        return owners[0]
    return None


def _a_place(name: str) -> bool:
    return gazetteer().get(name) == "PLACE"


def _retyped(index: EntityIndex, local: LocalEntity, name: str) -> Entity | None:
    """The entity of the same name under another type, which ``local`` joins: a name lives
    under one type, the one more of its mentions have (the stored entity's, on a tie), the
    mentions of an article whose text states it ("the website X": ``local.described``)
    counting three times. A
    person's name spelt a little differently under another type ("Volodymyr Zelensky" typed
    an organisation, "Volodymyr Zelenskyy" a person) is that person."""
    kind = KINDS.get(local.type)
    other = next((e for e in index.named(name) if KINDS.get(e.type) != kind), None)
    if other is not None:
        # an article that says what it is weighs as three ("the website X"), never making a place a person
        stated = local.described and (local.type == "PLACE" or not _a_place(name))
        if len(local.mentions) * (STATED_WEIGHT if stated else 1) > len(other.mentions):
            other.type = local.type
            index.reindex(other)
        return other
    if len(name.split()) < 2:
        return None
    kinds = {k for k in KINDS.values() if k != kind}
    near = [e for k in sorted(kinds) for e in index.near(k, name) if KINDS.get(e.type) != kind]
    other = next((e for e in near if (local.type == "PERSON" or e.type == "PERSON") and same_person(e.name, name)),
                 None)
    if other is not None and other.type != "PERSON":
        other.type = "PERSON"
        index.reindex(other)
    return other


def merge(
    index: EntityIndex, locals_: list[LocalEntity]
) -> tuple[list[Entity], dict[int, Entity], dict[str, Entity]]:
    """Fold one article's entities into the corpus's (``index`` is updated in place).

    Returns the changed entities, the entity each local one went to (keyed by
    ``id(local)``), and the entities absorbed into another (old id -> new entity).
    """
    changed: dict[str, Entity] = {}
    absorbed: dict[str, Entity] = {}
    placed: dict[int, Entity] = {}
    for local in sorted(locals_, key=lambda x: -len(x.name.split())):
        name = local.name
        if not name:
            continue
        target = next((e for e in index.near(local.type, name) if _matches(e, local, name)), None)
        if target is None and len(name.split()) == 1:
            target = _lone_surname_owner(index, name)
            if target is not None and local.type != "PERSON" and (
                _a_place(name) or len(target.mentions) < 3 * len(local.mentions)
            ):
                target = None  # "Kroll" typed a place joins the one Kroll only when the corpus says it is a person
        if target is None:
            target = _retyped(index, local, name)
        if target is None:
            target = Entity(id=_free_id(index, local.type, name), name=name, type=local.type)
            index.add(target)
        if local.type == "PERSON" and len(name.split()) >= 2:
            # a lone surname seen earlier ("Okoro") now has its full name
            lones = [e for e in index.near("PERSON", family_name(target.name))
                     if e.type == "PERSON" and len(e.name.split()) == 1 and e is not target]
            # ... or one NER typed otherwise ("Putin" a place), once the corpus names the person 3x as often
            lones += [e for e in index.named(family_name(target.name))
                      if e.type in ("ORG", "PLACE") and not _a_place(e.name)
                      and len(target.mentions) + len(local.mentions) >= 3 * len(e.mentions)]
            for lone in lones:
                if _lone_surname_owner(index, lone.name) is target:
                    _absorb(index, target, LocalEntity(type="PERSON", mentions=lone.mentions))
                    for a in lone.article_ids:
                        _add_article(index, target, a)
                    target.article_ids.sort()
                    index.remove(lone)
                    changed.pop(lone.id, None)
                    absorbed[lone.id] = target
        _absorb(index, target, local)
        changed[target.id] = target
        placed[id(local)] = target
    return list(changed.values()), placed, absorbed


def _free_id(index: EntityIndex, etype: str, name: str) -> str:
    """The id of a new entity: from its type and name, or, when an entity that started under
    them has since been renamed or retyped and still holds that id, the next free variant
    (reusing it would overwrite that entity and lose its mentions)."""
    eid, n = entity_id(etype, name), 1
    while eid in index:
        eid, n = entity_id(etype, f"{name}#{n}"), n + 1
    return eid


def _add_article(index: EntityIndex, entity: Entity, article_id: str) -> None:
    articles = index.tally(entity)[2]
    if article_id not in articles:
        articles.add(article_id)
        entity.article_ids.append(article_id)


def _absorb(index: EntityIndex, entity: Entity, local: LocalEntity) -> None:
    article_id = local.mentions[0].article_id if local.mentions else None
    forms, seen, _ = index.tally(entity)
    for m in local.mentions:
        if mention_key(m) not in seen:
            seen.add(mention_key(m))
            forms[m.text] += 1
            entity.mentions.append(m)
    entity.aliases = sorted(set(entity.aliases) | set(local.aliases))
    if article_id:
        _add_article(index, entity, article_id)
    for text in local.roles:
        role = next((r for r in entity.roles if r.text.lower() == text.lower()), None)
        if role is None:
            role = Role(text=text)
            entity.roles.append(role)
        if article_id and article_id not in role.article_ids:
            role.article_ids.append(article_id)
    if entity.type == "ORG" and local.type in ("OUTLET", "PLATFORM"):
        entity.type = local.type  # the more specific label wins
    entity.name = canonical_name(forms, entity.type) or entity.name
    index.reindex(entity)


def mention_key(m: Mention) -> tuple[str, int, int]:
    return (m.article_id, m.start, m.end)
