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
    gender_of_first_name,
    gender_of_title,
    is_name_like,
    role_of,
    strip_title,
    surname,
    without_possessive,
)
from newsloom.lang.en.speech import ASIDE_LEMMAS
from newsloom.lang.en.titles import ABBREVIATIONS, GENERIC_MAN_ROLES, ROLE_GENDERS, TITLE_HEADS, TITLE_SHORT_FORMS
from newsloom.lang.en.words import PRONOUNS
from newsloom.quotes.cues import AUX, CUE
from newsloom.quotes.marks import DOUBLE_MARKS, MASK, QuoteSpan


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
        self.doc_len = len(self.doc.text) if self.doc is not None else 0
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
    names = {surname(p.text): p for p in persons if len(p.text.split()) >= 2}
    out = list(persons)
    for last, p in names.items():
        if len(last) < 3:
            continue
        for m in re.finditer(rf"\b{re.escape(last)}\b", masked):
            if not taken.covers(m.start()):
                out.append(Person(m.start(), m.end(), last, p.gender))
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


def _attributive(ctx: Context, p: Person) -> bool:
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
        and len(p.text.rstrip(".")) > 1 and not _attributive(ctx, p)
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


def main_subject(ctx: Context, a: int, b: int, depth: int = 0) -> Person | None:
    """The person who is the subject of the main clause in ``[a, b)``: a named person, or a
    he/she that resolves in turn ("She met Ruiz. She said …": the story's subject stays the
    same) (parse only; None when that subject is no person). Subjects inside quotations are
    the quoted speaker's own words and are skipped."""
    if ctx.doc is None or b > ctx.doc_len:
        return None
    span = ctx.doc.char_span(a, b, alignment_mode="contract")
    for tok in span if span is not None else []:
        if (tok.dep_ not in ("nsubj", "nsubj:pass") or tok.pos_ == "VERB" or ctx.masked[tok.idx] == MASK
                or not _main_clause(tok.head, b)):  # "Closing the office would …" names nobody
            continue
        if any(s.dep_ in ("nsubj", "nsubj:pass") and tok.i < s.i < tok.head.i for s in tok.head.children):
            continue  # "Ruiz, Castell said, has …" parsed with two subjects: the one nearer speaks
        if tok.idx in ctx.resolved:
            return ctx.resolved[tok.idx]
        gender = PRONOUNS.get(tok.lower_)
        if gender in ("m", "f"):  # a chain of pronoun subjects, bounded (each step goes back)
            if depth >= 3 or resolve_pronoun(ctx, tok.idx, gender, depth + 1) is None:
                return None
            return ctx.resolved[tok.idx]  # with the pronoun's gender ("He was joined by Ada. She said")
        p = person_at(ctx, tok.idx)
        if p is None and depth == 0 and tok.head.dep_ in ("ROOT", "parataxis"):  # not in a reported clause
            return _unlisted_subject(ctx, tok)
        # a lone name the article calls he or she is a person when it is the clause's subject
        # ("Lund openly admitted his pick was tactical": once named, yet the subject)
        # and so is one who says something ("Okafor, who is 28, said he …")
        sure = p is not None and (strong(ctx, p) or (
            (tok.head.lemma_ in ASIDE_LEMMAS or (p.gender is not None and not p.prior))
            and not ctx.place_like(p.text)))
        return p if sure and not _attributive(ctx, p) else None
    # a parse that made the name itself the root ("Ada Kroll, who won the vote, is calling …"
    # with no subject found): the name that opens the sentence
    root = next((t for t in span if t.dep_ == "ROOT"), None) if span is not None else None
    p = person_at(ctx, root.idx) if root is not None and root.pos_ == "PROPN" else None
    if p is not None and not ctx.masked[a:p.start].strip(" \n\"“”'‘’") and strong(ctx, p):
        return p
    return None


def _main_clause(verb: Any, b: int) -> bool:
    """Whether ``verb`` heads the main clause of the text before ``b``: the root; the speaker's
    aside in it ("X, Y said, has …"); the clause a parse hung as parataxis on a fronted
    participle it made the root ("Preceded by Kroll, Ruiz launched …"); a conjunct the parse hung
    backwards on a root at or after ``b`` ("X tossed “…,” she wrote", parsed as "X tossed and
    she wrote"): before her "she", X's clause is the main one. A reported clause parsed as
    such is not ("Kroll is no reformer, he said": he is not Kroll)."""
    if verb.dep_ == "ROOT":
        return True
    root = verb.head
    if root.dep_ != "ROOT" or verb.dep_ not in ("parataxis", "conj"):
        return False
    if verb.dep_ == "conj":  # a conjunct before its head: a report the parse got backwards
        return root.idx >= b and verb.i < root.i
    return verb.lemma_ in ASIDE_LEMMAS or (
        root.tag_ in ("VBN", "VBG") and root.i < verb.i
        and not any(c.dep_ in ("nsubj", "nsubj:pass") for c in root.children))


def _unlisted_subject(ctx: Context, tok: Any) -> Person | None:
    """A name that NER missed as the subject of the main clause ("Lund openly admitted his pick
    was tactical. “…,” he said."): a capitalised proper noun in the parse that no entity type
    but PERSON claims, outside quotations and not a title, with its compound parts before it
    ("Wes Tamaki")."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "PERSON") or not tok.text[:1].isupper():
        return None
    parts = [t for t in tok.children if t.dep_ in ("compound", "flat") and t.i < tok.i and t.pos_ == "PROPN"]
    first = min([tok, *parts], key=lambda t: t.i)
    start, end = first.idx, tok.idx + len(tok.text)
    if ctx.masked[start] == MASK or tok.lower_ in TITLE_STEMS:
        return None
    return Person(start, end, ctx.text[start:end])


def _named_in(quoted: str, p: Person) -> bool:
    """The quotation names ``p`` in the third person: their surname alone or after their own
    first name, not inside another name ("the Kroll Foundation", "Bill Kroll" for Ada)."""
    words = p.text.split()
    for m in re.finditer(rf"\b{re.escape(surname(p.text))}\b(?!\s+[A-Z])", quoted):
        before = re.search(r"([A-Z][\w.’'\-]*)\s+$", quoted[: m.start()])
        if before is None or len(words) == 1 or before.group(1) == words[-2] or (
            before.group(1).lower().rstrip(".") in TITLE_STEMS
        ):
            return True
    return False


def resolve_pronoun(ctx: Context, pos: int, gender: str | None, depth: int = 0, quoted: str = "") -> Person | None:
    """The most recent compatible person: the first one named in this or an earlier sentence
    (outside quotations), skipping mentions that may be no person at all. A pronoun resolved
    before stands for its referent ("She says … Vail … She tweeted": the first she's).

    In order: the person who is the main-clause subject of this sentence or the one before,
    when compatible ("Rana Patel … said Ada Kroll's statement …. “…,” she said":
    centering); someone of that gender in the last three sentences (by the first name's usual
    gender, only in the last two) ("she said" after a sentence naming "Tomas Ruiz" is not
    his), not a possessor; anyone compatible in
    the last eight sentences. On PolNeAR train (held out) subject-first beat gender-first by
    0.8 points of speaker accuracy. ``quoted``: the words the pronoun's speaker said; one they
    name in the third person ("“… a nominee other than Kroll,” he said") is someone else."""
    k = ctx.sentence_at(pos)

    def take(p: Person) -> Person:  # the pronoun tells the referent's gender from here on
        ctx.resolved[pos] = Person(p.start, p.end, p.text, gender if gender in ("m", "f") else p.gender)
        return p

    def clash(p: Person) -> bool:
        if quoted and _named_in(quoted, p):
            return True
        return gender in ("m", "f") and p.gender is not None and p.gender != gender

    if pos in ctx.resolved:
        return ctx.resolved[pos]
    # a quotation answering the writer's own question ("But what if Kroll wins?" then "“…,” he
    # said") is the last speaker's: the question names topics, and is passed over
    answer = ctx.masked[ctx.sentences[k][0] : pos].lstrip()[:1] in (MASK, *DOUBLE_MARKS)
    back = [j for j in range(k, max(-1, k - 12), -1) if j == k or not answer
            or not ctx.masked[ctx.sentences[j][0] : ctx.sentences[j][1]].rstrip().endswith("?")]
    subjects = (main_subject(ctx, ctx.sentences[j][0], min(ctx.sentences[j][1], pos), depth) for j in back[:2])
    subj = next((s for s in subjects if s is not None), None)
    if subj is not None and not clash(subj):
        return take(subj)
    for known, reach in ((True, 3), (False, 8)):
        if known and gender not in ("m", "f"):
            continue
        for n, j in enumerate(back[:reach]):
            a, b = ctx.sentences[j]
            b = min(b, pos)
            cands = [(p.start, p) for p in ctx.persons if a <= p.start and p.end <= b and strong(ctx, p)
                     and not _attributive(ctx, p)
                     and not (known and possessive(ctx, p))]
            cands += [(at, p) for at, p in ctx.resolved.items() if a <= at < b]
            for _, p in sorted(cands, key=lambda x: x[0]):
                # a first name's usual gender counts only in this sentence or the one
                # before: "“…,” he said" after a sentence naming Wes Tamaki is his, not a
                # man's named two sentences earlier; but a "Margaret" further back must not
                # beat a nearer person whose gender the article never says
                if (p.gender != gender or (p.prior and n > 1) or clash(p)) if known else clash(p):
                    continue
                return take(p)
    return None


def _titled(ctx: Context, p: Person, head: str) -> bool:
    """``p`` is named with the title ``head`` before it ("Vermont Senator X", "Sen. X")."""
    words = "|".join(re.escape(w) for w in {head, TITLE_SHORT_FORMS.get(head, head)})
    return bool(re.search(rf"\b(?i:{words})\.?\s+(?:[A-Z][\w.’'\-]*\s+){{0,3}}$",
                          ctx.text[max(0, p.start - 40) : p.start]))


def resolve_description(ctx: Context, pos: int, head: str) -> Person | None:
    """The person a title description ("the senator", "the Vermont senator") refers to: the
    most recent person before ``pos`` with that title or a role with that head word."""
    earlier = [p for p in ctx.persons if p.end <= pos and strong(ctx, p)]
    for p in reversed(earlier):
        if re.search(rf"\b{re.escape(head)}\b", (role_of(ctx.text, p.start, p.end) or "").lower()) or any(
            _titled(ctx, o, head) for o in earlier if surname(o.text) == surname(p.text)
        ):
            return p
    return None
