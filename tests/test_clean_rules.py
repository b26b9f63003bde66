"""The cleaner's general rules on invented snippets (not tuned to any corpus)."""

from __future__ import annotations

import pytest

from newsloom.clean import LineStats, clean
from newsloom.clean.credit import cited_outlets, credit_from_line, dateline, trailing_report_credit
from newsloom.clean.text import byline_name, clean_text, is_caption, sentence_count
from newsloom.model import RawDocument

PROSE = (
    "The council voted on Tuesday to extend the night bus service for another year, "
    "after a long debate about who should pay for the drivers and the fuel."
)


def test_credit_lines():
    assert credit_from_line("This post appeared first on example-news.com") == "example-news.com"
    assert credit_from_line("This story was originally published by The Lakeside Courier.") == "The Lakeside Courier"
    assert credit_from_line("Originally published at www.valleyherald.org") == "valleyherald.org"
    assert credit_from_line("Additional reporting by Northgate Newswire.") == "Northgate Newswire"
    # Wire sign-offs credit by their house style, not by naming the outlet.
    assert credit_from_line("(Reporting by Jana Oduya; editing by Pim Vos)") == "Reuters"
    assert credit_from_line("Associated Press writer Lena Holt in Dover contributed to this report.") == "AP"
    assert credit_from_line("— AFP") == "AFP"
    assert credit_from_line("Reporting by Jana Oduya") is None
    assert credit_from_line(PROSE) is None


def test_wire_credit_forms():
    # Reuters' sign-off with any lead credit ("Writing by", "Compiled by") before "Editing by".
    assert credit_from_line("(Writing by Jana Oduya; Editing by Pim Vos)") == "Reuters"
    assert credit_from_line("(Compiled by Jana Oduya; editing by Pim Vos)") == "Reuters"
    # A wire's copyright notice, spelled out or not, gives the wire's code.
    assert credit_from_line("Copyright 2019 The Associated Press. All rights reserved. This material may not "
                            "be published, broadcast, rewritten or redistributed.") == "AP"
    assert credit_from_line("© Copyright Thomson Reuters 2019.") == "Reuters"
    # An outlet that contributed to the report is credited; a reporter is not.
    assert credit_from_line("Agence France-Presse contributed to this report.") == "AFP"
    assert credit_from_line("The Associated Press contributed reporting to this story.") == "AP"
    assert credit_from_line("Information from Reuters was used in this report.") == "Reuters"
    assert credit_from_line("The Harbour Times contributed to this report.") == "The Harbour Times"
    assert credit_from_line("Jana Oduya in Dover contributed to this report.") is None
    assert credit_from_line("Copyright applies to every photo in the gallery.") is None


def test_copyright_notice_credits_wire_however_long():
    text = (f"{PROSE}\n\nThe drivers' union welcomed the decision and said talks on pay would resume "
            "next month.\n\nCopyright 2019 The Associated Press. All rights reserved. This material may not "
            "be published, broadcast, rewritten or redistributed without permission.")
    assert clean(RawDocument(source="x", text=text, site="example.com")).credited_source == "AP"


def test_dateline_with_wire_code():
    assert dateline("KESTREL BAY (AP) — Fishermen said on Monday…")[::2] == ("KESTREL BAY", "AP")
    assert dateline("LYON, March 3 (Reuters) - Prices rose…")[::2] == ("LYON", "Reuters")
    assert dateline("BRUSSELS — Ministers met…")[0] == "BRUSSELS"
    assert dateline("The minister said — again — that…") == (None, None, None)


@pytest.mark.parametrize("opening, expected", [
    # a colon after the wire's code, the state in parentheses after the town
    ("Tarrowpet (Karnataka), Nov 18 (PNA): The returning officer said…", ("Tarrowpet", "Nov 18", "PNA")),
    ("New Delhi (PTI): The minister said…", ("New Delhi", None, "PTI")),
    ("Pune, Dec. 3, 2025 (IANS): Rain fell…", ("Pune", "Dec. 3, 2025", "IANS")),
    # title-case words, a code and a colon open ordinary sentences too
    ("Lok Unnati Party (LUP): 62% of the vote.", (None, None, None)),
    ("Ada Kroll (NPA): a profile.", (None, None, None)),
    ("Turnout for the Praja Front (PF): high.", (None, None, None)),
    ("TARROW WIRE FEED — Latest", (None, None, None)),  # a site's header: no sentence follows
    ("Associated Press (AP): the cooperative said…", (None, None, None)),  # an outlet, no sentence
    ("Monday, Nov 18 (PNA): Rain fell.", (None, None, None)),  # a day, no town
    ("EXCLUSIVE — The minister said on Monday…", (None, None, None)),  # a section label
    ("Pune (IANS): ₹500 crore was raised…", ("Pune", None, "IANS")),  # a symbol opens the sentence
    ("Sun City (PTI): The resort shut…", ("Sun City", None, "PTI")),  # an outlet word in a town's name
])
def test_dateline_forms(opening, expected):
    assert dateline(opening) == expected


def test_trailing_report_credit_and_cited_outlets():
    lead = "Rail fares will rise by 4% in May, Metro.Tv reports, referencing transport officials."
    assert trailing_report_credit(lead) == "Metro.Tv"
    assert trailing_report_credit("Fares will rise, the minister said.") is None
    text = ("Fares rose, according to the Evening Ledger. The Harbour Times is reporting that "
            "more rises are planned, according to Jonas Beck.")
    assert cited_outlets(text) == ["Evening Ledger", "The Harbour Times"]


def test_byline_names_not_dates():
    assert byline_name("By Mira Okonjo-Hale") == "Mira Okonjo-Hale"
    assert byline_name("by Tom Reyes and Ana Pohl") == "Tom Reyes and Ana Pohl"
    assert byline_name("By March the plan had failed") is None
    assert byline_name("By Tuesday") is None


def test_captions():
    assert is_caption("Farmers sort apples at a market stall in Orlen, April 2, 2024.")
    assert is_caption("The new bridge at dusk. (Photo: Ida Kern/Valley Images)")
    assert not is_caption("The bridge opened on April 2, 2024, after years of delay. It cost a lot.")
    assert not is_caption(PROSE)


def test_sentence_count_ignores_abbreviations():
    assert sentence_count("Mr. Vale met U.S. envoys on Feb. 3. They talked.") == 2


def test_every_input_line_lands_somewhere():
    raw = "\n".join([
        "Home › Local › Night buses saved", "Night buses saved", "By Ella Marsh", "", PROSE,
        "Riders wait at the depot in Orlen, May 1, 2024.", PROSE.replace("Tuesday", "Monday"),
        "Share this:", "Tags: buses, council", "Please enter your comment!",
    ])
    out = clean_text(raw)
    lines = [x for x in raw.split("\n") if x.strip()]
    placed = out.text.split("\n\n") + out.captions + [r.text for r in out.removed]
    assert sorted(placed) == sorted(lines)
    assert out.title == "Night buses saved" and out.byline == "Ella Marsh"
    assert out.captions == ["Riders wait at the depot in Orlen, May 1, 2024."]


def test_lines_repeated_across_a_site_are_furniture():
    stats = LineStats()
    docs = [
        RawDocument(source=f"d{i}", site="orlen-daily.example",
                    text=f"Orlen Daily Morning Edition\n{PROSE} Item {i}.\nOur Reporters Team Desk")
        for i in range(3)
    ]
    for d in docs:
        stats.observe(d.site, d.text.split("\n"))
    article = clean(docs[0], stats)
    assert "Our Reporters Team Desk" not in article.text
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Our Reporters Team Desk"] == "repeated on other pages of the site"


def test_no_body_means_empty_text():
    out = clean_text("Share this:\nRelated Posts\nLEAVE A REPLY")
    assert out.text == "" and len(out.removed) == 3


def test_wire_dateline_under_a_headline_credits_the_agency():
    raw = ("The Latest: Lakeville votes on the pier.\n\n"
           "LAKEVILLE (AP) — The latest on the town's vote (all times local):\n\n"
           "3 p.m.\n\n" + PROSE)
    out = clean_text(raw)
    assert out.title == "The Latest: Lakeville votes on the pier."
    assert (out.dateline, out.credited_source) == ("LAKEVILLE", "AP")
    assert dateline("The council voted (again) — twice, in fact.") == (None, None, None)


def test_dateline_city_with_state_abbreviation():
    place, date, agency = dateline("MILLBROOK, Ore., Mar. 4 (UPI) — A small bakery won a county prize.")
    assert (place, date, agency) == ("MILLBROOK, Ore.", "Mar. 4", "UPI")


def test_own_outlet_is_a_whole_word_or_host_label():
    from newsloom.clean.text import is_own_outlet

    assert is_own_outlet("Coastline Wire", "coastlinewire.com")
    assert is_own_outlet("coastlinewire.com", "www.coastlinewire.com")
    assert is_own_outlet("CW", "Coastline Wire")
    assert not is_own_outlet("AP", "scraper5.net")  # a substring of a host is not the outlet
    assert not is_own_outlet("Wire", "coastlinewire.com")
    assert is_own_outlet("UAN", "uanewswire.in")  # the code its host spells before its outlet words
    assert not is_own_outlet("AP", "apple.com")
    assert not is_own_outlet("AP", "apherald.com")


@pytest.mark.parametrize("name, agency", [
    ("Bernama", True), ("UAN", True), ("Tasman Newswire", True), ("dpa", True),
    ("Karnataka", False), ("Updated", False), ("UPDATE", False), ("Staff report", False),
])
def test_what_a_datelines_parentheses_name(name, agency):
    from newsloom.clean.credit import is_agency_name

    assert is_agency_name(name) is agency


@pytest.mark.parametrize("host, codes", [
    ("uanewswire.in", {"ua", "uan", "uanw"}), ("www.pnanews.in", {"pna", "pnan"}),
    ("apherald.com", {"aph"}),  # a wire everyone republishes is no host's own code: "(AP)" there is a credit
    ("apnews.com", {"ap", "apn"}), ("ptinews.com", {"pti", "ptin"}),  # ... but on its plain news host
    ("sunherald.com", set()), ("newsobserver.com", set()),  # an outlet word before the words: no code
    ("indusnewswire.in", {"inw"}),  # a name, then the words: their initials
    ("coastlinewire.com", set()),  # a name before the outlet word, no code
    ("thetimes.co.uk", set()), ("apple.com", set()), ("newsindia24x7live.com", set()),
])
def test_codes_a_host_spells(host, codes):
    from newsloom.clean.credit import host_codes

    assert host_codes(host) == codes


def test_an_outlets_code_in_parentheses_is_cited_too():
    from newsloom.clean.credit import cited_outlets

    text = "The count was stopped, according to the Peninsula News Agency (PNA). Later PNA said more."
    assert cited_outlets(text) == ["Peninsula News Agency", "PNA"]


def test_an_outlet_keeps_a_first_word_that_opens_no_clause():
    from newsloom.clean.credit import cited_outlets

    assert cited_outlets("The figure rose, Our Town Gazette reported, citing the council.") == ["Our Town Gazette"]
    assert cited_outlets("As Coastline Wire reported on Tuesday, the port shut.") == ["Coastline Wire"]


@pytest.mark.parametrize(("text", "cited"), [
    ("Coastline Wire's report on Wednesday had the detail.", ["Coastline Wire"]),
    ("A report by the Harbour Times said so.", ["Harbour Times"]),
    ("Ada Kroll's report card was fine.", []),  # a person's report is no outlet's
])
def test_an_outlet_cited_by_its_report(text: str, cited: list[str]) -> None:
    from newsloom.clean.credit import cited_outlets

    assert [c.removeprefix("the ") for c in cited_outlets(text)] == cited


def test_a_summary_sentence_loses_only_a_dateline():
    from newsloom.digest.common import display

    assert display("PORT ELLIS (CW) — The ferry sailed.") == "The ferry sailed."
    assert display("Ada Kroll (DUP) - the party leader - said the deal was dead.").startswith("Ada Kroll")
    assert display("Tarrowpet, March 11 (UAN) — The toll rose.") == "The toll rose."  # the day says it
    assert display("New Delhi (PTI): The toll rose.") == "The toll rose."  # a wire's code
