"""Timeline dates in words, one entry per event, background apart, and what pages and briefs show."""

from __future__ import annotations

from datetime import date

import pytest

from newsloom.timeline.dates import extract
from newsloom.timeline.words import describe, label
from synth import digested


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2025-06-10", "Tue 10 June 2025"),
        ("2025-06-10TNI", "Tue 10 June 2025, night"),
        ("2025-10-14TAF", "Tue 14 October 2025, afternoon"),
        ("2025-10-17TEV", "Fri 17 October 2025, evening"),
        ("2025-10-21TMO", "Tue 21 October 2025, morning"),
        ("2025-10-21T06:00", "Tue 21 October 2025, 06:00"),
        ("XXXX-10-01", "1 October"),
        ("XXXX-XX-XXT06:00", "06:00"),
        ("2025-W43", "week of 20 Oct 2025"),
        ("2025-W41-WE", "weekend of 11 Oct 2025"),
        ("2025-06", "June 2025"),
        ("XXXX-08", "August"),
        ("2025-Q1", "first quarter of 2025"),
        ("XXXX-Q3", "third quarter"),
        ("1988-QX", "a quarter of 1988"),
        ("1994-WI", "winter 1994"),
        ("XXXX-SU", "summer"),
        ("2014", "2014"),
        ("199", "the 1990s"),
        ("19", "the 1900s"),
        ("P3Y", "3 years"),
        ("P1D", "1 day"),
        ("PT90M", "90 minutes"),
        ("P2Y6M", "2 years 6 months"),
        ("PT5H30M", "5 hours 30 minutes"),
        ("PXY", "years"),
        ("PTXH", "hours"),
        ("PRESENT_REF", "now"),
        ("PAST_REF", "recently"),
        ("FUTURE_REF", "in the future"),
        ("2025-02-30", None),
        ("nonsense", None),
        (None, None),
    ],
)
def test_values_in_words(value: str | None, words: str | None) -> None:
    assert describe(value) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The quarry has been closed since 2014.", "since 2014"),
        ("The plan was drafted in early 2022.", "early 2022"),
        ("Ferries stopped in mid-June 2020.", "mid-June 2020"),
        ("The council meets every month.", "every month"),
        ("The hearing lasted 90 minutes.", "90 minutes"),
    ],
)
def test_label_keeps_the_qualifier(text: str, words: str) -> None:
    (d,) = extract(text, date(2025, 6, 11))
    assert label(text, d.start, d.end, d.value) == words


def test_every_extracted_shape_has_words() -> None:
    """Whatever the extractor gives, resolved, reads as words (no raw TIMEX on a page)."""
    text = ("Last night the ferry sank. This morning divers arrived, and next week a panel meets. "
            "The yard opened in the 1990s, in the winter of 1994, and again in the first quarter. "
            "It has lost money for years and recently cut 90 minutes from shifts; now it sails "
            "every month, and in the future on the weekend, at 6 a.m. Tuesday, in August.")
    found = extract(text, date(2025, 6, 11))
    assert len(found) >= 12
    for d in found:
        words = describe(d.value)
        assert words and words != d.value and "T" not in words.split(",")[0][-3:], (d.text, d.value, words)


def test_midnight_oil_is_no_clock_time() -> None:
    assert extract("Aides say the midnight oil is burning at the ministry.", date(2025, 2, 13)) == []
    (d,) = extract("The vote was held at midnight on Friday.", date(2025, 2, 13))
    assert d.value == "2025-02-07T00:00"


def _story_of(texts: list[tuple[str, str]]):
    from newsloom.store import Store

    with Store(":memory:") as store:
        digested(store, [(name, text, "2025-03-12") for name, text in texts])
        (story,) = store.result().stories
        return story


RETOLD = [
    ("north", "The Quillmoor ferry crossing reopened on Sunday after the storm damaged its landing ramp. "
              "Harbour staff worked through the night to repair the ramp. The ramp was first built in 1998."),
    ("south", "Repair crews restored the damaged landing ramp and the Quillmoor ferry crossing reopened to "
              "traffic on Sunday. Commuters queued at the terminal from dawn."),
    ("east", "After storm damage to its landing ramp, the ferry crossing at Quillmoor reopened on Sunday, "
             "harbour officials said. The ramp was first built in 1998 by the county."),
]


def test_one_entry_per_event_in_words_with_background_apart() -> None:
    story = _story_of(RETOLD)
    sunday = [e for e in story.timeline if e.date == "2025-03-09"]
    assert len(sunday) == 1 and set(sunday[0].article_ids) == {"north", "south", "east"}
    assert sunday[0].label == "Sun 9 March 2025" and sunday[0].kind == "event"
    (built,) = [e for e in story.timeline if e.date == "1998"]
    assert built.kind == "past" and built.label == "1998"


def test_brief_keeps_own_events_and_top_background() -> None:
    from newsloom.digest.common import StoryData
    from newsloom.digest.timeline import BRIEF_BACKGROUND, BRIEF_OWN, for_brief
    from newsloom.model import Story, TimelineEntry

    def entry(value: str, kind: str, n: int) -> TimelineEntry:
        return TimelineEntry(date=value, kind=kind, text=value, article_ids=[f"a{i}" for i in range(n)])

    past = [entry(str(1990 + i), "past", 1 + (i == 4)) for i in range(8)]
    own = [entry(f"2025-03-{d:02d}", "event", 1 + (d % 3 == 0)) for d in range(1, 26)]
    entries = past + own
    picked = for_brief(StoryData(story=Story(id="s", title="t"), articles={}), entries)
    assert len(picked) == BRIEF_OWN + BRIEF_BACKGROUND
    assert "1994" in [e.date for e in picked]  # the most reported background date
    assert [e.date for e in picked] == [e.date for e in entries if e in picked]  # time order kept
    twice = [e for e in own if len(e.article_ids) == 2]
    assert all(e in picked for e in twice)  # the most reported own events first


def test_pages_show_words_not_codes(demo_result) -> None:
    from newsloom.report.render import render_report

    html = render_report(demo_result)
    timeline = html[html.index('class="timeline-sec"'):html.index('class="disagreements-sec"')]
    for code in ("2025-10-14TAF", "2025-W43", "date_text", "status", "kind", "resolved"):
        assert code not in timeline, code
    assert "week of 20 Oct 2025" in timeline and "Tue 14 October 2025, afternoon" in timeline
    assert "Before the story" in timeline
