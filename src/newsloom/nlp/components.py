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

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, filter_spans

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

# fmt: off
#: Words that make a title on their own (the head of "Deputy Foreign Minister").
TITLE_HEADS = {
    "president", "vice-president", "secretary", "minister", "premier", "chancellor",
    "senator", "sen.", "rep.", "representative", "congressman", "congresswoman", "gov.",
    "governor", "mayor", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson",
    "chairman", "chairwoman", "chair", "director", "commissioner", "ceo", "cfo", "chief",
    "judge", "justice", "king", "queen", "prince", "princess", "pope", "emperor", "sheikh",
    "general", "gen.", "lt.", "col.", "capt.", "sgt.", "adm.", "maj.", "colonel", "captain",
    "admiral", "major", "lieutenant", "sergeant", "commander", "marshal", "dr.", "mr.",
    "mrs.", "ms.", "miss", "prof.", "professor", "rev.", "reverend", "speaker", "leader",
    "lawmaker", "adviser", "advisor", "attorney", "prosecutor", "councillor", "councilor",
    "councilman", "councilwoman", "diplomat", "negotiator", "coach", "striker", "midfielder",
    "defender", "goalkeeper", "manager", "founder", "executive", "economist", "analyst",
    "officer", "inspector", "superintendent", "sheriff", "marshall", "president-elect",
    "mp", "mep", "st.", "sir", "dame", "lord", "lady", "archbishop", "bishop", "cardinal",
    "imam", "rabbi", "father", "sister", "brother", "ayatollah", "tsar", "czar",
    "pollster", "strategist", "consultant", "activist", "historian", "columnist", "journalist",
    "commentator", "lawyer", "pastor", "whip", "republican", "democrat",  # "Republican Ada Kroll"
}
#: Words that may sit inside a title ("Secretary of State", "Deputy Prime Minister").
TITLE_MODIFIERS = {
    "deputy", "vice", "acting", "former", "foreign", "prime", "finance", "defence",
    "defense", "state", "interior", "home", "economy", "economic", "trade", "health",
    "treasury", "justice", "education", "energy", "labor", "labour", "agriculture",
    "transport", "transportation", "commerce", "homeland", "security", "national",
    "assistant", "undersecretary", "under", "associate", "senior", "special", "junior",
    "executive", "operating", "financial", "general", "attorney", "supreme", "high",
    "crown", "grand", "first", "lady", "majority", "minority", "opposition", "party",
    "house", "senate", "press", "white", "environment", "culture", "sports", "digital",
    "external", "affairs", "european", "union", "team", "head", "top", "chief", "staff",
    "lead", "u.s.", "us", "uk", "u.k.", "un", "u.n.", "eu", "nato", "russian", "ukrainian",
    "american", "british", "french", "german", "chinese", "israeli", "iranian", "indian",
    "japanese", "italian", "spanish", "saudi", "turkish", "polish", "dutch", "belgian",
    "democratic", "gop",
}
# fmt: on
TITLE_CONNECTORS = {"of", "for", "the", "and", "&"}
TITLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS


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


def _person_title(span: Span) -> Span | None:
    for title in span.doc.spans.get(TITLE_KEY, []):
        if title.end == span.start:
            return title
    return None


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


#: Last words of organisations and places named after a person ("Pope Ada Kroll Foundation").
_NAMED_AFTER = {"foundation", "institute", "university", "college", "center", "centre", "committee", "council",
                "party", "school", "hospital", "association", "fund", "group", "club", "church", "county", "city",
                "airport", "library", "museum", "prize", "award", "act", "law", "street", "avenue", "square"}


def _inner_title_head(doc: Doc, ent: Span) -> int | None:
    """The title word inside an entity that two or three name words end ("House Intelligence
    Republican Ada Kroll": Republican), after capitalised words only; None if there is none."""
    for i in range(ent.end - 3, ent.start - 1, -1):
        tok, name = doc[i], doc[i + 1 : ent.end]
        if (tok.lower_ in TITLE_HEADS and _is_title_token(tok) and len(name) <= 3
                and all(_is_name_token(t) for t in name) and name[-1].lower_ not in _NAMED_AFTER
                and all(t.is_title or t.is_upper for t in doc[ent.start : i])):
            return i
    return None


#: Last words of places and papers named after a first name ("Virginia Beach", "Charlotte Observer").
_PLACE_OR_PAPER = {"beach", "lake", "river", "island", "bay", "valley", "hill", "hills", "springs", "falls", "park",
                   "heights", "hole", "harbor", "harbour", "port", "point", "creek", "mountain", "post", "times",
                   "observer", "journal", "herald", "tribune", "news", "gazette", "daily", "magazine", "review"}


def _first_and_last(name: Span) -> bool:
    """Two proper nouns that are a first name of clear gender in the Census lists and a
    surname ("Wes Tamaki"), not a place or paper named after one."""
    from newsloom.entities.names import gender_of_first_name  # names imports this module

    return (len(name) == 2 and all(_is_name_token(t) for t in name) and name[-1].lower_ not in _NAMED_AFTER
            and name[-1].lower_ not in _PLACE_OR_PAPER and gender_of_first_name(name.text) is not None)


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
MONTHS = [
    "January", "February", "March", "April", "June", "July", "August", "September",
    "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.",
    "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Jan", "Feb", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec",
]
ALL_MONTHS = [*MONTHS, "May"]
WEEKDAYS = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thur.", "Thurs.", "Fri.", "Sat.", "Sun.",
]
PERIODS = ["day", "days", "week", "weeks", "month", "months", "year", "years", "decade",
           "decades", "century", "centuries", "weekend", "quarter", "quarters", "summer",
           "winter", "spring", "autumn", "fall", "season"]
CLOCK_UNITS = ["second", "seconds", "minute", "minutes", "hour", "hours", "min", "mins",
               "hrs"]
DAY_PARTS = ["morning", "afternoon", "evening", "night"]
CURRENCY_SYMBOLS = ["$", "€", "£", "¥", "₽", "₹", "US$", "C$", "A$", "HK$"]
CURRENCY_WORDS = ["dollar", "dollars", "euro", "euros", "pound", "pounds", "sterling", "yen",
                  "yuan", "renminbi", "rouble", "roubles", "ruble", "rubles", "rupee",
                  "rupees", "franc", "francs", "cents", "cent", "pence", "hryvnia", "won",
                  "pesos", "peso", "usd", "eur", "gbp"]
SCALES = ["thousand", "million", "billion", "trillion", "m", "bn", "mn", "k", "tn"]
UNITS = ["km", "kilometers", "kilometres", "kilometer", "kilometre", "miles", "mile",
         "meters", "metres", "meter", "metre", "m2", "feet", "foot", "ft", "inches", "inch",
         "cm", "mm", "kg", "kilograms", "kilogram", "kilos", "grams", "gram", "pounds", "lbs",
         "lb", "tons", "tonnes", "ton", "tonne", "barrels", "barrel", "bpd", "acres", "acre",
         "hectares", "hectare", "litres", "liters", "litre", "liter", "gallons", "gallon",
         "degrees", "degree", "mph", "km/h", "kph", "megawatts", "mw", "gw", "gigawatts",
         "kwh", "square", "cubic"]
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
                "sixty", "seventy", "eighty", "ninety", "hundred", "dozen", "dozens",
                "hundreds", "thousands", "millions", "billions", "a", "an", "several", "few",
                "half"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth", "eleventh", "twelfth", "twentieth", "hundredth"]
YEAR_RE = r"^(1[89]|20)\d\d$"
DAY_RE = r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$"

NUM = {"LIKE_NUM": True}
NUM_OR_WORD = {"LOWER": {"IN": NUMBER_WORDS}}
SCALE = {"LOWER": {"IN": SCALES}, "OP": "?"}
YEAR = {"TEXT": {"REGEX": YEAR_RE}}
DAY = {"TEXT": {"REGEX": DAY_RE}}
REL = {"LOWER": {"IN": ["last", "next", "this", "past", "coming", "previous", "early",
                        "late", "mid", "earlier", "later"]}}
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
        [{"ORTH": {"IN": WEEKDAYS}}, {"ORTH": ",", "OP": "?"}, {"ORTH": {"IN": ALL_MONTHS}},
         DAY, {"ORTH": ",", "OP": "?"}, YEAR],
        [{"ORTH": {"IN": WEEKDAYS}}, {"ORTH": ",", "OP": "?"}, {"ORTH": {"IN": ALL_MONTHS}},
         DAY],
        [REL, {"ORTH": {"IN": WEEKDAYS}}],
        [{"ORTH": {"IN": WEEKDAYS}}],
        [{"LOWER": {"IN": ["yesterday", "today", "tomorrow", "weekend"]}}],
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
         {"LOWER": {"IN": ["a.m.", "p.m.", "am", "pm", "a.m", "p.m"]}},
         {"ORTH": {"IN": ["GMT", "UTC", "ET", "EST", "EDT", "CET", "BST", "PT", "PST"]},
          "OP": "?"}],
        [{"SHAPE": {"IN": ["d:dd", "dd:dd"]}},
         {"ORTH": {"IN": ["GMT", "UTC", "ET", "EST", "EDT", "CET", "BST", "PT", "PST"]},
          "OP": "?"}],
        [{"TEXT": {"REGEX": r"^\d{1,2}$"}},
         {"LOWER": {"IN": ["a.m.", "p.m.", "am", "pm", "a.m", "p.m", "o'clock"]}},
         {"ORTH": {"IN": ["GMT", "UTC", "ET", "EST", "EDT", "CET", "BST", "PT", "PST"]},
          "OP": "?"}],
        [{"LOWER": {"IN": ["noon", "midnight", "tonight", "overnight"]}}],
        [{"LOWER": {"IN": ["this", "last", "tomorrow", "yesterday", "that", "early", "late",
                           "friday", "monday", "tuesday", "wednesday", "thursday",
                           "saturday", "sunday"]}},
         {"LOWER": {"IN": DAY_PARTS}}],
        [{"LOWER": {"IN": ["the", "about", "some", "nearly", "almost", "over"]}, "OP": "?"},
         NUM_OR_WORD, {"LOWER": {"IN": CLOCK_UNITS}}],
        [NUM, {"LOWER": {"IN": CLOCK_UNITS}}],
        [NUM, {"ORTH": "-"}, {"LOWER": {"IN": CLOCK_UNITS}}],
    ],
    "MONEY": [
        [{"ORTH": {"IN": CURRENCY_SYMBOLS}}, *NUMPHRASE],
        [{"ORTH": {"IN": ["US", "U.S.", "C", "A", "HK"]}}, {"ORTH": "$"}, *NUMPHRASE],
        [*NUMPHRASE, {"LOWER": {"IN": ["u.s.", "us", "hong", "canadian", "australian"]},
                      "OP": "?"}, {"LOWER": {"IN": CURRENCY_WORDS}}],
        [*NUMPHRASE, {"ORTH": {"IN": ["USD", "EUR", "GBP", "RUB", "CNY", "JPY"]}}],
        [{"ORTH": {"IN": ["USD", "EUR", "GBP", "RUB", "CNY", "JPY"]}}, *NUMPHRASE],
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
        [{"LOWER": {"IN": ORDINALS}}],
        [{"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}}],
    ],
    "CARDINAL": [
        [*NUMPHRASE],
        [{"LOWER": {"IN": ["dozens", "hundreds", "thousands", "millions", "billions"]}}],
    ],
}
#: Lower wins when two matches are the same length.
PRIORITY = {"MONEY": 0, "PERCENT": 1, "TIME": 2, "DATE": 3, "QUANTITY": 4, "ORDINAL": 5,
            "CARDINAL": 6}
# fmt: on
_STRIP_LEFT = {"the", "this", "about", "some", "nearly", "almost", "over"}
_NON_NUMERIC = {"a", "an", "several", "few", "half"}
_YEAR = re.compile(YEAR_RE)


class NumericEntities:
    """Matcher-based DATE/TIME/MONEY/PERCENT/QUANTITY/ORDINAL/CARDINAL entities."""

    def __init__(self, nlp: Language, name: str = "newsloom_numeric") -> None:
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        for label, patterns in PATTERNS.items():
            self.matcher.add(label, patterns)
        # words that make no number on their own (built once: _keep runs for every match)
        self.vague = frozenset(_NON_NUMERIC | _STRIP_LEFT | {"-"} | set(PERIODS) | set(CLOCK_UNITS) | set(UNITS)
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
