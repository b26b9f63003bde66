"""Line features and the small scored classifier that tells body from site furniture.

Each non-empty line of a scraped text is a *unit*. Features describe its length,
punctuation, vocabulary, position relative to the article body, and how often the same
line appears in other documents of the same site. A linear score over them, with weights
set on the project's own fixtures, says whether a line is junk; the strongest positive
feature names the reason.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from newsloom.lang.en.boilerplate import BOILERPLATE
from newsloom.lang.en.words import STOPWORDS

_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_TERMINAL = tuple(".!?…\"”’»)")
_QUOTE_CHARS = "\"“”«»„"
_PREFIX_RE = {
    reason: re.compile(r"^(?:" + "|".join(p) + r")\b", re.IGNORECASE)
    for reason, p in BOILERPLATE.items()
}


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def is_substantive(line: str) -> bool:
    """A line that reads like article prose: long enough, punctuated, full of function words."""
    ws = words(line)
    if len(ws) < 12 or not line.rstrip().endswith(_TERMINAL):
        return False
    return sum(w.lower() in STOPWORDS for w in ws) / len(ws) >= 0.2


@dataclass
class LineStats:
    """How many documents of each site carry each short line (boilerplate repeats)."""

    max_words: int = 12
    counts: dict[str | None, Counter[str]] = field(default_factory=dict)
    # Lines kept per site before those seen once are forgotten: boilerplate repeats early and
    # stays, so memory holds flat over a dump of any size (a headline is seen once).
    max_lines: int = 50_000

    @staticmethod
    def key(line: str) -> str:
        return " ".join(line.lower().split())

    def observe(self, site: str | None, lines: list[str]) -> None:
        if site is None:  # documents of unknown origin are not one site
            return
        short = {self.key(x) for x in lines if x.strip() and len(words(x)) <= self.max_words}
        seen = self.counts.setdefault(site, Counter())
        seen.update(short)
        if len(seen) > self.max_lines:  # keep what repeats, at most half the room: pruning stays rare
            self.counts[site] = Counter(dict(Counter({k: n for k, n in seen.items() if n > 1})
                                             .most_common(self.max_lines // 2)))

    def documents_with(self, site: str | None, line: str) -> int:
        return self.counts.get(site, Counter()).get(self.key(line), 0)


# Weights of the linear scorer; a unit is junk when the sum exceeds 0.
WEIGHTS: dict[str, float] = {
    "bias": -2.0,
    "boilerplate_prefix": 1.6,
    "very_short": 1.0,
    "short": 0.3,
    "no_terminal": 0.8,
    "few_function_words": 0.8,
    "ends_with_colon": 1.0,
    "tail_zone": 1.6,
    "head_zone": 0.6,
    "middle_zone": -1.0,
    "repeated_on_site": 2.2,
    "has_quotes": -1.5,
    "attribution_dash": -2.5,
    "long": -3.0,
}

REASONS: dict[str, str] = {
    "boilerplate_prefix": "boilerplate phrase",
    "very_short": "short fragment",
    "short": "short fragment",
    "no_terminal": "fragment without sentence punctuation",
    "few_function_words": "list of names or links, not prose",
    "ends_with_colon": "prompt or label",
    "tail_zone": "trailing site furniture",
    "head_zone": "site header",
    "repeated_on_site": "repeated on other pages of the site",
}


def features(line: str, zone: str, repeats: int) -> dict[str, float]:
    """The scorer's feature values for one line in its zone (head/middle/tail)."""
    ws = words(line)
    n = len(ws)
    stripped = line.rstrip()
    f: dict[str, float] = {"bias": 1.0}
    if any(rx.match(stripped) for rx in _PREFIX_RE.values()) and n <= 12:
        f["boilerplate_prefix"] = 1.0
    if n <= 4:
        f["very_short"] = 1.0
    elif n <= 8:
        f["short"] = 1.0
    elif n >= 12:
        f["long"] = 1.0
    if not stripped.endswith(_TERMINAL):
        f["no_terminal"] = 1.0
    if n and sum(w.lower() in STOPWORDS for w in ws) / n < 0.15:
        f["few_function_words"] = 1.0
    if stripped.endswith(":"):
        f["ends_with_colon"] = 1.0
    f[f"{zone}_zone"] = 1.0
    if repeats >= 2:
        f["repeated_on_site"] = 1.0
    if any(c in line for c in _QUOTE_CHARS):
        f["has_quotes"] = 1.0
    if re.match(r"^[—–-]\s*[A-Z]", stripped):
        f["attribution_dash"] = 1.0
    return f


def score(feats: dict[str, float]) -> tuple[float, str]:
    """(score, reason): junk when score > 0; the reason is the strongest positive feature."""
    contributions = {k: WEIGHTS.get(k, 0.0) * v for k, v in feats.items()}
    total = sum(contributions.values())
    positive = [(c, k) for k, c in contributions.items() if c > 0 and k in REASONS]
    reason = REASONS[max(positive)[1]] if positive else "low score"
    return total, reason
