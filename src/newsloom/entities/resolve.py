"""One referent, one entity, within an article.

The mentions NER and the rules propose are repaired, then resolved with the whole article as
evidence, before any corpus-wide merging:

- **repaired**: a mention ends before a possessive inside it ("Kroll's Harbour" is Kroll), starts
  after a dash ("N.C.—Ada Kroll", a dateline glued to a name), and a person's mention starts
  after the titles it swallowed ("Orlen Deputy Mayor Ada Kroll");
- **not entities** dropped: a lone function word ("Whether", "Near"), calendar word or title
  ("Counsel"), a lone word the article also writes in lower case ("Protests" beside "protests"),
  a lone plural typed as a person or place ("Latinos", "Clintons": groups, not one referent), a
  party and state ("R-Ky."), a person's name with a function word inside ("C. He");
- **short forms joined**: a name said in full elsewhere in the article ("Ada Kroll" typed ORG once)
  is that person; a lone surname joins the nearest full name before it that ends in it (else the
  first after), a lone first name the one full name that starts with it; initials join the
  organisation they abbreviate ("NPA" and "Northgate Press Agency"); a word the gazetteer knows as
  a place and NER typed as one stays a place;
- **one type by vote**: every other name takes the type most of its mentions have, with the
  gazetteer voting for a place and a known first name for a person.

Each rule reads only the article: the same text gives the same entities wherever it is analysed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from newsloom.entities.names import first_names, is_name_like
from newsloom.lang.en.calendar import CALENDAR_WORDS
from newsloom.lang.en.names import ORG_WORDS, PLACE_HEADS, STATE_ABBREVIATIONS
from newsloom.lang.en.titles import TITLE_WORDS
from newsloom.lang.en.words import STOPWORDS

_ORG_LIKE = {"ORG", "OUTLET", "PLATFORM"}
_POSSESSIVE_INSIDE = re.compile(r"['’‘]s\s")
_OF_INSIDE = re.compile(r"\s+of\s+")  # "Ada Kroll of Orlen": the name ends before "of"
_DASH = re.compile(r"\s*[—–]\s*|(?<=\.)-(?=[A-Z])")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*")
_PARTY_STATE = re.compile(r"^[RDI]-[A-Z][A-Za-z.]{0,5}$")  # "(R-Ky.)": a party and a state, no name
_OPENERS = {"“", '"', "‘", "«"}
_CLOSERS = {"”", '"', "’", "»"}
_PLACE_PREPOSITIONS = "in|to|from|at|near|outside|across|into|around|throughout"
_INITIALS_SKIP = {"of", "the", "and", "for", "&", "on", "in", "de", "du", "des", "la", "le"}
# types, most specific first: the order breaks ties in a vote
_PREFERENCE = ("PERSON", "OUTLET", "PLATFORM", "ORG", "PLACE")


@dataclass
class Proposal:
    """One mention as proposed: where, which type, and whether NER (not a rule) proposed it."""

    start: int
    end: int
    type: str
    plural: bool = False  # the model tagged it a plural proper noun ("Latinos")


def _is_title(word: str) -> bool:
    w = word.lower()
    return w in TITLE_WORDS or w + "." in TITLE_WORDS


def repair(text: str, start: int, end: int, etype: str) -> tuple[int, int] | None:
    """The mention's span once cut at a possessive, a dash and (for a person) swallowed
    titles; None when nothing of a name is left."""
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
    while end > start and text[end - 1] in " ,;:'’\"”":
        end -= 1
    # "Whether Cruz", "Bernie Sanders of": a function word is no part of a name ("The" may start one)
    while (m := re.match(r"(\S+)\s+(?=\S)", text[start:end])) and _function_word(m.group(1)) \
            and m.group(1).lower() != "the":
        start += m.end()
    while (m := re.search(r"(?<=\S)\s+(\S+)$", text[start:end])) and _function_word(m.group(1)):
        end = start + m.start()
    return (start, end) if end > start else None


def _function_word(word: str) -> bool:
    low = word.lower()
    return (low in STOP_WORDS or low in STOPWORDS) and not word.isupper()


def quoted(text: str, start: int, end: int) -> bool:
    """A name that is all a quotation holds (“Frozen”, ''Full House''): the title of a work,
    a slogan or a nickname, which no entity type fits."""
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    return (before[-1:] in _OPENERS and after[:1] in _CLOSERS) or (before == "''" and after == "''")


def initials(name: str) -> str:
    """The initials of a name of two words or more ("Northgate Press Agency" → "NPA")."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _INITIALS_SKIP]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


def _clean(text: str) -> str:
    return re.sub(r"['’‘]s$", "", " ".join(text.split())).strip(" ,.;:")


def _place_context(word: str, text: str) -> bool:
    """Whether the text writes ``word`` as a place somewhere: after "in", "to", "from"…"""
    return re.search(rf"\b(?:{_PLACE_PREPOSITIONS})\s+(?:the\s+)?{re.escape(word)}\b", text) is not None


def _not_a_name(name: str, etype: str, plural: bool, lower: set[str]) -> bool:
    """A function word, a calendar word, a word the article writes in lower case, a group;
    a person's name with a function word inside ("America Great Again")."""
    words = name.split()
    if _PARTY_STATE.match(name):
        return True
    if len(words) > 1:
        return etype == "PERSON" and any(w.lower() in STOPWORDS for w in words[1:])
    low = name.lower().rstrip(".")
    if len(low) == 1 and etype == "PERSON":
        return True  # "X" the platform, not a person
    function_word = (low in STOPWORDS or low in STOP_WORDS) and not name.isupper()  # "US" is a place
    return (function_word or low in CALENDAR_WORDS or name.lower() in lower or _is_title(name)
            or (plural and etype in ("PERSON", "PLACE")))


def resolve(text: str, proposals: list[Proposal], places: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """``(start, end, type, key)`` for each mention kept: mentions with one key are one entity
    of the article, and every mention of a key has its type."""
    lower = set(_LOWER_WORD.findall(text))
    spans: list[tuple[int, int, str, bool]] = []
    for p in proposals:
        if (fixed := repair(text, p.start, p.end, p.type)) is not None and not quoted(text, *fixed):
            spans.append((*fixed, p.type, p.plural))
    # full names of people: the evidence short forms are resolved against
    full: dict[str, str] = {}  # lower-cased full name -> its key
    by_last: dict[str, list[tuple[int, str]]] = defaultdict(list)
    by_first: dict[str, set[str]] = defaultdict(set)
    org_initials: dict[str, tuple[str, str]] = {}
    for start, end, etype, _ in sorted(spans):
        name = _clean(text[start:end])
        words = name.split()
        if (etype == "PERSON" and len(words) >= 2 and is_name_like(name) and head_type(name) is None
                and not _not_a_name(name, etype, False, lower)):
            key = full.setdefault(name.lower(), name.lower())
            by_last[words[-1].lower()].append((start, key))
            by_first[words[0].lower()].add(key)
        elif etype in _ORG_LIKE and (acr := initials(name)) and len(acr) >= 2:
            org_initials.setdefault(acr, (name.lower(), etype))
    decided: list[tuple[int, int, str, str]] = []
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[str, str] = {}
    pending: list[tuple[int, int, str]] = []
    for start, end, etype, plural in spans:
        name = _clean(text[start:end])
        if not name:
            continue
        low = name.lower()
        if etype == "MISC":  # an event, a work, a nationality: it only votes against the other types
            votes[low][etype] += 1
            forms.setdefault(low, name)
            continue
        # a place the gazetteer knows, NER typed and the text writes as one ("in Orlen") stays one
        place = etype == "PLACE" and name in places and _place_context(name, text)
        if low in full:
            decided.append((start, end, "PERSON", full[low]))
            continue
        if " " not in name and not place:
            if low in by_last:
                owners = by_last[low]
                before = [k for s, k in owners if s < start]
                decided.append((start, end, "PERSON", before[-1] if before else owners[0][1]))
                continue
            if len(by_first.get(low, ())) == 1:
                decided.append((start, end, "PERSON", next(iter(by_first[low]))))
                continue
            if name in org_initials:
                key, otype = org_initials[name]
                decided.append((start, end, otype, key))
                continue
        if _not_a_name(name, etype, plural, lower):
            continue
        votes[low][etype] += 1
        forms.setdefault(low, name)
        pending.append((start, end, low))
    for low, count in votes.items():  # outside evidence: one vote each
        form = forms[low]
        if places.get(form) == "PLACE":
            count["PLACE"] += 1
        words = low.split()
        if words[0] in first_names() and (len(words) >= 2 or form not in places):
            count["PERSON"] += 1  # "Elizabeth" typed a place: a first name the gazetteer does not know
        head = "PLACE" if form.rstrip(".") in STATE_ABBREVIATIONS else head_type(form)
        if head is not None:  # "… Party", "… Park", "Calif.": never a person
            count.pop("PERSON", None)
            count[head] += 1
    chosen = {low: max(count, key=lambda t: (count[t], -_PREFERENCE.index(t) if t in _PREFERENCE else -9))
              for low, count in votes.items()}
    kinds_seen = {low: {_kind(t) for t in count} for low, count in votes.items()}
    for start, end, low in pending:
        etype = chosen[low]
        if etype == "MISC":
            continue
        if _kind(etype) == "ORG" and kinds_seen[low] == {"ORG"}:
            etype = _most_specific(votes[low])
        decided.append((start, end, etype, low))
    return decided


def head_type(name: str) -> str | None:
    """ORG or PLACE when the name's last word is the head of an organisation's or a place's
    name ("Nevada State Democratic Party", "Franklin Roosevelt Park"), else None."""
    last = name.split()[-1].lower().strip(".,") if name.split() and len(name.split()) >= 2 else ""
    return "PLACE" if last in PLACE_HEADS else "ORG" if last in ORG_WORDS else None


def _kind(etype: str) -> str:
    return "ORG" if etype in _ORG_LIKE else etype


def _most_specific(count: Counter[str]) -> str:
    for t in ("OUTLET", "PLATFORM", "ORG"):
        if count.get(t):
            return t
    return "ORG"

