"""TIMEX3 values in words, for people: "2025-06-10TNI" → "Tue 10 June 2025, night".

:func:`describe` covers every value shape ``dates.py`` produces — days (with a part of day
or a clock time), weeks and weekends, months, quarters, seasons, years, decades, centuries,
durations and sets, the present/past/future references, and the underspecified ``XXXX``
forms. :func:`label` adds the qualifier the text puts before a date ("since 2014", "early
2022"), which the value itself does not keep. The value stays in the data; only pages and
briefs show the words.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsloom.lang.en.calendar import CLOCK_UNITS, MONTHS
from newsloom.lang.en.numbers import ORDINAL_WORDS
from newsloom.timeline.reckon import PART_OF_DAY, SEASON_CODE, UNIT_CODE

_PARTS = {code: word for word, code in PART_OF_DAY.items()}
_SEASON_WORDS = {code: word for word, code in SEASON_CODE.items() if word != "fall"}
# TIMEX3 duration letters back to words: "M" is a month before the "T", a minute after it.
_UNITS = {code: unit for unit, code in UNIT_CODE.items() if unit not in CLOCK_UNITS}
_TIME_UNITS = {code: unit for unit, code in UNIT_CODE.items() if unit in CLOCK_UNITS}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "recently", "FUTURE_REF": "in the future"}

_DAY_RE = re.compile(r"(?P<y>\d{4}|XXXX)-(?P<m>\d\d|XX)-(?P<d>\d\d|XX)(?:T(?P<t>MO|AF|EV|NI|\d\d:\d\d))?")
_WEEK_RE = re.compile(r"(?P<y>\d{4})-W(?P<w>\d\d)(?P<we>-WE)?")
_MONTH_RE = re.compile(r"(?P<y>\d{4}|XXXX)-(?P<m>\d\d)")
_QUARTER_RE = re.compile(r"(?P<y>\d{4}|XXXX)-Q(?P<q>[1-4X])")
_SEASON_RE = re.compile(r"(?P<y>\d{4}|XXXX)-(?P<s>SP|SU|FA|WI)")
_YEARISH_RE = re.compile(r"\d{2,4}")
_DURATION_RE = re.compile(r"P(?P<date>(?:(?:\d+(?:\.\d+)?|X)(?:DE|CE|WE|[YMWDQ]))*)"
                          r"(?:T(?P<time>(?:(?:\d+(?:\.\d+)?|X)[HMS])+))?")
_PART_RE = re.compile(r"(\d+(?:\.\d+)?|X)(DE|CE|WE|[YMWDQHS])")
# Words just before a date that change what it says: kept in the label.
_QUALIFIER_RE = re.compile(r"\b(since|until|till|before|after|by|from|early|late|mid)[- ]$", re.IGNORECASE)
_MODIFIER_RE = re.compile(r"^(early|late|mid)[- ]", re.IGNORECASE)
# A set ("every month", "weekly") has a duration's value: the text tells them apart.
_SET_RE = re.compile(r"^(?:every|each)\b|^(?:hourly|daily|weekly|monthly|quarterly|yearly|annually)$", re.IGNORECASE)


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {MONTHS[d.month - 1]} {d.year}"


def _short(d: date) -> str:
    return f"{d.day} {d:%b} {d.year}"


def _clock(t: str) -> str:
    return _PARTS.get(t, t)


def _amount(n: str, unit: str) -> str:
    if n == "X":
        return {"century": "centuries"}.get(unit, unit + "s")
    plural = "centuries" if unit == "century" else unit + "s"
    return f"{n} {unit if n == '1' else plural}"


def _duration(m: re.Match[str]) -> str:
    parts = [_amount(n, _UNITS[u]) for n, u in _PART_RE.findall(m["date"] or "")]
    parts += [_amount(n, _TIME_UNITS[u]) for n, u in _PART_RE.findall(m["time"] or "")]
    return " ".join(parts) or "a while"


def _days(m: re.Match[str]) -> str | None:
    y, mo, d, t = m["y"], m["m"], m["d"], m["t"]
    if y == "XXXX" or mo == "XX" or d == "XX":  # the year (or more) unknown: say what is known
        known = f"{int(d)} {MONTHS[int(mo) - 1]}" if mo != "XX" and d != "XX" else ""
        return ", ".join(x for x in (known, _clock(t) if t else "") if x) or None
    try:
        day = date(int(y), int(mo), int(d))
    except ValueError:
        return None
    return _day(day) + (f", {_clock(t)}" if t else "")


def describe(value: str | None) -> str | None:
    """A TIMEX3 value in words (None for no value, or a shape it does not know)."""
    if not value:
        return None
    if value in _REFS:
        return _REFS[value]
    if m := _DAY_RE.fullmatch(value):
        return _days(m)
    if m := _WEEK_RE.fullmatch(value):
        try:
            monday = date.fromisocalendar(int(m["y"]), int(m["w"]), 1)
        except ValueError:
            return None
        if m["we"]:
            return f"weekend of {_short(monday + timedelta(days=5))}"
        return f"week of {_short(monday)}"
    if m := _MONTH_RE.fullmatch(value):
        month = MONTHS[int(m["m"]) - 1] if 1 <= int(m["m"]) <= 12 else None
        return month and (month if m["y"] == "XXXX" else f"{month} {m['y']}")
    if m := _QUARTER_RE.fullmatch(value):
        year = "" if m["y"] == "XXXX" else m["y"]
        if m["q"] == "X":
            return f"a quarter of {year}" if year else "a quarter"
        return f"{ORDINAL_WORDS[int(m['q']) - 1]} quarter" + (f" of {year}" if year else "")
    if m := _SEASON_RE.fullmatch(value):
        season = _SEASON_WORDS[m["s"]]
        return season if m["y"] == "XXXX" else f"{season} {m['y']}"
    if _YEARISH_RE.fullmatch(value):
        if len(value) == 4:
            return value
        if len(value) == 3:
            return f"the {value}0s"
        return f"the {value}00s"
    if value.startswith("P") and (m := _DURATION_RE.fullmatch(value)):
        return _duration(m)
    return None


def label(text: str, start: int, end: int, value: str | None) -> str | None:
    """The date at ``text[start:end]`` in words, with the qualifier before it ("since 2014")."""
    words = describe(value)
    if words is None:
        return None
    mention = text[start:end]
    if value and value.startswith("P") and _SET_RE.search(mention):
        return "every " + words.removeprefix("1 ")
    qualifier = _MODIFIER_RE.match(mention) or _QUALIFIER_RE.search(text[max(0, start - 8):start])
    if qualifier and value and not value.startswith("P") and value not in _REFS:
        word = qualifier[1].lower()
        return f"{word}-{words}" if word == "mid" else f"{word} {words}"
    return words
