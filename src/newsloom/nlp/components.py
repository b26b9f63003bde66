"""Rule components for news text, registered with spaCy so saved pipelines reload them.

* ``newsloom_dateline`` — an all-caps dateline at the start of a text or paragraph
  ("BRUSSELS —", "KYIV, Ukraine (AP) —") becomes LOC, overriding what NER said there.
* ``newsloom_titles`` — a title before a person's name ("Secretary of State Marco Rubio")
  goes to the span group ``doc.spans["TITLE"]`` and is kept out of the PERSON entity;
  ``person_span._.title`` gives the title span of a PERSON (or ``None``). An ORG/LOC/MISC
  entity right after a title ("Finance Minister Lena Vortigern"), one that is a title and a
  name of two to four proper nouns ("Senate Majority Whip Lena Vortigern"), or one that is a
  Census first name and a surname ("Wes Tamaki"), is relabelled PERSON.
* ``newsloom_numeric`` — DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL and CARDINAL
  entities from token patterns ("Feb. 13, 2025", "last Friday", "$75.25", "2.3%",
  "90 minutes", "three", "1,200"); never replaces an entity NER already found.

Curly quotes, apostrophes and dashes need no normalising: spaCy's English tokenizer splits
them and maps their ``NORM`` to the ASCII forms the models are trained on. The one gap, a
dash glued to a quote ("BRUSSELS—“We"), is closed by :func:`extend_tokenizer`, which the
build applies to the saved tokenizer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, filter_spans
from spacy.vocab import Vocab

from newsloom.entities.names import gender_of_first_name
from newsloom.lang.en.calendar import (
    CLOCK_UNIT_ABBREVIATIONS,
    CLOCK_UNITS,
    DEICTIC_DAYS,
    LONE_MONTH_ABBREVIATIONS,
    MERIDIEM_MARKS,
    MONTH_ABBREVIATIONS,
    PARTS_OF_DAY,
    RELATIVE_TIME_WORDS,
    SEASONS,
    TIME_UNIT_PLURALS,
    TIME_ZONES,
    UNAMBIGUOUS_MONTHS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
)
from newsloom.lang.en.names import NAMED_AFTER, PLACE_OR_PAPER
from newsloom.lang.en.numbers import (
    CURRENCY_CODES,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    HEDGES,
    ONES,
    ORDINAL_WORDS,
    PLURAL_COUNTS,
    SCALES,
    TENS,
    UNITS,
    VAGUE_COUNTS,
)
from newsloom.lang.en.titles import TITLE_CONNECTORS, TITLE_HEADS, TITLE_WORDS

TITLE_KEY = "TITLE"
#: Extra tokenizer infixes: a dash glued to a quote ("BRUSSELS—“We") is split in three.
NEWS_INFIXES = [
    r"(?<=[—–―])[“”‘’\"]",
    r"[—–―](?=[“”‘’\"])",
    r"[“”\"](?=[—–―])",
    r"(?<=[“”‘’\"])[—–―]",
]


def extend_tokenizer(nlp: Language) -> None:
    """Add :data:`NEWS_INFIXES` to ``nlp``'s tokenizer (saved with the pipeline)."""
    infixes = [*nlp.Defaults.infixes, *NEWS_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


DASHES = {"—", "–", "-", "--", "―"}

# --------------------------------------------------------------------------- titles

def _is_title_token(tok: Token) -> bool:
    low = tok.lower_
    if low not in TITLE_WORDS:
        return False
    return tok.is_title or tok.is_upper or low.endswith(".")


def _title_before(doc: Doc, end: int, floor: int) -> tuple[int, int] | None:
    """The (start, end) of a title ending at token ``end``, not reaching below ``floor``."""
    i = end - 1
    start = end
    while i >= floor:
        tok = doc[i]
        if _is_title_token(tok):
            start = i
        elif tok.lower_ in TITLE_CONNECTORS and i - 1 >= floor and _is_title_token(doc[i - 1]):
            pass  # keep walking; only counts if a title word precedes it
        else:
            break
        i -= 1
    while start < end and doc[start].lower_ in TITLE_CONNECTORS:
        start += 1
    if start >= end or doc[end - 1].lower_ in TITLE_CONNECTORS:
        return None
    if not any(t.lower_ in TITLE_HEADS for t in doc[start:end]):
        return None
    return start, end


def titles_by_end(doc: Doc) -> dict[int, Span]:
    """The doc's title spans by the token they end at: the title of a PERSON entity is the one
    ending where it starts (one lookup per entity, where ``span._.title`` reads them all)."""
    out: dict[int, Span] = {}
    for title in doc.spans.get(TITLE_KEY, []):
        out.setdefault(title.end, title)
    return out


def _person_title(span: Span) -> Span | None:
    return titles_by_end(span.doc).get(span.start)


if not Span.has_extension("title"):
    Span.set_extension("title", getter=_person_title)


@Language.component("newsloom_titles")
def newsloom_titles(doc: Doc) -> Doc:
    """Split titles off PERSON entities and record them in ``doc.spans["TITLE"]``."""
    ents = list(doc.ents)
    titles: list[Span] = []
    new_ents: list[Span] = []
    prev_end = 0
    for ent in ents:
        start, label = ent.start, ent.label_
        # a title NER swallowed into the entity: "Minister Lena Vortigern"
        inner = start
        while inner < ent.end - 1 and (
            _is_title_token(doc[inner]) or (doc[inner].lower_ in TITLE_CONNECTORS and inner > start)
        ):
            inner += 1
        found = _title_before(doc, inner, prev_end) if inner > start else None
        if found is None and (head := _inner_title_head(doc, ent)) is not None:
            inner, found = head + 1, (ent.start, head + 1)  # "House Intelligence Republican Ada Kroll"
        rest = doc[inner : ent.end]
        if found is not None and (label == "PERSON" or (
            2 <= len(rest) <= 4 and all(t.is_title and t.pos_ == "PROPN" for t in rest)
        )):  # "Senate Majority Whip Ada Kroll" that NER took for an organisation
            start, label = inner, "PERSON"
        else:
            found = _title_before(doc, start, prev_end)
            name = doc[ent.start : ent.end]
            is_name = all(t.is_title or not t.is_alpha for t in name) and len(name) <= 4
            if found is not None and label in ("ORG", "MISC", "LOC") and is_name:
                label = "PERSON"
            elif label != "PERSON":
                found = None
                if _first_and_last(name):  # "Wes Tamaki" that NER took for a place
                    label = "PERSON"
        if found is not None:
            titles.append(Span(doc, found[0], found[1], label=TITLE_KEY))
        new_ents.append(Span(doc, start, ent.end, label=label, kb_id=ent.kb_id))
        prev_end = ent.end
    # a name NER missed right after a title: "Secretary of State Oren Maltravers arrived"
    taken = {i for e in new_ents for i in range(e.start, e.end)}
    i = 1
    while i < len(doc):
        tok = doc[i]
        if i in taken or not _is_name_token(tok) or not _is_title_token(doc[i - 1]):
            i += 1
            continue
        floor = max((e.end for e in new_ents if e.end <= i), default=0)
        found = _title_before(doc, i, floor)
        end = i
        while end < len(doc) and end - i < 4 and end not in taken and _is_name_token(doc[end]):
            end += 1
        if found is not None:
            titles.append(Span(doc, found[0], found[1], label=TITLE_KEY))
            new_ents.append(Span(doc, i, end, label="PERSON"))
        i = end
    doc.ents = sorted(new_ents, key=lambda s: s.start)
    doc.spans[TITLE_KEY] = sorted(titles, key=lambda s: s.start)
    return doc


def _inner_title_head(doc: Doc, ent: Span) -> int | None:
    """The title word inside an entity that two or three name words end ("House Intelligence
    Republican Ada Kroll": Republican), after capitalised words only; None if there is none."""
    for i in range(ent.end - 3, ent.start - 1, -1):
        tok, name = doc[i], doc[i + 1 : ent.end]
        if (tok.lower_ in TITLE_HEADS and _is_title_token(tok) and len(name) <= 3
                and all(_is_name_token(t) for t in name) and name[-1].lower_ not in NAMED_AFTER
                and all(t.is_title or t.is_upper for t in doc[ent.start : i])):
            return i
    return None


def _first_and_last(name: Span) -> bool:
    """Two proper nouns that are a first name of clear gender in the Census lists and a
    surname ("Wes Tamaki"), not a place or paper named after one."""
    return (len(name) == 2 and all(_is_name_token(t) for t in name) and name[-1].lower_ not in NAMED_AFTER
            and name[-1].lower_ not in PLACE_OR_PAPER and gender_of_first_name(name.text) is not None)


def _is_name_token(tok: Token) -> bool:
    return tok.is_title and tok.pos_ == "PROPN" and tok.lower_ not in TITLE_WORDS


# ------------------------------------------------------------------------- datelines


def _dateline_starts(doc: Doc) -> Iterable[int]:
    yield 0
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws and (tok.is_space or "\n" in tok.whitespace_):
            yield tok.i + 1


def _is_caps_word(tok: Token) -> bool:
    text = tok.text.replace(".", "").replace("'", "")
    return bool(text) and text.isalpha() and text.isupper() and len(text) > 1


@Language.component("newsloom_dateline")
def newsloom_dateline(doc: Doc) -> Doc:
    """Tag an all-caps dateline place ("BRUSSELS —", "KYIV, Ukraine (AP) —") as LOC.

    Also cuts entities at line breaks ("Trump\n\nDate" -> "Trump").
    """
    if any(t.is_space for e in doc.ents for t in e):
        cut = []
        for e in doc.ents:
            end = next((t.i for t in e if t.is_space), e.end)
            if end > e.start:
                cut.append(Span(doc, e.start, end, label=e.label, kb_id=e.kb_id))
        doc.ents = cut
    spans: list[Span] = []
    for start in _dateline_starts(doc):
        i = start
        while i < len(doc) and i - start < 4 and _is_caps_word(doc[i]):
            i += 1
        if i == start:
            continue
        places = [(start, i)]
        j = i
        if j < len(doc) and doc[j].text == ",":  # "KYIV, Ukraine" / "WASHINGTON, D.C."
            k = j + 1
            while k < len(doc) and k - j <= 3 and (doc[k].is_title or _is_caps_word(doc[k])):
                k += 1
            if k > j + 1:
                places.append((j + 1, k))
                j = k
        agency = False
        if j < len(doc) and doc[j].text == "(":  # "(AP)", "(Reuters)"
            k = j + 1
            while k < len(doc) and k - j <= 4 and doc[k].text != ")":
                k += 1
            if k < len(doc) and doc[k].text == ")":
                j, agency = k + 1, True
        # a plain hyphen only after an agency: "SOCCER - JAPAN WIN" is a headline
        if j < len(doc) and doc[j].text in DASHES and (agency or doc[j].text not in ("-", "--")):
            spans.extend(Span(doc, s, e, label="LOC") for s, e in places)
    if spans:
        keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        doc.ents = sorted([*keep, *spans], key=lambda s: s.start)
    return doc


# --------------------------------------------------------------------- numeric ents

# fmt: off
# A lone "May" is a verb or a name: it is a month only with a day, a year or "last", "early"… (ALL_MONTHS).
MONTHS = [*UNAMBIGUOUS_MONTHS, *(a + "." for a in MONTH_ABBREVIATIONS), *LONE_MONTH_ABBREVIATIONS]
ALL_MONTHS = [*MONTHS, "May"]
WEEKDAY_FORMS = [*WEEKDAYS, *(a + "." for a in WEEKDAY_ABBREVIATIONS)]
# the units of a date's period, but "weekends"; the seasons; "season"
PERIODS = [*(w for u in TIME_UNIT_PLURALS if u not in CLOCK_UNITS for w in (u, TIME_UNIT_PLURALS[u])
             if w != "weekends"), *SEASONS, "season"]
CLOCK_WORDS = [*(w for u in CLOCK_UNITS for w in (u, TIME_UNIT_PLURALS[u])), *CLOCK_UNIT_ABBREVIATIONS]
NUMBER_WORDS = [*ONES, *TENS, "hundred", "dozen", *PLURAL_COUNTS, *VAGUE_COUNTS]
YEAR_RE = r"^(1[89]|20)\d\d$"
DAY_RE = r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$"

NUM = {"LIKE_NUM": True}
NUM_OR_WORD = {"LOWER": {"IN": NUMBER_WORDS}}
SCALE = {"LOWER": {"IN": SCALES}, "OP": "?"}
YEAR = {"TEXT": {"REGEX": YEAR_RE}}
DAY = {"TEXT": {"REGEX": DAY_RE}}
REL = {"LOWER": {"IN": RELATIVE_TIME_WORDS}}
# A number phrase: "3", "3.5", "1,200", "two", "2 million", "a few", "three-and-a-half"
NUMPHRASE = [{"LIKE_NUM": True, "OP": "+"}, SCALE]

PATTERNS: dict[str, list[list[dict]]] = {
    "DATE": [
        [{"ORTH": {"IN": ALL_MONTHS}}, DAY, {"ORTH": ",", "OP": "?"}, YEAR],
        [{"ORTH": {"IN": ALL_MONTHS}}, DAY],
        [{"ORTH": {"IN": ALL_MONTHS}}, {"ORTH": ",", "OP": "?"}, YEAR],
        [{"ORTH": {"IN": MONTHS}}],
        [DAY, {"ORTH": {"IN": ALL_MONTHS}}, YEAR],
        [DAY, {"ORTH": {"IN": ALL_MONTHS}}],
        [{"LOWER": "the"}, DAY, {"LOWER": "of"}, {"ORTH": {"IN": ALL_MONTHS}}, YEAR],
        [{"LOWER": "the"}, DAY, {"LOWER": "of"}, {"ORTH": {"IN": ALL_MONTHS}}],
        [{"ORTH": {"IN": WEEKDAY_FORMS}}, {"ORTH": ",", "OP": "?"}, {"ORTH": {"IN": ALL_MONTHS}},
         DAY, {"ORTH": ",", "OP": "?"}, YEAR],
        [{"ORTH": {"IN": WEEKDAY_FORMS}}, {"ORTH": ",", "OP": "?"}, {"ORTH": {"IN": ALL_MONTHS}},
         DAY],
        [REL, {"ORTH": {"IN": WEEKDAY_FORMS}}],
        [{"ORTH": {"IN": WEEKDAY_FORMS}}],
        [{"LOWER": {"IN": [*DEICTIC_DAYS, "weekend"]}}],
        [{"LOWER": {"IN": ["the", "this"]}, "OP": "?"}, REL, {"LOWER": {"IN": PERIODS}}],
        [REL, {"LOWER": "this"}, {"LOWER": {"IN": PERIODS}}],  # "earlier this month"
        [REL, {"ORTH": {"IN": ALL_MONTHS}}],  # "last March", "early May"
        [REL, {"LOWER": "year"}],
        [{"LOWER": {"IN": ["the", "this"]}, "OP": "?"}, REL, NUM_OR_WORD,
         {"LOWER": {"IN": PERIODS}}],  # "the next five years"
        [{"LOWER": {"IN": ["the", "this", "last", "past"]}, "OP": "?"}, NUM_OR_WORD,
         {"LOWER": {"IN": PERIODS}}, {"LOWER": {"IN": ["ago", "earlier", "later"]}, "OP": "?"}],
        [NUM, {"LOWER": {"IN": PERIODS}},
         {"LOWER": {"IN": ["ago", "earlier", "later"]}, "OP": "?"}],
        [{"LOWER": {"IN": ["the", "this", "last", "past"]}, "OP": "?"}, NUM, {"ORTH": "-"},
         {"LOWER": {"IN": PERIODS}}],  # "the 30-day"
        [{"LOWER": {"IN": ["the", "this", "last", "past"]}, "OP": "?"}, NUM,
         {"LOWER": {"IN": ["-day", "-year", "-month", "-week"]}}],
        [{"TEXT": {"REGEX": r"^(1[89]|20)\d0s$"}}],  # "the 1990s"
        [{"ORTH": {"IN": ALL_MONTHS}}, YEAR],
        [{"LOWER": {"IN": ["fiscal", "fy"]}}, YEAR],
        [YEAR],
    ],
    "TIME": [
        [{"SHAPE": {"IN": ["d:dd", "dd:dd", "d.dd", "dd.dd"]}},
         {"LOWER": {"IN": MERIDIEM_MARKS}},
         {"ORTH": {"IN": TIME_ZONES},
          "OP": "?"}],
        [{"SHAPE": {"IN": ["d:dd", "dd:dd"]}},
         {"ORTH": {"IN": TIME_ZONES},
          "OP": "?"}],
        [{"TEXT": {"REGEX": r"^\d{1,2}$"}},
         {"LOWER": {"IN": [*MERIDIEM_MARKS, "o'clock"]}},
         {"ORTH": {"IN": TIME_ZONES},
          "OP": "?"}],
        [{"LOWER": {"IN": ["noon", "midnight", "tonight", "overnight"]}}],
        [{"LOWER": {"IN": ["this", "last", "tomorrow", "yesterday", "that", "early", "late",
                           *(d.lower() for d in WEEKDAYS)]}},
         {"LOWER": {"IN": PARTS_OF_DAY}}],
        [{"LOWER": {"IN": ["the", *HEDGES]}, "OP": "?"},
         NUM_OR_WORD, {"LOWER": {"IN": CLOCK_WORDS}}],
        [NUM, {"LOWER": {"IN": CLOCK_WORDS}}],
        [NUM, {"ORTH": "-"}, {"LOWER": {"IN": CLOCK_WORDS}}],
    ],
    "MONEY": [
        [{"ORTH": {"IN": CURRENCY_SIGNS}}, *NUMPHRASE],
        [{"ORTH": {"IN": ["US", "U.S.", "C", "A", "HK"]}}, {"ORTH": "$"}, *NUMPHRASE],
        [*NUMPHRASE, {"LOWER": {"IN": ["u.s.", "us", "hong", "canadian", "australian"]},
                      "OP": "?"}, {"LOWER": {"IN": CURRENCY_WORDS}}],
        [*NUMPHRASE, {"ORTH": {"IN": CURRENCY_CODES}}],
        [{"ORTH": {"IN": CURRENCY_CODES}}, *NUMPHRASE],
        [NUM_OR_WORD, SCALE, {"LOWER": {"IN": CURRENCY_WORDS}}],
    ],
    "PERCENT": [
        [*NUMPHRASE, {"ORTH": "%"}],
        [{"TEXT": {"REGEX": r"^[\d.,]+%$"}}],
        [*NUMPHRASE, {"LOWER": {"IN": ["percent", "pct", "per-cent"]}}],
        [NUM_OR_WORD, {"LOWER": {"IN": ["percent", "pct"]}}],
        [*NUMPHRASE, {"LOWER": "per"}, {"LOWER": "cent"}],
        [*NUMPHRASE, {"LOWER": "percentage"}, {"LOWER": "points"}],
    ],
    "QUANTITY": [
        [*NUMPHRASE, {"LOWER": {"IN": UNITS}}, {"LOWER": {"IN": UNITS}, "OP": "?"}],
        [*NUMPHRASE, {"ORTH": "-"}, {"LOWER": {"IN": UNITS}}],
        [NUM_OR_WORD, {"LOWER": {"IN": UNITS}}],
    ],
    "ORDINAL": [
        [{"LOWER": {"IN": ORDINAL_WORDS}}],
        [{"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}}],
    ],
    "CARDINAL": [
        [*NUMPHRASE],
        [{"LOWER": {"IN": PLURAL_COUNTS}}],
    ],
}
#: Lower wins when two matches are the same length.
PRIORITY = {"MONEY": 0, "PERCENT": 1, "TIME": 2, "DATE": 3, "QUANTITY": 4, "ORDINAL": 5,
            "CARDINAL": 6}
# fmt: on
_STRIP_LEFT = {"the", "this", *HEDGES}
_YEAR = re.compile(YEAR_RE)


def _as_flags(vocab: Vocab, patterns: dict[str, list[list[dict]]]) -> dict[str, list[list[dict]]]:
    """``patterns`` with every set (``IN``) or ``REGEX`` test of a word's own text, lower case
    or shape made a lexeme flag: computed once per word of the vocabulary and checked by the
    matcher in its compiled code, where each such test is otherwise a Python call for every
    token at every pattern start (most of the numeric matcher's cost). Same matches."""
    getters = vocab.lex_attr_getters

    def flag(attr: str, op: str, value: object) -> int | None:
        key = (attr, op, tuple(value) if op == "IN" else value)  # type: ignore[arg-type]
        for flag_id, getter in getters.items():  # one flag per test, however often it is built
            if getattr(getter, "newsloom_test", None) == key:
                return flag_id
        form = getters.get(IDS[attr], str) if attr in ("LOWER", "SHAPE") else str
        if op == "IN":
            members = frozenset(value)  # type: ignore[arg-type]

            def test(word: str) -> bool:
                return form(word) in members
        else:
            regex = re.compile(value)  # type: ignore[arg-type]

            def test(word: str) -> bool:
                return regex.search(form(word)) is not None
        test.newsloom_test = key  # type: ignore[attr-defined]
        try:
            return vocab.add_flag(test)
        except ValueError:  # the vocabulary's 63 flag bits taken (E062): the test stays as written
            return None

    def spec(token: dict) -> dict:
        out: dict = {}
        for attr, value in token.items():
            if attr in ("LOWER", "ORTH", "TEXT", "SHAPE") and isinstance(value, dict) and len(value) == 1 \
                    and next(iter(value)) in ("IN", "REGEX"):
                op, arg = next(iter(value.items()))
                if (flag_id := flag(attr, op, arg)) is not None:
                    out[flag_id] = True
                    continue
            out[attr] = value
        return out

    return {label: [[spec(t) for t in pattern] for pattern in group] for label, group in patterns.items()}


class NumericEntities:
    """Matcher-based DATE/TIME/MONEY/PERCENT/QUANTITY/ORDINAL/CARDINAL entities."""

    def __init__(self, nlp: Language, name: str = "newsloom_numeric") -> None:
        self.name = name
        self.matcher = Matcher(nlp.vocab, validate=False)  # flags by number (_as_flags): valid, unknown to the schema
        for label, patterns in _as_flags(nlp.vocab, PATTERNS).items():
            self.matcher.add(label, patterns)
        # words that make no number on their own (built once: _keep runs for every match)
        self.vague = frozenset(set(VAGUE_COUNTS) | _STRIP_LEFT | {"-"} | set(PERIODS) | set(CLOCK_WORDS) | set(UNITS)
                               | set(CURRENCY_WORDS))

    def _keep(self, span: Span, label: str) -> bool:
        words = {t.lower_ for t in span}
        if label in ("CARDINAL", "TIME", "DATE", "QUANTITY", "MONEY") and words <= self.vague:
            return False  # "a year", "a few days": keep only when anchored
        if label == "CARDINAL" and len(span) == 1 and span[0].lower_ in ("one",):
            nxt = span.doc[span.end] if span.end < len(span.doc) else None
            return not (nxt is not None and nxt.lower_ == "of")  # "one of them"
        if label == "DATE" and len(span) == 1 and _YEAR.match(span.text):
            nxt = span.doc[span.end] if span.end < len(span.doc) else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS":
                return False  # "2000 people"
        return True

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            while end - start > 1 and doc[start].lower_ in _STRIP_LEFT and label != "DATE":
                start += 1
            span = Span(doc, start, end, label=label)
            if self._keep(span, label):
                found.append(span)
        found.sort(key=lambda s: (-(s.end - s.start), PRIORITY[s.label_], s.start))
        # NER entities without a letter ("€" in "€2 billion") may give way to a match
        weak = [e for e in doc.ents if not any(c.isalpha() for c in e.text)]
        strong = [e for e in doc.ents if any(c.isalpha() for c in e.text)]
        taken = [False] * len(doc)
        for ent in strong:
            for i in range(ent.start, ent.end):
                taken[i] = True
        new: list[Span] = []
        for span in found:
            if not any(taken[span.start : span.end]):
                new.append(span)
                for i in range(span.start, span.end):
                    taken[i] = True
        if new:
            weak = [e for e in weak if not any(taken[e.start : e.end])]
            doc.ents = filter_spans([*strong, *weak, *new])
        return doc


@Language.factory("newsloom_numeric")
def make_numeric(nlp: Language, name: str) -> NumericEntities:
    """Factory for :class:`NumericEntities`."""
    return NumericEntities(nlp, name)
