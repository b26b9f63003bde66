"""One referent, one entity, within an article (entities/resolve.py): a test table per rule.
All names and outlets are invented, but for the declared lists (a known outlet, a US state)."""

from __future__ import annotations

import re

import pytest

from newsloom.entities.resolve import Proposal, initials, repair, resolve

PLACES = {"Orlen": "PLACE", "Velmaro": "PLACE", "Halden": "PLACE", "Lune Republic": "PLACE"}


def _at(text: str, phrase: str, etype: str, nth: int = 0, plural: bool = False) -> Proposal:
    start = [m.start() for m in re.finditer(re.escape(phrase), text)][nth]
    return Proposal(start, start + len(phrase), etype, plural=plural)


def _names(text: str, proposals: list[Proposal]) -> dict[str, set[str]]:
    """Each kept mention's text, under its (type, key)."""
    out: dict[str, set[str]] = {}
    for s, e, t, k in resolve(text, proposals, PLACES):
        out.setdefault(f"{t}:{k}", set()).add(text[s:e])
    return out


@pytest.mark.parametrize(("text", "phrase", "etype", "kept"), [
    ("They met Kroll's Harbour staff.", "Kroll's Harbour", "PERSON", "Kroll"),  # a possessive inside
    ("ORLEN, N.C.—Ada Kroll said.", "N.C.—Ada Kroll", "PERSON", "Ada Kroll"),  # a dateline before a dash
    ("Orlen Deputy Mayor Ada Kroll spoke.", "Orlen Deputy Mayor Ada Kroll", "PERSON", "Ada Kroll"),  # titles
    ("Sen. Kroll spoke.", "Sen. Kroll", "PERSON", "Kroll"),  # an abbreviated title before one word
    ("Ada Kroll of Orlen spoke.", "Ada Kroll of Orlen", "PERSON", "Ada Kroll"),  # "of" ends a person's name
    ("Whether Kroll will run is unclear.", "Whether Kroll", "PERSON", "Kroll"),  # a function word at the edge
    ("backed Ada Kroll of the", "Ada Kroll of", "PERSON", "Ada Kroll"),
    ("a vote for Ada J. Kroll on Monday", "Ada J", "PERSON", "Ada J. Kroll"),  # an initial's full stop
    ("fighters of al-Shabaab said", "Shabaab", "ORG", "al-Shabaab"),  # a particle before a hyphen
    ("the Kroll-Ruiz summit", "Ruiz", "PERSON", "Ruiz"),  # two names, not one
    ("ads by the Harbour Club for Growth.", "Harbour Club", "ORG", "Harbour Club for Growth"),  # an org's tail
    ("the Ways and Means Committee met", "Ways", "ORG", "Ways and Means Committee"),
    ("the Senate and House agreed", "Senate", "ORG", "Senate"),  # two organisations stay two
    # ... joined by "and the", or by "and" between two whole names
    ("the Harbour Initiative and the Kroll Foundation met", "Harbour Initiative", "ORG", "Harbour Initiative"),
    ("the Orlen Police and the Port Authority said", "Orlen Police and the Port Authority", "ORG", "Orlen Police"),
    ("the OPA and VHB said", "OPA and VHB", "ORG", "OPA"),
    ("the Lune Herald and the Orlen News reported", "Lune Herald and the Orlen News", "ORG", "Lune Herald"),
    ("the Tarrow Bank and Trust Company", "Tarrow Bank and Trust Company", "ORG", "Tarrow Bank and Trust Company"),
    ("the Institute for Peace and the Sea", "Institute for Peace and the Sea", "ORG",
     "Institute for Peace and the Sea"),
    ("Velmaro and the Lanterns played", "Velmaro and the Lanterns", "ORG", "Velmaro and the Lanterns"),
    ("on Lune Business Network and Lune News", "Lune Business Network and Lune News", "OUTLET",
     "Lune Business Network"),
    ("the Tarrow Hotel and Casino opened", "Tarrow Hotel and Casino", "ORG", "Tarrow Hotel and Casino"),
    # an acronym defined after it spells the whole name
    ("talks with the Ferry and Harbour Workers' Union (FHWU) broke down", "Harbour Workers' Union", "ORG",
     "Ferry and Harbour Workers' Union"),
    ("the Orlen Port Board (OPB) said", "Port Board", "ORG", "Orlen Port Board"),
    ("the Orlen Port Board (XYZ) said", "Port Board", "ORG", "Port Board"),  # it spells something else
    ("Kroll & Ruiz Partners won", "Kroll & Ruiz Partners", "ORG", "Kroll & Ruiz Partners"),
    ("the Orlen Institute for Peace and Security", "Orlen Institute for Peace and Security", "ORG",
     "Orlen Institute for Peace and Security"),
])
def test_repair(text: str, phrase: str, etype: str, kept: str) -> None:
    p = _at(text, phrase, etype)
    fixed = repair(text, p.start, p.end, etype)
    assert fixed is not None and text[fixed[0] : fixed[1]] == kept


@pytest.mark.parametrize(("text", "phrase", "etype"), [
    ("Whether the ferry sails is unclear.", "Whether", "PERSON"),  # a function word
    ("The vote is set for Feb. 3.", "Feb", "ORG"),  # a calendar word
    ("Protests grew. The protests went on.", "Protests", "PLACE"),  # written in lower case too
    ("Latinos in Orlen voted early.", "Latinos", "PERSON+"),  # a plural group (the tagger says NNPS)
    ("Ada Kroll (R-Ky.) voted no.", "R-Ky", "PERSON"),  # a party and a state
    ("Ted Ruiz, R-Texas, voted no.", "R", "PLACE"),  # a single letter
    ("Harbour Managing Editor Ada Kroll wrote.", "Harbour Managing Editor", "ORG"),  # a title
    ("said a Democrat of Delaware.", "Democrat of Delaware", "ORG"),
    ("the hit film “Lantern Bay” opened", "Lantern Bay", "PLACE"),  # all a quotation holds: a work's title
    ("So these ferries COULD be late.", "COULD", "ORG"),  # a function word in capitals
])
def test_not_an_entity(text: str, phrase: str, etype: str) -> None:
    plural = etype.endswith("+")
    assert _names(text, [_at(text, phrase, etype.rstrip("+"), plural=plural)]) == {}


def test_full_name_under_another_type_and_short_forms_join_the_person() -> None:
    text = ("Ada Kroll opened the quay. Later Ada Kroll spoke, and Kroll said Ada would return. "
            "Ben Ruiz and Tomas Ruiz came. Ruiz left.")
    got = _names(text, [
        _at(text, "Ada Kroll", "PERSON"), _at(text, "Ada Kroll", "ORG", 1), _at(text, "Kroll", "PLACE", 2),
        _at(text, "Ada", "ORG", 2), _at(text, "Ben Ruiz", "PERSON"), _at(text, "Tomas Ruiz", "PERSON"),
        _at(text, "Ruiz", "PERSON", 2),
    ])
    assert got["PERSON:ada kroll"] == {"Ada Kroll", "Kroll", "Ada"}
    assert got["PERSON:tomas ruiz"] == {"Tomas Ruiz", "Ruiz"}  # the nearest full name before it
    assert got["PERSON:ben ruiz"] == {"Ben Ruiz"}


def test_a_lone_first_name_joins_its_person_however_the_full_name_is_written() -> None:
    text = "Ada J. Kroll spoke. Ada Kroll left. Ada returned. Ben Ruiz and Ben Okoro came. Ben sat."
    got = _names(text, [_at(text, "Ada J. Kroll", "PERSON"), _at(text, "Ada Kroll", "PERSON"),
                        _at(text, "Ada", "PERSON", 2), _at(text, "Ben Ruiz", "PERSON"),
                        _at(text, "Ben Okoro", "PERSON"), _at(text, "Ben", "PERSON", 2)])
    assert got["PERSON:ada kroll"] == {"Ada Kroll", "Ada"}  # one family name: the nearest full name before it
    assert got["PERSON:ben"] == {"Ben"}  # two people: neither
    text = "Ivo A. Brandt founded it; his son Ivo T. Brandt runs it. Ivo said so."
    got = _names(text, [_at(text, "Ivo A. Brandt", "PERSON"), _at(text, "Ivo T. Brandt", "PERSON"),
                        _at(text, "Ivo", "PERSON", 2)])
    assert got["PERSON:ivo t. brandt"] == {"Ivo T. Brandt", "Ivo"}  # the nearest before it


def test_a_lone_surname_joins_a_full_name_with_a_generational_suffix() -> None:
    text = "Harlan P. Voss Sr. built the mill. Voss's sons sold it. Martin Quell, Jr. bought it; Quell stayed."
    got = _names(text, [_at(text, "Harlan P. Voss Sr", "PERSON"), _at(text, "Voss", "PERSON", 1),
                        _at(text, "Martin Quell", "PERSON"), _at(text, "Quell", "PERSON", 1)])
    assert got["PERSON:harlan p. voss sr"] == {"Harlan P. Voss Sr", "Voss"}
    assert got["PERSON:martin quell"] == {"Martin Quell", "Quell"}


def test_a_mention_cut_short_takes_the_fuller_name_the_article_gives_elsewhere() -> None:
    text = ("Citizens for Harbour Renewal ran ads. Later the group Citizens for Harbour Renewal won. "
            "Velmaro Electric grew; shares of Velmaro Electric fell.")
    got = _names(text, [_at(text, "Citizens for Harbour Renewal", "ORG"), _at(text, "Citizens", "PERSON", 1),
                        _at(text, "Velmaro Electric", "ORG"), _at(text, "Electric", "PERSON", 1)])
    assert got == {"ORG:citizens for harbour renewal": {"Citizens for Harbour Renewal"},
                   "ORG:velmaro electric": {"Velmaro Electric"}}


def test_a_fuller_name_is_taken_only_word_for_word() -> None:
    text = "Ben Carr spoke first. Later Ben Carrington, his rival, spoke."
    spans = [(s, e) for s, e, _, _ in resolve(text, [_at(text, "Ben Carr", "PERSON"), _at(text, "Ben", "PERSON", 1)],
                                              PLACES)]
    assert (text.index("Ben Carrington"), text.index("Ben Carrington") + 3) in spans  # "Ben", not "Ben Carr|ington"


def test_a_company_named_short_joins_its_full_name() -> None:
    text = ("Tarrow Starline Shipping Corp. owns it. Tarrow Starline said so. "
            "Ada Kroll of the Ada Kroll Foundation spoke.")
    got = _names(text, [_at(text, "Tarrow Starline Shipping Corp", "ORG"), _at(text, "Tarrow Starline", "PERSON", 1),
                        _at(text, "Ada Kroll", "PERSON"), _at(text, "Ada Kroll Foundation", "ORG")])
    assert got["ORG:tarrow starline shipping corp"] == {"Tarrow Starline Shipping Corp", "Tarrow Starline"}
    assert got["PERSON:ada kroll"] == {"Ada Kroll"}  # a person's name before a foundation stays the person


def test_a_name_listed_with_places_is_a_place() -> None:
    text = "routes linking Orlen with Velmaro, Tarrowe and Halden. Orlen, Velmaro and Ada met."
    got = _names(text, [_at(text, "Velmaro", "PLACE"), _at(text, "Tarrowe", "PERSON"), _at(text, "Halden", "PLACE"),
                        _at(text, "Orlen", "PLACE", 1), _at(text, "Velmaro", "PLACE", 1), _at(text, "Ada", "PERSON")])
    assert "PLACE:tarrowe" in got and "PERSON:ada" in got  # a first name stays a person


def test_initials_join_their_organisation() -> None:
    text = "The Northgate Press Agency (NPA) said so. NPA staff agreed."
    got = _names(text, [_at(text, "Northgate Press Agency", "ORG"), _at(text, "NPA", "ORG"),
                        _at(text, "NPA", "ORG", 1)])
    assert got == {"ORG:northgate press agency": {"Northgate Press Agency", "NPA"}}
    assert initials("Velmaro Port Authority") == "VPA" and initials("Port of Velmaro") == "PV"


def test_a_place_written_as_one_stays_a_place_beside_a_namesake() -> None:
    text = "Ivo Halden flew in to Halden on Monday. Halden has a port."
    got = _names(text, [_at(text, "Ivo Halden", "PERSON"), _at(text, "Halden", "PLACE", 1),
                        _at(text, "Halden", "PLACE", 2)])
    assert got["PLACE:halden"] == {"Halden"} and got["PERSON:ivo halden"] == {"Ivo Halden"}


@pytest.mark.parametrize(("text", "proposals", "expected"), [
    # most mentions decide
    ("Orlen Freight said. Orlen Freight grew. Orlen Freight hired.",
     [("Orlen Freight", "ORG", 0), ("Orlen Freight", "PERSON", 1), ("Orlen Freight", "ORG", 2)], "ORG"),
    # the last word heads an organisation's or a place's name: never a person
    ("the Velmaro Harbour Party met", [("Velmaro Harbour Party", "PERSON", 0)], "ORG"),
    ("a rally in Lindqvist Memorial Park", [("Lindqvist Memorial Park", "PERSON", 0)], "PLACE"),
    # ... over one label of the other kind, not over several
    ("Tarrow County voted.", [("Tarrow County", "ORG", 0)], "PLACE"),
    ("Velmaro City won. Velmaro City lost.", [("Velmaro City", "ORG", 0), ("Velmaro City", "ORG", 1)], "ORG"),
    ("the Tarrow County Council met", [("Tarrow County Council", "PLACE", 0)], "ORG"),
    # the plural of a line of business ends a company's name, no person's
    ("staff of Tarrow Ferries walked out", [("Tarrow Ferries", "PERSON", 0)], "ORG"),
    ("Lune Republic voted. Lune Republic grew.", [("Lune Republic", "PLACE", 0), ("Lune Republic", "ORG", 1)],
     "PLACE"),  # the gazetteer's place keeps its type whatever the head
    ("Ada Kroll of Pasadena, Calif., said", [("Calif", "PERSON", 0)], "PLACE"),  # a declared state abbreviation
    ("video credited to Reuters showed", [("Reuters", "PLACE", 0)], "OUTLET"),  # a declared outlet
    ("a storm hit Orlen and Velmaro", [("Velmaro", "PERSON", 0)], "PLACE"),  # the gazetteer outweighs one label
    ("worked for the Centamor mining company", [("Centamor", "PERSON", 0)], "ORG"),  # "the" before a name
])
def test_one_type_by_vote(text: str, proposals: list, expected: str) -> None:
    got = _names(text, [_at(text, p, t, n) for p, t, n in proposals])
    assert {k.split(":")[0] for k in got} == {expected}


def test_what_ner_calls_misc_votes_against_the_other_types() -> None:
    text = "Lantern Bay won. Fans of Lantern Bay cheered."
    assert _names(text, [_at(text, "Lantern Bay", "ORG"), _at(text, "Lantern Bay", "MISC", 1),
                         _at(text, "Lantern Bay", "MISC", 0)]) == {}


def test_a_place_and_a_title_are_no_name() -> None:
    text = "Orlen Republican Ada Kroll won. Orlen Democrats lost."
    got = _names(text, [_at(text, "Orlen Republican", "PERSON"), _at(text, "Orlen Democrats", "PERSON")])
    assert got == {}


@pytest.mark.parametrize(("text", "phrase", "etype"), [
    ("Fans hailed the Lindqvist Memorial Award on Friday.", "Lindqvist Memorial Award", "ORG"),  # a prize
    ("The Harbour Safety Act passed.", "Harbour Safety Act", "ORG"),  # a law
])
def test_events_laws_and_prizes_are_no_entity_here(text: str, phrase: str, etype: str) -> None:
    assert _names(text, [_at(text, phrase, etype)]) == {}


def test_a_word_tagged_a_common_noun_is_no_name() -> None:
    text = "Sources have said the ferry will sail."
    p = _at(text, "Sources", "PERSON")
    p.noun = True
    assert resolve(text, [p], PLACES, frozenset({"source"})) == []
    p.noun = False  # a name the tagger knows as one stays
    assert resolve(text, [p], PLACES, frozenset({"source"}))


@pytest.mark.parametrize(("text", "phrase", "etype"), [
    ("Actor Will Smith said so.", "Will Smith", "PERSON"),  # a first name that is also a verb
    ("shoppers at Whole Foods on Monday", "Whole Foods", "ORG"),
])
def test_a_name_keeps_a_first_word_that_is_also_a_function_word(text: str, phrase: str, etype: str) -> None:
    p = _at(text, phrase, etype)
    assert repair(text, p.start, p.end, etype) == (p.start, p.end)


def test_initials_never_retype_a_place() -> None:
    text = "The Velmaro Steel Union backed the deal. VSU officials said so."
    got = _names(text, [_at(text, "Velmaro Steel Union", "ORG"), _at(text, "VSU", "PLACE")])
    assert got.get("ORG:velmaro steel union") == {"Velmaro Steel Union"}  # the place proposal stays apart


@pytest.mark.parametrize(("text", "phrase", "etype", "expected"), [
    # a common noun before the name, also across a list of names
    ("Later the website Quillet reported it.", "Quillet", "PERSON", "PLATFORM"),
    ("The insurers Carrow, Demming and Ostrel were courted.", "Ostrel", "PLACE", "ORG"),
    # an apposition's head after it; a person's role before "at"
    ("Harbour Watch, a conservative advocacy group, sued.", "Harbour Watch", "PERSON", "ORG"),
    ("said Ada Kroll, chief economist at Velbridge.", "Velbridge", "PLACE", "ORG"),
    ("wrote in the Lantern, a weekly newspaper.", "Lantern", "PLACE", "OUTLET"),
    ("Tomas Brill, 52, a trader from Orlen, said.", "Tomas Brill", "ORG", "PERSON"),
    ("Harbour Watch is a conservative advocacy group.", "Harbour Watch", "PERSON", "ORG"),  # or after "is a"
    ("The mayor of Tarrow is a former teacher.", "Tarrow", "ORG", "ORG"),  # ... said of its subject only
    ("The Lantern is a weekly newspaper.", "Lantern", "PLACE", "OUTLET"),
    ("TARROW HILLS, N.J. — The ferry left.", "TARROW HILLS", "PERSON", "PLACE"),  # a state after a town
    ("a driver from Tarrow Bend, Mo., said", "Tarrow Bend", "PERSON", "PLACE"),
    ("sponsored by Sen. Chidi Okafor, Ind., and others", "Chidi Okafor", "PERSON", "PERSON"),  # a person by the model
    ("I said Senator Brandt's record is clear.", "Senator Brandt", "ORG", "PERSON"),  # a title opens it
    ("shares of President Ferries fell", "President Ferries", "ORG", "ORG"),  # ... not a business's name
    ("backed by Senator Sanders today", "Senator Sanders", "ORG", "PERSON"),
    ("the ferry left. Passenger Ada Kroll said passengers waited.", "Passenger Ada Kroll", "ORG", "PERSON"),
    ("a ferry ran aground off the island of Tarrowe at dawn", "Tarrowe", "ORG", "PLACE"),
    ("the port of Tarrowe reopened", "Tarrowe", "PERSON", "PLACE"),
    ("the Mayor Street Club met", "Mayor Street Club", "ORG", "ORG"),
    # a landform's or an area's noun after the name, with the determiner before it
    ("to test the nearby Tarrowe river for run-off", "Tarrowe", "ORG", "PLACE"),
    ("the bridge over the Ribeira Funda stream was shut", "Ribeira Funda", "ORG", "PLACE"),
    ("families in the Kessock Colony area waited", "Kessock Colony", "PERSON", "PLACE"),
    ("the Tarrowe district council met", "Tarrowe", "ORG", "ORG"),  # the place noun modifies an organisation's
    ("Tarrowe river rafting is popular", "Tarrowe", "ORG", "ORG"),  # no determiner: a modifier, perhaps a brand
    # the first word opens a place's name
    ("crowds gathered on Avenida Ostrel at noon", "Avenida Ostrel", "ORG", "PLACE"),
    ("ash rose from Mount Kessa overnight", "Mount Kessa", "PERSON", "PLACE"),
    ("patients at Mount Kessa Hospital", "Mount Kessa Hospital", "PLACE", "ORG"),  # the head decides first
    ("said Isla Brandvold, a nurse", "Isla Brandvold", "PERSON", "PERSON"),  # a first name, no opener
    ("house prices in the Kessington Council area rose", "Kessington Council", "ORG", "ORG"),  # its ground
    ("food prices in the SADC region rose", "SADC", "ORG", "ORG"),
])
def test_a_descriptor_next_to_a_name_votes_for_its_type(text: str, phrase: str, etype: str, expected: str) -> None:
    got = _names(text, [_at(text, phrase, etype)])
    assert {k.split(":")[0] for k in got} == {expected}


@pytest.mark.parametrize(("text", "phrase"), [
    ("The ferry Velmaro Star ran aground.", "Velmaro Star"),  # a vessel: no entity type fits
    ("Fiji ferry MV Orlen Star runs aground", "Orlen Star"),
])
def test_a_vessel_is_no_entity(text: str, phrase: str) -> None:
    assert _names(text, [_at(text, phrase, "PERSON")]) == {}


@pytest.mark.parametrize(("text", "phrase", "etype", "kept"), [
    ("She told reporters Quillet would cut jobs.", "Quillet", "PERSON", "PERSON"),  # a plural noun, no list
    ("Polls show Ada Kroll ahead.", "Ada Kroll", "PERSON", "PERSON"),  # a verb, not a work's noun
    ("During the campaign, Ada Kroll, a close aide, spoke.", "Ada Kroll", "PERSON", "PERSON"),  # no comma form
])
def test_no_descriptor_where_the_phrase_does_not_say_so(text: str, phrase: str, etype: str, kept: str) -> None:
    got = _names(text, [_at(text, phrase, etype)])
    assert {k.split(":")[0] for k in got} == {kept}


@pytest.mark.parametrize(("text", "phrase"), [
    ("She read the book “Harbour of Glass” twice.", "Harbour of Glass"),  # a work: MISC, no entity
    ("a program called Safe Quay Promise.", "Safe Quay Promise"),
    ("on ''Tales From the Quay,'' a series", "Quay"),  # a piece of a quoted title
    ("the end of ''Hail, Velmaro!'' -- a movie", "Hail"),
])
def test_a_work_named_by_its_descriptor_is_no_entity(text: str, phrase: str) -> None:
    assert _names(text, [_at(text, phrase, "ORG")]) == {}


@pytest.mark.parametrize(("text", "phrase", "etype", "kept"), [
    ("the former Quell-Marrow chief", "Marrow", "ORG", "Quell-Marrow"),  # one hyphenated name
    ("said Ivo Brandt-Selig, an adviser", "Selig", "PERSON", "Brandt-Selig"),
    ("the Kroll-Ruiz summit, where Ruiz spoke", "Kroll", "PERSON", "Kroll"),  # Ruiz on its own: two names
    ("backed by the Harbour Club for Growth. The governor", "Harbour Club", "ORG", "Harbour Club for Growth"),
    ("reported by Velmaro Post and The Orlen Ledger", "Velmaro Post and The Orlen Ledger", "OUTLET",
     "Velmaro Post"),
    ("Actor Ivo Brandt admits it.", "Actor Ivo Brandt", "PERSON", "Ivo Brandt"),  # a common word opens it
    ("Will Brandt admits it.", "Will Brandt", "PERSON", "Will Brandt"),  # a first name
    ("Combine Brandt and Selig: they will combine.", "Combine Brandt", "PERSON", "Brandt"),  # lower case too
    ("Armory Brandt spoke.", "Armory Brandt", "PERSON", "Armory Brandt"),  # neither: perhaps a first name
    ("“Ivo Brandt is wrong,” she said.", "Ivo Brandt", "PERSON", "Ivo Brandt"),  # a quotation, not a title
    ("the Velmaro Post-ABC poll", "Velmaro Post", "OUTLET", "Velmaro Post"),  # an acronym: two names
])
def test_mentions_repaired_with_the_text_around_them(text: str, phrase: str, etype: str, kept: str) -> None:
    got = resolve(text, [_at(text, phrase, etype)], PLACES, frozenset({"actor", "will", "armory"}))
    assert [text[s:e] for s, e, _, _ in got] == [kept]


@pytest.mark.parametrize(("text", "expected"), [
    # the dateline says what its words are: the town a place, the agency an outlet, whole
    ("KESTOW, New Zealand (Tasman Newswire) — About 900 residents were told to boil water.",
     {("KESTOW", "PLACE"), ("Tasman Newswire", "OUTLET")}),
    ("Tarrowpet (Karnataka), Nov 18 (PNA): The count resumed.", {("Tarrowpet", "PLACE"), ("PNA", "OUTLET")}),
    ("The count resumed in Tarrowpet on Monday.", set()),  # no dateline: nothing said
    ("TARROWPET (Updated) — The count resumed on Monday.", {("TARROWPET", "PLACE")}),  # no agency
])
def test_a_dateline_types_its_town_and_agency(text: str, expected: set) -> None:
    from newsloom.entities.extract import extract
    from newsloom.model import Article

    article = Article(id="a", source="a", fingerprint="f", text=text, language="en")
    got = {(e.name, e.type) for e in extract(article, [], None)}
    assert expected <= got
    assert not any(name in ("Newswire", "Tasman") or kind == "OUTLET" and name == "Updated" for name, kind in got)

