"""Dates of undated articles, estimated from their story.

An article with no publication date had its relative dates resolved against the latest
full date in its own text, or not at all. Inside a story there is better evidence: the
source it copies (its publication date is the copy's best estimate; a rewrite, a follow-up
or a partial reuse may be days later), else the story's earliest dated article. The article's dates are recomputed with
:func:`newsloom.timeline.dates.extract` against that reference, status ``estimated``.
"""

from __future__ import annotations

from datetime import date

from newsloom.digest.common import StoryData
from newsloom.model import Article
from newsloom.timeline.dates import extract, reference_date

COPIES = frozenset({"copy"})


def reference(data: StoryData, a: Article) -> tuple[date | None, bool]:
    """The date ``a``'s relative dates count from, and whether it is new story evidence
    (its source's date, else the story's earliest date when its own text gives none)."""
    if own := data.days.get(a.id):
        return own, False
    root = data.root(a.id, COPIES)  # only a copy shares its source's day; a rewrite may not
    if root != a.id and (ref := data.days.get(root)):
        return ref, True
    own_guess = reference_date(a)[0]
    if own_guess is not None:
        return own_guess, False  # its own text dates it; the story's dates are weaker evidence
    return (data.earliest, True) if data.earliest else (None, False)


def estimate(data: StoryData) -> list[Article]:
    """Re-date the story's undated articles in place; return those whose dates changed."""
    changed = []
    for a in data.articles.values():
        ref, new = reference(data, a)
        if not new:
            continue
        dates = extract(a.text, ref, "estimated")
        if [d.to_dict() for d in dates] != [d.to_dict() for d in a.dates]:
            a.dates = dates
            changed.append(a)
    return changed
