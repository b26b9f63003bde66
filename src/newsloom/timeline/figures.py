"""Figures in article text: money, percentages, counts, durations and rates.

Each figure gets a float ``value`` (scales applied: "$95 million" → 95000000.0), a
``unit`` and a ``measure`` (what it quantifies). Unit convention:

* money: the ISO currency code (``USD``, ``EUR``, ``GBP``, ``JPY``…); a rate adds
  ``per <thing>``: "$275 per container" → ``USD per container``, "$40 million a day" →
  ``USD per day``;
* ``percent`` for "%"/"per cent"/"percent", ``percentage points`` for those;
* durations: ``seconds``, ``minutes``, ``hours``, ``days``, ``weeks``, ``months``,
  ``years``, ``decades``;
* counts: the counted noun in the plural ("812 votes" → ``votes``, "3,000-seat" →
  ``seats``; "23 people", "146 injured" → ``people``), with synonyms folded (vessels →
  ``ships``; persons → ``people``); a bare
  number coordinated with a count in the same sentence takes its unit ("812 votes in
  favour and 140 against" → ``votes``); otherwise ``None``.

``measure`` is a heuristic: the noun phrase after "of"/"worth of" ("9% of the shares" →
"the shares"), else the noun the figure modifies ("$62 million deal" → "deal"), else the
noun phrase before it, skipping verbs of change and prepositions ("wages rose by 11%" →
"wages"); for counts, the counted noun phrase. Numbers inside dates, clock times,
identifiers ("Gate 7"), scores ("2–1") and bare years are not figures.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from newsloom.lang import trie_regex
from newsloom.lang.en.calendar import DURATION_UNITS
from newsloom.lang.en.figures import (
    COUNTED_PEOPLE,
    MEASURE_STOPS,
    NOT_UNIT,
    PLURAL_NOUNS,
    SKIP_BEFORE,
    UNIT_SYNONYMS,
)
from newsloom.lang.en.numbers import CURRENCY_OF_NAME, CURRENCY_OF_SYMBOL, NUMBER_VALUES, ONES, SCALE_VALUES, TENS
from newsloom.model import Article, Figure
from newsloom.timeline import dates
from newsloom.timeline.dates import DIGIT, NUMBER_ANCHORS, find_anchors
from newsloom.timeline.reckon import number, scan

_DURATION = set(DURATION_UNITS)
_DURATION_UNITS = {d + "s" for d in _DURATION}
# Tries, not long alternations: the regex engine tests them at every word start.
_SPELLED = trie_regex({w for w in NUMBER_VALUES if w not in {"a", "an", "one", "zero", "a couple of"}})
_SPELLED_RE = (rf"(?:{trie_regex(set(TENS))})[- ]{trie_regex(set(ONES[1:10]))}|{_SPELLED}")

# Every figure holds a digit or a spelled number: the anchors :func:`dates.scan` needs.
_ANCHOR_KINDS = (DIGIT, *(NUMBER_ANCHORS - {"one", "zero", "couple"}))
_FIGURE_RE = re.compile(
    rf"(?P<cur>US\$|C\$|A\$|[$€£¥]|\b(?:USD|EUR|GBP)\s?)?"
    rf"(?P<num>(?<![\w.,])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d,])|(?<![\w.,])\d+(?:\.\d+)?(?![\d,])|\b(?i:{_SPELLED_RE})\b)"
    rf"(?:\s*(?P<scale>(?i:thousand|million|billion|trillion)|bn|mn|tn|[mkb])\b)?"
    rf"(?P<pct>\s*%|\s+(?i:per\s?cent|percent)\b|\s+(?i:percentage\s+points?)\b)?"
    rf"(?:(?P<sep>[- ])(?P<noun>[A-Za-z][a-z]+)(?:(?P<sep2>[- ])(?P<noun2>[a-z]+))?)?"
)
_PER_RE = re.compile(r"(?:\s+(?:worth\s+of|of)\s+[a-z]+(?:\s+[a-z]+)?)?\s+(?:per|a|an|each)\s+(?P<per>[a-z]+)\b")
_OF_NP_RE = re.compile(
    r"\s+(?:worth\s+)?of\s+(?P<np>(?:the\s+|its\s+|their\s+|all\s+)?[A-Za-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)"
)
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*|[^\w\s]")
# What befell the people a count counts: "23 people were killed", "900 residents were sheltering"
_FATE_RE = re.compile(
    rf"\s+(?:(?P<aux>were|was|are|is|have\s+been|had\s+been|has\s+been|have|has|had|remain|remained)\s+)?"
    rf"(?P<fate>{trie_regex(set(COUNTED_PEOPLE))}|died|[a-z]{{3,}}(?:ed|en)|[a-z]{{3,}}ing)\b")
_COORDINATED_RE = re.compile(r"[^.!?]{0,30}\b(?:and|or|to|against|versus|vs\.?)\s+")
_TIME_OR_SCORE_RE = re.compile(r"\s*(?:[ap]\.?m\.?|[–-]\d|:\d|/\d|(?:st|nd|rd|th)\b)", re.IGNORECASE)
_DASH_BEFORE_RE = re.compile(r"\d\s*[–-]$")
_IDENT_BEFORE_RE = re.compile(r"(?:\b(?:[A-Z][a-z]+|No\.?|Nos\.?|Route|Room)\s+|#)$")
# A number after a capitalised word inside a sentence belongs to a name ("Russia's Nord
# Stream 2 gas pipeline", "a Boeing 737 jet"): a lower-case word or a comma comes before the name.
_NAME_BEFORE_RE = re.compile(r"[a-z,]\s+(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*\s+$")


def _noun_after(m: re.Match[str]) -> tuple[str | None, int]:
    """The one or two words a number quantifies ("cargo ships", "strikers"), and their end."""
    first, second = (m["noun"] or "").lower(), (m["noun2"] or "").lower()
    if not first or first in NOT_UNIT or first in MEASURE_STOPS:
        return None, 0
    if second == "old" and m["sep2"] == "-":
        return f"{first}-old", m.end("noun2")
    if (second and second.endswith("s") and not second.endswith("ss") and second not in NOT_UNIT
            and not first.endswith("s") and not first.endswith("ly") and m["sep2"] == " "):
        return f"{first} {second}", m.end("noun2")
    return first, m.end("noun")


def _unit_of_noun(noun: str, hyphen: bool = False) -> tuple[str | None, str | None]:
    """(unit, measure) from the word(s) after a number: "cargo ships" → ("ships", "cargo ships")."""
    if noun.endswith("-old"):
        return "years", "age"
    words = noun.split()
    head = words[-1]
    singular = head[:-1] if head.endswith("s") else head
    if head in NOT_UNIT or words[0] in NOT_UNIT:
        return None, None
    if singular in _DURATION or head in _DURATION:
        return singular + "s", None
    cur = CURRENCY_OF_NAME.get(singular) or CURRENCY_OF_NAME.get(head)
    if cur:
        return cur, None
    if hyphen and len(words) == 1 and head not in NOT_UNIT:
        return head + "s", noun  # "3,000-seat stand" counts seats
    if len(words) == 1 and head in COUNTED_PEOPLE:
        return "people", head  # "146 injured"
    if head in PLURAL_NOUNS:
        return head, noun.lower()  # "23 people"
    if not head.endswith("s") and len(words) == 1:
        # "3,000-seat stand" counts seats; "78% stake" is a noun the figure modifies.
        return None, head
    unit = UNIT_SYNONYMS.get(head, head if head.endswith("s") else head + "s")
    return unit, noun.lower()


_POSSESSIVE_RE = re.compile(r"['’]s\b")
_NO_FATE = NOT_UNIT | MEASURE_STOPS  # words after a count that say nothing of what befell it
_NO_NOUN = _NO_FATE | SKIP_BEFORE  # ... nor are the noun a count's word stands before


def _not_counted(noun: str, m: re.Match[str], text: str, end: int) -> bool:
    """The word after a number is not what it counts: a possessive ("the 100 men's relay"),
    or a word that counts people standing before a noun ("12 missing aircraft", "40 dead cattle")."""
    if _POSSESSIVE_RE.match(text, end):
        return True
    return (noun in COUNTED_PEOPLE and bool(m["noun2"]) and m["sep2"] == " "
            and m["noun2"] not in _NO_NOUN)


def _fate(text: str, end: int) -> str | None:
    """What befell the people a count counts: a word that counts people ("23 people killed",
    "died"), or a participle after a form of "be" ("were evacuated", "were sheltering"); not
    what they did ("2,300 nurses joined", "40 people including")."""
    m = _FATE_RE.match(text, end)
    if m is None or m["fate"] in _NO_FATE:
        return None
    return m["fate"] if m["aux"] or m["fate"] in COUNTED_PEOPLE or m["fate"] == "died" else None


def _measure_before(text: str, start: int) -> str | None:
    """The noun phrase before the figure, skipping prepositions and verbs of change."""
    tokens = _WORD_RE.findall(text[max(0, start - 80):start])
    i = len(tokens) - 1
    while i >= 0 and tokens[i].lower() in SKIP_BEFORE:
        i -= 1
    phrase: list[str] = []
    while i >= 0 and len(phrase) < 3:
        tok = tokens[i]
        if not tok[0].isalpha() or tok.lower() in MEASURE_STOPS or tok.lower() in SKIP_BEFORE:
            break
        phrase.insert(0, tok)
        i -= 1
    return " ".join(phrase) or None


def extract(text: str, date_spans: list[tuple[int, int]]) -> list[Figure]:
    """All figures in ``text``; ``date_spans`` (non-overlapping, as the dates stage gives
    them) are non-duration dates whose numbers are not figures."""
    figures: list[Figure] = []
    spans = sorted(date_spans)
    span_ends = [e for _s, e in spans]  # dates do not overlap: ends sorted too
    by_anchor = find_anchors(text)
    anchors = sorted(a for k in _ANCHOR_KINDS for a in by_anchor.get(k, ()))
    for m in scan(_FIGURE_RE, text, anchors, back=8, ahead=40):
        start, num = m.start(), m["num"]
        spelled = not num[0].isdigit()
        value = number(num)
        if value is None:
            continue
        num_end = m.end("num")
        i = bisect_right(span_ends, m.start("num"))
        if i < len(spans) and spans[i][0] < num_end:
            continue  # inside a date
        before = text[max(0, start - 12):start]
        date_before = i > 0 and not text[span_ends[i - 1]:start].strip()
        named = _NAME_BEFORE_RE.search(text, max(0, start - 60), start)
        if named and not m["cur"] and not m["pct"] and not date_before:
            continue  # part of a name, not a quantity
        if not m["cur"] and not m["pct"] and (
            _TIME_OR_SCORE_RE.match(text, num_end) or _DASH_BEFORE_RE.search(before)
        ):
            continue
        if m["scale"]:
            scale = m["scale"].lower()
            if scale in {"m", "k", "b"} and not m["cur"]:
                continue  # "5 m" is metres, not millions
            value *= SCALE_VALUES[scale]
        end = m.end("scale") if m["scale"] else num_end
        unit: str | None = None
        measure: str | None = None
        if m["pct"]:
            unit = "percentage points" if "point" in m["pct"].lower() else "percent"
            end = m.end("pct")
        if m["cur"]:
            unit = CURRENCY_OF_SYMBOL[m["cur"].strip()]
        noun, noun_end = _noun_after(m)
        if noun and _not_counted(noun, m, text, noun_end):
            noun = None
        noun_unit, noun_measure = _unit_of_noun(noun, m["sep"] == "-") if noun else (None, None)
        if unit is None and noun_unit:
            unit, measure = noun_unit, noun_measure
            end = noun_end
            if unit in CURRENCY_OF_NAME.values():
                measure = None
            elif measure == unit and (fate := _fate(text, end)):
                measure = fate  # "23 people were killed": the count of the killed
        elif noun_measure and (m["cur"] or m["pct"]):
            measure = noun_measure  # "$62 million deal", "78% stake"
            if m["sep"] == "-":
                end = noun_end
        if (unit in _DURATION_UNITS and m["sep"] == "-" and m["noun2"]
                and m["noun2"] not in NOT_UNIT | MEASURE_STOPS | {"old"}):
            measure = m["noun2"]  # "a four-year contract": the duration of the contract
        if spelled and unit is None:
            continue  # "one of the largest": spelled numbers count only with a unit
        if unit and unit.isupper() and (per := _PER_RE.match(text, end)) and per["per"] not in NOT_UNIT:
            unit = f"{unit} per {per['per']}"
        if measure is None and (of := _OF_NP_RE.match(text, end)):
            measure = re.sub(r"\s+(?:a|an|per|each|the|and|or)$", "", of["np"])
        if unit is None:
            if (1600 <= value <= 2100 and value == int(value) and "," not in num) or _IDENT_BEFORE_RE.search(before):
                continue  # a bare year, or an identifier ("Gate 7")
            prev = figures[-1] if figures else None
            if prev and prev.unit and _COORDINATED_RE.fullmatch(text, prev.end, start):
                unit, measure = prev.unit, prev.measure  # "812 votes in favour and 140 against"
        if measure is None:
            measure = _measure_before(text, start)
        figures.append(Figure(text=text[start:end], start=start, end=end, value=value,
                              unit=unit, measure=measure))
    return figures


def stage(article: Article) -> Article:
    """Article stage: fill ``article.figures`` from the analysed prefix of the text (none in an
    article not in English); after the dates stage, whose spans it reuses."""
    from newsloom.nlp import bound  # lazy: the nlp package loads spaCy

    text = bound(article)
    mentions = (article.dates or dates.extract(text, None)) if text else []
    spans = [(d.start, d.end) for d in mentions if not (d.value or "").startswith("P")]
    article.figures = extract(text, spans) if text else []
    return article
