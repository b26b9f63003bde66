"""One canonical entity across articles: exact names, then guarded fuzzy matching.

Two names of one type are the same entity when they are equal (case and a leading "the"
aside), when one is an alias of the other, or when they are spelling variants
("Zelensky"/"Zelenskyy", "Achterberg"/"Achterburg": rapidfuzz ratio ≥ 88). Guards keep
different people apart: two full names must agree on the first name (or its initial), so
"Melania Trump" never joins "Donald Trump"; a lone surname joins a full name only when one
person in the corpus has that surname (else one named five times as often as the next).
"""

from __future__ import annotations

import hashlib
import re

from rapidfuzz import fuzz

from newsloom.entities.extract import LocalEntity, canonical_name
from newsloom.entities.names import surname
from newsloom.model import Entity, Mention, Role

FUZZY = 88  # rapidfuzz ratio for two spellings of one name
_SAME_KIND = {"ORG": "ORG", "OUTLET": "ORG", "PLATFORM": "ORG", "PERSON": "PERSON", "PLACE": "PLACE"}


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
        return fuzz.ratio(surname(na), surname(nb)) >= FUZZY
    return False


def _matches(entity: Entity, local: LocalEntity, name: str) -> bool:
    if _SAME_KIND.get(entity.type) != _SAME_KIND.get(local.type):
        return False
    if local.type == "PERSON":
        if len(name.split()) == 1:
            return _norm(entity.name) == _norm(name)  # a lone surname: see _lone_surname_owner
        full = [a for a in entity.aliases if len(a.split()) >= 2]
        return any(same_person(a, name) for a in [entity.name, *full])
    names = {_norm(entity.name), *(_norm(a) for a in entity.aliases)}
    if _norm(name) in names:
        return True
    return len(name) > 5 and fuzz.ratio(_norm(entity.name), _norm(name)) >= 94


def _lone_surname_owner(entities: list[Entity], word: str) -> Entity | None:
    """The one person with this surname (fuzzy), or a clearly dominant one."""
    owners = [
        e for e in entities
        if e.type == "PERSON" and len(e.name.split()) >= 2
        and fuzz.ratio(surname(e.name).lower(), word.lower()) >= FUZZY
    ]
    if len(owners) == 1:
        return owners[0]
    owners.sort(key=lambda e: len(e.mentions), reverse=True)
    if len(owners) >= 2 and len(owners[0].mentions) >= 5 * len(owners[1].mentions):
        return owners[0]
    return None


def merge(
    existing: list[Entity], locals_: list[LocalEntity]
) -> tuple[list[Entity], dict[int, Entity], dict[str, Entity]]:
    """Fold one article's entities into the corpus's (``existing`` is updated in place).

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
        target = next((e for e in existing if _matches(e, local, name)), None)
        if target is None and local.type == "PERSON" and len(name.split()) == 1:
            target = _lone_surname_owner(existing, name)
        if target is None:
            target = Entity(id=entity_id(local.type, name), name=name, type=local.type)
            existing.append(target)
        if local.type == "PERSON" and len(name.split()) >= 2:
            # a lone surname seen earlier ("Okoro") now has its full name
            for lone in [e for e in existing if e.type == "PERSON" and len(e.name.split()) == 1 and e is not target]:
                if _lone_surname_owner(existing, lone.name) is target:
                    _absorb(target, LocalEntity(type="PERSON", mentions=lone.mentions))
                    target.article_ids = sorted(set(target.article_ids) | set(lone.article_ids))
                    existing.remove(lone)
                    changed.pop(lone.id, None)
                    absorbed[lone.id] = target
        _absorb(target, local)
        changed[target.id] = target
        placed[id(local)] = target
    return list(changed.values()), placed, absorbed


def _absorb(entity: Entity, local: LocalEntity) -> None:
    article_id = local.mentions[0].article_id if local.mentions else None
    seen = {(m.article_id, m.start, m.end) for m in entity.mentions}
    entity.mentions += [m for m in local.mentions if (m.article_id, m.start, m.end) not in seen]
    entity.aliases = sorted(set(entity.aliases) | set(local.aliases))
    if article_id and article_id not in entity.article_ids:
        entity.article_ids.append(article_id)
    for text in local.roles:
        role = next((r for r in entity.roles if r.text.lower() == text.lower()), None)
        if role is None:
            role = Role(text=text)
            entity.roles.append(role)
        if article_id and article_id not in role.article_ids:
            role.article_ids.append(article_id)
    if entity.type == "ORG" and local.type in ("OUTLET", "PLATFORM"):
        entity.type = local.type  # the more specific label wins
    entity.name = canonical_name([m.text for m in entity.mentions], entity.type) or entity.name


def mention_key(m: Mention) -> tuple[str, int, int]:
    return (m.article_id, m.start, m.end)
