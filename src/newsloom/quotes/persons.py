"""The persons a text names, and the persons its references resolve to.

Person mentions come from NER when a model is loaded, else from name-shaped spans with
evidence (a title, a role, a speech verb next to them), and lone surnames of people named in
full. A pronoun resolves to the most recent person mentioned as a sentence's first person
(subject-first, a cheap centering) whose known gender does not clash and whom the quotation
does not name in the third person; a title description ("the senator") to the last person
with that title or role. ``Context`` holds the mentions with the text and its sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newsloom.clean.sentences import paragraphs
from newsloom.entities.names import (
    NAME_RE,
    Cover,
    family_name,
    gender_of_first_name,
    gender_of_title,
    is_name_like,
    role_of,
    strip_title,
    surname,
    without_possessive,
)
from newsloom.lang.en.titles import ABBREVIATIONS, GENERIC_MAN_ROLES, ROLE_GENDERS, TITLE_HEADS
from newsloom.quotes.cues import AUX, CUE
from newsloom.quotes.marks import QuoteSpan


@dataclass
class Person:
    """A person mention in the article (offsets), from NER or the rules."""

    start: int
    end: int
    text: str
    gender: str | None = None
    prior: bool = False  # the gender is only the first name's usual one, not the article's word


class Mentions:
    """Person mentions in text order, indexed so that those starting in a range, or overlapping a
    span, are found by bisection (a scan of every person per question was quadratic in a long
    list of names)."""

    def __init__(self, persons: list[Person]) -> None:
        self.persons = sorted(persons, key=lambda p: p.start)  # stable: a list in order keeps its order
        self._starts = [p.start for p in self.persons]
        self._longest = max((p.end - p.start for p in self.persons), default=0)

    def starting(self, a: int, b: int) -> list[Person]:
        """The mentions that start in ``[a, b)``."""
        return self.persons[bisect_left(self._starts, a) : bisect_left(self._starts, b)]

    def ending(self, a: int, b: int) -> list[Person]:
        """The mentions that end in ``[a, b]``."""
        return [p for p in self.starting(a - self._longest, b) if a <= p.end <= b]

    def overlapping(self, a: int, b: int) -> list[Person]:
        """The mentions that overlap ``[a, b)``."""
        return [p for p in self.starting(a - self._longest + 1, b) if a < p.end]


@dataclass
class Context:
    """One text being attributed: its (masked) text, quotations, person mentions, sentences
    and parse, with the speakers and pronoun referents found so far."""

    text: str
    masked: str
    spans: list[QuoteSpan]
    persons: list[Person]
    sentences: list[tuple[int, int]] = field(default_factory=list)
    doc: Any = None  # the spaCy parse, when a model is loaded
    speakers: set[str] = field(default_factory=set)  # names already given quotations
    resolved: dict[int, Person] = field(default_factory=dict)  # pronoun offset -> its referent
    _places: set[str] | None = field(default=None, init=False, repr=False)  # see place_like
    # offsets indexed once, so that each lookup is a bisection, not a scan of the article
    _sentence_starts: list[int] = field(default_factory=list, init=False, repr=False)
    _paragraphs: list[tuple[int, int]] = field(default_factory=list, init=False, repr=False)
    _paragraph_starts: list[int] = field(default_factory=list, init=False, repr=False)
    _quote_starts: list[int] = field(default_factory=list, init=False, repr=False)
    _quote_ends: list[int] = field(default_factory=list, init=False, repr=False)
    #: the length of the parse's text (``Doc.text`` joins every token's text on each access)
    doc_len: int = field(default=0, init=False, repr=False)
    _mentions: Mentions | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        # the last token's end, not len(doc.text), which joins every token's text anew
        last = self.doc[-1] if self.doc is not None and len(self.doc) else None
        self.doc_len = last.idx + len(last.text_with_ws) if last is not None else 0
        self._paragraphs = paragraphs(self.text)
        self._paragraph_starts = [a for a, _ in self._paragraphs]
        # quotations come in text order and do not overlap: starts and ends are both sorted
        self._quote_starts = [q.outer_start for q in self.spans]
        self._quote_ends = [q.outer_end for q in self.spans]

    def place_like(self, name: str) -> bool:
        """NER tags ``name`` a place twice or more, and at least half as often as a person,
        in this article ("in Marlow" four times, "Marlow became his home" five): a
        town the tagger wavers on is no one to refer to."""
        if self._places is None:
            ents = self.doc.ents if self.doc is not None else ()
            place = Counter(e.text for e in ents if e.label_ in ("LOC", "GPE", "FAC"))
            person = Counter(e.text for e in ents if e.label_ == "PERSON")
            self._places = {t for t, n in place.items() if n >= 2 and 2 * n >= person[t]}
        return name in self._places

    @property
    def mentions(self) -> Mentions:
        """``persons``, indexed (again after :meth:`add_person` or :meth:`set_persons`)."""
        if self._mentions is None or len(self._mentions.persons) != len(self.persons):
            self._mentions = Mentions(self.persons)
        return self._mentions

    def add_person(self, p: Person) -> None:
        """A person the rules found late, kept in text order."""
        self.persons.append(p)
        self.persons.sort(key=lambda x: x.start)
        self._mentions = None

    def set_persons(self, persons: list[Person]) -> None:
        """Put back an earlier list of persons."""
        self.persons[:] = persons
        self._mentions = None

    def sentence_at(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (the last sentence when none does)."""
        if len(self._sentence_starts) != len(self.sentences):  # sentences are added once, in order
            self._sentence_starts = [a for a, _ in self.sentences]
        k = bisect_right(self._sentence_starts, pos) - 1
        if k >= 0 and pos < self.sentences[k][1]:
            return k
        return max(0, len(self.sentences) - 1)

    def paragraph_start(self, pos: int) -> int:
        """Where the paragraph holding (or last before) ``pos`` starts; 0 before the first."""
        k = bisect_right(self._paragraph_starts, pos)
        return self._paragraph_starts[k - 1] if k else 0

    def paragraph_from(self, pos: int) -> tuple[int, int] | None:
        """The first paragraph that starts at or after ``pos``."""
        k = bisect_left(self._paragraph_starts, pos)
        return self._paragraphs[k] if k < len(self._paragraphs) else None

    def line_end(self, pos: int) -> int:
        """Where the line holding ``pos`` ends (its line break, or the end of the text)."""
        k = bisect_right(self._paragraph_starts, pos) - 1
        if k >= 0 and pos <= self._paragraphs[k][1]:  # a paragraph is a whole line
            return self._paragraphs[k][1]
        end = self.text.find("\n", pos)  # a blank line: spaces up to its break
        return end if end >= 0 else len(self.text)

    def quote_end_before(self, pos: int) -> int | None:
        """The end (closing mark included) of the last quotation that ends at or before ``pos``."""
        k = bisect_right(self._quote_ends, pos)
        return self._quote_ends[k - 1] if k else None

    def quotes_from(self, pos: int) -> Iterator[QuoteSpan]:
        """The quotations that open at or after ``pos``, in order."""
        return (self.spans[k] for k in range(bisect_left(self._quote_starts, pos), len(self.spans)))


# ------------------------------------------------------------------------ persons


def rule_persons(text: str, masked: str, framed: str) -> list[Person]:
    """Name-shaped spans outside quotations with evidence that they name a person."""
    found: list[Person] = []
    for m in NAME_RE.finditer(masked):
        phrase = m.group(0)
        for stop in re.finditer(r"(\w+)\.\s", phrase):  # "Universe. She": two sentences, not "Mrs. Polder"
            if len(stop.group(1)) > 1 and stop.group(1).lower() not in ABBREVIATIONS and stop.group(1).lower() + "." \
                    not in TITLE_HEADS:
                phrase = phrase[: stop.start(1) + len(stop.group(1))]
                break
        phrase = phrase.rstrip(".")
        name, title = strip_title(phrase)
        start = m.start() + (len(phrase) - len(name))
        if not is_name_like(name) or (len(name.split()) < 2 and title is None):
            continue  # one word is a name only after a title ("Mr. Obama", "President Varga")
        end = start + len(name)
        after = framed[end : end + 140]
        evidence = (
            title is not None
            or role_of(text, start, end) is not None
            or re.match(rf"^\s*(?:,[^,]{{1,80}},\s*)?{AUX}(?:{CUE})\b", after, re.IGNORECASE)
            or re.search(rf"\b(?:{CUE})\s+$", masked[max(0, start - 25) : start], re.IGNORECASE)
        )
        if evidence:
            found.append(Person(start, end, name, gender_of_title(title)))
    return found


_HYPHEN_TAIL_RE = re.compile(r"-[A-Z][\w’']+")


def whole_name(text: str, p: Person) -> Person:
    """``p`` with the rest of a hyphenated surname NER cut off ("Ona Brisk" of "Ona
    Brisk-Malle"), so that the surname alone ("Brisk-Malle said") finds it."""
    m = _HYPHEN_TAIL_RE.match(text, p.end)
    return Person(p.start, m.end(), text[p.start : m.end()], p.gender) if m else p


def add_surname_mentions(text: str, masked: str, persons: list[Person]) -> list[Person]:
    """Lone surnames ("Moorcroft said") of people named in full elsewhere in the article."""
    taken = Cover([(p.start, p.end) for p in persons])
    names = {family_name(p.text): p for p in persons if len(p.text.split()) >= 2}  # "Byrd" of "… Byrd Sr."
    out = list(persons)
    lasts = sorted((last for last in names if len(last) >= 3), key=len, reverse=True)
    if lasts:  # one pass over the text for every surname, not one per surname
        for m in re.finditer(rf"\b(?:{'|'.join(map(re.escape, lasts))})\b", masked):
            if not taken.covers(m.start()):
                out.append(Person(m.start(), m.end(), m.group(), names[m.group()].gender))
                taken.add(m.start(), m.end())
    return sorted(out, key=lambda p: p.start)


# --------------------------------------------------------------------- references


_HE_RE = re.compile(r"\b(?:he|himself)\b", re.IGNORECASE)
_SHE_RE = re.compile(r"\b(?:she|herself)\b", re.IGNORECASE)


def infer_genders(ctx: Context) -> None:
    """Genders the article itself gives: the pronouns after the only person of a sentence,
    in that sentence and the next when it names nobody, and gendered roles. Titles (Mr., Mrs.)
    already count. Where the article says nothing, the first name's usual gender (a lone
    surname takes it from the full names it shortens, when they agree)."""
    # votes go to the person, not the surname: "Ivanka Trump" is no "he" for Donald's sake;
    # a lone surname counts for the one full name it shortens, if the article has one only
    fulls: dict[str, set[str]] = {}
    for p in ctx.persons:
        if len(p.text.split()) >= 2:
            fulls.setdefault(surname(p.text), set()).add(without_possessive(p.text))

    def key(p: Person) -> str:
        if len(p.text.split()) >= 2:
            return without_possessive(p.text)
        one = fulls.get(surname(p.text), set())
        return next(iter(one)) if len(one) == 1 else surname(p.text)

    persons = sorted(ctx.persons, key=lambda p: p.start)  # (already in order: stable)
    starts = [p.start for p in persons]

    def within(a: int, b: int) -> list[Person]:  # the persons named in [a, b)
        return persons[bisect_left(starts, a) : bisect_left(starts, b)]

    votes: dict[str, int] = {}
    for k, (a, b) in enumerate(ctx.sentences):
        inside = within(a, b)
        if len({key(p) for p in inside}) != 1:
            continue
        person = inside[0]
        if _HE_RE.search(ctx.masked, a, person.start) or _SHE_RE.search(ctx.masked, a, person.start):
            continue  # someone else is here too ("“…,” she said about Vortigern"): no vote for him
        span = ctx.masked[person.end : b]
        if k + 1 < len(ctx.sentences):
            na, nb = ctx.sentences[k + 1]
            if not within(na, nb):
                span += " " + ctx.masked[na:nb]
        votes[key(person)] = votes.get(key(person), 0) + len(_HE_RE.findall(span)) - len(_SHE_RE.findall(span))
    roles: dict[str, int] = {}
    for p in ctx.persons:  # a gendered role ("spokeswoman", "his wife") settles it
        role = (role_of(ctx.text, p.start, p.end) or "").lower()
        words = [w for w in re.findall(r"[a-z]+", role) if w in ROLE_GENDERS]
        if gender_of_first_name(p.text) == "f":  # "Trump spokesman Hope Hicks": "-man" titles serve women too
            words = [w for w in words if w not in GENERIC_MAN_ROLES]
        g = {ROLE_GENDERS[w] for w in words}
        if len(g) == 1:
            roles[key(p)] = roles.get(key(p), 0) + (1 if g == {"m"} else -1)
    for p in ctx.persons:
        if p.gender is not None:
            continue
        name = key(p)
        v, r = votes.get(name, 0), roles.get(name, 0)
        # a full name's first name outweighs the he/she after it, which may be someone
        # else's ("Ada Kroll came, thanks to Wes Tamaki [missed by NER]. “…,” he said")
        first = gender_of_first_name(name) if len(name.split()) >= 2 else None
        if r:
            p.gender = "m" if r > 0 else "f"
        elif first and v and ("m" if v > 0 else "f") != first:
            p.gender, p.prior = first, True
        elif v:
            p.gender = "m" if v > 0 else "f"
    for p in ctx.persons:
        if p.gender is None:  # a lone surname: the first names of the full names it may shorten
            one = ({gender_of_first_name(f) for f in fulls.get(surname(p.text), ())} if len(p.text.split()) < 2
                   else {gender_of_first_name(p.text)})
            p.gender = next(iter(one)) if len(one) == 1 else None
            p.prior = p.gender is not None


def attributive(ctx: Context, p: Person) -> bool:
    """A name that modifies a noun ("the Kroll campaign", "a Kroll tweet", "one Kroll
    adviser", "Kroll spokesman Jo Bell" in the parse): it names no speaker and no antecedent."""
    if re.search(r"\b(?:the|a|an|this|that|one|another)\s+$", ctx.text[max(0, p.start - 8) : p.start], re.I):
        return True
    doc = ctx.doc
    if doc is None or p.end > ctx.doc_len:
        return False
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    last = span[-1]
    # "Gowdy spokesman Jamal Ware" parses with Gowdy as the spokesman's possessor or description
    return (last.head.i > last.i and last.head.idx >= p.end and not last.head.is_punct
            and not re.search(r"[,(—–]", ctx.text[p.end : last.head.idx])  # "Jo Bell, Lune director for X,"
            and (last.dep_ == "compound" or (last.dep_ in ("nmod:poss", "nmod:desc") and last.head.pos_ == "NOUN")))


def possessive(ctx: Context, p: Person) -> bool:
    """``p`` is a possessor ("Ada Kroll's statement"), NER's span with the 's or without."""
    return bool(re.search(r"['’]s$", p.text) or re.match(r"['’]s\b", ctx.text[p.end : p.end + 3]))


def person_at(ctx: Context, pos: int) -> Person | None:
    """The person mention covering the character at ``pos``."""
    return next((p for p in ctx.persons if p.start <= pos < p.end), None)


def person_before(ctx: Context, pos: int) -> Person | None:
    """The person mention that ends right before ``pos`` (only spaces between)."""
    ws = pos
    while ws > 0 and ctx.text[ws - 1].isspace():  # the spaces before ``pos``
        ws -= 1
    return next(iter(ctx.mentions.ending(ws, pos)), None)


def person_in(ctx: Context, a: int, b: int, first: bool = True) -> Person | None:
    """The first (or last) person mention inside [a, b), skipping possessives ("X's aide") and
    lone initials (the "G" of "G.K. Butterfield")."""
    hits = [
        p for p in ctx.persons
        if a <= p.start and p.end <= b and not possessive(ctx, p)
        and len(p.text.rstrip(".")) > 1 and not attributive(ctx, p)
    ]
    if not hits:
        return None
    return hits[0] if first else hits[-1]


TITLE_STEMS = {t.rstrip(".") for t in TITLE_HEADS}


def strong(ctx: Context, p: Person) -> bool:
    """A mention that surely names a person: two or more name words, a title before it, the
    surname of someone named in full, a speaker already, or a lone name mentioned again that
    the article calls he or she (a lone "Midway" or "Ultimately" from NER is not); never a
    name NER tags a place about as often (:meth:`Context.place_like`)."""
    before = ctx.text[max(0, p.start - 25) : p.start].split()[-1:]
    if p.text in ctx.speakers or (before and before[0].lower().rstrip(".") in TITLE_STEMS):
        return True
    place, full = ctx.place_like(p.text), len(p.text.split()) >= 2
    if full and not place:
        return True  # the common case, with no scan of the article's persons
    shortens = any(len(o.text.split()) >= 2 and surname(o.text) == p.text for o in ctx.persons)
    if place and not shortens:
        return False  # but "Kroll" is the surname of the Ada Kroll the article names
    if full:
        return True
    if p.gender is not None and not p.prior and sum(o.text == p.text for o in ctx.persons) >= 2:
        return True  # named again and called he or she: a person, not a stray capitalised word
    return shortens
