"""One case per attribution rule id (``newsloom.quotes.rules.RULES``): a text, the quotation
or reported statement to look at, the speaker it must get and the id its ``rule`` must hold.

Sentences and names are invented. The cases run the article stage as shipped (the model and
the ranker), so a rule that stops firing, or fires for the wrong speaker, fails here by id.
``same_as`` needs several outlets: its case is in ``tests/test_quotes.py``.
"""

from __future__ import annotations

import pytest

from newsloom.attribution import Analyser
from newsloom.model import Article
from newsloom.quotes.rules import RULES, ids

#: (rule id, text, a fragment of the attribution's text, the speaker's surname or phrase)
CASES: list[tuple[str, str, str, str]] = [
    ("after", "“We will rebuild the pier,” Mayor Ada Kroll said on Monday.", "rebuild", "Kroll"),
    ("after-inverted", "“We will rebuild the pier,” said Ada Kroll, the mayor of Halden.", "rebuild", "Kroll"),
    ("after-verb", "“Why would we wait?” Ada Kroll repeated.", "wait", "Kroll"),
    ("dash", "“We will rebuild the pier.” — Ada Kroll, mayor of Halden", "rebuild", "Kroll"),
    ("pull-quote", "The council met on Monday to decide.\n\n“The pier is the heart of this town.”\n"
     "— Ada Kroll, mayor of Halden", "heart", "Kroll"),
    ("before", "Ada Kroll told reporters: “We will rebuild the pier.”", "rebuild", "Kroll"),
    ("before-colon", "Ada Kroll, the mayor, said after a long meeting with the harbour board that she has the "
     "votes for the plan: “We will rebuild the pier.”", "rebuild", "Kroll"),
    ("before-participle", "Ada Kroll ended the meeting by thanking the crowd and adding, “We will rebuild the "
     "pier.”", "rebuild", "Kroll"),
    ("before-owner", "From Kroll's Facebook post: “We will rebuild the pier.”", "rebuild", "Kroll"),
    ("label", "Rep. Ada Kroll (D-Lune): “We will rebuild the pier.”", "rebuild", "Kroll"),
    ("colon", "Ada Kroll made the following comment: “We will rebuild the pier.”", "rebuild", "Kroll"),
    ("colon-object", "The timing does not surprise Ada Kroll: “Voters have been angry for a year.”", "angry",
     "Kroll"),
    ("intro", "The Halden Courier reports:\n\n“The pier cannot open before spring.”", "cannot open",
     "The Halden Courier"),
    ("sentence", "“Halden Lights” was the song that Ada Kroll said she would play.", "Halden Lights", "Kroll"),
    ("split", "“We will rebuild the pier,” Ada Kroll said. “It will take two years.”", "two years", "Kroll"),
    ("neighbour", "Ada Kroll has run the harbour board for ten years. “We will rebuild the pier.”", "rebuild",
     "Kroll"),
    ("previous-paragraph", "“We will rebuild the pier,” Ada Kroll said.\n\nThe board met on Friday.\n\n"
     "“It will take two years.”", "two years", "Kroll"),
    ("partial", "Ada Kroll said the plan was “a betrayal of the town.”", "betrayal", "Kroll"),
    ("partial-relative", "The move came in what Ada Kroll called “a betrayal of the town.”", "betrayal", "Kroll"),
    ("partial-clause", "Ada Kroll likened the plan to a “time bomb” under the harbour.", "time bomb", "Kroll"),
    ("partial-frame", "Ada Kroll met the board, and then, “we will rebuild,” she said.", "we will rebuild",
     "Kroll"),
    ("around-partial", "Ada Kroll said the plan was “a betrayal of the town.”", "the plan was", "Kroll"),
    ("indirect", "Ada Kroll said the harbour board would meet on Friday.", "would meet", "Kroll"),
    ("indirect-parse", "In a statement, the harbour board said the pier would reopen in June.", "reopen",
     "the harbour board"),
    ("parse", "Ada Kroll told reporters: “We will rebuild the pier.”", "rebuild", "Kroll"),
    ("pronoun", "Tom Brill spoke first. He said the pier would reopen in June.", "reopen", "Brill"),
    ("title", "Mayor Ada Kroll was elected in May. “We will rebuild the pier,” the mayor said.", "rebuild",
     "Kroll"),
    ("group", "The harbour board met on Monday. It said the pier would reopen in June.", "reopen",
     "The harbour board"),
    ("author", "The union's Friday release said the strike would continue.", "strike", "The union"),
    ("co-speaker", "Ada Kroll and Tom Brill said the pier would reopen in June.", "reopen", "Ada Kroll"),
    ("poll", "A poll by the Lune Institute found 54 percent of voters backed the plan, while 30 percent said it "
     "was “a waste of money.”", "waste", "poll"),
]
ACROSS_OUTLETS = {"same_as"}  # cases in tests/test_quotes.py
RANKER = {"nearby", "ranked"}  # test_the_ranker_decides_where_the_rules_are_not_certain


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    a = Analyser()
    if a.nlp is None:
        pytest.skip("the shipped model is not installed")
    return a


def test_every_rule_has_a_case() -> None:
    assert set(RULES) - ACROSS_OUTLETS - RANKER == {rule for rule, *_ in CASES}


@pytest.mark.parametrize(("rule", "text", "fragment", "speaker"), CASES, ids=[c[0] for c in CASES])
def test_rule(analyser: Analyser, rule: str, text: str, fragment: str, speaker: str) -> None:
    analysis = analyser.analyse(Article(id="a", source="t", fingerprint="a", text=text), analyser.parse(text))
    found = [a for a in analysis.attributions if fragment in text[a.start : a.end]]
    assert found, f"no attribution holds {fragment!r}"
    got = [(a.speaker_text, a.via) for a in found]
    assert any(rule in ids(a.via) and speaker in (a.speaker_text or "") for a in found), got


def test_the_ranker_decides_where_the_rules_are_not_certain(analyser: Analyser) -> None:
    """A split quotation is uncertain: the ranker may give it to a person named nearby (here a
    ranker that prefers anyone but the rules' answer); a frame that names its speaker is
    certain and keeps it, whatever the ranker."""
    from newsloom.attribution import ner_persons
    from newsloom.quotes.attribute import attribute
    from newsloom.quotes.rank import Ranker

    text = "Tom Brill sat beside her. “We will rebuild the pier,” Ada Kroll said. “It will take two years.”"
    doc = analyser.parse(text)
    contrary = Ranker(weights={"by:nearby": 5.0, "by:rules": -5.0})
    atts, _ = attribute(text, ner_persons(doc, analyser.nlp), doc, contrary)
    by_text = {text[a.start : a.end]: a for a in atts}
    assert (by_text["We will rebuild the pier"].speaker_text, by_text["We will rebuild the pier"].via) == (
        "Ada Kroll", "after")
    sequel = by_text["It will take two years"]
    assert sequel.speaker_text == "Tom Brill" and ids(sequel.via) == ["nearby", "ranked"]
    assert any("rules" in c.proposed_by and c.text == "Ada Kroll" for c in sequel.candidates)
    atts, _ = attribute(text, ner_persons(doc, analyser.nlp), doc)  # no ranker: the rules' answer
    assert [a.via for a in atts if "two years" in text[a.start : a.end]] == ["split"]


@pytest.mark.parametrize(("text", "fragment", "speakers"), [
    ("In a tense meeting on Friday, Mr. Brill and Vice President Sam Okafor called Ms. Kroll “ungrateful.”",
     "ungrateful", {"Brill", "Sam Okafor"}),
    ("Ada Kroll and Tom Brill said the pier would reopen in June.", "reopen", {"Ada Kroll", "Tom Brill"}),
    ("“We will rebuild,” said Ada Kroll and Tom Brill.", "rebuild", {"Ada Kroll", "Tom Brill"}),
    ("“We will rebuild,” Ada Kroll said, and Tom Brill agreed.", "rebuild", {"Ada Kroll"}),
    ("Tom Brill met Ada Kroll, and Sam Okafor said the talks had failed.", "talks", {"Sam Okafor"}),
])
def test_co_speakers_are_named_both(analyser: Analyser, text: str, fragment: str, speakers: set[str]) -> None:
    """Two people joined by "and" in the subject of the speech verb both said it; a name that
    ends another clause ("met Ada Kroll, and Sam Okafor said") is not a speaker."""
    analysis = analyser.analyse(Article(id="a", source="t", fingerprint="a", text=text), analyser.parse(text))
    att = next(a for a in analysis.attributions if fragment in text[a.start : a.end])
    assert {att.speaker_text, *(text[a:b] for a, b in att.also)} == speakers


def test_co_speakers_in_the_output(tmp_path) -> None:
    """The quote's speaker reads "X and Y", canonical names, in the text's order."""
    from newsloom import analyze

    path = tmp_path / "a.txt"
    path.write_text("Harbour row deepens\n\nIn a tense meeting on Friday, Mayor Tom Brill and Vice President Sam "
                    "Okafor called Ms. Kroll “ungrateful.”\n\nTom Brill has led the council since May.\n",
                    encoding="utf-8")
    result = analyze([str(path)], db=str(tmp_path / "a.db"))
    quote = next(q for q in result.quotes if q.text == "ungrateful")
    assert quote.speaker == "Tom Brill and Sam Okafor"


@pytest.mark.parametrize(("text", "fragment", "kind"), [
    ("During his address on the platform “Harbour Talk,” Brill said that Kroll was willing to meet.",
     "Harbour Talk", None),
    ("Kroll called for “a better future,” and joint projects like “Mars exploration,” even posting an image.",
     "Mars exploration", "partial"),
    ("Protesters chanted “Save Our Pier,” and the mayor left.", "Save Our Pier", "direct"),
])
def test_where_a_quotation_sits_in_its_sentence(analyser: Analyser, text: str, fragment: str,
                                                kind: str | None) -> None:
    """A title-case name after a noun ("the platform “…,”") is no quotation; a quotation after
    a preposition ("like “…,”") is partial, not a sentence of its own; a cue keeps it one."""
    analysis = analyser.analyse(Article(id="a", source="t", fingerprint="a", text=text), analyser.parse(text))
    kinds = [a.kind for a in analysis.attributions if text[a.start : a.end] == fragment]
    assert kinds == ([kind] if kind else [])


@pytest.mark.parametrize(("text", "report", "speaker"), [
    ("In a statement, the harbour board said the pier would reopen in June.", "the pier would reopen in June",
     "the harbour board"),
    ("The mayor argues the plan is far too costly for a small town.", "the plan is far too costly for a small town",
     "The mayor"),
    ("The golf club, Ada Kroll said, is doing much better than last year.", None, None),
    ("Ada Kroll did not say the council would appeal the ruling next week.", None, None),
    ("On Monday, Ada Kroll did not say whether the council would appeal.", None, None),
    ("Police found that the door of the shed had been forced.", None, None),
    ("The audit found that the board overspent by a third.", "the board overspent by a third", "The audit"),
])
def test_reported_speech_by_the_parse(analyser: Analyser, text: str, report: str | None,
                                      speaker: str | None) -> None:
    """A reporting verb in any tense with a clausal complement reports it (the span is the
    clause alone); a denial or a "whether" reports nothing; "found" reports only for a document."""
    analysis = analyser.analyse(Article(id="a", source="t", fingerprint="a", text=text), analyser.parse(text))
    got = [(text[a.start : a.end], a.speaker_text) for a in analysis.attributions
           if a.kind == "indirect" and "indirect-parse" in ids(a.via)]
    assert got == ([(report, speaker)] if report else [])


def test_a_coordinated_verb_keeps_the_subject_of_its_own_series(analyser: Analyser) -> None:
    """"Lune has ruled out A, expressed doubt that Vetra can take back B, and called C a “…”":
    the parse hangs "called" on "take" (inside the that-clause), but a past form does not
    coordinate with a bare infinitive after "can": the speaker is the series' subject."""
    text = ("In a series of statements, Lune has ruled out membership for Vetra, publicly expressed doubt that "
            "Vetra can take back its territories, and called Vetran President Ada Kroll a “dictator.”")
    analysis = analyser.analyse(Article(id="a", source="t", fingerprint="a", text=text), analyser.parse(text))
    (att,) = [a for a in analysis.attributions if text[a.start : a.end] == "dictator"]
    assert att.speaker_text == "Lune"


def test_the_ranker_ships_with_the_package() -> None:
    """The weights load, and the package data carries them (a wheel without them would fall
    back to the rules' answers unnoticed)."""
    from pathlib import Path

    from newsloom.quotes.rank import shipped

    ranker = shipped()
    assert ranker is not None and len(ranker.weights) > 20
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"quotes/*.json"' in pyproject
