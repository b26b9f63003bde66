"""Tests for newsloom.nlp: the shipped en_newsloom pipeline and its rule components.

Sentences are invented for these tests.
"""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from newsloom.nlp import (  # noqa: E402
    DEFAULT_MODEL_PATH,
    ModelNotFoundError,
    common_words,
    drop_unsupported,
    headline_lines,
    load,
    parse,
    positional_capital,
)

needs_model = pytest.mark.skipif(
    not (DEFAULT_MODEL_PATH / "meta.json").is_file(), reason="en_newsloom model not built"
)


@pytest.fixture(scope="module")
def nlp():
    return load()


def test_unknown_model_raises() -> None:
    with pytest.raises(ModelNotFoundError, match="no_such_model"):
        load("no_such_model")


@needs_model
def test_load_is_cached(nlp) -> None:
    assert load() is nlp
    assert nlp.meta["name"] == "newsloom"
    assert {"parser", "ner", "lemmatizer", "newsloom_numeric"} <= set(nlp.pipe_names)


@needs_model
def test_person_after_title(nlp) -> None:
    doc = nlp("Finance Minister Lena Vortigern said on Tuesday that the budget would pass.")
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    assert [p.text for p in persons] == ["Lena Vortigern"]
    assert persons[0]._.title is not None
    assert persons[0]._.title.text == "Finance Minister"
    assert any(e.label_ == "DATE" and e.text == "Tuesday" for e in doc.ents)


@needs_model
def test_long_title_is_not_part_of_name(nlp) -> None:
    doc = nlp("Secretary of State Oren Maltravers arrived in Vienna late on Sunday.")
    persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert persons == ["Oren Maltravers"]
    assert [t.text for t in doc.spans["TITLE"]] == ["Secretary of State"]


@needs_model
def test_sentences_and_root(nlp) -> None:
    doc = nlp("The council met in the morning. It approved the new harbour plan. Critics objected.")
    sents = list(doc.sents)
    assert len(sents) == 3
    for sent in sents:
        assert sent.root.dep_ == "ROOT"
    assert doc[2].lemma_ == "meet"


@needs_model
def test_parse_by_paragraph_keeps_text_and_roots(nlp) -> None:
    text = ("  HARWICK — The ferry council met on Monday.\n\nMayor Ada Kroll said the plan was sound."
            "\nCritics objected\xa0loudly.\n\n")
    doc = parse(nlp, text)
    assert doc.text == text.replace("\xa0", " ")  # same offsets; a no-break space is no token
    assert "objected" in [t.text for t in doc]
    for t in doc:  # offsets are the text's own
        assert doc.text[t.idx : t.idx + len(t.text)] == t.text
    sents = [s for s in doc.sents if not s.text.isspace()]
    assert all(not s.root.is_space and s.root.dep_ == "ROOT" for s in sents)
    kroll = doc.char_span(text.index("Ada"), text.index(" said"))
    assert kroll is not None and kroll.root.dep_ == "nsubj"
    assert "Ada Kroll" in [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert parse(nlp, "").text == ""
    assert parse(nlp, "One line only.").text == "One line only."


def _persons(nlp, text: str, *names: str):
    """``text`` as a Doc (a sentence starts after each full stop) whose entities are PERSON
    spans over the first occurrence of each of ``names``."""
    doc = nlp.make_doc(text)
    for t in doc:
        t.is_sent_start = t.i == 0 or doc[t.i - 1].text == "."
    doc.ents = [doc.char_span(text.index(n), text.index(n) + len(n), "PERSON") for n in names]
    return doc


@needs_model
@pytest.mark.parametrize(("text", "names", "dropped"), [
    ("Cranes were moving again on Tuesday.", ["Cranes"], True),  # a common word, first in the sentence
    ("The ferry was late. Tickets cost more.", ["Tickets"], True),
    ("PORT SELBY (AP) — Cargo piled up on the quay.", ["Cargo"], True),  # after a dateline's dash
    ("“Automation came too fast,” he said.", ["Automation"], True),  # after an opening quotation mark
    ("Price said no. The chair, Wanda Price, agreed.", ["Price", "Wanda Price"], False),  # a longer name
    ("Price said no. Reporters asked Price again.", ["Price"], False),  # capitalised mid-sentence
    ("Reporters asked Brook about the vote.", ["Brook"], False),  # mid-sentence: a name
    ("Vossberg said no.", ["Vossberg"], False),  # no common word
    ("Hills 3 ( Marsh 10 ) Dunmore 1", ["Marsh"], False),  # a bracket opens lists of names
])
def test_common_words_capitalised_by_their_place_are_no_names(nlp, text: str, names: list[str],
                                                               dropped: bool) -> None:
    common = common_words(nlp)
    assert {"cargo", "crane", "ticket", "marsh"} <= common
    assert positional_capital(_persons(nlp, text, *names).ents[0], common) is dropped


def test_headline_lines() -> None:
    text = ("Harbour Chief Was Ousted After Crane Collapse\n\nPORT SELBY — The harbour chief was removed."
            "\nHARBOUR CHIEF OUSTED\nDorian Thrace, Vera Lund and Ada Kroll met in Selby on Monday morning."
            "\nBy Ada Kroll and Vera Lund\n(Reporting by Ada Kroll; Editing by Tomas Rieck)"
            "\nAda Kroll reported from Selby Port, and Vera Lund from Harwick Bay, Norland.")
    assert [text[a:b] for a, b in headline_lines(text)] == [
        "Harbour Chief Was Ousted After Crane Collapse", "HARBOUR CHIEF OUSTED"]


@needs_model
def test_names_only_a_headline_writes_are_dropped(nlp) -> None:
    text = ("Crane Collapse Ends Harbour Career as Thrace Walks\n\nDorian Thrace, the harbour chief, left Selby Port."
            "\nNew Thrace Era Begins at Selby Port\nCrane Collapse Victims Demand Answers")
    doc = _persons(nlp, text, "Thrace Walks", "Dorian Thrace", "New Thrace")
    doc.ents = [*doc.ents, *(doc.char_span(text.index(w), text.index(w) + len(w), "ORG")
                             for w in ("Selby Port", "Crane Collapse Victims"))]
    # kept when the body writes it, cut to the words it writes, never to a lone common word
    assert [e.text for e in drop_unsupported(nlp, doc).ents] == ["Thrace", "Dorian Thrace", "Selby Port"]


@needs_model
def test_parse_drops_positional_persons(nlp) -> None:
    text = "Cranes were moving again at the harbour on Tuesday after the strike ended.\n\nDockers cheered."
    doc = parse(nlp, text)
    assert not any(positional_capital(e, common_words(nlp)) for e in doc.ents)
    assert "Cranes" not in [e.text for e in doc.ents if e.label_ == "PERSON"]


@needs_model
def test_numeric_entities(nlp) -> None:
    doc = nlp(
        "On Feb. 13, 2025, the shares rose 2.3% to $75.25 after a 90 minutes meeting "
        "attended by three ministers and 1,200 workers."
    )
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Feb. 13, 2025", "DATE") in ents
    assert ("2.3%", "PERCENT") in ents
    assert ("$75.25", "MONEY") in ents
    assert ("90 minutes", "TIME") in ents
    assert ("three", "CARDINAL") in ents
    assert ("1,200", "CARDINAL") in ents


@needs_model
def test_numeric_patterns_as_flags_match_as_declared(nlp) -> None:
    """The matcher runs the patterns' word tests as lexeme flags: the same matches as the
    patterns written out, on every kind of number and date."""
    from spacy.matcher import Matcher

    from newsloom.nlp.components import PATTERNS, _as_flags

    declared, flagged = Matcher(nlp.vocab), Matcher(nlp.vocab, validate=False)
    for label, patterns in PATTERNS.items():
        declared.add(label, patterns)
    for label, patterns in _as_flags(nlp.vocab, PATTERNS).items():
        flagged.add(label, patterns)
    doc = nlp.make_doc(
        "On Tuesday, March 3, 2026 at 5:30 p.m. EST, and again on the 4th of May, 2025, in the 1990s, "
        "in fiscal 2027, last week, two years ago, the 30-day window, 10 o'clock, this morning, "
        "US$ 2.5 billion, EUR 40 million, 12 dollars, 3.5% or 12 percent or 4 per cent or 2 percentage points, "
        "40 km, 12-ton trucks, the third and 21st, dozens of people, 1,200 workers, May 12 and 12 May.")
    assert sorted(flagged(doc)) == sorted(declared(doc)) and len(declared(doc)) > 30
    flags = len(nlp.vocab.lex_attr_getters)
    _as_flags(nlp.vocab, PATTERNS)  # a second build (another component on this vocab) reuses them
    assert len(nlp.vocab.lex_attr_getters) == flags


def test_numeric_patterns_stay_as_written_when_no_flag_is_left() -> None:
    """A vocabulary whose 63 flag bits are taken keeps the tests as the patterns declare them."""
    from spacy.vocab import Vocab

    from newsloom.nlp.components import PATTERNS, _as_flags

    vocab = Vocab()
    while True:
        try:
            vocab.add_flag(lambda word: False)
        except ValueError:
            break
    assert _as_flags(vocab, PATTERNS) == PATTERNS


@needs_model
def test_dateline_and_curly_quotes(nlp) -> None:
    doc = nlp("VELMARO — “We won’t sign,” the negotiator told reporters last Friday.")
    assert doc.ents[0].text == "VELMARO" and doc.ents[0].label_ == "LOC"
    assert [t.text for t in doc[4:6]] == ["wo", "n’t"]
    assert any(e.text == "last Friday" and e.label_ == "DATE" for e in doc.ents)
    glued = nlp("VELMARO—“We won’t sign,” she said.")
    assert [t.text for t in glued[:4]] == ["VELMARO", "—", "“", "We"]


def _proper_doc(words: list[str], label: str, start: int, end: int):
    """A doc of ``words`` (capitalised ones proper nouns) with one entity, as NER left it."""
    from spacy.tokens import Doc, Span

    doc = Doc(spacy.blank("en").vocab, words=words)
    for t in doc:
        t.pos_ = "PROPN" if t.text[:1].isupper() else "VERB"
    doc.ents = [Span(doc, start, end, label=label)]
    return doc


@pytest.mark.parametrize(("words", "label", "person", "title"), [
    ("Senate Majority Whip Wes Tamaki spoke".split(), "ORG", "Wes Tamaki", "Senate Majority Whip"),
    ("House Budget Republican Ada Kroll spoke".split(), "ORG", "Ada Kroll", "House Budget Republican"),
    ("Wes Tamaki spoke".split(), "LOC", "Wes Tamaki", None),
    ("Virginia Beach flooded".split(), "LOC", None, None),
    ("Ada Kroll Foundation spoke".split(), "ORG", None, None),
])
def test_titles_relabel_persons_ner_mislabelled(words, label, person, title) -> None:
    from newsloom.nlp.components import newsloom_titles

    end = len(words) - 1
    doc = newsloom_titles(_proper_doc(words, label, 0, end))
    persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert persons == ([person] if person else [])
    assert [t.text for t in doc.spans["TITLE"]] == ([title] if title else [])
