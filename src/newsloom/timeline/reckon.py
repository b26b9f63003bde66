"""What the date and figure rules share: a windowed regex scan, numbers in words, TIMEX3
codes, calendar arithmetic, and the small tense check ("will meet on Friday")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from newsloom.lang.en.calendar import (
    CLOCK_UNITS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    ORIGIN_PARTICIPLES,
    PARTS_OF_DAY,
    SEASONS,
    TIME_UNITS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
)
from newsloom.lang.en.numbers import NUMBER_VALUES, ORDINAL_WORDS
from newsloom.lang.en.speech import REPORTING_VERBS
from newsloom.lang.en.titles import COMPANY_ABBREVIATIONS, TITLE_ABBREVIATIONS

# How far a match may reach before its anchor's start / must be read after its end.
BACK, AHEAD = 60, 16

MONTH_NUM = {m[:3].lower(): i for i, m in enumerate(MONTHS, 1)}
WEEKDAY_NUM = {d.lower(): i for i, d in enumerate(WEEKDAYS)}
# TIMEX3 duration letters; hours and smaller go after the "T".
UNIT_CODE = dict(zip(TIME_UNITS, ("S", "M", "H", "D", "W", "M", "Y", "DE", "CE", "Q", "WE"), strict=True))
CLOCK_UNIT_SET = set(CLOCK_UNITS)
PART_OF_DAY = dict(zip(PARTS_OF_DAY, ("MO", "AF", "EV", "NI"), strict=True))
SEASON_CODE = dict(zip(SEASONS, ("SP", "SU", "FA", "FA", "WI"), strict=True))
ORDINALS = {**{w: i for i, w in enumerate(ORDINAL_WORDS[:4], 1)}, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

# Future cues for the tense check on a bare weekday ("will meet on Friday").
_FUTURE_BEFORE_RE = re.compile(
    r"\b(?:will|shall|would|'ll|going to|(?:is|are|was|were)\s+(?:expected|scheduled|due|set|slated|to)"
    r"|(?:expected|scheduled|due|set|slated)\s+to|as\s+(?:early|soon)\s+as"
    r"|(?:postponed|delayed|adjourned|deferred|extended)\s+(?:until|till|to)"
    r"|expects?|plans?\s+(?:to|for)|planned\s+(?:to|for)|planning\s+to|scheduled|hopes?|intends?"
    r"|next(?!\s+to\b)|upcoming|payable|effective)\b|’ll",
    re.IGNORECASE,
)
# After the expression only up to a comma, unless the expression opens its sentence
# ("On Friday, the panel will…"), when its main verb may come further on: "announced
# Friday, they said they will…" is past.
_FUTURE_AFTER_RE = re.compile(r"\b(?:will|shall|'ll|(?:is|are)\s+(?:expected|scheduled|due|set|slated|planning|going)"
                              r"|plans?\s+to|intends?\s+to|expects?\s+to)\b", re.IGNORECASE)
_AFTER_STOP_RE = re.compile(r"[.;:]")
_AFTER_STOP_NO_COMMA_RE = re.compile(r"[.;:,]|\bthat\b", re.IGNORECASE)
_SENTENCE_OPENING_RE = re.compile(r"(?:^|[.!?\n])[\s\"'“‘`]*(?:(?:on|by|until|from|early|late)\s+)?$", re.IGNORECASE)
# A full stop ends a clause, but not that of an initial or a title ("Daniel P. Davison",
# "Mr. Smith", "Feb. 1"): the lookbehinds run only at a full stop.
_ABBR_STOP = "".join(f"(?<!\\b{a}\\.)" for a in (
    *TITLE_ABBREVIATIONS, *COMPANY_ABBREVIATIONS, *MONTH_ABBREVIATIONS, *WEEKDAY_ABBREVIATIONS, "No"))
_CLAUSE_START_RE = re.compile(rf"\.(?<!\b[A-Z]\.){_ABBR_STOP}|[;:!?\n,]|(?i:\b(?:that|when|which|but)\b)")


def scan(rx: re.Pattern[str], text: str, anchors: list[tuple[int, int]],
         back: int = BACK, ahead: int = AHEAD) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` restricted to windows around ``anchors`` (spans sorted by
    start, one of which every match contains): the same matches, provided none starts
    more than ``back`` characters before its anchor or needs more than ``ahead``
    characters after it to be recognised."""
    pos = 0
    for lo, hi in windows(anchors, back, ahead):
        lo = max(lo, pos)
        while lo < hi and (m := rx.search(text, lo, hi)):
            # The window cut the text short: rematch in full from the same start.
            full = rx.match(text, m.start())
            if full is None or full.end() == full.start():
                lo = m.start() + 1
                continue
            yield full
            lo = pos = full.end()


def windows(anchors: list[tuple[int, int]], back: int, ahead: int) -> Iterator[tuple[int, int]]:
    """Overlapping windows merged, so that no stretch of text is searched twice."""
    lo = hi = -1
    for a_start, a_end in anchors:
        if a_start - back > hi:
            if hi >= 0:
                yield lo, hi
            lo = max(0, a_start - back)
        hi = max(hi, a_end + ahead)
    if hi >= 0:
        yield lo, hi


def number(word: str) -> float | None:
    """A number from digits ("1,400", "2.5") or English words ("twenty-four", "a dozen")."""
    w = word.lower().replace(",", "").strip()
    try:
        return float(w)
    except ValueError:
        pass
    if w in NUMBER_VALUES:
        return float(NUMBER_VALUES[w])
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in NUMBER_VALUES and parts[1] in NUMBER_VALUES:
        return float(NUMBER_VALUES[parts[0]] + NUMBER_VALUES[parts[1]])
    return None


def month_number(name: str) -> int:
    return MONTH_NUM[name[:3].lower()]


def iso(d: date) -> str:
    return d.isoformat()


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + month - 1 + n
    return k // 12, k % 12 + 1


def valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def year_for(ref: date, month: int, day: int, future: bool) -> int:
    """The year of a year-less month (and day): the reference year, unless that puts a
    past-tense mention more than a quarter ahead or a future one behind the reference."""
    d = date(ref.year, month, min(day, 28))
    if future and d < ref - timedelta(days=31):
        return ref.year + 1
    if not future and d > ref + timedelta(days=90):
        return ref.year - 1
    return ref.year


def is_future(text: str, start: int, end: int) -> bool:
    """Small tense check: does the clause around ``text[start:end]`` speak of the future?"""
    before = text[max(0, start - 80):start]
    cuts = list(_CLAUSE_START_RE.finditer(before))
    # "said on Monday that he would…": only the clause the expression sits in counts.
    clause = before[cuts[-1].end():] if cuts else before
    if _FUTURE_BEFORE_RE.search(clause):
        return True
    opening = _SENTENCE_OPENING_RE.search(before) is not None
    reach = 80 if opening else 40  # how far on the verb may start
    after = text[end:end + reach + 20]
    if stop := (_AFTER_STOP_RE if opening else _AFTER_STOP_NO_COMMA_RE).search(after):
        after = after[:stop.start()]
    verb = _FUTURE_AFTER_RE.search(after)
    return verb is not None and verb.start() <= reach


# ", built in 1663," / "Built in 1663," / ", dating back to the 1660s,": a participle set off
# by a comma (or opening the sentence), then its preposition, just before the date; or an
# apposition whose noun the participle follows (", a pagoda temple built in 1663,"), closed
# after the date
_PARTICIPLE = (r"(?:" + "|".join(ORIGIN_PARTICIPLES) + r")(?:\s+back)?\s+(?:in|on|around|about|circa|during|from|to)"
               r"\s+(?:the\s+|late\s+|early\s+|mid-)*$")  # "built in ", "dating back to the early "
_ORIGIN_RE = re.compile(r"(?:^|[,;(—–]\s*|[.!?]\s+)(?:\w+ly\s+)?" + _PARTICIPLE, re.IGNORECASE)
_APPOSITION_RE = re.compile(r"[,(—–]\s*(a|an|the)\s+[^,;.()—–]{1,50}?\s" + _PARTICIPLE, re.IGNORECASE)
_CLAUSE_WORDS_RE = re.compile(r"\b(?:said|says|would|will|be|been|being|is|are|was|were|has|have|had)\b", re.IGNORECASE)
_CLOSED_RE = re.compile(r"[^,;.()—–]{0,25}?[,)—–]")
_ENDS_SENTENCE_RE = re.compile(r"[^,;.()—–]{0,25}?\.(?:\s|$)")


def in_origin_clause(text: str, start: int, end: int) -> bool:
    """Does the date at ``text[start:end]`` date a thing's history in a participle clause set
    off from the sentence (", built in 1663,"; "Founded in 1890, the club…"; ", a temple
    built in 1663," or at the sentence's end), not the sentence's event? "The temple was
    built in 1663" is the sentence's own event; "The temple built in 1663 collapsed" is not
    told apart from a main verb, and is kept; so is a clause ("…, the council said the hall
    would be opened on Friday,"). The caller reads it of old dates only: "the shelter, opened
    on Monday, is full" is the story's own event."""
    before = text[max(0, start - 80):start]
    if _ORIGIN_RE.search(before):
        return True
    m = _APPOSITION_RE.search(before)
    if m is None or _CLAUSE_WORDS_RE.search(m.group()):
        return False
    # an apposition with "a"/"an" may end the sentence (", a pagoda temple built in 1663.")
    return bool(_CLOSED_RE.match(text, end)
                or (m.group(1).lower() != "the" and _ENDS_SENTENCE_RE.match(text, end)))


# "said on Monday", "told reporters late on Monday", "told Reuters on Monday", "said in a
# statement on Monday" (not "said aftershocks on Sunday damaged…", nor "said Russia on Monday
# fired…": after "said" a name is the subject of what was said; only "told" takes an addressee)
_ADDRESSED_VERBS = r"(?:told|tells|informed|briefed|assured|warned)"
_ADDRESSEE = (r"(?:reporters|journalists|lawmakers|legislators|parliament|senators|MPs|supporters|the\s+court"
              r"|the\s+committee|(?:the\s+)?[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,2})")
_SETTING = r"(?:in\s+a\s+statement|in\s+an\s+interview|at\s+a\s+(?:news|press)\s+(?:conference|briefing))"
_TELLING_RE = re.compile(r"(?:\b" + _ADDRESSED_VERBS + r"\s+" + _ADDRESSEE + r"|\b(?:" + "|".join(REPORTING_VERBS)
                         + r")(?:\s+" + _SETTING + r")?)\s+(?:on\s+|late\s+on\s+|early\s+on\s+)?$")
_POSSESSIVE_RE = re.compile(r"['’]s?\b")


def names_a_thing(text: str, end: int) -> bool:
    """The date before ``end`` names a thing ("Sunday night's quake"), not an event of the sentence."""
    return bool(_POSSESSIVE_RE.match(text, end))


def dates_the_telling(text: str, start: int) -> bool:
    """The date at ``start`` dates the telling ("…, officials said on Monday")."""
    return _TELLING_RE.search(text[max(0, start - 80):start]) is not None


def weekday_date(ref: date, wd: int, direction: str) -> date:
    """``past``/``future``: on or before/after ref; ``last``/``next``: strictly before/after."""
    if direction == "past":
        return ref - timedelta(days=(ref.weekday() - wd) % 7)
    if direction == "future":
        return ref + timedelta(days=(wd - ref.weekday()) % 7)
    if direction == "last":
        return ref - timedelta(days=(ref.weekday() - wd - 1) % 7 + 1)
    return ref + timedelta(days=(wd - ref.weekday() - 1) % 7 + 1)


@dataclass
class Ctx:
    """The text a rule reads and its reference date."""

    text: str
    ref: date | None


_SENTENCE_END_RE = re.compile(r"[.!?\n](?=\s+[A-Z\"“]|\s*$)|\n")
_QUARTER_RE = re.compile(r"\b(?:(?P<o>first|second|third|fourth)[- ])?quarter\b|\bquarterly\b", re.IGNORECASE)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (roughly: "Sept. 30" does not end one)."""
    lo = max((m.end() for m in _SENTENCE_END_RE.finditer(text, max(0, start - 300), start)), default=0)
    hi = _SENTENCE_END_RE.search(text, end)
    return text[lo:hi.end() if hi else len(text)]


_QUARTER_CONTEXT = 800


def context_quarter(ctx: Ctx, start: int, end: int) -> int | None:
    """The quarter a passage of earnings news is about: the one its sentence or the
    paragraph before names, else the last completed one; None where no quarter is
    mentioned nearby."""
    assert ctx.ref is not None
    # The quarter is often named a sentence or two before ("Net income rose in the third
    # quarter. A year earlier, …"): look back a paragraph's length too.
    sent = sentence_around(ctx.text, start, end)
    quarters = list(_QUARTER_RE.finditer(ctx.text, max(0, start - _QUARTER_CONTEXT), end))
    quarters += _QUARTER_RE.finditer(sent, sent.find(ctx.text[start:end]))
    if not quarters:
        return None
    named = [ORDINALS[m["o"].lower()] for m in reversed(quarters) if m["o"]]
    y, mo = add_months(ctx.ref.year, ctx.ref.month, -3)
    return named[0] if named else (mo - 1) // 3 + 1


def year_ago_quarter(ctx: Ctx, start: int, end: int) -> str | None:
    """Earnings news compares a quarter with the same quarter "a year ago" / "last year":
    in a sentence about a quarter, those name that quarter of the previous year (TimeML
    annotates them so)."""
    if ctx.ref is None:
        return None
    q = context_quarter(ctx, start, end)
    return f"{ctx.ref.year - 1}-Q{q}" if q else None


def part_code(m: re.Match[str]) -> str:
    p = m.groupdict().get("part")
    return f"T{PART_OF_DAY[p.lower()]}" if p else ""
