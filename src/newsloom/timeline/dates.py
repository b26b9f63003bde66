"""Temporal expressions in article text, normalised to TIMEX3-style ISO values.

Rule-based (regexes and small lexicons, compiled once): absolute dates ("Feb. 13, 2025",
"13 February"), relative ones ("last Friday", "next week", "three years ago",
"yesterday", "Friday night" → ``…TNI``), years (also in words, "nineteen ninety-six"),
decades, quarters ("the 1988 third quarter"), seasons, clock times with their day
("10 p.m. Wednesday"), durations ("nearly two years" → ``P2Y``, "2 1/2 years" →
``P2Y6M``, "two decades" → ``P20Y``), frequencies ("every month" → ``P1M``) and the
present ("now" → ``PRESENT_REF``). Spans follow TimeBank: "the nine months" keeps its
article, a possessive's "'s" is left out.

Anaphoric expressions ("the following year", "later that day") count from the nearest
earlier mention precise enough and take its status; with none within reach they are
generic ("sell-offs that day") and dropped.

Values are computed against a *reference date*: the article's ``published`` date
(status ``resolved``), else the latest full absolute date in its text or captions
(status ``estimated``), else none (status ``unresolved``: the value is the TIMEX3
underspecified form, "XXXX-10-01", where the expression itself fixes part of it, and null
otherwise). Values that need no reference (full dates, years, durations) are always
``resolved``. dateparser is not used: it misses "last monday" (its issues #573, #898) and
the handful of absolute shapes news uses are cheaper to parse here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

from newsloom.entities.names import Cover
from newsloom.lang import trie_regex
from newsloom.lang.en.calendar import (
    LONE_MONTH_ABBREVIATIONS,
    MONTH_ABBREVIATIONS,
    MONTH_PATTERN,
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    TIME_UNIT_PLURALS,
    TIME_UNITS,
    UNAMBIGUOUS_MONTHS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
)
from newsloom.lang.en.numbers import DURATION_LEADS, NUMBER_VALUES, ONES, TENS
from newsloom.model import Article, DateMention
from newsloom.timeline.reckon import (
    AHEAD as _AHEAD,
)
from newsloom.timeline.reckon import (
    BACK as _BACK,
)
from newsloom.timeline.reckon import (
    CLOCK_UNIT_SET as _TIME_UNITS,
)
from newsloom.timeline.reckon import (
    ORDINALS,
    PART_OF_DAY,
    SEASON_CODE,
    UNIT_CODE,
    WEEKDAY_NUM,
    is_future,
    number,
    scan,
)
from newsloom.timeline.reckon import (
    Ctx as _Ctx,
)
from newsloom.timeline.reckon import (
    add_months as _add_months,
)
from newsloom.timeline.reckon import (
    context_quarter as _context_quarter,
)
from newsloom.timeline.reckon import (
    iso as _iso,
)
from newsloom.timeline.reckon import (
    month_number as _month,
)
from newsloom.timeline.reckon import (
    part_code as _part,
)
from newsloom.timeline.reckon import (
    valid as _valid,
)
from newsloom.timeline.reckon import (
    week as _week,
)
from newsloom.timeline.reckon import (
    weekday_date as _weekday_date,
)
from newsloom.timeline.reckon import (
    year_ago_quarter as _year_ago_quarter,
)
from newsloom.timeline.reckon import (
    year_for as _year_for,
)

# --- lexicons -----------------------------------------------------------------------

# --- patterns -----------------------------------------------------------------------

_NUM_WORD = (rf"(?:{trie_regex(set(TENS))})(?:[- ]{trie_regex(set(ONES[1:10]))})?"
             rf"|{trie_regex({w for w in NUMBER_VALUES if w not in TENS})}")
_NUM = rf"(?:\d+(?:\.\d+)?|{_NUM_WORD})"
_UNIT = f"(?:{'|'.join(TIME_UNITS)}|centuries)"
_WD = f"(?:{'|'.join(WEEKDAYS)})"
_WD_ABBR = rf"(?:{'|'.join(WEEKDAY_ABBREVIATIONS)})\.?"
_PART = f"(?:{'|'.join(PARTS_OF_DAY)})"
_DAYNUM = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:1[6-9]|20)\d\d)"
# The full stop belongs to an abbreviation ("Oct."), not to "October." ending a sentence.
# Not a word that starts like one ("Mayor", "Maria").
_MON = rf"(?P<m>{MONTH_PATTERN})(?![a-z])(?:(?<=\b[A-Z][a-z]{{2}})(?<!May)\.|(?<=Sept)\.)?"
_APPROX = rf"(?:{trie_regex(DURATION_LEADS)}\s+)?"


# A handler returns (value, depends_on_reference) or None to drop the match.
Handler = Callable[[re.Match[str], _Ctx], "tuple[str | None, bool] | None"]
# Each rule: its pattern, handler, and the anchors every match of it contains.
_RULES: list[tuple[re.Pattern[str], Handler, frozenset[str], int, int]] = []

# --- anchors: the prefilter ----------------------------------------------------------
# Trying every pattern at every position made the stage slow (~13 ms per 4.6k-char
# article). Every rule names anchors — a digit, a capitalised month or weekday, or one of
# a few keywords — that any of its matches contains; one scan finds them, and each
# pattern runs only in a window around its anchors (see :func:`scan`).
DIGIT, MONTH, WEEKDAY = "<digit>", "<month>", "<weekday>"
UNIT_ANCHORS = frozenset([*TIME_UNITS, *TIME_UNIT_PLURALS.values()])
_KEYWORDS: set[str] = set()


def _rule(pattern: str, flags: int = 0, anchors: frozenset[str] | set[str] = UNIT_ANCHORS,
          back: int = _BACK, ahead: int = _AHEAD) -> Callable[[Handler], Handler]:
    """Register a rule; ``back``: how far a match may start before its anchor; ``ahead``:
    how far past its anchor it must be read to be recognised."""
    def register(fn: Handler) -> Handler:
        _KEYWORDS.update(a for a in anchors if not a.startswith("<"))
        _RULES.append((re.compile(pattern, flags), fn, frozenset(anchors), back, ahead))
        return fn
    return register


# --- absolute dates -------------------------------------------------------------------

_FULL_MDY = rf"(?:{_WD},?\s+|{_WD_ABBR},?\s+)?{_MON}\s+{_DAYNUM},?\s+{_YEAR}\b"
_FULL_DMY = rf"(?:{_WD},?\s+|{_WD_ABBR},?\s+)?(?:the\s+)?{_DAYNUM}\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b"
_FULL_ISO = r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d>[0-3]\d)\b"
# The same shapes without group names, as one pattern for the reference-date search.
FULL_DATE_RE = re.compile(re.sub(r"\?P<\w+>", "", f"{_FULL_MDY}|{_FULL_DMY}|{_FULL_ISO}"))


@_rule(_FULL_MDY, anchors={MONTH}, back=30)
@_rule(_FULL_DMY, anchors={MONTH}, back=30)
def _full_date(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    d = _valid(int(m["y"]), _month(m["m"]), int(m["d"]))
    return (_iso(d), False) if d else None


@_rule(_FULL_ISO, anchors={DIGIT}, back=12)
def _iso_date(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    d = _valid(int(m["y"]), int(m["mn"]), int(m["d"]))
    return (_iso(d), False) if d else None


@_rule(rf"(?:{_WD},?\s+)?{_MON}\s+{_DAYNUM}\b(?!,?\s*\d)(?!\s*(?:%|percent))", anchors={MONTH}, back=30)
@_rule(rf"(?:{_WD},?\s+)?(?:the\s+)?\b{_DAYNUM}\s+(?:of\s+)?{_MON}(?!,?\s*\d)", anchors={MONTH}, back=30)
def _month_day(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    mon, day = _month(m["m"]), int(m["d"])
    if not 1 <= day <= 31:
        return None
    if ctx.ref is None:
        return f"XXXX-{mon:02d}-{day:02d}", True
    d = _valid(_year_for(ctx.ref, mon, day, is_future(ctx.text, m.start(), m.end())), mon, day)
    return (_iso(d), True) if d else None


@_rule(rf"(?:(?P<mod>early|late|mid)[- ])?{_MON},?\s+(?:of\s+)?{_YEAR}\b", re.IGNORECASE,
       anchors={MONTH}, back=30)
def _month_year(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    if not m["m"][0].isupper():
        return None
    return f"{m['y']}-{_month(m['m']):02d}", False


# A month alone: any month in full, or one of the short forms trusted on their own.
_LONE_MONTH = "|".join([*MONTHS, *(re.escape(a + ".") for a in LONE_MONTH_ABBREVIATIONS)])


@_rule(r"\b(?:(?P<rel>last|next|this|(?:early|late|mid)[- ]|(?<=\bin )|(?<=\bsince )|(?<=\buntil )"
       r"|(?<=\bby )|(?<=\bthrough )|(?<=\bfrom )|(?<=\bof )|(?<=\bbefore )|(?<=\bafter )"
       # A full month name other than "May" is a month wherever it stands ("In January",
       # "the October vote", "December's figures").
       rf"|(?=(?:{'|'.join(UNAMBIGUOUS_MONTHS)})\b))"
       rf"\s*)(?P<m>{_LONE_MONTH})(?![a-z]|\s*\d)"
       # A march, not the month: "the March for Jobs", "the March of the Mothers".
       r"(?<!March(?=\s(?:for|of(?:\sthe)?)\s[A-Z]))", anchors={MONTH}, back=30)
def _month_only(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    mon = _month(m["m"])
    if ctx.ref is None:
        return f"XXXX-{mon:02d}", True
    rel = (m["rel"] or "").strip().lower()
    year = _year_for(ctx.ref, mon, 15, is_future(ctx.text, m.start(), m.end()))
    if rel == "last":
        year = ctx.ref.year if mon < ctx.ref.month else ctx.ref.year - 1
    elif rel == "next":
        year = ctx.ref.year if mon > ctx.ref.month else ctx.ref.year + 1
    elif rel == "this":
        year = ctx.ref.year
    return f"{year}-{mon:02d}", True


# "mid-1996", "post-1959": the year of a prefixed one too.
@_rule(r"(?:(?<![\d$€£.,-])|(?<=\b(?:mid|pre)-)|(?<=\bpost-))\b(?:fiscal\s+)?(?P<y>(?:1[6-9]|20)\d\d)\b"
       r"(?![,.]?\d|\s*(?:%|percent|-\d)|s\b|'s\b|\s\d{3}\s?\d{3})",  # "1800 555 212": a phone number
       re.IGNORECASE, anchors={DIGIT}, back=12)
def _year(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    return m["y"], False


@_rule(r"\b(?:the\s+)?(?:(?P<c>1[6-9]|20)(?P<dec>\d)0|'(?P<dec2>\d)0)'?s\b", anchors={DIGIT}, back=12)
def _decade(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    if m["c"]:
        return f"{m['c']}{m['dec']}", False
    return f"19{m['dec2']}", False


@_rule(rf"(?:(?P<mod>early|late|mid)[- ])?{_MON}\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b", re.IGNORECASE,
       anchors={MONTH}, back=6)
def _month_rel_year(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """ "June last year", "March of next year": that month of the year named."""
    if not m["m"][0].isupper():
        return None
    if ctx.ref is None:
        return f"XXXX-{_month(m['m']):02d}", True
    step = {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    return f"{ctx.ref.year + step}-{_month(m['m']):02d}", True


@_rule(r"\bthe\s+(?:(?P<cur>current|full)\s+)?(?:fiscal\s+)?year"
       r"(?P<ended>(?=\s+(?:ended|ending|that\s+ended)\b))?", re.IGNORECASE, anchors={"year"}, back=30)
def _the_year(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """ "the year ended March 31" is a span of a year; "the current year", "the full
    year" the reference's year. A bare "the year" is left alone."""
    if m["ended"] is not None:
        return "P1Y", False
    if not m["cur"]:
        return None
    return (str(ctx.ref.year), True) if ctx.ref else (None, True)


# Not "annually": mostly a rate's adverb ("rise 8% annually"), which TimeML leaves alone.
@_rule(r"\b(?:(?:each|every)\s+(?P<u>year|month|week|day|quarter|hour)|(?P<adv>weekly|monthly|hourly))\b",
       re.IGNORECASE, anchors={"year", "month", "week", "day", "quarter", "hour", "weekly", "monthly", "hourly"},
       back=6)
def _every(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """A frequency: "every month" P1M, "weekly" P1W (TIMEX3 SET values)."""
    unit = m["u"] or {"weekly": "week", "monthly": "month", "hourly": "hour"}[m["adv"].lower()]
    return duration_value(1, unit.lower()), False


_SPELLED_TENS = trie_regex(set(TENS))
_SPELLED_ONES = trie_regex(set(ONES[1:10]))


@_rule(rf"\b(?:(?P<m>{'|'.join(MONTHS)})\s+)?"
       rf"(?:(?P<c>nineteen|eighteen)[- ](?P<t>{_SPELLED_TENS})(?:[- ](?P<o>{_SPELLED_ONES}))?\b"
       rf"|the\s+year\s+two\s+thousand(?:\s+and\s+(?P<o2>{_SPELLED_ONES}))?\b)", re.IGNORECASE,
       anchors={"nineteen", "eighteen", "thousand"}, back=30)
def _spelled_year(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """Years in words, as broadcast transcripts write them: "nineteen ninety-six"."""
    if m["c"]:
        year = (1900 if m["c"].lower() == "nineteen" else 1800) + NUMBER_VALUES[m["t"].lower()]
        year += NUMBER_VALUES[m["o"].lower()] if m["o"] else 0
    else:
        year = 2000 + (NUMBER_VALUES[m["o2"].lower()] if m["o2"] else 0)
    if m["m"] and m["m"][0].isupper():
        return f"{year}-{_month(m['m']):02d}", False
    if m["m"]:
        return None
    return str(year), False


_DECADE_WORDS = {t[:-1] + "ies" for t in TENS}  # "twenties" … "nineties"


@_rule(rf"\bthe\s+(?:(?P<c>nineteen|eighteen)[- ]?)?(?P<t>{trie_regex(_DECADE_WORDS)})\b",
       re.IGNORECASE, anchors=_DECADE_WORDS, back=16)
def _spelled_decade(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """ "the nineties" → 199 (the century is the 1900s unless named)."""
    tens = NUMBER_VALUES[m["t"].lower()[:-3] + "y"]
    century = 18 if (m["c"] or "").lower() == "eighteen" else 19
    return f"{century}{tens // 10}", False


@_rule(rf"(?:(?<=\bfor )|(?<=\bover )|(?<=\bwithin )|(?<=\bafter ))(?P<u>{_UNIT})s\b"
       r"(?!\s+(?:of|ago|old)\b)", re.IGNORECASE, back=0)
def _bare_units(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """ "for years", "within weeks": an unspecified number of them ("for decades" PXY)."""
    unit = m["u"].lower()
    if unit == "weekend":
        return None
    if unit.startswith(("decade", "centur")):
        unit = "year"
    return f"P{'T' if unit in _TIME_UNITS else ''}X{UNIT_CODE[unit]}", False


# --- relative to the reference ---------------------------------------------------------

@_rule(rf"\b(?P<w>today|tonight|yesterday|tomorrow|last night)(?:\s+(?P<part>{_PART}))?\b", re.IGNORECASE,
       anchors={"today", "tonight", "yesterday", "tomorrow", "night"}, back=5)
def _deictic(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    if ctx.ref is None:
        return None, True
    w = m["w"].lower()
    if w == "last night":
        return _iso(ctx.ref - timedelta(days=1)) + "TNI", True
    d = ctx.ref + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(w, 0))
    return _iso(d) + ("" if w == "tonight" else _part(m)), True


@_rule(rf"\b(?:this|earlier this|later this)\s+(?P<part>{_PART})\b", re.IGNORECASE,
       anchors=set(PART_OF_DAY), back=14)
def _this_part(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    return (_iso(ctx.ref) + _part(m), True) if ctx.ref else (None, True)


@_rule(rf"(?:\b(?P<rel>(?i:last|next|this|coming|past|previous))\s+|\b(?P<mod>(?i:early|late))\s+)?"
       rf"(?P<wd>{_WD})(?:\s+(?P<part>{_PART}))?\b", anchors={WEEKDAY}, back=10)
def _weekday(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    if ctx.ref is None:
        return None, True
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        direction = "last"
    elif rel in ("next", "coming"):
        direction = "next"
    else:  # bare or "this": news speaks of the past unless the clause is future
        direction = "future" if is_future(ctx.text, m.start(), m.end()) else "past"
    return _iso(_weekday_date(ctx.ref, WEEKDAY_NUM[m["wd"].lower()], direction)) + _part(m), True


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON = f"(?P<s>{'|'.join(SEASONS)})"


def _season_year(ref: date, code: str, future: bool) -> int:
    """The year of the last season ``code`` begun by ``ref``, or of the next one not yet ended."""
    start = _SEASON_START[code]
    begun = ref.month >= start or (code == "WI" and ref.month <= 2)
    year = ref.year - (code == "WI" and ref.month <= 2)
    if future:
        return year if begun or ref.month < start else year + 1
    return year if begun else year - 1


@_rule(rf"\b(?:the\s+)?(?:(?P<mod>early|late|mid)[- ])?{_SEASON}\s+(?:of\s+)?"
       rf"(?:(?P<y>(?:1[6-9]|20)\d\d)\b|(?P<c>nineteen)[- ](?P<t>{_SPELLED_TENS})(?:[- ](?P<o>{_SPELLED_ONES}))?\b)"
       rf"|\bthis\s+past\s+{_SEASON.replace('<s>', '<s2>')}\b"
       rf"|\bthe\s+(?:(?:early|late)\s+)?{_SEASON.replace('<s>', '<s3>')}\b(?!\s+of\b)",
       re.IGNORECASE, anchors=set(SEASON_CODE), back=14, ahead=36)
def _season(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """ "the winter of 1994" 1994-WI; "this past spring", "over the summer": the last one
    (the next one in a future clause)."""
    if m["s"]:
        if m["y"]:
            year = int(m["y"])
        else:
            year = 1900 + NUMBER_VALUES[m["t"].lower()] + (NUMBER_VALUES[m["o"].lower()] if m["o"] else 0)
        return f"{year}-{SEASON_CODE[m['s'].lower()]}", False
    code = SEASON_CODE[(m["s2"] or m["s3"]).lower()]
    if ctx.ref is None:
        return f"XXXX-{code}", True
    future = bool(m["s3"]) and is_future(ctx.text, m.start(), m.end())
    return f"{_season_year(ctx.ref, code, future)}-{code}", True


# Anaphora: a date counted from the last one the text named ("On May 22, 1995, … the
# following year" is 1996). The handler leaves a placeholder, "@Y+1" (unit, offset, part
# of day), that :func:`_resolve_anaphora` replaces once every mention is known.
_ANAPHOR_UNIT = {"day": "D", **dict.fromkeys(PARTS_OF_DAY, "D"), "month": "M", "year": "Y"}


@_rule(r"\b(?:(?P<mod>earlier|later)\s+)?(?P<same>that|the\s+same)\s+(?:same\s+)?"
       r"(?P<u>day|morning|afternoon|evening|night|month|year)\b"
       r"|\bthe\s+(?P<rel>following|next|previous|preceding)\s+(?P<u2>day|morning|afternoon|evening|month|year)\b"
       r"|\b(?:a|one)\s+(?P<u3>day|month|year)\s+later\b", re.IGNORECASE,
       anchors={"day", "morning", "afternoon", "evening", "night", "month", "year"}, back=20)
def _anaphor(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    unit = (m["u"] or m["u2"] or m["u3"]).lower()
    rel = (m["rel"] or "").lower()
    if rel == "next" and unit in ("month", "year"):
        return None  # "over the next year": a span, the duration rules' business
    step = 1 if rel in ("following", "next") or m["u3"] else -1 if rel else 0
    part = f"T{PART_OF_DAY[unit]}" if unit in PART_OF_DAY else ""
    return f"@{_ANAPHOR_UNIT[unit]}{step:+d}{part}", True


_ANTECEDENT_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T.*)?)?)?")
_ANAPHOR_REACH = 1500  # characters back to the date an anaphor counts from


def _resolve_anaphora(mentions: list[DateMention]) -> list[DateMention]:
    """Replace each anaphor's placeholder with the date it names, counted from the nearest
    earlier mention precise enough (a day for "the next day", a year for "that year").
    One with none within reach is dropped: "strong redemptions that day" is generic."""
    out = []
    for i, d in enumerate(mentions):
        if not (d.value or "").startswith("@"):
            out.append(d)
            continue
        unit, step, part = d.value[1], int(d.value[2:4]), d.value[4:]
        need = {"Y": 1, "M": 2, "D": 3}[unit]
        d.value = None
        for prev in (mentions[j] for j in range(i - 1, -1, -1)):  # no copy of the list per anaphor
            if d.start - prev.end > _ANAPHOR_REACH:
                break
            a = _ANTECEDENT_RE.fullmatch(prev.value or "")
            if not a or sum(g is not None for g in a.groups()) < need:
                continue
            y, mo, day = int(a[1]), int(a[2] or 1), int(a[3] or 1)
            if unit == "Y":
                d.value = str(y + step)
            elif unit == "M":
                y, mo = _add_months(y, mo, step)
                d.value = f"{y}-{mo:02d}"
            elif (base := _valid(y, mo, day)) is not None:
                d.value = _iso(base + timedelta(days=step)) + part
            d.status = prev.status
            break
        if d.value:
            out.append(d)
    return out


_REL_UNIT_RE = f"(?P<u>week|month|year|quarter|decade|weekend|{'|'.join(SEASONS)})"


@_rule(rf"\b(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>last|next|this|coming|past|previous|"
       rf"the\s+(?:past|last|next|coming|previous|following))\s+{_REL_UNIT_RE}\b", re.IGNORECASE,
       anchors={"week", "month", "year", "quarter", "decade", "weekend", *SEASON_CODE}, back=30)
def _rel_unit(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    rel, unit = m["rel"].lower(), m["u"].lower()
    if rel.startswith("the ") and unit in UNIT_CODE and unit != "weekend":  # "the past year": a span
        return duration_value(1, unit), False
    if ctx.ref is None:
        return None, True
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel.split()[-1], 0)
    ref = ctx.ref
    if unit == "decade":  # "last decade": the 1990s are "199"
        return str(ref.year // 10 + step), True
    if unit in ("week", "weekend"):
        return _week(ref + timedelta(weeks=step)) + ("-WE" if unit == "weekend" else ""), True
    if unit == "month":
        y, mo = _add_months(ref.year, ref.month, step)
        return f"{y}-{mo:02d}", True
    if unit == "year":
        return str(ref.year + step), True
    if unit == "quarter":
        y, mo = _add_months(ref.year, ref.month, 3 * step)
        return f"{y}-Q{(mo - 1) // 3 + 1}", True
    return f"{ref.year + step}-{SEASON_CODE[unit]}", True


@_rule(rf"\b(?P<n>{_NUM})[- ](?P<u>{_UNIT})s?\s+(?:ago|earlier|before)\b", re.IGNORECASE, back=20)
def _ago(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    n = number(m["n"])
    if n is None or n != int(n):
        return None
    if ctx.ref is None:
        return None, True
    n, unit = int(n), m["u"].lower()
    ref = ctx.ref
    if unit == "day":
        return _iso(ref - timedelta(days=n)), True
    if unit == "week":
        return _week(ref - timedelta(weeks=n)), True
    if unit == "month":
        y, mo = _add_months(ref.year, ref.month, -n)
        return f"{y}-{mo:02d}", True
    if unit == "year":
        if n == 1 and (quarter := _year_ago_quarter(ctx, m.start(), m.end())):
            return quarter, True
        return str(ref.year - n), True
    if unit == "decade":
        return str(ref.year - 10 * n)[:3], True
    return "PAST_REF", False


@_rule(r"\b(?:(?:the\s+)?(?:(?P<y0>(?:19|20)\d\d)\s+|(?P<rel>this|last|next)\s+year(?:'s|’s)\s+)?"
       r"(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter)"
       r"(?:\s+of\s+(?P<y>(?:19|20)\d\d))?\b", re.IGNORECASE, anchors={"quarter"}, back=40)
def _quarter(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """ "the third quarter", "the 1988 third quarter", "next year's first quarter"."""
    q = ORDINALS[m["o"].lower()]
    if m["y"] or m["y0"]:
        return f"{m['y'] or m['y0']}-Q{q}", False
    if ctx.ref is None:
        return f"XXXX-Q{q}", True
    if m["rel"]:
        step = {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
        return f"{ctx.ref.year + step}-Q{q}", True
    cur = (ctx.ref.month - 1) // 3 + 1
    # A quarter later than the current one is last year's (results are reported after it).
    return f"{ctx.ref.year - (q > cur)}-Q{q}", True


@_rule(r"\b(?:the\s+)?(?P<y>(?:19|20)\d\d)\s+quarter\b", re.IGNORECASE, anchors={"quarter"}, back=12)
def _year_quarter(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """ "the 1988 quarter": the quarter the text is about, in that year; unresolved
    ("1988-QX") where no quarter is named nearby."""
    if ctx.ref is None:
        return f"{m['y']}-QX", True
    q = _context_quarter(ctx, m.start(), m.end())
    return f"{m['y']}-Q{q or 'X'}", True


@_rule(r"\b(?:the\s+)?(?:latest|current|most recent|recent|fiscal|same|just-ended|just-completed)?\s*quarter\b",
       re.IGNORECASE, anchors={"quarter"}, back=30)
def _the_quarter(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    if not m.group(0).lower().startswith("the"):
        return None
    if ctx.ref is None:
        return None, True
    # Reports speak of the last completed quarter.
    y, mo = _add_months(ctx.ref.year, ctx.ref.month, -3)
    return f"{y}-Q{(mo - 1) // 3 + 1}", True


@_rule(r"\b(?:the\s+)?year-(?:earlier|ago)(?:\s+(?P<n>quarter|period))?\b", re.IGNORECASE,
       anchors={"year"}, back=4)
def _year_earlier(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """ "the year-earlier quarter", "year-ago profit": the previous year, or its quarter."""
    if ctx.ref is None:
        return None, True
    return _year_ago_quarter(ctx, m.start(), m.end()) or str(ctx.ref.year - 1), True


# Not the noun: "the party daily Pravda" (a capitalised name follows).
@_rule(r"\b(?:daily(?!\s+(?-i:[A-Z]))|every day|each day)\b", re.IGNORECASE, anchors={"daily", "day"}, back=6)
def _daily(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    return "P1D", False


# "burning the midnight oil", "the midnight sun": idioms, not clock times.
_IDIOM_AFTER = "(?:oil|sun|blue|feast|snack)"


# A clock time, and the day it names when one follows ("10 p.m. Wednesday", "noon
# Thursday", "5 p.m. EST Nov. 9"). "am" needs a word boundary: not "12 Americans".
@_rule(rf"(?:\b(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap])(?:\.m\b\.?|m\b)"
       rf"(?:\s+(?:[ECMP][SD]?T|GMT|UTC)\b)?|\b(?P<noon>noon|midday|midnight)\b(?!\s+{_IDIOM_AFTER}\b))"
       rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{_WD})\b|{_MON}\s+{_DAYNUM}\b(?!,?\s*\d)"
       rf"|(?P<deic>today|tonight|yesterday|tomorrow)\b))?", re.IGNORECASE,
       anchors={DIGIT, "noon", "midday", "midnight"}, back=12)
def _clock(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    if m["noon"]:
        h, mi = (0, 0) if m["noon"].lower() == "midnight" else (12, 0)
    else:
        h, mi = int(m["h"]) % 12 + (12 if m["ap"].lower() == "p" else 0), int(m["mi"] or 0)
        if int(m["h"]) > 12:
            return None
    clock = f"T{h:02d}:{mi:02d}"
    if m["m"]:  # a month and day
        mon, day = _month(m["m"]), int(m["d"])
        if ctx.ref is None:
            return f"XXXX-{mon:02d}-{day:02d}{clock}", True
        d = _valid(_year_for(ctx.ref, mon, day, is_future(ctx.text, m.start(), m.end())), mon, day)
        return (_iso(d) + clock, True) if d else None
    if ctx.ref is None:
        return "XXXX-XX-XX" + clock, True
    if m["wd"]:
        direction = "future" if is_future(ctx.text, m.start(), m.end()) else "past"
        day = _weekday_date(ctx.ref, WEEKDAY_NUM[m["wd"].lower()], direction)
    else:
        day = ctx.ref + timedelta(days={"yesterday": -1, "tomorrow": 1}.get((m["deic"] or "").lower(), 0))
    return _iso(day) + clock, True


@_rule(r"\b(?:now|currently|nowadays|at present|at the moment|these days|the present)\b", re.IGNORECASE,
       anchors={"now", "currently", "nowadays", "present", "moment", "days"}, back=8)
def _present(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    return "PRESENT_REF", False


# "current" as an adjective of the present ("the current government"), not of a period
# the quarter/year rules read, nor "current account".
@_rule(r"\bcurrent\b(?!\s+(?:quarter|year|fiscal|period|month|week|season|account))", re.IGNORECASE,
       anchors={"current"}, back=0)
def _current(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    return "PRESENT_REF", False


@_rule(r"(?:(?<=\bin )|(?<=\bfor ))the\s+(?:near\s+|distant\s+|foreseeable\s+)?future\b", re.IGNORECASE,
       anchors={"future"}, back=20)
def _future_ref(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """ "in the (near) future"; a bare "future" is mostly an adjective ("future talks")."""
    return "FUTURE_REF", False


@_rule(r"\bthe\s+weekend\b", re.IGNORECASE, anchors={"weekend"}, back=4)
def _the_weekend(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """ "over the weekend": the last one, or the next in a future clause."""
    if ctx.ref is None:
        return None, True
    direction = "future" if is_future(ctx.text, m.start(), m.end()) else "past"
    return _week(_weekday_date(ctx.ref, WEEKDAY_NUM["saturday"], direction)) + "-WE", True


@_rule(r"\b(?:recently|lately|the past|once|formerly|previously)\b", re.IGNORECASE,
       anchors={"recently", "lately", "past", "once", "formerly", "previously"}, back=8)
def _past_ref(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    if m.group(0).lower() in ("once", "previously", "formerly"):
        return None  # too often not temporal, or not annotated
    return "PAST_REF", False


# --- durations ------------------------------------------------------------------------

# "$1.76 a year", "358,000 a month", "700 seats a week": the figure's rate.
_RATE_BEFORE_RE = re.compile(r"(?:\d|\b(?:million|billion|thousand|hundred|dozen|once|twice))"
                             r"[\d%.,]*(?:\s+[a-z]+){0,2}\s+\Z")


# A half in the next finer unit: "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M.
_HALF = {"year": "6M", "month": "15D", "day": "T12H", "hour": "30M", "minute": "30S"}


def duration_value(n: float, unit: str) -> str:
    """The TIMEX3 duration of ``n`` ``unit``s: "P3Y", "PT90M", "P2Y6M"; decades and centuries
    in years ("P20Y"), as TimeBank writes them."""
    unit = "century" if unit.startswith("centur") else unit
    if unit in ("decade", "century"):
        n, unit = n * (10 if unit == "decade" else 100), "year"
    t = "T" if unit in _TIME_UNITS else ""
    whole = int(n)
    if n == whole:
        return f"P{t}{whole}{UNIT_CODE[unit]}"
    if n - whole == 0.5 and unit in _HALF:
        return f"P{t}{whole}{UNIT_CODE[unit]}{_HALF[unit]}" if whole else f"P{t}{_HALF[unit]}"
    return f"P{t}{n:g}{UNIT_CODE[unit]}"


# "the nine months" keeps its article, as TimeBank does ("the 30-day period" does not).
@_rule(rf"\b(?:the\s+(?=(?:{_NUM})\s+{_UNIT}s\b)|{_APPROX})(?P<n>{_NUM})(?P<half>\s+(?:and\s+a\s+half|1/2))?"
       rf"[- ](?P<u>{_UNIT})s?(?P<half2>\s+and\s+a\s+half)?(?:[- ]long)?\b(?!\s+ago|-old|\s+old\b)",
       re.IGNORECASE, back=48)
def _duration(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """A span of time; not an age ("52 years old") nor a rate's "a year" ("$5 a year")."""
    n = number(m["n"])
    if n is None:
        return None
    if m["n"].lower() in ("a", "an") and _RATE_BEFORE_RE.search(ctx.text, max(0, m.start() - 40), m.start()):
        return None
    unit = m["u"].lower()
    if unit == "weekend" or (unit == "quarter" and 1600 <= n < 2100):  # "the 1988 quarter"
        return None
    if unit == "quarter" and re.match(r"-quarters\b", ctx.text[m.end("n"):m.end("n") + 10]):
        return None  # "three-quarters of the vote": a fraction
    if m["half"] or m["half2"]:
        n += 0.5
    return duration_value(n, unit), False


@_rule(rf"\b(?P<v>several|a few|few|many|some|recent|the coming|the past|coming|past)"
       rf"(?:\s+(?:few|several))?\s+(?P<u>{_UNIT})s\b(?P<ago>\s+ago\b)?",
       re.IGNORECASE, back=24)
def _vague_duration(m: re.Match[str], ctx: _Ctx) -> tuple[str | None, bool] | None:
    """ "several weeks" PXW; "a few years ago" is some time in the past."""
    if m["ago"]:
        return "PAST_REF", False
    unit = m["u"].lower()
    unit = "century" if unit.startswith("centur") else unit
    if unit == "weekend":
        return None
    return f"P{'T' if unit in _TIME_UNITS else ''}X{UNIT_CODE[unit]}", False


# --- extraction -------------------------------------------------------------------------

def reference_date(article: Article) -> tuple[date | None, str]:
    """The date relative expressions count from, and the status values computed from it get."""
    if article.published:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", article.published)
        d = _valid(int(m[1]), int(m[2]), int(m[3])) if m else None
        if d:
            return d, "resolved"
    # Scraped text: the latest full date in the text or captions is the best evidence
    # (a report rarely names a full date after its own publication).
    found = [d for src in [article.text, *article.captions]
             for m in scan(FULL_DATE_RE, src, _full_date_anchors(src), back=30)
             if (d := _parse_full(m.group(0)))]
    return (max(found), "estimated") if found else (None, "unresolved")


_FULL_RES = [re.compile(p) for p in (_FULL_MDY, _FULL_DMY, _FULL_ISO)]


def _full_date_anchors(text: str) -> list[tuple[int, int]]:
    found = find_anchors(text)
    return sorted([*found.get(MONTH, ()), *found.get(DIGIT, ())])


def _parse_full(text: str) -> date | None:
    """The date a :data:`FULL_DATE_RE` match names (None for "February 30, 2025")."""
    for rx in _FULL_RES:
        if m := rx.fullmatch(text):
            mon = int(m["mn"]) if "mn" in rx.groupindex else _month(m["m"])
            return _valid(int(m["y"]), mon, int(m["d"]))
    return None


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_MONTH_WORDS = frozenset(m.lower() for m in (*MONTHS, *MONTH_ABBREVIATIONS))
_WEEKDAY_WORDS = frozenset(WEEKDAY_NUM)


# Number words anchor figures (see figures.py), which share this scan.
NUMBER_ANCHORS = frozenset(w for k in NUMBER_VALUES for w in k.split()) - {"a", "an", "of"}


@lru_cache(maxsize=1)
def _anchor_re() -> re.Pattern[str]:
    # Built on first use, once every rule has registered its keywords.
    words = trie_regex(_KEYWORDS | NUMBER_ANCHORS | _MONTH_WORDS | _WEEKDAY_WORDS)
    return re.compile(rf"\d+|\b{words}(?![a-z])")


_GLUED_RE = re.compile(rf"(?:{trie_regex({w[:3].capitalize() for w in _MONTH_WORDS | _WEEKDAY_WORDS})})"
                       r"(?<=[a-z]...)")


@lru_cache(maxsize=4)
def find_anchors(text: str) -> dict[str, list[tuple[int, int]]]:
    """Anchor spans by kind: ``DIGIT``, ``MONTH``, ``WEEKDAY`` or the lower-cased keyword
    (the rules' keywords and :data:`NUMBER_ANCHORS`). A superset is harmless: it only
    widens the windows :func:`scan` searches. Cached: the figures stage reuses the dates
    stage's scan of the same text; callers must not modify the result."""
    # Matched on lower-cased text (same offsets); words glued on by scraping
    # ("FeaturedFebruary 6") are found on the original text by their capital.
    low = text.lower()
    if len(low) != len(text):  # a few non-ASCII letters lower-case to two characters
        low = text.translate(_ASCII_LOWER)
    out: dict[str, list[tuple[int, int]]] = {}
    for m in _anchor_re().finditer(low):
        w = m.group()
        if w[0].isdigit():
            key = DIGIT
        elif w in _MONTH_WORDS and w not in _KEYWORDS:
            key = MONTH
        elif w in _WEEKDAY_WORDS:
            key = WEEKDAY
        else:
            key = w
        out.setdefault(key, []).append(m.span())
    for m in _GLUED_RE.finditer(text):
        key = MONTH if m.group().lower() in _MONTH_WORDS else WEEKDAY
        out.setdefault(key, []).append(m.span())
    return out


def extract(text: str, ref: date | None, ref_status: str = "resolved") -> list[DateMention]:
    """All temporal expressions in ``text`` (longest match wins), normalised against ``ref``."""
    ctx = _Ctx(text, ref)
    found: list[tuple[int, int, int, str | None, bool]] = []
    by_anchor = find_anchors(text)
    for prio, (rx, fn, anchors, back, ahead) in enumerate(_RULES):
        spans = sorted(s for a in anchors for s in by_anchor.get(a, ()))
        for m in scan(rx, text, spans, back, ahead):
            out = fn(m, ctx)
            if out is not None:
                found.append((m.start(), m.end(), prio, *out))
    found.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken = Cover()
    mentions = []
    for start, end, _prio, value, depends in found:
        if taken.overlaps(start, end):
            continue
        taken.add(start, end)
        status = "resolved" if not depends else ("unresolved" if ref is None else ref_status)
        mentions.append(DateMention(text=text[start:end], start=start, end=end, value=value, status=status))
    mentions.sort(key=lambda d: d.start)
    return _resolve_anaphora(mentions)


def stage(article: Article) -> Article:
    """Article stage: fill ``article.dates`` from the analysed prefix of the text (none in an
    article not in English)."""
    from newsloom.nlp import bound  # lazy: the nlp package loads spaCy

    text = bound(article)
    ref, status = reference_date(article) if text else (None, "unresolved")
    article.dates = extract(text, ref, status) if text else []
    return article
