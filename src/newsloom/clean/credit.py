"""Who an article credits as its source, and which outlets it cites.

*Credited source*: the outlet the article says it comes from ("This post appeared first
on cnn.com", "WASHINGTON (AP) —", "…, Caliber.Az reports, referencing US media.").
*Cited outlets*: outlets whose reporting it mentions ("according to the Financial
Times", "the Financial Times is reporting that…"). A credit is about the article itself;
a citation is about one claim in it.
"""

from __future__ import annotations

import re

from newsloom.lang.en.boilerplate import SECTION_LABELS
from newsloom.lang.en.bylines import REPORTING_CREDITS
from newsloom.lang.en.calendar import CALENDAR_WORDS
from newsloom.lang.en.outlets import (
    KNOWN_OUTLETS,
    NOT_AGENCIES,
    OUTLET_TRAILING_WORDS,
    OUTLET_WORDS,
    WIRE_CODES,
    WIRE_NAMES,
)
from newsloom.lang.en.words import NO_SUBJECT, SENTENCE_OPENERS, STOPWORDS

_NAME = r"(?:[A-Z][\w&'’\-]*(?:\.[A-Za-z][\w\-]*)*|[a-z][\w\-]*\.(?:com|net|org|co|az|ru|ua|uk|io|news|info)\b)"
# at a word's start only: tried inside every word, a domain's "[a-z][\w\-]*" backtracks over it
_OUTLET = rf"(?<![\w\-])(?:the\s+)?(?P<outlet>{_NAME}(?:\s+(?:of\s+|de\s+|&\s+)?{_NAME}){{0,4}})"
_DOMAIN_RE = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|net|org|co\.uk|co|az|ru|ua|uk|io|news|info|de|fr))\b", re.I)

# Whole lines that state the article's origin.
CREDIT_LINE_RE = re.compile(
    r"^(?:this\s+(?:post|article|story|piece|report)\s+(?:first\s+)?(?:appeared|was\s+(?:first\s+|originally\s+)?"
    r"(?:published|posted))(?:\s+first)?\s+(?:on|in|at|by)\s+"
    r"|(?:originally|first)\s+(?:appeared|published|posted)\s+(?:on|in|at|by)\s+"
    r"|(?:this\s+(?:article|story)\s+(?:is|was)\s+)?republished\s+(?:with\s+permission\s+)?(?:from|by)\s+"
    r"|read\s+the\s+original\s+(?:article|story)\s+(?:on|at)\s+"
    r"|(?:source|via|courtesy(?:\s+of)?|credit)\s*[:\-–—]\s*"
    r"|(?:copyright|©)\s*(?:©\s*)?(?:\d{4}\s+)?)"
    r"(?P<rest>.+?)\.?\s*$",
    re.IGNORECASE,
)

# "WASHINGTON (AP) —", "MOSCOW, Feb 13 (Reuters) -", "PORT ELLIS (HW) —".
DATELINE_RE = re.compile(  # letters beyond ASCII too: "ŁÓDŹ, Poland (Baltica Press) —"
    r"^(?P<place>[^\W\d_](?:[^\W\d_]|[.'’\- ]){1,40}?(?:,\s*[^\W\d_](?:[^\W\d_]|[.'’\- ]){1,30}?)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&/\-]{0,40})\)\s*)?[—–\-]{1,2}\s+"
)

# With a wire code in parentheses the place may be in title case or absent:
# "New York (AFP) –", "Dec 29 (Reuters) - ".
_WIRE_CODE = rf"(?:{'|'.join(WIRE_CODES)}|[A-Z]{{2,5}})"
WIRE_DATELINE_RE = re.compile(
    r"^(?:(?P<place>[A-Z][A-Za-z.'’\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30}?)?)\s*,?\s*)?"
    r"(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    rf"\s*\((?P<agency>{_WIRE_CODE})\)\s*[—–\-]{{1,2}}\s+"
)

# South Asian wires end the dateline with a colon, the state in parentheses after the town:
# "Kallurpet (Karnataka), Nov 18 (PNA):", "New Delhi (PTI):". Title-case words before a
# code and a colon also open ordinary sentences ("Lok Unnati Party (LUP): 62%"), so the
# place is at most four capitalised words and a code of no known wire needs the date.
COLON_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})(?:\s*\([A-Z][\w.'’\- ]{1,30}\))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    rf"\s*\((?P<agency>{_WIRE_CODE})\):\s+"
)

# "…, Caliber.Az reports, referencing US media." — a rewrite naming its source.
_TRAILING_REPORT_RE = re.compile(
    rf"[,;]\s*{_OUTLET}\s+(?:reports|reported|writes|wrote|informs|informed|says)"
    r"(?:\s*,\s*(?:referencing|citing|quoting|with\s+reference\s+to|referring\s+to)\s+[^.]+)?\s*\.?[”\"]?\s*$"
)
_CITED_RES = [
    re.compile(rf"\baccording\s+to\s+{_OUTLET}"),
    # one pattern for every phrase after the name: each of them alone scanned the text again
    re.compile(rf"{_OUTLET}(?:\s+(?:"
               r"(?:is|was|has\s+been)\s+reporting\b"
               r"|(?:has\s+|had\s+)?(?:reported|reports|revealed|wrote|writes)\s+(?:that|on|earlier)\b"
               r"|(?:reported|reports|wrote)\s*[,.;]"  # "…, Coastline Wire reported, leaving…"
               # "Coastline Wire's report on Wednesday"
               r")|['’]s\s+(?:(?:own|first|latest|original|earlier)\s+)?(?:report|reporting|story|article|"
               r"investigation|dispatch)\b)"),
    re.compile(rf"\b(?:told|in\s+an\s+interview\s+with|speaking\s+to|quoted\s+by|cited\s+by)\s+{_OUTLET}"),
    re.compile(rf"\b(?:reported|first\s+reported)\s+by\s+{_OUTLET}"),
    # "a report by Coastline Wire"
    re.compile(rf"\b(?:report|story|article|investigation|dispatch)\s+(?:by|from)\s+{_OUTLET}"),
]


_CLAUSE_OPENERS = SENTENCE_OPENERS | NO_SUBJECT | {"as", "because", "so"}


def trim_outlet(name: str) -> str:
    """Drop trailing function words a greedy match took along."""
    words = name.strip(" .,;:").split()
    while words and words[-1].lower() in OUTLET_TRAILING_WORDS:
        words.pop()
    while words and words[0] == "the":  # "The" stays: it is part of titles like The Averly Ledger
        words.pop(0)
    while len(words) > 1 and words[0].lower() in _CLAUSE_OPENERS and " ".join(words) not in KNOWN_OUTLETS:
        words.pop(0)  # "As Coastline Wire reported": a clause's first word, no part of the name ("Our Town Gazette")
    return " ".join(words)


_KNOWN_UPPER = frozenset(o.upper() for o in KNOWN_OUTLETS)
_OUTLET_WORDS_SHORTEST = sorted(OUTLET_WORDS, key=len)
_WIRE_CODES_LOWER = frozenset(c.lower() for c in WIRE_CODES)
_PLAIN_NEWS_WORDS = frozenset({"news", "wire", "newswire", "online"})


def host_code_words(host: str) -> tuple[set[str], list[str]]:
    """The codes an agency's host name spells, lower case: an agency signs "(UAN)" on
    uanewswire.in, "(INW)" on indusnewswire.in. The host's label ends in outlet words
    ("news", "wire"); before them a code ("ua"), then with each word's initial ("uan"), or a
    name, whose initial starts the code ("indus news wire": "inw"). Several hosts spell one
    code ("ny" of nytimes and nypost): a code says which host a credit may mean, never that
    two hosts are one outlet. Returns the codes and the outlet words after them."""
    label = re.sub(r"^(?:https?://)?(?:www\.)?", "", host.strip().lower()).split(".")[0]
    words: list[str] = []
    rest = label
    while word := next((w for w in _OUTLET_WORDS_SHORTEST if rest.endswith(w) and len(rest) > len(w)), None):
        words.insert(0, word)
        rest = rest[: -len(word)]
    if not words or not rest.isalpha() or len(rest) < 2 or rest in STOPWORDS or rest in OUTLET_WORDS:
        return set(), []  # "thetimes", "allnews", "sunherald": a word, no code
    if len(rest) > 4:  # a name: its initial and the words'
        codes = {rest[0] + "".join(w[0] for w in words)} if len(words) >= 2 else set()
    else:
        codes = {rest}
        for w in words:
            rest += w[0]
            codes.add(rest)
    # a wire everyone republishes is a host's own code only on a host of the code and plain
    # news words ("apnews", "ptinews"): "(AP)" on apherald.com is a credit
    if not set(words) <= _PLAIN_NEWS_WORDS:
        codes -= _WIRE_CODES_LOWER
    return codes, words


def host_codes(host: str) -> set[str]:
    """The codes of :func:`host_code_words`."""
    return host_code_words(host)[0]


def is_code(name: str) -> bool:
    """A name written as an agency's code: "UAN", "PTI", "AFP"."""
    return name.isupper() and name.isalpha() and 2 <= len(name) <= 6


def is_agency_name(name: str) -> bool:
    """What a dateline's parentheses hold names its agency: a wire, a code, a known outlet or
    an outlet's shape ("(Bernama)", "(UAN)", "(Tasman Newswire)"), not "(Karnataka)",
    "(Updated)", "(UPDATE)", "(Staff report)"."""
    if name.lower() in SECTION_LABELS or name.lower() in NOT_AGENCIES:
        return False
    return name in WIRE_CODES or is_code(name) or looks_like_outlet(name)


def looks_like_outlet(name: str) -> bool:
    """A domain, a known agency, or a name with an outlet word ("Financial Times")."""
    if not name:
        return False
    if _DOMAIN_RE.fullmatch(name):
        return True
    if name in KNOWN_OUTLETS or name.upper() in _KNOWN_UPPER:
        return True
    words = [w.lower().strip(".,") for w in name.split()]
    if len(words) >= 2 and name.startswith("The ") and name.split()[1][:1].isupper():
        return True  # mid-sentence capital "The" marks a publication's title
    return len(words) >= 2 and any(w in OUTLET_WORDS for w in words)


_ADDITIONAL_RE = re.compile(
    r"^(?:additional\s+reporting|reporting|with\s+reporting|contributed\s+reporting)\s+(?:by|from)\s+"
    r"(?P<rest>[^;.]+?)\.?\s*$", re.IGNORECASE,
)


_WIRE_NAME = r"(?:the\s+)?(" + "|".join(re.escape(n) for n in WIRE_NAMES) + r"|afp|ap|upi|dpa|xinhua)"
_BY = rf"(?:additional\s+)?(?:{'|'.join(REPORTING_CREDITS)})\s+by\s+"

# Wire services' house-style sign-offs: the line names no outlet, or names it in a fixed form.
_HOUSE_STYLES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\(\s*{_BY}[^;()]+;[^()]*\bediting\s+by\b[^()]*\)\.?\s*$", re.I), "Reuters"),
    (re.compile(rf"^{_BY}[^;]+;.*\bediting\s+by\b.*$", re.I), "Reuters"),
    (re.compile(r"\bassociated\s+press\s+(?:writers?|reporters?|correspondents?)\b.*\bcontributed\b", re.I), "AP"),
    (re.compile(r"^[—–-]\s*(AFP|AP|Reuters|UPI|dpa|Xinhua)\s*\.?$", re.I), ""),
    # "Copyright 2016 The Associated Press. All rights reserved. This material may not…"
    (re.compile(rf"^(?:copyright|\(c\)|©)(?:\s*(?:copyright|©|\d{{4}}))*\s*{_WIRE_NAME}\b", re.I), ""),
]


def _wire_code(name: str) -> str:
    low = name.lower()
    return WIRE_NAMES.get(low) or (name.upper() if low in {"afp", "ap", "upi"} else name)


def house_style_credit(line: str) -> str | None:
    """The wire a sign-off line's form belongs to ("(Reporting by …; Editing by …)" → Reuters)."""
    for rx, wire in _HOUSE_STYLES:
        m = rx.search(line.strip())
        if m:
            return wire or _wire_code(m.group(1))
    return None


# "Reuters contributed to this report.", "Information from AFP was used in this story."
_CONTRIBUTED_RE = re.compile(
    r"^(?P<rest>[^.;,]+?)\s+(?:contributed(?:\s+reporting)?\s+to|(?:was|were)\s+used\s+in)"
    r"\s+this\s+(?:report|story|article)\.?\s*$", re.I)
_INFORMATION_FROM_RE = re.compile(r"^(?:information|material)\s+from\s+", re.I)


def credit_from_line(line: str) -> str | None:
    """The outlet a whole-line credit names ("This post appeared first on cnn.com")."""
    house = house_style_credit(line)
    if house:
        return house
    extra = _ADDITIONAL_RE.match(line.strip()) or _CONTRIBUTED_RE.match(line.strip())
    if extra:  # "Additional reporting by Coastline Wire" credits an outlet, not a reporter
        name = trim_outlet(_INFORMATION_FROM_RE.sub("", extra.group("rest")))
        bare = re.sub(r"^the\s+", "", name, flags=re.I)
        if bare.lower() in WIRE_NAMES:
            return _wire_code(bare)
        return name if looks_like_outlet(name) else None
    m = CREDIT_LINE_RE.match(line.strip())
    if not m:
        return None
    rest = m.group("rest").strip(" .")
    dom = _DOMAIN_RE.search(rest)
    if dom:
        return dom.group(1).lower().removeprefix("www.")
    rest = re.split(r"\s*(?:[|,;]|\ball rights reserved\b|\.\s)", rest, maxsplit=1, flags=re.I)[0]
    rest = trim_outlet(rest)
    if not rest or len(rest.split()) > 6 or not rest[0].isupper() and "." not in rest:
        return None
    return rest


def dateline_match(paragraph: str) -> re.Match[str] | None:
    """The wire-style dateline opening ``paragraph``, if it has one (groups ``place``, ``date``,
    ``agency``). A sentence follows a dateline: "MINING WIRE FEED — Latest" is a site's header."""
    m = _dateline_opening(paragraph)
    return m if m is not None and len(paragraph[m.end() :].split(None, 2)) >= 2 else None


def _dateline_opening(paragraph: str) -> re.Match[str] | None:
    wire = WIRE_DATELINE_RE.match(paragraph)
    if wire and (wire.group("place") or wire.group("date")):
        return wire
    colon = COLON_DATELINE_RE.match(paragraph)
    if colon and (colon.group("date") or colon.group("agency") in WIRE_CODES) and _colon_dateline_place(colon):
        return colon
    m = DATELINE_RE.match(paragraph)
    if not m:
        return None
    place = m.group("place").strip(" ,")
    if not mostly_capitals(place.split(",")[0]) or len(place) < 3:  # the city: "RENO, Nev." is a dateline
        return None
    if place.split(",")[0].strip().lower() in SECTION_LABELS:
        return None  # "EXCLUSIVE —", "FACT CHECK —": a label, no place
    return m


def _colon_dateline_place(m: re.Match[str]) -> bool:
    """A colon dateline opens a sentence, after a town: not "Associated Press (AP): the
    cooperative said" (the code spells the words before it), "Monday, Nov 18 (PNA):"."""
    place = m.group("place")
    rest = m.string[m.end() : m.end() + 1]
    spelt = "".join(w[0] for w in place.split()).upper() == m.group("agency").upper()
    return (bool(rest) and not rest.islower() and not spelt and place not in KNOWN_OUTLETS
            and place.lower() not in CALENDAR_WORDS)


def mostly_capitals(text: str) -> bool:
    """Whether at least 80% of the letters of ``text`` are capitals (a dateline's place)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def dateline(paragraph: str) -> tuple[str | None, str | None, str | None]:
    """(place, date, agency) of a wire-style dateline opening, or Nones."""
    m = dateline_match(paragraph)
    if m is None:
        return None, None, None
    place = (m.group("place") or "").strip(" ,") or None
    agency = (m.group("agency") or "").strip() or None
    return place, m.group("date"), agency


def dateline_end(paragraph: str) -> int:
    """Where the dateline opening ``paragraph`` ends ("KESTON (NPA) — " → 15); 0 without one."""
    m = dateline_match(paragraph)
    return m.end() if m else 0


def trailing_report_credit(paragraph: str) -> str | None:
    """The outlet of a trailing ", X reports[, citing …]." clause in a sentence."""
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", paragraph):
        m = _TRAILING_REPORT_RE.search(sentence)
        if m:
            name = trim_outlet(m.group("outlet"))
            if name and (looks_like_outlet(name) or "." in name):
                return name
    return None


# "news agency UAN", "the state broadcaster RTV": the text says the name is an outlet's
_SAID_OUTLET_RE = re.compile(rf"\b(?:news\s+agency|wire\s+service|newspaper|broadcaster|news\s+(?:site|website)"
                             rf"|tabloid)\s+{_OUTLET}")


def cited_outlets(text: str) -> list[str]:
    """Outlets whose reporting the text cites, in order of first mention: names an outlet's
    shape or the declared lists give, or that the text calls a news agency, a newspaper…"""
    found: list[str] = []
    said = {trim_outlet(m.group("outlet")) for m in _SAID_OUTLET_RE.finditer(text)}
    for rx in _CITED_RES:
        for m in rx.finditer(text):
            name = trim_outlet(m.group("outlet"))
            if (looks_like_outlet(name) or name in said) and name not in found:
                found.append(name)
    for name in list(found):  # "the Peninsula News Agency (PNA)": its code is cited too
        if " " in name and (m := re.search(rf"{re.escape(name)}\s*\(([A-Z]{{2,6}})\)", text)) \
                and m.group(1) not in found:
            found.append(m.group(1))
    order = {name: text.find(name) for name in found}
    return sorted(found, key=lambda n: order[n])
