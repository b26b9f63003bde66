"""Temporal expressions: invented sentences, and the demo corpus's ground truth."""

from __future__ import annotations

from datetime import date

import pytest

from newsloom.model import Article
from newsloom.timeline.dates import extract, is_future, reference_date, stage

TUESDAY = date(2025, 10, 14)


def values(text: str, ref: date | None = TUESDAY) -> dict[str, str | None]:
    return {d.text: d.value for d in extract(text, ref)}


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The board met last Friday to vote.", "last Friday", "2025-10-10"),
        ("The board met on Monday.", "Monday", "2025-10-13"),
        ("The board met on Tuesday.", "Tuesday", "2025-10-14"),  # the publication day itself
        ("The board will meet on Thursday.", "Thursday", "2025-10-16"),
        ("The board said it would meet on Friday.", "Friday", "2025-10-17"),
        ("Officials said on Monday that they would reply.", "Monday", "2025-10-13"),
        ("Talks are expected to resume next week.", "next week", "2025-W43"),
        ("The ferry sank three years ago.", "three years ago", "2022"),
        ("Prices fell last month.", "last month", "2025-09"),
        ("Sales rose last year.", "last year", "2024"),
        ("The mayor spoke yesterday.", "yesterday", "2025-10-13"),
        ("The vote is tomorrow.", "tomorrow", "2025-10-15"),
        ("Rain fell this morning.", "this morning", "2025-10-14TMO"),
        ("The pier closed on Friday evening.", "Friday evening", "2025-10-10TEV"),
        ("The bridge opened in 2014.", "2014", "2014"),
        ("The report came out on Feb. 13, 2025.", "Feb. 13, 2025", "2025-02-13"),
        ("The report came out on 13 February 2024.", "13 February 2024", "2024-02-13"),
        ("The shop opened on 3 October.", "3 October", "2025-10-03"),
        ("The contract expired in December 2023.", "December 2023", "2023-12"),
        ("The strike has lasted nearly three years.", "nearly three years", "P3Y"),
        ("The hearing took 90 minutes.", "90 minutes", "PT90M"),
        ("Officials are busy this week.", "this week", "2025-W42"),
        ("A deal was struck earlier this month.", "earlier this month", "2025-10"),
        ("Results for the first quarter were weak.", "the first quarter", "2025-Q1"),
        ("Prices are now higher.", "now", "PRESENT_REF"),
        ("The ferry left at 6 a.m. on the day.", "6 a.m.", "2025-10-14T06:00"),
        ("Growth slowed in the 1990s.", "the 1990s", "199"),
    ],
)
def test_invented_sentences(text: str, expr: str, value: str) -> None:
    got = values(text)
    assert got.get(expr) == value, got


def test_offsets_point_into_text() -> None:
    text = "On Sunday the crew left.\n\nThey return next Friday, a week after Oct. 3, 2025."
    for d in extract(text, TUESDAY):
        assert text[d.start:d.end] == d.text


def test_tense_check() -> None:
    text = "The panel will meet on Friday."
    assert is_future(text, text.index("Friday"), len(text) - 1)
    text = "The panel met on Friday."
    assert not is_future(text, text.index("Friday"), len(text) - 1)


@pytest.mark.parametrize(
    ("text", "expr", "origin"),
    [
        ("The two upper tiers of the temple, built in 1663, collapsed into the square.", "1663", True),
        ("The shrine, consecrated in 1663, was last restored in 1998.", "1663", True),
        ("The shrine, consecrated in 1663, was last restored in 1998.", "1998", False),
        ("Founded in March 1890, the club has never been relegated.", "March 1890", True),
        ("The hall, originally built in the 1920s, will close.", "1920s", True),
        ("A chapel, dating back to the 1660s, was damaged.", "1660s", True),
        ("The temple was built in 1663.", "1663", False),  # the sentence's own event
        ("The temple was originally built in 1663.", "1663", False),
        ("The bridge opened in 2019 after years of delays.", "2019", False),  # a main verb
        ("The temple built in 1663 collapsed on Sunday.", "1663", False),  # not told apart from one
        ("The man, arrested on Monday, appeared in court on Tuesday.", "Monday", False),  # an event, not a history
        ("Police said the suspect was born in 1990.", "1990", False),
        ("The shrine, a pagoda temple built in 1663, collapsed into the square.", "1663", True),
        ("The shrine (a pagoda temple built in 1663) collapsed.", "1663", True),
        ("In Tarrow, the new bridge opened in 2019 after years of delays.", "2019", False),  # not closed
        ("The shrine collapsed, a pagoda temple built in 1663.", "1663", True),  # closed by the sentence's end
        ("On Monday, the council said the new hall would be opened on Friday, a spokesman said.", "Friday", False),
        ("The company said the plant would be launched on 3 May, weeks late.", "3 May", False),
    ],
)
def test_a_date_in_an_origin_clause_dates_the_thing_not_the_event(text: str, expr: str, origin: bool) -> None:
    from newsloom.timeline.reckon import in_origin_clause

    assert in_origin_clause(text, text.index(expr), text.index(expr) + len(expr)) is origin


@pytest.mark.parametrize(
    ("text", "expr", "telling"),
    [
        ("A quake struck late on Sunday night, officials said on Monday.", "Monday", True),
        ("A quake struck late on Sunday night, officials said on Monday.", "Sunday night", False),
        ("The mayor told reporters on Friday that the bridge would close on Monday.", "Friday", True),
        ("The minister told Reuters on Monday that talks would resume.", "Monday", True),
        ("The minister told the BBC late on Monday that talks would resume.", "Monday", True),
        ("The ministry said in a statement on Monday that schools would reopen.", "Monday", True),
        ("Schools will close on Friday, the ministry announced on Monday.", "Friday", False),
        ("The operator said it closed on Monday and would reopen on Friday.", "Monday", False),  # a clause's event
        ("The agency said aftershocks on Sunday damaged more houses.", "Sunday", False),  # the event it tells
        ("Police reported clashes on Saturday and arrests on Sunday.", "Saturday", False),
        ("Officials said Varna on Sunday recorded 40 aftershocks.", "Sunday", False),  # a subject, not an addressee
        ("Ukraine said Russia on Monday fired 40 missiles.", "Monday", False),
    ],
)
def test_a_date_of_the_telling(text: str, expr: str, telling: bool) -> None:
    from newsloom.timeline.reckon import dates_the_telling

    assert dates_the_telling(text, text.index(expr)) is telling


def test_a_date_naming_a_thing() -> None:
    from newsloom.timeline.reckon import names_a_thing

    text = "The toll from Sunday night's earthquake rose to 31 on Wednesday."
    assert names_a_thing(text, text.index("'s")) and not names_a_thing(text, text.index("."))


def test_reference_date_from_published_text_captions_or_none() -> None:
    art = Article(id="a", source="s", fingerprint="f", published="2025-10-14T09:00:00+00:00")
    assert reference_date(art) == (TUESDAY, "resolved")
    art = Article(id="a", source="s", fingerprint="f", text="It began on March 2, 2025. Then on March 9, 2025.")
    assert reference_date(art) == (date(2025, 3, 9), "estimated")
    art = Article(id="a", source="s", fingerprint="f", text="No date here.", captions=["A pier, June 1, 2024."])
    assert reference_date(art) == (date(2024, 6, 1), "estimated")
    assert reference_date(Article(id="a", source="s", fingerprint="f", text="Nothing."))[1] == "unresolved"


def test_undated_article_is_never_silently_resolved() -> None:
    art = stage(Article(id="a", source="s", fingerprint="f",
                        text="The mayor resigned last Friday. The pier opened on 3 May. It took two days."))
    by_text = {d.text: d for d in art.dates}
    assert by_text["last Friday"].status == "unresolved" and by_text["last Friday"].value is None
    assert by_text["3 May"].status == "unresolved" and by_text["3 May"].value == "XXXX-05-03"
    assert by_text["two days"].status == "resolved" and by_text["two days"].value == "P2D"
    art = stage(Article(id="a", source="s", fingerprint="f", text="The mayor resigned last Friday.",
                        captions=["The mayor outside city hall, October 14, 2025."]))
    assert [(d.value, d.status) for d in art.dates] == [("2025-10-10", "estimated")]


def _find(article: Article, text: str, value: str):
    """A mention overlapping the expected text whose value starts with the expected value
    ("Friday evening" → 2025-10-17TEV; "in 2019" is found as "2019")."""
    for d in article.dates:
        if (d.text in text or text in d.text) and (d.value or "").startswith(value):
            return d
    return None


@pytest.mark.parametrize("key", ["relative_dates", "absolute_dates"])
def test_demo_dates(demo_by_name: dict, expected: dict, key: str) -> None:
    checked = 0
    for item in expected[key]:
        art = demo_by_name[item["file"]]
        if item["text"] not in art.text:
            continue  # a metadata line (Published: …) that cleaning moved out of the body
        d = _find(art, item["text"], item["value"])
        assert d is not None, (item, [(x.text, x.value) for x in art.dates])
        assert d.status == ("resolved" if art.published else "estimated")
        assert art.text[d.start:d.end] == d.text
        checked += 1
    assert checked >= len(expected[key]) // 2  # the rest sit in metadata lines


def test_demo_undated_relative(demo_by_name: dict) -> None:
    for name in ("02_scraper_copy.txt", "03_uncredited_rewrite.txt", "04_credited_rewrite.txt"):
        art = demo_by_name[name]
        assert art.published is None
        relative = [d for d in art.dates if d.value is None or not d.value[:1].isdigit() or "XXXX" in d.value]
        for d in art.dates:
            assert d.status in ("estimated", "unresolved") or d in relative or len(d.value or "") in (4, 7, 10)
    # 02 carries a dated caption: its relative dates are estimated from it, and right.
    art = demo_by_name["02_scraper_copy.txt"]
    friday = [d for d in art.dates if d.text == "last Friday"]
    assert friday and friday[0].value == "2025-10-10" and friday[0].status == "estimated"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        # Earnings news: "a year ago" beside a quarter is that quarter of the previous year.
        ("Profit rose 8% in the third quarter from a year earlier.", "a year earlier", "2024-Q3"),
        ("Sales climbed in the quarter. A year ago, the firm lost money.", "A year ago", "2024-Q3"),
        ("Revenue beat the year-earlier quarter.", "the year-earlier quarter", "2024-Q3"),
        ("The mill closed a year ago.", "a year ago", "2024"),  # no quarter: the year
        ("Year-ago sales were flat.", "Year-ago", "2024"),
        ("Voters are angry with the current government.", "current", "PRESENT_REF"),
        ("Rates may fall in the near future.", "the near future", "FUTURE_REF"),
        ("Two ferries collided over the weekend.", "the weekend", "2025-W41-WE"),
        ("The fair will reopen over the weekend.", "the weekend", "2025-W42-WE"),
        ("Attacks rose in recent weeks.", "recent weeks", "PXW"),
        ("Rents rose over the past few months.", "the past few months", "PXM"),
        ("In January, the port reopened.", "January", "2025-01"),
        ("The October vote was close.", "October", "2025-10"),
        # Future cues without an auxiliary.
        ("The vote was postponed until Thursday.", "Thursday", "2025-10-16"),
        ("Until Thursday, the firm had kept quiet.", "Thursday", "2025-10-09"),
        ("The envoy could arrive as early as Friday.", "Friday", "2025-10-17"),
        ("The talks, set to resume Monday, were delayed.", "Monday", "2025-10-20"),
        # "announced Monday, …will…": the future verb past the comma is another clause.
        ("The ruling was announced Monday, and aides said they will appeal.", "Monday", "2025-10-13"),
        ("On Thursday, the panel will vote.", "Thursday", "2025-10-16"),
    ],
)
def test_new_rules(text: str, expr: str, value: str) -> None:
    got = values(text)
    assert got.get(expr) == value, got


def test_past_date_more_than_a_quarter_ahead_is_last_years() -> None:
    march = date(2025, 3, 10)
    assert values("The plant shut on Oct. 20.", march)["Oct. 20"] == "2024-10-20"
    assert values("The plant shut on May 20.", march)["May 20"] == "2025-05-20"


def test_words_that_begin_like_months_are_not_months() -> None:
    text = "The Mayor met 10 Marines and Maria on the pier."
    assert not [d for d in extract(text, TUESDAY) if d.value and d.value[5:7] in {"03", "05"}]


def test_glued_scraped_dates_still_found() -> None:
    assert values("FeaturedFebruary 6, 2025 11:15")["February 6, 2025"] == "2025-02-06"


def test_ages_and_rates_are_not_durations() -> None:
    got = values("The pilot, 52 years old, earns $90,000 a year and flies 300 hours a month.")
    assert not {"52 years", "a year", "a month"} & got.keys(), got
    assert values("The trial lasted a year.")["a year"] == "P1Y"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        # A clock time with the day that follows it.
        ("The offer will expire at 5 p.m. Friday.", "5 p.m. Friday", "2025-10-17T17:00"),
        ("The market reopened at 9 a.m. Monday.", "9 a.m. Monday", "2025-10-13T09:00"),
        ("Bids are due by 5 p.m. EST Nov. 3.", "5 p.m. EST Nov. 3", "2025-11-03T17:00"),
        ("The shop shut at midday.", "midday", "2025-10-14T12:00"),
        # A weekday's part of day; a possessive's "'s" stays outside the expression.
        ("The fire broke out on Sunday night.", "Sunday night", "2025-10-12TNI"),
        ("Monday's vote was close.", "Monday", "2025-10-13"),
        ("The mayor spoke last night.", "last night", "2025-10-13TNI"),
        # Tense cues: initials and titles do not end a clause; "next to" is a place.
        ("Mr. Lee will take over from Anna B. Cole Feb. 1.", "Feb. 1", "2026-02-01"),
        ("The dividend is payable Jan. 5 to holders.", "Jan. 5", "2026-01-05"),
        ("A blast hit the kiosk next to the station on Friday.", "Friday", "2025-10-10"),
        ("On Thursday, the nurses' union plans to strike.", "Thursday", "2025-10-16"),
        ("The firm said Monday that it intends to sell.", "Monday", "2025-10-13"),
        # Durations: halves, decades in years, the article of "the nine months".
        ("The refugees waited 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("The surgery took five and a half hours.", "five and a half hours", "PT5H30M"),
        ("The alarm rang for a minute and a half.", "a minute and a half", "PT1M30S"),
        ("The feud lasted two decades.", "two decades", "P20Y"),
        ("Profit rose in the nine months to June.", "the nine months", "P9M"),
        ("The lake had been dry for years.", "years", "PXY"),
        ("A ruling is expected within weeks.", "weeks", "PXW"),
        ("Crime fell over the past decade.", "the past decade", "P10Y"),
        ("The mill closed several years ago.", "several years ago", "PAST_REF"),
        # Quarters and fiscal years.
        ("Losses narrowed from the 2023 third quarter.", "the 2023 third quarter", "2023-Q3"),
        ("The merger may close in next year's first quarter.", "next year's first quarter", "2026-Q1"),
        ("Sales for this year's second quarter fell.", "this year's second quarter", "2025-Q2"),
        ("Net rose in the third quarter from $2 million in the 2024 quarter.", "the 2024 quarter", "2024-Q3"),
        ("Revenue for the year ended June 30 rose.", "the year", "P1Y"),
        ("The firm expects a loss for the current year.", "the current year", "2025"),
        # Frequencies.
        ("The council meets every month.", "every month", "P1M"),
        ("She wrote a weekly column.", "weekly", "P1W"),
        # Years in words, decades in words, prefixed years.
        ("The dam burst in nineteen ninety-six.", "nineteen ninety-six", "1996"),
        ("January nineteen ninety-seven was cold.", "January nineteen ninety-seven", "1997-01"),
        ("They hoped to finish by the year two thousand.", "the year two thousand", "2000"),
        ("Prices soared through the nineties.", "the nineties", "199"),
        ("The league folded in mid-1996.", "1996", "1996"),
        # A month with its year in words; seasons.
        ("The bridge opened in June last year.", "June last year", "2024-06"),
        ("Snow fell in the winter of 1994.", "the winter of 1994", "1994-WI"),
        ("The pier was rebuilt this past spring.", "this past spring", "2025-SP"),
        ("Over the summer, the ferry ran late.", "the summer", "2025-SU"),
    ],
)
def test_timeml_conventions(text: str, expr: str, value: str) -> None:
    got = values(text)
    assert got.get(expr) == value, got


def test_not_temporal() -> None:
    got = values("The blast killed 12 Americans. She won three-quarters of the vote at the March for Jobs, "
                 "the party daily Herald said.")
    assert not got, got


def test_anaphora_counts_from_the_last_date_named() -> None:
    got = values("The plant opened on May 2, 2019. The next day it flooded. The following year it closed, "
                 "and later that year it was sold.")
    assert got["The next day"] == "2019-05-03"
    assert got["The following year"] == "2020"
    assert got["later that year"] == "2020"
    # With no earlier date to count from, "that day" is generic: not a mention.
    assert "that day" not in values("Traders sell when news hits that day.")
    # Undated article: counted from an absolute date, the value is resolved.
    art = stage(Article(id="a", source="s", fingerprint="f", text="It opened in 2019. A year later it shut."))
    by_text = {d.text: d for d in art.dates}
    assert (by_text["A year later"].value, by_text["A year later"].status) == ("2020", "resolved")
