"""Tests for newsloom.nlp.encoder (the transformer pipeline's parts) and for
``en_newsloom_trf`` when it is shipped. Sentences are invented for these tests.
"""

from __future__ import annotations

import itertools

import pytest

torch = pytest.importorskip("torch")
np = pytest.importorskip("numpy")

from newsloom.nlp import MODELS_DIR, TRF_MODEL_NAME, load  # noqa: E402
from newsloom.nlp.encoder import (  # noqa: E402
    MAX_PIECES,
    Labels,
    Model,
    WordPiece,
    case_of,
    decode_bio,
    decode_tree,
    pack_state,
    unpack_state,
    windows,
)

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "mayor", "of", "vel", "##maro", ",", ".", "said",
         "cafe", "“", "”", "a"]

needs_trf = pytest.mark.skipif(
    not (MODELS_DIR / TRF_MODEL_NAME / "meta.json").is_file(), reason="en_newsloom_trf not built"
)


def test_word_pieces_lowercase_strip_accents_and_split_punctuation() -> None:
    wp = WordPiece(VOCAB)
    ids = {p: i for i, p in enumerate(VOCAB)}
    assert wp.pieces("Velmaro") == (ids["vel"], ids["##maro"])
    assert wp.pieces("Café") == (ids["cafe"],)
    assert wp.pieces("mayor,") == (ids["mayor"], ids[","])
    assert wp.pieces("Zzyzx") == (ids["[UNK]"],)  # no piece covers it: one unknown
    assert wp.pieces("   ") == ()


def test_case_classes() -> None:
    assert [case_of(w) for w in ("the", "Velmaro", "NATO", "iPhone", "42", "—")] == [1, 2, 3, 4, 5, 5]


def test_windows_stay_under_the_limit_and_prefer_sentence_breaks() -> None:
    wp = WordPiece(VOCAB)
    words = ["the", "mayor", "of", "Velmaro", "said", "."] * 60  # 420 pieces
    breaks = [i > 0 and words[i - 1] == "." for i in range(len(words))]
    wins = windows(wp, words, breaks)
    assert len(wins) >= 2
    assert [t for w in wins for t in w.tokens] == list(range(len(words)))
    for w in wins:
        assert len(w.pieces) <= MAX_PIECES
        assert w.pieces[0] == wp.cls and w.pieces[-1] == wp.sep
        assert len(w.first) == len(w.tokens)
    assert all(words[w.tokens[0] - 1] == "." for w in wins[1:])  # cut after a full stop


def test_whitespace_tokens_have_no_piece() -> None:
    wp = WordPiece(VOCAB)
    (win,) = windows(wp, ["the", "\n\n", "mayor"])
    assert win.first[1] == -1 and win.first[0] >= 0 and win.first[2] >= 0


def _is_tree(heads: list[int]) -> bool:
    roots = [i for i, h in enumerate(heads) if h == i]
    if len(roots) != 1:
        return False
    for i in range(len(heads)):
        seen, v = set(), i
        while heads[v] != v:
            if v in seen:
                return False
            seen.add(v)
            v = heads[v]
    return True


def _score(scores: np.ndarray, heads: list[int]) -> float:
    logp = scores - np.logaddexp.reduce(scores, axis=1, keepdims=True)
    return float(sum(logp[i, h] for i, h in enumerate(heads)))


@pytest.mark.parametrize("seed", range(30))
def test_decode_tree_is_the_best_single_root_tree(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 6))
    scores = rng.normal(size=(n, n)) * 3
    heads = decode_tree(scores)
    assert _is_tree(heads)
    best = max((h for h in itertools.product(range(n), repeat=n) if _is_tree(list(h))),
               key=lambda h: _score(scores, list(h)))
    assert _score(scores, heads) == pytest.approx(_score(scores, list(best)))


def test_decode_tree_breaks_cycles_on_longer_sentences() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        scores = rng.normal(size=(25, 25)) * 4
        assert _is_tree(decode_tree(scores))


def test_decode_bio_never_starts_an_entity_with_inside() -> None:
    labels = ["O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG"]
    scores = np.array([[0, 0, 5, 0, 0], [0, 0, 5, 0, 0], [0, 0, 0, 0, 5], [5, 0, 0, 0, 0]], dtype=float)
    out = decode_bio(scores, labels)
    assert out[0] != "I-PERSON"
    for prev, cur in itertools.pairwise(["O", *out]):
        if cur.startswith("I-"):
            assert prev[2:] == cur[2:]


def test_packed_weights_round_trip_closely() -> None:
    model = Model(Labels(["NN", "VB"], ["POS=NOUN"], ["ROOT", "nsubj"], ["O", "B-PERSON", "I-PERSON"]),
                  vocab=len(VOCAB), dim=32, layers=1, heads=4, inner=64, arc=16, rel=8)
    state = model.state_dict()
    packed = pack_state(state)
    assert packed["words.int8"].dtype == torch.int8
    back = unpack_state(packed)
    assert set(back) == set(state)
    for name, value in state.items():
        assert torch.allclose(back[name], value, atol=value.abs().max().item() / 100 + 1e-3), name


@needs_trf
def test_trf_pipeline_tags_parses_and_finds_entities() -> None:
    nlp = load(TRF_MODEL_NAME)
    assert nlp.pipe_names[0] == "newsloom_encoder" and "lemmatizer" in nlp.pipe_names
    doc = nlp("Foreign Minister Ilsa Brandvold met the head of Norvik Shipping in Tallinn on Monday. "
              "She said the talks went well.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Ilsa Brandvold", "PERSON") in ents
    assert ("Tallinn", "LOC") in ents
    assert ("Monday", "DATE") in ents
    assert any(label == "ORG" and "Norvik" in text for text, label in ents)
    sents = list(doc.sents)
    assert len(sents) == 2
    assert all(s.root.dep_ == "ROOT" for s in sents)
    met = next(t for t in doc if t.text == "met")
    assert met.dep_ == "ROOT" and met.tag_ == "VBD" and met.lemma_ == "meet"
    said = next(t for t in doc if t.text == "said")
    assert [c.text for c in said.children if c.dep_ == "nsubj"] == ["She"]


@needs_trf
def test_trf_pipeline_handles_whitespace_and_long_text() -> None:
    nlp = load(TRF_MODEL_NAME)
    text = "The council met.\n\n  It voted.  " + "The harbour plan passed after a long debate. " * 80
    doc = nlp(text)
    assert doc.text == text
    assert all(t.head.i == t.i or t.pos_ != "SPACE" or t.head.pos_ != "SPACE" for t in doc)
    assert sum(1 for s in doc.sents) >= 80


@needs_trf
def test_trf_model_drives_quotes_and_entities() -> None:
    from newsloom import attribution
    from newsloom.model import Article
    from newsloom.nlp import finds_entities

    trf = attribution.Analyser(TRF_MODEL_NAME)
    assert finds_entities(trf.nlp) and trf.nlp.meta["name"] == "newsloom_trf"
    text = ("Harbour chief Halvard Ness said on Tuesday that the new quay would open in May.\n\n"
            "“It is on budget, and it is on time,” Ness told reporters in Velmaro.\n\n"
            "“We will not wait,” he added.")
    analysis = trf.analyse(Article(id="t", source="t", fingerprint="t", text=text), trf.parse(text))
    direct = [a for a in analysis.attributions if a.kind == "direct"]
    assert [text[a.start:a.end] for a in direct][0].startswith("It is on budget")
    assert {a.speaker_text for a in direct} <= {"Ness", "Halvard Ness"} and len(direct) == 2
    assert any(e.name == "Halvard Ness" for e in analysis.entities)


@needs_trf
def test_trf_frames_around_misparsed_quotations() -> None:
    """Parses that hang the frame on the quotation's own verb, or make a participle the root."""
    from newsloom import attribution
    from newsloom.model import Article

    trf = attribution.Analyser(TRF_MODEL_NAME)
    text = ("A spokeswoman for the Lune Harbour Board emailed reporters a copy of the by-law, arguing, “As anyone "
            "can read, the rule they quote says nothing about night fishing.”\n\n"
            "The size of the deficit does not surprise economist Rana Patel: “Ports always overspend in "
            "election years.”\n\nCouncillor Abel Dray left the meeting early. The Lune councillor emailed "
            "supporters saying: “The fight goes on.”")
    analysis = trf.analyse(Article(id="t", source="t", fingerprint="t", text=text), trf.parse(text))
    names = {(m.start, m.end): e.name for e in analysis.entities for m in e.mentions}
    got = {text[a.start : a.end][:12]: names.get((a.speaker_start, a.speaker_end), a.speaker_text)
           for a in analysis.attributions if a.kind == "direct"}
    assert got == {"As anyone ca": "A spokeswoman", "Ports always": "Rana Patel", "The fight go": "Abel Dray"}


@needs_trf
def test_trf_without_torch_names_the_extra(monkeypatch) -> None:
    import sys

    from newsloom.nlp import ModelNotFoundError

    monkeypatch.setitem(sys.modules, "torch", None)  # import torch fails
    monkeypatch.delitem(sys.modules, "newsloom.nlp.encoder")
    monkeypatch.delattr(sys.modules["newsloom.nlp"], "encoder")  # `from newsloom.nlp import encoder` reads it
    load.cache_clear()
    try:
        with pytest.raises(ModelNotFoundError, match=r"newsloom\[trf\]"):
            load(TRF_MODEL_NAME)
    finally:
        load.cache_clear()
