"""Story timelines: dated sentences of all the story's articles, merged and ordered.

Each date mention that names a calendar period (a day, week, month, quarter or year; not a
duration or "now") makes its sentence an event. The same event from several outlets — the
same date value in similar sentences, or in sentences that share most of their content
words (a rewrite that re-says it) — is one entry citing all of them, worded as the original
says it; ``label`` is its date in words ("Tue 14 October 2025, afternoon", "since 2014"),
``date`` the TIMEX3 value. ``kind`` places the event against its article's reference date
(for an article with none, the story's): ``past`` (background, ended more than
``BACKGROUND_DAYS`` before), ``future`` (announced: after the reference date, or a future
tense around it), else ``event``. Similar sentences from two outlets that give different
resolved dates are a ``date`` disagreement. :func:`for_brief` keeps the story's own events
and the most reported background ones.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsloom.clean.credit import dateline_match
from newsloom.digest.common import StoryData, display
from newsloom.digest.undated import reference
from newsloom.model import DateMention, Disagreement, Side, TimelineEntry
from newsloom.provenance.align import Sentence, similarity
from newsloom.timeline.reckon import dates_the_telling, in_origin_clause, is_future, names_a_thing
from newsloom.timeline.words import label

SAME_EVENT = 0.55
SAME_WORDS = 0.4  # same date: shared content words over the shorter sentence's
MIN_SHARED = 4
BRIEF_OWN = 12  # the story's own events a brief tells
BRIEF_BACKGROUND = 3  # and its most reported background dates
CONFLICT = 0.75  # near-identical sentences whose dates differ
BACKGROUND_DAYS = 30
HISTORY_DAYS = 365  # a day in a thing's history clause older than this is its history's, not the story's
MAX_ENTRIES = 40
_VALUE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q(\d))?(?:T.*)?$")


def period(value: str | None) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 value covers (None for durations, refs, XXXX…)."""
    m = _VALUE_RE.match(value or "")
    if not m:
        return None
    y = int(m[1])
    try:
        if m[3]:
            d = date(y, int(m[2]), int(m[3]))
            return d, d
        if m[2]:
            first = date(y, int(m[2]), 1)
            return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        if m[4]:
            first = date.fromisocalendar(y, int(m[4]), 1)
            return first, first + timedelta(days=6)
        if m[5]:
            q = int(m[5])
            first = date(y, 3 * q - 2, 1)
            return first, (date(y + 1, 1, 1) if q == 4 else date(y, 3 * q + 1, 1)) - timedelta(days=1)
    except ValueError:
        return None
    return date(y, 1, 1), date(y, 12, 31)


@dataclass
class Event:
    value: str
    span: tuple[date, date]
    kind: str
    sentence: Sentence
    text: str
    date_text: str
    status: str
    label: str
    article_ids: list[str] = field(default_factory=list)


def _same_event(a: Sentence, b: Sentence) -> bool:
    """Two sentences giving one date tell one event: similar, or mostly the same content words."""
    if similarity(a, b) >= SAME_EVENT:
        return True
    shared = len(a.words & b.words)
    return shared >= MIN_SHARED and shared / min(len(a.words), len(b.words)) >= SAME_WORDS


def _frame_rank(text: str, sent: Sentence, m: DateMention) -> int:
    """0: a date of the sentence's event; 1: the telling's ("said on Monday"); 2: its
    dateline's day (when the report was filed, the telling's or later); 3: one naming a thing
    ("Sunday's quake")."""
    if names_a_thing(text, m.end):
        return 3
    line = dateline_match(text[sent.start:sent.end])
    if line is not None and m.end <= sent.start + line.end():
        return 2
    return 1 if dates_the_telling(text, m.start) else 0


def _history(text: str, start: int, end: int, value: str, span: tuple[date, date], ref: date | None) -> bool:
    """An old date in a clause of a thing's history (", built in 1663,"): a year, decade or
    century, or one more than a year before the article's day."""
    old = len(value) <= 4 or (ref is not None and span[1] < ref - timedelta(days=HISTORY_DAYS))
    return old and in_origin_clause(text, start, end)


def _story_day(data: StoryData) -> date | None:
    """The story's reference day for an article with none: its earliest publication date,
    else the latest day its articles name (the story's own present)."""
    if data.earliest:
        return data.earliest
    days = [span[1] for a in data.articles.values() for m in a.dates
            if m.status != "unresolved" and (span := period(m.value)) and span[0] == span[1]]
    return max(days, default=None)


def _kind(text: str, start: int, end: int, span: tuple[date, date], ref: date | None) -> str:
    if ref is None:
        return "future" if is_future(text, start, end) else "event"
    if span[0] > ref or (span[1] >= ref and is_future(text, start, end)):
        return "future"
    if span[1] < ref - timedelta(days=BACKGROUND_DAYS):
        return "past"
    return "event"


def build(data: StoryData) -> tuple[list[TimelineEntry], list[Disagreement]]:
    """The story's timeline entries and its date disagreements."""
    events: list[Event] = []
    told_at: dict[tuple[str, int], Event] = {}  # (article, sentence start) → the event it told first
    conflicts: list[Disagreement] = []
    story_day = _story_day(data)
    for a_id in data.cite(list(data.articles)):
        a = data.articles[a_id]
        ref = reference(data, a)[0] or story_day
        sents = data.sentences(a_id)
        usable = [(m, span, sent) for m in a.dates
                  if (span := period(m.value)) and m.status != "unresolved"
                  and (sent := next((s for s in sents if s.start <= m.start < s.end), None))
                  and not _history(a.text, m.start, m.end, m.value, span, ref)]
        # a sentence with several dates is told once, at its event's: the dateline's day and
        # the day of the telling ("struck late on Sunday, officials said on Monday") step
        # aside for it, and a day naming a thing ("the toll from Sunday's quake rose on
        # Wednesday") for either
        dated = Counter(sent.start for _, _, sent in usable)  # a sentence with one date tells it
        rank = {id(m): _frame_rank(a.text, sent, m) if dated[sent.start] > 1 else 0 for m, _, sent in usable}
        keep: dict[int, list[int]] = {}  # sentence start → the mentions told: its events', else its best frame's
        for m, _, sent in sorted(usable, key=lambda u: (rank[id(u[0])], u[0].start)):
            told = keep.setdefault(sent.start, [])
            if not told or (rank[id(m)] == 0 and rank[told[0]] == 0):
                told.append(id(m))
        retold = data.retold(a_id)
        for m, span, sent in usable:
            if id(m) not in keep[sent.start]:
                continue
            same = next((e for e in events if e.value == m.value and _same_event(e.sentence, sent)), None)
            # a rewrite's retelling of its source's dated sentence, on the same day: one event,
            # however far apart the wordings (as provenance aligned them) and the dates' detail
            source = told_at.get(retold.get(sent.start, ("", -1)))
            if same is None and source is not None and source.span[0] <= span[1] and span[0] <= source.span[1]:
                same = source
            if same is not None:
                if a_id not in same.article_ids:
                    same.article_ids.append(a_id)
                continue
            rival = next((e for e in events if e.value != m.value and e.status == m.status == "resolved"
                          and e.date_text.lower() == m.text.lower() and a_id not in e.article_ids
                          and similarity(e.sentence, sent) >= CONFLICT), None)
            if rival is not None:
                conflicts.append(Disagreement(kind="date", about=display(rival.text), sides=[
                    Side(value=rival.value, article_ids=data.cite(rival.article_ids)),
                    Side(value=m.value, article_ids=[a_id])]))
                continue
            events.append(Event(m.value, span, _kind(a.text, m.start, m.end, span, ref), sent,
                                display(a.text[sent.start:sent.end]), m.text, m.status,
                                label(a.text, m.start, m.end, m.value) or m.value, [a_id]))
            told_at.setdefault((a_id, sent.start), events[-1])
    if len(events) > MAX_ENTRIES:  # keep the most reported events, then tell them in order
        events = sorted(events, key=lambda e: -len({data.root(i) for i in e.article_ids}))[:MAX_ENTRIES]
    events.sort(key=lambda e: (e.span[0], e.span[1], data.order(e.article_ids[0])))
    return [TimelineEntry(date=e.value, label=e.label, text=e.text, kind=e.kind, date_text=e.date_text,
                          status=e.status, article_ids=data.cite(e.article_ids)) for e in events], conflicts


def for_brief(data: StoryData, entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """The entries a brief tells, in time order: the story's own events (the ``BRIEF_OWN``
    most reported) and the ``BRIEF_BACKGROUND`` most reported background ones."""
    def top(kinds: set[str], n: int) -> list[TimelineEntry]:
        pick = [e for e in entries if e.kind in kinds]
        pick.sort(key=lambda e: (-len({data.root(i) for i in e.article_ids}), -len(e.article_ids)))
        return pick[:n]
    keep = {id(e) for e in top({"event", "future"}, BRIEF_OWN) + top({"past"}, BRIEF_BACKGROUND)}
    return [e for e in entries if id(e) in keep]
