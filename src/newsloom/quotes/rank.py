"""The learned choice among a quotation's candidate speakers.

A logistic regression over the features of :mod:`newsloom.quotes.candidates`, trained on
PolNeAR train (the development half) by ``training/quote_ranker.py`` and shipped as the JSON
beside this module: a weight per feature name, so that scoring is a sum and needs nothing
beyond the standard library. Attributions whose rules are certain (a frame around the
quotation with a named subject) keep their answer; the ranker decides the rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from newsloom.quotes.candidates import Candidate
from newsloom.quotes.phrases import Attribution
from newsloom.quotes.rules import RESOLVING, RULES, ids

SHIPPED = Path(__file__).with_name("ranker.json")


def certain(att: Attribution) -> bool:
    """The rules' answer stands: the frame of a direct quotation or of reported speech named
    its speaker outright (a certain rule of :data:`RULES`, no pronoun or description resolved)."""
    used = ids(att.via)
    return (att.kind in ("direct", "indirect") and att.speaker_start is not None
            and any(RULES[r].certain for r in used if r in RULES) and not RESOLVING.intersection(used))


@dataclass(frozen=True)
class Ranker:
    """Weights by feature name; a candidate's score is their sum over its features."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0

    def score(self, c: Candidate) -> float:
        return self.value(c.features)

    def value(self, features: dict[str, float]) -> float:
        """The score of a candidate with these features."""
        return self.bias + sum(self.weights.get(f, 0.0) * v for f, v in features.items())

    def best(self, cands: list[Candidate]) -> Candidate | None:
        """The highest-scoring candidate (the first, the rules' own, on a tie)."""
        return max(cands, key=self.score, default=None)

    @classmethod
    def load(cls, path: Path) -> Ranker:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(weights=dict(data["weights"]), bias=float(data.get("bias", 0.0)))


@cache
def shipped() -> Ranker | None:
    """The ranker shipped with the package (None when it is absent: rules alone)."""
    return Ranker.load(SHIPPED) if SHIPPED.exists() else None
