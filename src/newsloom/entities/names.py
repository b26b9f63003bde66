"""Rule helpers on raw text: name-shaped spans, pronouns, titles and roles.

They work on character offsets, with or without a spaCy parse, so quote attribution and
entity extraction degrade gracefully when no model is installed.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from importlib import resources
from itertools import accumulate

from newsloom.lang.en.calendar import UNAMBIGUOUS_MONTHS, WEEKDAYS
from newsloom.lang.en.names import NAME_PARTICLES, NAME_SUFFIXES, NOT_NAME_WORDS, ORG_WORDS
from newsloom.lang.en.titles import (
    GENDER_TITLES,
    NOT_ROLES,
    ROLE_ADJECTIVES,
    ROLE_STOP,
    ROLE_SUFFIXES,
    TITLE_HEADS,
    TITLE_WORDS,
)
from newsloom.lang.en.words import POSSESSIVE_DETERMINERS, STOPWORDS

#: A capitalised name word ("Moorcroft", "O’Neill", "Lindgren-Moss", "J.", "McAllister").
NAME_WORD = r"(?:[A-Z][a-zà-öø-ÿ]*(?:['’\-][A-Z]?[a-zà-öø-ÿ]+)*\.?|[A-Z]\.)"
_PARTICLE = rf"(?:{'|'.join(NAME_PARTICLES)})"
NAME_RE = re.compile(rf"\b{NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+|al-)?{NAME_WORD}){{0,4}}(?![\w])")

_CALENDAR = {w.lower() for w in (*WEEKDAYS, *UNAMBIGUOUS_MONTHS)}
_TITLE_STRIP_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(t) for t in sorted(TITLE_WORDS, key=len, reverse=True)) + r")\.?\s+)+",
    re.IGNORECASE,
)


def is_name_like(phrase: str) -> bool:
    """A capitalised phrase that could be a person's name ("Declan Moorcroft", "Peskov")."""
    words = phrase.replace("’s", "").replace("'s", "").split()
    if not words or len(words) > 5:
        return False
    if words[0].lower().rstrip(".") in NOT_NAME_WORDS:
        return False
    if any(w.lower().strip(".,") in ORG_WORDS or w.lower().strip(".,") in _CALENDAR for w in words):
        return False
    return all(w[0].isupper() or re.fullmatch(_PARTICLE, w) for w in words)


def strip_title(name: str) -> tuple[str, str | None]:
    """("Labour Minister Anselm Fairweather") -> ("Anselm Fairweather", "Labour Minister")."""
    m = _TITLE_STRIP_RE.match(name)
    if not m or m.end() >= len(name):
        return name, None
    return name[m.end() :], name[: m.end()].strip()


def gender_of_title(title: str | None) -> str | None:
    if not title:
        return None
    for word in title.lower().split():
        if word in GENDER_TITLES:
            return GENDER_TITLES[word]
    return None


#: A first name counts for a gender only when its frequency among that gender's people is at
#: least this many times its frequency among the other's ("Kelly", "Terry" are both).
FIRST_NAME_RATIO = 10.0


@functools.cache
def _census_first_names() -> dict[str, dict[str, float]]:
    """First name (lower case) -> {"m"/"f": frequency %}, from the US Census 1990 first-name
    lists shipped in the ``names`` package (public-domain data; lines "NAME  freq%  cum%  rank")."""
    freq: dict[str, dict[str, float]] = {}
    for gender, file in (("m", "dist.male.first"), ("f", "dist.female.first")):
        for line in resources.files("names").joinpath(file).read_text().splitlines():
            parts = line.split()
            if len(parts) == 4:
                freq.setdefault(parts[0].lower(), {})[gender] = float(parts[1])
    return freq


@functools.cache
def first_names() -> frozenset[str]:
    """Every first name of the Census lists (lower case), of either gender or both."""
    return frozenset(_census_first_names())


@functools.cache
def _first_name_genders() -> dict[str, str]:
    """First name (lower case) -> "m"/"f" where the Census lists make it clearly one."""
    out = {}
    for name, f in _census_first_names().items():
        m, w = f.get("m", 0.0), f.get("f", 0.0)
        if max(m, w) >= FIRST_NAME_RATIO * min(m, w):
            out[name] = "m" if m > w else "f"
    return out


def gender_of_first_name(name: str) -> str | None:
    """The gender a full name's first name suggests ("Sen. Ada Kroll" -> "f"), a prior that
    the article's own evidence overrides; None for a lone word (a surname), an initial, or a
    first name the Census lists leave unknown or ambiguous."""
    words = strip_title(name)[0].split()
    if len(words) < 2:
        return None
    return _first_name_genders().get(words[0].strip(".,").lower())


def without_possessive(name: str) -> str:
    """``name`` without a trailing possessive ("Kroll's" is Kroll)."""
    return re.sub(r"['’]s$", "", name.strip())


@functools.lru_cache(maxsize=65536)
def surname(name: str) -> str:
    """The last name word of a person's name, without a possessive (memoised: the quote and
    entity stages ask for the same few names many times per article). "Ken Griffey Jr." and
    "Ken Griffey" stay two people: see :func:`family_name` for the name a lone mention repeats."""
    words = name.split()
    last = words[-1] if words else name
    return without_possessive(last).strip(".,")


def generation(name: str) -> str:
    """A person name's generational suffix, lower case ("jr" of "Ken Voss Jr."), else ""."""
    words = name.split()
    last = words[-1].strip(".,").lower() if len(words) > 2 else ""
    return last if last in NAME_SUFFIXES else ""


def family_name(name: str) -> str:
    """The family name a lone mention repeats: :func:`surname` before a generational suffix
    ("Byrd" of "Harry F. Byrd Sr.", "King" of "Martin Luther King, Jr."); two names of one
    family name and another :func:`generation` are two people."""
    words = name.split()
    while len(words) > 2 and words[-1].strip(".,").lower() in NAME_SUFFIXES:
        words.pop()
    return surname(" ".join(words))


def is_role_word(word: str) -> bool:
    """A word that names a person by role ("senator", "official", "organiser")."""
    w = word.lower().strip(".,'’")
    if w in NOT_ROLES or w in STOPWORDS:
        return False
    return w in TITLE_HEADS or (len(w) > 3 and w.endswith(ROLE_SUFFIXES))


def premodifier_role(text: str, start: int) -> str | None:
    """A title or description right before a name: "US Secretary of State", "crane operator"."""
    left = text[max(0, start - 120) : start]
    if not left.endswith(" "):
        return None
    words = re.split(r"[ \t]+", left.rstrip())
    taken: list[str] = []
    loose = 0
    kind = "role"  # the kind of the word last taken (the name counts as a head)
    for word in reversed(words):
        bare = word.strip()
        if "\n" in bare:  # a paragraph break ends the role
            bare = bare.rsplit("\n", 1)[-1]
            if bare:
                taken.append(bare)
            break
        if not bare or bare.endswith((",", ".", ":", ";", "”", '"', "—")) or bare in ("—", "–", "-"):
            break
        low = bare.lower().strip("'’")
        if low in ROLE_STOP or low in ("the", "a", "an", "by", "with", "to", "from", "for", "as"):
            break
        if low == "of" and taken:
            taken.append(bare)
            kind = "cap"
            continue
        verbish = low.endswith(("ed", "ly", "ing")) and low not in TITLE_WORDS and low not in ROLE_ADJECTIVES
        if low in STOPWORDS:
            break
        if is_role_word(bare) or low in ROLE_ADJECTIVES:
            kind = "role"
        elif bare[0].isupper() and not verbish:
            kind = "cap"
        elif low.isalpha() and not verbish and kind in ("role", "loose") and loose < 2:
            kind = "loose"  # a plain noun modifier: "crane operator", "union general secretary"
        else:
            break
        loose = loose + 1 if kind == "loose" else 0
        taken.append(bare)
        if len(taken) >= 7:
            break
    if "of" not in taken:  # "Secretary of State" ends on its complement; others on their head
        while taken and not is_role_word(taken[0]):
            taken.pop(0)
    while taken and taken[-1].lower() in ("of", "and"):
        taken.pop()
    role = " ".join(reversed(taken)).strip()
    return role if role and any(is_role_word(w) for w in taken) else None


_APPOS_AFTER_RE = re.compile(
    r"^,\s+(?P<role>(?:(?:the|a|an)\s+)?[^,.;:“”\"()]{2,90}?)(?=,|\.|;|$|\s+(?:said|says|told))"
)
_APPOS_BEFORE_RE = re.compile(r"(?P<role>(?:(?:[Tt]he|[Aa]n?|[A-Z][\w'’.\-]*)\s+)?[^,.;:“”\"()]{2,90}?),\s+$")


_OWNER_FIRST_RE = re.compile(rf"^(?:{'|'.join(sorted(POSSESSIVE_DETERMINERS))})\s+(?=[a-z])", re.IGNORECASE)


def apposition_role(text: str, start: int, end: int) -> str | None:
    """A role set off by commas around a name: "X, the Kremlin's key economic envoy," or
    "the Kremlin spokesman, X"."""
    m = _APPOS_AFTER_RE.match(text[end : end + 120])
    if m:
        # "a crane operator who has worked here for 22 years": the role is the noun phrase
        role = re.split(r"\s(?:who|which|that|whose|since|for|in)\s", m.group("role"))[0].strip()
        words = role.split()
        first = words[0].lower()
        if first not in ("who", "which", "whose", "and", "but", "in", "on", "at", "after") and not first.endswith(
            "ing"
        ) and not re.search(r"[\d$€£]", role) and len(words) <= 12 and any(
            is_role_word(w) for w in words
        ) and not any(w.lower() in ROLE_STOP for w in words):
            return role
    before = text[max(0, start - 120) : start]
    # (the pattern, anchored at the end, is tried from every offset: only where a comma ends it)
    m = _APPOS_BEFORE_RE.search(before) if before.rstrip().endswith(",") else None
    if m:
        role = m.group("role").strip()
        role = re.split(r"(?:^|\s)(?:said|says|told|to|by|according to|with)\s", role)[-1].strip()
        # "Its chair, X": the owner is named elsewhere; the role is the noun phrase after it
        role = _OWNER_FIRST_RE.sub("", role)
        words = role.split()
        if words and 1 <= len(words) <= 7 and is_role_word(words[-1]) and not re.search(
            r"[\d$€£]", role
        ) and not any(
            w.lower() in ROLE_STOP for w in words
        ):
            return role
    return None


def role_of(text: str, start: int, end: int) -> str | None:
    """The role stated for the name at ``text[start:end]``, if any."""
    return apposition_role(text, start, end) or premodifier_role(text, start)


class Cover:
    """The union of the spans added so far, kept as sorted spans that do not overlap, so that "does a span
    hold this offset / overlap this span" is a bisection (a scan of every span per question was
    quadratic in a long list of names or dates)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for a, b in spans or ():
            self.add(a, b)

    def add(self, start: int, end: int) -> None:
        """Cover ``[start, end)``, merged with the spans it overlaps (an empty span covers nothing)."""
        if end <= start:
            return
        i = bisect_right(self._ends, start)  # spans that only touch it stay apart
        j = bisect_left(self._starts, end)
        if i < j:
            start, end = min(start, self._starts[i]), max(end, self._ends[j - 1])
        self._starts[i:j] = [start]
        self._ends[i:j] = [end]

    def covers(self, pos: int) -> bool:
        """Some span holds ``pos``."""
        k = bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._ends[k]

    def overlaps(self, start: int, end: int) -> bool:
        """Some span overlaps ``[start, end)``."""
        k = bisect_right(self._ends, start)  # the first span that ends after ``start``
        return k < len(self._starts) and self._starts[k] < end


class Holders:
    """Spans indexed for "does one of them hold this span" in log time (a scan of every span
    per question was quadratic in a long list of names)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [a for a, _ in spans]
        self._reach = list(accumulate((b for _, b in spans), max))  # the furthest end so far

    def hold(self, start: int, end: int) -> bool:
        """One span holds ``[start, end)``: of those starting at or before it, the furthest ends at or after it."""
        n = bisect_right(self._starts, start)
        return n > 0 and self._reach[n - 1] >= end
