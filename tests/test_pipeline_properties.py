"""Properties of the whole pipeline on generated articles (issue 9): it never raises, every
offset lies inside the text, every quote is ``text[start:end]``, and every article a summary
sentence cites carries that sentence."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

import newsloom

NAMES = ["Ana Pohl", "Tomas Reyes", "the mayor", "Ida Kern", "he", "officials"]
PIECES = st.one_of(
    st.sampled_from([
        "“We will not wait any longer,” said {n}.", "{n} said: “The plan is ready.”",
        "The council met last Friday and approved $4.5 million for the bridge.",
        "Prices rose 2.3% in March, according to {n}.", "“Unbalanced quote, {n} said.",
        "Talks resume next week in Orlen, {n} told reporters.", "It called the offer “an insult”.",
        "KESTREL BAY (AP) — Ferries stopped on Sunday.", "Nearly three years ago the port closed.",
        "„Nested “quotes” here“ and ‘single’ ones.", "No punctuation at all here just words",
    ]).map(lambda s: s.replace("{n}", NAMES[len(s) % len(NAMES)])),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=80),
)
ARTICLE = st.lists(st.lists(PIECES, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=6).map("\n\n".join)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(ARTICLE, min_size=1, max_size=4), st.sampled_from([None, "2025-03-10"]))
# Found by CI: two records with one text and two ids are two articles; a summary sentence
# glued to a trailing fragment still cites the article carrying it without the fragment.
@example(["“We will not wait any longer,” said he."] * 2, None)
@example(["Prices rose 2.3% in March, according to the mayor. Ana Pohl said: “The plan is ready.”",
          "“We will not wait any longer,” said he.\n\nPrices rose 2.3% in March, according to the "
          "mayor. 000000\n\nAna Pohl said: “The plan is ready.”"], None)
@example(["111111111 The council met last Friday and approved $4.5 million for the bridge. “We will not wait "
          "any longer,” said he.", "“We will not wait any longer,” said he.\n\n“We will not wait any longer,” said "
          "he. 0000000\n\nThe council met last Friday and approved $4.5 million for the bridge."], None)
def test_pipeline_invariants(tmp_path_factory, texts, published):
    path = tmp_path_factory.mktemp("prop") / "batch.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"p{i}", "text": t, "published": published})
                              for i, t in enumerate(texts)))
    result = newsloom.analyze([path])  # must not raise
    arts = {a.id: a for a in result.articles}
    assert len(result.articles) + len(result.rejected) == len(texts)
    for a in result.articles:
        for span in [*a.dates, *a.figures]:
            assert 0 <= span.start <= span.end <= len(a.text)
            assert a.text[span.start:span.end] == span.text
    for q in result.quotes:
        text = arts[q.article_id].text
        assert 0 <= q.start <= q.end <= len(text) and text[q.start:q.end] == q.text
    for story in result.stories:
        for s in story.summary:
            for a_id in s.article_ids:
                # the contract: the cited article carries the sentence near-verbatim (≥ 0.9);
                # a paragraph break ends a sentence ("0000000\n\nThe council met…")
                sentences = [x for para in arts[a_id].text.split("\n")
                             for x in re.split(r"(?<=[.!?”])\s+", _norm(para))]
                assert max(fuzz.ratio(_norm(s.text), x) for x in sentences) >= 90 \
                    or _norm(s.text) in _norm(arts[a_id].text)
