"""One referent, one entity, within an article.

The mentions NER and the rules propose are repaired, then resolved with the whole article as
evidence, before any corpus-wide merging:

- **repaired**: a mention ends before a possessive inside it ("Kroll's Harbour" is Kroll), starts
  after a dash ("N.C.—Ada Kroll", a dateline glued to a name), and a person's mention starts
  after the titles it swallowed ("Orlen Deputy Mayor Ada Kroll"); a person's title opening an
  organisation makes a person ("Senator Kroll"); two organisations joined by "and the" after a
  whole name are two; an acronym defined after a name spells where it starts ("the Ferry and
  Harbour Workers' Union (FHWU)"); a mention cut short takes the fuller name the article
  proposes elsewhere when the text runs on into it word for word;
- **not entities** dropped: a lone function word ("Whether", "Near"), calendar word or title
  ("Counsel"), a lone word the article also writes in lower case ("Protests" beside "protests"),
  a lone plural typed as a person or place ("Latinos", "Clintons": groups, not one referent), a
  party and state ("R-Ky."), a person's name with a function word inside ("C. He");
- **short forms joined**: a name said in full elsewhere in the article ("Ada Kroll" typed ORG once)
  is that person; a lone surname joins the nearest full name before it that ends in it (else the
  first after), a lone first name likewise when the full names with it share one surname;
  initials join the organisation they abbreviate ("NPA" and "Northgate Press Agency"); a word
  the gazetteer knows as a place and NER typed as one stays a place;
- **one type by vote**: every other name takes the type most of its mentions have, with the
  gazetteer voting for a place, a known first name for a person, a head word ("… County", "…
  Party", "… Ferries") for a place or an organisation (outweighing one label of the model, not
  several); a descriptor in the text settles it ("the website X", "X, an advocacy group,", "X
  is a retailer.", "Terre Haute, Ind.", a list of places around a one-word "person").

Each rule reads only the article: the same text gives the same entities wherever it is analysed.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from newsloom.entities.names import family_name, first_names, is_name_like
from newsloom.lang.en.calendar import CALENDAR_WORDS
from newsloom.lang.en.names import (
    AMBIGUOUS_HEADS,
    COMPANY_SUFFIXES,
    DESCRIPTOR_TYPES,
    EVENT_HEADS,
    HYPHEN_PREFIXES,
    NAME_PARTICLES,
    ORG_HEADS,
    PLACE_AFTER,
    PLACE_HEADS,
    PLACE_OPENERS,
    SHIP_PREFIXES,
    STATE_ABBREVIATIONS,
    VESSEL_WORDS,
)
from newsloom.lang.en.outlets import KNOWN_OUTLETS, OUTLET_WORDS
from newsloom.lang.en.titles import PERSON_HONORIFICS, TITLE_HEADS, TITLE_WORDS
from newsloom.lang.en.words import NO_SUBJECT, SENTENCE_OPENERS, STOPWORDS

#: The kind of each entity type: outlets and platforms are organisations (a name lives under one kind).
KINDS = {"ORG": "ORG", "OUTLET": "ORG", "PLATFORM": "ORG", "PERSON": "PERSON", "PLACE": "PLACE"}
_ORG_LIKE = {t for t, k in KINDS.items() if k == "ORG"}
_POSSESSIVE_INSIDE = re.compile(r"['’‘]s\s")
_OF_INSIDE = re.compile(r"\s+of\s+")  # "Ada Kroll of Orlen": the name ends before "of"
_DASH = re.compile(r"\s*[—–]\s*|(?<=\.)-(?=[A-Z])")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*")
_PARTY_STATE = re.compile(r"^[RDI]-[A-Z][A-Za-z.]{0,5}$")  # "(R-Ky.)": a party and a state, no name
_INITIAL_THEN_NAME = re.compile(r"\.\s+[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)?(?=[\s,.;:!?’”)]|$)")
_PARTICLE_BEFORE_HYPHEN = re.compile(rf"(?<![\w-])(?i:{'|'.join(NAME_PARTICLES)}|abu|abd|bin)$")
_ORG_TAIL = re.compile(r"\s+(?P<link>for|of|and|&)\s+(?:the\s+)?(?P<words>[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,3})")
# a full stop and a word that opens sentences, not a name ("Univ. of Mass. Amherst" stays)
_SENTENCE_END_INSIDE = re.compile(r"(?<=[a-z]{3})\.\s+(?=(?:The|A|An|He|She|It|They|We|I|In|On|But|And|This|That)\b)")
_AND_THE = re.compile(r"\s+(?:and|&)\s+(?P<the>[Tt]he)\s+[A-Z]")
_AND = re.compile(r"\s+(?:and|&)\s+")
_WORD_THEN_NAME = re.compile(r"(?P<word>[A-Z][a-z]+)\s+(?P<first>[A-Z][a-z]+)\s+(?P<last>[A-Z][\w’'-]+)$")
# a person's title opening what the model called an organisation or a place ("Senator Sanders")
_HONORIFIC_OPENS = re.compile(rf"(?i:{'|'.join(re.escape(t) for t in sorted(PERSON_HONORIFICS))})\s+"
                              r"(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)?)$")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_THE_OPENS = re.compile(r"(?:^|[.!?][”\"’')]?\s+|\n\s*)The\s+$")  # "The Lantern is a weekly": the name opens it
_OPENERS = {"“", '"', "‘", "«"}
_CLOSERS = {"”", '"', "’", "»"}
# words that open a clause or sentence before a name ("Whether Cruz will run", "What Washington did")
_OPENERS_BEFORE_NAMES = SENTENCE_OPENERS | NO_SUBJECT | {
    "whether", "what", "which", "who", "where", "why", "how", "if", "as", "near", "outside", "than", "because"}
_PLACE_PREPOSITIONS = "in|to|from|at|near|outside|across|into|around|throughout"
_INITIALS_SKIP = {"of", "the", "and", "for", "&", "on", "in", "de", "du", "des", "la", "le"}
# types, most specific first: the order breaks ties in a vote
_PREFERENCE = ("PERSON", "OUTLET", "PLATFORM", "ORG", "PLACE")


@dataclass
class Proposal:
    """One mention as proposed: where, which type, and what the tagger says of a one-word one."""

    start: int
    end: int
    type: str
    plural: bool = False  # the model tagged it a plural proper noun ("Latinos")
    noun: bool = False  # ... or, one word, a common noun or an adjective ("Sources have said", "Muslim leaders")
    clause_subject: bool = False  # the subject of a clause on the noun before it ("the law Congress passed")


def _is_title(word: str) -> bool:
    w = word.lower()
    return w in TITLE_WORDS or w + "." in TITLE_WORDS


def repair(text: str, start: int, end: int, etype: str) -> tuple[int, int] | None:
    """The mention's span once cut at a possessive, a dash and (for a person) swallowed
    titles; None when nothing of a name is left."""
    if etype == "PERSON" and (m := _INITIAL_THEN_NAME.match(text, end)) and re.search(r"\b[A-Z]$", text[start:end]):
        end = m.end()  # "Donald J" + ". Trump": the initial's full stop ended a sentence
    if start > 1 and text[start - 1] == "-" and (m := _PARTICLE_BEFORE_HYPHEN.search(text, 0, start - 1)):
        start = m.start()  # "Al-Shabaab"; not "Trump-Putin" or "US-Russia", two names
    if etype in _ORG_LIKE:
        end = _org_tail(text, end)
        end = _first_of_two(text, start, end, etype)
        start = _spelt_by_acronym(text, start, end)
    span = text[start:end]
    if (m := _POSSESSIVE_INSIDE.search(span)) is not None:
        end = start + m.start()
    dashes = list(_DASH.finditer(text, start, end))
    if dashes and is_name_like(text[dashes[-1].end() : end]):
        start = dashes[-1].end()
    if etype == "PERSON" and (m := _OF_INSIDE.search(text, start, end)) is not None:
        end = m.start()
    if etype == "PERSON":
        words = [(m.start(), m.group()) for m in re.finditer(r"\S+", text[start:end])]
        for i in range(len(words) - 2, -1, -1):  # the last title word with a name after it
            after = len(words) - i - 1
            if _is_title(words[i][1]) and (after >= 2 or words[i][1].endswith(".")):
                start += words[i + 1][0]
                break
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and text[end - 1] in " ,;:'’\"”―—–-":
        end -= 1
    # "Whether Cruz": a clause's opening word is no part of a name (but "Will Smith", "Whole
    # Foods"); "Bernie Sanders of": nor a lower-case function word after it
    while (m := re.match(r"(\S+)\s+(?=\S)", text[start:end])) and m.group(1).lower() in _OPENERS_BEFORE_NAMES \
            and m.group(1).lower() not in first_names():
        start += m.end()
    while (m := re.search(r"(?<=\S)\s+(\S+)$", text[start:end])) and m.group(1).islower() \
            and _function_word(m.group(1)):
        end = start + m.start()
    return (start, end) if end > start else None


_HYPHEN_AFTER = re.compile(r"(?:-[A-Z][\w’']*){1,3}")
_HYPHEN_BEFORE = re.compile(r"(?<![\w-])(?:[A-Z][\w’']*-){1,3}$")
_STANDALONE = re.compile(r"(?<![\w’'-])[A-Z][\w’']*(?![\w’'-])")


@functools.lru_cache(maxsize=8)
def _standalone(text: str) -> frozenset[str]:
    """The capitalised words the text writes on their own, not inside a hyphenated compound
    (read once per article)."""
    return frozenset(_STANDALONE.findall(text))


def _hyphenated(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole hyphenated name a mention is a piece of ("Hewlett" of "Hewlett-Packard",
    "Eakin" of "Holtz-Eakin", "Goldwyn" of "Metro-Goldwyn-Mayer"); not when the text writes a
    piece, this one or another, on its own ("Biden-Harris administration … Biden said": two
    names), a piece is an acronym ("Post-ABC poll") or a prefix ("Ex-Trump", "Anti-Trump")."""
    alone = _standalone(text)
    mine = text[start:end]

    def apart(pieces: list[str]) -> bool:
        return (mine.isupper() or mine in alone
                or any(w in alone or w.isupper() or w.lower() in HYPHEN_PREFIXES for w in pieces))

    if (m := _HYPHEN_AFTER.match(text, end)) and not apart(m.group()[1:].split("-")):
        end = m.end()
    if (m := _HYPHEN_BEFORE.search(text, max(0, start - 60), start)) and not apart(m.group()[:-1].split("-")):
        start = m.start()
    return start, end


def _sentence_start(text: str, start: int) -> bool:
    return re.search(r"(?:^|[.!?:][”\"’')]?\s+|\n\s*|[“\"‘(]\s*)$", text[max(0, start - 4) : start]) is not None


def _without_opening_word(text: str, start: int, end: int, lower: set[str], places: dict[str, str]) -> tuple[int, int]:
    """A person's mention without the word that opens its sentence when that word is a role
    ("Actor Clint Howard") or one the article writes in lower case ("Combine Clinton and
    Sanders' numbers"), and the name lists do not know it as a first name; not when the text
    writes the whole name in mid-sentence too."""
    words = text[start:end].split(" ", 1)
    if len(words) < 2 or not _sentence_start(text, start) or not words[1][:1].isupper():
        return start, end
    low = words[0].lower()
    role = DESCRIPTOR_TYPES.get(low) == "PERSON" or low in TITLE_HEADS
    if low in first_names() or not (role or low in lower):
        return start, end
    if re.search(rf"[a-z,;]\s+{re.escape(text[start:end])}", text) or words[1] in places:
        return start, end  # "… with Rush Limbaugh": a first name after all; "Say Mexico": no person left
    return start + len(words[0]) + 1, end


def _function_word(word: str) -> bool:
    """A function word, not one in capitals that may be an acronym ("US"; "COULD" is one)."""
    low = word.lower().rstrip(".")
    return (low in STOP_WORDS or low in STOPWORDS) and (not word.isupper() or len(low) > 3)


def quoted(text: str, start: int, end: int) -> bool:
    """A name that is all a quotation holds (“Frozen”, ''Full House''), or a piece of a quoted
    title (“Tales From the Crypt”, ''Hail, Caesar!''): the title of a work, a slogan or a
    nickname, which no entity type fits."""
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    if (before[-1:] in _OPENERS and after[:1] in _CLOSERS) or (before == "''" and after == "''"):
        return True
    return _in_quoted_title(text, start, end)


_QUOTE_MARK = re.compile(r"“|”|''|\"|«|»|(?:(?<=\s)|^)‘|’(?![\w])")
_CLOSER_OF = {"“": "”", "«": "»", "‘": "’", '"': '"', "''": "''"}
_TITLE_SMALL_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "from", "at", "by", "with",
                                "or", "vs", "vs.", "&"})


def _quotations(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The quotations of the paragraph around ``start``-``end``, marks paired from the
    paragraph's start (a straight mark closes the one before it: between two quoted phrases
    is outside both)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    opened: tuple[str, int] | None = None
    for m in _QUOTE_MARK.finditer(text, lo, hi):
        mark = m.group()
        if opened is None:
            if mark in _CLOSER_OF:
                opened = (mark, m.end())
        elif mark == _CLOSER_OF[opened[0]]:
            yield opened[1], m.start()
            opened = None


def _in_quoted_title(text: str, start: int, end: int) -> bool:
    """Whether the mention sits in a quotation of two to eight words, all in title case."""
    for a, b in _quotations(text, start, end):
        if a <= start and end <= b:
            words = re.findall(r"[\w’'-]+", text[a:b])
            return 2 <= len(words) <= 8 and all(
                w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words)
    return False


def _whole_name(words: list[str], heads: bool) -> bool:
    """Words that make a name on their own: an acronym, a declared outlet, or (``heads``) a
    phrase ending in the head of an organisation's name, or one such word ("FBI", "NBC
    News"; "Justice Department", "Congress")."""
    if not words:
        return False
    if len(words) == 1 and len(words[0]) >= 2 and words[0].isupper():
        return True
    return _known_outlet(" ".join(words)) or (heads and words[-1].lower().strip(".") in ORG_HEADS)


def outlet_shaped(words: list[str]) -> bool:
    """Two words or more, the last an outlet word ("Harbourside Gazette", "Fox Business Network")."""
    return len(words) >= 2 and words[-1].lower() in OUTLET_WORDS


def _first_of_two(text: str, start: int, end: int, etype: str) -> int:
    """Where the first of two organisations joined by "and" ends: before "and the" after a
    whole name ("the FBI and the Justice Department"; not "Institute for Peace and the
    Environment", "Velmaro and the Lanterns"; an outlet before "and The" too), or before a
    plain "and" between two acronyms or declared outlets ("NBC News and Fox News"; not
    "Tarrow Bank and Trust Company", "Ways and Means Committee", "Procter & Gamble")."""
    if (m := _AND_THE.search(text, start, end)) and (
        (m.group("the") == "the" and _whole_name(text[start : m.start()].split(), heads=True)) or etype == "OUTLET"
    ):
        return m.start()
    for m in _AND.finditer(text, start, end):
        left, right = text[start : m.start()].split(), text[m.end() : end].split()
        if (_whole_name(left, False) and _whole_name(right, False)) or (
                etype == "OUTLET" and outlet_shaped(left) and outlet_shaped(right)):
            return m.start()  # "… and NBC News", "Fox Business Network and Fox News"
    return end


def _org_tail(text: str, end: int) -> int:
    """Where an organisation's name ends once its "for …"/"of …" tail is in ("Club for
    Growth", "Office of Political Strategy"); an "and …" tail only up to a head word ("Ways
    and Means Committee"), two organisations otherwise."""
    m = _ORG_TAIL.match(text, end)
    if m is None:
        return end
    found = m.group("words")
    if stop := _SENTENCE_END_INSIDE.search(found):  # "Club for Growth. The governor": a sentence ends
        found = found[: stop.start()]
    words = found.rstrip(".").split()
    if m.group("link").lower() in ("and", "&") and (
        len(words) < 2 or words[-1].lower() not in ORG_HEADS or "the" in m.group().split()
    ):
        return end  # "the Senate and House", "the Initiative and the Foundation": two
    return m.start("words") + len(found.rstrip("."))


_ACRONYM_AFTER = re.compile(r"\s*\((?P<acr>[A-Z][A-Z&]{1,9})\)")


def _spelt_by_acronym(text: str, start: int, end: int) -> int:
    """Where an organisation's name starts when the acronym defined after it spells more than
    the mention ("the Ferry and [Harbour Workers' Union] (FHWU)": "Ferry and Harbour Workers'
    Union"), as abbreviation finders read such definitions; else ``start``."""
    if (m := _ACRONYM_AFTER.match(text, end)) is None or initials(text[start:end]) == (acr := m.group("acr")):
        return start
    offset = max(text.rfind("\n", 0, start) + 1, start - 120)  # the words before it, on its line
    words = list(re.finditer(r"\S+", text[offset:start]))
    for w in reversed(words[-8:]):
        if w.group().lower() in _INITIALS_SKIP:
            continue
        if not w.group()[0].isupper():
            break
        if initials(text[offset + w.start() : end]) == acr:
            return offset + w.start()
    return start


def initials(name: str) -> str:
    """The initials of a name of two words or more ("Northgate Press Agency" → "NPA")."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _INITIALS_SKIP]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


def clean_name(text: str) -> str:
    """A mention as a name: one space between words, no possessive, no punctuation at its edges."""
    return re.sub(r"['’‘]s$", "", " ".join(text.split())).strip(" ,.;:")


def _place_context(word: str, text: str) -> bool:
    """Whether the text writes ``word`` as a place somewhere: after "in", "to", "from"…"""
    n = len(word)
    return any(after.startswith(word) and _word_char(word[-1]) != (len(after) > n and _word_char(after[n]))
               for after in _after_place_prepositions(text))


_AFTER_PLACE_PREPOSITION = re.compile(rf"\b(?:{_PLACE_PREPOSITIONS})\s+(?:the\s+)?(?=[^\s])")


@functools.lru_cache(maxsize=8)
def _after_place_prepositions(text: str) -> tuple[str, ...]:
    """What follows each place preposition of the text (60 characters): read once per article,
    not once per name (a pattern compiled per name cost a tenth of the article stage)."""
    return tuple(text[m.end() : m.end() + 60] for m in _AFTER_PLACE_PREPOSITION.finditer(text))


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _not_a_name(name: str, etype: str, plural: bool, lower: set[str], common: frozenset[str] = frozenset(),
                noun: bool = False) -> bool:
    """A function word, a calendar word, a word the article writes in lower case, a group;
    a person's name with a function word inside ("America Great Again")."""
    words = name.split()
    if _PARTY_STATE.match(name):
        return True
    if len(words) > 1:
        if words[-1].lower() in EVENT_HEADS:
            return True  # an event, a law, a prize or a work: "Merriman Smith Award"
        if etype != "PERSON" and (words[-1].lower() in TITLE_HEADS or (
                _is_title(words[0]) and words[1].lower() == "of")):
            return True  # a title: "Washington Managing Editor", "Democrat of Delaware"
        return etype == "PERSON" and any(w.lower() in STOPWORDS for w in words[1:])
    low = name.lower().rstrip(".")
    if noun and (low in common or low.removesuffix("s") in common):
        return True  # "Sources have said", "Muslim leaders": the tagger and the lexicon agree on a common word
    if len(low) == 1 and etype not in ("PLATFORM", "OUTLET"):
        return True  # "R" of "R-Texas"; "X" is a platform, found by the outlet rules
    lowered = {low, low + "s", low + "es", low.removesuffix("s")} & lower  # "Terminal" beside "terminals"
    return (_function_word(name) or low in CALENDAR_WORDS or bool(lowered) or _is_title(name)
            or (plural and etype in ("PERSON", "PLACE")))


def resolve(text: str, proposals: list[Proposal], places: dict[str, str],
            common: frozenset[str] = frozenset(), stated: set[str] | None = None,
            settled: Sequence[tuple[int, int, str]] = ()) -> list[tuple[int, int, str, str]]:
    """``(start, end, type, key)`` for each mention kept: mentions with one key are one entity
    of the article, and every mention of a key has its type. ``common``: the model's common
    English words (lower case), which a lone plural typed as a person or place is not.
    ``stated``: filled with the keys whose type a descriptor in the text settled.
    ``settled``: spans whose type the article's structure gives (a dateline's place, its
    agency), as a descriptor would."""
    lower = set(_LOWER_WORD.findall(text))
    clause_subjects: set[tuple[int, int]] = set()  # spans the parse makes the subject of a clause on a noun
    mentions: list[tuple[int, int, str, str, bool, bool]] = []  # start, end, name, type proposed, plural, noun
    for p in proposals:
        start, end = _hyphenated(text, p.start, p.end)
        etype = p.type
        if etype in ("ORG", "PLACE") and (m := _HONORIFIC_OPENS.match(text, start, end)) \
                and not head_type(text[start:end]):
            start, etype = m.start("name"), "PERSON"  # "Senator Sanders" called an organisation
        elif etype in ("ORG", "PLACE") and (m := _WORD_THEN_NAME.match(text, start, end)) \
                and {(w := m.group("word").lower()), w + "s", w + "es"} & lower \
                and m.group("first").lower() in first_names() and m.group("last").lower() not in common \
                and not head_type(text[start:end]):
            start, etype = m.start("first"), "PERSON"  # "Passenger Liza Marasigan said": a role the text writes small
        if (fixed := repair(text, start, end, etype)) is None or quoted(text, *fixed):
            continue
        if etype == "PERSON":
            fixed = _without_opening_word(text, *fixed, lower, places)
        if name := clean_name(text[fixed[0] : fixed[1]]):
            if etype == "PERSON" and _THE_BEFORE.search(text, max(0, fixed[0] - 5), fixed[0]):
                etype = "ORG"  # "the Centamin", "the Met": no person's name takes "the"
            mentions.append((*fixed, name, etype, p.plural, p.noun))
            if p.clause_subject:
                clause_subjects.add(fixed)
    mentions = _widened(text, mentions)
    chosen = _vote(text, mentions, places, clause_subjects, stated, settled)
    # the article's people named in full, and its organisations' initials: what short forms join
    full: dict[str, str] = {}
    by_last: dict[str, list[tuple[int, str]]] = defaultdict(list)
    by_first: dict[str, list[tuple[int, str]]] = defaultdict(list)
    org_initials: dict[str, tuple[str, str]] = {}
    companies = _companies_named_short(chosen)
    for start, _, name, _, _, _ in sorted(mentions):
        low, words = name.lower(), name.split()
        if low in companies:
            continue
        if (chosen[low] == "PERSON" and len(words) >= 2 and is_name_like(name)
                and not _not_a_name(name, "PERSON", False, lower) and not _place_and_title(name, places)):
            full.setdefault(low, low)
            by_last[family_name(name).lower()].append((start, low))  # "Byrd" of "Harry F. Byrd Sr."
            by_first[words[0].lower()].append((start, low))
        elif chosen[low] in _ORG_LIKE and len(acr := initials(name)) >= 2:
            org_initials.setdefault(acr, (low, chosen[low]))
    decided: list[tuple[int, int, str, str]] = []
    for start, end, name, etype, plural, noun in mentions:
        low = name.lower()
        if low in companies:
            decided.append((start, end, chosen[companies[low]], companies[low]))
            continue
        if low in full:
            decided.append((start, end, "PERSON", low))
            continue
        # a place the gazetteer knows, NER typed and the text writes as one ("in Orlen") stays one
        place = etype == "PLACE" and name in places and _place_context(name, text)
        if " " not in name and not place and etype != "MISC":
            if low in by_last:
                decided.append((start, end, "PERSON", _nearest(by_last[low], start)))
                continue
            # one family name however the full name is written ("Donald Trump", "Donald J.
            # Trump"): the nearest full name before it ("Ben A. Ruiz … his son Ben T. Ruiz … Ben")
            if low in by_first and len({family_name(k) for _, k in by_first[low]}) == 1:
                decided.append((start, end, "PERSON", _nearest(by_first[low], start)))
                continue
            if name in org_initials and etype in _ORG_LIKE:
                key, otype = org_initials[name]
                decided.append((start, end, otype, key))
                continue
        if chosen[low] != "MISC" and not _not_a_name(name, chosen[low], plural, lower, common, noun) \
                and not _place_and_title(name, places):
            decided.append((start, end, chosen[low], low))
    seen: set[tuple[int, int]] = set()  # one span proposed twice (NER and the rules) is one mention
    return [d for d in decided if (d[0], d[1]) not in seen and not seen.add((d[0], d[1]))]


def _nearest(owners: list[tuple[int, str]], start: int) -> str:
    """The key of the full name given last before ``start`` (else the first after it)."""
    before = [k for s, k in owners if s < start]
    return before[-1] if before else owners[0][1]


def _widened(text: str, mentions: list[tuple[int, int, str, str, bool, bool]]
              ) -> list[tuple[int, int, str, str, bool, bool]]:
    """Each mention as the fuller name the article proposes elsewhere when the text here runs
    on into it, word for word ("[Americans] for Prosperity", "General [Electric]" beside
    "Americans for Prosperity", "General Electric"), with that name's type: the model cut
    this one short. Only the lengths of the fuller names are tried, so a name shared by
    thousands of others costs no more than a few lookups."""
    fuller: dict[str, str] = {}
    starting: dict[str, set[int]] = defaultdict(set)  # first word -> lengths of fuller names
    ending: dict[str, set[int]] = defaultdict(set)
    for _, _, name, etype, _, _ in mentions:
        if " " in name and name not in fuller:
            fuller[name] = etype
            starting[name.split()[0]].add(len(name))
            ending[name.split()[-1]].add(len(name))
    longest_starting = {w: sorted(sizes, reverse=True) for w, sizes in starting.items()}
    longest_ending = {w: sorted(sizes, reverse=True) for w, sizes in ending.items()}

    def runs_on(start: int, end: int, name: str) -> tuple[int, int] | None:
        words = name.split()
        for size in longest_starting.get(words[0], ()):
            stop = start + size
            other = text[start:stop]
            if size > len(name) and other in fuller and other.startswith(name + " ") \
                    and not (stop < len(text) and _word_char(text[stop])):
                return start, stop
        for size in longest_ending.get(words[-1], ()):
            begin = end - size
            other = text[begin:end]
            if size > len(name) and begin >= 0 and other in fuller and other.endswith(" " + name) \
                    and not (begin > 0 and _word_char(text[begin - 1])):
                return begin, end
        return None

    out = []
    for start, end, name, etype, plural, noun in mentions:
        if text[start:end] == name and (span := runs_on(start, end, name)):
            start, end = span
            name = text[start:end]
            etype = fuller[name]
        out.append((start, end, name, etype, plural, noun))
    return out


def _companies_named_short(chosen: dict[str, str]) -> dict[str, str]:
    """Names of two words or more typed a person, not opening with a first name, that the
    article also gives as a company's full name ("Visayan Starline" beside "Visayan Starline
    Shipping Corp."; not "Muhammad Ali" beside "Muhammad Ali Center"): the company's key."""
    orgs = [low for low, t in chosen.items() if t in _ORG_LIKE and low.split()[-1].strip(".") in COMPANY_SUFFIXES]
    out = {}
    for low, t in chosen.items():
        words = low.split()
        if t != "PERSON" or len(words) < 2 or words[0] in first_names():
            continue
        longer = sorted(o for o in orgs if o.startswith(low + " "))
        if longer:
            out[low] = longer[0]
    return out


_LIST_GAP = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _places_by_list(text: str, mentions: list[tuple[int, int, str, str, bool, bool]],
                    places: dict[str, str], stated: set[str]) -> set[str]:
    """One-word names the model called people, listed with places (the gazetteer's, or ones
    the article says are places) and no one else ("linking Cebu with Bohol, Leyte and
    Mindanao"; "town halls in Manchester and Londonderry"): places too. Not a first name, nor
    a list of organisations."""
    spans = sorted({(s, e): (n, t) for s, e, n, t, _, _ in mentions}.items())  # a span proposed twice is one
    lists: list[list[tuple[str, str]]] = []
    for i, ((start, _), (n, t)) in enumerate(spans):
        if i and _LIST_GAP.fullmatch(text, spans[i - 1][0][1], start):
            lists[-1].append((n, t))
        else:
            lists.append([(n, t)])
    out: set[str] = set()
    for items in lists:
        known = {n for n, _ in items if places.get(n) == "PLACE" or n.lower() in stated}
        others = [(n, t) for n, t in items if n not in known]
        if len(known) >= 2 or (known and len(others) == 1):
            out |= {n.lower() for n, t in others if t == "PERSON" and " " not in n and n.lower() not in first_names()}
    return out


def _vote(text: str, mentions: list[tuple[int, int, str, str, bool, bool]], places: dict[str, str],
          clause_subjects: set[tuple[int, int]], stated_keys: set[str] | None,
          settled: Sequence[tuple[int, int, str]] = ()) -> dict[str, str]:
    """The type of each name (lower-cased): the one most of its mentions have, with outside
    evidence voting too; what NER calls MISC (events, works) only votes against the others. A
    descriptor the text gives (:func:`descriptor_type`) settles it, unless it would make a
    gazetteer place anything but a place, or a first and last name a place or a thing; the
    declared lists settle it before that. ``stated_keys`` gets the names a descriptor settled."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[str, str] = {}
    described: dict[str, Counter[str]] = defaultdict(Counter)
    towns = {m.start() for m in _STATE_AFTER.finditer(text)}  # "Trenton, N.J.": a place, as a descriptor says
    for start, end, name, etype, _, _ in mentions:
        votes[name.lower()][etype] += 1
        forms.setdefault(name.lower(), name)
        if kind := next((k for a, b, k in settled if a <= start and end <= b), None):
            described[name.lower()][kind] += 1  # "VARGEM DO TOCAIA, Brazil (Meridiano Wire) —"
        elif kind := descriptor_type(text, start, end, before=(start, end) not in clause_subjects):
            described[name.lower()][kind] += 1
        elif end in towns and (etype != "PERSON" or start == 0 or text[start - 1] == "\n"
                               or _PLACE_PREPOSITION_BEFORE.search(text[max(0, start - 12) : start])):
            described[name.lower()]["PLACE"] += 1  # not "Sen. Okafor, Del. Tran": a person, by the model
    stated_places = {low for low, kinds in described.items() if kinds.get("PLACE")}
    for low in _places_by_list(text, mentions, places, stated_places):
        described[low]["PLACE"] += 1
    for low, count in votes.items():
        form = forms[low]
        place_form = form.title() if form.isupper() else form  # "TRENTON" in a dateline
        if places.get(place_form) == "PLACE":  # a curated list outweighs one NER label; "in Orlando" more
            count["PLACE"] += 2 + _place_context(form, text)
        words = low.split()
        if words[0] in first_names() and (len(words) >= 2 or place_form not in places):
            count["PERSON"] += 1  # "Elizabeth" typed a place: a first name the gazetteer does not know
        if (head := head_type(form)) is not None:  # "… Party", "… Park": never a person
            count.pop("PERSON", None)
            # the head outweighs one label of the other kind ("Polk County" labelled an
            # organisation once), not several ("West Bank", "Manchester City" labelled alike
            # three times) nor the gazetteer's votes; MISC votes as before ("Jurassic Park")
            other = [t for t in count if t != "MISC" and _kind(t) != head]
            if sum(count[t] for t in other) == 1:
                del count[other[0]]
            count[head] += 1
        stated = described[low].most_common(1)[0][0] if low in described else None
        vessel = stated == "VESSEL"
        stated = "MISC" if vessel else stated
        a_place = places.get(place_form) == "PLACE"
        named = len(words) >= 2 and words[0] in first_names()
        # not "in Israel, a free daily"; not "Betsey Wright" a campaign
        if stated and (stated == "PLACE" or not a_place) and (vessel or not (named and stated in ("PLACE", "MISC"))):
            count.clear()  # "the website X", "X, an advocacy group": the text says what X is
            count[stated] = 1
            if stated_keys is not None:
                stated_keys.add(low)
        decisive = "PLACE" if form.rstrip(".") in STATE_ABBREVIATIONS else "OUTLET" if _known_outlet(form) else None
        if decisive is not None:  # "Calif.", "Reuters": a declared list settles it
            count.clear()
            count[decisive] = 1
    chosen = {}
    for low, count in votes.items():
        best = max(count, key=lambda t: (count[t], -_PREFERENCE.index(t) if t in _PREFERENCE else -9))
        if _kind(best) == "ORG" and {_kind(t) for t in count} <= {"ORG", "MISC"}:
            best = _most_specific(count)
        chosen[low] = best
    return chosen


# a list of names before this one ("insurers Cigna, Aetna, and [Humana]"): the descriptor is before
# it; a word of the list never ends with a full stop (a sentence end: "… Adele. Google, Amazon and")
_LIST_WORD = r"[A-Z][\w&’'-]*(?:\.[\w&’'-]+)*"
_LIST_BEFORE = re.compile(rf"(?:{_LIST_WORD}(?:\s+{_LIST_WORD}){{0,4}}(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+))+$")
_LIST_LINK_END = re.compile(r"(?:,|\sand|\sor)$")  # how a list before a name ends (before its spaces)
_HEAD_ENDS = frozenset({"of", "in", "at", "from", "for", "with", "based", "on", "who", "that", "which"})
_ITEM_END = re.compile(r"\s*(?:[,.;:)]|and\b|or\b|$)")
# the noun right before the name, with its determiner when it has one ("the website", "a
# conservative advocacy group"): group 1 the determiner, group 2 the noun
_NOUN_BEFORE = re.compile(r"(?:\b(the|a|an|its|his|her|their|our|this|that)\s+(?:[a-z][\w-]*\s+){0,2})?"
                          r"(?<![\w’'-])(?!(?:called|named|titled|dubbed)\b)([a-z][a-z-]+)\s+"
                          r"(?:called\s+|named\s+|titled\s+|dubbed\s+)?[“\"‘']*$")
_SHIP_BEFORE = re.compile(rf"(?:(?<![\w’'-])(?:{'|'.join(VESSEL_WORDS)})|\b(?:{'|'.join(SHIP_PREFIXES)})\.?)\s+$")
_SHIP_AT = re.compile(rf"(?:{'|'.join(SHIP_PREFIXES)})\.?\s+[A-Z]")
# a state's AP abbreviation after a town's name ("Terre Haute, Ind.", "TRENTON, N.J.")
# ("Del." is also a delegate's title: "Sen. Okafor, Del. Tran")
_STATE_AFTER = re.compile(rf",\s+(?:{'|'.join(re.escape(a) for a in sorted(STATE_ABBREVIATIONS - {'Del'}))})\.(?!\w)")
# a compass point's adjective in lower case before a name that ends its phrase: "eastern [Łódź] on",
# "adjoining [Sindhupalchok]," (not "eastern [Ukrainian] forces", "a western [Google] engineer")
_AREA_BEFORE = re.compile(r"(?<![\w-])(?:(?:north|south)(?:-?(?:east|west))?ern|eastern|western|adjoining)\s+$")
_PHRASE_ENDS = re.compile(r"\s*(?:$|[^\w\s’'-]|(?:on|in|at|to|and|or|but|was|is|were|are|has|had|have|where|which|"
                          r"that|with|from|near|after|before|since|for|by|district|province|region|state)\b)")
_PLACE_PREPOSITION_BEFORE = re.compile(rf"\b(?:{_PLACE_PREPOSITIONS}|of)\s+$")
_PLACE_OF = re.compile(r"\b[Tt]he\s+(?:island|province|town|city|village|port|region|state|county|municipality"
                       r"|district|capital|island nation|archipelago)\s+of\s+$")
_ROLE_AT = re.compile(r"(?<![\w’'-])([a-z][a-z-]+)\s+at\s+(?:the\s+)?$")
_APPOSITION = re.compile(r"[”\"’']?(?:(?:,\s+\d{1,3})?,|(?P<copula>\s+(?:is|was)))\s+(?:a|an|the)\s+"
                         r"([^,.;:()—–]{1,40}?)(?=[,.;:)]|$)")


# a landform's or an area's noun after the name, and the word after it
_PLACE_NOUN_AFTER = re.compile(r"\s+([a-z]+)\b(?:\s+([a-z]+))?")
_THE_NEAR = re.compile(r"\b(?:the|a)\s+(?:[a-z][\w-]*\s+)?$")  # "the [X]", "the nearby [X]"


def _org_word(word: str) -> bool:
    """An organisation's noun ("the Tarrow district council"): the place noun only modifies it."""
    return word in ORG_HEADS or DESCRIPTOR_TYPES.get(word) == "ORG"


def _descriptor(noun: str) -> str | None:
    return DESCRIPTOR_TYPES.get(noun) or (DESCRIPTOR_TYPES.get(noun[:-1]) if noun.endswith("s") else None)


def descriptor_type(text: str, start: int, end: int, before: bool = True) -> str | None:
    """The type a common noun next to a mention gives it: the noun before it ("the website
    Mashable", "singer Adele", "insurers Cigna, Aetna and X"), an apposition's head after it
    ("Judicial Watch, a conservative advocacy group,"; "X is a retailer."), or a job title before "at" ("an
    economist at Allianz": an organisation). MISC: a work, an event or a thing; VESSEL: a
    ship ("the ferry X", "MV X"), a thing however it is named.

    A plural noun describes only a list ("told reporters Microsoft would" is none); a work or
    an event needs its determiner and a name ending the phrase ("Polls show Harris", "they
    play Arsenal" are verbs, "the law Obama signed" a clause);
    ``before`` False: the parse made the name the subject of a clause on the noun ("the law
    Congress passed"), so the noun before it is not its descriptor."""
    head = text[max(0, start - 160) : start]
    # each pattern is anchored at the name: a cheap look at the last characters rules most out
    near = head[-60:]
    if (m := _ROLE_AT.search(near)) and m.group(1) in TITLE_HEADS:
        return "ORG"
    if _SHIP_BEFORE.search(near) or _SHIP_AT.match(text, start):
        return "VESSEL"  # "the ferry [Santa Lucena Express]", "MV [Sigavou Star]": a thing, even named as a person
    if _PLACE_OF.search(near):
        return "PLACE"  # "the island of [Bohol]", "the port of [Tubigon]"
    if (_AREA_BEFORE.search(near) and _PHRASE_ENDS.match(text, end) and not text[start:end].isupper()
            and head_type(text[start:end]) != "ORG"):
        return "PLACE"
    listed = _LIST_BEFORE.search(head) if _LIST_LINK_END.search(head.rstrip()[-4:]) else None
    # a list item of its own ("insurers Cigna, Aetna, [Humana] and …"), after a list with a comma
    # ("writer Jo Bell and [the Post]" is none; nor "Jo Bell, [Ohio] Gov. Ada Kroll")
    item = _ITEM_END.match(text, end) is not None
    last = listed is not None and listed.group().rstrip().endswith((" and", " or"))  # "…, Aetna and [Humana] were"
    listed = listed if listed and "," in listed.group() and (item or last) else None
    noun_head = head[: listed.start()] if listed else head
    lower_end = noun_head.rstrip("“\"‘'").rstrip()[-1:]
    m = _NOUN_BEFORE.search(noun_head) if before and (lower_end.islower() or lower_end == "-") else None
    if m and (kind := _descriptor(noun := m.group(2))):
        plural = noun.endswith("s") and noun not in DESCRIPTOR_TYPES
        # a work or an event needs its determiner, and the name must end the phrase ("the book
        # “X”,", not "the law [Barack Obama] signed"); a place is named by an apposition ("X, a
        # city in …"), hardly ever by a noun before it ("the country [Putin] invaded")
        work = kind == "MISC" and bool(m.group(1)) and item
        if (listed or not plural) and (work or kind not in ("MISC", "PLACE")):
            return kind
    if (m := _PLACE_NOUN_AFTER.match(text, end, min(len(text), end + 40))) and _THE_NEAR.search(near) \
            and m.group(1) in PLACE_AFTER and not _org_word(m.group(2) or "") \
            and not text[start:end].isupper() and head_type(text[start:end]) != "ORG":
        # "the [Vouga] river", "the nearby [Jasień] river"; not "the Tarrow district council",
        # "the Kessington Council area", "the ASEAN region": an organisation's ground
        return "PLACE"
    m = _APPOSITION.match(text, end, min(len(text), end + 80))
    if m and m.group("copula") and not (
            _sentence_start(text, start) or _THE_OPENS.search(text[max(0, start - 12) : start])):
        m = None  # "X is a …" says what X is only when X is its subject ("the mayor of X is a teacher")
    if m:
        words = m.group(2).split()
        # the apposition's head: its last word, when the phrase ends there ("X, a Jewish
        # newspaper.", "X, an advocacy group, sued"; not "by X, the candidate for … appeared")
        cut = next((i for i, w in enumerate(words) if w in _HEAD_ENDS), len(words))  # "a trader from Orlen"
        noun = words[cut - 1] if 0 < cut <= 4 else ""
        if noun.islower():  # "a team leader": a person; "a conservative advocacy group": an organisation
            return _descriptor(noun) or ("PERSON" if noun in TITLE_HEADS else None)
    return None


def _place_and_title(name: str, places: dict[str, str]) -> bool:
    """A place and a title or party, no one's name: "Florida Republican", "Orlen Democrats"."""
    words = name.split()
    return (len(words) >= 2 and places.get(words[0]) == "PLACE"
            and all(_is_title(w) or _is_title(w.removesuffix("s")) for w in words[1:]))


def _known_outlet(name: str) -> bool:
    """A news outlet of the declared list ("POLITICO" in capitals is "Politico")."""
    return name in KNOWN_OUTLETS or (name.isupper() and len(name) > 4 and name.title() in KNOWN_OUTLETS)


def head_type(name: str) -> str | None:
    """ORG or PLACE when the name's last word is the head of an organisation's or a place's
    name ("Nevada State Democratic Party", "Franklin Roosevelt Park"), or its first word opens
    a place's ("Mount Gelora", "Avenida Errázuriz"), else None."""
    words = name.split()
    if len(words) < 2:
        return None
    last = re.split(r"[-‐]", words[-1])[-1].lower().strip(".,")  # "Sun-Times"
    if last in PLACE_HEADS:
        return "PLACE"
    if last in ORG_HEADS:
        return "ORG" if last not in AMBIGUOUS_HEADS else None
    first = words[0].lower().strip(".")
    return "PLACE" if first in PLACE_OPENERS and first not in first_names() else None


def _kind(etype: str) -> str:
    return KINDS.get(etype, etype)


def _most_specific(count: Counter[str]) -> str:
    for t in ("OUTLET", "PLATFORM", "ORG"):
        if count.get(t):
            return t
    return "ORG"

